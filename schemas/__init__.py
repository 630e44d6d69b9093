"""Bottom layer: the document model and the Arrow schema of every dataset."""
from schemas.datasets import DATASETS, SchemaError, validate
from schemas.document import BBox, Document, Element, Line, Page, Paragraph, Table

__all__ = ["BBox", "DATASETS", "Document", "Element", "Line", "Page", "Paragraph", "SchemaError",
           "Table", "validate"]
