"""The output folder of a run: one run at a time (a lock), and what a killed run left
behind (temporary files, never renamed into place) cleared away."""
from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType

from pipeline.writer import TMP_SUFFIX

LOCK_FILE = ".jixiao.lock"


class OutputBusy(RuntimeError):
    """Another run is writing to the same output folder."""


class OutputFolder:
    """``with OutputFolder(path):`` holds the folder's lock for a run; the lock dies with the
    process, so a run killed with -9 never leaves the folder locked."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None

    def __enter__(self) -> "OutputFolder":
        self.path.mkdir(parents=True, exist_ok=True)
        self.fd = os.open(self.path / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self.fd)
            self.fd = None
            raise OutputBusy(f"another jixiao run is writing to {self.path}") from None
        self.clear_leftovers()
        return self

    def clear_leftovers(self) -> int:
        """Delete temporary files of runs that were killed before renaming them."""
        removed = 0
        for tmp in self.path.glob(f".*{TMP_SUFFIX}"):
            tmp.unlink(missing_ok=True)
            removed += 1
        return removed

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
