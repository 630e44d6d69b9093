"""Read Word .docx files (Word, WPS, LibreOffice) into the document model, from the package's
XML directly: paragraphs in body order with their outline level and the list numbers Word
generates written into their text; tables as full grids from the cell structure (``gridSpan``
and ``vMerge``: a merged cell repeated in every position it covers); text boxes and nested
tables kept, as paragraphs and tables after the element that anchors them. Headers, footers,
footnotes and comments live in other parts and are never read into the body. A .docx has no
pages: ``page`` is None everywhere.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from lxml import etree

from schemas.text import clean
from pipeline.readers.captions import attach_captions
from pipeline.readers.docx_numbering import Numbering, read_numbering
from pipeline.readers.docx_styles import BODY_TEXT_LEVEL, RunLook, Styles, W, int_val, on_off, read_styles, run_look
from pipeline.readers.errors import UnreadableDocument
from pipeline.readers.ooxml import open_package, read_part, related_part
from pipeline.readers.span_grid import MAX_COLSPAN, grid_to_table
from schemas.document import Document, Element, Line, Page, Paragraph, Table

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Containers whose children are read as if they stood in their parent's place.
TRANSPARENT = {W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo", W + "smartTag",
               W + "hyperlink", W + "fldSimple", W + "dir", W + "bdo"}
# Content that is not part of the text as printed: deleted revisions, properties.
SKIPPED = {W + "del", W + "moveFrom", W + "pPr", W + "rPr", W + "sdtPr", W + "sdtEndPr",
           W + "tblPr", W + "tblGrid", W + "trPr", W + "tcPr", W + "tblPrEx"}
# What a run child prints: a tab, a line break, a hyphen.
RUN_TEXT = {W + "tab": "\t", W + "ptab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-"}


@dataclass
class Reading:
    """What the reader needs across a document: its styles and its list counters."""

    styles: Styles
    numbering: Numbering


def read_docx(data: bytes, source_file: str, report_id: str) -> Document:
    """Bytes of a .docx -> Document (one Page with no number). Raises UnreadableDocument."""
    package = open_package(data, "Word document (.docx)")
    main = related_part(package, "", "/officeDocument") or "word/document.xml"
    root = read_part(package, main)
    body = root.find(W + "body") if root is not None else None
    if body is None:
        raise UnreadableDocument("malformed_office_file", "not a Word document: the package has no document body")
    styles_part = related_part(package, main, "/styles")
    numbering_part = related_part(package, main, "/numbering")
    reading = Reading(read_styles(read_part(package, styles_part) if styles_part else None),
                      read_numbering(read_part(package, numbering_part) if numbering_part else None))
    elements = attach_captions(body_to_elements(body, reading))
    if not elements:
        raise UnreadableDocument("empty_file", "a Word document without text (only images, or empty)")
    return Document(source_file=source_file, report_id=report_id, source_format="docx",
                    pages=(Page(number=None, elements=tuple(elements)),), page_count=None)


def _placeholder(sdt: etree._Element) -> bool:
    """A content control showing its prompt (`单击或点击此处输入文字。`), not filled-in text."""
    props = sdt.find(W + "sdtPr")
    return props is not None and on_off(props.find(W + "showingPlcHdr")) is True


def children(element: etree._Element) -> Iterator[etree._Element]:
    """An element's children, with markup-compatibility blocks resolved to their first choice
    (a text box is written twice, as a drawing and as a VML fallback) and wrappers opened."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIPPED or tag == W + "sdt" and _placeholder(child):
            continue
        if tag == MC + "AlternateContent":
            choice = child.find(MC + "Choice")
            chosen = choice if choice is not None else child.find(MC + "Fallback")
            if chosen is not None:
                yield from children(chosen)
        elif tag in TRANSPARENT:
            yield from children(child)
        else:
            yield child


def body_to_elements(container: etree._Element, reading: Reading) -> list[Element]:
    """Paragraphs and tables of a body, a table cell or a text box, in reading order."""
    out: list[Element] = []
    for child in children(container):
        if child.tag == W + "p":
            out.extend(paragraph_to_elements(child, reading))
        elif child.tag == W + "tbl":
            out.extend(table_to_elements(child, reading))
    return out


def _outermost_text_boxes(drawing: etree._Element) -> list[etree._Element]:
    """The text boxes of a drawing, without those inside another box (read with it) or in a
    compatibility fallback (a second copy of a box already read)."""
    boxes = []
    for box in drawing.iter(W + "txbxContent"):
        above = box.getparent()
        while above is not None and above is not drawing and above.tag not in (W + "txbxContent", MC + "Fallback"):
            above = above.getparent()
        if above is None or above is drawing:
            boxes.append(box)
    return boxes


def paragraph_to_elements(p: etree._Element, reading: Reading) -> list[Element]:
    """A paragraph (its list number written in front), then what its text boxes hold."""
    ppr = p.find(W + "pPr")
    style_el = ppr.find(W + "pStyle") if ppr is not None else None
    style = style_el.get(W + "val") if style_el is not None else None
    if reading.styles.is_contents(style):
        return []  # a table of contents lists headings and pages the document prints anyway
    pieces: list[str] = []
    boxes: list[etree._Element] = []
    looks: list[RunLook] = []
    para_look = reading.styles.look(style)

    def walk(element: etree._Element) -> None:
        for child in children(element):
            if child.tag != W + "r":
                walk(child)
                continue
            rpr = child.find(W + "rPr")
            if rpr is not None and on_off(rpr.find(W + "vanish")):
                continue  # hidden text is not printed
            rstyle = rpr.find(W + "rStyle") if rpr is not None else None
            look = run_look(rpr).over(reading.styles.look(rstyle.get(W + "val")) if rstyle is not None
                                      else RunLook()).over(para_look)
            for part in children(child):
                if part.tag == W + "t":
                    if part.text:
                        pieces.append(part.text)
                        looks.append(look)
                elif part.tag in RUN_TEXT:
                    pieces.append(RUN_TEXT[part.tag])
                elif part.tag in (W + "drawing", W + "pict", W + "object"):
                    boxes.extend(_outermost_text_boxes(part))

    walk(p)
    label = _list_label(ppr, style, reading)
    raw = label + "".join(pieces)
    out: list[Element] = []
    text = clean(raw)
    if text:
        look = looks[0] if looks else para_look
        bold = all(lk.bold for lk in looks) if looks else bool(para_look.bold)
        lines = tuple(Line(text=clean(piece), font_size=look.size, bold=bold)
                      for piece in raw.split("\n") if clean(piece))
        out.append(Paragraph(text=text, lines=lines, outline_level=_outline_level(ppr, style, reading)))
    for box in boxes:
        out.extend(body_to_elements(box, reading))
    return out


def _list_label(ppr: etree._Element | None, style: str | None, reading: Reading) -> str:
    """The number Word generates for the paragraph (`（一）`), from its own list settings or
    its style's; "" when it is not in a list."""
    num_pr = ppr.find(W + "numPr") if ppr is not None else None
    num_id, ilvl = reading.styles.numbering(style)
    if num_pr is not None:
        num_el = num_pr.find(W + "numId")
        num_id = num_el.get(W + "val") if num_el is not None else num_id
        own = int_val(num_pr.find(W + "ilvl"))
        ilvl = own if own is not None else ilvl
    if ilvl is None:  # a heading style in a multi-level list: the level that names the style
        ilvl = reading.numbering.style_levels.get(style or "", 0)
    return reading.numbering.label(num_id, ilvl)


def _outline_level(ppr: etree._Element | None, style: str | None, reading: Reading) -> int | None:
    level = int_val(ppr.find(W + "outlineLvl")) if ppr is not None else None
    if level is None:
        level = reading.styles.outline_level(style)
    return None if level is None or level >= BODY_TEXT_LEVEL else level


def table_to_elements(tbl: etree._Element, reading: Reading) -> list[Element]:
    """A table as a full grid, then the tables nested in its cells."""
    grid: list[list[str]] = []
    bold_rows: list[bool] = []
    nested: list[Element] = []
    marked_header = 0
    for r, tr in enumerate(c for c in children(tbl) if c.tag == W + "tr"):
        trpr = tr.find(W + "trPr")
        before = (int_val(trpr.find(W + "gridBefore")) or 0) if trpr is not None else 0
        row: list[str] = [""] * max(0, min(before, MAX_COLSPAN))
        bold: list[bool] = []
        for tc in (c for c in children(tr) if c.tag == W + "tc"):
            tcpr = tc.find(W + "tcPr")
            span = min(max(1, int_val(tcpr.find(W + "gridSpan")) or 1), MAX_COLSPAN) if tcpr is not None else 1
            content = body_to_elements(tc, reading)
            paragraphs = [e for e in content if isinstance(e, Paragraph)]
            nested.extend(e for e in content if isinstance(e, Table))
            text = clean("\n".join(p.text for p in paragraphs))
            col = len(row)
            merge = _merge_state(tcpr, "vMerge")
            if merge == "continue" and r > 0 and col < len(grid[-1]):
                text = grid[-1][col]  # the cell merged with the one above repeats its text
            elif _merge_state(tcpr, "hMerge") == "continue" and row:
                text = row[-1]
            row.extend([text] * span)
            bold.append(not text or all(p.bold for p in paragraphs) and bool(paragraphs))
        if trpr is not None and on_off(trpr.find(W + "tblHeader")) and marked_header == r:
            marked_header += 1
        grid.append(row)
        bold_rows.append(all(bold) if bold else False)
    width = max((len(row) for row in grid), default=0)
    table = grid_to_table(tuple(tuple(row + [""] * (width - len(row))) for row in grid), bold_rows,
                          header_rows=marked_header or None)
    return ([table] if table is not None else []) + nested


def _merge_state(tcpr: etree._Element | None, name: str) -> str | None:
    """`restart`, `continue` or None for a cell's ``w:vMerge``/``w:hMerge`` (no value means
    continue)."""
    el = tcpr.find(W + name) if tcpr is not None else None
    return None if el is None else el.get(W + "val", "continue")
