"""Ruled tables: rule networks to grids of merged cells, glyphs to cell texts, header rows.

A grid is every row and column boundary of a network; two neighbouring grid positions
belong to one (merged) cell when no rule separates them. A merged cell's text is repeated
in every position it covers, as the data contract asks.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import NamedTuple, Sequence

from schemas.text import clean, ends_sentence
from pipeline.readers.pdf_glyphs import Glyph, TextLine, glyphs_to_lines
from schemas.lexicon import CAPTION, HEADER_CELL_MAX_CHARS, HEADER_TERMS, NUMBER_CELL, UNIT_LINE
from pipeline.readers.pdf_rules import Rule, RuleNetwork
from pipeline.readers.pdf_settings import PdfSettings
from schemas.document import BBox


@dataclass(frozen=True)
class TableDraft:
    """A table while the reader is still assembling it (captions, page continuations)."""

    rows: tuple[tuple[str, ...], ...]
    col_xs: tuple[float, ...]  # n_cols + 1 column boundaries, left to right
    bbox: BBox
    page: int
    row_pages: tuple[int, ...]
    header_rows: int = 1
    caption: str | None = None
    notes: tuple[str, ...] = ()
    kind: str = "ruled"  # ruled | threeline | borderless (columns found from text alignment)
    # what joining a continuation on the next page needs to know:
    cell_ids: tuple[tuple[int, ...], ...] = ()  # per grid position, its merged cell (same id)
    open_cells: tuple[bool, ...] = ()  # per column, the last row's text runs on to the cell edge
    col_text: tuple[tuple[float, float], ...] = ()  # per column, the x-range of its body text
    # (columns found from text: a part without text in a column has one column fewer)

    @property
    def top(self) -> float:
        return self.bbox[1]


class Grid(NamedTuple):
    """Row/column boundaries and, per grid position, the id of the merged cell covering it."""

    xs: list[float]
    ys: list[float]
    cell_of: list[list[int]]

    @property
    def bbox(self) -> BBox:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])


def cluster_positions(values: Sequence[float], tol: float) -> list[float]:
    """Sorted distinct positions, values closer than tol averaged into one."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def covered(rules: Sequence[tuple[float, float]], a: float, b: float, share: float) -> bool:
    """True when the rules cover at least `share` of the span a..b."""
    total = sum(max(0.0, min(e, b) - max(s, a)) for s, e in rules)
    return total >= share * (b - a)


def network_to_grid(network: RuleNetwork, tol: float, settings: PdfSettings) -> Grid | None:
    """The grid of one rule network, or None when it is a frame rather than a table."""
    h, v = network.horizontal, network.vertical
    if not h or not v:
        return None
    xs = cluster_positions([r.pos for r in v], tol)
    ys = cluster_positions([r.pos for r in h], tol)
    # borders may be missing on the outside (verticals running past the last rule): close them
    if min(r.start for r in v) < ys[0] - tol:
        ys.insert(0, min(r.start for r in v))
    if max(r.end for r in v) > ys[-1] + tol:
        ys.append(max(r.end for r in v))
    if min(r.start for r in h) < xs[0] - tol:
        xs.insert(0, min(r.start for r in h))
    if max(r.end for r in h) > xs[-1] + tol:
        xs.append(max(r.end for r in h))
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < 1 or n_cols < 2:
        return None  # a box around some text (maybe split by a rule), not a table

    def by_position(rules: list[Rule], positions: list[float]) -> list[list[tuple[float, float]]]:
        out: list[list[tuple[float, float]]] = [[] for _ in positions]
        for r in rules:
            i = min(range(len(positions)), key=lambda k: abs(positions[k] - r.pos))
            out[i].append((r.start, r.end))
        return out

    v_at, h_at = by_position(v, xs), by_position(h, ys)
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    share = settings.min_rule_cover
    for r in range(n_rows):
        for c in range(n_cols):
            here = r * n_cols + c
            if c + 1 < n_cols and not covered(v_at[c + 1], ys[r], ys[r + 1], share):
                parent[find(here)] = find(here + 1)
            if r + 1 < n_rows and not covered(h_at[r + 1], xs[c], xs[c + 1], share):
                parent[find(here)] = find(here + n_cols)
    cell_of = [[find(r * n_cols + c) for c in range(n_cols)] for r in range(n_rows)]
    return Grid(xs, ys, cell_of)


def glyphs_to_grids(glyphs: Sequence[Glyph], grids: Sequence[Grid]) -> tuple[list[dict[int, list[Glyph]]], list[Glyph]]:
    """Deal glyphs into the merged cells of the grids (by their centre); the rest is body text."""
    cells: list[dict[int, list[Glyph]]] = [{} for _ in grids]
    rest: list[Glyph] = []
    boxes = [g.bbox for g in grids]
    for glyph in glyphs:
        cx, cy = (glyph.x0 + glyph.x1) / 2, (glyph.top + glyph.bottom) / 2
        for k, (x0, top, x1, bottom) in enumerate(boxes):
            if x0 <= cx <= x1 and top <= cy <= bottom:
                grid = grids[k]
                r = min(max(bisect_right(grid.ys, cy) - 1, 0), len(grid.ys) - 2)
                c = min(max(bisect_right(grid.xs, cx) - 1, 0), len(grid.xs) - 2)
                cells[k].setdefault(grid.cell_of[r][c], []).append(glyph)
                break
        else:
            rest.append(glyph)
    return cells, rest


def grid_to_table(grid: Grid, cell_glyphs: dict[int, list[Glyph]], page: int, page_width: float,
                  settings: PdfSettings) -> TableDraft | None:
    """A table from a grid and its glyphs; empty rows and narrow empty columns are dropped."""
    lines = {cell: glyphs_to_lines(gs, settings) for cell, gs in cell_glyphs.items()}
    texts = {cell: clean("\n".join(ln.text for ln in ls)) for cell, ls in lines.items()}
    bold = {cell: all(ln.bold for ln in ls) for cell, ls in lines.items()}
    rows = [[texts.get(cell, "") for cell in row] for row in grid.cell_of]
    keep_rows = [r for r, row in enumerate(rows) if any(row)]
    # an empty column between a double rule goes; a wide empty one (备注 on a continued page) stays
    narrow = settings.min_column_width * page_width
    keep_cols = [c for c in range(len(grid.xs) - 1)
                 if grid.xs[c + 1] - grid.xs[c] >= narrow or any(rows[r][c] for r in keep_rows)]
    if not keep_rows or not keep_cols:
        return None
    cell_of = [[grid.cell_of[r][c] for c in keep_cols] for r in keep_rows]
    # a caption or unit line typed into a first row spanning the whole table is not a row
    caption: str | None = None
    notes: tuple[str, ...] = ()
    while len(cell_of) > 1 and len(set(cell_of[0])) == 1:
        text = texts.get(cell_of[0][0], "")
        if caption is None and CAPTION.match(text):
            caption = text
        elif UNIT_LINE.match(text):
            notes += (text,)
        else:
            break
        cell_of = cell_of[1:]
    # a dropped column's space goes to its left neighbour: keep the left boundary of each kept one
    col_xs = tuple([grid.xs[c] for c in keep_cols] + [grid.xs[-1]])
    table_rows = tuple(tuple(texts.get(cell, "") for cell in row) for row in cell_of)
    bold_rows = [any(table_rows[i]) and all(bold.get(cell, True) for cell in row)
                 for i, row in enumerate(cell_of)]
    return TableDraft(rows=table_rows, col_xs=col_xs, bbox=grid.bbox, page=page,
                      row_pages=(page,) * len(table_rows), caption=caption, notes=notes,
                      header_rows=rows_to_header_count(table_rows, bold_rows, settings),
                      cell_ids=tuple(tuple(row) for row in cell_of),
                      open_cells=open_cells(cell_of, lines, texts))


def open_cells(cell_of: Sequence[Sequence[int]], lines: dict[int, list[TextLine]],
               texts: dict[int, str]) -> tuple[bool, ...]:
    """Per column, whether the last row's text runs to its cell's right edge unfinished
    (so the row may go on after a page break)."""
    right_edge: dict[int, int] = {}  # cell -> index of its right boundary
    for row in cell_of:
        for c, cell in enumerate(row):
            right_edge[cell] = c + 1
    # how far text reaches, at most, in cells ending at each boundary
    reach: dict[int, float] = {}
    for cell, ls in lines.items():
        if cell in right_edge and ls:
            edge = right_edge[cell]
            reach[edge] = max(reach.get(edge, 0.0), max(ln.x1 for ln in ls))
    out = []
    for cell in cell_of[-1]:
        cell_lines = lines.get(cell)
        if not cell_lines:
            out.append(False)
            continue
        last = cell_lines[-1]
        out.append(last.x1 >= reach[right_edge[cell]] - last.size and not ends_sentence(texts[cell]))
    return tuple(out)


def is_header_cell(text: str) -> bool:
    """A short cell holding a column-title word (`一级指标`, `分值`, `权重（%）`)."""
    return len(text) <= HEADER_CELL_MAX_CHARS and any(term in text for term in HEADER_TERMS)


def rows_to_header_count(rows: Sequence[Sequence[str]], bold_rows: Sequence[bool],
                         settings: PdfSettings) -> int:
    """How many top rows are column titles: title words or bold, no numbers; at least 1."""
    body_bold = all(bold_rows) if bold_rows else True
    count = 0
    for r, row in enumerate(rows[: min(settings.max_header_rows, len(rows) - 1)]):
        cells = [c for c in row if c]
        if not cells or any(NUMBER_CELL.match(c) for c in cells):
            break
        titled = bold_rows[r] and not body_bold
        if r == 0:
            ok = titled or any(is_header_cell(c) for c in cells)
        else:
            above = rows[r - 1]
            # every cell repeats a merged title from above or is itself a title
            ok = titled or all(c == above[i] or is_header_cell(c) for i, c in enumerate(row) if c)
        if not ok:
            break
        count += 1
    return max(count, 1)
