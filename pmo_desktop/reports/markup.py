"""User text made safe for reportlab: Paragraph markup is escaped, unprintables removed.

Project names, commentaries and risk titles are untrusted: `Task <b>bold`, `<font …>` or a
stray `&` must print literally and never be parsed as markup or break the build.
"""

from __future__ import annotations

import unicodedata
from xml.sax.saxutils import escape as xml_escape

from reportlab.pdfbase.pdfmetrics import stringWidth

#: Bidirectional and zero-width controls that DejaVu has no glyph for (they would print as
#: boxes); the text itself is kept in logical order.
_INVISIBLE = {
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2028", "\u2029", "\u202a",
    "\u202b", "\u202c", "\u202d", "\u202e", "\u2060", "\u2066", "\u2067", "\u2068",
    "\u2069", "\ufeff",
}  # fmt: skip
ELLIPSIS = "…"


def plain(text: str | None) -> str:
    """The printable form of user text: control characters and surrogates removed, tabs as
    spaces, line breaks normalised to "\\n"."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    kept = []
    for char in text:
        if char == "\n":
            kept.append(char)
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cs", "Co", "Cn") or char in _INVISIBLE:
            continue
        kept.append(char)
    return "".join(kept)


def escape(text: str | None) -> str:
    """Text as Paragraph markup that prints it literally (line breaks kept).

    Narrow no-break spaces (French digit groups, "42 %") become no-break spaces: reportlab's
    Paragraph would otherwise break a line inside "1 234 567 €".
    """
    value = plain(text).strip().replace("\u202f", "\u00a0")
    return "<br/>".join(xml_escape(line.strip()) for line in value.split("\n"))


def one_line(text: str | None) -> str:
    """User text on a single line (for headers, footers, bookmarks and canvas strings)."""
    return " ".join(plain(text).split())


def shorten(text: str | None, limit: int, marker: str = ELLIPSIS) -> str:
    """Plain user text cut to `limit` characters, the cut shown by `marker`."""
    value = plain(text).strip()
    if len(value) <= limit:
        return value
    return value[: max(0, limit - len(marker))].rstrip() + marker


def fit_width(text: str, font: str, size: float, width: float) -> str:
    """A single line cut with an ellipsis so that it fits `width` points."""
    value = one_line(text)
    if stringWidth(value, font, size) <= width:
        return value
    low, high = 0, len(value)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(value[:middle] + ELLIPSIS, font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return value[:low].rstrip() + ELLIPSIS


def bold(markup: str) -> str:
    """Wrap already-escaped markup in bold."""
    return f"<b>{markup}</b>"


def coloured(markup: str, hex_colour: str) -> str:
    """Wrap already-escaped markup in a font colour (the colour is ours, never user text)."""
    return f'<font color="{hex_colour}">{markup}</font>'
