"""Tell a file's format by its content, not only its name."""
from __future__ import annotations

from pathlib import Path

from pipeline.readers.office_sniff import office_format

PDF_MAGIC = b"%PDF-"
EXTENSIONS = {".pdf": "pdf", ".txt": "text", ".text": "text", ".md": "text", ".docx": "docx",
              ".doc": "doc", ".wps": "doc", ".rtf": "doc", ".xlsx": "xlsx", ".xlsm": "xlsx",
              ".xls": "xls", ".et": "xls", ".html": "html", ".htm": "html", ".shtml": "html"}


def sniff(data: bytes, path: Path) -> tuple[str, list[str]]:
    """(format, warnings): `pdf`, `text`, or a format of ``office_format`` (`docx`, `xlsx`,
    `xls`, `doc`, `html`, `zip`, `ole`); a name that disagrees is warned."""
    head = data[:1024]
    if PDF_MAGIC in head:
        fmt = "pdf"
    else:
        fmt = office_format(data) or "text"
    named = EXTENSIONS.get(path.suffix.lower())
    warnings = []
    if named is not None and named != fmt and data:
        warnings.append(f"mislabelled file: named {path.suffix} but its content is {fmt}")
    return fmt, warnings
