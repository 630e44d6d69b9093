"""Rows of a table without rules between its rows: text bands to rows, from the column structure.

A three-line or borderless table prints each row as one or more text *bands* (lines that
overlap vertically; a wrapped cell prints several). Rows are rebuilt the way a reader does:

- a *key* column has a value in every row: a column of single numbers (序号, 分值, 权重, 得分)
  when there is one, else the column whose text falls into the most separate blocks;
- each band with a value in the key column (or a run of such bands when the key cell itself
  wraps, unless more space than the table's line pitch or an enumerator `2.` separates them)
  is the *core* of a row;
- a band without a key value belongs to a neighbouring row: cells are either aligned on the
  row's top (then it continues the row above) or centred in the row (then a row's bands
  centre on its core, which decides where the bands between two cores split).
"""
from __future__ import annotations

from typing import NamedTuple, Sequence

from extractors.text import clean, split_enumerator
from pipeline.readers.pdf_glyphs import TextLine, line_segments
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


def line_pitch(bands: Sequence[Band]) -> float:
    """The usual distance between the tops of consecutive bands (lines within a cell)."""
    steps = sorted(b.top - a.top for a, b in zip(bands, bands[1:]))
    return steps[len(steps) // 4] if steps else 0.0  # lower quartile: wrapped lines, not gaps


def key_blocks(bands: Sequence[Band], key: int, pitch: float, split_runs: bool) -> list[list[int]]:
    """Runs of consecutive bands with a value in the key column: the cores of rows."""
    blocks: list[list[int]] = []
    for i, band in enumerate(bands):
        if key not in band.cells:
            continue
        if blocks and blocks[-1][-1] == i - 1 and not split_runs:
            prev = bands[i - 1]
            spaced = band.top - prev.top > pitch + 0.3 * band.lines[0].size
            numbered = split_enumerator(band.cells[key])[0] is not None
            # two bands filling the same columns are two rows; a wrapped cell's next line
            # fills fewer (or other) columns than the line it goes on from
            complete = band.cells.keys() == prev.cells.keys()
            if not spaced and not numbered and not complete:
                blocks[-1].append(i)
                continue
        blocks.append([i])
    return blocks


def choose_key(bands: Sequence[Band], n_cols: int, pitch: float) -> tuple[int, bool]:
    """The key column, and whether each of its bands is a row of its own (a number column)."""
    numbers = number_columns(bands)
    if numbers:
        # the number column filled in most bands (序号 may be blank on a 合计 row, 得分 is not)
        return max(numbers, key=lambda c: (sum(c in b.cells for b in bands), -c)), True
    counts = [len(key_blocks(bands, c, pitch, False)) for c in range(n_cols)]
    return max(range(n_cols), key=lambda c: (counts[c], -c)), False


BROKEN_CELL_COST = 1000.0  # points: one broken cell outweighs any misalignment


def extent_mid(bands: Sequence[Band]) -> float:
    return (min(b.top for b in bands) + max(b.bottom for b in bands)) / 2


def bands_to_rows(bands: Sequence[Band], n_cols: int, settings: PdfSettings) -> list[list[Band]]:
    """Bands grouped into rows around the cores of the key column."""
    if len(bands) < 2:
        return [list(bands)] if bands else []
    pitch = line_pitch(bands)
    key, single = choose_key(bands, n_cols, pitch)
    cores = key_blocks(bands, key, pitch, single)
    if not cores:
        return [[b] for b in bands]
    fit = RowFit(bands, cores, column_reach(bands), settings)
    top_splits = [len(g) for g in fit.gaps]  # aligned on top: everything continues the row above
    centre_splits = fit.best_splits(centred=True)
    if fit.cost(centre_splits, centred=True) < fit.cost(top_splits, centred=False):
        splits = centre_splits
    else:
        splits = top_splits
    rows = [fit.members(k, splits) for k in range(len(cores))]
    # bands above the first core that would break its cells end a row cut by the page break
    # (`…产品的数` / `量`): they stay a row of their own, for the page before to take back
    if fit.lead and fit.broken(rows[0]) > fit.broken(rows[0][len(fit.lead):]):
        rows = [fit.lead] + [rows[0][len(fit.lead):]] + rows[1:]
    return [[bands[i] for i in row] for row in rows]


def column_reach(bands: Sequence[Band]) -> dict[int, float]:
    """Per column, how far right its text reaches: where a wrapped line of a cell ends."""
    reach: dict[int, float] = {}
    for band in bands:
        for c, segs in band.segments.items():
            reach[c] = max([reach.get(c, 0.0)] + [s.x1 for s in segs])
    return reach


def broken_cells(bands: Sequence[Band], members: Sequence[int], reach: dict[int, float],
                 settings: PdfSettings) -> int:
    """How many cells of a row would go on after a line ending short of the column's edge:
    a wrapped cell fills its lines, so such a row joins text of two cells."""
    count = 0
    columns = {c for i in members for c in bands[i].segments}
    for c in columns:
        segs = [s for i in sorted(members) for s in bands[i].segments.get(c, [])]
        count += sum(1 for a in segs[:-1] if a.x1 < reach[c] - settings.short_line_em * a.size)
    return count


def row_cost(bands: Sequence[Band], core: Sequence[int], members: Sequence[int], centred: bool,
             reach: dict[int, float], settings: PdfSettings) -> float:
    """How badly a row fits: cells it breaks first, then how far its printed extent is from
    being centred on its core (no such measure for cells aligned on the row's top)."""
    broken = BROKEN_CELL_COST * broken_cells(bands, members, reach, settings)
    if not centred:
        return broken
    return broken + abs(extent_mid([bands[i] for i in members]) - extent_mid([bands[i] for i in core]))


class RowFit:
    """The cores of a table's rows and the runs of bands between them, with what a way of
    splitting those runs costs."""

    def __init__(self, bands: Sequence[Band], cores: Sequence[Sequence[int]], reach: dict[int, float],
                 settings: PdfSettings) -> None:
        self.bands, self.cores, self.reach, self.settings = bands, cores, reach, settings
        self.lead = list(range(cores[0][0]))  # bands above the first core belong to it
        self.gaps = [list(range(a[-1] + 1, b[0])) for a, b in zip(cores, cores[1:])]
        self.tail = list(range(cores[-1][-1] + 1, len(bands)))

    def members(self, k: int, splits: Sequence[int]) -> list[int]:
        """The bands of row k when gap j gives its first splits[j] bands to the row above."""
        above = self.lead if k == 0 else self.gaps[k - 1][splits[k - 1]:]
        below = self.tail if k == len(self.cores) - 1 else self.gaps[k][:splits[k]]
        return above + list(self.cores[k]) + below

    def broken(self, members: Sequence[int]) -> int:
        return broken_cells(self.bands, members, self.reach, self.settings)

    def row_cost(self, k: int, above: Sequence[int], below: Sequence[int], centred: bool) -> float:
        return row_cost(self.bands, self.cores[k], list(above) + list(self.cores[k]) + list(below),
                        centred, self.reach, self.settings)

    def cost(self, splits: Sequence[int], centred: bool) -> float:
        """What a way of splitting costs, summed over the rows."""
        return sum(row_cost(self.bands, self.cores[k], self.members(k, splits), centred, self.reach,
                            self.settings) for k in range(len(self.cores)))

    def best_splits(self, centred: bool) -> list[int]:
        """The cheapest splits (dynamic programming: a row's cost depends on the gaps above
        and below it)."""
        n = len(self.cores)
        if n == 1:
            return []
        # best[k][s]: least cost of rows 0..k when gap k (below row k) splits at s, and the
        # split of gap k-1 that gives it
        best: list[dict[int, tuple[float, int]]] = []
        for k in range(n - 1):
            layer: dict[int, tuple[float, int]] = {}
            for s in range(len(self.gaps[k]) + 1):
                below = self.gaps[k][:s]
                if k == 0:
                    layer[s] = (self.row_cost(0, self.lead, below, centred), -1)
                else:
                    layer[s] = min((best[k - 1][p][0] + self.row_cost(k, self.gaps[k - 1][p:], below, centred), p)
                                   for p in best[k - 1])
            best.append(layer)
        last = n - 1
        finals = {p: best[last - 1][p][0] + self.row_cost(last, self.gaps[last - 1][p:], self.tail, centred)
                  for p in best[last - 1]}
        s = min(finals, key=lambda p: finals[p])
        splits = [s]
        for k in range(last - 1, 0, -1):
            s = best[k][s][1]
            splits.append(s)
        return splits[::-1]


def rows_to_cells(rows: Sequence[Sequence[Band]], n_cols: int) -> list[tuple[str, ...]]:
    """Cell texts of each row: a column's band texts joined top to bottom."""
    out = []
    for row in rows:
        out.append(tuple(clean("\n".join(b.cells[c] for b in row if c in b.cells)) for c in range(n_cols)))
    return out
