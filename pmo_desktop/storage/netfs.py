"""Is a database file on a network filesystem? (DESIGN.md §6: never WAL there, one writer.)

SQLite's own documentation: WAL needs shared memory, which network filesystems do not
provide, and their byte-range locks are often broken. Detection per platform: Linux reads
`/proc/self/mountinfo` (the mount with the longest mount point above the file), Windows asks
`GetDriveTypeW` and treats UNC paths as remote, macOS reads `statfs`. Users whose share is not
detected set `PMO_ASSUME_NETWORK_FS=1` (or `0` to declare a path local).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

#: Environment variable forcing the answer: "1" network filesystem, "0" local disk.
ASSUME_NETWORK_ENV = "PMO_ASSUME_NETWORK_FS"

#: Linux filesystem types whose locking SQLite cannot trust (network or host-shared).
NETWORK_FS_TYPES = frozenset(
    {
        "9p",
        "afs",
        "beegfs",
        "ceph",
        "cifs",
        "coda",
        "davfs",
        "fuse.davfs2",
        "fuse.gvfsd-fuse",
        "fuse.rclone",
        "fuse.s3fs",
        "fuse.sshfs",
        "fuse.glusterfs",
        "glusterfs",
        "gpfs",
        "lustre",
        "ncpfs",
        "nfs",
        "nfs4",
        "smb3",
        "smbfs",
        "sshfs",
        "vboxsf",
        "virtiofs",
    }
)
#: macOS `f_fstypename` values of network filesystems.
MACOS_NETWORK_FS_TYPES = frozenset({"smbfs", "nfs", "afpfs", "webdav", "cifs", "ftp"})
_MOUNTINFO = Path("/proc/self/mountinfo")


@dataclass(frozen=True)
class FileSystemInfo:
    """Where a file lives: whether it is a network filesystem, and why we think so."""

    network: bool
    fs_type: str
    mount_point: str = ""
    reason: str = ""

    @property
    def description(self) -> str:
        where = f" mounted on {self.mount_point}" if self.mount_point else ""
        kind = "network" if self.network else "local"
        return f"{kind} ({self.fs_type}{where}{'; ' + self.reason if self.reason else ''})"


def detect_filesystem(path: Path) -> FileSystemInfo:
    """The filesystem holding `path` (the file need not exist yet: its folder decides)."""
    forced = os.environ.get(ASSUME_NETWORK_ENV, "").strip()
    if forced in ("1", "0"):
        return FileSystemInfo(
            network=forced == "1", fs_type="assumed", reason=f"{ASSUME_NETWORK_ENV}={forced}"
        )
    if is_unc_path(str(path)):
        return FileSystemInfo(network=True, fs_type="unc", reason="UNC path")
    resolved = _resolve(path)
    if sys.platform.startswith("linux"):
        try:
            text = _MOUNTINFO.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return FileSystemInfo(network=False, fs_type="unknown", reason="no mountinfo")
        return filesystem_from_mountinfo(text, resolved)
    if sys.platform == "win32":
        return _windows_filesystem(resolved)
    if sys.platform == "darwin":
        return _macos_filesystem(resolved)
    return FileSystemInfo(network=False, fs_type="unknown")


def _resolve(path: Path) -> Path:
    """The real path (symlinks followed), through the nearest existing parent."""
    try:
        return path.resolve(strict=False)
    except OSError:
        return path.absolute()


def is_unc_path(text: str) -> bool:
    r"""`\\server\share\…` and `\\?\UNC\server\share\…` are remote; `\\?\C:\…` and
    device paths (`\\.\…`) are not."""
    normalised = text.replace("/", "\\")
    if not normalised.startswith("\\\\"):
        return False
    rest = normalised[2:]
    if rest.startswith(("?\\", ".\\")):
        return rest[2:].upper().startswith("UNC\\")
    server, _, share = rest.partition("\\")
    return bool(server) and bool(share.strip("\\"))


def parse_mountinfo(text: str) -> list[tuple[str, str, str]]:
    """(mount point, filesystem type, source) for each line of a mountinfo file."""
    mounts: list[tuple[str, str, str]] = []
    for line in text.splitlines():
        fields = line.split()
        if "-" not in fields or len(fields) < 7:
            continue
        separator = fields.index("-", 6)
        if separator + 2 >= len(fields):
            continue
        mounts.append(
            (_unescape(fields[4]), fields[separator + 1], _unescape(fields[separator + 2]))
        )
    return mounts


def _unescape(field: str) -> str:
    r"""mountinfo escapes space, tab, newline and backslash as \040, \011, \012, \134."""
    if "\\" not in field:
        return field
    out: list[str] = []
    index = 0
    while index < len(field):
        chunk = field[index : index + 4]
        if len(chunk) == 4 and chunk[0] == "\\" and chunk[1:].isdigit():
            out.append(chr(int(chunk[1:], 8)))
            index += 4
        else:
            out.append(field[index])
            index += 1
    return "".join(out)


def filesystem_from_mountinfo(text: str, path: Path) -> FileSystemInfo:
    """The mount whose mount point is the longest prefix of `path` (the last one mounted
    wins when several share a mount point, as the kernel shows the top of the stack)."""
    best: tuple[str, str, str] | None = None
    target = path.as_posix()
    for mount in parse_mountinfo(text):
        point = mount[0]
        inside = point == "/" or target == point or target.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) >= len(best[0])):
            best = mount
    if best is None:
        return FileSystemInfo(network=False, fs_type="unknown")
    point, fs_type, source = best
    network = fs_type in NETWORK_FS_TYPES or fs_type.startswith(("nfs", "smb", "cifs"))
    return FileSystemInfo(network=network, fs_type=fs_type, mount_point=point, reason=source)


def _windows_filesystem(path: Path) -> FileSystemInfo:  # pragma: no cover - Windows only
    import ctypes

    drive_remote = 4
    anchor = path.anchor or str(path)[:3]
    if is_unc_path(anchor):
        return FileSystemInfo(network=True, fs_type="unc", reason="UNC path")
    kind = ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(anchor))  # type: ignore[attr-defined]
    return FileSystemInfo(
        network=kind == drive_remote, fs_type=f"drive type {kind}", mount_point=anchor
    )


def _macos_filesystem(path: Path) -> FileSystemInfo:  # pragma: no cover - macOS only
    import ctypes
    import ctypes.util

    mnt_local = 0x1000

    class StatFs(ctypes.Structure):
        _fields_ = [
            ("f_bsize", ctypes.c_uint32),
            ("f_iosize", ctypes.c_int32),
            ("f_blocks", ctypes.c_uint64),
            ("f_bfree", ctypes.c_uint64),
            ("f_bavail", ctypes.c_uint64),
            ("f_files", ctypes.c_uint64),
            ("f_ffree", ctypes.c_uint64),
            ("f_fsid", ctypes.c_int32 * 2),
            ("f_owner", ctypes.c_uint32),
            ("f_type", ctypes.c_uint32),
            ("f_flags", ctypes.c_uint32),
            ("f_fssubtype", ctypes.c_uint32),
            ("f_fstypename", ctypes.c_char * 16),
            ("f_mntonname", ctypes.c_char * 1024),
            ("f_mntfromname", ctypes.c_char * 1024),
            ("f_flags_ext", ctypes.c_uint32),
            ("f_reserved", ctypes.c_uint32 * 7),
        ]

    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    function = getattr(libc, "statfs$INODE64", None) or libc.statfs
    folder = path if path.is_dir() else path.parent
    result = StatFs()
    if function(os.fsencode(str(folder)), ctypes.byref(result)) != 0:
        return FileSystemInfo(network=False, fs_type="unknown", reason="statfs failed")
    fs_type = result.f_fstypename.decode(errors="replace")
    network = fs_type in MACOS_NETWORK_FS_TYPES or not result.f_flags & mnt_local
    return FileSystemInfo(
        network=network,
        fs_type=fs_type,
        mount_point=result.f_mntonname.decode(errors="replace"),
    )
