"""Newspaper columns: a page's glyphs split into the parts a reader reads one after another.

Some reports (简报-style, district publications) set text in two columns. The gutter is
found from the page's text distribution, not from a fixed split: a vertical strip near the
middle of the page that hardly any line of text crosses, with full lines of running text
reaching up to it from one side at least and text on the other. Lines that cross the gutter (a title over both columns, a wide
table) cut the page into regions; within a region the left column is read before the right.
"""
from __future__ import annotations

from typing import NamedTuple, Sequence

from pipeline.readers.pdf_glyphs import Glyph, TextLine, glyphs_to_lines, line_segments
from pipeline.readers.pdf_rules import Rule
from pipeline.readers.pdf_settings import PdfSettings


class PagePart(NamedTuple):
    """Glyphs read together: a whole-width region or one column of a two-column region."""

    glyphs: list[Glyph]
    x0: float  # the part's horizontal extent on the page
    x1: float


def find_gutter(lines: Sequence[TextLine], width: float, settings: PdfSettings) -> tuple[float, float] | None:
    """The x-range of a gutter between two columns of running text, or None for one column."""
    lo, hi = settings.gutter_zone * width, (1 - settings.gutter_zone) * width
    step = 1.0
    bins = int((hi - lo) / step)
    cover = [0] * bins
    for ln in lines:
        for g in ln.glyphs:
            a, b = max(int((g.x0 - lo) / step), 0), min(int((g.x1 - lo) / step) + 1, bins)
            for k in range(a, b):
                cover[k] += 1
    # the widest run of bins hardly any line covers (a title over both columns may)
    crossing = settings.gutter_crossing * len(lines)
    best: tuple[int, int] | None = None
    start = None
    for k in range(bins + 1):
        empty = k < bins and cover[k] <= crossing
        if empty and start is None:
            start = k
        elif not empty and start is not None:
            if best is None or k - start > best[1] - best[0]:
                best = (start, k)
            start = None
    if best is None:
        return None
    left, right = lo + best[0] * step, lo + best[1] * step
    size = sorted(ln.size for ln in lines)[len(lines) // 2] if lines else 0.0
    if right - left < settings.gutter_em * size:
        return None
    # running text on one side at least (several lines filling their column up to the
    # gutter), text on both (the other column may hold a table)
    full_left = sum(1 for ln in lines if ln.x1 <= left and left - ln.x1 < 2 * ln.size and ln.x1 - ln.x0 > 0.25 * width)
    full_right = sum(1 for ln in lines if ln.x0 >= right and ln.x0 - right < 3 * ln.size and ln.x1 - ln.x0 > 0.25 * width)
    n_left = sum(1 for ln in lines if ln.x1 <= left)
    n_right = sum(1 for ln in lines if ln.x0 >= right)
    if max(full_left, full_right) < settings.min_column_lines or min(n_left, n_right) < settings.min_column_lines:
        return None
    # newspaper columns share the text width evenly; a table's column boundary need not
    text_left = min(ln.x0 for ln in lines)
    text_right = max(ln.x1 for ln in lines)
    middle = (left + right) / 2
    if abs((middle - text_left) - (text_right - middle)) > settings.column_balance * (text_right - text_left):
        return None
    return left, right


def glyphs_to_parts(glyphs: Sequence[Glyph], width: float, vertical: Sequence[Rule],
                    settings: PdfSettings) -> list[PagePart]:
    """The parts of a page in reading order; one part when the page has one column (a
    vertical rule in the gutter makes it the column boundary of a ruled table)."""
    lines = glyphs_to_lines(glyphs, settings)
    whole = [PagePart(list(glyphs), 0.0, width)]
    if not lines:
        return whole
    gutter = find_gutter([s for ln in lines for s in line_segments(ln, settings)], width, settings)
    if gutter is None or any(gutter[0] <= r.pos <= gutter[1] for r in vertical):
        return whole
    left, right = gutter
    parts: list[PagePart] = []
    region: list[TextLine] = []

    def close_region() -> None:
        if region:
            parts.append(PagePart([g for ln in region for g in ln.glyphs if g.x1 <= middle], 0.0, middle))
            parts.append(PagePart([g for ln in region for g in ln.glyphs if g.x1 > middle], middle, width))
            region.clear()

    middle = (left + right) / 2
    for ln in lines:
        # a line crosses the gutter when one of its segments runs over the gutter's middle (the
        # gutter as found may be wider than the strip between the columns: numbers centred in
        # the last column of a table reach into it)
        if any(seg.x0 < middle < seg.x1 for seg in line_segments(ln, settings)):
            close_region()
            if parts and parts[-1].x1 - parts[-1].x0 == width:
                parts[-1].glyphs.extend(ln.glyphs)
            else:
                parts.append(PagePart(list(ln.glyphs), 0.0, width))
        else:
            region.append(ln)
    close_region()
    return [p for p in parts if p.glyphs]
