"""What the office and web readers (docx, xlsx/xls, html, legacy) say when a file cannot be
read, or is read with a reservation: each with a stable code, declared here with its stage and
effect on the report's status, so that the codes can join the pipeline's declared warning
codes. ``unreadable`` and ``noted`` are the only places that build the errors and warnings."""
from __future__ import annotations

from pipeline.readers.errors import UnreadableDocument

# code -> (effect on the status, meaning); every code here is emitted by the reading stage.
OFFICE_CODES: dict[str, tuple[str, str]] = {
    "damaged_package": ("failed", "a Word or Excel file whose zip package is damaged (a download cut short)"),
    "malformed_office_file": ("failed", "an Office file or web page its reader cannot parse (no document "
                                        "body, XML that is not well-formed, a part too large)"),
    "empty_file": ("failed", "a Word document, workbook or web page without text"),
    "needs_libreoffice": ("failed", "a legacy .doc/.wps/.et file, and LibreOffice is not installed "
                                    "(the message names the package)"),
    "conversion_failed": ("failed", "LibreOffice could not convert a legacy file"),
    "conversion_timeout": ("failed", "LibreOffice did not convert a legacy file within its time"),
    "unsupported_format": ("failed", "an archive or an Office file of a kind no reader takes"),
    "converted_by_libreoffice": ("none", "a workbook xlrd cannot read, read through LibreOffice's conversion"),
    "charset_mismatch": ("none", "a web page whose declared charset does not decode it; read as sniffed"),
    "sheet_truncated": ("partial", "a sheet of more rows than are read; the rest is left out"),
}


def unreadable(code: str, reason: str) -> UnreadableDocument:
    """The error a reader raises for a file it cannot read (``code`` is one of OFFICE_CODES)."""
    assert code in OFFICE_CODES, code
    return UnreadableDocument(reason)


def noted(code: str, message: str) -> str:
    """A warning a reader puts on the Document (``code`` is one of OFFICE_CODES)."""
    assert code in OFFICE_CODES, code
    return message
