"""Tables scraped from web pages into text (government sites publish 自评表 forms as HTML).

Such a scrape writes cells separated by `|`, turns every empty cell into a line break and
loses the row boundaries: `| 产出指标 | … | 10 | 10 |⏎| 质量指标 | …`. Cells merged over rows
appear once, in their first row. This module rebuilds a grid from the cell stream:

1. ``text_to_cells``: the stream, each line break between two `|` an empty cell;
2. ``find_header_runs``: runs of column titles (`年初预算数 | 全年预算数 | …`); a title row
   followed by its sub-titles (`绩效指标 | 年度指标值 | …` then `一级指标 | … | 度量单位`) is one
   run, whose leaf columns are the sub-titles plus the titles they do not refine;
3. ``cells_to_rows``: each block's cells re-flowed into rows of the header's width, a row
   allowed to omit leading name cells (merged from the row above). Where two readings fit the
   column types, the one that leaves the last column (偏差原因/备注) empty wins: that column is
   empty in most rows, and a name taken into it would be lost from the next row.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import regex as re

from schemas.document import Table
from schemas.lexicon import GRAND_TOTAL, MONEY_UNIT, column_role, is_column_title
from schemas.lexicon import is_number_cell as is_number
from schemas.text import canon, clean

# A line that is a lone `|`: a scrape's empty cell; markdown tables never print one.
LONE_PIPE = re.compile(r"^\s*\|\s*$")
# A comparison cell of a form's 指标性质 column: `≧`, `═`, `≤`, `定性`
OP_CELL = re.compile(r"^(?:[≧≥≦≤═=＝<>＜＞]|定性|定量|正向|反向)?$")
# A form's title in the scrape's first cell: `2022年度项目支出绩效自评表`
TITLE_CELL = re.compile(r"(?:报告|自评表|评价表|绩效表)$")
NAME_ROLES = ("name",)
NUMBER_ROLES = ("max", "score")


def is_scrape(lines: Sequence[str]) -> bool:
    """A pipe-delimited block that is a scrape: it has lone `|` lines (empty cells)."""
    return sum(1 for line in lines if LONE_PIPE.match(line)) >= 2


def text_to_cells(text: str) -> list[str]:
    """The cell stream: text between pipes, cleaned; each line break between two pipes with
    nothing else is one empty cell."""
    cells: list[str] = []
    for token in text.split("|"):
        if token.strip():
            cells.append(clean(token))
        else:
            cells.extend([""] * token.count("\n"))
    return cells


def _role(title: str) -> str:
    return column_role(canon(title))


@dataclass(frozen=True)
class HeaderRun:
    start: int  # index of the first title cell
    end: int  # index after the last title cell
    columns: tuple[str, ...]  # leaf column titles


def find_header_runs(cells: Sequence[str], min_titles: int = 3) -> list[HeaderRun]:
    """Runs of at least ``min_titles`` column titles, each with its leaf columns."""
    runs: list[HeaderRun] = []
    i = 0
    while i < len(cells):
        j = i
        while j < len(cells) and is_column_title(cells[j]):
            j += 1
        if j - i >= min_titles:
            runs.append(HeaderRun(i, j, _leaf_columns(list(cells[i:j]))))
            i = j
        else:
            i += 1
    return runs


def _leaf_columns(titles: list[str]) -> tuple[str, ...]:
    """Titles of one row, or of a row and its sub-row: the sub-row starts at a name title that
    follows a non-name one (`… 偏差原因 | 一级指标 | 二级指标 …`); a title of the
    first row whose role the sub-row also has (`绩效指标` over 一级/二级/三级指标, `年度指标值`
    over 指标性质/指标值/度量单位) is a group title, not a column."""
    roles = [_role(t) for t in titles]
    for k in range(1, len(titles)):
        if roles[k] == "name" and roles[k - 1] != "name":
            top, sub = titles[:k], titles[k:]
            sub_roles = set(roles[k:])
            return tuple(sub + [t for t, r in zip(top, roles[:k]) if r not in sub_roles])
    # a budget title carrying the money unit over the budget titles after it is a group title
    # (`年度预算数（万元）` over 年初预算 | 调整后预算数 | 预算执行数), not a column
    return tuple(t for k, t in enumerate(titles) if not (
        roles[k] == "budget" and MONEY_UNIT.search(t) and k + 1 < len(titles) and roles[k + 1] == "budget"))


def _fits(row: Sequence[str], roles: Sequence[str]) -> bool:
    """Whether cells fit their columns: figures in number columns, a comparison in an op
    column, no figure or comparison symbol as a name."""
    for cell, role in zip(row, roles):
        if not cell:
            continue
        if role in NUMBER_ROLES and not is_number(cell) and cell not in ("—", "-", "/"):
            return False
        if role == "op" and not OP_CELL.match(cell):
            return False
        if role in NAME_ROLES and (is_number(cell) or (OP_CELL.match(cell) and len(cell) == 1)):
            return False
    return True


def cells_to_rows(cells: Sequence[str], columns: Sequence[str]) -> tuple[list[list[str]], int]:
    """Body cells re-flowed into rows of ``len(columns)`` cells; returns the rows and how many
    cells they used (the rest does not fit the header)."""
    roles = [_role(c) for c in columns]
    width = len(columns)
    names = sum(1 for r in roles[: next((k for k, r in enumerate(roles) if r != "name"), width)] if r == "name")
    rows: list[list[str]] = []
    pos = 0
    while pos < len(cells):
        if GRAND_TOTAL.match(canon(cells[pos])):
            break
        choices = []
        for omitted in range(0, max(names, 1)):
            size = width - omitted
            if pos + size > len(cells):
                continue
            row = [""] * omitted + list(cells[pos:pos + size])
            if not row[omitted] or not _fits(row, roles):
                continue
            choices.append((bool(row[-1]), omitted, row))
        if not choices:
            break
        _, omitted, row = min(choices, key=lambda c: (c[0], c[1]))  # empty last cell first
        rows.append(row)
        pos += width - omitted
    return rows, pos


def scrape_to_table(lines: Sequence[str]) -> tuple[str | None, Table, list[str]]:
    """A scraped block -> (the title printed in its first cell, one table whose blocks each
    start with their header row (the extractors split it there), warnings)."""
    cells = text_to_cells("\n".join(lines))
    title = cells.pop(0) if cells and TITLE_CELL.search(cells[0]) else None
    runs = find_header_runs(cells)
    rows: list[list[str]] = []
    warnings: list[str] = []
    first = runs[0].start if runs else len(cells)
    lead = [c for c in cells[:first] if c]
    for k, run in enumerate(runs):
        body_end = runs[k + 1].start if k + 1 < len(runs) else len(cells)
        body = cells[run.end:body_end]
        columns = list(run.columns)
        # a block whose first body cell is a row label (`年度资金总额`) gets a label column,
        # titled by the text printed before its header (`项目资金(元)`) when there is one
        if body and body[0] and _role(columns[0]) != "name":
            label = next((c for c in reversed(cells[:run.start]) if c), "") if k == 0 else ""
            if label in lead:
                lead.remove(label)
            columns = [label or "项目"] + columns
        block, used = cells_to_rows(body, columns)
        groups = [c for c in cells[run.start:run.end] if c and c not in columns]
        if groups:  # group titles over the columns (`年度预算数（万元）`) keep their words, units
            rows.append(groups)
        rows.append(columns)
        rows.extend(block)
        rest = [c for c in body[used:] if c]
        if rest:
            rows.extend(_split_at_totals(rest))
    if lead:
        rows.insert(0, lead)
    width = max((len(r) for r in rows), default=0)
    grid = tuple(tuple(r + [""] * (width - len(r))) for r in rows)
    if runs:
        warnings.append(f"table scraped from a web page rebuilt from its cells ({len(cells)} cells, "
                        f"{len(runs)} header rows); merged cells were inferred")
    return title, Table(rows=grid, header_rows=1), warnings


def _split_at_totals(cells: list[str]) -> list[list[str]]:
    """Leftover cells as rows, a new row at each total label (`其他需要说明事项 | 无 | 总分 | …`)."""
    rows: list[list[str]] = [[]]
    for cell in cells:
        if GRAND_TOTAL.match(canon(cell)) and rows[-1]:
            rows.append([])
        rows[-1].append(cell)
    return [r for r in rows if r]
