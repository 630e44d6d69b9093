"""The run log, ``<out>/runs.parquet``: one row per document and run (status, seconds,
pages, warnings, error, whether it came from the cache). A log, so unlike the five datasets
it carries a time; each run appends its rows and rewrites the file atomically."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Sequence

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.tasks import Outcome
from pipeline.writer import write_atomic
from schemas.datasets import RUNS as RUNS_DATASET

RUNS_FILE = "runs.parquet"
OLD_RUNS_FILE = "runs.old.parquet"

RUNS = RUNS_DATASET.schema  # declared with the datasets, in schemas/datasets.py


def outcome_to_record(outcome: Outcome) -> dict[str, Any]:
    """The run-log columns of one document's outcome (run and time are added on write)."""
    report = outcome.extraction.report
    warnings = list(report.get("warnings") or [])
    return {"source_file": report["source_file"], "report_id": report["report_id"],
            "status": report["status"], "cached": outcome.cached, "seconds": round(outcome.seconds, 4),
            "cpu_seconds": None if outcome.cpu_seconds is None else round(outcome.cpu_seconds, 4),
            "pages": report.get("page_count"), "warnings": len(warnings),
            "error": "; ".join(warnings) if report["status"] == "failed" else None,
            "peak_rss_mb": None if outcome.peak_rss is None else round(outcome.peak_rss / 2**20, 1)}


def append_runs(out_dir: Path, records: Sequence[dict[str, Any]], started: dt.datetime,
                version: str) -> int:
    """Append one run's records to the log; returns the run's number."""
    path = out_dir / RUNS_FILE
    previous = None
    if path.exists():
        try:
            previous = pq.read_table(path)
        except (OSError, pa.ArrowException):  # an unreadable log is started afresh
            previous = None
    number = 1
    if previous is not None and not previous.schema.equals(RUNS):
        path.replace(out_dir / OLD_RUNS_FILE)  # a log of another layout is kept, not mixed in
        previous = None
    if previous is not None and previous.num_rows:
        number = int(pc.max(previous["run"]).as_py()) + 1
    rows = [dict(r, run=number, started_at=started, jixiao_version=version) for r in records]
    table = pa.Table.from_pylist(rows, schema=RUNS)
    if previous is not None:  # cast: a log written before the descriptions gains them
        table = pa.concat_tables([previous.cast(RUNS), table])
    write_atomic(table, path)
    return number
