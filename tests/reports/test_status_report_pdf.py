"""The one-page project status report: always exactly one page, cuts shown explicitly."""

from __future__ import annotations

import dataclasses
import io

import pytest
from pack_factory import make_pack
from report_pdf import chars_outside, english_date, read_pdf, squash

from pmo_desktop.errors import ValidationError
from pmo_desktop.reports.data import PackOptions
from pmo_desktop.reports.status_report import render_project_status

MM = 72 / 25.4
MARKER = "(continued in the board pack)"


def render(pack, options: PackOptions | None = None):
    out = io.BytesIO()
    assert render_project_status(pack, options or PackOptions(), out) == 1
    return read_pdf(out.getvalue())


def test_status_report_is_one_page_with_the_project_essentials() -> None:
    pack = make_pack(1)
    page = pack.pages[0]
    read = render(pack)
    assert read.pages == 1
    text = squash(read.texts[0])
    assert page.summary.name in text and page.summary.code in text
    assert "Page 1 of 1" in text and "Classification: Internal" in text
    for milestone in page.milestones:
        assert milestone.name in text and english_date(milestone.forecast_finish) in text
    for risk in page.top_risks:
        assert risk.title in text
    assert squash(page.commentary) in text
    assert MARKER not in text
    assert chars_outside(read.data, 14 * MM, 14 * MM * 0.75) == []


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_huge_texts_and_tables_are_cut_with_a_marker_on_one_page(orientation) -> None:
    pack = make_pack(1)
    page = pack.pages[0]
    huge = dataclasses.replace(
        page,
        commentary="The migration continues with the regional teams. " * 400,
        concerns="Supplier capacity remains a concern. " * 200,
        milestones=page.milestones * 10,
        top_risks=page.top_risks * 4,
        decisions=page.decisions * 12,
    )
    read = render(dataclasses.replace(pack, pages=(huge,)), PackOptions(orientation=orientation))
    assert read.pages == 1
    text = squash(read.texts[0])
    assert text.count(MARKER) == 2
    assert "more milestones in the board pack." in text
    assert "The migration continues with the regional teams." in text
    assert chars_outside(read.data, 14 * MM, 14 * MM * 0.75) == []


def test_a_pack_without_project_is_refused() -> None:
    with pytest.raises(ValidationError):
        render_project_status(
            dataclasses.replace(make_pack(1), pages=()), PackOptions(), io.BytesIO()
        )
