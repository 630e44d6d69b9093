"""Merged cells to a full grid, for the readers whose formats state merges (Word, HTML,
spreadsheets): a merged cell's text is repeated in every grid position it covers, the same
convention as a PDF's ruled table, so extractors see one kind of grid whatever the source.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from pipeline.readers.pdf_settings import PdfSettings
from pipeline.readers.pdf_tables import rows_to_header_count
from schemas.document import Table

# HTML's own caps on spans (a page with colspan="100000" must not build a huge grid)
MAX_COLSPAN = 1000
MAX_ROWSPAN = 65534


@dataclass(frozen=True)
class SpanCell:
    """One cell as the source writes it: text, how many rows and columns it covers, and
    whether it is set as a title (bold, a `<th>`)."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    bold: bool = False


Grid = tuple[tuple[str, ...], ...]


def spans_to_grid(rows: Sequence[Sequence[SpanCell]]) -> tuple[Grid, tuple[bool, ...]]:
    """The full grid of a table given as rows of spanning cells (the HTML table model: a cell
    takes its row's first free position; a row span reserves positions in the rows below,
    clipped to the table; ``rowspan=0`` runs to the table's end), and for each row whether
    all its cells are titles."""
    n_rows = len(rows)
    grid: dict[tuple[int, int], str] = {}
    bold: dict[int, list[bool]] = {}
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in grid:
                c += 1
            rowspan = n_rows - r if cell.rowspan <= 0 else min(cell.rowspan, MAX_ROWSPAN, n_rows - r)
            colspan = max(1, min(cell.colspan, MAX_COLSPAN))
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid.setdefault((r + dr, c + dc), cell.text)
            bold.setdefault(r, []).append(cell.bold or not cell.text)
            c += colspan
    n_cols = max((c for _, c in grid), default=-1) + 1
    full = tuple(tuple(grid.get((r, c), "") for c in range(n_cols)) for r in range(n_rows))
    return full, tuple(all(bold.get(r, [False])) for r in range(n_rows))


def grid_to_table(grid: Grid, bold_rows: Sequence[bool], header_rows: int | None = None,
                  caption: str | None = None, notes: tuple[str, ...] = ()) -> Table | None:
    """A model table from a grid: rows with no text left out, header rows as the source marks
    them (Word's repeated title rows, `<thead>`) or else by the PDF reader's rule (title words
    or bold, no numbers). None when no text is left."""
    keep = [i for i, row in enumerate(grid) if any(cell for cell in row)]
    if not keep:
        return None
    rows = tuple(grid[i] for i in keep)
    bold = [bold_rows[i] if i < len(bold_rows) else False for i in keep]
    if header_rows is None or header_rows <= 0:
        header_rows = rows_to_header_count(rows, bold, PdfSettings())
    return Table(rows=rows, caption=caption, header_rows=min(header_rows, max(len(rows) - 1, 1)),
                 notes=notes)
