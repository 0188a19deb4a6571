"""Render a PortfolioPack as the steering committee's board pack (PDF).

The story is assembled section by section in print order (Section), each section on a new
page; the document is then laid out in passes until the contents page numbers and the
"Page x of y" totals are stable, and only a complete PDF is written to `out`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from pmo_desktop.errors import PmoError
from pmo_desktop.reports.components import Anchor, Outline
from pmo_desktop.reports.data import PackOptions, PortfolioPack, Section
from pmo_desktop.reports.document import BODY_TEMPLATE, COVER_TEMPLATE, PackDocument, RunningText
from pmo_desktop.reports.i18n import ReportText
from pmo_desktop.reports.project_page import project_story
from pmo_desktop.reports.sections_appendix import appendix
from pmo_desktop.reports.sections_compliance import compliance_section
from pmo_desktop.reports.sections_front import (
    contents,
    cover,
    cover_decoration,
    executive_summary,
    pack_title,
)
from pmo_desktop.reports.sections_portfolio import (
    decisions_section,
    portfolio_risks,
    portfolio_table,
    resource_loading,
)
from pmo_desktop.reports.style import PackStyle, pack_style

Progress = Callable[[int, int, str], None]
#: Layout passes allowed before giving up (two or three are normal).
MAX_PASSES = 6


class _Steps:
    """Counts progress over the sections and projects, then the layout."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total = total
        self.done = 0
        self.progress = progress

    def step(self, label: str) -> None:
        if self.progress is not None:
            self.progress(self.done, self.total, label)
        self.done += 1

    def finish(self, label: str) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total, label)


def _new_page(story: list[Flowable], template: str = BODY_TEMPLATE) -> None:
    if story:
        story += [NextPageTemplate(template), PageBreak()]


def build_story(
    pack: PortfolioPack,
    options: PackOptions,
    text: ReportText,
    style: PackStyle,
    steps: _Steps,
) -> list[Flowable]:
    """The flowables of the chosen sections, in print order, each section on a new page."""
    sections = options.sections
    story: list[Flowable] = []
    if Section.COVER in sections:
        steps.step(text("Cover"))
        story += cover(pack, options, text, style)
    contents_at = len(story)
    if Section.SUMMARY in sections:
        steps.step(text("Executive summary"))
        _new_page(story)
        story += executive_summary(pack, text, style)
    if Section.PORTFOLIO_TABLE in sections:
        steps.step(text("Portfolio overview"))
        _new_page(story)
        story += portfolio_table(pack, text, style)
    if Section.PROJECTS in sections and pack.pages:
        for index, page in enumerate(pack.pages, start=1):
            steps.step(text("Project {code}", code=page.summary.code))
            _new_page(story)
            if index == 1:
                story.append(Anchor(Outline(f"s-{Section.PROJECTS}", text("Projects"), 0)))
            story += project_story(
                page, index, text, style, thresholds=pack.thresholds, as_of=pack.as_of
            )
    if Section.RESOURCES in sections:
        steps.step(text("Resource loading by role"))
        _new_page(story)
        story += resource_loading(pack, text, style)
    if Section.RISKS in sections:
        steps.step(text("Portfolio risks"))
        _new_page(story)
        story += portfolio_risks(pack, text, style)
    if Section.DECISIONS in sections:
        steps.step(text("Decisions required"))
        _new_page(story)
        story += decisions_section(pack, text, style)
    if Section.COMPLIANCE in sections and pack.compliance is not None:
        steps.step(text("Compliance"))
        _new_page(story)
        story += compliance_section(pack, text, style)
    if Section.APPENDIX in sections:
        steps.step(text("Appendix"))
        _new_page(story)
        story += appendix(pack, text, style)
    if Section.CONTENTS in sections:
        entries = [
            (outline.level, outline.title, outline.key)
            for flowable in story
            if (outline := getattr(flowable, "outline", None)) is not None and outline.in_contents
        ]
        page_break: list[Flowable] = [NextPageTemplate(BODY_TEMPLATE), PageBreak()]
        before = page_break if contents_at else []
        after = page_break if contents_at == 0 and story else []
        story[contents_at:contents_at] = before + contents(text, style, entries) + after
    return story


def render_board_pack(
    pack: PortfolioPack,
    options: PackOptions,
    out: BinaryIO,
    progress: Progress | None = None,
) -> int:
    """Write the board pack PDF to `out` and return its page count.

    `progress(done, total, label)` is called before each section and project and before the
    layout; an exception it raises cancels the build (nothing is written to `out`).
    """
    text = ReportText(options.language)
    style = pack_style(options)
    has_projects = Section.PROJECTS in options.sections
    steps = _Steps(
        len(
            [
                section
                for section in options.sections
                if section != Section.CONTENTS
                and section != Section.PROJECTS
                and (section != Section.COMPLIANCE or pack.compliance is not None)
            ]
        )
        + (len(pack.pages) if has_projects else 0)
        + 1,
        progress,
    )
    running = RunningText(
        title=pack_title(pack, options, text),
        classification=text.classification(options.classification),
        organisation=pack.organisation,
        as_of=pack.as_of,
    )

    def on_page(page: int) -> None:
        if progress is not None and document.page_total is not None:
            label = text("Page {page} of {total}", page=page, total=document.page_total)
            progress(steps.done - 1, steps.total, label)

    document = PackDocument(
        style, text, running, on_page=on_page, cover_decoration=cover_decoration
    )
    story = build_story(pack, options, text, style, steps)
    if not story:
        raise PmoError("The board pack has no section to print: choose at least one.")
    first = COVER_TEMPLATE if Section.COVER in options.sections else BODY_TEMPLATE
    document.pageTemplates.sort(key=lambda template: template.id != first)
    story = [document.page_total_marker(), *story]
    steps.step(text("Laying out pages"))
    document.multiBuild(story, maxPasses=MAX_PASSES)
    out.write(document.buffer.getvalue())
    steps.finish(text("Done"))
    return int(document.page_total or document.page)
