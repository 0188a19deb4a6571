"""The board pack's Compliance section: assembled from the demo database, rendered, read back
(pdfplumber) in English and French, and one page rasterised with pdftoppm to check it is
drawn; a pack without compliance data leaves the section out."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from report_pdf import read_pdf, squash
from sqlalchemy import select

from pmo_desktop.models import Portfolio
from pmo_desktop.reports.data import PackOptions, Section
from pmo_desktop.reports.pack import render_board_pack
from pmo_desktop.services.board_pack import assemble_board_pack
from pmo_desktop.services.board_pack_compliance import compliance_digest, compliance_pair
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.services.demo import create_demo

AS_OF = date(2026, 10, 30)
ONLY = frozenset({Section.COMPLIANCE})


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Database:
    path = tmp_path_factory.mktemp("pack-compliance") / "demo.sqlite"
    database = open_database(path)
    create_demo(database.write_engine, as_of=AS_OF)
    return database


def _portfolio(database: Database) -> int:
    with database.session() as session:
        return session.scalars(select(Portfolio.id)).one()


def _render(pack: object, options: PackOptions) -> tuple[bytes, int]:
    out = io.BytesIO()
    pages = render_board_pack(pack, options, out)  # type: ignore[arg-type]
    return out.getvalue(), pages


def test_section_prints_counts_per_rule_and_worst_findings(demo: Database) -> None:
    pack = assemble_board_pack(demo, _portfolio(demo), AS_OF)
    digest = pack.compliance
    assert digest is not None and digest.previous_as_of == date(2026, 9, 30)
    data, pages = _render(pack, PackOptions(sections=ONLY))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = squash(" ".join(page.extract_text() or "" for page in pdf.pages))
        assert len(pdf.pages) == pages
    counts = digest.counts
    assert text.startswith("Board pack")
    assert "Compliance" in text and "Findings by rule" in text
    assert (
        f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} infos in "
        f"{digest.checked_projects} checked projects on 30 Oct 2026" in text
    )
    for rule in digest.rules:
        assert rule.titles["en"] in text
    assert "Data Centre Exit to Cloud has no approved baseline." in text
    assert "Worst findings per project" in text and "… and" in text
    # Worst projects first: the two projects without a baseline lead the table.
    first_codes = [line.code for line in digest.projects[:3]]
    assert {"DIG-02", "STD-01"} <= set(first_codes)
    assert text.index("STD-01") < text.index("OPS-01")
    read = read_pdf(data)
    assert [title for _, title, _ in read.outline] == ["Compliance"]


def test_french_section_and_a_page_rasterised(demo: Database, tmp_path: Path) -> None:
    pack = assemble_board_pack(demo, _portfolio(demo), AS_OF)
    data, _ = _render(pack, PackOptions(language="fr", sections=ONLY | {Section.CONTENTS}))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = squash(" ".join(page.extract_text() or "" for page in pdf.pages))
    assert "Conformité" in text and "Constats par règle" in text
    assert "Projet sans référence approuvée" in text
    assert "n’a pas de référence (baseline) approuvée" in text
    assert "Au 30 sept. 2026" in text
    pdf_path = tmp_path / "compliance.pdf"
    pdf_path.write_bytes(data)
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed")
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "60",
            "-png",
            "-f",
            "2",
            "-l",
            "2",
            str(pdf_path),
            str(tmp_path / "page"),
        ],
        check=True,
        timeout=60,
    )
    image = next(tmp_path.glob("page*.png"))
    assert image.stat().st_size > 10_000  # tables and colour fills, not a blank page
    shutil.copy(image, "/tmp/O-pack-compliance-fr.png")


def test_selection_without_findings_and_without_compliance(demo: Database) -> None:
    portfolio_id = _portfolio(demo)
    pack = assemble_board_pack(demo, portfolio_id, AS_OF, compliance=False)
    assert pack.compliance is None
    data, _ = _render(pack, PackOptions(sections=ONLY | {Section.SUMMARY}))
    assert "Compliance" not in squash(" ".join(read_pdf(data).texts))
    # A closed project is not checked: no finding, the section says so.
    with demo.session() as session:
        from pmo_desktop.models import Project

        closed = session.scalars(select(Project.id).where(Project.code == "ERP-02")).one()
    current, previous = compliance_pair(demo, portfolio_id, AS_OF, project_ids=[closed])
    digest = compliance_digest(current, previous)
    assert digest.projects == () and digest.checked_projects == 0
    from dataclasses import replace

    data, _ = _render(replace(pack, compliance=digest), PackOptions(sections=ONLY))
    assert "No finding: every checked project follows the rules." in squash(
        " ".join(read_pdf(data).texts)
    )


def test_digest_keeps_the_worst_and_counts_the_rest(demo: Database) -> None:
    current, previous = compliance_pair(demo, _portfolio(demo), AS_OF)
    digest = compliance_digest(current, previous, worst_per_project=1, max_projects=2)
    assert len(digest.projects) == 2
    assert digest.projects_omitted == len({f.project_id for f in current.findings}) - 2
    for line in digest.projects:
        assert len(line.worst) == 1
        assert line.more == sum(line.counts.values()) - 1
        assert line.worst[0].severity == "error"
    assert sum(rule.count for rule in digest.rules) == len(current.findings)
