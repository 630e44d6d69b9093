"""Every input format jixiao knows, registered once: its name (``reports.source_format``), what
it is in words, the file-name suffixes a folder walk picks up, and its reader.

A format without a reader is still recognised: its files become failed rows that name the
format and say what to do, never silent skips. A reader plugs in by naming its function
(``module:function``, imported on first use, so a run that meets no such file never pays
for the import):

    Format("docx", "Word document", (".docx",), reader="pipeline.readers.docx:read_docx")

A reader takes (bytes, source_file, report_id), returns a ``schemas.document.Document`` (or a
list of them, for a file holding several reports: a workbook of report sheets) and raises
``UnreadableDocument`` for a file it cannot read. ``pipeline.readers.sniff`` tells
formats apart by content and returns only names registered here.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from pipeline.readers.errors import UnreadableDocument
from schemas.document import Document

ReadFn = Callable[[bytes, str, str], "Document | list[Document]"]
CONVERT = "convert it to PDF or text"


@dataclass(frozen=True)
class Format:
    """One input format. ``reader``: ``module:function``, or None while it is not read yet."""

    name: str
    what: str  # in words, for messages: `Excel workbook`
    suffixes: tuple[str, ...] = ()
    reader: str | None = None
    advice: str = CONVERT  # what to do with a file of it while there is no reader
    refusal: tuple[str, str] | None = None  # (code, message) of content no reader will ever take


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("pdf", "PDF", (".pdf",), reader="pipeline.readers.pdf:read_pdf"),
    Format("text", "text file", (".txt", ".text"), reader="pipeline.readers.text:read_text"),
    Format("docx", "Word document", (".docx", ".docm"), reader="pipeline.readers.docx:read_docx"),
    Format("doc", "Word 97-2003 or WPS document", (".doc", ".wps"), reader="pipeline.readers.legacy:read_doc"),
    Format("xlsx", "Excel workbook", (".xlsx", ".xlsm"), reader="pipeline.readers.xlsx:read_xlsx"),
    Format("xls", "Excel 97-2003 or WPS spreadsheet", (".xls", ".et"), reader="pipeline.readers.xls:read_xls"),
    Format("pptx", "PowerPoint presentation", (".pptx",)),
    Format("ppt", "PowerPoint 97-2003 presentation", (".ppt", ".dps")),
    Format("ole", "Microsoft Office 97-2003 file of an unknown kind", ()),
    Format("odt", "OpenDocument text", (".odt",)),
    Format("ods", "OpenDocument spreadsheet", (".ods",)),
    Format("ofd", "OFD document (版式文档)", (".ofd",), advice="export it to PDF"),
    Format("epub", "EPUB e-book", (".epub",)),
    Format("rtf", "Rich Text Format document", (".rtf",), reader="pipeline.readers.legacy:read_rtf"),
    Format("html", "web page", (".html", ".htm", ".xhtml", ".shtml"), reader="pipeline.readers.html:read_html"),
    Format("image", "image", (".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".bmp", ".webp"),
           advice="OCR is not supported yet; put the scan in a PDF"),
    Format("zip", "zip archive", (".zip",), advice="unpack it and extract the files inside"),
    Format("binary", "binary content", (),
           refusal=("binary_content", "binary content: not a PDF, a text file or any document format jixiao recognises")),
)}

# The suffixes a folder walk picks up (a file named on the command line is read whatever its name).
FOLDER_SUFFIXES: frozenset[str] = frozenset(s for f in FORMATS.values() for s in f.suffixes)


def format_named(suffix: str) -> str | None:
    """The format a file name's suffix promises (`.XLSX` -> `xlsx`), or None."""
    suffix = suffix.lower()
    return next((f.name for f in FORMATS.values() if suffix in f.suffixes), None)


@lru_cache(maxsize=None)
def reader_of(name: str) -> ReadFn | None:
    """The reader of a registered format, imported on first use; None when it has none."""
    target = FORMATS[name].reader
    if target is None:
        return None
    module, function = target.split(":")
    read: ReadFn = getattr(importlib.import_module(module), function)
    return read


def unsupported(name: str) -> UnreadableDocument:
    """Why a file of a format without a reader is not read, and what to do."""
    fmt = FORMATS[name]
    if fmt.refusal is not None:
        return UnreadableDocument(*fmt.refusal)
    return UnreadableDocument("unsupported_format", f"unsupported format: {fmt.what} ({name}) is not read yet; {fmt.advice}")
