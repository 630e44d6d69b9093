"""Rows of a table without rules between its rows: text bands to rows, from the column structure.

A three-line or borderless table prints each row as one or more text *bands* (lines that
overlap vertically; a wrapped cell prints several). Rows are rebuilt the way a reader does,
from what each column's lines say about where its cells end:

- a line that ends a cell (a number, a sentence's end, a line ending short of the column's
  wrap limit) wants the column's next line in another row; a line running on to the limit
  wants it in the same row;
- every row holds a value in the *key* column (the column of numbers, 得分 or 序号, or the
  column filled in most rows), except a first row that ends a row cut by the page break;
- a row's cells are centred in it, or set at its top, whichever the table fits better.

The cheapest cut of the bands into rows is found by dynamic programming.
"""
from __future__ import annotations

from typing import NamedTuple, Sequence

from schemas.text import clean, split_enumerator
from pipeline.readers.pdf_glyphs import TextLine, line_segments
from pipeline.readers.pdf_layout import first_word_width
from pipeline.readers.pdf_settings import PdfSettings
from schemas.lexicon import NUMBER_CELL


class Band(NamedTuple):
    """Lines of a table that overlap vertically, with the cell texts they give per column."""

    lines: list[TextLine]
    cells: dict[int, str]  # column -> text of this band in it
    segments: dict[int, list[TextLine]]  # column -> the segments giving that text

    @property
    def top(self) -> float:
        return min(ln.top for ln in self.lines)

    @property
    def bottom(self) -> float:
        return max(ln.bottom for ln in self.lines)


def segment_columns(seg: TextLine, col_xs: Sequence[float]) -> list[int]:
    """The columns a segment belongs to: every column it mostly covers, else the one at its centre."""
    n = len(col_xs) - 1
    width = max(seg.x1 - seg.x0, 1e-6)
    hit = [c for c in range(n)
           if min(seg.x1, col_xs[c + 1]) - max(seg.x0, col_xs[c]) >= 0.5 * min(width, col_xs[c + 1] - col_xs[c])]
    if hit:
        return hit
    centre = (seg.x0 + seg.x1) / 2
    return [next((k for k in range(n) if centre < col_xs[k + 1]), n - 1)]


def lines_to_bands(lines: Sequence[TextLine], rule_ys: Sequence[float], col_xs: Sequence[float],
                   settings: PdfSettings) -> list[Band]:
    """Lines printed at (almost) the same height, top to bottom, never across a rule.

    Lines are not chained by overlap: a merged cell centred over several rows (一级指标)
    overlaps the lines of all of them.
    """
    groups: list[list[TextLine]] = []
    for ln in sorted(lines, key=lambda ln: ln.mid_y):
        prev = groups[-1][-1] if groups else None
        crosses = prev is not None and any(prev.mid_y < y < ln.mid_y for y in rule_ys)
        if prev is not None and ln.mid_y - prev.mid_y < settings.row_overlap_em * ln.size and not crosses:
            groups[-1].append(ln)
        else:
            groups.append([ln])
    return [group_to_band(group, col_xs, settings) for group in groups]


def group_to_band(lines: Sequence[TextLine], col_xs: Sequence[float], settings: PdfSettings) -> Band:
    """A band from its lines: per column, the segments in it and their text."""
    parts: dict[int, list[TextLine]] = {}
    for ln in lines:
        for seg in line_segments(ln, settings):
            for c in segment_columns(seg, col_xs):
                parts.setdefault(c, []).append(seg)
    segs = {c: sorted(p, key=lambda s: (s.top, s.x0)) for c, p in parts.items()}
    return Band(list(lines), {c: clean("\n".join(s.text for s in p)) for c, p in segs.items()}, segs)


def number_columns(bands: Sequence[Band]) -> list[int]:
    """Columns holding nothing but single numbers below their title, in at least two bands
    (序号, 分值, 权重, 得分)."""
    filled: dict[int, list[str]] = {}
    for band in bands:
        for c, text in band.cells.items():
            filled.setdefault(c, []).append(text)
    out = []
    for c, texts in filled.items():
        first = next((k for k, t in enumerate(texts) if NUMBER_CELL.match(t)), len(texts))
        if len(texts) - first >= 2 and all(NUMBER_CELL.match(t) for t in texts[first:]):
            out.append(c)
    return sorted(out)


# --- rows: the cheapest way to cut the bands into rows -------------------------------------
#
# Two consecutive lines of one column either belong to one cell or end one cell and start the
# next. A line that ends a cell — short of where the column's text reaches (a wrapped cell fills
# its lines), a single number, the end of a sentence — should not have the column's next line
# in its row; a line that runs on to the column's edge should. Rows are the cut of the bands
# that breaks the fewest of these, with every row holding a value in the key column, and its
# cells centred in the row (or set at its top, whichever fits the table better).

BROKEN_CELL_COST = 1000.0  # points: a row joining the texts of two cells of one column
SPLIT_CELL_COST = 300.0  # a cell's lines cut apart by a row boundary
ORPHAN_ROW_COST = 3000.0  # a row with no value in the key column (not the first: it may be
# the end of a row cut by the page break, left for the page before to take back)
MAX_ROW_BANDS = 60
KEY_MIN_FILL = 0.6  # a column filled in this share of rows can be the key


class Pair(NamedTuple):
    """Two consecutive lines of one column (by band index), and what keeping them in one row
    or putting them in two costs."""

    upper: int
    lower: int
    together: float
    apart: float


def line_pitch(bands: Sequence[Band]) -> float:
    """The distance between the tops of consecutive lines of one cell: the lower quartile of
    the steps between consecutive lines of each column."""
    steps = sorted(b.top - a.top for c in columns_of(bands) for a, b in zip(column_lines(bands, c),
                                                                          column_lines(bands, c)[1:]))
    return steps[len(steps) // 4] if steps else 0.0


def columns_of(bands: Sequence[Band]) -> list[int]:
    return sorted({c for b in bands for c in b.segments})


def column_lines(bands: Sequence[Band], col: int) -> list[TextLine]:
    """A column's text in each band where it has some, as one line per band, top to bottom."""
    return [join_segments(b.segments[col]) for b in bands if col in b.segments]


def join_segments(segs: Sequence[TextLine]) -> TextLine:
    """Segments of one band in one column as one line (a cell's text with a wide space in it)."""
    if len(segs) == 1:
        return segs[0]
    glyphs = tuple(g for s in segs for g in s.glyphs)
    return TextLine(glyphs, " ".join(s.text for s in segs), min(s.x0 for s in segs), max(s.x1 for s in segs),
                    min(s.top for s in segs), max(s.bottom for s in segs), segs[0].size,
                    all(s.bold for s in segs))


def column_reach(bands: Sequence[Band]) -> dict[int, float]:
    """Per column, how far right its text reaches: where a wrapped line of a cell ends."""
    reach: dict[int, float] = {}
    for band in bands:
        for c, segs in band.segments.items():
            reach[c] = max([reach.get(c, 0.0)] + [s.x1 for s in segs])
    return reach


def ends_cell(line: TextLine, following: TextLine, reach: float, edge: float, settings: PdfSettings) -> bool:
    """True when a cell's text ends with this line: a number, a sentence's end, or a line ending
    clearly short of the column's reach (and not because the next line's first word, a long
    number, would not fit). `edge` is where the column's text could reach at most when only
    this line reaches its reach (a single widest line is no proof of a wrap)."""
    text = clean(line.text)
    if NUMBER_CELL.match(text) or text.endswith(CELL_END):
        return True
    room = max(reach, edge) - line.x1
    return room > settings.short_line_em * line.size and room > first_word_width(following) + 0.5 * line.size


# A cell's text ends with a full stop; a line ending `；` may go on with the next item of a list.
CELL_END = ("。", "！", "？", "!", "?")


def column_edges(bands: Sequence[Band], col_xs: Sequence[float]) -> dict[int, float]:
    """Per column, the wrap limit its text shows: its reach when the column's boundary is
    close to it (wrapped text fills its column), else the boundary (cells that never
    wrap — `3000人` over `1500项` — leave room before it, and end where they end)."""
    reach = column_reach(bands)
    start: dict[int, float] = {}
    for band in bands:
        for c, segs in band.segments.items():
            start[c] = min([start.get(c, reach[c])] + [s.x0 for s in segs])
    return {c: reach[c] if col_xs[c + 1] - reach[c] <= WRAP_ROOM * (reach[c] - start[c]) else col_xs[c + 1]
            for c in reach}


WRAP_ROOM = 0.5  # room left before a column's boundary, as a share of its text's width, under
# which its widest lines are taken to be wrapped


def column_pairs(bands: Sequence[Band], col_xs: Sequence[float], settings: PdfSettings) -> list[Pair]:
    """Every two consecutive lines of a column, with their costs."""
    reach = column_reach(bands)
    edges = column_edges(bands, col_xs)
    pitch = line_pitch(bands)
    pairs = []
    for c in columns_of(bands):
        items = [(i, join_segments(b.segments[c])) for i, b in enumerate(bands) if c in b.segments]
        for (ia, a), (ib, b) in zip(items, items[1:]):
            close = b.top - a.top <= 1.25 * max(pitch, a.size)
            done = ends_cell(a, b, reach[c], edges[c], settings)
            together = BROKEN_CELL_COST if done or not close else 0.0
            starts = split_enumerator(clean(b.text))[0] is not None
            apart = SPLIT_CELL_COST if close and not done and not starts else 0.0
            pairs.append(Pair(ia, ib, together, apart))
    return pairs


class RowCut(NamedTuple):
    """A cut of the bands into rows (first and last band of each), what it costs, and whether
    its cells were fitted as centred in their rows."""

    rows: list[tuple[int, int]]
    cost: float
    centred: bool


def dense_columns(bands: Sequence[Band]) -> set[int]:
    """Columns with text in at least half as many bands as the fullest one: not the columns of
    merged group names (一级指标), printed once for several rows and centred on none of them."""
    counts: dict[int, int] = {}
    for band in bands:
        for c in band.segments:
            counts[c] = counts.get(c, 0) + 1
    most = max(counts.values(), default=0)
    return {c for c, n in counts.items() if n >= 0.5 * most}


def cut_rows(bands: Sequence[Band], pairs: Sequence[Pair], key: int | None, centred: bool) -> RowCut:
    """The cheapest cut (dynamic programming over where rows end); how well cells sit in their
    rows is measured on the dense columns."""
    n = len(bands)
    dense = dense_columns(bands)
    ending: list[list[Pair]] = [[] for _ in range(n)]
    starting: list[list[Pair]] = [[] for _ in range(n)]
    for p in pairs:
        ending[p.lower].append(p)
        starting[p.upper].append(p)
    best = [0.0] + [float("inf")] * n
    back = [0] * (n + 1)
    for j in range(n):
        col_top: dict[int, float] = {}
        col_bottom: dict[int, float] = {}
        row_top, row_bottom = float("inf"), float("-inf")
        pair_cost, has_key = 0.0, False
        for i in range(j, max(-1, j - MAX_ROW_BANDS), -1):
            band = bands[i]
            pair_cost += sum(p.apart for p in ending[i])
            pair_cost += sum(p.together - p.apart for p in starting[i] if p.lower <= j)
            for c, segs in band.segments.items():
                if c not in dense:
                    continue
                row_top = min([row_top] + [s.top for s in segs])
                row_bottom = max([row_bottom] + [s.bottom for s in segs])
                col_top[c] = min([col_top.get(c, band.top)] + [s.top for s in segs])
                col_bottom[c] = max([col_bottom.get(c, band.top)] + [s.bottom for s in segs])
            has_key = has_key or key in band.cells
            if centred:
                mid = (row_top + row_bottom) / 2
                misfit = sum(abs((col_top[c] + col_bottom[c]) / 2 - mid) for c in col_top)
            else:
                misfit = sum(col_top[c] - row_top for c in col_top)
            orphan = ORPHAN_ROW_COST if key is not None and not has_key and i > 0 else 0.0
            cost = best[i] + pair_cost + misfit + orphan
            if cost < best[j + 1]:
                best[j + 1], back[j + 1] = cost, i
    rows: list[tuple[int, int]] = []
    j = n
    while j > 0:
        rows.append((back[j], j - 1))
        j = back[j]
    return RowCut(rows[::-1], best[n], centred)


def choose_key(bands: Sequence[Band], cut: RowCut) -> int | None:
    """The column every row has a value in: the column of numbers filled in most rows (得分 is
    filled on a 合计 row where 序号 is not), else the column filled in most rows."""
    fill: dict[int, int] = {}
    for first, last in cut.rows:
        for c in {c for band in bands[first:last + 1] for c in band.cells}:
            fill[c] = fill.get(c, 0) + 1
    if not fill:
        return None
    enough = [c for c in fill if fill[c] >= KEY_MIN_FILL * len(cut.rows)]
    if not enough:
        return None
    # a number column is the surer key: a name column fills the rows a wrongly split name makes
    numbers = set(number_columns(bands)) & set(enough)
    return max(numbers or enough, key=lambda c: (fill[c], -c))


def best_cut(bands: Sequence[Band], col_xs: Sequence[float], settings: PdfSettings) -> RowCut:
    """The cheapest cut of the bands into rows, centred or top-aligned: first without a key
    column, then with the key that cut shows."""
    if len(bands) < 2:
        return RowCut([(0, len(bands) - 1)] if bands else [], 0.0, True)
    pairs = column_pairs(bands, col_xs, settings)
    first = min((cut_rows(bands, pairs, None, c) for c in (True, False)), key=lambda cut: cut.cost)
    key = choose_key(bands, first)
    if key is None:
        return first
    return min((cut_rows(bands, pairs, key, c) for c in (True, False)), key=lambda cut: cut.cost)


def open_columns(bands: Sequence[Band], last_row: Sequence[Band], col_xs: Sequence[float],
                 settings: PdfSettings) -> tuple[bool, ...]:
    """Per column, whether the last row's text runs on to the column's wrap limit unfinished
    (so the row may go on after a page break)."""
    reach, edges = column_reach(bands), column_edges(bands, col_xs)
    out = []
    for c in range(len(col_xs) - 1):
        lines = [join_segments(b.segments[c]) for b in last_row if c in b.segments]
        out.append(bool(lines) and not ends_cell(lines[-1], lines[-1], reach[c], edges[c], settings))
    return tuple(out)


def column_text(bands: Sequence[Band], n_cols: int) -> tuple[tuple[float, float], ...]:
    """Per column, the x-range its text covers (0, 0 for a column without text)."""
    spans: dict[int, list[float]] = {}
    for band in bands:
        for c, segs in band.segments.items():
            lo, hi = spans.get(c, [float("inf"), float("-inf")])
            spans[c] = [min([lo] + [s.x0 for s in segs]), max([hi] + [s.x1 for s in segs])]
    return tuple((spans[c][0], spans[c][1]) if c in spans else (0.0, 0.0) for c in range(n_cols))


def rows_to_cells(rows: Sequence[Sequence[Band]], n_cols: int) -> list[tuple[str, ...]]:
    """Cell texts of each row: a column's band texts joined top to bottom."""
    out = []
    for row in rows:
        out.append(tuple(clean("\n".join(b.cells[c] for b in row if c in b.cells)) for c in range(n_cols)))
    return out
