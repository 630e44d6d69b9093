"""Read legacy Excel .xls workbooks (BIFF, also what WPS writes for .et) with xlrd: each visible
sheet's cells as shown, merged ranges, hidden rows and columns, bold cells; ``sheets`` turns
them into the document model. A workbook xlrd cannot read is converted with LibreOffice."""
from __future__ import annotations

from typing import Any

from pipeline.readers.errors import UnreadableDocument
from schemas.warnings import WarningItem, warn
from pipeline.readers.sheets import MAX_ROWS, Sheet, workbook_to_documents
from pipeline.readers.shown_numbers import shown_date, shown_number
from schemas.document import Document


def _cell_text(book: Any, sheet: Any, r: int, c: int) -> str:
    """What a cell shows: text as typed, a number in its format, a date as an ISO date."""
    import xlrd

    cell = sheet.cell(r, c)
    if cell.ctype == xlrd.XL_CELL_TEXT:
        return str(cell.value).strip()
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        xf = book.xf_list[cell.xf_index] if cell.xf_index is not None else None
        fmt = book.format_map.get(xf.format_key) if xf is not None else None
        return shown_number(float(cell.value), fmt.format_str if fmt is not None else None)
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return shown_date(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return str(cell.value)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    return ""  # empty, blank, error


def xlrd_sheet_to_sheet(book: Any, ws: Any, warnings: list[WarningItem]) -> Sheet:
    """One xlrd sheet as a ``Sheet``."""
    sheet = Sheet(name=ws.name)
    n_rows = ws.nrows
    if n_rows > MAX_ROWS:
        warnings.append(warn("sheet_truncated", f"sheet {ws.name}: {n_rows:,} rows, only the first {MAX_ROWS:,} read"))
        n_rows = MAX_ROWS
    for r in range(n_rows):
        for c in range(ws.row_len(r)):
            text = _cell_text(book, ws, r, c)
            if not text:
                continue
            sheet.cells[(r, c)] = text
            xf_index = ws.cell_xf_index(r, c)
            font = book.font_list[book.xf_list[xf_index].font_index] if xf_index is not None else None
            if font is not None and font.bold:
                sheet.bold.add((r, c))
    # xlrd gives merged ranges half-open: (rlo, rhi, clo, chi)
    sheet.merges = [(rlo, clo, rhi - 1, chi - 1) for rlo, rhi, clo, chi in ws.merged_cells]
    sheet.hidden_rows = {r for r, info in ws.rowinfo_map.items() if info.hidden}
    sheet.hidden_cols = {c for c, info in ws.colinfo_map.items() if info.hidden}
    return sheet


def read_xls(data: bytes, source_file: str, report_id: str) -> list[Document]:
    """Bytes of an .xls (or .et) -> its documents; converted to .xlsx with LibreOffice when
    xlrd cannot read it (an .et of a newer WPS, an Excel 2003 XML file)."""
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except (xlrd.XLRDError, AssertionError, IndexError, KeyError, ValueError, EOFError) as exc:
        from pipeline.readers.legacy import convert_and_read

        return convert_and_read(data, source_file, report_id, "xls", reason=f"xlrd: {exc}")
    warnings: list[WarningItem] = []
    sheets = []
    for index in range(book.nsheets):
        ws = book.sheet_by_index(index)
        if ws.visibility == 0:
            sheets.append(xlrd_sheet_to_sheet(book, ws, warnings))
    documents = workbook_to_documents(sheets, source_file, report_id, "xls", warnings)
    if not any(documents[0].elements()):
        raise UnreadableDocument("empty_file", "an Excel workbook without text in its visible sheets")
    return documents
