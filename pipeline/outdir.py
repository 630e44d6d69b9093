"""The output folder of a run: checked writable before any work, one run at a time (a lock),
and what a killed run left behind (temporary files, never renamed into place) cleared away."""
from __future__ import annotations

import fcntl
import os
import tempfile
from pathlib import Path
from types import TracebackType

from pipeline.writer import TMP_SUFFIX

LOCK_FILE = ".jixiao.lock"


class OutputBusy(RuntimeError):
    """Another run is writing to the same output folder."""


class OutputError(RuntimeError):
    """The output folder cannot be written: a file of that name, a read-only folder or file
    system. The message says which, and what to do."""


def check_writable(path: Path) -> None:
    """Create ``path`` if need be and write a file in it, or raise OutputError saying why."""
    if path.exists() and not path.is_dir():
        raise OutputError(f"the output {path} is a file, not a folder: choose another --out")
    try:
        path.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".jixiao-probe.", suffix=TMP_SUFFIX, dir=path)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"cannot write to the output folder {path}: {exc.strerror or exc}; "
                          "choose another --out or make it writable") from None


class OutputFolder:
    """``with OutputFolder(path):`` holds the folder's lock for a run; the lock dies with the
    process, so a run killed with -9 never leaves the folder locked."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None

    def __enter__(self) -> "OutputFolder":
        check_writable(self.path)
        try:
            self.fd = os.open(self.path / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise OutputError(f"cannot write to the output folder {self.path}: {exc.strerror or exc}") from None
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
