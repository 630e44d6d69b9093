"""Tell a file's format by its content, not only its name."""
from __future__ import annotations

from pathlib import Path

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"  # docx, xlsx, zip
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .doc, .xls
EXTENSIONS = {".pdf": "pdf", ".txt": "text", ".text": "text", ".md": "text", ".docx": "docx",
              ".doc": "doc"}


def sniff(data: bytes, path: Path) -> tuple[str, list[str]]:
    """(format, warnings): `pdf`, `text`, `docx`, `doc`; a name that disagrees is warned."""
    head = data[:1024]
    if PDF_MAGIC in head:
        fmt = "pdf"
    elif data.startswith(ZIP_MAGIC):
        fmt = "docx"
    elif data.startswith(OLE_MAGIC):
        fmt = "doc"
    else:
        fmt = "text"
    named = EXTENSIONS.get(path.suffix.lower())
    warnings = []
    if named is not None and named != fmt and data:
        warnings.append(f"mislabelled file: named {path.suffix} but its content is {fmt}")
    return fmt, warnings
