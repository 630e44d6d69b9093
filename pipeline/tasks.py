"""What a runner is given (one document to extract) and what it gives back (its extraction,
how long it took, how much memory its worker used), whichever engine does the work."""
from __future__ import annotations

from pathlib import Path
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Protocol

from pipeline.extract import Extraction, extract_data, failed_extraction, report_id_of
from pipeline.readers.sniff import sniff_file
from schemas.warnings import is_transient, warn

# The per-document work: (bytes, source_file, path for its name) -> Extraction, never raising.
# A module-level function, so that worker processes and Dask workers can import it.
WorkFn = Callable[[bytes, str, Path], Extraction]
DEFAULT_WORK: WorkFn = extract_data


@dataclass(frozen=True)
class Task:
    """One document to extract; ``index`` is its place in the run's discover() order,
    ``report_id`` the id of the bytes hashed when the run was planned."""

    index: int
    source_file: str
    path: Path
    report_id: str = ""


@dataclass(frozen=True)
class Outcome:
    """One document's result, how long it took and what its worker used."""

    index: int
    extraction: Extraction
    seconds: float
    peak_rss: int | None = None  # bytes, the worker's high-water mark after this document
    cpu_seconds: float | None = None  # CPU time of the extraction (wall time less waiting)
    cached: bool = False

    @property
    def cacheable(self) -> bool:
        """False for a result the document's bytes do not decide: a failure by the run's
        limits or machinery (timed out, out of memory, a crashed worker, a file that could
        not be opened), which the next run tries again."""
        return not is_transient(self.extraction.codes)


class Runner(Protocol):
    """Extracts tasks and yields their outcomes as they finish (any order)."""

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]: ...

    def close(self) -> None: ...


def unreadable_outcome(task: Task, exc: OSError) -> Outcome:
    """The failed outcome of a file that cannot be read."""
    reason = warn("cannot_read_file", f"cannot read the file: {exc.strerror or exc}")
    return Outcome(task.index, failed_extraction(report_id_of(b""), task.source_file, "unknown", [reason]), 0.0)


def read_task(task: Task) -> bytes | Outcome:
    """The task's bytes, or the failed outcome of a file that cannot be read."""
    try:
        return task.path.read_bytes()
    except OSError as exc:
        return unreadable_outcome(task, exc)


def failed_outcome(task: Task, code: str, reason: str, seconds: float) -> Outcome:
    """A document the run's limits or machinery stopped (timeout, memory, crash): a failed
    row, built without the file's bytes, that the next run tries again."""
    extraction = failed_extraction(task.report_id or report_id_of(b""), task.source_file,
                                   sniff_file(task.path), [warn(code, reason)])
    return Outcome(task.index, extraction, seconds)
