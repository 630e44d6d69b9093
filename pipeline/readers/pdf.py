"""The PDF reader: a text PDF's bytes in, a ``schemas.Document`` out.

Each page is parsed (``page_to_drawn``), read in one pass over its chars and graphics
(``drawn_to_layout``) and closed at once, so memory stays bounded; what needs the whole document (page furniture repeated
across pages, margins, paragraphs and tables crossing page breaks) is done on the light
``PageLayout`` records afterwards. Pages without a text layer are reported, not guessed.
"""
from __future__ import annotations

import io
import zlib
from dataclasses import replace
from typing import Any, NamedTuple

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.psexceptions import PSEOF, PSException
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.readers.errors import UnreadableDocument, raise_if_memory
from pipeline.readers.pdf_assemble import layouts_to_pages
from pipeline.readers.pdf_columns import glyphs_to_parts
from pipeline.readers.pdf_glyphs import Glyph, chars_to_glyphs, glyphs_to_lines
from pipeline.readers.pdf_orientation import turn_upright
from pipeline.readers.pdf_layout import PageLayout, pages_to_frames, strip_furniture
from pipeline.readers.pdf_rules import Rule, objects_to_rules, rules_to_networks
from pipeline.readers.pdf_settings import PdfSettings
from pipeline.readers.pdf_tables import TableDraft, glyphs_to_grids, grid_to_table, network_to_grid
from pipeline.readers.pdf_threeline import rules_to_threeline_tables
from schemas.document import Document, Page
from schemas.warnings import WarningItem, warn

__all__ = ["PdfSettings", "UnreadableDocument", "read_pdf"]

# PDF readers accept a header anywhere in the first KiB (some files start with junk).
HEADER_WINDOW = 1024
OCR_MISSING = "OCR is not supported yet"
# What parsing one damaged page can raise (pdfminer's own errors and a bad compressed stream).
PARSE_ERRORS = (PdfminerException, PSException, zlib.error)


# The largest page the PDF format allows at unit scale (200 in); a larger one is not paper.
MAX_PAGE_PT = 14400


def read_pdf(data: bytes, source_file: str, report_id: str,
             settings: PdfSettings | None = None) -> Document:
    """Read a PDF into paragraphs and tables; raise UnreadableDocument when it cannot be read."""
    settings = settings or PdfSettings()
    check_header(data)
    pdf = None
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages  # parses the page tree: a broken file fails here
    except Exception as exc:  # pdfminer raises many kinds; at this point each means unreadable
        if pdf is not None:
            pdf.close()
        raise_if_memory(exc)
        raise UnreadableDocument(*open_failure(data, exc)) from exc
    layouts: list[PageLayout] = []
    warnings: list[WarningItem] = []
    with pdf:
        page_count = len(pages)
        if page_count == 0:
            raise UnreadableDocument("no_pages", "PDF has no pages")
        for page in pages:
            if max(page.width, page.height) > MAX_PAGE_PT:
                warnings.append(warn("oversized_page", f"page {page.page_number}: {page.width:.0f} × "
                                     f"{page.height:.0f} pt is far larger than any paper size; its layout may be wrong",
                                     page.page_number))
            try:
                drawn = page_to_drawn(page)
            except PARSE_ERRORS as exc:
                raise_if_memory(exc)
                warnings.append(warn("page_unreadable", f"page {page.page_number}: could not be read ({describe(exc)})",
                                     page.page_number))
                continue
            finally:
                page.close()  # drop pdfplumber's per-page caches: memory stays bounded
            layouts.extend(drawn_to_layouts(drawn, settings))
    if not layouts:
        raise UnreadableDocument("corrupt_pdf", f"no page of the PDF could be read: {warnings[0].message}")
    return layouts_to_document(layouts, page_count, warnings, source_file, report_id, settings)


def check_header(data: bytes) -> None:
    """Refuse files that are not PDFs before handing them to the parser."""
    if not data:
        raise UnreadableDocument("empty_file", "empty file (0 bytes)")
    if b"%PDF-" not in data[:HEADER_WINDOW]:
        raise UnreadableDocument("not_a_pdf", f"not a PDF: file starts with {data[:8]!r}")


def describe(exc: BaseException) -> str:
    """An exception as a short phrase, unwrapping pdfplumber's wrapper."""
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    return f"{type(inner).__name__}: {inner}" if str(inner) else type(inner).__name__


def open_failure(data: bytes, exc: BaseException) -> tuple[str, str]:
    """Why a PDF could not be opened: (code, words an analyst understands)."""
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(inner, PDFPasswordIncorrect):
        return "encrypted_pdf", "encrypted PDF: a password is required"
    if isinstance(inner, PSEOF) or b"%%EOF" not in data[-HEADER_WINDOW:]:
        return "truncated_pdf", f"truncated PDF: the file ends early ({describe(exc)})"
    return "corrupt_pdf", f"corrupt PDF: {describe(exc)}"


class Drawn(NamedTuple):
    """What the parser found on a page, before any interpretation."""

    number: int
    width: float
    height: float
    chars: list[dict[str, Any]]
    lines: list[dict[str, Any]]
    rects: list[dict[str, Any]]
    curves: list[dict[str, Any]]
    image_cover: float  # share of the page the largest image covers


def page_to_drawn(page: Any) -> Drawn:
    """Parse one page (the only step where a damaged content stream can fail)."""
    width, height = float(page.width), float(page.height)
    return Drawn(page.page_number, width, height, page.chars, page.lines, page.rects, page.curves,
                 max((image_area(im, width, height) for im in page.images), default=0.0) / (width * height))


def image_area(image: dict[str, Any], width: float, height: float) -> float:
    """The area of an image inside the page."""
    w = min(image["x1"], width) - max(image["x0"], 0.0)
    h = min(image["bottom"], height) - max(image["top"], 0.0)
    return max(w, 0.0) * max(h, 0.0)


def drawn_to_layouts(drawn: Drawn, settings: PdfSettings) -> list[PageLayout]:
    """One page read in one pass: a layout per part read in turn (one, or the text of each
    direction on a page with sideways text, or the regions and columns of a page set in
    newspaper columns)."""
    glyphs, visible, unmapped = chars_to_glyphs(drawn.chars)
    horizontal, vertical = objects_to_rules(drawn.lines, drawn.rects, drawn.curves, drawn.width, settings)
    layouts: list[PageLayout] = []
    for turned in turn_upright(glyphs, horizontal, vertical, drawn.width, drawn.height, settings.min_turned_glyphs):
        page = drawn._replace(width=turned.width, height=turned.height)
        parts = glyphs_to_parts(turned.glyphs, page.width, turned.vertical, settings)
        for part in parts:
            if len(parts) == 1:
                h, v = turned.horizontal, turned.vertical
            else:
                h = [r for r in turned.horizontal if r.start >= part.x0 - 1 and r.end <= part.x1 + 1]
                v = [r for r in turned.vertical if part.x0 - 1 <= r.pos <= part.x1 + 1]
            layout = glyphs_to_layout(page, part.glyphs, h, v, visible, 0 if layouts else unmapped, settings)
            layouts.append(replace(layout, column=(part.x0, part.x1)) if len(parts) > 1 else layout)
    return layouts


def glyphs_to_layout(drawn: Drawn, glyphs: list[Glyph], horizontal: list[Rule], vertical: list[Rule],
                     visible: int, unmapped: int, settings: PdfSettings) -> PageLayout:
    """One page (or part of one): ruled tables, three-line tables, the remaining text lines."""
    tol = settings.snap_tol * drawn.width
    networks, free = rules_to_networks(horizontal, vertical, tol)
    grids = [g for g in (network_to_grid(n, tol, settings) for n in networks) if g is not None]
    tables: list[TableDraft] = []
    if grids:
        cells, glyphs = glyphs_to_grids(glyphs, grids)
        for grid, grid_cells in zip(grids, cells):
            table = grid_to_table(grid, grid_cells, drawn.number, drawn.width, settings)
            if table is not None:
                tables.append(table)
    lines = glyphs_to_lines(glyphs, settings)
    if free and lines:
        threeline, lines = rules_to_threeline_tables(free, lines, drawn.number, drawn.width, drawn.height,
                                                     settings)
        tables.extend(threeline)
    return PageLayout(number=drawn.number, width=drawn.width, height=drawn.height, lines=tuple(lines),
                      tables=tuple(tables), visible_chars=visible, image_cover=drawn.image_cover,
                      unmapped_chars=unmapped)


def lacks_text(page: PageLayout, settings: PdfSettings) -> bool:
    """True for a page with no text layer: no text at all, or an image over most of the page
    with only a stamp of text (a page number added to a scan)."""
    return page.visible_chars == 0 or (page.image_cover >= settings.scan_image_cover
                                       and page.visible_chars < settings.scan_text_chars)


def layouts_to_document(layouts: list[PageLayout], page_count: int, warnings: list[WarningItem],
                        source_file: str, report_id: str, settings: PdfSettings) -> Document:
    """The Document from its pages as read, or an empty scanned one when no page has text."""
    scans = [p for p in layouts if lacks_text(p, settings)]
    if len(scans) == len(layouts):
        note = f"no text layer on {len(scans)} of {page_count} pages (scanned?); {OCR_MISSING}"
        if any(p.unmapped_chars for p in layouts):
            note = (f"no readable text on {len(scans)} of {page_count} pages (fonts without Unicode "
                    f"mapping); {OCR_MISSING}")
        return Document(source_file=source_file, report_id=report_id, source_format="scanned_pdf",
                        pages=tuple(Page(p.number, (), p.width, p.height) for p in layouts),
                        page_count=page_count, warnings=tuple(warnings + [warn("scanned_document", note)]))
    warnings += [warn("page_without_text", f"page {p.number}: no text layer (scanned?); {OCR_MISSING}", p.number)
                 for p in scans if p.image_cover > 0]
    warnings += [warn("unmapped_characters", f"page {p.number}: {p.unmapped_chars} characters have no Unicode "
                      "mapping in their font and were dropped", p.number) for p in layouts if p.unmapped_chars]
    pages = strip_furniture(layouts, settings)
    frames = pages_to_frames(pages)
    return Document(source_file=source_file, report_id=report_id, source_format="pdf",
                    pages=layouts_to_pages(pages, frames, settings), page_count=page_count,
                    warnings=tuple(warnings))
