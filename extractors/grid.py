"""Reading a table grid the way the genre prints it: header rows, what each column holds
(indicator names, 分值, 得分, targets …), names left blank under merged cells, and rows whose
cells slid out of their columns."""
from __future__ import annotations

from dataclasses import dataclass

import regex as re

from schemas.text import canon, clean, clean_name
from schemas.lexicon import (EMPTY_MARK, HEADER_CELL_MAX_CHARS, HEADER_WORDS, column_role, is_column_title,
                             is_number_cell)
from schemas.document import Table

NUMBER_ROLES = ("max", "score", "rate", "group_total")


@dataclass(frozen=True)
class Layout:
    """How to read one table: its header rows, column titles and column roles."""

    header_rows: int
    titles: tuple[str, ...]
    roles: tuple[str, ...]

    def columns(self, role: str) -> list[int]:
        return [i for i, r in enumerate(self.roles) if r == role]

    @property
    def name_columns(self) -> list[int]:
        return self.columns("name")


def is_number(cell: str) -> bool:
    """A cell holding one number only (`13.932`, `87.50%`, `5分`)."""
    return is_number_cell(cell)


def _is_header_row(row: tuple[str, ...]) -> bool:
    cells = [c for c in row if c]
    return bool(cells) and not any(is_number(c) for c in cells) and all(
        HEADER_WORDS.search(c) and len(c) <= HEADER_CELL_MAX_CHARS for c in cells)


def layout(table: Table) -> Layout:
    """Header rows (the reader's, extended over following rows of header words only), each
    column's title (its header cells joined top to bottom, `三级指标` + `权重（%）`) and role."""
    n = max(table.header_rows, 1)
    while n < len(table.rows) - 1 and _is_header_row(table.rows[n]):
        n += 1
    titles = []
    for c in range(table.n_cols):
        parts: list[str] = []
        for r in table.rows[:n]:
            cell = canon(r[c]) if c < len(r) else ""
            if cell and cell not in parts:
                parts.append(cell)
        titles.append("".join(parts))
    roles = [column_role(title) for title in titles]
    _untitled_name_columns(table, n, titles, roles)
    return Layout(header_rows=n, titles=tuple(titles), roles=tuple(roles))


def _untitled_name_columns(table: Table, header_rows: int, titles: list[str], roles: list[str]) -> None:
    """A column with no title of its own, right of a name column and holding text, is a
    further name column: the title cell spans both (`指标名称` over two columns) and text
    extraction kept it in the first position only."""
    for c, title in enumerate(titles):
        if title or c == 0 or roles[c - 1] != "name":
            continue
        cells = [r[c] for r in table.rows[header_rows:] if c < len(r) and r[c]]
        if cells and sum(not is_number(x) for x in cells) * 2 > len(cells):
            roles[c] = "name"


def segments(table: Table) -> list[Table]:
    """A table split where a new header row starts a new block (a 自评表 form prints its
    budget block, goal block and indicator grid in one ruled table). Each segment starts
    with its header row; a table with one header gives itself."""
    def titles_row(i: int) -> bool:  # a row of at least three column titles
        return _is_header_row(table.rows[i]) and len({c for c in table.rows[i] if c}) >= 3

    # a block's label alone on the row above its titles (`预算资金（万元）`) does not hide them
    starts = [0] + [i for i in range(max(table.header_rows, 1), len(table.rows))
                    if titles_row(i) and not titles_row(i - 1)]
    if len(starts) == 1:
        return [table]
    out = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(table.rows)
        rows = table.rows[start:end]
        pages = tuple(table.page_of_row(i) for i in range(start, end))
        out.append(Table(rows=rows, page=pages[0] if pages else table.page, row_pages=pages,
                         caption=table.caption, header_rows=1, bbox=table.bbox, notes=table.notes))
    return out


def is_label_row(cells: list[str], lay: Layout) -> bool:
    """A row whose one text spans the value columns (`其他需要说明事项 | 无 | 无 | …`, a goal
    written across the grid) labels a block; it is not a data row."""
    values = [i for i, r in enumerate(lay.roles) if r in ("target", "actual", "max", "score", "status")]
    for i in values:
        text = cells[i]
        if text and not is_number(text) and sum(1 for c in cells if c == text) >= 3:
            return True
    return False


def body_rows(table: Table, lay: Layout) -> list[tuple[int, list[str]]]:
    """(row index, cells) of the body, padded to the table's width."""
    width = table.n_cols
    return [(i, list(r) + [""] * (width - len(r))) for i, r in enumerate(table.rows)
            if i >= lay.header_rows]


def realign(cells: list[str], lay: Layout) -> list[str] | None:
    """A row whose cells slid out of their columns (a figure in a name column, as text
    extraction does to `采购意向公开时限→→1.5→1.5→`) rebuilt from its cell types: text cells
    fill the name columns from the lowest up, figures fill the number columns left to right.
    None when the row fits its columns (or cannot be rebuilt)."""
    names = lay.name_columns
    numeric = [i for i, r in enumerate(lay.roles) if r in NUMBER_ROLES]
    if not names or not numeric:
        return None
    misplaced = any(is_number(cells[i]) for i in names if cells[i]) or any(
        cells[i] and not is_number(cells[i]) and not EMPTY_MARK.match(cells[i]) for i in numeric)
    if not misplaced:
        return None
    movable = [i for i, r in enumerate(lay.roles) if r == "name" or r in NUMBER_ROLES]
    texts = [cells[i] for i in movable if cells[i] and not is_number(cells[i])]
    figures = [cells[i] for i in movable if cells[i] and is_number(cells[i])]
    if len(texts) > len(names) or len(figures) > len(numeric):
        return None
    out = ["" if i in movable else c for i, c in enumerate(cells)]
    for col, text in zip(reversed(names), reversed(texts)):
        out[col] = text
    for col, fig in zip(numeric, figures):
        out[col] = fig
    return out


def fill_names(rows: list[list[str]], name_cols: list[int]) -> list[list[str]]:
    """Name cells left blank under a merged cell take the value above; a new value in an
    outer column resets the inner ones (a new 一级指标 starts new 二级指标)."""
    out: list[list[str]] = []
    prev: list[str] | None = None
    for cells in rows:
        filled = list(cells)
        if prev is not None:
            for k, col in enumerate(name_cols):
                if filled[col]:
                    break
                if any(filled[c] for c in name_cols[k + 1:]):
                    filled[col] = prev[col]
        out.append(filled)
        prev = filled
    return out


def cell_name(text: str) -> str:
    """A name cell cleaned for output."""
    return clean_name(clean(text))
