"""The PDF reader: a text PDF's bytes in, a ``schemas.Document`` out.

An engine parses each page into a ``Drawn`` record (glyphs, rules, image cover) and closes
it; ``drawn_to_layouts`` reads that in one pass, so memory stays bounded; what needs the whole
document (page furniture repeated across pages, margins, paragraphs and tables crossing page
breaks) is done on the light ``PageLayout`` records afterwards. Pages without a text layer are
read by OCR (``ocr_pages``) into the same layout records, page by page.

Engines (``pdf_engines``): pdfium, the default, and pdfplumber, kept for comparison and as a
second chance for files pdfium cannot read. They are imported only when used.
"""
from __future__ import annotations

from contextlib import ExitStack, closing
from dataclasses import replace
from typing import TYPE_CHECKING

from pipeline.readers.errors import UnreadableDocument
from pipeline.readers.pdf_assemble import layouts_to_pages
from pipeline.readers.pdf_borderless import lines_to_borderless_tables
from pipeline.readers.pdf_columns import glyphs_to_parts
from pipeline.readers.pdf_drawn import Drawn, Pages, Unread
from pipeline.readers.pdf_engines import FALLBACK_ENGINE, engine_opener, pdf_engine
from pipeline.readers.pdf_glyphs import Glyph, glyphs_to_lines, without_glyphs
from pipeline.readers.pdf_orientation import turn_upright
from pipeline.readers.pdf_layout import PageLayout, fit_columns, pages_to_frames, strip_furniture
from pipeline.readers.pdf_rules import Rule, rules_to_networks
from pipeline.readers.ocr_settings import OcrSettings
from pipeline.readers.pdf_settings import PdfSettings
from pipeline.readers.pdf_tables import TableDraft, glyphs_to_grids, grid_to_table, network_to_grid
from pipeline.readers.pdf_threeline import rules_to_threeline_tables
from schemas.document import Document, Page
from schemas.warnings import WarningItem, warn

if TYPE_CHECKING:
    from pipeline.readers.ocr_pages import ScanReader

__all__ = ["Drawn", "PdfSettings", "UnreadableDocument", "read_pdf"]

# PDF readers accept a header anywhere in the first KiB (some files start with junk).
HEADER_WINDOW = 1024
OCR_MISSING = "not read by OCR"


# The largest page the PDF format allows at unit scale (200 in); a larger one is not paper.
MAX_PAGE_PT = 14400


def read_pdf(data: bytes, source_file: str, report_id: str,
             settings: PdfSettings | None = None, engine: str | None = None) -> Document:
    """Read a PDF into paragraphs and tables (with ``engine``, else the process's engine);
    raise UnreadableDocument when it cannot be read."""
    settings = settings or PdfSettings()
    engine = engine or pdf_engine()
    check_header(data)
    pages, warnings = open_pages(data, engine)
    layouts: list[PageLayout] = []
    ocr_settings = OcrSettings()
    scans: ScanReader | None = None  # made at the first page that needs OCR: text PDFs never load it
    with closing(pages), ExitStack() as stack:
        if pages.page_count == 0:
            raise UnreadableDocument("no_pages", "PDF has no pages")
        for drawn in pages.drawn(settings):
            if isinstance(drawn, Unread):
                warnings.append(warn("page_unreadable", f"page {drawn.number}: could not be read ({drawn.reason})",
                                     drawn.number))
                continue
            if max(drawn.width, drawn.height) > MAX_PAGE_PT:
                warnings.append(warn("oversized_page", f"page {drawn.number}: {drawn.width:.0f} × {drawn.height:.0f}"
                                     " pt is far larger than any paper size; its layout may be wrong", drawn.number))
            read = drawn_to_layouts(drawn, settings)
            if len(read) == 1 and lacks_text(read[0], settings) and worth_ocr(read[0], ocr_settings):
                if scans is None:
                    from pipeline.readers.ocr_pages import ScanReader  # numpy, PIL, onnxruntime: only for scans

                    scans = stack.enter_context(closing(ScanReader(data, settings, ocr_settings)))
                read = scans.read(drawn, read[0], warnings)  # a scan: OCR
            layouts.extend(read)
    if not layouts:
        if engine != FALLBACK_ENGINE:  # pdfium read no page: pdfminer may, or say why not
            doc = read_pdf(data, source_file, report_id, settings, FALLBACK_ENGINE)
            note = warn("read_by_fallback", f"{engine} could read no page of the file; read with {FALLBACK_ENGINE}")
            return replace(doc, warnings=(note,) + doc.warnings)
        unread = [w.message for w in warnings if w.code == "page_unreadable"]
        raise UnreadableDocument("corrupt_pdf", f"no page of the PDF could be read: {unread[0] if unread else ''}")
    return layouts_to_document(layouts, pages.page_count, warnings, source_file, report_id, settings)


def open_pages(data: bytes, engine: str) -> tuple[Pages, list[WarningItem]]:
    """The PDF opened with the engine, and warnings; a file it refuses gets a second chance
    with the fallback engine, whose refusal (pdfminer's) names the cause: encrypted,
    truncated, corrupt."""
    opener = engine_opener(engine)
    try:
        return opener(data), []
    except UnreadableDocument as exc:
        if engine == FALLBACK_ENGINE:
            raise
        refused = exc.reason
    pages = engine_opener(FALLBACK_ENGINE)(data)
    return pages, [warn("read_by_fallback", f"{refused}; read with {FALLBACK_ENGINE} instead")]


def check_header(data: bytes) -> None:
    """Refuse files that are not PDFs before handing them to the parser."""
    if not data:
        raise UnreadableDocument("empty_file", "empty file (0 bytes)")
    if b"%PDF-" not in data[:HEADER_WINDOW]:
        raise UnreadableDocument("not_a_pdf", f"not a PDF: file starts with {data[:8]!r}")


def drawn_to_layouts(drawn: Drawn, settings: PdfSettings) -> list[PageLayout]:
    """One page read in one pass: a layout per part read in turn (one, or the text of each
    direction on a page with sideways text, or the regions and columns of a page set in
    newspaper columns)."""
    glyphs, visible, unmapped = drawn.glyphs
    return glyphs_to_layouts(drawn, glyphs, drawn.horizontal, drawn.vertical, visible, unmapped, settings)


def glyphs_to_layouts(drawn: Drawn, glyphs: list[Glyph], horizontal: list[Rule], vertical: list[Rule],
                      visible: int, unmapped: int, settings: PdfSettings) -> list[PageLayout]:
    """A page's glyphs and rules (from its text layer, or recognised on a scan) as layouts."""
    layouts: list[PageLayout] = []
    for turned in turn_upright(glyphs, horizontal, vertical, drawn.width, drawn.height, settings.min_turned_glyphs):
        page = drawn._replace(width=turned.width, height=turned.height)
        parts = glyphs_to_parts(turned.glyphs, page.width, page.height, turned.horizontal, turned.vertical,
                                settings)
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
    if lines:
        borderless, lines = lines_to_borderless_tables(lines, drawn.number, drawn.height, settings)
        tables.extend(borderless)
    return PageLayout(number=drawn.number, width=drawn.width, height=drawn.height,
                      lines=tuple(without_glyphs(ln) for ln in lines), tables=tuple(tables),
                      visible_chars=visible, image_cover=drawn.image_cover, unmapped_chars=unmapped)


def lacks_text(page: PageLayout, settings: PdfSettings) -> bool:
    """True for a page with no text layer: no text at all, or an image over most of the page
    with only a stamp of text (a page number added to a scan)."""
    return page.visible_chars == 0 or (page.image_cover >= settings.scan_image_cover
                                       and page.visible_chars < settings.scan_text_chars)


def worth_ocr(page: PageLayout, ocr_settings: OcrSettings) -> bool:
    """True for a page without a text layer that shows something: an image over part of it, or
    text in fonts without a Unicode mapping (the glyphs are drawn, not readable)."""
    return page.image_cover >= ocr_settings.min_image_cover or page.unmapped_chars > 0


def layouts_to_document(layouts: list[PageLayout], page_count: int, warnings: list[WarningItem],
                        source_file: str, report_id: str, settings: PdfSettings) -> Document:
    """The Document from its pages as read, or an empty scanned one when no page has text.
    It is a `scanned_pdf` when most of its pages had no text layer (read by OCR or not)."""
    scans = [p for p in layouts if lacks_text(p, settings)]
    ocr = [p.number for p in layouts if p.method == "ocr"]
    if len(scans) == len(layouts):
        why = "OCR found no text" if ocr else OCR_MISSING
        note = f"no text layer on {len(scans)} of {page_count} pages (scanned?); {why}"
        if any(p.unmapped_chars for p in layouts):
            note = (f"no readable text on {len(scans)} of {page_count} pages (fonts without Unicode "
                    f"mapping); {why}")
        return Document(source_file=source_file, report_id=report_id, source_format="scanned_pdf",
                        pages=tuple(Page(p.number, (), p.width, p.height, p.method) for p in layouts),
                        page_count=page_count, warnings=tuple(warnings + [warn("scanned_document", note)]))
    if ocr:
        warnings.append(warn("read_by_ocr", f"read by OCR: {len(ocr)} of {page_count} pages ({page_ranges(ocr)})"))
    warnings += [warn("ocr_blank_page", f"page {p.number}: blank (OCR found no text)", p.number)
                 for p in scans if p.method == "ocr"]
    warnings += [warn("page_without_text", f"page {p.number}: no text layer (scanned?); {OCR_MISSING}", p.number)
                 for p in scans if p.image_cover > 0 and p.method != "ocr"]
    warnings += [warn("unmapped_characters", f"page {p.number}: {p.unmapped_chars} characters have no Unicode "
                      "mapping in their font and were dropped", p.number) for p in layouts if p.unmapped_chars]
    pages = fit_columns(strip_furniture(layouts, settings))
    frames = pages_to_frames(pages)
    scanned = 2 * len({p.number for p in scans} | set(ocr)) > len(layouts)
    return Document(source_file=source_file, report_id=report_id,
                    source_format="scanned_pdf" if scanned else "pdf",
                    pages=layouts_to_pages(pages, frames, settings), page_count=page_count,
                    warnings=tuple(warnings))


def page_ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 5] -> `1-3, 5`."""
    spans: list[list[int]] = []
    for n in sorted(numbers):
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(f"{a}-{b}" if b > a else f"{a}" for a, b in spans)
