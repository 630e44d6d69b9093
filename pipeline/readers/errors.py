"""Errors a reader raises when a file cannot be read at all (the pipeline turns them into a
failed ``reports`` row; anything less serious is a warning on the Document)."""
from __future__ import annotations


class UnreadableDocument(Exception):
    """The file cannot be read as its format; the message says why in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
