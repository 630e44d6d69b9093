"""Errors a reader raises when a file cannot be read at all (the pipeline turns them into a
failed ``reports`` row; anything less serious is a warning on the Document)."""
from __future__ import annotations

from schemas.warnings import WarningItem, warn


class UnreadableDocument(Exception):
    """The file cannot be read as its format: ``code`` (declared in schemas/warnings.py) says
    which way, the message why in plain words."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code, self.reason = code, reason

    def warning(self) -> WarningItem:
        return warn(self.code, self.reason)


def cause_of(exc: BaseException, kind: type[BaseException]) -> BaseException | None:
    """The exception of ``kind`` behind ``exc``: itself, its cause or context, or the error a
    library's wrapper holds as its argument (pdfplumber's PdfminerException)."""
    seen: list[BaseException] = [exc]
    while seen:
        current = seen.pop()
        if isinstance(current, kind):
            return current
        seen += [e for e in (current.__cause__, current.__context__, *current.args[:1])
                 if isinstance(e, BaseException) and e is not current]
    return None


def raise_if_memory(exc: BaseException) -> None:
    """Re-raise as MemoryError an exception caused by running out of memory: a reader's
    catch-all must not report the run's memory limit as a broken file."""
    memory = cause_of(exc, MemoryError)
    if memory is not None:
        raise MemoryError(str(memory) or "out of memory") from exc
