"""A run over files and folders: find the reports, extract each (in worker processes, or on
a Dask cluster; unchanged files from the cache), write every dataset, log the run."""
from __future__ import annotations

import datetime as dt
import importlib.metadata
import math
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from extractors.projects import link_reports
from pipeline.cache import ExtractionCache, Limits, cache_key, file_digest
from pipeline.extract import Extraction
from pipeline.options import RunOptions
from pipeline.outdir import OutputFolder
from pipeline.progress import make_progress
from pipeline.runlog import append_runs, outcome_to_record
from pipeline.tasks import DEFAULT_WORK, Outcome, Runner, Task, WorkFn, read_task
from pipeline.writer import write_datasets
from schemas.datasets import DATASETS

# Files a folder walk picks up; a file named on the command line is read whatever its name.
REPORT_SUFFIXES = {".pdf", ".txt", ".text", ".docx", ".doc", ".wps", ".rtf", ".xlsx", ".xlsm", ".xls", ".et",
                   ".html", ".htm", ".shtml"}


def discover(paths: Iterable[Path]) -> list[tuple[Path, Path]]:
    """(file, root) pairs in a stable order: folders walked recursively (hidden entries
    skipped), ``root`` being the folder the file's source_file is relative to."""
    found: list[tuple[Path, Path]] = []
    for path in paths:
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                rel = f.relative_to(path)
                if f.is_file() and not any(p.startswith(".") for p in rel.parts) \
                        and f.suffix.lower() in REPORT_SUFFIXES:
                    found.append((f, path))
        else:
            found.append((path, path.parent))
    return found


@dataclass
class RunSummary:
    reports: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    partial: int = 0
    warnings: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    extracted: int = 0  # documents extracted this run
    cached: int = 0  # documents taken from the cache
    pages: int = 0
    seconds: float = 0.0  # wall time of the run
    notes: list[str] = field(default_factory=list)  # what went wrong across reports

    def lines(self) -> list[str]:
        out = [f"reports read: {self.reports - len(self.failed)} of {self.reports}"
               f" ({self.partial} partial, {len(self.failed)} failed)",
               "rows: " + ", ".join(f"{k} {v}" for k, v in self.rows.items()),
               f"warnings: {self.warnings}"]
        out += [f"failed: {name}: {why}" for name, why in self.failed]
        out += [f"note: {note}" for note in self.notes]
        rate = f" ({self.pages / self.seconds:.1f} pages/s)" if self.seconds and self.extracted else ""
        out.append(f"documents: {self.extracted} extracted, {self.cached} from the cache;"
                   f" {self.pages} pages in {self.seconds:.1f} s{rate}")
        return out


def collect(results: Sequence[Extraction]) -> tuple[dict[str, list[dict[str, Any]]], RunSummary]:
    """Rows of every dataset from per-document results, and the run's summary."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in DATASETS}
    results = [report for result in results for report in result.all()]  # a workbook's sheets too
    summary = RunSummary(reports=len(results))
    for result in results:
        rows["reports"].append(result.report)
        for name, dataset_rows in result.rows.items():
            rows[name].extend(dataset_rows)
        summary.warnings += len(result.report.get("warnings") or [])
        if result.status == "failed":
            summary.failed.append((result.report["source_file"], "; ".join(result.report["warnings"])))
        elif result.status == "partial":
            summary.partial += 1
    return rows, summary


def link_across_reports(rows: dict[str, list[dict[str, Any]]], summary: RunSummary) -> dict[str, list[dict[str, Any]]]:
    """The cross-report stage (department and project keys, projects, departments) over every
    document of the run; should it fail, the per-document datasets are still written."""
    try:
        return link_reports(rows["reports"], rows["tables"])
    except Exception as exc:  # noqa: BLE001 - a bug here must not lose the run's extraction
        summary.notes.append(f"projects and departments not linked: {exc!r}")
        return {}


def source_file_of(path: Path, root: Path) -> str:
    """A file's name in the datasets: relative to the folder it was found in."""
    return path.relative_to(root).as_posix() if path != root else path.name


@dataclass
class Plan:
    """What a run has to do: ``tasks`` to extract; ``done``, outcomes known without extracting
    (cache hits, unreadable files); ``keys``, the cache key of every file hashed."""

    tasks: list[Task] = field(default_factory=list)
    done: dict[int, Outcome] = field(default_factory=dict)
    keys: dict[int, str] = field(default_factory=dict)


def limits_of(options: RunOptions) -> Limits:
    """The time and memory a document is allowed (none in this process: ``workers=0``)."""
    if options.workers == 0 and not options.scheduler:
        return (math.inf, None)
    return (options.timeout, None if options.scheduler else options.memory_limit)


def plan(found: Sequence[tuple[Path, Path]], cache: ExtractionCache, force: bool,
         limits: Limits) -> Plan:
    """Hash every file; those whose extraction is cached (and not ``force``) are done."""
    todo = Plan()
    sizes: dict[int, int] = {}
    for index, (path, root) in enumerate(found):
        task = Task(index, source_file_of(path, root), path)
        try:
            with path.open("rb") as fh:
                key = cache_key(file_digest(fh), path)
                size = os.fstat(fh.fileno()).st_size
        except OSError:
            unreadable = read_task(task)
            if isinstance(unreadable, Outcome):
                todo.done[index] = unreadable
                continue
            raise
        todo.keys[index] = key
        hit = None if force else cache.get(key, task.source_file, limits)
        if hit is not None:
            todo.done[index] = Outcome(index, hit, 0.0, cached=True)
        else:
            todo.tasks.append(task)
            sizes[index] = size
    # Largest first: a long document started last would leave the other workers idle at
    # the end. Results are put back in discover() order before anything is written.
    todo.tasks.sort(key=lambda t: -sizes[t.index])
    return todo


def make_runner(options: RunOptions, tasks: int, work: WorkFn) -> Runner:
    """A Dask client, a pool of worker processes, or (``workers=0``, or nothing to do) this
    process."""
    from pipeline.workers import InlineRunner, WorkerPool

    if options.scheduler:
        from pipeline.dask_runner import DaskRunner

        return DaskRunner(options.scheduler, options.timeout, work)
    if options.workers == 0 or tasks == 0:
        return InlineRunner(work)
    return WorkerPool(min(options.workers, tasks), options.timeout, options.memory_limit, work)


def pages_of(extraction: Extraction) -> int:
    return int(extraction.report.get("page_count") or 0)


def extract_all(todo: Plan, total: int, options: RunOptions, cache: ExtractionCache,
                work: WorkFn) -> list[Outcome]:
    """Every document's outcome in discover() order; each fresh extraction is cached as soon
    as it arrives, so a run killed half-way keeps what it had done."""
    outcomes = dict(todo.done)
    progress = make_progress(options.progress)
    progress.start(total, len(outcomes), sum(pages_of(o.extraction) for o in outcomes.values()))
    runner = make_runner(options, len(todo.tasks), work)
    try:
        for outcome in runner.run(todo.tasks):
            outcomes[outcome.index] = outcome
            key = todo.keys.get(outcome.index)
            # a file changed since it was hashed extracts to another id: not cached under this key
            if outcome.cacheable and key and outcome.extraction.report.get("report_id") == key[:16]:
                cache.put(key, outcome.extraction, limits_of(options) if outcome.limited else None)
            progress.advance(pages_of(outcome.extraction))
    finally:
        runner.close()
        progress.close()
    return [outcomes[i] for i in range(total)]


def jixiao_version() -> str:
    try:
        return importlib.metadata.version("jixiao")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def run(paths: Sequence[Path], out_dir: Path, options: RunOptions | None = None, *,
        work: WorkFn = DEFAULT_WORK) -> RunSummary:
    """Extract every report under ``paths`` and write the datasets to ``out_dir``; ``work``
    replaces the per-document extraction (tests)."""
    options = options or RunOptions()
    started_at, started = dt.datetime.now(dt.timezone.utc), time.monotonic()
    found = discover(paths)
    with OutputFolder(out_dir):
        cache = ExtractionCache(out_dir)
        todo = plan(found, cache, options.force, limits_of(options))
        outcomes = extract_all(todo, len(found), options, cache, work)
        rows, summary = collect([o.extraction for o in outcomes])
        rows.update(link_across_reports(rows, summary))
        summary.rows = write_datasets(out_dir, rows)
        append_runs(out_dir, [outcome_to_record(o) for o in outcomes], started_at, jixiao_version())
        cache.prune(set(todo.keys.values()))
    summary.cached = sum(o.cached for o in outcomes)
    summary.extracted = len(outcomes) - summary.cached
    summary.pages = sum(pages_of(o.extraction) for o in outcomes)
    summary.seconds = time.monotonic() - started
    return summary
