"""Bottom layer: the document model and the Arrow schema of every dataset.

The Arrow schemas are loaded on first use: they import pyarrow (a third of a second), which
the readers and extractors never need.
"""
from typing import Any

from schemas.document import BBox, Document, Element, Line, Page, Paragraph, Table

__all__ = ["BBox", "DATASETS", "Document", "Element", "Line", "Page", "Paragraph", "SchemaError",
           "Table", "validate"]


def __getattr__(name: str) -> Any:
    if name in ("DATASETS", "SchemaError", "validate"):
        from schemas import datasets

        return getattr(datasets, name)
    raise AttributeError(f"module 'schemas' has no attribute {name!r}")
