"""A run over files and folders: find the inputs, extract each distinct file once (in worker
processes, or on a Dask cluster; unchanged files from the cache), write every dataset, log
the run. The output mirrors the run's inputs: a report whose file is not among them is not
in the datasets, and the summary says how many the previous output held that are gone."""
from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import pyarrow as pa
import pyarrow.parquet as pq

from extractors.projects import link_reports
from pipeline.cache import ExtractionCache, cache_key, file_digest
from pipeline.duplicates import identical_groups, identical_warning, mark_renditions
from pipeline.extract import Extraction, failed_extraction, report_id_of
from pipeline.inputs import Found, Input, discover
from pipeline.interrupt import Interrupts
from pipeline.options import RunOptions
from pipeline.outdir import OutputFolder
from pipeline.progress import make_progress
from pipeline.runlog import append_runs, outcome_to_record
from pipeline.tasks import DEFAULT_WORK, Outcome, Runner, Task, WorkFn, unreadable_outcome
from pipeline.writer import write_datasets
from schemas.datasets import DATASETS


class Interrupted(Exception):
    """The run was stopped (Ctrl-C); ``kept`` documents extracted before are in the cache."""

    def __init__(self, kept: int) -> None:
        super().__init__(f"interrupted after {kept} documents")
        self.kept = kept


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
    identical: int = 0  # files with the same bytes as another (one report for both)
    renditions: int = 0  # reports marked duplicate_of another
    skipped: Counter[str] = field(default_factory=Counter)  # files a walk passed over, by suffix
    dropped: list[str] = field(default_factory=list)  # previous reports whose files are gone
    notes: list[str] = field(default_factory=list)  # what went wrong across reports

    def lines(self) -> list[str]:
        out = [f"reports read: {self.reports - len(self.failed)} of {self.reports}"
               f" ({self.partial} partial, {len(self.failed)} failed)",
               "rows: " + ", ".join(f"{k} {v}" for k, v in self.rows.items()),
               f"warnings: {self.warnings}"]
        out += [f"failed: {name}: {why}" for name, why in self.failed]
        if self.identical:
            out.append(f"duplicates: {self.identical} files have the same bytes as another;"
                       " each is one report, whose warnings list the other paths")
        if self.renditions:
            out.append(f"renditions: {self.renditions} reports read the same as another file"
                       " (reports.duplicate_of is set on them)")
        if self.skipped:
            kinds = ", ".join(f"{suffix} {n}" for suffix, n in sorted(self.skipped.items()))
            out.append(f"skipped: {sum(self.skipped.values())} files that are not reports by their name ({kinds})")
        if self.dropped:
            shown = ", ".join(self.dropped[:3]) + (", ..." if len(self.dropped) > 3 else "")
            out.append(f"dropped: {len(self.dropped)} reports of the previous output, whose files are not"
                       f" among this run's inputs ({shown}); the output mirrors the inputs of the last run")
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


@dataclass
class Plan:
    """What a run has to do: ``tasks`` to extract; ``done``, outcomes known without extracting
    (cache hits, unreadable files); ``keys``, the cache key of every file hashed;
    ``identical``, for a file whose bytes are found at other paths too, those paths."""

    tasks: list[Task] = field(default_factory=list)
    done: dict[int, Outcome] = field(default_factory=dict)
    keys: dict[int, str] = field(default_factory=dict)
    identical: dict[int, list[str]] = field(default_factory=dict)


def hash_inputs(inputs: Sequence[Input]) -> tuple[dict[int, tuple[str, int]], dict[int, Outcome]]:
    """(digest, size) of every readable input by index, and the failed outcome of the others."""
    hashed: dict[int, tuple[str, int]] = {}
    failed: dict[int, Outcome] = {}
    for index, item in enumerate(inputs):
        task = Task(index, item.source_file, item.path)
        if item.problem is not None:
            failed[index] = Outcome(index, failed_extraction(report_id_of(b""), item.source_file, "unknown",
                                                             [item.problem]), 0.0)
            continue
        try:
            with item.path.open("rb") as fh:
                hashed[index] = (file_digest(fh), os.fstat(fh.fileno()).st_size)
        except OSError as exc:
            failed[index] = unreadable_outcome(task, exc)
    return hashed, failed


def plan(inputs: Sequence[Input], cache: ExtractionCache, options: RunOptions) -> Plan:
    """Hash every file; each distinct content is one task (named after its first path), and
    those whose extraction is cached (not ``force``, not a failure with ``retry_failed``)
    are done."""
    todo = Plan()
    hashed, todo.done = hash_inputs(inputs)
    others = identical_groups((inputs[i].source_file, digest) for i, (digest, _) in hashed.items())
    dropped = {name for names in others.values() for name in names}
    sizes: dict[int, int] = {}
    for index, (digest, size) in hashed.items():
        item = inputs[index]
        if item.source_file in dropped:
            continue
        todo.identical[index] = others.get(item.source_file, [])
        key = todo.keys[index] = cache_key(digest, item.path)
        hit = None if options.force else cache.get(key, item.source_file, options.retry_failed)
        if hit is not None:
            todo.done[index] = Outcome(index, hit, 0.0, cached=True)
        else:
            todo.tasks.append(Task(index, item.source_file, item.path, digest[:16]))
            sizes[index] = size
    # Largest first: a long document started last would leave the other workers idle at
    # the end. Results are put back in discover() order before anything is written.
    todo.tasks.sort(key=lambda t: -sizes[t.index])
    return todo


def make_runner(options: RunOptions, work: WorkFn) -> Runner:
    """A Dask client (connected now: an unreachable scheduler stops the run before any
    work), a pool of worker processes, or (``workers=0``) this process."""
    from pipeline.workers import InlineRunner, TimeLimit, WorkerPool

    if options.scheduler:
        from pipeline.dask_runner import DaskRunner

        return DaskRunner(options.scheduler, options.timeout, work)
    if options.workers == 0:
        return InlineRunner(work)
    limit = TimeLimit(options.timeout, options.timeout_per_page)
    return WorkerPool(options.workers, limit, options.memory_limit, work)


def pages_of(extraction: Extraction) -> int:
    return int(extraction.report.get("page_count") or 0)


def extract_all(todo: Plan, total: int, options: RunOptions, cache: ExtractionCache,
                runner: Runner) -> dict[int, Outcome]:
    """Every document's outcome by index; each fresh extraction is cached as soon as it
    arrives, so a run killed or interrupted half-way keeps what it had done."""
    outcomes = dict(todo.done)
    progress = make_progress(options.progress)
    cached = [o for o in outcomes.values() if o.cached]
    progress.start(total, len(cached), sum(pages_of(o.extraction) for o in cached))
    for _ in range(len(outcomes) - len(cached)):  # files found unreadable while planning
        progress.advance(0)
    fresh = 0
    try:
        with Interrupts() as ctrl_c:
            for outcome in runner.run(todo.tasks):
                ctrl_c.check()
                outcomes[outcome.index] = outcome
                key = todo.keys.get(outcome.index)
                # a file changed since it was hashed extracts to another id: not cached under this key
                if outcome.cacheable and key and outcome.extraction.report.get("report_id") == key[:16]:
                    cache.put(key, outcome.extraction)
                    fresh += 1
                progress.advance(pages_of(outcome.extraction))
            ctrl_c.check()
    except KeyboardInterrupt:
        raise Interrupted(fresh) from None
    finally:
        runner.close()
        progress.close()
    return outcomes


def finish(outcomes: dict[int, Outcome], todo: Plan) -> list[Outcome]:
    """The outcomes in input order, each report listing the paths of its identical files,
    renditions marked."""
    ordered = [outcomes[i] for i in sorted(outcomes)]
    for outcome in ordered:
        outcome.extraction.add_warnings([identical_warning(o) for o in todo.identical.get(outcome.index, [])])
    mark_renditions([o.extraction for o in ordered])
    return ordered


def previous_reports(out_dir: Path) -> list[tuple[str, str]]:
    """(source_file, report_id) of every report the output folder holds now."""
    try:
        table = pq.read_table(out_dir / "reports.parquet", columns=["source_file", "report_id"])
    except (OSError, pa.ArrowException):
        return []
    return list(zip(table["source_file"].to_pylist(), table["report_id"].to_pylist()))


def dropped_reports(previous: list[tuple[str, str]], reports: list[dict[str, Any]]) -> list[str]:
    """Files of the previous output that this run's output no longer holds: neither their
    name nor their content is among the inputs (a changed file is replaced, not dropped)."""
    names = {r["source_file"] for r in reports}
    ids = {r["report_id"] for r in reports}
    return sorted(name for name, rid in previous if name not in names and rid not in ids)


def jixiao_version() -> str:
    try:
        return importlib.metadata.version("jixiao")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def run(paths: Sequence[Path], out_dir: Path, options: RunOptions | None = None, *,
        work: WorkFn = DEFAULT_WORK, found: Found | None = None) -> RunSummary:
    """Extract every report under ``paths`` and write the datasets to ``out_dir``; ``work``
    replaces the per-document extraction (tests). Raises OutputError, OutputBusy,
    SchedulerUnreachable, WorkerStartError before any dataset is touched, and Interrupted."""
    options = options or RunOptions()
    started_at, started = dt.datetime.now(dt.timezone.utc), time.monotonic()
    found = found or discover(paths, exclude=out_dir)
    if found.missing:
        raise FileNotFoundError(f"no such file or folder: {', '.join(map(str, found.missing))}")
    with OutputFolder(out_dir):
        runner = make_runner(options, work)
        try:
            cache = ExtractionCache(out_dir)
            todo = plan(found.inputs, cache, options)
        except BaseException as exc:
            runner.close()
            if isinstance(exc, KeyboardInterrupt):
                raise Interrupted(0) from None
            raise
        outcomes = finish(extract_all(todo, len(todo.done) + len(todo.tasks), options, cache, runner), todo)
        rows, summary = collect([o.extraction for o in outcomes])
        rows.update(link_across_reports(rows, summary))
        summary.dropped = dropped_reports(previous_reports(out_dir), rows["reports"])
        summary.rows = write_datasets(out_dir, rows)
        append_runs(out_dir, [outcome_to_record(o) for o in outcomes], started_at, jixiao_version())
        cache.prune(set(todo.keys.values()))
    summary.cached = sum(o.cached for o in outcomes)
    summary.extracted = len(outcomes) - summary.cached
    summary.pages = sum(pages_of(o.extraction) for o in outcomes)
    summary.identical = sum(len(v) for v in todo.identical.values())
    summary.renditions = sum(1 for o in outcomes if o.extraction.report.get("duplicate_of"))
    summary.skipped = found.skipped
    summary.seconds = time.monotonic() - started
    return summary
