"""The demo portfolio's board pack read back page by page and checked against the database
with plain SQL: each project's pages show its name, its ratings, its milestones with their
baseline and forecast dates, and its worst open risk; the portfolio table its money."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pdfplumber
import pytest
from sqlalchemy import text

from pmo_desktop.reports.data import PackOptions
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.services.demo import create_demo
from pmo_desktop.services.reporting import PackRequest, write_board_pack

AS_OF = date(2026, 10, 30)
RAG_WORDS = {"R": "Red", "A": "Amber", "G": "Green"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, list[str]]]:
    folder = tmp_path_factory.mktemp("pack")
    database = open_database(folder / "demo.sqlite")
    create_demo(database.write_engine, as_of=AS_OF)
    out = folder / "pack.pdf"
    write_board_pack(database, PackRequest(as_of=AS_OF, options=PackOptions()), out)
    with pdfplumber.open(out) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    yield database, pages
    database.close()


def _day(value: object) -> date:
    return value if isinstance(value, date) else datetime.fromisoformat(str(value)).date()


def _printed(day: object) -> str:
    """The English date format of the pack, written independently of Babel."""
    value = _day(day)
    return f"{value.day} {value.strftime('%b')} {value.year}"


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _project_pages(pages: list[str], code: str, name: str) -> tuple[str, str]:
    """The text of the project's two pages: the page whose kicker starts with its code and
    that carries its name, then the next one."""
    for index, page in enumerate(pages):
        lines = page.splitlines()
        if len(lines) > 2 and lines[1].startswith(f"{code} ") and name in _one_line(page):
            return page, pages[index + 1]
    raise AssertionError(f"no page for {code}")


def _in_order(wanted: list[str], words: list[str]) -> bool:
    """Whether `wanted` appears in `words` in order, other words allowed in between."""
    remaining = iter(words)
    return all(any(word == seen for seen in remaining) for word in wanted)


def _reported(database: Database) -> list[tuple[int, str, str, float]]:
    with database.session() as session:
        return [
            (row.id, row.code, row.name, float(row.budget))
            for row in session.execute(
                text(
                    "SELECT id, code, name, budget FROM projects "
                    "WHERE status IN ('active', 'on_hold') ORDER BY code"
                )
            )
        ]


def test_each_project_page_shows_its_name_ratings_milestones_and_top_risk(built) -> None:
    database, pages = built
    checked_milestones = 0
    with database.session() as session:
        for project_id, code, name, _budget in _reported(database):
            first_page, second_page = _project_pages(pages, code, name)
            both = first_page + "\n" + second_page
            first = first_page.splitlines()
            report = session.execute(
                text(
                    "SELECT rag_overall, rag_schedule, rag_cost, rag_scope, rag_resources, "
                    "rag_benefits FROM status_reports WHERE project_id = :p "
                    "AND period_end <= :d ORDER BY period_end DESC LIMIT 1"
                ),
                {"p": project_id, "d": AS_OF},
            ).one()
            # The overall chip, then the five dimension chips on one line, in order.
            assert RAG_WORDS[report[0]] in _one_line(" ".join(first[:4]))
            dimension_words = [RAG_WORDS[value] for value in report[1:]]
            assert any(
                [word for word in line.split() if word in RAG_WORDS.values()] == dimension_words
                for line in first
            ), (code, dimension_words)
            # Every milestone printed shows its baseline and forecast finish on its line.
            milestones = session.execute(
                text(
                    "SELECT t.name, t.finish, bt.finish AS baseline FROM tasks t "
                    "LEFT JOIN baselines b ON b.project_id = t.project_id AND b.number = 0 "
                    "LEFT JOIN baseline_tasks bt ON bt.baseline_id = b.id AND bt.task_id = t.id "
                    "WHERE t.project_id = :p AND t.is_milestone"
                ),
                {"p": project_id},
            ).all()
            lines = both.splitlines()
            for milestone in milestones:
                found = [line for line in lines if line.startswith(milestone.name + " ")]
                rows = [line for line in found if _printed(milestone.finish) in line]
                if not rows:
                    continue
                checked_milestones += 1
                if milestone.baseline is not None:
                    assert _printed(milestone.baseline) in rows[0], (code, rows[0])
            # The worst open threat leads the project's top risks.
            worst = session.execute(
                text(
                    "SELECT title FROM risks WHERE project_id = :p AND status = 'open' "
                    "AND NOT opportunity ORDER BY score DESC, proximity IS NULL, proximity "
                    "LIMIT 1"
                ),
                {"p": project_id},
            ).scalar()
            if worst is not None:
                # A title wraps in its cell, its lines interleaved with the row's other cells.
                assert _in_order(worst.split(), second_page.split()), (code, worst)
    assert checked_milestones >= len(_reported(database))


def test_portfolio_table_shows_each_budget(built) -> None:
    database, pages = built
    table = next(page for page in pages if page.splitlines()[1].startswith("Portfolio overview"))
    for _, code, _name, budget in _reported(database):
        assert code in table
        assert f"€{budget:,.0f}" in table, (code, budget)
