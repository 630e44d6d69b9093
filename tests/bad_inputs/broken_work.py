"""A per-document work that worker processes cannot load (as with a broken install on a
worker): it exists only in the process that called ``install``, so unpickling it in a new
worker fails. The run must stop before touching the datasets."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from pipeline.extract import Extraction, extract_data


def install() -> Callable[[bytes, str, Path], Extraction]:
    """Define ``late`` in this process only and return it."""
    def late(data: bytes, source_file: str, path: Path) -> Extraction:
        return extract_data(data, source_file, path)

    late.__qualname__ = "late"
    globals()["late"] = late
    return late
