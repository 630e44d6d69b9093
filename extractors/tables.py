"""tables.parquet: every table the reader found, cell by cell, nothing lost."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from extractors.analysis import Analysis


def extract_tables(analysis: Analysis) -> list[dict[str, Any]]:
    """One row per grid position of every table, header rows included."""
    rows: list[dict[str, Any]] = []
    doc = analysis.doc
    for seq, table in enumerate(analysis.tables):
        for r, cells in enumerate(table.rows):
            page = table.page_of_row(r)
            for c, text in enumerate(cells):
                rows.append({"report_id": doc.report_id, "table_seq": seq, "caption": table.caption,
                             "row": r, "col": c, "text": text, "page": page})
    return rows
