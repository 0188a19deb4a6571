"""User text escaping: Paragraph markup built from hostile text prints it literally."""

from __future__ import annotations

import io

import pdfplumber
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from pmo_desktop.reports.fonts import FAMILY, register_fonts
from pmo_desktop.reports.markup import escape, fit_width, one_line, plain, shorten


def test_markup_characters_are_escaped() -> None:
    assert escape("Task <b>bold") == "Task &lt;b&gt;bold"
    assert escape("<font color=red>x</font>") == "&lt;font color=red&gt;x&lt;/font&gt;"
    assert escape("R&D &amp; more") == "R&amp;D &amp;amp; more"
    assert escape("two\nlines") == "two<br/>lines"


def test_control_characters_and_bidi_controls_are_removed() -> None:
    assert plain("a\x00b\x07c\x1bd\u202ee\ud800f") == "abcdef"
    assert plain("tab\there\r\nnext") == "tab here\nnext"
    assert one_line("  several\n  lines\there ") == "several lines here"


def test_shorten_marks_the_cut() -> None:
    assert shorten("short", 10) == "short"
    cut = shorten("x" * 50, 10, marker="[…]")
    assert cut == "x" * 7 + "[…]"


def test_fit_width_ellipsises_to_the_width() -> None:
    register_fonts()
    fitted = fit_width("A very long project name " * 10, FAMILY.regular, 9, 120)
    assert fitted.endswith("…")
    canvas = Canvas(io.BytesIO())
    assert canvas.stringWidth(fitted, FAMILY.regular, 9) <= 120


def test_escaped_hostile_text_prints_literally() -> None:
    register_fonts()
    hostile = "Task <b>bold <font color=red>red</font> &amp; R&D <br/> <a href='x'>link</a>"
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    paragraph = Paragraph(escape(hostile), ParagraphStyle("p", fontName=FAMILY.regular))
    paragraph.wrapOn(canvas, 500, 200)
    paragraph.drawOn(canvas, 40, 700)
    canvas.save()
    with pdfplumber.open(io.BytesIO(buffer.getvalue())) as pdf:
        printed = pdf.pages[0].extract_text()
    assert " ".join(printed.split()) == hostile
