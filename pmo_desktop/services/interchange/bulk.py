"""Insert many rows of one table with one driver-level executemany.

SQLAlchemy Core's `connection.execute(insert(table), rows)` rebuilds and type-processes
every parameter set and runs each column's Python default row by row: for the 225,000 rows
of a 50,000-task workbook that bookkeeping costs more than the inserts themselves. Here the
statement is compiled once, each column's bind processor is looked up once (and applied
once per distinct date or moment), and Python defaults are filled in directly: a unique
column's callable (the UUID) once per row, any other callable (the time stamps) once per
batch, constants as they are. The values stored are those SQLAlchemy would store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Table, insert
from sqlalchemy.sql.schema import ColumnDefault


def bulk_insert(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows` (dicts with the same keys, column keys of `table`) into `table`."""
    if not rows:
        return
    keys = list(rows[0])
    constants: dict[str, Any] = {}
    per_row: dict[str, Callable[[], Any]] = {}
    for column in table.columns:
        default = column.default
        if column.key in keys or not isinstance(default, ColumnDefault):
            continue
        if default.is_clause_element:  # a SQL expression: SQLAlchemy renders it, row by row
            connection.execute(insert(table), list(rows))
            return
        if default.is_scalar:
            constants[column.key] = default.arg
        elif default.is_callable:
            function = default.arg
            if column.unique:
                per_row[column.key] = lambda function=function: function(None)
            else:
                constants[column.key] = function(None)
    names = [*keys, *constants, *per_row]
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=names)
    processors = {name: _processor(table, name, dialect) for name in names}
    columns: dict[str, list[Any]] = {key: [row[key] for row in rows] for key in keys}
    columns |= {key: [value] * len(rows) for key, value in constants.items()}
    columns |= {key: [make() for _ in rows] for key, make in per_row.items()}
    for name, process in processors.items():
        if process is not None:
            columns[name] = _apply(process, columns[name])
    if compiled.positional:
        order = list(compiled.positiontup or ())
        params: list[Any] = list(zip(*(columns[name] for name in order), strict=True))
    else:
        # a compiled insert names each bind after its column key
        params = [
            dict(zip(columns, values, strict=True))
            for values in zip(*columns.values(), strict=True)
        ]
    connection.exec_driver_sql(compiled.string, params)


def _processor(table: Table, name: str, dialect: Any) -> Callable[[Any], Any] | None:
    column = table.c[name]
    return column.type._cached_bind_processor(dialect)


def _apply(process: Callable[[Any], Any], values: list[Any]) -> list[Any]:
    """The processed values; dates and moments (often repeated) are processed once each."""
    done: dict[Any, Any] = {}
    result = []
    for value in values:
        if value is None:
            result.append(process(value))
        elif type(value) in _MEMO:
            found = done.get(value, _MISSING)
            if found is _MISSING:
                found = done[value] = process(value)
            result.append(found)
        else:
            result.append(process(value))
    return result


_MISSING = object()
_MEMO = {date, datetime}
