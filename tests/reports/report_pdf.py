"""Reading rendered packs back: page texts, outline, character boxes (pdfplumber, pypdf)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date

import pdfplumber
import pypdf
import pypdfium2 as pdfium

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def squash(value: str) -> str:
    """Text with every run of (no-break) spaces and line breaks as one space."""
    return _SPACES.sub(" ", value).strip()


def bare(value: str) -> str:
    """Text without any whitespace (for words that wrap across lines)."""
    return _SPACES.sub("", value)


def english_date(day: date) -> str:
    """ "30 Oct 2026", written independently of babel."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


@dataclass
class ReadPack:
    """A rendered PDF read back."""

    data: bytes
    texts: list[str]
    outline: list[tuple[int, str, int]]  # (level, title, 1-based page)
    sizes: list[tuple[float, float]]

    @property
    def pages(self) -> int:
        return len(self.texts)

    def page_text(self, number: int) -> str:
        """Squashed text of a 1-based page."""
        return squash(self.texts[number - 1])

    def outline_page(self, title: str) -> int:
        """The page of the first outline entry with this title."""
        return next(page for _, name, page in self.outline if name == title)


def read_pdf(data: bytes) -> ReadPack:
    """Texts (pdfium), outline and page sizes (pypdf) of a PDF held in memory."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    outline: list[tuple[int, str, int]] = []

    def walk(entries: list, level: int) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, level + 1)
            else:
                outline.append((level, entry.title, reader.get_destination_page_number(entry) + 1))

    walk(reader.outline, 0)
    sizes = [(float(page.mediabox.width), float(page.mediabox.height)) for page in reader.pages]
    document = pdfium.PdfDocument(data)
    try:
        texts = [document[index].get_textpage().get_text_range() for index in range(len(document))]
    finally:
        document.close()
    return ReadPack(data, texts, outline, sizes)


def drawn_texts(data: bytes) -> list[str]:
    """Page texts in the order the characters were drawn (pdfplumber): right-to-left text
    comes back in its logical order, as the user typed it."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def chars_outside(data: bytes, margin: float, band: float) -> list[str]:
    """Characters printed outside the page, or outside the margins (the header and footer
    may use the top and bottom `band`, still within the side margins)."""
    problems = []
    slack = 0.6
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            width, height = float(page.width), float(page.height)
            for char in page.chars:
                if char["text"].isspace():
                    continue
                x0, x1, top, bottom = char["x0"], char["x1"], char["top"], char["bottom"]
                on_page = x0 >= -slack and x1 <= width + slack and top >= -slack
                on_page = on_page and bottom <= height + slack
                inside = x0 >= margin - slack and x1 <= width - margin + slack
                in_header = top >= margin - band - slack and bottom <= margin + slack
                in_footer = top >= height - margin - slack and bottom <= height - margin + band
                in_body = top >= margin - slack and bottom <= height - margin + slack
                if not (on_page and inside and (in_body or in_header or in_footer)):
                    problems.append(
                        f"page {number}: {char['text']!r} at x {x0:.1f}-{x1:.1f}, "
                        f"y {top:.1f}-{bottom:.1f} on {width:.0f}x{height:.0f}"
                    )
    return problems
