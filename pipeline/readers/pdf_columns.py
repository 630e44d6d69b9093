"""Newspaper columns: a page's glyphs split into the parts a reader reads one after another.

Some reports (简报-style, district publications) set text in two columns. The gutter is
found from the page's text distribution, not from a fixed split: a vertical strip near the
middle of the page that hardly any line of text crosses, with full lines of running text
reaching up to it from one side at least and text on the other. Lines that cross the gutter (a title over both columns, a wide
table) cut the page into regions; within a region the left column is read before the right.
"""
from __future__ import annotations

from itertools import accumulate
from typing import NamedTuple, Sequence

from pipeline.readers.pdf_glyphs import Glyph, TextLine, glyphs_to_lines, line_segments
from pipeline.readers.pdf_rules import Rule
from pipeline.readers.pdf_settings import PdfSettings


class PagePart(NamedTuple):
    """Glyphs read together: a whole-width region or one column of a two-column region."""

    glyphs: list[Glyph]
    x0: float  # the part's horizontal extent on the page
    x1: float


HANGING = "，。、；：,.;:”’）)"  # punctuation typesetters let hang past a line's end


def inked_end(line: TextLine) -> float:
    """Where a line's text ends, not counting punctuation hanging past it (`…运用，`)."""
    if len(line.glyphs) > 1 and line.glyphs[-1].text in HANGING:
        return line.glyphs[-2].x1
    return line.x1


def find_gutter(lines: Sequence[TextLine], width: float, settings: PdfSettings,
                horizontal: Sequence[Rule] = ()) -> tuple[float, float] | None:
    """The x-range of a gutter between two columns of running text (or of tables ruled each
    within its column), or None for one column."""
    lo, hi = settings.gutter_zone * width, (1 - settings.gutter_zone) * width
    step = 1.0
    bins = int((hi - lo) / step)
    starts = [0] * (bins + 1)  # glyphs starting and ending at each bin: coverage by a running sum
    for ln in lines:
        for g in ln.glyphs if inked_end(ln) == ln.x1 else ln.glyphs[:-1]:
            a, b = max(int((g.x0 - lo) / step), 0), min(int((g.x1 - lo) / step) + 1, bins)
            if a < b:
                starts[a] += 1
                starts[b] -= 1
    cover = list(accumulate(starts[:bins]))
    # the widest run of bins hardly any line covers (a title over both columns may)
    crossing = settings.gutter_crossing * len({round(ln.top) for ln in lines})  # of printed lines, not cells
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
    # gutter), text on both (the other column may hold a table); a line may reach half a
    # character into the strip found (its ends are binned)
    left_of = [ln for ln in lines if ln.x1 <= left + 0.5 * ln.size]
    right_of = [ln for ln in lines if ln.x0 >= right - 0.5 * ln.size]
    full_left = sum(1 for ln in left_of if left - ln.x1 < 2 * ln.size and ln.x1 - ln.x0 > 0.25 * width)
    full_right = sum(1 for ln in right_of if ln.x0 - right < 3 * ln.size and ln.x1 - ln.x0 > 0.25 * width)
    n_left, n_right = len(left_of), len(right_of)
    if min(n_left, n_right) < settings.min_column_lines:
        return None
    if max(full_left, full_right) < settings.min_column_lines and not ruled_apart(horizontal, left, right):
        return None
    # newspaper columns share the text width evenly; a table's column boundary need not
    text_left = min(ln.x0 for ln in lines)
    text_right = max(ln.x1 for ln in lines)
    middle = (left + right) / 2
    if abs((middle - text_left) - (text_right - middle)) > settings.column_balance * (text_right - text_left):
        return None
    return centre_gutter(left, right, (text_left + text_right) / 2, horizontal)


def centre_gutter(left: float, right: float, centre: float, horizontal: Sequence[Rule]) -> tuple[float, float]:
    """The gutter as found, narrowed to the strip between the columns: rules of tables set in
    each column bound it, and it is centred on the text's middle (a table whose first columns
    are blank for several rows — group names printed once — widens the empty strip into its
    own column)."""
    ends = [r.end for r in horizontal if left <= r.end <= right and r.start < left]
    starts = [r.start for r in horizontal if left <= r.start <= right and r.end > right]
    left, right = max([left] + ends), min([right] + starts)
    if left < centre < right:
        half = min(centre - left, right - centre)
        left, right = centre - half, centre + half
    return left, right


def ruled_apart(horizontal: Sequence[Rule], left: float, right: float) -> bool:
    """True when rules stand on both sides of a gutter and none crosses it: tables set each
    in its own newspaper column (a table across a one-column page has rules across)."""
    middle = (left + right) / 2  # a rule reaches past its column's text into the gutter
    return any(r.end < middle for r in horizontal) and any(r.start > middle for r in horizontal) \
        and not any(r.start < middle < r.end for r in horizontal)


def two_sided(line: TextLine, width: float, settings: PdfSettings) -> bool:
    """True for a printed line with text in each half of the page and none across its middle."""
    segs = line_segments(line, settings)
    return any(sg.x1 < 0.45 * width for sg in segs) and any(sg.x0 > 0.55 * width for sg in segs) \
        and not across(line, width, settings)


def across(line: TextLine, width: float, settings: PdfSettings) -> bool:
    """True for a line with a segment across the middle of the page (a title, a full-width line)."""
    return any(sg.x0 < 0.4 * width and sg.x1 > 0.6 * width for sg in line_segments(line, settings))


def glyphs_to_parts(glyphs: Sequence[Glyph], width: float, height: float, horizontal: Sequence[Rule],
                    vertical: Sequence[Rule], settings: PdfSettings) -> list[PagePart]:
    """The parts of a page in reading order; one part when the page has one column (a
    vertical rule in the gutter makes it the column boundary of a ruled table). The page's
    top and bottom bands (a page number centred over the gutter) do not hide a gutter."""
    lines = glyphs_to_lines(glyphs, settings)
    whole = [PagePart(list(glyphs), 0.0, width)]
    if not lines:
        return whole
    band = settings.furniture_band * height
    inner = [ln for ln in lines if band < ln.mid_y < height - band]
    # a title over both columns may open the page: lines across its middle above the first
    # line printed in both columns do not hide the gutter
    first = next((k for k, ln in enumerate(inner) if two_sided(ln, width, settings)), len(inner))
    inner = [ln for k, ln in enumerate(inner) if k >= first or not across(ln, width, settings)]
    gutter = find_gutter([s for ln in inner for s in line_segments(ln, settings)], width, settings, horizontal)
    if gutter is None or any(gutter[0] <= r.pos <= gutter[1] for r in vertical):
        return whole
    left, right = gutter
    parts: list[PagePart] = []
    region: list[TextLine] = []

    def close_region() -> None:
        if region:
            # by the glyph's centre: punctuation hanging into the gutter stays with its line
            parts.append(PagePart([g for ln in region for g in ln.glyphs if g.x0 + g.x1 <= 2 * middle], 0.0, middle))
            parts.append(PagePart([g for ln in region for g in ln.glyphs if g.x0 + g.x1 > 2 * middle], middle, width))
            region.clear()

    middle = (left + right) / 2
    for ln in lines:
        # a line crosses the gutter when one of its segments runs over the gutter's middle (the
        # gutter as found may be wider than the strip between the columns: numbers centred in
        # the last column of a table reach into it)
        if any(seg.x0 < middle < inked_end(seg) for seg in line_segments(ln, settings)):
            close_region()
            if parts and parts[-1].x1 - parts[-1].x0 == width:
                parts[-1].glyphs.extend(ln.glyphs)
            else:
                parts.append(PagePart(list(ln.glyphs), 0.0, width))
        else:
            region.append(ln)
    close_region()
    return [p for p in parts if p.glyphs]
