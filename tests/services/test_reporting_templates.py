"""Pack templates and request resolution, on SQLite files and PostgreSQL; the 0003 migration."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from pmo_desktop.errors import NotFoundError, ReadOnlyDatabaseError, ValidationError
from pmo_desktop.models import Portfolio, Programme, Project, ProjectStatus, ReportTemplate
from pmo_desktop.reports.data import Branding, PackOptions, Section
from pmo_desktop.services import crud
from pmo_desktop.services.dashboard import RagThresholds
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.services.reporting import (
    PackRequest,
    delete_template,
    list_templates,
    load_template,
    resolve_request,
    save_template,
    with_overrides,
)
from pmo_desktop.storage import schema
from pmo_desktop.storage.engine import make_engine
from pmo_desktop.storage.locations import resolve_target

#: A real PNG (1×1 pixel) with every byte value after it: binary must survive untouched.
LOGO = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82" + bytes(range(256))
)


@pytest.fixture
def portfolio(database: Database) -> Portfolio:
    """Programme DIG with two active projects and a closed one; one standalone on hold."""
    portfolio = crud.create(database, Portfolio, name="Group PMO", as_of_date=date(2026, 10, 30))
    digital = crud.create(
        database, Programme, portfolio_id=portfolio.id, code="DIG", name="Digital"
    )
    for code, name, status, programme in (
        ("P-02", "Portal", ProjectStatus.ACTIVE, digital.id),
        ("P-01", "Mobile app", ProjectStatus.ACTIVE, digital.id),
        ("P-03", "Old site", ProjectStatus.CLOSED, digital.id),
        ("P-04", "Lyon move", ProjectStatus.ON_HOLD, None),
        ("P-05", "Idea", ProjectStatus.PROPOSED, None),
    ):
        crud.create(
            database,
            Project,
            portfolio_id=portfolio.id,
            programme_id=programme,
            code=code,
            name=name,
            status=status,
        )
    return portfolio


def codes(database: Database, request: PackRequest) -> list[str]:
    ids = resolve_request(database, request).project_ids
    with database.session() as session:
        by_id = {p.id: p.code for p in session.scalars(select(Project))}
    return [by_id[i] for i in ids]


def test_default_selection_is_the_active_and_on_hold_projects(
    database: Database, portfolio: Portfolio
) -> None:
    resolved = resolve_request(database, PackRequest())
    assert resolved.portfolio == "Group PMO"
    assert resolved.as_of == date(2026, 10, 30)  # the portfolio's as-of date
    assert codes(database, PackRequest()) == ["P-01", "P-02", "P-04"]
    assert resolve_request(database, PackRequest(as_of=date(2026, 9, 1))).as_of == date(2026, 9, 1)


def test_projects_and_programmes_by_code_or_name(database: Database, portfolio: Portfolio) -> None:
    by_name = PackRequest(portfolio="group pmo", projects=("lyon MOVE", "P-05"))
    assert codes(database, by_name) == ["P-04", "P-05"]  # named projects, whatever status
    union = PackRequest(projects=("P-04",), programmes=("Digital",))
    assert codes(database, union) == ["P-01", "P-02", "P-04"]  # not the closed P-03
    assert codes(database, PackRequest(programmes=("dig",))) == ["P-01", "P-02"]


def test_unknown_names_are_all_listed(database: Database, portfolio: Portfolio) -> None:
    request = PackRequest(projects=("P-01", "Nope", "Ghost"), programmes=("Finance",))
    with pytest.raises(NotFoundError) as caught:
        resolve_request(database, request)
    message = str(caught.value)
    assert "'Nope'" in message and "'Ghost'" in message and "'Finance'" in message
    assert "P-01" not in message
    with pytest.raises(NotFoundError, match=r"No portfolio named 'Other'.*'Group PMO'"):
        resolve_request(database, PackRequest(portfolio="Other"))


def test_several_portfolios_need_a_name(database: Database, portfolio: Portfolio) -> None:
    crud.create(database, Portfolio, name="Second")
    with pytest.raises(ValidationError, match="several portfolios"):
        resolve_request(database, PackRequest())
    assert resolve_request(database, PackRequest(portfolio="Group PMO")).portfolio == "Group PMO"
    with pytest.raises(ValidationError, match="Nothing to report"):
        resolve_request(database, PackRequest(portfolio="Second"))


def test_no_portfolio_at_all(database: Database) -> None:
    with pytest.raises(NotFoundError, match="no portfolio"):
        resolve_request(database, PackRequest())


def full_request() -> PackRequest:
    options = PackOptions(
        language="fr",
        paper="a3",
        orientation="portrait",
        sections=frozenset({Section.COVER, Section.PROJECTS, Section.RISKS}),
        classification="Confidentiel — comité",
        title="Comité de pilotage <b>&",
        branding=Branding(primary_colour="#112233", accent_colour="#AABBCC", logo=LOGO),
        gantt_months_before=2,
        gantt_months_after=6,
    )
    return PackRequest(
        portfolio="Group PMO",
        projects=("P-04",),
        programmes=("Digital",),
        as_of=date(2026, 10, 30),
        options=options,
        thresholds=RagThresholds(spi_amber=0.9, spi_red=0.8, high_risk_score=12),
    )


def test_save_and_load_round_trip_without_the_as_of_date(
    database: Database, portfolio: Portfolio
) -> None:
    request = full_request()
    saved = save_template(database, "  Monthly   committee ", request)

    assert saved.name == "Monthly committee"
    loaded = load_template(database, "monthly COMMITTEE")
    assert loaded.id == saved.id and loaded.name == "Monthly committee"
    assert loaded.request == replace(request, as_of=None)  # everything but the date
    assert loaded.request.options.branding.logo == LOGO
    with database.session() as session:
        stored = session.scalars(select(ReportTemplate)).one()
        assert stored.logo == LOGO
        assert "2026-10-30" not in str(stored.request) and "as_of" not in stored.request


def test_save_replaces_a_template_of_the_same_name(
    database: Database, portfolio: Portfolio
) -> None:
    first = save_template(database, "Monthly", full_request())
    second = save_template(database, "MONTHLY", PackRequest(projects=("P-01",)))

    assert second.id == first.id and second.name == "MONTHLY"
    templates = list_templates(database)
    assert [t.name for t in templates] == ["MONTHLY"]
    assert templates[0].request.projects == ("P-01",)
    assert templates[0].request.options == PackOptions()  # no logo left from the first one
    assert templates[0].request.thresholds is None


def test_list_and_delete(database: Database, portfolio: Portfolio) -> None:
    for name in ("zeta", "Alpha", "mid"):
        save_template(database, name, PackRequest())
    assert [t.name for t in list_templates(database, "Group PMO")] == ["Alpha", "mid", "zeta"]

    delete_template(database, "MID")
    assert [t.name for t in list_templates(database)] == ["Alpha", "zeta"]
    with pytest.raises(NotFoundError, match=r"no pack template 'mid'.*'Alpha', 'zeta'"):
        delete_template(database, "mid")
    with pytest.raises(NotFoundError, match="no pack template 'Missing'"):
        load_template(database, "Missing")


def test_names_are_unique_per_portfolio_only(database: Database, portfolio: Portfolio) -> None:
    other = crud.create(database, Portfolio, name="Second")
    crud.create(database, Project, portfolio_id=other.id, code="S-1", name="Solo")
    save_template(database, "Monthly", PackRequest(portfolio="Group PMO"))
    save_template(database, "Monthly", PackRequest(portfolio="Second"))

    assert [t.request.portfolio for t in list_templates(database, "Second")] == ["Second"]
    assert len(list_templates(database, "Group PMO")) == 1
    with pytest.raises(ValidationError, match="several portfolios"):
        load_template(database, "Monthly")
    # The database itself refuses a duplicate in one portfolio.
    with pytest.raises(IntegrityError, match=r"(?i)unique"), database.write_session() as session:
        session.add(ReportTemplate(portfolio_id=other.id, name="Monthly", request={}))


@pytest.mark.parametrize("name", ["", "   ", "x" * 121])
def test_blank_or_long_names_are_refused(
    database: Database, portfolio: Portfolio, name: str
) -> None:
    with pytest.raises(ValidationError, match="name"):
        save_template(database, name, PackRequest())
    assert list_templates(database) == []


def test_a_template_must_resolve_and_be_valid(database: Database, portfolio: Portfolio) -> None:
    with pytest.raises(NotFoundError, match="'Ghost'"):
        save_template(database, "Bad", PackRequest(projects=("Ghost",)))
    bad_colour = PackOptions(branding=Branding(primary_colour="red"))
    with pytest.raises(ValidationError, match="#RRGGBB"):
        save_template(database, "Bad", PackRequest(options=bad_colour))
    with pytest.raises(ValidationError, match="paper"):
        save_template(database, "Bad", PackRequest(options=PackOptions(paper="a5")))
    with pytest.raises(ValidationError, match="inverted"):
        save_template(database, "Bad", PackRequest(thresholds=RagThresholds(spi_red=0.99)))
    assert list_templates(database) == []


def test_deleting_the_portfolio_deletes_its_templates(
    database: Database, portfolio: Portfolio
) -> None:
    save_template(database, "Monthly", PackRequest())
    with database.write_session() as session:
        session.delete(session.get(Portfolio, portfolio.id))
    with database.session() as session:
        assert session.scalars(select(ReportTemplate)).all() == []


def test_read_only_database_lists_but_refuses_to_save(tmp_path: Path) -> None:
    """A file from a newer version opens read-only: templates read, never written."""
    path = tmp_path / "pmo.sqlite"
    database = open_database(path)
    portfolio = crud.create(database, Portfolio, name="Only")
    crud.create(database, Project, portfolio_id=portfolio.id, code="A", name="Alpha")
    save_template(database, "Kept", PackRequest())
    with database.write_session() as session:
        session.execute(text("UPDATE alembic_version SET version_num = 'ffff9999'"))
    database.close()

    database = open_database(path)
    try:
        assert database.read_only
        assert [t.name for t in list_templates(database)] == ["Kept"]
        with pytest.raises(ReadOnlyDatabaseError):
            save_template(database, "Monthly", PackRequest())
        with pytest.raises(ReadOnlyDatabaseError):
            delete_template(database, "Kept")
    finally:
        database.close()


def test_upgrade_from_0002_keeps_data_and_adds_templates(tmp_path: Path) -> None:
    """A file made by the previous version (schema 0002) opens upgraded and takes templates."""
    path = tmp_path / "old.sqlite"
    engine = make_engine(resolve_target(path))
    schema.upgrade(engine, "0002")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO portfolios (uuid, version, name, description, organisation, "
                "currency, pmo_mode, created_at, updated_at) VALUES ('u-1', 1, 'Kept', '', '', "
                "'EUR', 'controlling', '2026-01-01', '2026-01-01')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO projects (uuid, version, portfolio_id, code, name, description, "
                "sponsor, manager, method, phase, status, budget, currency, percent_complete, "
                "priority, created_at, updated_at) VALUES ('u-2', 1, 1, 'K-1', 'Kept project', "
                "'', '', '', 'waterfall', '', 'active', 0, 'EUR', 0, 500, '2026-01-01', "
                "'2026-01-01')"
            )
        )
    engine.dispose()

    database = open_database(path)
    try:
        assert database.upgraded_from == "0002"
        assert database.revision == schema.alembic_head() == schema.head_revision()
        assert schema.schema_differences(database.engine) == []
        saved = save_template(database, "After upgrade", PackRequest(projects=("K-1",)))
        assert load_template(database, "after upgrade").id == saved.id
    finally:
        database.close()
    reopened = open_database(path)
    try:
        assert reopened.upgraded_from is None  # already at the head: nothing to do
        assert [t.name for t in list_templates(reopened)] == ["After upgrade"]
    finally:
        reopened.close()


def test_overrides_keep_the_template_and_replace_the_whole_selection() -> None:
    template = replace(full_request(), as_of=None)

    same = with_overrides(template)
    assert same == template
    changed = with_overrides(template, language="en", as_of=date(2026, 11, 30), projects=["P-9"])
    assert changed.options == replace(template.options, language="en")
    assert changed.as_of == date(2026, 11, 30)
    assert (changed.projects, changed.programmes) == (("P-9",), ())
    assert changed.thresholds == template.thresholds and changed.portfolio == template.portfolio
    other = with_overrides(template, portfolio="Second", programmes=("X",), paper="letter")
    assert (other.portfolio, other.projects, other.programmes) == ("Second", (), ("X",))
    assert other.options.paper == "letter" and other.options.language == "fr"
