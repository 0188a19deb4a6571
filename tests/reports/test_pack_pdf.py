"""The board pack PDF read back: structure, contents page, running header and footer,
project pages, formats, printable area, paper sizes, progress and cancellation."""

from __future__ import annotations

import dataclasses
import io
import itertools
import re
from decimal import Decimal

import pytest
from pack_factory import make_pack, make_page, make_summary
from report_pdf import ReadPack, chars_outside, english_date, read_pdf, squash

from pmo_desktop.models.enums import Rag
from pmo_desktop.reports.data import PackOptions, PortfolioPack, Section
from pmo_desktop.reports.pack import render_board_pack

MM = 72 / 25.4
SECTION_TITLES = (
    "Executive summary",
    "Portfolio overview",
    "Projects",
    "Resource loading by role",
    "Portfolio risks",
    "Decisions required",
    "Appendix",
)
WORDS = {Rag.RED: "Red", Rag.AMBER: "Amber", Rag.GREEN: "Green"}


def render(pack: PortfolioPack, options: PackOptions | None = None) -> tuple[int, ReadPack]:
    out = io.BytesIO()
    pages = render_board_pack(pack, options or PackOptions(), out)
    return pages, read_pdf(out.getvalue())


@pytest.fixture(scope="module")
def english() -> tuple[PortfolioPack, int, ReadPack]:
    pack = make_pack(3)
    pages, read = render(pack)
    return pack, pages, read


def project_pages(read: ReadPack, pack: PortfolioPack) -> dict[str, str]:
    """Each project's code → the text of its pages (from its bookmark to the next one)."""
    starts = [page for level, _, page in read.outline if level == 1]
    assert len(starts) == len(pack.pages)
    ends = [*starts[1:], read.outline_page("Resource loading by role")]
    return {
        page.summary.code: " ".join(read.page_text(number) for number in range(start, end))
        for page, start, end in zip(pack.pages, starts, ends, strict=True)
    }


def test_outline_lists_sections_in_order_and_every_project(english) -> None:
    pack, pages, read = english
    top = [title for level, title, _ in read.outline if level == 0]
    assert top == ["Contents", *SECTION_TITLES]
    projects = [title for level, title, _ in read.outline if level == 1]
    assert projects == [f"{page.summary.code} — {page.summary.name}" for page in pack.pages]
    numbers = [page for _, _, page in read.outline]
    assert numbers == sorted(numbers)
    assert read.pages == pages


def test_each_project_takes_one_or_two_pages_and_pages_grow_with_projects(english) -> None:
    _, pages, read = english
    starts = [page for level, _, page in read.outline if level == 1]
    spans = [after - before for before, after in itertools.pairwise(starts)]
    spans.append(read.outline_page("Resource loading by role") - starts[-1])
    assert all(span in (1, 2) for span in spans)
    single_pages, _ = render(make_pack(1))
    assert pages - single_pages >= sum(spans[1:])


def test_contents_page_gives_the_page_of_every_heading(english) -> None:
    _, _, read = english
    contents = read.page_text(read.outline_page("Contents"))
    for _level, title, page in read.outline:
        if title == "Contents":
            continue
        match = re.search(re.escape(squash(title)) + r"[ .]*?(\d+)(?!\d)", contents)
        assert match is not None, title
        assert int(match.group(1)) == page, title
        if title != "Projects":  # a bookmark group: the projects' own pages follow
            assert squash(title).split(" — ")[-1] in read.page_text(page)


def test_every_page_has_the_running_header_and_footer(english) -> None:
    pack, pages, read = english
    for number in range(1, pages + 1):
        text = read.page_text(number)
        assert f"Page {number} of {pages}" in text
        assert "As of 30 Oct 2026" in text
        assert pack.organisation in text
        if number > 1:
            assert "Board pack — Agences 2026" in text
            assert "Classification: Internal" in text


def test_cover_prints_portfolio_period_as_of_and_classification(english) -> None:
    _, _, read = english
    cover = read.page_text(1)
    for expected in (
        "Steering committee board pack".upper(),
        "Banque Régionale",
        "Agences 2026",
        "1 Oct 2026 – 30 Oct 2026",
        "Internal",
    ):
        assert expected in cover


def test_project_pages_print_name_ratings_milestones_and_top_risks(english) -> None:
    pack, _, read = english
    texts = project_pages(read, pack)
    for page in pack.pages:
        text = texts[page.summary.code]
        assert squash(page.summary.name) in text
        for key, rag in page.summary.ratings.items():
            assert WORDS[rag] in text, key
        for milestone in page.milestones:
            assert milestone.name in text
            assert english_date(milestone.baseline_finish) in text
            assert english_date(milestone.forecast_finish) in text
        for risk in page.top_risks[:5]:
            assert risk.title in text
            assert f"{risk.probability}×{risk.impact} = {risk.score}" in text
        assert page.decisions[0].title in text
        assert page.issues[0].title in text
        other = {p.summary.code for p in pack.pages} - {page.summary.code}
        assert not any(f"Milestone 1 of {code}" in text for code in other)


def test_portfolio_table_prints_each_project_with_its_figures(english) -> None:
    pack, _, read = english
    table = read.page_text(read.outline_page("Portfolio overview"))
    for project in pack.projects:
        assert project.code in table
        for amount in (project.budget, project.actual, project.forecast):
            assert f"€{round(amount):,}" in table
        assert f"{project.spi:.2f}" in table
        assert f"{project.percent_complete:.0f}%" in table
        assert english_date(project.next_milestone_date) in table


def test_executive_summary_and_appendix(english) -> None:
    pack, _, read = english
    summary = read.page_text(read.outline_page("Executive summary"))
    assert "Amber" in summary and "Last period" in summary and "Green" in summary
    counts = pack.counts
    total = counts.red + counts.amber + counts.green + counts.unrated
    assert re.search(rf"Total {total} {total}", summary)
    for code, achievement in pack.achievements:
        assert f"{code} — {squash(achievement.splitlines()[0])}" in summary
    appendix = read.page_text(read.outline_page("Appendix"))
    assert "≥ 0.95" in appendix and "< 0.85" in appendix and "> 15" in appendix
    assert "at least 25% of its rated projects are Red" in appendix
    for term in ("SPI", "CPI", "PV", "EV", "AC", "BAC", "EAC", "VAC", "Slip", "Float"):
        assert re.search(rf"\b{term}\b", appendix), term


def test_nothing_is_printed_outside_the_printable_area(english) -> None:
    _, _, read = english
    margin = 14 * MM
    assert chars_outside(read.data, margin, margin * 0.75) == []


def test_french_pack_has_french_headings_dates_and_money() -> None:
    first = make_summary(1, budget=Decimal(1234567))
    pack = make_pack(pages=(make_page(first), make_page(make_summary(2))))
    pages, read = render(pack, PackOptions(language="fr"))
    top = [title for level, title, _ in read.outline if level == 0]
    assert top == [
        "Sommaire", "Synthèse", "Vue d'ensemble du portefeuille", "Projets",
        "Charge des ressources par rôle", "Risques du portefeuille", "Décisions attendues",
        "Annexe",
    ]  # fmt: skip
    everything = " ".join(read.page_text(number) for number in range(1, pages + 1))
    assert f"Page {pages} sur {pages}" in everything
    assert "Au 30 oct. 2026" in everything
    assert "Budget 1 234 567 €" in everything
    assert "Jalons" in everything and "Principaux risques" in everything
    assert "15 mars 2026" in everything
    assert "Budget" in everything and "Summary" not in everything


@pytest.mark.parametrize(
    ("language", "classification", "printed"),
    [
        ("fr", "Internal", "Classification : Interne"),
        ("en", "Internal", "Classification: Internal"),
        ("fr", "Confidentiel — COMEX", "Classification : Confidentiel — COMEX"),
    ],
)
def test_the_default_classification_is_translated_a_typed_one_is_not(
    language: str, classification: str, printed: str
) -> None:
    options = PackOptions(
        language=language,
        classification=classification,
        sections=frozenset({Section.COVER, Section.SUMMARY}),
    )
    pages, read = render(make_pack(1), options)
    for number in range(2, pages + 1):
        assert printed in squash(read.page_text(number)), number


@pytest.mark.parametrize("paper", ["a4", "a3", "letter"])
@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_every_paper_and_orientation_builds_inside_the_page(paper, orientation) -> None:
    sizes = {"a4": (210 * MM, 297 * MM), "a3": (297 * MM, 420 * MM), "letter": (612, 792)}
    short, long = sizes[paper]
    expected = (long, short) if orientation == "landscape" else (short, long)
    pages, read = render(make_pack(1), PackOptions(paper=paper, orientation=orientation))
    assert pages == read.pages >= 8
    for width, height in read.sizes:
        assert width == pytest.approx(expected[0], abs=0.5)
        assert height == pytest.approx(expected[1], abs=0.5)
    margin = (18 if paper == "a3" else 14) * MM
    assert chars_outside(read.data, margin, margin * 0.75) == []
    assert "Milestone 4 of PRJ-001" in " ".join(read.texts)


def test_progress_is_reported_and_an_exception_cancels_without_output() -> None:
    calls: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, label: str) -> None:
        calls.append((done, total, label))

    render_board_pack(make_pack(2), PackOptions(), io.BytesIO(), progress)
    done = [done for done, _, _ in calls]
    assert done == sorted(done) and calls[-1][0] == calls[-1][1] == calls[0][1]
    assert any("PRJ-002" in label for _, _, label in calls)

    class CancelledError(Exception):
        pass

    def cancel(done: int, total: int, label: str) -> None:
        if done >= 2:
            raise CancelledError

    out = io.BytesIO()
    with pytest.raises(CancelledError):
        render_board_pack(make_pack(2), PackOptions(), out, cancel)
    assert out.getvalue() == b""


def test_chosen_sections_only_and_an_empty_portfolio() -> None:
    options = PackOptions(sections=frozenset({Section.PORTFOLIO_TABLE, Section.APPENDIX}))
    pack = dataclasses.replace(make_pack(1), projects=(), pages=())
    pages, read = render(pack, options)
    assert [title for _, title, _ in read.outline] == ["Portfolio overview", "Appendix"]
    assert pages == 2
    assert "No project is selected." in read.page_text(1)
    assert f"Page 1 of {pages}" in read.page_text(1)
