"""Pure functions from the document model to rows of one dataset each (no I/O, no globals)."""
