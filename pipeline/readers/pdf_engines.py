"""The PDF engines by name, and which one this process reads with.

pdfium is the default; pdfplumber (pdfminer underneath), the reader's first engine, stays
for comparison and gets a second chance at files pdfium cannot read. The choice is a
hidden switch, read here only: ``JIXIAO_PDF_ENGINE=pdfplumber`` (``jixiao extract
--pdf-engine pdfplumber`` sets it for the workers). A light module: the run's parent reads
it for the cache's fingerprint without importing any engine.
"""
from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from pipeline.readers.pdf_drawn import Pages

# The engines: the module and class that open a PDF's pages (imported when first used).
ENGINES = {"pdfium": ("pipeline.readers.pdf_pdfium", "PdfiumPages"),
           "pdfplumber": ("pipeline.readers.pdf_plumber", "PlumberPages")}
DEFAULT_ENGINE = "pdfium"
# The engine that gets a second chance at a file the chosen one cannot read.
FALLBACK_ENGINE = "pdfplumber"
ENGINE_VARIABLE = "JIXIAO_PDF_ENGINE"


def pdf_engine() -> str:
    """The engine this process reads with."""
    return os.environ.get(ENGINE_VARIABLE) or DEFAULT_ENGINE


def engine_opener(engine: str) -> Callable[[bytes], Pages]:
    """The class that opens a PDF with the named engine (its module imported now)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r}: choose one of {', '.join(ENGINES)}")
    module, name = ENGINES[engine]
    opener: Callable[[bytes], Pages] = getattr(importlib.import_module(module), name)
    return opener
