"""Tables without any rule: found from the alignment of their text.

What is left of a page once ruled and three-line tables are read may still hold a table
printed without a single rule. A reader finds it the way a reader does:

- a *header line* opens it: a line set in two or more cells (segments apart by a wide gap),
  holding column titles (`序号 指标名称 年度目标值 完成情况`: title words of the lexicon, or
  bold) and no figures; at the top of a page, a run of lines set in cells with figures in
  them may also be the rest of a table from the page before;
- the table goes on down the page while its lines stay inside its width and in its type
  size, close to the line above; running text across the table's width, a caption, a note
  (注：…) or a line in another type size ends it;
- its rows are then rebuilt like those of a three-line table, the header line standing in
  for the rule under the header.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from schemas.text import clean
from pipeline.readers.pdf_glyphs import TextLine, line_segments
from pipeline.readers.pdf_settings import PdfSettings
from pipeline.readers.pdf_tables import TableDraft, is_header_cell
from pipeline.readers.pdf_threeline import region_to_table
from schemas.lexicon import CAPTION, NUMBER_CELL, TABLE_NOTE

MAX_HEADER_LINES = 3  # a column title wraps onto at most this many lines
LINE_GAP_EM = 2.5  # a wider gap between a table's lines ends the table
PROSE_SHARE = 0.85  # one segment across this share of the table's width is running text
SIZE_CHANGE = 0.15  # a line in a type size this much larger or smaller is not the table's


def lines_to_borderless_tables(lines: Sequence[TextLine], page: int, page_height: float, settings: PdfSettings,
                               ) -> tuple[list[TableDraft], list[TextLine]]:
    """Tables without rules among a page's lines (top to bottom), and the lines left over."""
    ordered = sorted(lines, key=lambda ln: ln.top)
    band = settings.furniture_band * page_height
    first = next((k for k, ln in enumerate(ordered) if ln.mid_y > band), 0)  # under a running header
    tables: list[TableDraft] = []
    used: set[int] = set()
    k = 0
    while k < len(ordered):
        head = header_lines(ordered, k, settings)
        at_top = not head and k == first and opens_continuation(ordered[k:], settings)
        if not head and not at_top:
            k += 1
            continue
        # a header line may have title lines wrapped above it (not those of a table before)
        head = [ln for ln in head if id(ln) not in used]
        start = next(j for j in range(k, -1, -1) if ordered[j] is head[0]) if head else k
        end = grow(ordered, start, len(head), settings)
        found = region_table(ordered[start:end], len(head), page, settings)
        if found is None:
            k += 1
            continue
        tables.append(found[0])
        used.update(id(ln) for ln in found[1])
        k = end
    return tables, [ln for ln in lines if id(ln) not in used]


def segments(line: TextLine, settings: PdfSettings) -> list[str]:
    """The cell texts a line is set in."""
    return [clean(s.text) for s in line_segments(line, settings)]


def is_header_line(line: TextLine, settings: PdfSettings) -> bool:
    """A line of column titles: two or more cells, no figures, no `名称：value` pairs; title
    words in most cells (or bold, with one title word at least)."""
    cells = segments(line, settings)
    if len(cells) < 2 or any(NUMBER_CELL.match(c) or "：" in c or ":" in c for c in cells):
        return False
    titled = sum(1 for c in cells if is_header_cell(c))
    return (titled >= 2 and 2 * titled >= len(cells)) or (line.bold and titled >= 1)


def header_lines(lines: Sequence[TextLine], k: int, settings: PdfSettings) -> list[TextLine]:
    """The header line at k and the lines of titles wrapped around it (a title wrapped onto
    two lines has the other titles centred between them), top to bottom."""
    if not is_header_line(lines[k], settings):
        return []
    head = [lines[k]]
    for ln in lines[k + 1:k + MAX_HEADER_LINES]:
        if ln.top - head[-1].bottom > ln.size or not is_title_part(ln, head[0], settings):
            break
        head.append(ln)
    for ln in reversed(lines[max(0, k - MAX_HEADER_LINES + 1):k]):
        if head[0].top - ln.bottom > ln.size or not is_title_part(ln, head[0], settings):
            break
        head.insert(0, ln)
    return head


def is_title_part(line: TextLine, header: TextLine, settings: PdfSettings) -> bool:
    """True for a line that can be part of the column titles of a header line: titles or their
    wrapped ends, no figures, in the header's weight."""
    cells = segments(line, settings)
    return all(is_header_cell(c) or len(c) <= 2 or (header.bold and line.bold) for c in cells) \
        and not any(NUMBER_CELL.match(c) for c in cells) and (line.bold or not header.bold)


def opens_continuation(lines: Sequence[TextLine], settings: PdfSettings) -> bool:
    """True when a page opens with the rows of a table from the page before: within its first
    few lines (the first may end a cell wrapped over the page break), lines set in cells with
    a figure among them — one line of three cells or more, or two lines of two or more — and
    no running text."""
    opening = list(lines[:CONTINUATION_LINES])
    width = max(ln.x1 for ln in opening) - min(ln.x0 for ln in opening)
    # the rows end where running text (one segment across the width) begins
    prose = next((k for k, ln in enumerate(opening)
                  if len(line_segments(ln, settings)) == 1 and ln.x1 - ln.x0 >= PROSE_SHARE * width), len(opening))
    cells = [segments(ln, settings) for ln in opening[:prose]]
    if not cells or CAPTION.match(cells[0][0]) or TABLE_NOTE.match(cells[0][0]):
        return False
    set_in_cells = [c for c in cells if len(c) >= 2]
    figures = any(NUMBER_CELL.match(t) for c in cells for t in c)  # a score centred in a tall row
    return figures and (len(set_in_cells) >= 2 or any(len(c) >= 3 for c in set_in_cells))


CONTINUATION_LINES = 6  # lines at a page's top where the rows of a continued table show


def grow(lines: Sequence[TextLine], start: int, n_head: int, settings: PdfSettings) -> int:
    """The end (exclusive) of the table whose first line is at `start`: its width is first
    that of its header, or of the lines set in cells a page opens with."""
    body = lines[start + n_head:start + n_head + 1] or lines[start:start + 1]
    size = body[0].size
    opening = lines[start:start + n_head + 1] if n_head else \
        [ln for ln in lines[start:start + CONTINUATION_LINES] if len(line_segments(ln, settings)) >= 2] or [body[0]]
    x0, x1 = min(ln.x0 for ln in opening), max(ln.x1 for ln in opening)
    starts = [s.x0 for ln in opening for s in line_segments(ln, settings)]
    end = start + 1
    while end < len(lines):
        ln, prev = lines[end], lines[end - 1]
        if not continues_table(ln, prev, size, settings):
            break
        cells = line_segments(ln, settings)
        if len(cells) >= 2:
            if ln.x1 < x0 or ln.x0 > x1:
                break
            x0, x1 = min(x0, ln.x0), max(x1, ln.x1)
            starts += [s.x0 for s in cells]
        elif ln.x1 - ln.x0 >= PROSE_SHARE * (x1 - x0):
            break
        elif not (x0 - ln.size <= ln.x0 and ln.x1 <= x1 + ln.size or any(abs(ln.x0 - s) < 0.5 * ln.size for s in starts)):
            # one cell's line: inside the table, or where a column's cells start (a wrapped
            # cell of the last column may reach past the title over it), or a merged group
            # name left of the columns seen so far (a page continuing the table) with the
            # table's next line set in cells right under it
            after = lines[end + 1] if end + 1 < len(lines) else None
            if after is None or len(line_segments(after, settings)) < 2 or after.x1 < x0 or after.x0 > x1 \
                    or not continues_table(after, ln, size, settings) or len(clean(ln.text)) > MAX_LABEL_CHARS:
                break
            x0 = min(x0, ln.x0)
            starts.append(ln.x0)
        end += 1
    return end


MAX_LABEL_CHARS = 8  # a group name printed once beside the rows of its group (一级指标)


def continues_table(line: TextLine, prev: TextLine, size: float, settings: PdfSettings) -> bool:
    """True when a line can be a table's next line after `prev`: close under it, in the table's
    type size, and no caption or note."""
    text = clean(line.text)
    return line.top - prev.bottom <= LINE_GAP_EM * line.size and abs(line.size - size) <= SIZE_CHANGE * size \
        and not CAPTION.match(text) and not TABLE_NOTE.match(text)


def region_table(region: Sequence[TextLine], n_head: int, page: int,
                 settings: PdfSettings) -> tuple[TableDraft, list[TextLine]] | None:
    """The table of a region of lines (its first n_head lines the header), or None when it
    has fewer than two lines set in cells below its header."""
    body = region[n_head:]
    if sum(1 for ln in body if len(line_segments(ln, settings)) >= 2) < (2 if n_head else 1) or not body:
        return None
    x0 = min(ln.x0 for ln in region) - 1
    x1 = max(ln.x1 for ln in region) + 1
    top = min(ln.top for ln in region) - 1
    bottom = max(ln.bottom for ln in region) + 1
    inner = [(region[n_head - 1].bottom + body[0].top) / 2] if n_head else []
    found = region_to_table(x0, x1, top, bottom, inner, region, page, settings)
    if found is None:
        return None
    return replace(found[0], kind="borderless"), found[1]
