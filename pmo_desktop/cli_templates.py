"""`pmo-desktop templates`, `new-project`, `lessons` and `pmo-mode`: PMO governance (issue 9).

Method templates listed, shown, exported and imported as data; a new project created from a
template as the GUI's "New project from template" does; the portfolio's lessons learned
searched; the portfolio's PMO operating mode shown or changed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pmo_desktop.services.database import Database
    from pmo_desktop.services.template_lessons import LessonGroup
    from pmo_desktop.services.templates import TemplateInfo

_TEMPLATES_HELP = (
    "List the method templates the portfolio offers (its own versions replace the shipped "
    "ones): code, language, method, name, where it comes from, and how many stages, gates, "
    "milestones, WBS tasks and standard risks it holds. --show CODE prints one template in "
    "full; --export CODE --out FILE.json writes it as a file a PMO administrator can edit; "
    "--import FILE.json stores the edited file as the portfolio's version of the template "
    "with that code and language (or a new template for a new code). A file is checked "
    "whole first: if anything is wrong, every problem is listed and nothing is stored."
)
_NEW_PROJECT_HELP = (
    "Create a project from a method template exactly as File › New project from template "
    "does: the template's WBS with its durations in working days of the portfolio calendar "
    "and its links, a gate milestone and a gate review closing each gated stage, the "
    "milestones, iterations and ceremonies, the standard risks (open, owned by --manager) "
    "and the portfolio's calendar, then the project scheduled from --start. Prints what was "
    "created and the lessons learned of earlier projects that match the template."
)


def register(commands: Any) -> None:
    """Add the `templates` and `new-project` commands (`cli_lessons`: the others)."""
    from pmo_desktop import cli

    db_help = "database file or URL (default: your own portfolio database)"
    lang = {"choices": cli.LANGUAGES, "default": argparse.SUPPRESS}
    fmt = {"choices": ("text", "json"), "default": "text", "help": "output format (default text)"}

    templates = commands.add_parser(
        "templates", help="list, show, export or import method templates",
        description=_TEMPLATES_HELP,
    )  # fmt: skip
    cli._add_db(templates, db_help)
    templates.add_argument("--portfolio", metavar="NAME", help="needed when there are several")
    templates.add_argument(
        "--lang", **lang, help="only templates in this language (--show/--export: default en)"
    )
    action = templates.add_mutually_exclusive_group()
    action.add_argument("--show", metavar="CODE", help="print one template in full")
    action.add_argument("--export", metavar="CODE", help="write one template to --out FILE.json")
    action.add_argument(
        "--import", dest="import_file", type=Path, metavar="FILE.json",
        help="store a template file for the portfolio",
    )  # fmt: skip
    templates.add_argument("--out", type=Path, metavar="FILE.json", help="with --export")
    templates.add_argument("--format", **fmt)
    templates.set_defaults(handler=_templates)

    new = commands.add_parser(
        "new-project", help="create a project from a method template",
        description=_NEW_PROJECT_HELP,
    )  # fmt: skip
    cli._add_db(new, db_help)
    new.add_argument("--template", required=True, metavar="CODE", help="e.g. waterfall")
    new.add_argument("--name", required=True, metavar="NAME", help="the project's name")
    new.add_argument(
        "--code", metavar="CODE", help="the project's code (default: made from the name)"
    )
    new.add_argument(
        "--start", required=True, type=cli._date, metavar="YYYY-MM-DD", help="start date"
    )
    new.add_argument("--programme", metavar="NAME", help="its programme (code or name)")
    new.add_argument("--manager", default="", metavar="NAME", help="project manager")
    new.add_argument("--portfolio", metavar="NAME", help="needed when there are several")
    new.add_argument("--lang", **lang, help="the template's language (default en)")
    new.add_argument("--format", **fmt)
    new.set_defaults(handler=_new_project)


def _portfolio_id(database: Database, name: str | None) -> int:
    """The portfolio named, or the only one; a clear error for an empty database."""
    from pmo_desktop.errors import ValidationError
    from pmo_desktop.services.interchange.log_workbook import find_portfolio
    from pmo_desktop.services.portfolio import list_portfolios

    if name is None and not list_portfolios(database):
        raise ValidationError(
            f"{database.display} holds no portfolio yet: create one in the application "
            "(or try `pmo-desktop demo`)."
        )
    return find_portfolio(database, name)


def _dump(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


# --- templates ----------------------------------------------------------------------------


def _counts(info: TemplateInfo) -> dict[str, int]:
    definition = info.parsed()
    return {
        "stages": len(definition.stages),
        "gates": sum(1 for stage in definition.stages if stage.gate is not None),
        "milestones": len(definition.milestones),
        "tasks": sum(1 for item in definition.tasks() if not item.children),
        "risks": len(definition.risks),
    }


def _templates(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from pmo_desktop import cli
    from pmo_desktop.errors import NotFoundError
    from pmo_desktop.services import templates as service
    from pmo_desktop.services.portfolio import list_portfolios

    if args.out is not None and args.export is None:
        parser.error("--out goes with --export CODE")
    if args.export is not None and args.out is None:
        parser.error("--export CODE needs --out FILE.json")
    if args.import_file is not None:
        return _import(args)
    database = cli._open(args.db, create=False)
    try:
        if args.portfolio is None and not list_portfolios(database):
            portfolio_id = None  # an empty database: the shipped templates
        else:
            portfolio_id = _portfolio_id(database, args.portfolio)
        if args.show is None and args.export is None:
            found = (
                service.shipped_templates(args.lang)
                if portfolio_id is None
                else service.list_templates(database, portfolio_id, args.lang,
                                            include_inactive=True)
            )  # fmt: skip
        else:
            code, language = (args.show or args.export).strip().lower(), args.lang or "en"
            if portfolio_id is None:
                info = service.shipped_default(code, language)
                if info is None:
                    raise NotFoundError(f"There is no template '{code}' in {language}.")
            else:
                info = service.get_template(database, portfolio_id, code, language)
    finally:
        database.close()
    if args.export is not None:
        return _export(info, args.out)
    if args.show is not None:
        return _show(info, args.format)
    if args.format == "json":
        _dump([
            {"code": info.code, "language": info.language, "method": info.method.value,
             "name": info.name, "origin": service.origin(info), "active": info.active,
             **_counts(info)}
            for info in found
        ])  # fmt: skip
        return 0
    if not found:
        print("No template.")
        return 0
    print(f"{'code':<14}{'lang':<6}{'method':<11}stages gates miles tasks risks  name")
    for info in found:
        counts = _counts(info)
        flags = [service.origin(info)] + ([] if info.active else ["hidden"])
        print(
            f"{info.code:<14}{info.language:<6}{info.method.value:<11}"
            f"{counts['stages']:>6}{counts['gates']:>6}{counts['milestones']:>6}"
            f"{counts['tasks']:>6}{counts['risks']:>6}  {info.name} ({', '.join(flags)})"
        )
    return 0


def _export(info: TemplateInfo, out: Path) -> int:
    from pmo_desktop.services.templates import template_document
    from pmo_desktop.storage.atomic import atomic_output

    text = json.dumps(template_document(info), ensure_ascii=False, indent=1) + "\n"
    out = out.expanduser().absolute()
    with atomic_output(out) as stream:
        stream.write(text.encode("utf-8"))
    print(f"Exported the template {info.code} ({info.language}) {info.name!r} to {out}.")
    return 0


def _import(args: argparse.Namespace) -> int:
    from pmo_desktop import cli
    from pmo_desktop.errors import NotFoundError, ValidationError
    from pmo_desktop.services.template_schema import TemplateError
    from pmo_desktop.services.templates import (
        get_template,
        import_template,
        origin,
        read_template_document,
    )

    path = args.import_file.expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise ValidationError(f"Cannot read {path}: {reason}.") from None
    try:
        info = read_template_document(text)
    except TemplateError as exc:
        listed = "\n".join(f"  • {problem}" for problem in exc.problems)
        raise ValidationError(
            f"{path} is not a valid template; nothing was stored:\n{listed}"
        ) from None
    except ValidationError as exc:
        raise ValidationError(
            f"{path} is not a valid template; nothing was stored: {exc}"
        ) from None
    database = cli._open(args.db, create=False)
    try:
        portfolio_id = _portfolio_id(database, args.portfolio)
        if database.read_only:
            raise ValidationError(
                f"{database.display} is read-only ({database.read_only_reason}); "
                "nothing was stored."
            )
        try:
            replaced = origin(get_template(database, portfolio_id, info.code, info.language))
        except NotFoundError:
            replaced = ""
        command = import_template(database, portfolio_id, info)
        command.apply(database)
        stored = get_template(database, portfolio_id, info.code, info.language)
    finally:
        database.close()
    counts = ", ".join(f"{count} {name}" for name, count in _counts(stored).items())
    how = {
        "": "as a new template of the portfolio",
        "portfolio": "over the portfolio's own version",
    }.get(replaced, f"as the portfolio's version (the {replaced} one stays for reset)")
    print(
        f"Imported the template {stored.code} ({stored.language}) {stored.name!r} {how}: {counts}."
    )
    return 0


def _show(info: TemplateInfo, form: str) -> int:
    from pmo_desktop.services.templates import origin, template_document

    if form == "json":
        _dump(template_document(info) | {"origin": origin(info), "active": info.active})
        return 0
    definition = info.parsed()
    hidden = "" if info.active else ", hidden from new projects"
    lines = [
        f"{info.name} — {info.code} ({info.language}), {info.method.value}, {origin(info)}{hidden}",
    ]
    if info.description:
        lines.append(info.description)
    lines.append("\nStages and gates:")
    for number, stage in enumerate(definition.stages, 1):
        lines.append(f"  {number}. {stage.name}")
        gate = stage.gate
        if gate is None:
            continue
        approver = f" (approver: {gate.approver_role})" if gate.approver_role else ""
        lines.append(f"     gate: {gate.name} → {gate.next_phase}{approver}")
        for criterion in gate.criteria:
            mark = "required" if criterion.required else "optional"
            lines.append(f"       [{mark}] {criterion.text}")
        lines += [f"       document: {document}" for document in gate.documents]
        lines += [f"       decision: {decision}" for decision in gate.decisions]
    if definition.milestones:
        lines.append("\nMilestones:")
        lines += [
            f"  {m.name} — {m.stage}, {m.offset_days:g} working days after its start"
            for m in definition.milestones
        ]
    lines.append("\nWBS (working days; predecessors):")
    for item in definition.tasks():
        indent = "  " * item.code.count(".")
        what = (
            "milestone" if item.milestone else "" if item.children else f"{item.duration_days:g} d"
        )
        links = ", ".join(
            link.wbs + ("" if link.type.value == "FS" else link.type.value)
            + (f"{link.lag_days:+g}d" if link.lag_days else "")
            for link in item.predecessors
        )  # fmt: skip
        details = "; ".join(part for part in (what, f"after {links}" if links else "") if part)
        stage = f" [stage {item.stage}]" if item.stage else ""
        lines.append(
            f"  {indent}{item.code} {item.name}{stage}" + (f" ({details})" * bool(details))
        )
    if definition.iterations is not None:
        it = definition.iterations
        lines.append(
            f"\nIterations: {it.count} × {it.length_days:g} working days in {it.stage} "
            f"({it.title(1)}…)"
        )
        lines += [
            f"  ceremony: {c.name.replace('{n}', '').strip()} every {c.every_days:g} days "
            f"from day {c.offset_days:g}, {c.duration_minutes} min"
            for c in definition.ceremonies
        ]
    if definition.risks:
        lines.append("\nStandard risks (probability × schedule/cost/scope/quality impact):")
        for risk in definition.risks:
            ratings = (
                f"P{risk.probability} × {risk.impact_schedule}/{risk.impact_cost}/"
                f"{risk.impact_scope}/{risk.impact_quality}"
            )
            category = f" [{risk.category}]" if risk.category else ""
            lines.append(f"  {risk.title}{category}: {ratings}, {risk.response.value}")
            if risk.response_plan:
                lines.append(f"    plan: {risk.response_plan}")
    if definition.raci:
        lines.append("\nRACI (responsible / accountable / consulted / informed):")
        lines += [
            f"  {row.activity}: R {row.responsible}; A {row.accountable}; "
            f"C {', '.join(row.consulted) or '-'}; I {', '.join(row.informed) or '-'}"
            for row in definition.raci
        ]
    print("\n".join(lines))
    return 0


# --- new-project --------------------------------------------------------------------------


def _free_code(database: Database, portfolio_id: int, name: str) -> str:
    """A project code made from the name (its words in capitals), free in the portfolio."""
    import re

    from sqlalchemy import select

    from pmo_desktop.models import Project

    words = re.findall(r"[A-Za-z0-9]+", name.upper())
    base = ""
    for word in words:
        if base and len(base) + 1 + len(word) > 20:
            break
        base = f"{base}-{word}" if base else word[:20]
    base = base or "PRJ"
    with database.session() as session:
        taken = set(
            session.scalars(select(Project.code).where(Project.portfolio_id == portfolio_id))
        )
    code, number = base, 2
    while code in taken:
        code, number = f"{base}-{number}", number + 1
    return code


def _programme_id(database: Database, portfolio_id: int, name: str) -> int:
    from sqlalchemy import select

    from pmo_desktop.errors import NotFoundError
    from pmo_desktop.models import Programme

    with database.session() as session:
        rows = session.execute(
            select(Programme.id, Programme.code, Programme.name)
            .where(Programme.portfolio_id == portfolio_id)
            .order_by(Programme.code)
        ).all()
    wanted = name.strip().casefold()
    for attribute in (1, 2):
        for row in rows:
            if row[attribute].casefold() == wanted:
                return int(row[0])
    known = ", ".join(f"{row[1]} ({row[2]})" for row in rows) or "none"
    raise NotFoundError(f"No programme {name!r} in this portfolio (programmes: {known}).")


def _new_project(args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    from sqlalchemy import select

    from pmo_desktop import cli
    from pmo_desktop.errors import ValidationError
    from pmo_desktop.models import GateReview, Portfolio
    from pmo_desktop.services.template_lessons import (
        group_lessons,
        matching_lessons,
        template_words,
    )
    from pmo_desktop.services.template_projects import CreateProjectFromTemplate, NewProject
    from pmo_desktop.services.templates import get_template

    language = getattr(args, "lang", None) or "en"
    database = cli._open(args.db, create=False)
    try:
        portfolio_id = _portfolio_id(database, args.portfolio)
        if database.read_only:
            raise ValidationError(
                f"{database.display} is read-only ({database.read_only_reason}); "
                "no project was created."
            )
        template = get_template(database, portfolio_id, args.template.strip().lower(), language)
        definition = template.parsed()
        programme_id = (
            None
            if args.programme is None
            else _programme_id(database, portfolio_id, args.programme)
        )
        code = (args.code or "").strip() or _free_code(database, portfolio_id, args.name)
        request = NewProject(code, args.name, args.start, programme_id, args.manager)
        command = CreateProjectFromTemplate(portfolio_id, template, request)
        command.apply(database)
        result = command.result
        assert result is not None
        with database.session() as session:
            gates = [
                (gate.name, gate.planned_date)
                for gate in session.scalars(
                    select(GateReview)
                    .where(GateReview.project_id == result.project_id)
                    .order_by(GateReview.sequence)
                )
            ]
            portfolio = session.get(Portfolio, portfolio_id)
            portfolio_name = portfolio.name if portfolio is not None else ""
        matches = matching_lessons(
            database, portfolio_id, method=template.method.value, words=template_words(definition)
        )
    finally:
        database.close()
    lessons = group_lessons(matches)
    if args.format == "json":
        _dump({
            "project": code, "name": request.name.strip(), "id": result.project_id,
            "portfolio": portfolio_name, "template": template.code,
            "language": template.language, "start": args.start.isoformat(),
            "finish": result.finish.isoformat() if result.finish else None,
            "tasks": result.tasks, "links": result.links, "milestones": result.milestones,
            "gates": [{"name": name, "planned": day.isoformat() if day else None}
                      for name, day in gates],
            "risks": result.risks, "warnings": list(result.warnings),
            "lessons": [_lesson_json(group) for group in lessons],
        })  # fmt: skip
        return 0
    finish = f"{result.finish:%Y-%m-%d}" if result.finish else "not scheduled"
    print(
        f"Created project {code} {request.name.strip()!r} in {portfolio_name} from the template "
        f"{template.name!r} ({template.language}): {result.tasks} tasks "
        f"({result.milestones} milestones), {result.links} links, {result.gates} gates, "
        f"{result.risks} standard risks; starts {args.start:%Y-%m-%d}, finishes {finish}."
    )
    for number, (name, day) in enumerate(gates, 1):
        print(f"  gate {number}: {name} — planned {day:%Y-%m-%d}" if day else f"  gate: {name}")
    cli._print_warnings(result.warnings)
    if not lessons:
        print("No lesson of earlier projects matches yet.")
        return 0
    print(f"Lessons learned ({len(lessons)}):")
    for group in lessons:
        origins = ", ".join(sorted({project or "Portfolio" for project in group.projects}))
        tags = " · ".join(part for part in (group.category, group.phase) if part)
        print(f"  • {group.title}")
        if group.recommendation:
            print(f"    {group.recommendation}")
        print(f"    {origins}" + (f" — {tags}" if tags else ""))
    return 0


def _lesson_json(group: LessonGroup) -> dict[str, Any]:
    return {
        "title": group.title, "recommendation": group.recommendation,
        "projects": [project or None for project in group.projects],
        "category": group.category, "phase": group.phase,
        "codes": [match.code for match in group.matches],
    }  # fmt: skip
