"""Tiny documents built in tests: paragraphs and tables straight into the document model."""
from __future__ import annotations

from schemas.document import Document, Element, Line, Page, Paragraph, Table


def para(text: str, page: int | None = None) -> Paragraph:
    return Paragraph(text=text, page=page, lines=(Line(text=text, page=page),))


def table(*rows: str, caption: str | None = None, page: int | None = None) -> Table:
    """Rows written as `a|b|c` strings."""
    grid = tuple(tuple(c.strip() for c in r.split("|")) for r in rows)
    return Table(rows=grid, page=page, row_pages=tuple(page for _ in grid), caption=caption)


def doc(*elements: Element, report_id: str = "r1", fmt: str = "text") -> Document:
    return Document(source_file="x.txt", report_id=report_id, source_format=fmt,
                    pages=(Page(number=None, elements=tuple(elements)),))


def analysed(*elements: Element):
    """A tiny document analysed, as every extractor reads it."""
    from extractors.analysis import analyse

    return analyse(doc(*elements))


def report(d: Document) -> tuple[dict, list[str]]:
    """The reports row and warnings (their messages) of a tiny document."""
    from extractors.analysis import analyse
    from extractors.reports import extract_report

    extraction = extract_report(analyse(d))
    return extraction.row, [w.message for w in extraction.warnings]
