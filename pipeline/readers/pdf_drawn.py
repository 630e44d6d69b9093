"""What a PDF engine hands the layout code for one page: glyphs, rules and image cover.

Both engines (pdfium, the default, and pdfplumber, kept for comparison) read a page into a
``Drawn`` record and close the page at once; everything after that (tables, lines,
paragraphs) is the same code whichever engine read the page.
"""
from __future__ import annotations

from typing import Iterator, NamedTuple, Protocol

from pipeline.readers.pdf_glyphs import PageGlyphs
from pipeline.readers.pdf_rules import Rule
from pipeline.readers.pdf_settings import PdfSettings


class Drawn(NamedTuple):
    """What the parser found on a page, before any interpretation (PDF points, origin
    top-left, page rotation applied)."""

    number: int
    width: float
    height: float
    glyphs: PageGlyphs
    horizontal: list[Rule]  # snapped rules (pdf_rules.snap_rules)
    vertical: list[Rule]
    image_cover: float  # share of the page the largest image covers


class Unread(NamedTuple):
    """A page the engine could not parse (a damaged content stream), and why."""

    number: int
    reason: str


class Pages(Protocol):
    """An engine's open PDF: its page count, and its pages read one at a time."""

    page_count: int

    def drawn(self, settings: PdfSettings) -> Iterator[Drawn | Unread]:
        """Every page, read and closed in turn."""

    def close(self) -> None:
        """Release the document."""
