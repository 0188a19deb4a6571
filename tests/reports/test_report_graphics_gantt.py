"""The board pack's Gantt extract, drawn into a real PDF and read back with pdfplumber."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pdfplumber
import pytest
from reportlab.platypus import SimpleDocTemplate

from pmo_desktop.reports.data import GanttBar, GanttExtract, GanttLinkLine, PackOptions
from pmo_desktop.reports.gantt_extract import fit_text, gantt_extract, hatch_segments
from pmo_desktop.reports.i18n import ReportText
from pmo_desktop.reports.style import pack_style

AS_OF = date(2026, 10, 30)
WINDOW = (date(2026, 9, 1), date(2027, 1, 31))
MARGIN = 40.0
#: SimpleDocTemplate's frame pads its content by 6 points on each side.
ORIGIN = MARGIN + 6.0
#: The app's Gantt colours (ui/gantt/painting.Palette), the extract's promise.
BAR = (0x5B / 255, 0x9B / 255, 0xD5 / 255)
CRITICAL = (0xE5 / 255, 0x73 / 255, 0x73 / 255)
CRITICAL_BORDER = (0xB7 / 255, 0x1C / 255, 0x1C / 255)
BASELINE = (0xA0 / 255, 0xA4 / 255, 0xA8 / 255)
LINK = (0x55 / 255, 0x65 / 255, 0x7A / 255)


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 8)


def bar(
    number: int,
    name: str,
    start: date | None,
    finish: date | None,
    *,
    level: int = 2,
    summary: bool = False,
    milestone: bool = False,
    critical: bool = False,
    baseline: tuple[date, date] | None = None,
    done: float = 0.0,
) -> GanttBar:
    return GanttBar(
        id=number,
        wbs=f"1.{number}",
        name=name,
        level=level,
        start=_at(start) if start else None,
        finish=_at(finish) if finish else None,
        baseline_start=_at(baseline[0]) if baseline else None,
        baseline_finish=_at(baseline[1]) if baseline else None,
        percent_complete=done,
        is_summary=summary,
        is_milestone=milestone,
        critical=critical,
    )


def sample_bars() -> tuple[GanttBar, ...]:
    return (
        bar(1, "Design phase", date(2026, 9, 1), date(2026, 11, 20), level=1, summary=True,
            critical=True),
        bar(2, "Requirements", date(2026, 9, 1), date(2026, 9, 30), critical=True, done=100,
            baseline=(date(2026, 9, 1), date(2026, 9, 25))),
        bar(3, "Architecture", date(2026, 10, 1), date(2026, 11, 20), critical=True, done=40,
            baseline=(date(2026, 10, 1), date(2026, 11, 10))),
        bar(4, "Security review", date(2026, 10, 5), date(2026, 10, 23), done=100,
            baseline=(date(2026, 10, 5), date(2026, 10, 20))),
        bar(5, "Design signed off", date(2026, 11, 20), date(2026, 11, 20), milestone=True,
            critical=True, baseline=(date(2026, 11, 10), date(2026, 11, 10))),
        bar(6, "Data migration", date(2026, 10, 12), date(2026, 12, 4)),
        bar(7, "Sprint 1", date(2026, 11, 23), date(2027, 3, 12), critical=True),
        bar(8, "Go-live rehearsal", date(2027, 1, 18), date(2027, 1, 18), milestone=True),
        bar(9, "Not scheduled yet", None, None),
    )  # fmt: skip


def sample_extract(**changes: object) -> GanttExtract:
    values: dict[str, object] = {
        "window_start": WINDOW[0],
        "window_end": WINDOW[1],
        "as_of": AS_OF,
        "bars": sample_bars(),
        "links": (GanttLinkLine(2, 3, "FS"), GanttLinkLine(3, 5, "FS"), GanttLinkLine(4, 6, "SS")),
    }
    values.update(changes)
    return GanttExtract(**values)  # type: ignore[arg-type]


def build(tmp_path: Path, flowable: object, language: str = "en") -> Path:
    style = pack_style(PackOptions(language=language))
    out = tmp_path / "gantt.pdf"
    SimpleDocTemplate(
        str(out),
        pagesize=style.page_size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
    ).build([flowable])
    return out


def make(extract: GanttExtract, width: float = 700.0, height: float = 400.0, lang: str = "en"):
    style = pack_style(PackOptions(language=lang))
    return gantt_extract(extract, ReportText(lang), style, width, height)


def close(colour: object, expected: tuple[float, float, float]) -> bool:
    return (
        isinstance(colour, tuple)
        and len(colour) == 3
        and all(abs(a - b) < 0.01 for a, b in zip(colour, expected, strict=True))
    )


def text_of(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def name_rows(page: pdfplumber.page.Page, names: list[str]) -> dict[str, tuple[float, float]]:
    """(top, bottom) of the text line holding each name."""
    rows = {}
    for line in page.extract_text_lines():
        for name in names:
            if name in line["text"]:
                rows[name] = (line["top"], line["bottom"])
    return rows


def bar_fills(page: pdfplumber.page.Page, rows: dict[str, tuple[float, float]]) -> list[dict]:
    """Filled task-bar rectangles (normal or critical) between the first and last task row,
    which leaves out the legend's samples under the chart."""
    first = min(top for top, _ in rows.values()) - 6
    last = max(bottom for _, bottom in rows.values()) + 6
    return [
        r
        for r in page.rects
        if r["fill"]
        and (close(r["non_stroking_color"], BAR) or close(r["non_stroking_color"], CRITICAL))
        and first <= r["top"] <= r["bottom"] <= last
    ]


def test_prints_every_task_and_milestone_name_in_wbs_order(tmp_path: Path) -> None:
    path = build(tmp_path, make(sample_extract()))
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        names = [b.name for b in sample_bars()]
        rows = name_rows(page, names)
    assert set(rows) == set(names)
    tops = [rows[name][0] for name in names]
    assert tops == sorted(tops)


def test_one_filled_bar_per_scheduled_task_in_the_task_row(tmp_path: Path) -> None:
    bars = sample_bars()
    path = build(tmp_path, make(sample_extract()))
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        rows = name_rows(page, [b.name for b in bars])
        fills = bar_fills(page, rows)
        drawn_critical = sum(close(r["non_stroking_color"], CRITICAL) for r in fills)
    tasks = [b for b in bars if not b.is_summary and not b.is_milestone and b.start and b.finish]
    assert len(fills) == len(tasks)
    assert drawn_critical == sum(b.critical for b in tasks)
    for task in tasks:
        top, bottom = rows[task.name]
        middle = (top + bottom) / 2
        in_row = [r for r in fills if abs((r["top"] + r["bottom"]) / 2 - middle) < 6]
        assert len(in_row) == 1, task.name
        expected = CRITICAL if task.critical else BAR
        assert close(in_row[0]["non_stroking_color"], expected)


def test_bars_and_time_scale_agree(tmp_path: Path) -> None:
    """A task starting on 1 October starts where the "Oct 2026" cell starts, and a bar's
    length is proportional to its duration."""
    path = build(tmp_path, make(sample_extract()))
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        words = page.extract_words()
        october = next(w for w in words if w["text"] == "Oct")
        header_lines = [line["x0"] for line in page.lines if abs(line["x0"] - line["x1"]) < 0.01]
        rows = name_rows(page, [b.name for b in sample_bars()])
        fills = sorted(
            (r for r in bar_fills(page, rows) if close(r["non_stroking_color"], BAR)),
            key=lambda r: r["top"],
        )
    architecture_left = october["x0"] - 2.5
    assert any(abs(x - architecture_left) < 0.3 for x in header_lines)
    security, migration = fills
    per_day_security = security["width"] / (date(2026, 10, 23) - date(2026, 10, 5)).days
    per_day_migration = migration["width"] / (date(2026, 12, 4) - date(2026, 10, 12)).days
    assert per_day_security == pytest.approx(per_day_migration, rel=0.01)
    offset = (date(2026, 10, 12) - date(2026, 10, 5)).days * per_day_security
    assert migration["x0"] - security["x0"] == pytest.approx(offset, abs=0.1)


def test_critical_bars_are_hatched_for_greyscale_printing(tmp_path: Path) -> None:
    path = build(tmp_path, make(sample_extract()))
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        bars = bar_fills(page, name_rows(page, [b.name for b in sample_bars()]))
        diagonal = [
            line
            for line in page.lines
            if abs(abs(line["x1"] - line["x0"]) - abs(line["bottom"] - line["top"])) < 0.05
            and line["x1"] != line["x0"]
        ]
    for rect in bars:
        inside = [
            line
            for line in diagonal
            if rect["x0"] - 0.01 <= line["x0"] <= rect["x1"] + 0.01
            and rect["top"] - 0.01 <= line["top"] <= line["bottom"] <= rect["bottom"] + 0.01
            and close(line["stroking_color"], CRITICAL_BORDER)
        ]
        if close(rect["non_stroking_color"], CRITICAL):
            assert len(inside) >= 3
        else:
            assert not inside


def test_baselines_milestones_and_links_are_drawn(tmp_path: Path) -> None:
    path = build(tmp_path, make(sample_extract()))
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        baselines = [
            r for r in page.rects if r["fill"] and close(r["non_stroking_color"], BASELINE)
        ]
        diamonds = [c for c in page.curves if c["fill"] and len(c["pts"]) == 5]
        links = [line for line in page.lines if close(line["stroking_color"], LINK)]
        text = page.extract_text()
    assert len(baselines) == 3 + 1  # three tasks plus the legend's sample
    # Two milestones in the window (one with a grey baseline diamond and a halo for being
    # critical), plus the legend's diamond.
    assert len(diamonds) >= 3
    assert "20 Nov 2026" in text and "18 Jan 2027" in text
    assert links, "the SS link between two non-critical tasks is drawn in the link colour"


def test_nothing_leaves_the_flowable_box(tmp_path: Path) -> None:
    width, max_height = 520.0, 300.0
    long_name = "A very long task name that cannot possibly fit in the name column " * 3
    bars = (
        *sample_bars(),
        bar(20, long_name, date(2026, 6, 1), date(2027, 6, 1), critical=True, done=50,
            baseline=(date(2026, 5, 1), date(2027, 8, 1))),
        bar(21, "Milestone at the window's end", date(2027, 1, 31), date(2027, 1, 31),
            milestone=True),
    )  # fmt: skip
    flowable = make(sample_extract(bars=bars), width, max_height)
    _, height = flowable.wrap(width, max_height)
    assert height <= max_height
    path = build(tmp_path, flowable)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        objects = page.chars + page.rects + page.lines + page.curves
        text = page.extract_text()
    assert objects
    for item in objects:
        assert item["x0"] >= ORIGIN - 0.01, item
        assert item["x1"] <= ORIGIN + width + 0.01, item
        assert item["top"] >= ORIGIN - 0.01, item
        assert item["bottom"] <= ORIGIN + height + 0.01, item
    assert long_name.strip() not in text
    assert "A very long task name" in text and "…" in text


def test_rows_beyond_the_height_are_cut_and_counted(tmp_path: Path) -> None:
    bars = tuple(
        bar(n, f"Task number {n:02d}", date(2026, 10, 1) + timedelta(days=n),
            date(2026, 10, 20) + timedelta(days=n))
        for n in range(1, 41)
    )  # fmt: skip
    flowable = make(sample_extract(bars=bars, links=(), omitted=7), 700.0, 260.0)
    _, height = flowable.wrap(700.0, 260.0)
    assert height <= 260.0
    path = build(tmp_path, flowable)
    text = text_of(path)
    printed = [b.name for b in bars if b.name in text]
    assert 5 <= len(printed) < len(bars)
    # The tasks still running at the as-of date come first, by start; WBS order is kept.
    running = [b for b in bars if b.finish is not None and b.finish.date() >= AS_OF]
    assert len(printed) <= len(running)
    assert printed == [b.name for b in running[: len(printed)]]
    not_shown = len(bars) - len(printed) + 7
    assert f"{not_shown} more tasks in this period not shown" in text


def test_empty_extract_says_so(tmp_path: Path) -> None:
    path = build(tmp_path, make(sample_extract(bars=(), links=())))
    text = text_of(path)
    assert "No scheduled tasks in this period." in text
    assert "Task" in text and "Sep 2026" in text


@pytest.mark.parametrize(
    ("name", "printed"),
    [
        ("Task <b>bold", ["Task <b>bold"]),
        ("<font color=red>red</font>", ["<font color=red>red</font>"]),
        ("R&D & co", ["R&D & co"]),
        ("Réunion 🚀 café", ["Réunion", "café"]),
        ("مرحلة التصميم", ["مرحلة", "التصميم"]),
    ],
)
def test_hostile_names_print_literally(tmp_path: Path, name: str, printed: list[str]) -> None:
    bars = (bar(1, name, date(2026, 10, 1), date(2026, 10, 20)),)
    path = build(tmp_path, make(sample_extract(bars=bars, links=())))
    with pdfplumber.open(path) as pdf:
        chars = "".join(c["text"] for c in pdf.pages[0].chars)
    for fragment in printed:
        assert fragment.replace(" ", "") in chars.replace(" ", "")


def test_french_time_scale_and_legend(tmp_path: Path) -> None:
    path = build(tmp_path, make(sample_extract(), lang="fr"), language="fr")
    text = text_of(path)
    french = ReportText("fr")
    assert french.month(date(2026, 10, 1)) in text
    assert french("As of {date}", date=french.date(AS_OF)) in text
    assert french.date(date(2026, 11, 20)) in text


def test_long_windows_switch_to_months_and_quarters(tmp_path: Path) -> None:
    two_years = sample_extract(window_start=date(2026, 1, 1), window_end=date(2027, 12, 31))
    path = build(tmp_path, make(two_years, width=520.0))
    text = text_of(path)
    assert "2026" in text and "2027" in text
    assert "Q1" in text or "Jan" in text


def test_fit_text_and_hatching_helpers() -> None:
    style = pack_style(PackOptions())
    assert fit_text("Short", style.font, 8, 200) == "Short"
    cut = fit_text("A long label that will not fit", style.font, 8, 60)
    assert cut.endswith("…") and len(cut) < 30
    assert fit_text("Anything", style.font, 8, 1) == ""
    for x0, y0, x1, y1 in hatch_segments(10, 20, 40, 26, 2.4):
        assert 10 - 1e-9 <= x0 <= x1 <= 40 + 1e-9 and 20 - 1e-9 <= y0 <= y1 <= 26 + 1e-9
        assert x1 - x0 == pytest.approx(y1 - y0)


def test_a_cut_keeps_milestones_and_the_critical_path_with_their_summaries(
    tmp_path: Path,
) -> None:
    """Rows that do not fit go by importance, not by WBS position: a late milestone and
    the critical tasks stay (with the summary above them), ordinary tasks go first."""
    day = date(2026, 10, 1)
    summary = bar(100, "Delivery stage", day, date(2026, 12, 18), level=1, summary=True)
    ordinary = tuple(
        replace(bar(n, f"Ordinary task {n:02d}", day, day + timedelta(days=20)), parent=100)
        for n in range(1, 31)
    )
    critical = tuple(
        replace(
            bar(n, f"Critical task {n}", day + timedelta(days=n), day + timedelta(days=40),
                critical=True),
            parent=100,
        )
        for n in range(31, 34)
    )  # fmt: skip
    milestone = replace(
        bar(40, "Acceptance signed", date(2026, 12, 18), date(2026, 12, 18), milestone=True),
        parent=100,
    )
    bars = (summary, *ordinary, *critical, milestone)
    flowable = make(sample_extract(bars=bars, links=(), omitted=2), 700.0, 200.0)
    text = text_of(build(tmp_path, flowable))
    kept = [b for b in bars if b.name in text]
    expected_first = [summary, milestone, *critical]
    assert len(kept) < len(bars)
    assert all(b.name in text for b in expected_first)
    # WBS order kept: the summary first, the milestone last.
    assert kept[0] is summary and kept[-1] is milestone
    assert f"{len(bars) - len(kept) + 2} more tasks in this period not shown" in text
