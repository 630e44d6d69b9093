"""Tables continued across page breaks become one table.

A table that ends its page continues when the next page opens with a table of the same
column layout (boundaries compared with a tolerance) and no caption of its own (a `续表`
caption is allowed). A repeated header is dropped; a first row that only carries the
overflow of cells split by the page break (no sequence number or name of its own) is
joined to the row it continues.
"""
from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple, Sequence

from schemas.text import canon, clean, ends_sentence, split_enumerator
from schemas.lexicon import NUMBER_CELL
from pipeline.readers.pdf_settings import PdfSettings
from pipeline.readers.pdf_tables import TableDraft

Row = tuple[str, ...]


def column_mapping(fine: Sequence[float], coarse: Sequence[float], tol: float) -> list[int] | None:
    """For each column of the finer layout, the coarse column holding it; None if they differ."""
    if abs(fine[0] - coarse[0]) > tol or abs(fine[-1] - coarse[-1]) > tol:
        return None
    if not all(any(abs(x - f) <= tol for f in fine) for x in coarse[1:-1]):
        return None  # the coarse layout has a boundary the fine one lacks
    mapping = []
    for c in range(len(fine) - 1):
        centre = (fine[c] + fine[c + 1]) / 2
        mapping.append(next(k for k in range(len(coarse) - 1) if centre < coarse[k + 1] or k == len(coarse) - 2))
    return mapping


def columns_overlap(a: Sequence[float], b: Sequence[float], tol: float) -> bool:
    """True when two layouts have as many columns, each overlapping its match by half its width
    (three-line tables: columns found from text alignment move with the text on each page)."""
    if len(a) != len(b) or abs(a[0] - b[0]) > tol or abs(a[-1] - b[-1]) > tol:
        return False
    for c in range(len(a) - 1):
        overlap = min(a[c + 1], b[c + 1]) - max(a[c], b[c])
        if overlap < 0.5 * min(a[c + 1] - a[c], b[c + 1] - b[c]):
            return False
    return True


TEXT_KINDS = ("threeline", "borderless")  # columns found from text alignment, not rules

Ids = tuple[tuple[int, ...], ...]


def text_layouts(first: TableDraft, second: TableDraft, ids2: Ids, tol: float, shift: float
                 ) -> tuple[tuple[Row, ...], Ids, tuple[Row, ...], Ids, tuple[float, ...]] | None:
    """Both parts of a table whose columns come from its text, on one column layout (the
    first part's place on the page), or None when their columns do not match.

    The second part may sit elsewhere on its page (the next newspaper column): it is moved
    by `shift`. A part without text in some column has fewer columns: each of its columns
    goes where the middle of its text falls in the other part's columns.
    """
    moved = tuple(x + shift for x in second.col_xs)
    if columns_overlap(first.col_xs, moved, tol):
        return first.rows, first.cell_ids, second.rows, ids2, first.col_xs
    if len(second.col_xs) < len(first.col_xs):
        mapping = text_mapping(second, shift, first.col_xs)
        if mapping is None:
            return None
        n = len(first.col_xs) - 1
        return first.rows, first.cell_ids, spread(second.rows, mapping, n, ""), spread_ids(ids2, mapping, n), \
            first.col_xs
    mapping = text_mapping(first, 0.0, moved)
    if mapping is None:
        return None
    n = len(moved) - 1
    return spread(first.rows, mapping, n, ""), spread_ids(first.cell_ids, mapping, n), second.rows, ids2, moved


def text_mapping(part: TableDraft, shift: float, col_xs: Sequence[float]) -> list[int] | None:
    """For each column of a part, the column of `col_xs` holding the middle of its text (moved
    by `shift`); None when a middle falls outside or two columns land in one."""
    if len(part.col_text) != len(part.col_xs) - 1:
        return None
    mapping: list[int] = []
    for (lo, hi), left, right in zip(part.col_text, part.col_xs, part.col_xs[1:]):
        mid = ((lo + hi) / 2 if hi > lo else (left + right) / 2) + shift
        k = next((k for k in range(len(col_xs) - 1) if col_xs[k] <= mid < col_xs[k + 1]), None)
        if k is None or (mapping and k <= mapping[-1]):
            return None
        mapping.append(k)
    return mapping


def spread(rows: Sequence[Sequence[str]], mapping: Sequence[int], n: int, blank: str) -> tuple[Row, ...]:
    """Rows moved onto n columns, each cell to its mapped column, the others blank."""
    out = []
    for row in rows:
        cells = [blank] * n
        for c, k in enumerate(mapping):
            cells[k] = row[c]
        out.append(tuple(cells))
    return tuple(out)


def spread_ids(ids: Ids, mapping: Sequence[int], n: int) -> Ids:
    """Cell ids moved like `spread`; a blank position gets an id of its own (no merged cell)."""
    fresh = 1 + max((i for row in ids for i in row), default=0)
    out = []
    for r, row in enumerate(ids):
        cells = [fresh + r * n + k for k in range(n)]
        for c, k in enumerate(mapping):
            cells[k] = row[c]
        out.append(tuple(cells))
    return tuple(out)


def remap(rows: Sequence[tuple], mapping: Sequence[int]) -> tuple[tuple, ...]:
    """Rows spread onto a finer column layout; a cell spanning columns repeats its text."""
    return tuple(tuple(row[k] for k in mapping) for row in rows)


def key_column(rows: Sequence[Row]) -> int:
    """The leftmost column that names each row (序号, or the indicator name): filled, distinct."""
    if not rows:
        return 0
    for c in range(len(rows[0])):
        values = [r[c] for r in rows if r[c]]
        if len(values) >= 0.8 * len(rows) and len(set(values)) >= 0.8 * len(values):
            return c
    return 0


def is_split_tail(prev: Row, first: Row, key: int, prev_open: Sequence[bool], by_text: bool = False) -> bool:
    """True when `first` is the rest of `prev`'s cells, cut off by the page break: it has
    no sequence number or name of its own, or it goes on with cells left unfinished. In a
    table whose columns come from its text (`by_text`), merged group names are printed once,
    so a row without a name may be a row of its own: only unfinished cells tell."""
    filled = [c for c, text in enumerate(first) if text]
    if not filled or any(NUMBER_CELL.match(first[c]) for c in filled):
        return False
    if not all(prev[c] for c in filled):
        return False
    if not by_text and not first[key] and prev[key] and not all(ends_sentence(prev[c]) for c in filled):
        return True
    return (len(prev_open) == len(prev) and all(prev_open[c] for c in filled)
            and not any(split_enumerator(first[c])[0] for c in filled))


def span_down(ids: Sequence[Sequence[int]], row: int, col: int) -> int:
    """How many rows from `row` down the merged cell at (row, col) covers."""
    n = 0
    while row + n < len(ids) and ids[row + n][col] == ids[row][col]:
        n += 1
    return n


def is_grouping_column(col: int, parts: Sequence[tuple[Sequence[Sequence[str]], Sequence[Sequence[int]]]],
                       skip: int) -> bool:
    """True for a column of merged group names (一级指标): some cell in it spans rows, and
    every cell is filled except the first `skip` of the continued part."""
    merged = any(span_down(ids, r, col) >= 2 for _, ids in parts for r in range(len(ids)))
    (rows1, _), (rows2, _) = parts
    return merged and all(r[col] for r in rows1) and all(r[col] for r in rows2[skip:])


def fill_merged_from_above(prev: Row, prev_span: Sequence[int], rows: list[list[str]],
                           ids: Sequence[Sequence[int]], body1: Sequence[Row],
                           ids1: Sequence[Sequence[int]]) -> None:
    """Give the empty top cells of a continued part the text of the merged cell they continue
    (Word prints a merged cell's text once, on the page where it starts)."""
    for c, text in enumerate(prev):
        if not text or NUMBER_CELL.match(text) or not rows or rows[0][c]:
            continue
        span = span_down(ids, 0, c)
        # a merge on either side of the break, or a column of merged group names with no
        # other blank: not a cell left blank on purpose
        if span >= 2 or prev_span[c] >= 2 or is_grouping_column(c, ((body1, ids1), (rows, ids)), span):
            for r in range(span):
                rows[r][c] = text


def join_tables(first: TableDraft, second: TableDraft, page_width: float,
                settings: PdfSettings, shift: float = 0.0) -> TableDraft | None:
    """The two parts of one table joined, or None when `second` is a table of its own; `shift`
    moves the second part's columns into the first's place (another newspaper column)."""
    if second.caption and not second.caption.startswith("续"):
        return None
    tol = settings.column_tol * page_width
    rows1, ids1, rows2, ids2 = first.rows, first.cell_ids, second.rows, second.cell_ids
    open1, col_xs = first.open_cells, first.col_xs
    offset = 1 + max((i for row in ids1 for i in row), default=0)
    ids2 = tuple(tuple(i + offset for i in row) for row in ids2)
    if first.kind in TEXT_KINDS or second.kind in TEXT_KINDS:
        layout = text_layouts(first, second, ids2, tol, shift)
        if layout is None:
            return None
        rows1, ids1, rows2, ids2, col_xs = layout
        if len(col_xs) != len(first.col_xs):
            open1 = ()
    elif len(first.col_xs) >= len(second.col_xs):
        mapping = column_mapping(first.col_xs, second.col_xs, tol)
        if mapping is None:
            return None
        rows2, ids2 = remap(rows2, mapping), remap(ids2, mapping)
    else:
        mapping = column_mapping(second.col_xs, first.col_xs, tol)
        if mapping is None:
            return None
        rows1, ids1, col_xs = remap(rows1, mapping), remap(ids1, mapping), second.col_xs
        open1 = tuple(open1[k] for k in mapping) if open1 else ()
    # a header repeated at the top of the new page is dropped
    repeat = 0
    while (repeat < min(settings.max_header_rows, len(rows2) - 1, len(rows1))
           and [canon(c) for c in rows2[repeat]] == [canon(c) for c in rows1[repeat]]):
        repeat += 1
    header_rows = max(first.header_rows, repeat)
    top = [list(r) for r in rows2[repeat:]]
    top_ids, top_pages = list(ids2[repeat:]), list(second.row_pages[repeat:])
    joined, joined_ids = [list(r) for r in rows1], [list(r) for r in ids1]
    body = [tuple(r) for r in joined[header_rows:]]
    by_text = first.kind in TEXT_KINDS or second.kind in TEXT_KINDS
    if top and body and is_split_tail(body[-1], tuple(top[0]), key_column(body), open1, by_text):
        joined[-1] = [clean(a + "\n" + b) if b else a for a, b in zip(joined[-1], top[0])]
        top, top_ids, top_pages = top[1:], top_ids[1:], top_pages[1:]
    if top and body:
        last = len(joined) - 1
        fill_merged_from_above(tuple(joined[-1]), [span_up(joined_ids, last, c) for c in range(len(col_xs) - 1)],
                               top, top_ids, body, joined_ids[header_rows:])
    return replace(first, rows=tuple(tuple(r) for r in joined + top), col_xs=tuple(col_xs),
                   row_pages=first.row_pages + tuple(top_pages), header_rows=header_rows,
                   cell_ids=tuple(tuple(r) for r in joined_ids + top_ids),
                   open_cells=second.open_cells if len(second.open_cells) == len(col_xs) - 1 else (),
                   notes=first.notes + tuple(n for n in second.notes if n not in first.notes))


def span_up(ids: Sequence[Sequence[int]], row: int, col: int) -> int:
    """How many rows from `row` up the merged cell at (row, col) covers."""
    n = 0
    while row - n >= 0 and ids[row - n][col] == ids[row][col]:
        n += 1
    return n


class PartPlace(NamedTuple):
    """Where a part of a page sits: the page's width and number, and the x-range of the
    newspaper column (or region) the part is, None for a whole page."""

    width: float
    number: int
    column: tuple[float, float] | None


def merge_continued_tables(pages: Sequence[Sequence[object]], places: Sequence[PartPlace],
                           settings: PdfSettings) -> list[list[object]]:
    """Per-part element lists where each table continued on the next page (or in the next
    newspaper column) is one table; a part left empty (a page number taken away as
    furniture) does not end the table of the part before it on that page."""
    out = [list(elements) for elements in pages]
    filled = {places[i].number for i, elements in enumerate(out) if elements}
    open_at: tuple[int, int] | None = None  # (part index, element index) of a table ending its part
    for i, elements in enumerate(out):
        if not elements and places[i].number in filled:
            continue
        if open_at and elements and isinstance(elements[0], TableDraft):
            pi, ei = open_at
            # a table going on in another newspaper column: its left edges (the rules' start)
            # are the same place in each column
            first = out[pi][ei]
            assert isinstance(first, TableDraft)
            other = places[pi].column is not None and places[pi].column != places[i].column
            shift = first.bbox[0] - elements[0].bbox[0] if other else 0.0
            joined = join_tables(first, elements[0], places[i].width, settings, shift)
            if joined is not None:
                out[pi][ei] = joined
                elements.pop(0)
                if not elements:
                    continue  # the table fills the whole page and may go on further
        open_at = (i, len(elements) - 1) if elements and isinstance(elements[-1], TableDraft) else None
    return out
