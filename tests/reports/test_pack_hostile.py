"""Hostile user text and projects lacking data: the pack builds and prints them literally,
or says clearly what is missing."""

from __future__ import annotations

import dataclasses
import io

from pack_factory import bare_page, make_pack, make_page, make_risks, make_summary
from report_pdf import bare, chars_outside, drawn_texts, read_pdf, squash

from pmo_desktop.reports.data import DecisionLine, MilestoneLine, PackOptions, RoleLoad
from pmo_desktop.reports.pack import render_board_pack
from pmo_desktop.reports.status_report import render_project_status

MM = 72 / 25.4
LONG_WORD = "Supercalifragilistic" * 15  # 300 characters, no space
HOSTILE = {
    "name": "Task <b>bold",
    "markup": "<font color=red>not red</font>",
    "entity": "R&D &amp; co",
    "emoji": "Go-live 😀 done",
    "arabic": "مرحبا بالعالم",
    "hebrew": "שלום עולם",
    "para": "<para>quoted</para> <br/> <img src='x'/>",
}


def hostile_pack() -> object:
    summary = make_summary(
        1,
        code="<X&Y>",
        name=HOSTILE["name"],
        manager=HOSTILE["hebrew"],
        programme=HOSTILE["markup"],
        next_milestone=HOSTILE["emoji"],
    )
    risks = tuple(
        dataclasses.replace(risk, title=f"{HOSTILE['entity']} {number}", owner=HOSTILE["arabic"])
        for number, risk in enumerate(make_risks(summary), start=1)
    )
    page = make_page(
        summary,
        commentary=f"{HOSTILE['markup']} {LONG_WORD} {HOSTILE['para']}\x00\x07\x1b end",
        achievements=HOSTILE["arabic"],
        concerns=HOSTILE["hebrew"],
        top_risks=risks,
        milestones=(
            MilestoneLine(HOSTILE["emoji"], None, None, None, None, False),
            MilestoneLine(LONG_WORD, None, None, None, None, True),
        ),
        decisions=(
            DecisionLine(
                "D<1>", HOSTILE["para"], "<X&Y>", HOSTILE["name"], "&", None, "pending", LONG_WORD
            ),
        ),
    )
    pack = make_pack(pages=(page,))
    return dataclasses.replace(
        pack,
        organisation="Org <i>&amp;",
        portfolio=HOSTILE["entity"],
        role_loads=(RoleLoad(HOSTILE["markup"], (10.0,) * 12, (0.0,) * 12),),
    )


def test_hostile_text_builds_and_prints_literally() -> None:
    out = io.BytesIO()
    render_board_pack(hostile_pack(), PackOptions(), out)
    read = read_pdf(out.getvalue())
    everything = " ".join(squash(text) for text in drawn_texts(read.data))
    for value in HOSTILE.values():
        assert squash(value) in everything, value
    assert "Org <i>&amp;" in everything
    assert "<X&Y>" in everything
    assert bare(LONG_WORD) in bare(everything)
    for escaped in ("&lt;", "&gt;", "&amp;amp;", "&#", "\x00", "\x07", "\x1b"):
        assert escaped not in everything
    assert chars_outside(read.data, 14 * MM, 14 * MM * 0.75) == []


def test_hostile_text_in_the_status_report() -> None:
    out = io.BytesIO()
    assert render_project_status(hostile_pack(), PackOptions(), out) == 1
    read = read_pdf(out.getvalue())
    assert read.pages == 1
    text = squash(read.texts[0])
    assert HOSTILE["name"] in text and HOSTILE["markup"] in text


def test_a_project_lacking_everything_builds_and_says_what_is_missing() -> None:
    bare_project = bare_page(make_summary(2, ratings={}, trends={}, spi=None, cpi=None))
    pack = make_pack(pages=(make_page(make_summary(1)), bare_project))
    pack = dataclasses.replace(
        pack, achievements=(), concerns=(), decisions=(), role_loads=(), top_risks=()
    )
    out = io.BytesIO()
    render_board_pack(pack, PackOptions(), out)
    read = read_pdf(out.getvalue())
    start = [page for level, _, page in read.outline if level == 1][1]
    text = read.page_text(start)
    for sentence in (
        "No baseline: slip and earned value cannot be computed.",
        "No status report up to the as-of date: ratings and commentary are not available.",
        "No cost data: budget, actual cost and the S-curve cannot be shown.",
        "No open risk is recorded for this project.",
        "No schedule: milestones and the Gantt extract cannot be shown.",
    ):
        assert sentence in text
    assert "Not rated" in text
    everything = " ".join(squash(page) for page in read.texts)
    assert "No achievement was reported this period." in everything
    assert "No decision is pending." in everything
    assert "No assignment in the selected projects for these months." in everything

    status = io.BytesIO()
    assert (
        render_project_status(
            dataclasses.replace(pack, pages=(bare_project,)), PackOptions(language="fr"), status
        )
        == 1
    )
    french = squash(read_pdf(status.getvalue()).texts[0])
    assert "Pas de référence : le glissement et la valeur acquise" in french
