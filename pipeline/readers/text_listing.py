"""A listing of one record printed one cell a line, as web pages publish a project's result:

    序号 / 主管部门 / 项目单位 / 项目名称 / 发行金额(亿元) / 评价结果
    1 / 某镇人民政府 / 某投资有限公司 / 某项目 / 0.05 / 优

The titles start at `序号` and are short header words, one of them a form's label; the record
follows, as many cells as titles, or fewer where the scrape dropped empty cells: the `序号`
cell (the record then opens with a name, not a number) and the last one. Several records, or
cells that do not fit their columns, are no listing: the lines stay paragraphs."""
from __future__ import annotations

from typing import Sequence

import regex as re

from schemas.document import Table
from schemas.lexicon import (FIELDS, GRAND_TOTAL, HEADER_CELL_MAX_CHARS, LISTING_TITLE_END, column_role, form_labels,
                             is_number_cell)
from schemas.text import canon

RECORD_CELL_CHARS = 60  # a record's cell: a name, an amount, a grade; not a sentence
# Sentence punctuation: a line with it is text, not a cell
SENTENCE = re.compile(r"[。；;！？!?，,：:]")
NUMBER_ROLES = ("seq", "score", "max", "rate")
# Titles of a name's column (`项目名称`, `主管部门`): a figure is no name
NAME_LABELS = frozenset(canon(label) for spec in FIELDS.values() if spec.value in ("org", "text")
                        for label in spec.all_labels)


def _is_title(cell: str) -> bool:
    return (len(cell) <= HEADER_CELL_MAX_CHARS and not is_number_cell(cell) and not SENTENCE.search(cell)
            and bool(LISTING_TITLE_END.search(cell) or canon(cell) in form_labels()))


def find_listing(lines: Sequence[str], start: int) -> tuple[Table, int] | None:
    """(the listing as a two-row table, the index after it) for the stripped lines from
    ``start``, or None. Blank lines between cells are skipped."""
    cells: list[tuple[int, str]] = [(i, s) for i, s in enumerate(lines[start:], start) if s]
    if not cells or column_role(canon(cells[0][1])) != "seq":
        return None
    k = 1
    while k < len(cells) and _is_title(cells[k][1]):
        k += 1
    titles = [s for _, s in cells[:k]]
    if len(titles) < 3 or not any(canon(t) in NAME_LABELS for t in titles[1:]):
        return None
    record: list[str] = []
    end = cells[k - 1][0] + 1
    for i, s in cells[k:]:
        if len(s) > RECORD_CELL_CHARS or SENTENCE.search(s) or GRAND_TOTAL.match(canon(s)) or len(record) > len(titles):
            break
        record.append(s)
        end = i + 1
    row = _aligned(titles, record)
    if row is None:
        return None
    return Table(rows=(tuple(titles), tuple(row)), header_rows=1), end


def _aligned(titles: Sequence[str], record: Sequence[str]) -> list[str] | None:
    """The record's cells under the titles, or None when they do not fit."""
    roles = [column_role(canon(t)) for t in titles]
    row = list(record)
    if row and not is_number_cell(row[0]) and len(row) < len(titles):
        row.insert(0, "")  # the 序号 cell dropped
    if len(row) == len(titles) - 1:
        row.append("")  # the last cell, empty, dropped
    if len(row) != len(titles):
        return None
    for title, cell, role in zip(titles, row, roles):
        number = is_number_cell(cell.rstrip("%％"))
        if cell and ((role in NUMBER_ROLES and not number) or (canon(title) in NAME_LABELS and number)):
            return None
    return row
