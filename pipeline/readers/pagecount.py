"""A PDF's page count before it is read, for the time it is allowed: pdfium opens the file
lazily (the page tree only, not the pages), so this costs milliseconds even for thousands of
pages. Run where the document is extracted (a worker), never in the run's own process."""
from __future__ import annotations

from pathlib import Path

from pipeline.readers.sniff import PDF_MAGIC, PDF_WINDOW


def count_pages(path: Path) -> int | None:
    """Pages of the PDF at ``path``; None for another format or a PDF pdfium cannot open."""
    try:
        with path.open("rb") as fh:
            if PDF_MAGIC not in fh.read(PDF_WINDOW):
                return None
        import pypdfium2

        pdf = pypdfium2.PdfDocument(str(path))
    except Exception:  # noqa: BLE001 - a file pdfium cannot open: the reader will say why
        return None
    try:
        return len(pdf)
    finally:
        pdf.close()
