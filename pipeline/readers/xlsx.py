"""Read Excel .xlsx workbooks (Excel, WPS) with openpyxl: each visible sheet's cells as shown
(stored formula results, numbers in their format), merged ranges, hidden rows and columns,
bold cells; ``sheets`` turns them into the document model."""
from __future__ import annotations

import datetime as dt
import io
import warnings as python_warnings
import zipfile
from typing import Any

from pipeline.readers.errors import UnreadableDocument
from schemas.warnings import WarningItem, warn
from pipeline.readers.sheets import MAX_ROWS, Sheet, workbook_to_documents
from pipeline.readers.shown_numbers import shown_date, shown_number
from schemas.document import Document


def cell_text(value: Any, number_format: str | None) -> str:
    """What a cell shows: text as typed, a number in its format, a date as an ISO date."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return shown_number(float(value), number_format)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return shown_date(value)
    return str(value).strip()


def worksheet_to_sheet(ws: Any, warnings: list[WarningItem]) -> Sheet:
    """One openpyxl worksheet as a ``Sheet``."""
    sheet = Sheet(name=ws.title)
    max_row = ws.max_row or 0
    if max_row > MAX_ROWS:
        warnings.append(warn("sheet_truncated", f"sheet {ws.title}: {max_row:,} rows, only the first {MAX_ROWS:,} read"))
        max_row = MAX_ROWS
    for row in ws.iter_rows(min_row=1, max_row=max_row):
        for cell in row:
            if cell.value is None or not hasattr(cell, "column"):
                continue
            text = cell_text(cell.value, cell.number_format)
            if text:
                at = (cell.row - 1, cell.column - 1)
                sheet.cells[at] = text
                if cell.font is not None and cell.font.b:
                    sheet.bold.add(at)
    sheet.merges = [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1)
                    for m in ws.merged_cells.ranges]
    sheet.hidden_rows = {i - 1 for i, dim in ws.row_dimensions.items() if dim.hidden}
    for dim in ws.column_dimensions.values():
        if dim.hidden and dim.min and dim.max:
            sheet.hidden_cols.update(range(dim.min - 1, dim.max))
    return sheet


def read_xlsx(data: bytes, source_file: str, report_id: str) -> list[Document]:
    """Bytes of an .xlsx -> its documents (one per report sheet, or one for the workbook).
    Hidden sheets are left out, as hidden rows and columns are."""
    import openpyxl

    try:
        with python_warnings.catch_warnings():
            python_warnings.simplefilter("ignore")  # openpyxl warns of extensions it skips
            book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise UnreadableDocument("damaged_package", f"not a readable Excel workbook (.xlsx): {exc}") from exc
    warnings: list[WarningItem] = []
    sheets = [worksheet_to_sheet(ws, warnings) for ws in book.worksheets if ws.sheet_state == "visible"]
    documents = workbook_to_documents(sheets, source_file, report_id, "xlsx", warnings)
    if not any(documents[0].elements()):
        raise UnreadableDocument("empty_file", "an Excel workbook without text in its visible sheets")
    return documents
