"""Merged group names in tables without rules between rows: each written into every row it spans.

A score table prints a group name (一级指标 `产出`, 二级指标 `数量指标`) once, in a cell merged
over the rows of its group; a ruled table shows the merge, a three-line or borderless table
only shows where the name sits. Centred in its cell, the name sits in the middle of its rows,
often between two of them: a row cut puts it on a middle row, and filling names forward
would then give the rows above it the previous group's name.

A column holds group names when it leaves rows blank and one of its names sits off the row it
was put in (not centred on it, or not at its top in a table set at the top of its rows). Its names then take the rows
around them: consecutive spans covering every row, each centred on its name (or starting at
its name's row), found by dynamic programming.
"""
from __future__ import annotations

from typing import NamedTuple, Sequence

from schemas.text import clean
from pipeline.readers.pdf_rows import Band, Pair, column_pairs
from pipeline.readers.pdf_settings import PdfSettings


class Name(NamedTuple):
    """A group name: its text and vertical extent, and the row it was put in."""

    text: str
    top: float
    bottom: float
    row: int


def spread_group_names(bands: Sequence[Band], rows: Sequence[tuple[int, int]], cells: list[list[str]],
                       col_xs: Sequence[float], centred: bool, settings: PdfSettings) -> None:
    """Write every group name into each row of its span (cells: one list per row, changed in place)."""
    if len(rows) < 2:
        return
    row_of = {i: r for r, (first, last) in enumerate(rows) for i in range(first, last + 1)}
    pairs = column_pairs(bands, col_xs, settings)
    for c in range(len(col_xs) - 1):
        if len({row_of[i] for i, b in enumerate(bands) if c in b.segments}) == len(rows):
            continue  # text in every row: no merged cell leaves a row blank
        names = column_names(bands, c, pairs, row_of)
        if not names or len(names) >= len(rows):
            continue
        extents = [row_extent(bands, first, last, c) for first, last in rows]
        if not any(off_row(n, extents[n.row], centred) for n in names):
            continue
        starts = [n.row for n in names]
        if not centred and any(b <= a for a, b in zip(starts, starts[1:])):
            continue  # two names in one row: not a column of group names
        spans = centred_spans(names, extents) if centred else top_spans(names, len(rows))
        for name, (a, b) in zip(names, spans):
            for r in range(a, b + 1):
                cells[r][c] = name.text


def column_names(bands: Sequence[Band], col: int, pairs: Sequence[Pair],
                 row_of: dict[int, int]) -> list[Name]:
    """A column's cells as names: its consecutive lines joined where one runs on into the next."""
    joined = {(p.upper, p.lower) for p in pairs if p.together == 0 and col in bands[p.upper].segments
              and col in bands[p.lower].segments}
    names: list[Name] = []
    parts: list[tuple[int, str, float, float]] = []
    for i, band in enumerate(bands):
        if col not in band.segments:
            continue
        segs = band.segments[col]
        if parts and (parts[-1][0], i) not in joined:
            names.append(to_name(parts, row_of))
            parts = []
        parts.append((i, band.cells[col], min(s.top for s in segs), max(s.bottom for s in segs)))
    if parts:
        names.append(to_name(parts, row_of))
    return names


def to_name(parts: Sequence[tuple[int, str, float, float]], row_of: dict[int, int]) -> Name:
    """A name from its lines (band index, text, top, bottom): in the row of its middle line."""
    return Name(clean("\n".join(p[1] for p in parts)), parts[0][2], parts[-1][3], row_of[parts[len(parts) // 2][0]])


def row_extent(bands: Sequence[Band], first: int, last: int, col: int) -> tuple[float, float]:
    """A row's top and bottom from its other columns' text (a name in it may stick out)."""
    lines = [s for b in bands[first:last + 1] for c, segs in b.segments.items() if c != col for s in segs]
    if not lines:
        return bands[first].top, bands[last].bottom
    return min(s.top for s in lines), max(s.bottom for s in lines)


def off_row(name: Name, extent: tuple[float, float], centred: bool) -> bool:
    """True when a name does not sit where a cell of its row would: centred on the row (or at
    its top), within half its line."""
    height = (name.bottom - name.top) / max(1, name.text.count("\n") + 1)
    if centred:
        return abs((name.top + name.bottom) / 2 - (extent[0] + extent[1]) / 2) > 0.5 * height
    return abs(name.top - extent[0]) > 0.5 * height or name.bottom > extent[1] + 0.5 * height


def centred_spans(names: Sequence[Name], extents: Sequence[tuple[float, float]]) -> list[tuple[int, int]]:
    """Consecutive spans of rows, one per name in order, covering every row, each as nearly
    centred on its name as can be."""
    n, m = len(extents), len(names)
    inf = float("inf")
    # best[k][r]: least misfit of names 0..k-1 spanning rows 0..r-1
    best = [[inf] * (n + 1) for _ in range(m + 1)]
    back = [[0] * (n + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    for k, name in enumerate(names):
        mid = (name.top + name.bottom) / 2
        for end in range(k + 1, n - (m - k - 1) + 1):
            for start in range(k, end):
                if best[k][start] == inf:
                    continue
                span_mid = (extents[start][0] + extents[end - 1][1]) / 2
                cost = best[k][start] + abs(span_mid - mid)
                if cost < best[k + 1][end]:
                    best[k + 1][end], back[k + 1][end] = cost, start
    spans: list[tuple[int, int]] = []
    end = n
    for k in range(m, 0, -1):
        start = back[k][end]
        spans.append((start, end - 1))
        end = start
    return spans[::-1]


def top_spans(names: Sequence[Name], n_rows: int) -> list[tuple[int, int]]:
    """Spans from each name's row to the row before the next name's (names set at the top)."""
    starts = [name.row for name in names]
    return [(s, (starts[k + 1] - 1) if k + 1 < len(starts) else n_rows - 1) for k, s in enumerate(starts)]
