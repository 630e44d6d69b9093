"""The readers of the office and web formats, one registration each: the format a file's
content shows (``office_sniff``) -> the module and function that read it. Imported only when
a file of that format comes, so a run over PDFs never loads them."""
from __future__ import annotations

import importlib
from typing import Callable

from pipeline.readers.office_codes import unreadable
from schemas.document import Document

# (bytes, source_file, report_id) -> Document, or the documents of a file holding several
Reader = Callable[[bytes, str, str], "Document | list[Document]"]

READERS: dict[str, tuple[str, str]] = {
    "docx": ("pipeline.readers.docx", "read_docx"),
    "xlsx": ("pipeline.readers.xlsx", "read_xlsx"),
    "xls": ("pipeline.readers.xls", "read_xls"),
    "html": ("pipeline.readers.html", "read_html"),
    "doc": ("pipeline.readers.legacy", "read_doc"),
}

# What to say of content no reader takes.
UNSUPPORTED = {
    "zip": "a zip archive that is not a Word or Excel file (or one too damaged to tell); unpack it first",
    "ole": "an Office file that is neither Word nor Excel (PowerPoint?)",
}


def reader_for(fmt: str) -> Reader | None:
    """The reader of ``fmt``, or None when it is not an office or web format."""
    if fmt not in READERS:
        return None
    module, function = READERS[fmt]
    reader: Reader = getattr(importlib.import_module(module), function)
    return reader


def read_office(fmt: str, data: bytes, source_file: str, report_id: str) -> list[Document]:
    """The documents of a file of an office or web format; raises UnreadableDocument for the
    others."""
    reader = reader_for(fmt)
    if reader is None:
        raise unreadable("unsupported_format", UNSUPPORTED.get(fmt, f"{fmt} files are not supported"))
    read = reader(data, source_file, report_id)
    return read if isinstance(read, list) else [read]
