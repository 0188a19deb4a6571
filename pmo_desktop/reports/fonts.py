"""DejaVu Sans, shipped inside matplotlib's mpl-data, registered once with reportlab.

Embedded TrueType subsets give the pack full Unicode (é, ç, €, —, ▲) without relying on the
14 standard PDF fonts, which only cover Latin-1, and without reading any system font.
"""

from __future__ import annotations

import importlib.util
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from pmo_desktop.errors import PmoError


@dataclass(frozen=True)
class FontFamily:
    """The registered reportlab names of the four faces."""

    regular: str
    bold: str
    italic: str
    bold_italic: str


FAMILY = FontFamily(
    regular="DejaVuSans",
    bold="DejaVuSans-Bold",
    italic="DejaVuSans-Oblique",
    bold_italic="DejaVuSans-BoldOblique",
)
_FILES = {
    FAMILY.regular: "DejaVuSans.ttf",
    FAMILY.bold: "DejaVuSans-Bold.ttf",
    FAMILY.italic: "DejaVuSans-Oblique.ttf",
    FAMILY.bold_italic: "DejaVuSans-BoldOblique.ttf",
}
_lock = threading.Lock()
_registered = False
_original_cmap = ttfonts.makeToUnicodeCMap


def _utf16(code: int) -> str:
    if code <= 0xFFFF:
        return f"{code:04X}"
    code -= 0x10000
    return f"{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}"


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map, with characters beyond U+FFFF (emoji) written as UTF-16
    surrogate pairs as the PDF specification requires: reportlab writes five hex digits,
    which readers truncate (😀 would be copied or searched as "ὠ")."""
    cmap = _original_cmap(fontname, subset)
    for index, code in enumerate(subset):
        if code > 0xFFFF:
            cmap = cmap.replace(f"<{index:02X}> <{code:04X}>", f"<{index:02X}> <{_utf16(code)}>")
    return cmap


def font_folder() -> Path:
    """matplotlib's bundled TrueType folder, found without importing matplotlib."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise PmoError("matplotlib is not installed: the report fonts cannot be found.")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


def register_fonts() -> FontFamily:
    """Register the DejaVu Sans family with reportlab (idempotent, thread-safe)."""
    global _registered
    with _lock:
        if _registered:
            return FAMILY
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap
        folder = font_folder()
        for name, filename in _FILES.items():
            path = folder / filename
            if not path.is_file():
                raise PmoError(f"The report font {filename} is missing from {folder}.")
            pdfmetrics.registerFont(TTFont(name, str(path)))
        pdfmetrics.registerFontFamily(
            FAMILY.regular,
            normal=FAMILY.regular,
            bold=FAMILY.bold,
            italic=FAMILY.italic,
            boldItalic=FAMILY.bold_italic,
        )
        _registered = True
        return FAMILY
