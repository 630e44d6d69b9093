"""Formats told by content, as government sites name files loosely: a .doc that is a .docx,
an .xls that is a web page, RTF named .doc, compound files told apart by their streams."""
from __future__ import annotations

import io
from pathlib import Path

from docx import Document as WordDocument
from openpyxl import Workbook

from pipeline.readers.office_sniff import PART_NAME
from pipeline.readers.sniff import sniff


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    WordDocument().save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def office_format(data: bytes) -> str:
    return sniff(data, Path("x"))[0]


def ole(stream: str) -> bytes:
    """The head of a compound file whose directory names ``stream``."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + f"{stream}\0".encode("utf-16-le") + b"\0" * 64


def test_content_decides_the_format_and_a_wrong_name_is_warned() -> None:
    fmt, warnings = sniff(docx_bytes(), Path("report.doc"))
    assert fmt == "docx" and [w.code for w in warnings] == ["mislabelled_file"]
    assert sniff(xlsx_bytes(), Path("form.xlsx")) == ("xlsx", [])
    assert sniff(b"<html><body><table><tr><td>1</td></tr></table></body></html>", Path("form.xls"))[0] == "html"
    assert sniff(b"{\\rtf1\\ansi hello}", Path("report.rtf")) == ("rtf", [])
    assert sniff(ole("WordDocument"), Path("report.wps")) == ("doc", [])
    assert sniff(ole("Workbook"), Path("table.et")) == ("xls", [])
    assert office_format(ole("Book")) == "xls"  # Excel 5/95


def test_a_damaged_package_is_told_by_the_part_names_in_its_headers() -> None:
    truncated = docx_bytes()[:-2000]
    assert office_format(truncated) == "docx"
    header = b"PK\x03\x04" + b"\0" * 26 + b"xl/workbook.xml"
    assert PART_NAME.search(header).group(1) == b"xl/workbook.xml"
    assert office_format(header + b"\0" * 100) == "xlsx"


def test_office_2003_xml_is_told_from_other_xml() -> None:
    sheet = b'<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
    word = b'<?xml version="1.0"?>\n<?mso-application progid="Word.Document"?>\n<w:wordDocument xmlns:w="x">'
    assert office_format(sheet) == "xls" and office_format(word) == "doc"
    assert office_format(b'<?xml version="1.0"?>\n<html><body>x</body></html>') == "html"
    assert office_format(b'<?xml version="1.0"?>\n<data/>') == "text"
