"""The pages of a PDF that have no text layer, read by OCR: render, deskew, recognise, lay out.

The PDF reader hands over each page whose text layer is missing (a scan, or fonts without a
Unicode mapping); this module renders it with pypdfium2, turns it straight, recognises its
text, finds the rules of its tables, and hands glyphs and rules back to the PDF reader's
``glyphs_to_layouts``: the page's layouts as a text layer would have given them, marked
``method = "ocr"``.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from pipeline.readers import pdfium_api, time_budget
from pipeline.readers.ocr import OcrBox, OcrUnavailable, recognise
from pipeline.readers.ocr_digits import fix_digits
from pipeline.readers.ocr_image import binarise, deskew, render_page
from pipeline.readers.ocr_layout import boxes_to_glyphs
from pipeline.readers.ocr_rules import ink_to_rules
from pipeline.readers.ocr_settings import OcrSettings
from pipeline.readers.pdf import Drawn, glyphs_to_layouts
from pipeline.readers.pdf_layout import PageLayout
from pipeline.readers.pdf_settings import PdfSettings
from schemas.warnings import WarningItem, warn


class ScanReader:
    """Reads the text-less pages of one PDF by OCR; the document is opened on first use."""

    def __init__(self, data: bytes, settings: PdfSettings, ocr_settings: OcrSettings | None = None) -> None:
        self.data = data
        self.settings = settings
        self.ocr_settings = ocr_settings or OcrSettings()
        self.document: Any = None
        self.unavailable: str | None = None  # why OCR cannot run here, once known

    def read(self, drawn: Drawn, layout: PageLayout, warnings: list[WarningItem]) -> list[PageLayout]:
        """The page read by OCR (its layouts, as the text layer's would be), or the page as it
        was when OCR cannot run (said once in ``warnings``)."""
        if self.unavailable is not None:
            return [layout]
        time_budget.grant(self.ocr_settings.page_seconds)  # a page takes seconds, not milliseconds
        try:
            with pdfium_api.LOCK:  # pdfium is not thread-safe (a Dask worker reads in threads)
                page = self._page(layout.number)
        except OcrUnavailable as exc:
            self.unavailable = str(exc)
            warnings.append(warn("ocr_unavailable", f"OCR unavailable: {exc}"))
            return [layout]
        try:
            with pdfium_api.LOCK:
                rendered = render_page(page, self.ocr_settings)
            image, skew = deskew(rendered, self.ocr_settings)
        finally:
            with pdfium_api.LOCK:
                page.close()
        try:
            boxes = recognise(image, self.ocr_settings)
        except OcrUnavailable as exc:
            self.unavailable = str(exc)
            warnings.append(warn("ocr_unavailable", f"OCR unavailable: {exc}"))
            return [layout]
        except Exception as exc:  # noqa: BLE001 - onnxruntime's own errors (out of memory, …): this page only
            message = f"page {layout.number}: OCR failed ({type(exc).__name__}: {exc})"[:300]
            warnings.append(warn("ocr_failed", message, layout.number))
            return [layout]
        boxes = self._fix_digits(boxes, layout.number, warnings)
        glyphs = boxes_to_glyphs(boxes, image.shape[1] / drawn.width)
        horizontal, vertical = ink_to_rules(binarise(image), boxes, drawn.width, self.ocr_settings)
        if abs(skew) > self.ocr_settings.max_skew - 0.1:
            warnings.append(warn("ocr_skewed", f"page {layout.number}: skewed by {skew:+.1f}° or more; "
                                 f"turned by {skew:+.1f}°", layout.number))
        read = glyphs_to_layouts(drawn, glyphs, horizontal, vertical, len(glyphs), 0, self.settings)
        return [replace(part, method="ocr") for part in read]

    def _page(self, number: int) -> Any:
        """Page ``number`` (1-based) of the document, opened with pypdfium2 on first use."""
        if self.document is None:
            import pypdfium2 as pdfium

            from pipeline.readers.ocr import check_models, models_dir

            check_models(models_dir())  # say what is missing before rendering anything
            try:
                self.document = pdfium.PdfDocument(self.data)
            except pdfium.PdfiumError as exc:
                raise OcrUnavailable(f"pypdfium2 cannot open this PDF to render it ({exc})") from exc
        return self.document[number - 1]

    @staticmethod
    def _fix_digits(boxes: list[OcrBox], page: int, warnings: list[WarningItem]) -> list[OcrBox]:
        """Boxes with slips inside their numbers fixed; doubtful ones noted in ``warnings``."""
        out = []
        for box in boxes:
            text, notes = fix_digits(box.text)
            warnings.extend(warn("ocr_doubtful_digits", f"page {page}: OCR: {note}", page) for note in notes)
            out.append(box._replace(text=text))
        return out

    def close(self) -> None:
        """Release the pypdfium2 document."""
        if self.document is not None:
            with pdfium_api.LOCK:
                self.document.close()
            self.document = None
