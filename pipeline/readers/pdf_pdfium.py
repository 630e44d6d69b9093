"""The pdfium engine: a PDF's bytes to one ``Drawn`` record per page, a page at a time.

pdfium (through pypdfium2) parses the file, its text page gives each character with its
text object, and the page objects give the strokes and images; each page is closed before
the next is opened, so memory does not grow with the page count.
"""
from __future__ import annotations

import ctypes
from ctypes import byref, c_float
from typing import Iterator

import pypdfium2 as pdfium

from pipeline.readers import pdfium_api as api
from pipeline.readers.errors import UnreadableDocument
from pipeline.readers.pdf_drawn import Drawn, Unread
from pipeline.readers.pdf_geometry import PageFrame, page_frame
from pipeline.readers.pdf_pdfium_objects import page_to_marks
from pipeline.readers.pdf_pdfium_text import Fonts, mark_doubled, text_page_to_glyphs
from pipeline.readers.pdf_rules import marks_to_rules
from pipeline.readers.pdf_settings import PdfSettings

# A page without a MediaBox is US Letter (what pdfium and pdfminer both assume).
DEFAULT_MEDIABOX = (0.0, 0.0, 612.0, 792.0)
# pdfium keeps every object it has parsed until the document is closed (about 80 KB a page
# of a typical report): the document is opened again after this many pages, so memory
# stays flat however long the file.
PAGES_PER_OPENING = 100
# One thread in pdfium at a time (ctypes lets the others run Python meanwhile).
PDFIUM_LOCK = api.LOCK
LOAD_FAILURE = "pdfium could not load it: a damaged page, or one nested too deep in the page tree"


class PdfiumPages:
    """An open PDF whose pages are read one at a time."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        try:
            with PDFIUM_LOCK:
                self._open()
                self.page_count = len(self._doc)
        except pdfium.PdfiumError as exc:
            raise UnreadableDocument("corrupt_pdf", f"pdfium cannot open the file: {exc}") from exc

    def _open(self) -> None:
        self._doc = pdfium.PdfDocument(self._data)
        self._handle: int = ctypes.cast(self._doc.raw, ctypes.c_void_p).value or 0
        self._fonts = Fonts()  # font handles live as long as the opened document

    def drawn(self, settings: PdfSettings) -> Iterator[Drawn | Unread]:
        """Every page, read and closed in turn."""
        for index in range(self.page_count):
            with PDFIUM_LOCK:
                if index and index % PAGES_PER_OPENING == 0:
                    self._doc.close()
                    self._open()
                drawn = self._read(index, settings)
            yield drawn

    def _read(self, index: int, settings: PdfSettings) -> Drawn | Unread:
        page = api.load_page(self._handle, index)
        if not page:
            return Unread(index + 1, LOAD_FAILURE)
        try:
            return page_to_drawn(page, index + 1, settings, self._fonts)
        finally:
            api.close_page(page)

    def close(self) -> None:
        """Release the document."""
        with PDFIUM_LOCK:
            self._doc.close()


def frame_of(page: api.Handle) -> PageFrame:
    """The page's frame from its MediaBox and /Rotate."""
    left, bottom, right, top = c_float(), c_float(), c_float(), c_float()
    box = (left.value, bottom.value, right.value, top.value) \
        if api.page_mediabox(page, byref(left), byref(bottom), byref(right), byref(top)) else DEFAULT_MEDIABOX
    if box[0] == box[2] or box[1] == box[3]:
        box = DEFAULT_MEDIABOX
    return page_frame(box, api.page_rotation(page))


def page_to_drawn(page: api.Handle, number: int, settings: PdfSettings, fonts: Fonts) -> Drawn:
    """One loaded page's glyphs, rules and image cover."""
    frame = frame_of(page)
    text_page = api.load_text_page(page)
    try:
        glyphs, runs, kept = text_page_to_glyphs(text_page, frame, fonts)
    finally:
        api.close_text_page(text_page)
    marks = page_to_marks(page, frame, kept, settings.thin_rule * frame.width)
    horizontal, vertical = marks_to_rules(marks.marks, frame.width, settings)
    return Drawn(number, frame.width, frame.height, mark_doubled(glyphs, runs, marks.doubled),
                 horizontal, vertical, marks.image_cover)
