"""The two ends of an open check-out (issue 8 §6): what an offline copy records about
itself, cancelling a check-out (from the shared database, or from the copy), and opening
the shared database a copy came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import make_url

from pmo_desktop.errors import PmoError
from pmo_desktop.models import AuditAction, CheckoutRole, CheckoutState
from pmo_desktop.models.base import utcnow
from pmo_desktop.services.checkout import (
    CheckoutError,
    CheckoutInfo,
    _find_project,
    _info,
    _table,
    checked_out,
    mark_returned,
)
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.storage import audit, credentials


@dataclass(frozen=True)
class CopyInfo:
    """What an offline copy records about its check-out (see `copy_info`)."""

    project_id: int
    project_code: str
    project_name: str
    #: The shared database it came from (a path, or a URL without password).
    source: str
    checked_out_by: str
    host: str
    checked_out_at: datetime
    state: CheckoutState
    master_uuid: str
    returned_at: datetime | None
    #: The other projects in the copy (reached by cross-project links): read-only stubs.
    others: frozenset[int] = frozenset()


def copy_info(database: Database) -> CopyInfo | None:
    """The check-out an open database is the offline copy of; None for any other database."""
    table = _table("checkouts")
    projects = _table("projects")
    query = (
        select(table, projects.c.code, projects.c.name)
        .join(projects, projects.c.id == table.c.project_id, isouter=True)
        .where(table.c.role == CheckoutRole.COPY.value)
        .order_by(table.c.id.desc())
    )
    with database.session() as session:
        row = session.execute(query).first()
    if row is None:
        return None
    with database.session() as session:
        others = frozenset(
            session.scalars(select(projects.c.id).where(projects.c.id != row.project_id))
        )
    return CopyInfo(
        project_id=row.project_id,
        project_code=row.code or "",
        project_name=row.name or "",
        source=row.source,
        checked_out_by=row.checked_out_by,
        host=row.host,
        checked_out_at=row.checked_out_at,
        state=CheckoutState(row.state),
        master_uuid=row.master_uuid,
        returned_at=row.returned_at,
        others=others,
    )


def cancel_checkout(shared: Database, project_id: int, *, master_uuid: str = "") -> CheckoutInfo:
    """Release a project's open check-out without checking anything in (the offline edits
    are abandoned: that copy can no longer be checked in). `master_uuid` names which
    check-out when the caller knows it (an offline copy's); otherwise the latest open one."""
    table = _table("checkouts")
    with shared.write_session() as session:
        connection = session.connection()
        query = select(table).where(
            table.c.project_id == project_id,
            table.c.role == CheckoutRole.MASTER.value,
            table.c.state == CheckoutState.OPEN.value,
        )
        if master_uuid:
            query = query.where(table.c.uuid == master_uuid)
        master = connection.execute(query.order_by(table.c.checked_out_at.desc())).first()
        if master is None:
            raise CheckoutError(f"Project {project_id} is not checked out of {shared.display}.")
        code = _find_project(connection, project_id).code
        mark_returned(connection, master, shared.user_name)
        audit.record_summary(
            session,
            "checkout",
            action=AuditAction.DELETE,
            entity_id=project_id,
            after={
                "cancelled": True,
                "checked_out_by": master.checked_out_by,
                audit.LABEL_KEY: Path(master.local_file).name,
            },
            project_id=project_id,
        )
    return _info(master, code)


def release_copy(local: Database, shared: Database | None) -> None:
    """Cancel the check-out an open offline copy belongs to: release it in the shared
    database (when `shared` is given and it is still open there) and mark the copy as
    returned, so that it can no longer be checked in. The copy's rows stay as they are."""
    info = copy_info(local)
    if info is None:
        raise CheckoutError(f"{local.display} is not a checked-out copy of a project.")
    if info.state is not CheckoutState.OPEN:
        raise CheckoutError(f"{local.display} was already checked in or cancelled.")
    if shared is not None:
        current = checked_out(shared, info.project_id)
        if current is not None and current.uuid == info.master_uuid:
            cancel_checkout(shared, info.project_id, master_uuid=info.master_uuid)
    table = _table("checkouts")
    with local.write_session() as session:
        now = utcnow()
        session.connection().execute(
            table.update()
            .where(table.c.role == CheckoutRole.COPY.value, table.c.master_uuid == info.master_uuid)
            .values(
                state=CheckoutState.RETURNED,
                returned_at=now,
                returned_by=local.user_name,
                version=table.c.version + 1,
                updated_at=now,
            )
        )


def open_source(source: str) -> Database:
    """Open the shared database an offline copy came from (`CopyInfo.source`): a server URL
    is recorded without its password, so the one remembered in the keyring is used (else
    the server's own means: PGPASSWORD, .pgpass)."""
    location = source
    if "://" in source:
        url = make_url(source)
        if url.password is None and url.username:
            try:
                password = credentials.get_password(url)
            except PmoError:
                password = None
            if password:
                location = url.set(password=password).render_as_string(hide_password=False)
    return open_database(location, create=False)
