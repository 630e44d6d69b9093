"""Pages read one by one, assembled into the document model.

Lines and tables of each page are interleaved by their vertical position; paragraphs are
joined across page breaks, captions and unit lines are attached to their tables, tables
continued on the next page are joined, and everything becomes frozen model objects.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence, Union

from schemas.text import clean, ends_sentence
from pipeline.readers.pdf_continuation import PartPlace, merge_continued_tables
from pipeline.readers.pdf_glyphs import TextLine
from pipeline.readers.pdf_layout import (PageLayout, ParaDraft, TextFrame,
                                         continues_over_page, lines_to_paragraphs)
from schemas.lexicon import CAPTION, CAPTION_WITH_UNIT, UNIT_LINE
from pipeline.readers.pdf_settings import PdfSettings
from pipeline.readers.pdf_tables import TableDraft
from schemas.document import BBox, Element, Line, Page, Paragraph, Table

Draft = Union[ParaDraft, TableDraft]


def page_to_blocks(page: PageLayout) -> list[Union[TextLine, TableDraft]]:
    """A page's lines and tables, top to bottom."""
    blocks: list[Union[TextLine, TableDraft]] = [*page.lines, *page.tables]
    return sorted(blocks, key=lambda b: b.top)


def pages_to_drafts(pages: Sequence[PageLayout], frames: dict[tuple[int, int, int], TextFrame],
                    settings: PdfSettings) -> list[list[Draft]]:
    """Per page, its paragraphs and tables in reading order; a paragraph cut by a page break
    stays on the page where it starts."""
    out: list[list[Draft]] = []
    open_para: ParaDraft | None = None
    open_frame: TextFrame | None = None
    for page in pages:
        frame = frames[page.frame_key]
        drafts: list[Draft] = []
        blocks = page_to_blocks(page)
        k = 0
        while k < len(blocks):
            block, start = blocks[k], k
            if isinstance(block, TableDraft):
                drafts.append(block)
                k += 1
                continue
            run: list[TextLine] = []
            while k < len(blocks) and isinstance(blocks[k], TextLine):
                run.append(blocks[k])  # type: ignore[arg-type]
                k += 1
            groups = lines_to_paragraphs(run, frame, settings)
            if (start == 0 and open_para is not None and open_frame is not None
                    and continues_over_page(open_para.lines[-1][1], groups[0][0], open_frame, frame, settings)):
                open_para.lines.extend((page.number, ln) for ln in groups[0])
                groups = groups[1:]
            drafts.extend(ParaDraft(page.number, [(page.number, ln) for ln in g]) for g in groups)
        # a page of nothing but the paragraph of the page before leaves that paragraph open
        if drafts:
            open_para = drafts[-1] if isinstance(drafts[-1], ParaDraft) else None
        elif not blocks:
            open_para = None  # an empty page (a scan, a blank) breaks the flow
        open_frame = frame
        out.append(drafts)
    return out


def para_bbox(para: ParaDraft) -> BBox:
    """The box of a paragraph's lines on the page where it starts."""
    lines = [ln for page, ln in para.lines if page == para.page]
    return (min(ln.x0 for ln in lines), min(ln.top for ln in lines),
            max(ln.x1 for ln in lines), max(ln.bottom for ln in lines))


def caption_text(para: ParaDraft) -> str | None:
    """The caption a paragraph holds (`表1 …`), or None for running text."""
    text = para.text
    if len(para.lines) > 2 or not CAPTION.match(text) or ends_sentence(text):
        return None
    return text


def gap_ok(para: ParaDraft, gap: float) -> bool:
    """True when a paragraph is close enough to a table to belong to it (2.5 of its lines)."""
    return -para.lines[0][1].size < gap <= 2.5 * para.lines[0][1].size


def unclaimed_para(drafts: Sequence[Draft], k: int, used: set[int]) -> ParaDraft | None:
    """The paragraph at index k, unless it is a table, out of range or already attached."""
    if 0 <= k < len(drafts) and isinstance(drafts[k], ParaDraft) and id(drafts[k]) not in used:
        return drafts[k]  # type: ignore[return-value]
    return None


def attach_captions(pages: list[list[Draft]]) -> list[list[Draft]]:
    """Captions and unit lines moved from paragraphs onto the tables they belong to."""
    used: set[int] = set()
    for i, drafts in enumerate(pages):
        for j, table in enumerate(drafts):
            if not isinstance(table, TableDraft):
                continue
            caption: str | None = table.caption
            notes: list[str] = []
            k, edge = j - 1, table.bbox[1]
            # above the table: an optional unit line, then the caption
            para = unclaimed_para(drafts, k, used)
            if para and para.page == table.page and UNIT_LINE.match(para.text) \
                    and gap_ok(para, edge - para_bbox(para)[3]):
                notes.append(para.text)
                used.add(id(para))
                k, edge = k - 1, para_bbox(para)[1]
                para = unclaimed_para(drafts, k, used)
            if caption is None and para and para.page == table.page and caption_text(para) \
                    and gap_ok(para, edge - para_bbox(para)[3]):
                caption = caption_text(para)
                used.add(id(para))
            if caption is None and k < 0 and i > 0:
                # a caption left alone at the foot of the page before
                last = unclaimed_para(pages[i - 1], len(pages[i - 1]) - 1, used)
                if last and caption_text(last):
                    caption = caption_text(last)
                    used.add(id(last))
            if caption is None:
                below = unclaimed_para(drafts, j + 1, used)
                if below and caption_text(below) and gap_ok(below, para_bbox(below)[1] - table.bbox[3]):
                    caption = caption_text(below)
                    used.add(id(below))
            if caption:
                m = CAPTION_WITH_UNIT.match(caption)
                if m and CAPTION.match(m.group("caption")):
                    caption = m.group("caption")
                    notes.append(clean(m.group("unit")))
            drafts[j] = replace(table, caption=caption, notes=table.notes + tuple(notes))
    return [[d for d in drafts if id(d) not in used] for drafts in pages]


def draft_to_element(draft: Draft) -> Element:
    """A frozen model element from a draft."""
    if isinstance(draft, TableDraft):
        return Table(rows=draft.rows, page=draft.page, row_pages=draft.row_pages,
                     caption=draft.caption, header_rows=draft.header_rows, bbox=draft.bbox,
                     notes=draft.notes)
    lines = tuple(Line(text=clean(ln.text), page=page, bbox=(ln.x0, ln.top, ln.x1, ln.bottom),
                       font_size=ln.size, bold=ln.bold) for page, ln in draft.lines)
    return Paragraph(text=draft.text, page=draft.page, lines=lines, bbox=para_bbox(draft))


def layouts_to_pages(pages: Sequence[PageLayout], frames: dict[tuple[int, int, int], TextFrame],
                     settings: PdfSettings) -> tuple[Page, ...]:
    """The model's pages from the pages as read (the parts of a page in columns become one page)."""
    drafts = attach_captions(pages_to_drafts(pages, frames, settings))
    places = [PartPlace(p.width, p.number, p.column) for p in pages]
    merged = merge_continued_tables(drafts, places, settings)
    out: list[Page] = []
    for p, m in zip(pages, merged):
        elements = tuple(draft_to_element(d) for d in m)  # type: ignore[arg-type]
        if out and out[-1].number == p.number:
            out[-1] = replace(out[-1], elements=out[-1].elements + elements)
        else:
            out.append(Page(number=p.number, elements=elements, width=p.width, height=p.height,
                            method=p.method))
    return tuple(out)
