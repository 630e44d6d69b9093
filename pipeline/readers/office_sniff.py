"""What an office file or a web page is, by its bytes: government sites name files loosely
(a `.doc` that is really a .docx or RTF, an `.xls` that is really an HTML table), so the
name is only a hint."""
from __future__ import annotations

import io
import zipfile

import regex as re

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: .doc, .xls, .wps, .et
RTF_MAGIC = b"{\\rtf"
# An Office part named in a zip's local header: `word/document.xml`, `xl/workbook.xml`
PART_NAME = re.compile(rb"PK\x03\x04.{26}((?:word|xl)/[\w./-]{1,80}?\.xml)", re.S)
# The stream that names an OLE compound file's kind, as its directory stores it (UTF-16LE):
# Word (and WPS Writer) write `WordDocument`; Excel (and WPS Spreadsheets) `Workbook`, or `Book`
# in Excel 5/95 files.
OLE_STREAMS = (("doc", "WordDocument\0"), ("xls", "Workbook\0"), ("xls", "Book\0"))
# Office 2003 XML, which offices still save as `.xls`/`.doc`: `<?mso-application
# progid="Excel.Sheet"?>`, `<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">`,
# `<?mso-application progid="Word.Document"?>`, `<w:wordDocument xmlns:w="…wordml">`.
OFFICE_XML = (("xls", re.compile(rb'progid\s*=\s*"Excel\.Sheet"|<(?:\w+:)?Workbook\b[^>]*urn:schemas-microsoft-com:office:spreadsheet', re.I)),
              ("doc", re.compile(rb'progid\s*=\s*"Word\.Document"|<w:wordDocument\b', re.I)))
# The opening of a web page, after any byte-order mark, blanks and XML declaration:
# `<!DOCTYPE html>`, `<html xmlns:o="urn:schemas-microsoft-com:office:office">`, `<head>`,
# `<meta charset="gbk">`, or a bare `<table>` fragment.
HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|html|head|body|meta|title|table|div|style|script)\b", re.I | re.S)


def zip_format(data: bytes) -> str:
    """`docx` or `xlsx` for an Office Open XML package, `zip` for any other archive."""
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        # a damaged package (a download cut short) still names its parts in its local headers
        names = {m.group(1).decode("ascii") for m in PART_NAME.finditer(data[:1_000_000])}
    if any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    return "zip"


def ole_format(data: bytes) -> str:
    """`doc` or `xls` for a compound file, by the stream its directory names; `ole` for
    another kind (PowerPoint, an MSI)."""
    for fmt, stream in OLE_STREAMS:
        if stream.encode("utf-16-le") in data:
            return fmt
    return "ole"


def office_format(data: bytes) -> str | None:
    """The office or web format the bytes are (`docx`, `xlsx`, `doc`, `xls`, `html`, or `zip`
    and `ole` for archives of another kind); None for anything else (text, PDF)."""
    if data.startswith(ZIP_MAGIC):
        return zip_format(data)
    if data.startswith(OLE_MAGIC):
        return ole_format(data)
    if data.startswith(RTF_MAGIC):
        return "doc"  # RTF, read like a legacy Word file
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml"):
        head = data[:4096]
        for fmt, pattern in OFFICE_XML:
            if pattern.search(head):
                return fmt  # converted by LibreOffice, as the binary formats are
    if HTML_START.match(data[:4096]) or HTML_START.match(_utf16_head(data)):
        return "html"
    return None


def _utf16_head(data: bytes) -> bytes:
    """The start of a UTF-16 file (a web page saved by Excel) as ASCII bytes, else b""."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data[2:4098].decode("utf-16-le" if data[:2] == b"\xff\xfe" else "utf-16-be",
                                       errors="ignore").encode("ascii", errors="ignore")
        except UnicodeError:
            return b""
    return b""
