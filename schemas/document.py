"""The document model every extractor reads: Document -> Page -> elements (paragraphs, tables).

Readers in ``pipeline/readers`` produce it from text or PDF; extractors never look at the
source file again. Everything is frozen and carries provenance (page number, and a bounding
box in PDF points when the source has geometry).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Union

from schemas.warnings import WarningItem

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, origin top-left


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line of text, as the reader saw it (before paragraphs are joined)."""

    text: str
    page: int | None = None
    bbox: BBox | None = None
    font_size: float | None = None
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Running text: wrapped lines joined, page furniture removed, artefact spaces cleaned.

    A heading is a paragraph too; ``extractors.sections`` decides which paragraphs are headings.
    """

    text: str
    page: int | None = None
    lines: tuple[Line, ...] = ()
    bbox: BBox | None = None
    outline_level: int | None = None  # Word's outline level (0 = 标题 1) where the source states one

    @property
    def font_size(self) -> float | None:
        return self.lines[0].font_size if self.lines else None

    @property
    def bold(self) -> bool:
        return bool(self.lines) and all(line.bold for line in self.lines)


@dataclass(frozen=True, slots=True)
class Table:
    """A table as a full rectangular grid of cleaned cell texts.

    A merged cell repeats its text in every grid position it covers when the reader knows
    the merge (PDF); a text reader leaves such positions empty, so extractors forward-fill
    name columns themselves. ``row_pages[i]`` is the page of row ``i`` (tables may cross pages).
    """

    rows: tuple[tuple[str, ...], ...]
    page: int | None = None
    row_pages: tuple[int | None, ...] = ()
    caption: str | None = None
    header_rows: int = 1
    bbox: BBox | None = None
    notes: tuple[str, ...] = ()  # e.g. 单位：万元 printed with the table

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    @property
    def body(self) -> tuple[tuple[str, ...], ...]:
        return self.rows[self.header_rows:]

    def page_of_row(self, i: int) -> int | None:
        return self.row_pages[i] if i < len(self.row_pages) else self.page


Element = Union[Paragraph, Table]


@dataclass(frozen=True, slots=True)
class Page:
    number: int | None
    elements: tuple[Element, ...] = ()
    width: float | None = None
    height: float | None = None
    method: str = "text"  # how its text was read: text (a text layer or file) | ocr


@dataclass(frozen=True, slots=True)
class Document:
    """One source file, read. ``warnings`` are the reader's; extractors add their own."""

    source_file: str  # relative to the input folder
    report_id: str  # first 16 hex chars of the SHA-256 of the file's bytes
    source_format: str  # text | pdf | scanned_pdf | docx | doc | xlsx | xls | html | unknown
    pages: tuple[Page, ...] = ()
    page_count: int | None = None
    warnings: tuple[WarningItem, ...] = field(default=())
    source_url: str | None = None  # the page a saved web page came from (its first line)
    # what the reader dropped as a web page's furniture (breadcrumbs, banners, a file's name):
    # never content, kept because a breadcrumb or a file name may still tell the year or title
    furniture: tuple[str, ...] = ()

    def elements(self) -> Iterator[Element]:
        for page in self.pages:
            yield from page.elements

    def paragraphs(self) -> Iterator[Paragraph]:
        return (e for e in self.elements() if isinstance(e, Paragraph))

    def tables(self) -> Iterator[Table]:
        return (e for e in self.elements() if isinstance(e, Table))
