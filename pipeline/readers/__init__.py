"""One reader per input format; each turns a file's bytes into a ``schemas.Document``."""
