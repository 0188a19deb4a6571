"""Board packs, status reports and the portfolio table as files; named pack templates.

The use cases shared by the GUI and the CLI: resolve what the user chose (portfolio,
projects and programmes by code or name), assemble the pack's data, render it into a
temporary file beside the output and move it into place, so a failed or cancelled build
never leaves a file behind. Templates store a choice under a name, never its as-of date.
The renderers are imported only when a file is built (the application starts lighter).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmo_desktop.errors import InteropError, NotFoundError, ValidationError
from pmo_desktop.models import Portfolio, Programme, Project, ProjectStatus, ReportTemplate
from pmo_desktop.models.reporting import TEMPLATE_NAME_LENGTH
from pmo_desktop.reports.data import (
    LANGUAGES,
    ORIENTATIONS,
    PAPERS,
    Branding,
    PackOptions,
    PortfolioPack,
    Section,
)
from pmo_desktop.services.dashboard import RagThresholds
from pmo_desktop.storage.atomic import atomic_output
from pmo_desktop.storage.database import Database

Progress = Callable[[int, int, str], None]
#: Share of the progress bar given to assembling the data (the rest is rendering).
_ASSEMBLY_SHARE = 400
_PROGRESS_TOTAL = 1000
#: Projects a pack includes when the user names none (nor any programme).
REPORTED_STATUSES = (ProjectStatus.ACTIVE, ProjectStatus.ON_HOLD)
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
#: The longest logo a template keeps (a logo is a small PNG or JPEG).
MAX_LOGO_BYTES = 2 * 1024 * 1024
_Row = TypeVar("_Row", Project, Programme)


@dataclass(frozen=True)
class PackRequest:
    """What to print: a portfolio, a selection, a date and the print options.

    Empty `projects` and `programmes` mean every active or on-hold project of the
    portfolio; otherwise the union of the named projects and the active or on-hold projects
    of the named programmes (codes or names, case-insensitive).
    """

    portfolio: str | None = None
    projects: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()
    as_of: date | None = None
    options: PackOptions = field(default_factory=PackOptions)
    thresholds: RagThresholds | None = None


@dataclass(frozen=True)
class PackResult:
    """A file written: where, how many pages (0 for a workbook), projects and seconds."""

    path: Path
    pages: int
    projects: int
    seconds: float


@dataclass(frozen=True)
class PackTemplate:
    """A named choice of a portfolio; its request never holds an as-of date."""

    id: int
    name: str
    request: PackRequest


@dataclass(frozen=True)
class _Resolved:
    """A request resolved against the database."""

    portfolio_id: int
    portfolio: str
    project_ids: tuple[int, ...]
    as_of: date


# --- Building files -------------------------------------------------------------------


def write_board_pack(
    database: Database, request: PackRequest, out: Path, progress: Progress | None = None
) -> PackResult:
    """Assemble and render the board pack of `request` into `out` (PDF), atomically.

    `progress(done, total, label)` covers assembling and rendering; it may raise to cancel,
    which leaves no file (an existing file at `out` is untouched).
    """
    from pmo_desktop.reports.pack import render_board_pack

    started = time.perf_counter()
    target = _output_path(out)
    report = _Progress(progress)
    report.step(0, 1, "Assembling the data")
    pack = _assemble(database, request, report.assembling)
    with atomic_output(target) as stream:
        pages = render_board_pack(pack, request.options, stream, progress=report.rendering)
    report.step(1, 1, "Done")
    return PackResult(target, pages, len(pack.projects), time.perf_counter() - started)


def write_project_report(
    database: Database,
    project: str,
    out: Path,
    *,
    portfolio: str | None = None,
    as_of: date | None = None,
    options: PackOptions = PackOptions(),  # noqa: B008 - frozen, never mutated
) -> PackResult:
    """The one-page status report of `project` (code or name) into `out` (PDF), atomically."""
    from pmo_desktop.reports.status_report import render_project_status

    started = time.perf_counter()
    target = _output_path(out)
    request = PackRequest(portfolio=portfolio, projects=(project,), as_of=as_of, options=options)
    pack = _assemble(database, request)
    with atomic_output(target) as stream:
        pages = render_project_status(pack, options, stream)
    return PackResult(target, pages, len(pack.projects), time.perf_counter() - started)


def write_portfolio_table(database: Database, request: PackRequest, out: Path) -> PackResult:
    """The portfolio table of `request` as an Excel workbook (.xlsx), atomically."""
    from pmo_desktop.interop.xlsx import portfolio_table
    from pmo_desktop.reports.i18n import ReportText

    started = time.perf_counter()
    target = _output_path(out)
    pack = _assemble(database, request)
    portfolio_table.write_portfolio_table(
        pack.projects,
        target,
        text=ReportText(request.options.language),
        portfolio=pack.portfolio,
        organisation=pack.organisation,
        as_of=pack.as_of,
    )
    return PackResult(target, 0, len(pack.projects), time.perf_counter() - started)


def write_report(
    database: Database,
    request: PackRequest,
    out: Path,
    project: str | None = None,
    progress: Progress | None = None,
) -> PackResult:
    """`project`'s status report if given, else the portfolio table for an .xlsx `out`, else
    the board pack: what the CLI (and any caller choosing by file type) writes."""
    if project is not None:
        return write_project_report(
            database,
            project,
            out,
            portfolio=request.portfolio,
            as_of=request.as_of,
            options=request.options,
        )
    if Path(out).suffix.lower() == ".xlsx":
        return write_portfolio_table(database, request, out)
    return write_board_pack(database, request, out, progress)


def _assemble(
    database: Database, request: PackRequest, progress: Progress | None = None
) -> PortfolioPack:
    from pmo_desktop.services.board_pack import assemble_board_pack

    _validate(request)
    resolved = resolve_request(database, request)
    return assemble_board_pack(
        database,
        resolved.portfolio_id,
        resolved.as_of,
        project_ids=resolved.project_ids,
        thresholds=request.thresholds,
        gantt_months_before=request.options.gantt_months_before,
        gantt_months_after=request.options.gantt_months_after,
        progress=progress,
    )


class _Progress:
    """One progress scale over assembling then rendering."""

    def __init__(self, callback: Progress | None) -> None:
        self.callback = callback

    def step(self, done: int, total: int, label: str) -> None:
        if self.callback is not None:
            self.callback(done * _PROGRESS_TOTAL // max(total, 1), _PROGRESS_TOTAL, label)

    def assembling(self, done: int, total: int, label: str) -> None:
        if self.callback is not None:
            share = min(done, total) * _ASSEMBLY_SHARE // max(total, 1)
            self.callback(share, _PROGRESS_TOTAL, label)

    def rendering(self, done: int, total: int, label: str) -> None:
        if self.callback is not None:
            rest = _PROGRESS_TOTAL - _ASSEMBLY_SHARE
            share = _ASSEMBLY_SHARE + min(done, total) * rest // max(total, 1)
            self.callback(min(share, _PROGRESS_TOTAL - 1), _PROGRESS_TOTAL, label)


def _output_path(out: Path | str) -> Path:
    target = Path(out).expanduser().absolute()
    if target.is_dir():
        raise InteropError(f"{target} is a folder; give a file name for the output.")
    if not target.parent.is_dir():
        raise InteropError(f"Cannot write {target}: the folder {target.parent} does not exist.")
    return target


# --- Resolving a request ----------------------------------------------------------------


def with_overrides(
    request: PackRequest,
    *,
    portfolio: str | None = None,
    projects: Sequence[str] | None = None,
    programmes: Sequence[str] | None = None,
    as_of: date | None = None,
    language: str | None = None,
    paper: str | None = None,
    orientation: str | None = None,
) -> PackRequest:
    """`request` with the values given (None keeps its own): next month's pack from a template.

    Naming projects or programmes replaces the template's whole selection.
    """
    changes = {"language": language, "paper": paper, "orientation": orientation}
    options = replace(request.options, **{k: v for k, v in changes.items() if v is not None})
    request = replace(request, options=options)
    if portfolio is not None:
        request = replace(request, portfolio=portfolio)
    if as_of is not None:
        request = replace(request, as_of=as_of)
    if projects is not None or programmes is not None:
        request = replace(
            request, projects=tuple(projects or ()), programmes=tuple(programmes or ())
        )
    return request


def resolve_request(database: Database, request: PackRequest) -> _Resolved:
    """The portfolio, the selected project ids (code order) and the as-of date of a request.

    Unknown names raise NotFoundError naming every one of them.
    """
    with database.session() as session:
        portfolio = _portfolio(session, database, request.portfolio)
        projects = list(
            session.scalars(
                select(Project).where(Project.portfolio_id == portfolio.id).order_by(Project.code)
            )
        )
        if request.projects or request.programmes:
            programmes = list(
                session.scalars(select(Programme).where(Programme.portfolio_id == portfolio.id))
            )
            selected = _select(portfolio.name, projects, programmes, request)
        else:
            selected = {p.id for p in projects if p.status in REPORTED_STATUSES}
    if not selected:
        raise ValidationError(
            f"Nothing to report on in portfolio {portfolio.name!r}: no active or on-hold "
            "project was selected."
        )
    ordered = tuple(p.id for p in projects if p.id in selected)
    as_of = request.as_of or portfolio.as_of_date or date.today()
    return _Resolved(portfolio.id, portfolio.name, ordered, as_of)


def _portfolio(session: Session, database: Database, name: str | None) -> Portfolio:
    portfolios = list(session.scalars(select(Portfolio).order_by(Portfolio.name)))
    if name is not None and name.strip():
        wanted = name.strip().casefold()
        for portfolio in portfolios:
            if portfolio.name.casefold() == wanted:
                return portfolio
        known = ", ".join(repr(p.name) for p in portfolios) or "none"
        raise NotFoundError(
            f"No portfolio named {name!r} in {database.display} (portfolios: {known})."
        )
    if not portfolios:
        raise NotFoundError(f"{database.display} holds no portfolio yet.")
    if len(portfolios) > 1:
        names = ", ".join(repr(p.name) for p in portfolios)
        raise ValidationError(
            f"{database.display} holds several portfolios ({names}); choose one with its name."
        )
    return portfolios[0]


def _select(
    portfolio: str,
    projects: Sequence[Project],
    programmes: Sequence[Programme],
    request: PackRequest,
) -> set[int]:
    found_projects, unknown_projects = _match(projects, request.projects)
    found_programmes, unknown_programmes = _match(programmes, request.programmes)
    problems = []
    if unknown_projects:
        problems.append(f"no project {_names(unknown_projects)}")
    if unknown_programmes:
        problems.append(f"no programme {_names(unknown_programmes)}")
    if problems:
        raise NotFoundError(
            f"Portfolio {portfolio!r} has {' and '.join(problems)} (by code or name)."
        )
    programme_ids = {programme.id for programme in found_programmes}
    selected = {project.id for project in found_projects}
    selected |= {
        project.id
        for project in projects
        if project.programme_id in programme_ids and project.status in REPORTED_STATUSES
    }
    return selected


def _match(rows: Sequence[_Row], names: Sequence[str]) -> tuple[list[_Row], list[str]]:
    """Rows named by code or name (codes first, case-insensitive), and the unknown names."""
    by_code = {row.code.casefold(): row for row in rows}
    by_name: dict[str, _Row] = {}
    for row in rows:
        by_name.setdefault(row.name.casefold(), row)
    found: list[_Row] = []
    unknown: list[str] = []
    for name in names:
        wanted = name.strip().casefold()
        row = by_code.get(wanted) or by_name.get(wanted)
        if row is None:
            unknown.append(name)
        elif row not in found:
            found.append(row)
    return found, unknown


def _names(names: Sequence[str]) -> str:
    return ", ".join(repr(name) for name in names)


def _validate(request: PackRequest) -> None:
    _validate_options(request.options)
    if request.thresholds is not None:
        request.thresholds.validate()


def _validate_options(options: PackOptions) -> None:
    checks = (
        ("language", options.language, LANGUAGES),
        ("paper", options.paper, PAPERS),
        ("orientation", options.orientation, ORIENTATIONS),
    )
    for what, value, allowed in checks:
        if value not in allowed:
            raise ValidationError(
                f"Unknown {what} {value!r} for a report: choose one of {', '.join(allowed)}."
            )
    for colour in (options.branding.primary_colour, options.branding.accent_colour):
        if not _COLOUR.fullmatch(colour):
            raise ValidationError(f"Colour {colour!r} is not of the form #RRGGBB.")
    logo = options.branding.logo
    if logo is not None and len(logo) > MAX_LOGO_BYTES:
        raise ValidationError(
            f"The logo is too large ({len(logo) // 1024:,} KB); "
            f"use an image under {MAX_LOGO_BYTES // (1024 * 1024)} MB."
        )
    if not 0 <= options.gantt_months_before <= 24 or not 1 <= options.gantt_months_after <= 24:
        raise ValidationError("The Gantt extract shows 0–24 months before and 1–24 after.")


# --- Templates --------------------------------------------------------------------------


def list_templates(database: Database, portfolio: str | None = None) -> list[PackTemplate]:
    """The templates of a portfolio (None: the only one), by name."""
    with database.session() as session:
        owner = _portfolio(session, database, portfolio)
        rows = session.scalars(
            select(ReportTemplate).where(ReportTemplate.portfolio_id == owner.id)
        ).all()
        return sorted((_template(row, owner.name) for row in rows), key=lambda t: t.name.casefold())


def save_template(database: Database, name: str, request: PackRequest) -> PackTemplate:
    """Store `request` (without its as-of date) as `name`, replacing a template so named.

    The selection must resolve (unknown projects or programmes are refused).
    """
    clean = _template_name(name)
    _validate(request)
    resolve_request(database, request)
    payload = request_to_json(request)
    with database.write_session() as session:
        owner = _portfolio(session, database, request.portfolio)
        row = _find_template(session, owner.id, clean)
        if row is None:
            row = ReportTemplate(portfolio_id=owner.id, name=clean)
            session.add(row)
        row.name = clean
        row.request = payload
        row.logo = request.options.branding.logo
        session.flush()
        return _template(row, owner.name)


def load_template(database: Database, name: str, portfolio: str | None = None) -> PackTemplate:
    """The template called `name` (case-insensitive) of a portfolio (None: the only one)."""
    with database.session() as session:
        owner = _portfolio(session, database, portfolio)
        row = _find_template(session, owner.id, name.strip())
        if row is None:
            raise NotFoundError(_no_template(session, owner, name))
        return _template(row, owner.name)


def delete_template(database: Database, name: str, portfolio: str | None = None) -> None:
    """Remove the template called `name` of a portfolio (None: the only one)."""
    with database.write_session() as session:
        owner = _portfolio(session, database, portfolio)
        row = _find_template(session, owner.id, name.strip())
        if row is None:
            raise NotFoundError(_no_template(session, owner, name))
        session.delete(row)


def _template_name(name: str) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise ValidationError("A pack template needs a name.")
    if len(clean) > TEMPLATE_NAME_LENGTH:
        raise ValidationError(
            f"A pack template's name has at most {TEMPLATE_NAME_LENGTH} characters "
            f"({len(clean)} given)."
        )
    return clean


def _find_template(session: Session, portfolio_id: int, name: str) -> ReportTemplate | None:
    wanted = " ".join(name.split()).casefold()
    rows = session.scalars(
        select(ReportTemplate).where(ReportTemplate.portfolio_id == portfolio_id)
    ).all()
    return next((row for row in rows if row.name.casefold() == wanted), None)


def _no_template(session: Session, portfolio: Portfolio, name: str) -> str:
    names = session.scalars(
        select(ReportTemplate.name)
        .where(ReportTemplate.portfolio_id == portfolio.id)
        .order_by(ReportTemplate.name)
    ).all()
    known = ", ".join(repr(n) for n in names) or "none yet"
    return f"Portfolio {portfolio.name!r} has no pack template {name!r} (templates: {known})."


def _template(row: ReportTemplate, portfolio: str) -> PackTemplate:
    request = request_from_json(row.request, portfolio=portfolio, logo=row.logo)
    return PackTemplate(row.id, row.name, request)


# --- A request as JSON --------------------------------------------------------------------


def request_to_json(request: PackRequest) -> dict[str, Any]:
    """The stored form of a request: selection, options, thresholds; no date, no logo."""
    options = request.options
    return {
        "projects": list(request.projects),
        "programmes": list(request.programmes),
        "options": {
            "language": options.language,
            "paper": options.paper,
            "orientation": options.orientation,
            "sections": [section.value for section in Section if section in options.sections],
            "classification": options.classification,
            "title": options.title,
            "primary_colour": options.branding.primary_colour,
            "accent_colour": options.branding.accent_colour,
            "gantt_months_before": options.gantt_months_before,
            "gantt_months_after": options.gantt_months_after,
        },
        "thresholds": (
            None
            if request.thresholds is None
            else {f.name: getattr(request.thresholds, f.name) for f in fields(RagThresholds)}
        ),
    }


def request_from_json(
    data: dict[str, Any], *, portfolio: str | None = None, logo: bytes | None = None
) -> PackRequest:
    """A request back from its stored form; absent or unknown values take the defaults."""
    defaults = PackOptions()
    stored = data.get("options") or {}
    sections = stored.get("sections")
    known_sections = {section.value for section in Section}
    branding = Branding(
        primary_colour=stored.get("primary_colour", defaults.branding.primary_colour),
        accent_colour=stored.get("accent_colour", defaults.branding.accent_colour),
        logo=logo,
    )
    options = PackOptions(
        language=stored.get("language", defaults.language),
        paper=stored.get("paper", defaults.paper),
        orientation=stored.get("orientation", defaults.orientation),
        sections=(
            defaults.sections
            if sections is None
            else frozenset(Section(value) for value in sections if value in known_sections)
        ),
        classification=stored.get("classification", defaults.classification),
        title=stored.get("title", defaults.title),
        branding=branding,
        gantt_months_before=int(stored.get("gantt_months_before", defaults.gantt_months_before)),
        gantt_months_after=int(stored.get("gantt_months_after", defaults.gantt_months_after)),
    )
    thresholds = data.get("thresholds")
    if thresholds is not None:
        names = {f.name for f in fields(RagThresholds)}
        thresholds = RagThresholds(**{k: v for k, v in thresholds.items() if k in names})
    return PackRequest(
        portfolio=portfolio,
        projects=tuple(str(name) for name in data.get("projects", ())),
        programmes=tuple(str(name) for name in data.get("programmes", ())),
        as_of=None,
        options=options,
        thresholds=thresholds,
    )
