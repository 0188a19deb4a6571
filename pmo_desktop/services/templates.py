"""Method templates: the shipped defaults (EN/FR JSON files) and a portfolio's own versions.

A template is data, never code. The defaults ship as `resources/templates/<code>.<lang>.json`
(Waterfall/PRINCE2-style, Agile/Scrum, Hybrid, in English and French). A PMO admin edits a
template for the portfolio: the edit is stored as a MethodTemplate row of that portfolio
with the same code and language, which then replaces the shipped one for the portfolio;
"reset" deletes the row and the shipped version shows again. Rows with no portfolio are
organisation-wide templates (same lookup, below a portfolio's own row).

The definition schema is documented and validated in `services.template_schema`
(`parse_definition`): stages with gates (criteria, documents, decisions, approver role),
milestones, a starter WBS with links by WBS code, standard risks, RACI, iterations and
ceremonies. Creating a project from a template is `services.template_projects`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from sqlalchemy import or_, select

from pmo_desktop.errors import NotFoundError, ValidationError
from pmo_desktop.models import Method, MethodTemplate
from pmo_desktop.services import crud
from pmo_desktop.services.commands import Command, CreateRow, DeleteRow, UpdateFields
from pmo_desktop.services.template_schema import Definition, TemplateError, parse_definition
from pmo_desktop.storage.database import Database

LANGUAGES = ("en", "fr")
#: The keys of a template file (the shipped files' format, `templates --export`'s output).
DOCUMENT_KEYS = ("code", "language", "method", "name", "description", "definition")
#: Keys `templates --show --format json` adds, which a file may carry and import ignores.
INFORMATIVE_KEYS = ("origin", "active")


@dataclass(frozen=True)
class TemplateInfo:
    """A template as offered to the user. `id` None: the shipped default (no row)."""

    code: str
    language: str
    name: str
    method: Method
    description: str
    definition: dict[str, Any]
    active: bool = True
    id: int | None = None
    version: int | None = None
    portfolio_id: int | None = None

    @property
    def shipped(self) -> bool:
        return self.id is None

    @property
    def customised(self) -> bool:
        """A portfolio's own version of a template (reset brings the default back)."""
        return self.portfolio_id is not None

    def parsed(self) -> Definition:
        return parse_definition(self.definition)


def _from_json(data: dict[str, Any]) -> TemplateInfo:
    return TemplateInfo(
        code=str(data["code"]),
        language=str(data["language"]),
        name=str(data["name"]),
        method=Method(data["method"]),
        description=str(data.get("description", "")),
        definition=dict(data["definition"]),
    )


@cache
def _shipped() -> tuple[TemplateInfo, ...]:
    folder = resources.files("pmo_desktop.resources").joinpath("templates")
    found = []
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".json"):
            found.append(_from_json(json.loads(entry.read_text(encoding="utf-8"))))
    return tuple(found)


def shipped_templates(language: str | None = None) -> list[TemplateInfo]:
    """The defaults shipped with the application (all languages when `language` is None)."""
    return [info for info in _shipped() if language is None or info.language == language]


def _from_row(row: MethodTemplate) -> TemplateInfo:
    return TemplateInfo(
        code=row.code, language=row.language, name=row.name, method=row.method,
        description=row.description, definition=dict(row.definition or {}), active=row.active,
        id=row.id, version=row.version, portfolio_id=row.portfolio_id,
    )  # fmt: skip


_METHOD_ORDER = {Method.WATERFALL: 0, Method.AGILE: 1, Method.HYBRID: 2}


def list_templates(
    database: Database,
    portfolio_id: int,
    language: str | None = None,
    *,
    include_inactive: bool = False,
) -> list[TemplateInfo]:
    """The portfolio's templates: its own rows, else organisation rows, else the defaults."""
    chosen: dict[tuple[str, str], TemplateInfo] = {
        (info.code, info.language): info for info in shipped_templates(language)
    }
    with database.session() as session:
        query = select(MethodTemplate).where(
            or_(MethodTemplate.portfolio_id.is_(None), MethodTemplate.portfolio_id == portfolio_id)
        )
        if language is not None:
            query = query.where(MethodTemplate.language == language)
        rows = list(session.scalars(query))
    # Organisation rows first, so the portfolio's own ones win.
    for row in sorted(rows, key=lambda row: row.portfolio_id is not None):
        chosen[(row.code, row.language)] = _from_row(row)
    found = [info for info in chosen.values() if include_inactive or info.active]
    return sorted(found, key=lambda info: (_METHOD_ORDER.get(info.method, 9), info.code,
                                           info.language))  # fmt: skip


def get_template(database: Database, portfolio_id: int, code: str, language: str) -> TemplateInfo:
    """One template as the portfolio sees it; NotFoundError if there is none."""
    for info in list_templates(database, portfolio_id, language, include_inactive=True):
        if info.code == code:
            return info
    raise NotFoundError(f"There is no template '{code}' in {language}.")


def shipped_default(code: str, language: str) -> TemplateInfo | None:
    return next((info for info in shipped_templates(language) if info.code == code), None)


def save_template(
    database: Database,
    portfolio_id: int,
    current: TemplateInfo,
    *,
    name: str,
    description: str,
    definition: dict[str, Any],
    active: bool = True,
    method: Method | None = None,
) -> Command:
    """The command storing the portfolio's version of `current` (validated first).

    A shipped or organisation template gets a new row for the portfolio; the portfolio's
    own row is updated (optimistic locking on the version the editor read).
    """
    name = name.strip()
    if not name:
        raise ValidationError("A template needs a name.")
    parse_definition(definition)
    values: dict[str, Any] = {
        "name": name, "description": description.strip(), "definition": definition,
        "active": active, "method": method or current.method,
    }  # fmt: skip
    text = f"Edit template {name}"
    if current.portfolio_id == portfolio_id and current.id is not None:
        assert current.version is not None
        before = {
            "name": current.name, "description": current.description,
            "definition": current.definition, "active": current.active, "method": current.method,
        }  # fmt: skip
        return UpdateFields(MethodTemplate, current.id, current.version, before, values, text)
    return CreateRow(MethodTemplate, values | {"portfolio_id": portfolio_id, "code": current.code,
                                               "language": current.language}, text)  # fmt: skip


def new_template(
    database: Database, portfolio_id: int, base: TemplateInfo, code: str, name: str
) -> Command:
    """A new portfolio template copied from `base` under a new code."""
    code = code.strip().lower()
    if not _code_ok(code):
        raise ValidationError(_CODE_RULE)
    taken = {info.code for info in list_templates(database, portfolio_id, base.language,
                                                  include_inactive=True)}  # fmt: skip
    if code in taken:
        raise ValidationError(f"The code '{code}' is already used by another template.")
    if not name.strip():
        raise ValidationError("A template needs a name.")
    values = {
        "portfolio_id": portfolio_id, "code": code, "language": base.language,
        "name": name.strip(), "method": base.method, "description": base.description,
        "definition": base.definition, "active": True,
    }  # fmt: skip
    return CreateRow(MethodTemplate, values, f"New template {name.strip()}")


_CODE_RULE = "A template code is letters, digits, '-' or '_'."


def _code_ok(code: str) -> bool:
    return bool(code) and code.replace("-", "").replace("_", "").isalnum()


def reset_template(database: Database, info: TemplateInfo) -> Command:
    """Delete the portfolio's own version: the shipped (or organisation) one shows again."""
    if info.id is None or info.version is None:
        raise ValidationError("This template is the shipped default already.")
    crud.get(database, MethodTemplate, info.id)
    return DeleteRow(MethodTemplate, info.id, info.version, f"Reset template {info.name}")


def definition_text(definition: dict[str, Any]) -> str:
    """The definition as the editor shows it: indented JSON, non-ASCII kept readable."""
    return json.dumps(definition, ensure_ascii=False, indent=2)


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"The JSON is not valid at line {exc.lineno}, column {exc.colno}: {exc.msg}."
        ) from None


def read_definition_text(text: str) -> dict[str, Any]:
    """The editor's JSON text as a definition, validated; ValidationError says where it fails."""
    data = _json(text)
    parse_definition(data)
    if not isinstance(data, dict):  # parse_definition raised already; keeps mypy informed
        raise ValidationError("The definition must be a JSON object.")
    return data


def origin(info: TemplateInfo) -> str:
    """Where the template the portfolio sees comes from: shipped, organisation or portfolio."""
    if info.shipped:
        return "shipped"
    return "portfolio" if info.customised else "organisation"


def template_document(info: TemplateInfo) -> dict[str, Any]:
    """The template as a file holds it (the shipped files' format): what an admin edits."""
    return {
        "code": info.code, "language": info.language, "method": info.method.value,
        "name": info.name, "description": info.description, "definition": info.definition,
    }  # fmt: skip


def read_template_document(text: str) -> TemplateInfo:
    """A template file's JSON text, validated whole; TemplateError lists every problem.

    The file holds `DOCUMENT_KEYS` (`INFORMATIVE_KEYS` are allowed and ignored); the
    definition is checked by `template_schema.parse_definition`.
    """
    data = _json(text)
    if not isinstance(data, dict):
        raise TemplateError(["the file must hold one JSON object (code, language, method, "
                             "name, description, definition)"])  # fmt: skip
    problems = []
    unknown = sorted(set(data) - set(DOCUMENT_KEYS) - set(INFORMATIVE_KEYS))
    if unknown:
        problems.append("template: unknown keys " + ", ".join(unknown))

    def text_of(key: str, required: bool = True) -> str:
        value = data.get(key, "")
        if not isinstance(value, str):
            problems.append(f"template: '{key}' must be text")
            return ""
        if required and not value.strip():
            problems.append(f"template: '{key}' is missing")
        return value.strip()

    code, language = text_of("code").lower(), text_of("language").lower()
    method, name, description = (
        text_of("method").lower(),
        text_of("name"),
        text_of("description", required=False),
    )
    if code and not _code_ok(code):
        problems.append(f"template: code '{code}': {_CODE_RULE}")
    if language and language not in LANGUAGES:
        problems.append(f"template: language '{language}' is not one of {', '.join(LANGUAGES)}")
    methods = [member.value for member in Method]
    if method and method not in methods:
        problems.append(f"template: method '{method}' is not one of {', '.join(methods)}")
    definition = data.get("definition")
    if definition is None:
        problems.append("template: 'definition' is missing")
    else:
        try:
            parse_definition(definition)
        except TemplateError as exc:
            problems += exc.problems
    if problems:
        raise TemplateError(problems)
    assert isinstance(definition, dict)  # parse_definition refuses anything else
    return TemplateInfo(code=code, language=language, name=name, method=Method(method),
                        description=description, definition=definition)  # fmt: skip


def import_template(database: Database, portfolio_id: int, info: TemplateInfo) -> Command:
    """The command storing a template read from a file for the portfolio.

    A code the portfolio already sees in that language (shipped, organisation or its own)
    gets the portfolio's version (`save_template`; it stays offered or hidden as it was);
    a new code becomes a new portfolio template (`new_template`).
    """
    try:
        current = get_template(database, portfolio_id, info.code, info.language)
    except NotFoundError:
        return new_template(database, portfolio_id, info, info.code, info.name)
    return save_template(
        database, portfolio_id, current, name=info.name, description=info.description,
        definition=info.definition, active=current.active, method=info.method,
    )  # fmt: skip
