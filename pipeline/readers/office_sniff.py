"""What the format sniffer adds for office files named loosely on government sites: Office
2003 XML (still saved as `.xls`/`.doc`, read through LibreOffice) and a damaged Office package
told by the part names in its zip's local headers."""
from __future__ import annotations

import regex as re

# Office 2003 XML: `<?mso-application progid="Excel.Sheet"?>`,
# `<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">`,
# `<?mso-application progid="Word.Document"?>`, `<w:wordDocument xmlns:w="…wordml">`.
OFFICE_XML = (("xls", re.compile(rb'progid\s*=\s*"Excel\.Sheet"|<(?:\w+:)?Workbook\b[^>]*urn:schemas-microsoft-com:office:spreadsheet', re.I)),
              ("doc", re.compile(rb'progid\s*=\s*"Word\.Document"|<w:wordDocument\b', re.I)))
# An Office part named in a zip's local header: `word/document.xml`, `xl/workbook.xml`
PART_NAME = re.compile(rb"PK\x03\x04.{26}((?:word|xl)/[\w./-]{1,80}?\.xml)", re.S)


def office_xml_format(head: bytes) -> str | None:
    """`xls` or `doc` for Office 2003 XML, else None."""
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml"):
        return None
    return next((fmt for fmt, pattern in OFFICE_XML if pattern.search(head)), None)


def damaged_package_format(head: bytes) -> str:
    """`docx` or `xlsx` for a zip whose directory cannot be read but whose local headers name
    Word or Excel parts (a download cut short); `zip` otherwise."""
    names = [m.group(1) for m in PART_NAME.finditer(head)]
    if any(n.startswith(b"word/") for n in names):
        return "docx"
    if any(n.startswith(b"xl/") for n in names):
        return "xlsx"
    return "zip"
