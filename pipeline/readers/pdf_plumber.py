"""The pdfplumber engine (pdfminer underneath): the reader's first engine, kept to compare
the pdfium engine against and to give files pdfium refuses a second chance.

It is several times slower than pdfium on the same pages: pdfminer's layout pass runs on
every page. Chosen with ``JIXIAO_PDF_ENGINE=pdfplumber`` (see ``pdf_engines``).
"""
from __future__ import annotations

import io
import zlib
from typing import Any, Iterator

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.psexceptions import PSEOF, PSException
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.readers.errors import UnreadableDocument, raise_if_memory
from pipeline.readers.pdf_drawn import Drawn, Unread
from pipeline.readers.pdf_glyphs import chars_to_glyphs
from pipeline.readers.pdf_rules import objects_to_rules
from pipeline.readers.pdf_settings import PdfSettings

# PDF readers accept a header anywhere in the first KiB (some files start with junk).
HEADER_WINDOW = 1024
# What parsing one damaged page can raise (pdfminer's own errors and a bad compressed stream).
PARSE_ERRORS = (PdfminerException, PSException, zlib.error)


class PlumberPages:
    """An open PDF whose pages are read one at a time."""

    def __init__(self, data: bytes) -> None:
        pdf = None
        try:
            pdf = pdfplumber.open(io.BytesIO(data))
            self._pages = pdf.pages  # parses the page tree: a broken file fails here
        except Exception as exc:  # pdfminer raises many kinds; at this point each means unreadable
            if pdf is not None:
                pdf.close()
            raise_if_memory(exc)
            raise UnreadableDocument(*open_failure(data, exc)) from exc
        self._pdf = pdf
        self.page_count = len(self._pages)

    def drawn(self, settings: PdfSettings) -> Iterator[Drawn | Unread]:
        """Every page, read and closed in turn."""
        for page in self._pages:
            try:
                drawn = page_to_drawn(page, settings)
            except PARSE_ERRORS as exc:
                raise_if_memory(exc)
                yield Unread(page.page_number, describe(exc))
                continue
            finally:
                page.close()  # drop pdfplumber's per-page caches: memory stays bounded
            yield drawn

    def close(self) -> None:
        """Release the document."""
        self._pdf.close()


def describe(exc: BaseException) -> str:
    """An exception as a short phrase, unwrapping pdfplumber's wrapper."""
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    return f"{type(inner).__name__}: {inner}" if str(inner) else type(inner).__name__


def open_failure(data: bytes, exc: BaseException) -> tuple[str, str]:
    """Why a PDF could not be opened: (code, words an analyst understands)."""
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(inner, PDFPasswordIncorrect):
        return "encrypted_pdf", "encrypted PDF: a password is required"
    if isinstance(inner, PSEOF) or b"%%EOF" not in data[-HEADER_WINDOW:]:
        return "truncated_pdf", f"truncated PDF: the file ends early ({describe(exc)})"
    return "corrupt_pdf", f"corrupt PDF: {describe(exc)}"


def page_to_drawn(page: Any, settings: PdfSettings) -> Drawn:
    """Parse one page (the only step where a damaged content stream can fail)."""
    width, height = float(page.width), float(page.height)
    horizontal, vertical = objects_to_rules(page.lines, page.rects, page.curves, width, settings)
    return Drawn(page.page_number, width, height, chars_to_glyphs(page.chars), horizontal, vertical,
                 max((image_area(im, width, height) for im in page.images), default=0.0) / (width * height))


def image_area(image: dict[str, Any], width: float, height: float) -> float:
    """The area of an image inside the page."""
    w = min(image["x1"], width) - max(image["x0"], 0.0)
    h = min(image["bottom"], height) - max(image["top"], 0.0)
    return max(w, 0.0) * max(h, 0.0)
