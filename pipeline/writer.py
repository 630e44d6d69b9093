"""Write datasets: validated against their schemas, rows in a fixed order, each file written
to a temporary name and renamed into place so a killed run never leaves a broken file."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, Iterable, Mapping

import pyarrow as pa
import pyarrow.parquet as pq

from schemas.datasets import DATASETS, SORT_KEYS, validate


def sort_rows(dataset: str, table: pa.Table) -> pa.Table:
    """Rows in the dataset's fixed order (stable: document order within a report is kept)."""
    if table.num_rows == 0:
        return table
    keys = [(k, "ascending") for k in SORT_KEYS[dataset]]
    return table.take(pa.compute.sort_indices(table, sort_keys=keys))


def write_atomic(table: pa.Table, path: Path) -> None:
    """Write a Parquet file next to its final name, fsync it, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd", write_statistics=True)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_datasets(out_dir: Path, rows: Mapping[str, Iterable[Mapping[str, Any]]]) -> dict[str, int]:
    """Every dataset to ``out_dir/<name>.parquet`` (an empty one still gets its file);
    returns the row count of each."""
    counts = {}
    for name in DATASETS:
        table = sort_rows(name, validate(name, rows.get(name, [])))
        write_atomic(table, out_dir / f"{name}.parquet")
        counts[name] = table.num_rows
    return counts
