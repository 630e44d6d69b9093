"""Extra time a document earns while it is read: a page read by OCR takes seconds, not
milliseconds, so each one adds to the document's time limit.

The worker running a document listens (``listening``); a reader calls ``grant`` before slow
work. Where nobody listens (in-process runs, Dask), a grant does nothing.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator

_listener: Callable[[float], None] | None = None


def grant(seconds: float) -> None:
    """Ask for ``seconds`` more on the current document's time limit."""
    if _listener is not None:
        _listener(seconds)


@contextmanager
def listening(listener: Callable[[float], None]) -> Iterator[None]:
    """Route grants to ``listener`` while one document is extracted."""
    global _listener
    previous, _listener = _listener, listener
    try:
        yield
    finally:
        _listener = previous
