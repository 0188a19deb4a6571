"""Network filesystem detection: fixture mountinfo files, UNC paths, the override variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmo_desktop.storage.netfs import (
    ASSUME_NETWORK_ENV,
    detect_filesystem,
    filesystem_from_mountinfo,
    is_unc_path,
    parse_mountinfo,
)
from pmo_desktop.storage.shared_file import needs_lease

# A workstation with a local root, a home on ext4, SMB, NFS, sshfs and 9p shares, and a
# local disk mounted below a share (the longest mount point wins).
MOUNTINFO = """\
22 27 0:21 / /proc rw,relatime shared:5 - proc proc rw
27 1 252:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw
30 27 252:2 / /home rw,relatime shared:2 - ext4 /dev/vda2 rw
41 27 0:45 / /mnt/pmo rw,relatime shared:20 - cifs //fileserver/pmo rw,vers=3.1.1
42 41 252:3 / /mnt/pmo/local-cache rw,relatime shared:21 - xfs /dev/vdb1 rw
43 27 0:46 / /srv/nfs rw,relatime shared:22 - nfs4 nas:/export rw,vers=4.2
44 27 0:47 / /media/remote\\040share rw,nosuid shared:23 - fuse.sshfs user@host:/data rw
45 27 0:48 / /mnt/wsl rw,relatime - 9p drvfs rw
46 27 0:49 / /mnt/smb3 rw,relatime master:7 shared:9 - smb3 //srv/team rw
47 27 0:50 / /mnt/old rw - nfs oldnas:/vol rw
48 27 0:51 / /tmp rw,nosuid,nodev - tmpfs tmpfs rw
"""


@pytest.mark.parametrize(
    ("path", "network", "fs_type", "mount_point"),
    [
        ("/home/ann/portfolio.sqlite", False, "ext4", "/home"),
        ("/var/lib/pmo/portfolio.sqlite", False, "ext4", "/"),
        ("/mnt/pmo/Team/portfolio.sqlite", True, "cifs", "/mnt/pmo"),
        ("/mnt/pmo/local-cache/portfolio.sqlite", False, "xfs", "/mnt/pmo/local-cache"),
        ("/mnt/pmo-other/portfolio.sqlite", False, "ext4", "/"),  # a prefix, not a parent
        ("/srv/nfs/portfolio.sqlite", True, "nfs4", "/srv/nfs"),
        ("/media/remote share/p.sqlite", True, "fuse.sshfs", "/media/remote share"),
        ("/mnt/wsl/p.sqlite", True, "9p", "/mnt/wsl"),
        ("/mnt/smb3/p.sqlite", True, "smb3", "/mnt/smb3"),
        ("/mnt/old/p.sqlite", True, "nfs", "/mnt/old"),
        ("/tmp/p.sqlite", False, "tmpfs", "/tmp"),
    ],
)
def test_mountinfo_longest_mount_point_decides(
    path: str, network: bool, fs_type: str, mount_point: str
) -> None:
    info = filesystem_from_mountinfo(MOUNTINFO, Path(path))
    assert (info.network, info.fs_type, info.mount_point) == (network, fs_type, mount_point)


def test_mountinfo_unescapes_and_skips_malformed_lines() -> None:
    text = MOUNTINFO + "garbage line\n99 1 0:1 / /x rw - \n"
    mounts = parse_mountinfo(text)
    assert ("/media/remote share", "fuse.sshfs", "user@host:/data") in mounts
    assert all(point != "/x" for point, _fs, _source in mounts)


def test_a_stacked_mount_point_shows_the_last_mounted() -> None:
    text = MOUNTINFO + "50 41 0:60 / /mnt/pmo rw - ext4 /dev/vdc1 rw\n"
    info = filesystem_from_mountinfo(text, Path("/mnt/pmo/p.sqlite"))
    assert (info.network, info.fs_type) == (False, "ext4")


def test_a_file_from_a_real_mountinfo_fixture(tmp_path: Path) -> None:
    fixture = tmp_path / "mountinfo"
    fixture.write_text(MOUNTINFO, encoding="utf-8")
    info = filesystem_from_mountinfo(fixture.read_text(), Path("/mnt/pmo/x/y/z.sqlite"))
    assert info.network and info.description.startswith("network (cifs mounted on /mnt/pmo")


@pytest.mark.parametrize(
    ("text", "remote"),
    [
        (r"\\fileserver\pmo\portfolio.sqlite", True),
        ("//fileserver/pmo/portfolio.sqlite", True),
        (r"\\?\UNC\fileserver\pmo\portfolio.sqlite", True),
        (r"\\?\C:\Users\ann\portfolio.sqlite", False),
        (r"\\.\PhysicalDrive0", False),
        (r"\\fileserver", False),  # a server alone is not a share
        (r"C:\Users\ann\portfolio.sqlite", False),
        ("/home/ann/portfolio.sqlite", False),
    ],
)
def test_unc_rule(text: str, remote: bool) -> None:
    assert is_unc_path(text) is remote


def test_override_variable_forces_either_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.sqlite"
    monkeypatch.setenv(ASSUME_NETWORK_ENV, "1")
    assert detect_filesystem(path).network
    monkeypatch.setenv(ASSUME_NETWORK_ENV, "0")
    assert not detect_filesystem(Path("//fileserver/pmo/p.sqlite")).network


def test_this_machine_tmp_is_local(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ASSUME_NETWORK_ENV, raising=False)
    info = detect_filesystem(tmp_path / "not-yet-created.sqlite")
    assert not info.network
    assert info.fs_type not in ("unknown", "assumed")


def test_sharing_setting_decides_the_lease_for_local_files(tmp_path: Path) -> None:
    local = filesystem_from_mountinfo(MOUNTINFO, Path("/home/ann/p.sqlite"))
    share = filesystem_from_mountinfo(MOUNTINFO, Path("/mnt/pmo/p.sqlite"))
    assert not needs_lease("auto", local)
    assert not needs_lease("several-writers", local)
    assert needs_lease("single-writer", local)
    assert needs_lease("auto", share)
    assert needs_lease("several-writers", share)  # a share never has several writers
    with pytest.raises(ValueError, match="sharing must be one of"):
        needs_lease("everyone", local)
