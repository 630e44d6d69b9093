"""Worksheets to the document model, whatever the workbook format (.xlsx via openpyxl, .xls via
xlrd): merged ranges filled (a merged cell's text in every position it covers), hidden rows and
columns left out, blank rows splitting a sheet into tables, and the lines above a table (a
title merged across the sheet, `单位：元`) read as the text printed above it.

A workbook whose sheets are each a report (a title ending in 自评表/报告 …) is read as one
report per sheet; any other workbook is one report, its sheets in order.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Sequence

from pipeline.readers.span_grid import grid_to_table
from schemas.document import Document, Element, Line, Page, Paragraph
from schemas.lexicon import TITLE_LINE, UNIT_LINE
from schemas.warnings import WarningItem

MAX_ROWS = 100_000  # rows read from one sheet; a form has dozens, a data dump is cut with a warning


@dataclass
class Sheet:
    """One worksheet as read: shown texts by (row, column), 0-based, and what the file says
    about merges (inclusive ranges), hidden rows and columns, and bold cells."""

    name: str
    cells: dict[tuple[int, int], str] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    bold: set[tuple[int, int]] = field(default_factory=set)


def sheet_to_grid(sheet: Sheet) -> tuple[list[list[str]], list[bool]]:
    """The visible grid of a sheet, merged ranges filled, and whether each row is all bold.
    Columns without text are left out, and merged ranges clipped to the cells in use (a merge
    over a whole sheet, or a stray cell far out, must not build a grid of millions)."""
    if not sheet.cells:
        return [], []
    last_row = max(r for r, _ in sheet.cells)
    text_cols = sorted({c for _, c in sheet.cells})
    cells = dict(sheet.cells)
    bold = set(sheet.bold)
    for r0, c0, r1, c1 in sheet.merges:
        text = cells.get((r0, c0), "")
        if not text:
            continue
        # a column no cell of which holds text adds nothing but the merged text again
        covered = [c for c in text_cols if c0 <= c <= c1]
        for r in range(r0, min(r1, last_row) + 1):
            for c in covered:
                cells[(r, c)] = text
                if (r0, c0) in sheet.bold:
                    bold.add((r, c))
    rows = [r for r in range(last_row + 1) if r not in sheet.hidden_rows]
    cols = [c for c in text_cols if c not in sheet.hidden_cols]
    grid = [[cells.get((r, c), "") for c in cols] for r in rows]
    bold_rows = [all((r, c) in bold for c in cols if cells.get((r, c))) for r in rows]
    return grid, bold_rows


def _blocks(grid: list[list[str]]) -> list[tuple[int, int]]:
    """(first, end) row ranges of the grid separated by blank rows."""
    blocks: list[tuple[int, int]] = []
    start = None
    for i, row in enumerate(grid + [[]]):
        if any(row):
            start = i if start is None else start
        elif start is not None:
            blocks.append((start, i))
            start = None
    return blocks


def _single_text(row: Sequence[str]) -> str | None:
    """The text of a row that holds one text only (one cell, or one merged range)."""
    texts = {cell for cell in row if cell}
    return texts.pop() if len(texts) == 1 else None


def grid_to_elements(grid: list[list[str]], bold_rows: list[bool]) -> list[Element]:
    """Paragraphs and tables of a sheet's grid: each block of rows between blank rows is a table,
    its leading one-text rows (a title, a unit line) the lines printed above it; the title is
    also the table's caption, a unit line its note."""
    out: list[Element] = []
    for first, end in _blocks(grid):
        lines: list[str] = []
        top = first
        while top < end - 1 and _single_text(grid[top]) is not None:
            lines.append(_single_text(grid[top]) or "")
            top += 1
        if end - top == 1 and _single_text(grid[top]) is not None:
            lines.append(_single_text(grid[top]) or "")
            top = end
        notes = tuple(line for line in lines if UNIT_LINE.match(line))
        titles = [line for line in lines if not UNIT_LINE.match(line)]
        out.extend(Paragraph(text=t, lines=(Line(text=t, bold=bold_rows[first]),)) for t in titles)
        rows = grid[top:end]
        used = [c for c in range(max((len(r) for r in rows), default=0)) if any(r[c] for r in rows)]
        table = grid_to_table(tuple(tuple(r[c] for c in used) for r in rows), bold_rows[top:end],
                              caption=titles[0] if titles else None, notes=notes)
        if table is not None:
            out.append(table)
    return out


def sheet_title(elements: Sequence[Element]) -> str | None:
    """The report title a sheet opens with, or None."""
    first = elements[0] if elements else None
    return first.text if isinstance(first, Paragraph) and TITLE_LINE.search(first.text) else None


def part_id(report_id: str, part: str) -> str:
    """The report_id of a further report in one file: the first 16 hex characters of the
    SHA-256 of the file's id, `#` and the part's name."""
    return hashlib.sha256(f"{report_id}#{part}".encode()).hexdigest()[:16]


def workbook_to_documents(sheets: Sequence[Sheet], source_file: str, report_id: str,
                          source_format: str, warnings: Sequence[WarningItem] = ()) -> list[Document]:
    """A workbook's documents: one per sheet that opens with a report title when two or more
    do (`book.xlsx#Sheet2` in source_file; a sheet without a title goes with the report before
    it; the first report keeps the file's report_id, the others get ``part_id``), else one
    document for the whole workbook, its sheets in order."""
    read: list[tuple[Sheet, list[Element]]] = []
    for sheet in sheets:
        elements = grid_to_elements(*sheet_to_grid(sheet))
        if elements:
            read.append((sheet, elements))
    base = Document(source_file=source_file, report_id=report_id, source_format=source_format,
                    page_count=None, warnings=tuple(warnings))
    if sum(sheet_title(elements) is not None for _, elements in read) < 2:
        pages = tuple(Page(number=None, elements=tuple(elements)) for _, elements in read)
        return [replace(base, pages=pages)]
    groups: list[tuple[str, list[Page]]] = []
    for sheet, elements in read:
        page = Page(number=None, elements=tuple(elements))
        if sheet_title(elements) is not None or not groups:
            groups.append((sheet.name, [page]))
        else:
            groups[-1][1].append(page)
    return [replace(base, source_file=f"{source_file}#{name}",
                    report_id=report_id if i == 0 else part_id(report_id, name), pages=tuple(pages))
            for i, (name, pages) in enumerate(groups)]
