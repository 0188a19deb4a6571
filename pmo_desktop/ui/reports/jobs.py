"""The report work that runs in the pool's threads: building, then drawing the previews.

Each function takes the job's `ProgressToken` first (ui/workers.py) and returns plain data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from pmo_desktop.errors import PmoError
from pmo_desktop.reports.data import PackOptions
from pmo_desktop.services.database import Database
from pmo_desktop.services.portfolio import PortfolioTree, portfolio_tree, project_rows
from pmo_desktop.services.reporting import (
    PackRequest,
    PackResult,
    PackTemplate,
    list_templates,
    write_board_pack,
    write_portfolio_table,
    write_project_report,
)
from pmo_desktop.ui.reports.pages import PageImage, render_page, render_pages
from pmo_desktop.ui.reports.selection import ProjectInfo
from pmo_desktop.ui.workers import ProgressToken, WorkCancelledError

#: The progress bar's range; building takes the first `BUILD_SHARE` of it, previews the rest.
PROGRESS_SCALE = 1000
BUILD_SHARE = 900
#: Width of a page thumbnail, in pixels.
THUMBNAIL_WIDTH = 200


@dataclass(frozen=True)
class BuiltPack:
    """A written pack and its page thumbnails (fewer than its pages if the user stopped)."""

    result: PackResult
    thumbnails: tuple[PageImage, ...]


@dataclass(frozen=True)
class DialogData:
    """What the board pack dialog lists: the portfolio's projects and its pack templates."""

    tree: PortfolioTree
    info: dict[int, ProjectInfo]
    templates: tuple[PackTemplate, ...]
    #: Why the templates could not be read ("" if they were): the pack can still be built.
    templates_error: str = ""


def load_dialog_data(
    token: ProgressToken, database: Database, portfolio_id: int, portfolio: str
) -> DialogData:
    tree = portfolio_tree(database, portfolio_id)
    token.raise_if_cancelled()
    info = {
        row.id: ProjectInfo(row.status, row.rag_overall)
        for row in project_rows(database, portfolio_id)
    }
    token.raise_if_cancelled()
    try:
        templates = tuple(list_templates(database, portfolio))
    except PmoError as exc:
        return DialogData(tree, info, (), str(exc))
    return DialogData(tree, info, templates)


def build_board_pack(
    token: ProgressToken,
    database: Database,
    request: PackRequest,
    out: Path,
    thumbnail_width: int = THUMBNAIL_WIDTH,
) -> BuiltPack:
    """Write the pack (a cancel removes everything), then draw its thumbnails.

    Once the file is written, a cancel only stops the thumbnails: the pack is kept.
    """

    def building(done: int, total: int, label: str) -> None:
        token(BUILD_SHARE * min(done, total) // total if total > 0 else 0, PROGRESS_SCALE, label)

    result = write_board_pack(database, request, out, progress=building)
    label = QCoreApplication.translate("BoardPackDialog", "Drawing the page previews…")

    def stop(done: int, total: int) -> bool:
        share = (PROGRESS_SCALE - BUILD_SHARE) * done // max(total, 1)
        try:
            token(BUILD_SHARE + share, PROGRESS_SCALE, label)
        except WorkCancelledError:
            return True
        return False

    return BuiltPack(result, tuple(render_pages(result.path, thumbnail_width, stop=stop)))


def render_preview(token: ProgressToken, path: Path, number: int, width: int) -> PageImage:
    """One page, large, for the preview pane."""
    token.raise_if_cancelled()
    return render_page(path, number, width)


def write_status_report(
    token: ProgressToken,
    database: Database,
    project: str,
    out: Path,
    portfolio: str | None,
    as_of: date,
    options: PackOptions,
) -> PackResult:
    token.raise_if_cancelled()
    return write_project_report(
        database, project, out, portfolio=portfolio, as_of=as_of, options=options
    )


def write_table(
    token: ProgressToken, database: Database, request: PackRequest, out: Path
) -> PackResult:
    token.raise_if_cancelled()
    return write_portfolio_table(database, request, out)
