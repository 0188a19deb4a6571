"""The rows of large sheets, streamed as SpreadsheetML without openpyxl's per-cell objects.

openpyxl builds the package (styles, sheet views, widths, filters, workbook parts) and
opens it; the cells of the table sheets go through here, which is ten times faster: a
50,000-task portfolio is about two million cells (DESIGN.md §7: export < 10 s, import
< 15 s). Reading uses expat with document type declarations refused, so no entity is
ever expanded; formulas come back as their text ("=…"), never evaluated.
"""

from __future__ import annotations

import gc
import html
import re
import xml.parsers.expat
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from itertools import islice, repeat
from typing import IO, Any

from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import from_excel

from pmo_desktop.errors import InteropError

_EPOCH = datetime(1899, 12, 30)
_DAY = timedelta(days=1)
_CHUNK = 1 << 16
#: Sheet parts up to this size are read whole with the regular expression; larger ones stream.
_REGEX_LIMIT = 160 * 1024 * 1024
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector off for the block (back on after, if it was on).

    Reading or storing a large workbook builds millions of rows, values and dataclasses that
    all stay alive: the collector would go through them again and again for nothing (a
    tenth of a 50,000-task import's time). Reference counting still frees everything else.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Styles:
    """Style ids (cellXfs indexes) registered with openpyxl for each kind of column."""

    def __init__(
        self, datetime_id: int, date_id: int, decimal_id: int, quoted_id: int, grey_id: int = 0
    ) -> None:
        self.by_kind = {"datetime": datetime_id, "date": date_id, "decimal": decimal_id}
        self.quoted = quoted_id
        #: Grey text: the UID column, kept for re-imports but not for reading.
        self.text_by_kind = {"uid": grey_id}


def _escape(text: str) -> str:
    if not text.isprintable():
        text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _text_cell(ref: str, text: str, quoted: int, plain: int | None = None) -> str:
    if not text:
        return ""
    if text.startswith(FORMULA_TRIGGERS) or text in ERROR_CODES:
        style = f' s="{quoted}"'
    else:
        style = f' s="{plain}"' if plain else ""
    space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
    return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{_escape(text)}</t></is></c>'


def _serial(value: date) -> float | int:
    if isinstance(value, datetime):
        return (value.replace(tzinfo=None) - _EPOCH) / _DAY
    return value.toordinal() - _EPOCH.toordinal()


#: Stands for the row number in a cell's markup: never in the markup otherwise (a control
#: character, taken out of every text by `_escape`).
_ROW_NUMBER = "\x00"
_ROW_NUMBER_BYTES = _ROW_NUMBER.encode()
#: Values a column's cells may be looked up by: two equal values of these give the same
#: markup, unless they are numbers of two types (1, 1.0, True), zero floats (0.0, -0.0) or
#: datetimes with a time zone (equal instants in two zones): see `_column_cells`.
_KEYED = frozenset({str, int, float, bool, date, datetime, type(None)})
_NOT_NUMBERS = frozenset({str, date, datetime, type(None)})
#: Columns of numbers (and empty cells) written by the numbers' text (`_NumberMarkup`).
_NUMBERS = frozenset({int, float, type(None)})
#: Rows per chunk of markup.
_ROWS_PER_CHUNK = 2000


class _SharedMarkupError(Exception):
    """A value that must not share its markup with the values equal to it."""


def _cell(ref: str, value: Any, style: int | None, text_style: int | None, quoted: int) -> str:
    """One cell's markup ("" for an empty value); `ref` is its column letters and row."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return _text_cell(ref, value, quoted, text_style)
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, date):
        return f'<c r="{ref}" s="{style or 0}"><v>{_serial(value)!r}</v></c>'
    if style is not None:
        return f'<c r="{ref}" s="{style}"><v>{value!r}</v></c>'
    return f'<c r="{ref}"><v>{value!r}</v></c>'


class _Markup(dict[Any, bytes]):
    """A column's cell markup (UTF-8) by value, made on first sight (most values recur down a
    column: statuses, resources, dates, IDs)."""

    def __init__(self, ref: str, style: int | None, text_style: int | None, quoted: int) -> None:
        super().__init__()
        self.ref, self.style, self.text_style, self.quoted = ref, style, text_style, quoted

    def __missing__(self, value: Any) -> bytes:
        if (isinstance(value, float) and value == 0) or (
            isinstance(value, datetime) and value.tzinfo is not None
        ):
            raise _SharedMarkupError
        markup = _cell(self.ref, value, self.style, self.text_style, self.quoted).encode()
        self[value] = markup
        return markup


class _NumberMarkup(dict[str, bytes]):
    """A number column's cell markup by the numbers' text (repr): 0.0 and -0.0, 1 and 1.0
    are equal but written apart."""

    def __init__(self, ref: str, style: int | None) -> None:
        super().__init__({"None": b""})  # repr(None): an empty cell
        self.ref, self.style = ref, ("" if style is None else f' s="{style}"')

    def __missing__(self, text: str) -> bytes:
        markup = self[text] = f'<c r="{self.ref}"{self.style}><v>{text}</v></c>'.encode()
        return markup


def _column_cells(
    values: Sequence[Any], ref: str, style: int | None, text_style: int | None, quoted: int
) -> list[bytes]:
    """The markup of each of a column's cells, with `_ROW_NUMBER` for the row number."""
    types = set(map(type, values))
    if float in types and types <= _NUMBERS:
        return list(map(_NumberMarkup(ref, style).__getitem__, map(repr, values)))
    if types <= _KEYED and len(types - _NOT_NUMBERS) <= 1:
        try:
            return list(map(_Markup(ref, style, text_style, quoted).__getitem__, values))
        except _SharedMarkupError:
            pass
    return [_cell(ref, value, style, text_style, quoted).encode() for value in values]


def row_chunks(
    kinds: Sequence[str], rows: Iterable[Sequence[Any]], styles: Styles, first_row: int = 2
) -> Iterator[bytes]:
    """`<row>` elements (UTF-8) for `rows` (values as the column kinds say), a few thousand
    at a time.

    User text is always an inline string; text Excel would take for a formula gets the
    quote-prefix style. Dates are serial numbers with a date format. The markup is made a
    column at a time, once per distinct value of the column, with a stand-in for the row
    number that each row's markup then gets: a cell costs a look-up, not a conversion.
    """
    rows = rows if isinstance(rows, list) else list(rows)
    # Each row must have a value per column (ValueError otherwise).
    transposed = zip(*rows, strict=True) if rows else [()] * len(kinds)
    columns: list[Iterable[bytes]] = [repeat(b'<row r="%s">' % _ROW_NUMBER_BYTES)]
    for number, (kind, values) in enumerate(zip(kinds, transposed, strict=True), start=1):
        ref = get_column_letter(number) + _ROW_NUMBER
        style, text_style = styles.by_kind.get(kind), styles.text_by_kind.get(kind)
        columns.append(_column_cells(values, ref, style, text_style, styles.quoted))
    columns.append(repeat(b"</row>"))
    cells = zip(*columns, strict=False)  # the repeats end with the columns' lists
    end = first_row + len(rows)
    for start in range(first_row, end, _ROWS_PER_CHUNK):
        stop = min(start + _ROWS_PER_CHUNK, end)
        markup = map(b"".join, islice(cells, stop - start))
        numbers = map(b"%d".__mod__, range(start, stop))
        rows_markup = zip(markup, numbers, strict=True)
        yield b"".join([row.replace(_ROW_NUMBER_BYTES, number) for row, number in rows_markup])


def splice_rows(
    package: IO[bytes],
    target: IO[bytes],
    tables: dict[str, tuple[Sequence[str], list[Sequence[Any]]]],
    styles: Styles,
) -> None:
    """Copy the openpyxl `package` into `target`, adding the rows of each table sheet.

    `tables` maps a sheet part ("xl/worksheets/sheet2.xml") to its column kinds and rows;
    each sheet gets its `<dimension>` and its autofilter over every row.
    """
    with (
        zipfile.ZipFile(package) as source,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as output,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename not in tables:
                output.writestr(info.filename, data)
                continue
            kinds, rows = tables[info.filename]
            xml = data.decode("utf-8")
            cut = xml.index("</sheetData>")
            head, tail = xml[:cut], xml[cut:]
            last = f"{get_column_letter(len(kinds))}{len(rows) + 1}"
            dimension = f'<dimension ref="A1:{last}"/>'
            head = head.replace("</sheetPr>", "</sheetPr>" + dimension, 1)
            tail = re.sub(r'<autoFilter ref="[^"]*"', f'<autoFilter ref="A1:{last}"', tail, count=1)
            with output.open(info.filename, "w", force_zip64=True) as stream:
                stream.write(head.encode("utf-8"))
                for chunk in row_chunks(kinds, rows, styles):
                    stream.write(chunk)
                stream.write(tail.encode("utf-8"))


_CELL, _TEXT, _ROW, _FORMULA, _PHONETIC = 1, 2, 3, 4, 5
_CODES = {"c": _CELL, "v": _TEXT, "t": _TEXT, "row": _ROW, "f": _FORMULA, "rPh": _PHONETIC}


class _RowParser:
    """expat handlers that turn `<row>`/`<c>` elements into (row number, values) pairs."""

    def __init__(
        self,
        shared: Sequence[Any],
        date_styles: set[int],
        epoch: datetime,
        skip: frozenset[str] = frozenset(),
    ) -> None:
        self.shared, self.date_styles, self.epoch = shared, date_styles, epoch
        self.skip_names = skip
        #: Columns (0-based) whose cells are dropped: known once the header row is read.
        self.skip: set[int] = set()
        self.header_read = False
        self.rows: list[tuple[int, list[Any]]] = []
        self.row_number = 0
        self.cells: dict[int, Any] = {}
        self.column = 0
        self.kind, self.style = "n", None
        self.text: list[str] | None = None  # collecting <v> or <t>
        self.value: list[str] = []
        self.formula: list[str] | None = None
        self.in_formula = self.phonetic = False
        self.local: dict[str, int] = {}
        self.columns: dict[str, int] = {}

    def code(self, name: str) -> int:
        """A small number per element name (prefixes such as "x:" ignored): c=1 v/t=2 …"""
        local = name.rpartition(":")[2]
        found = self.local[name] = _CODES.get(local, 0)
        return found

    def start(self, name: str, attrs: dict[str, str]) -> None:
        code = self.local.get(name)
        if code is None:
            code = self.code(name)
        if code == _CELL:
            ref = attrs.get("r")
            if ref:
                letters = ref.rstrip("0123456789")
                column = self.columns.get(letters)
                if column is None:
                    column = self.columns[letters] = column_index_from_string(letters) - 1
                self.column = column
            else:
                self.column += 1
            self.kind = attrs.get("t", "n")
            style = attrs.get("s")
            self.style = int(style) if style else None
            self.value, self.formula = [], None
        elif code == _TEXT:
            if not self.phonetic:
                self.text = self.value
        elif code == _ROW:
            number = attrs.get("r")
            self.row_number = int(number) if number else self.row_number + 1
            self.cells, self.column = {}, -1
        elif code == _FORMULA:
            self.formula, self.in_formula = [], True
        elif code == _PHONETIC:
            self.phonetic = True

    def end(self, name: str) -> None:
        code = self.local[name]
        if code == _CELL:
            if self.column in self.skip:
                return
            value = self._value()
            if value is not None:
                self.cells[self.column] = value
        elif code == _TEXT:
            self.text = None
        elif code == _ROW:
            if self.cells:
                values = [None] * (max(self.cells) + 1)
                for column, value in self.cells.items():
                    values[column] = value
                self.rows.append((self.row_number, values))
                if not self.header_read:
                    self.header_read = True
                    self.skip = _skipped(values, self.skip_names)
        elif code == _FORMULA:
            self.in_formula = False
        elif code == _PHONETIC:
            self.phonetic = False

    def characters(self, data: str) -> None:
        if self.in_formula and self.formula is not None:
            self.formula.append(data)
        elif self.text is not None:
            self.text.append(data)

    def _value(self) -> Any:
        if self.formula is not None:
            return "=" + ("".join(self.formula) or "(shared formula)")
        text = "".join(self.value)
        kind = self.kind
        if kind == "s":
            return self.shared[int(text)] if text else None
        if kind in ("inlineStr", "str", "e"):
            return text
        if not text:
            return None
        return _typed(text, kind, self.style, self.date_styles, self.epoch)


def read_rows(
    stream: IO[bytes],
    shared: Sequence[Any],
    date_styles: set[int],
    epoch: datetime,
    skip: frozenset[str] = frozenset(),
) -> Iterator[tuple[int, list[Any]]]:
    """(row number, values) of each non-empty row of a worksheet part.

    The cells of the columns whose header (the first row, kept whole) is one of `skip`
    (casefolded names) are not read: None, as if empty (a row holding nothing else is left
    out).

    Sheets whose cells all have the plain shape Excel, LibreOffice and our writer use are
    read with one regular expression; any other shape (formulas, prefixed names, rich
    text…) goes through expat, element by element. Both give the same values.
    """
    data = stream.read(_REGEX_LIMIT + 1)
    if len(data) <= _REGEX_LIMIT and _plain(data):
        try:
            rows = _regex_rows(data.decode("utf-8"), shared, date_styles, epoch, skip)
        except UnicodeDecodeError:
            rows = None  # expat says where the text is broken
        if rows is not None:
            yield from rows
            return
    yield from _expat_rows(_chunks(data, stream), shared, date_styles, epoch, skip)


def _chunks(first: bytes, stream: IO[bytes]) -> Iterator[bytes]:
    yield first
    while chunk := stream.read(_CHUNK):
        yield chunk


_CELL_RE = re.compile(
    r'<c r="([A-Z]{1,3})(\d+)"(?: s="(\d+)")?(?: t="(\w+)")?\s*'
    r'(?:/>|>(?:<v>([^<]*)</v>|<is><t(?: xml:space="preserve")?>([^<]*)</t></is>)?</c>)'
)
_UNSEEN = object()


def _plain(data: bytes) -> bool:
    return b"<!" not in data and b":c " not in data and b"<f" not in data


def _skipped(header: list[Any], names: frozenset[str]) -> set[int]:
    """The columns of `header` named one of `names` (casefolded)."""
    if not names:
        return set()
    return {
        column
        for column, name in enumerate(header)
        if isinstance(name, str) and name.strip().casefold() in names
    }


def _regex_rows(
    text: str,
    shared: Sequence[Any],
    date_styles: set[int],
    epoch: datetime,
    skip_names: frozenset[str] = frozenset(),
) -> list[tuple[int, list[Any]]] | None:
    matches = _CELL_RE.findall(text)
    # Every "<c" within the sheet data must be a cell the expression read; any other (a cell
    # of another shape, rich text's <color>…) sends the sheet to expat. Counted, not
    # searched: a fifth of the expression's time on a large sheet.
    start, end = text.find("<sheetData"), text.rfind("</sheetData>")
    if start < 0 or end < start:
        start, end = 0, len(text)
    if len(matches) != text.count("<c", start, end):
        return None  # some cell has another shape: let expat read the sheet
    rows: list[tuple[int, list[Any]]] = []
    # The row being read: its values by column (cells come left to right, but any order
    # reads right); a row is kept if some cell has a value.
    values: list[Any] = []
    current = ""
    columns: dict[str, int] = {}
    typed: dict[tuple[str, str, str], Any] = {}
    skip: set[str] = set()  # the letters of the skipped columns, once the header is read
    for letters, number, style, kind, raw, inline in matches:
        if number != current:
            if values:
                rows.append((int(current), values))
                if len(rows) == 1 and skip_names:
                    skip = {
                        get_column_letter(column + 1) for column in _skipped(values, skip_names)
                    }
                values = []
            current = number
        if letters in skip:
            continue
        if kind == "inlineStr":
            value: Any = html.unescape(inline) if "&" in inline else inline
        elif not raw:
            continue
        elif kind == "s":
            value = shared[int(raw)]
        elif kind in ("str", "e"):
            value = html.unescape(raw) if "&" in raw else raw
        else:  # the same number, date or flag recurs down a column: convert it once
            key = (raw, kind, style)
            value = typed.get(key, _UNSEEN)
            if value is _UNSEEN:
                value = typed[key] = _typed(
                    raw, kind, int(style) if style else None, date_styles, epoch
                )
        if value is None:
            continue
        column = columns.get(letters)
        if column is None:
            column = columns[letters] = column_index_from_string(letters) - 1
        size = len(values)
        if column == size:
            values.append(value)
        elif column > size:
            values.extend([None] * (column - size))
            values.append(value)
        else:
            values[column] = value
    if values:
        rows.append((int(current), values))
    return rows


def _typed(text: str, kind: str, style: int | None, date_styles: set[int], epoch: datetime) -> Any:
    """A <v> of a number, boolean or ISO date cell as its value (dates by their style)."""
    if kind == "b":
        return text.strip() in ("1", "true")
    if kind == "d":
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            return text
    try:
        number: float | int = int(text)
    except ValueError:
        try:
            number = float(text)
        except ValueError:
            return text
    if style is not None and style in date_styles:
        return from_excel(number, epoch)
    return number


def _refuse(*_: object) -> None:
    raise InteropError("the workbook declares a document type or entities; refused")


def _expat_rows(
    chunks: Iterable[bytes],
    shared: Sequence[Any],
    date_styles: set[int],
    epoch: datetime,
    skip: frozenset[str] = frozenset(),
) -> Iterator[tuple[int, list[Any]]]:
    handler = _RowParser(shared, date_styles, epoch, skip)
    parser = xml.parsers.expat.ParserCreate()
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    parser.CharacterDataHandler = handler.characters
    for chunk in _ended(chunks):
        try:
            parser.Parse(chunk, not chunk)
        except xml.parsers.expat.ExpatError as error:
            raise InteropError(f"a sheet is damaged: {error}") from None
        yield from handler.rows
        handler.rows.clear()


def _ended(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The chunks (empty ones dropped), then one empty chunk that ends the parse."""
    for chunk in chunks:
        if chunk:
            yield chunk
    yield b""
