"""What a runner is given (one document to extract) and what it gives back (its extraction,
how long it took, how much memory its worker used), whichever engine does the work."""
from __future__ import annotations

from pathlib import Path
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Protocol

from pipeline.extract import Extraction, extract_data, failed_report, report_id_of

# The per-document work: (bytes, source_file, path for its name) -> Extraction, never raising.
# A module-level function, so that worker processes and Dask workers can import it.
WorkFn = Callable[[bytes, str, Path], Extraction]
DEFAULT_WORK: WorkFn = extract_data


@dataclass(frozen=True)
class Task:
    """One document to extract; ``index`` is its place in the run's discover() order."""

    index: int
    source_file: str
    path: Path


@dataclass(frozen=True)
class Outcome:
    """One document's result. ``limited``: it failed by the run's limits (timed out, crashed
    or exhausted its worker), so it holds only for runs with the same or tighter limits.
    ``cacheable`` is False when there is nothing to key it by (a file that cannot be read)."""

    index: int
    extraction: Extraction
    seconds: float
    peak_rss: int | None = None  # bytes, the worker's high-water mark after this document
    cpu_seconds: float | None = None  # CPU time of the extraction (wall time less waiting)
    cacheable: bool = True
    cached: bool = False
    limited: bool = False


class Runner(Protocol):
    """Extracts tasks and yields their outcomes as they finish (any order)."""

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]: ...

    def close(self) -> None: ...


def read_task(task: Task) -> bytes | Outcome:
    """The task's bytes, or the failed outcome of a file that cannot be read."""
    try:
        return task.path.read_bytes()
    except OSError as exc:
        report = {"report_id": report_id_of(b""), "source_file": task.source_file,
                  "source_format": "unknown", "status": "failed",
                  "warnings": [f"cannot read the file: {exc.strerror or exc}"]}
        return Outcome(task.index, Extraction(report=report), 0.0, cacheable=False)


def failed_outcome(task: Task, data: bytes, reason: str, seconds: float) -> Outcome:
    """A document the run's limits stopped (timeout, crash, memory): a failed row."""
    report = failed_report(data, task.source_file, task.path, reason)
    return Outcome(task.index, Extraction(report=report), seconds, limited=True)
