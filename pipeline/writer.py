"""Write datasets: validated against their schemas, rows in a fixed order, each file written
to a temporary name and renamed into place so a killed run never leaves a broken file."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, Iterable, Mapping

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from schemas.datasets import DATASETS, SORT_KEYS, validate

# Temporary files are named `.<name>.<random>.tmp`: hidden, and told apart by this ending.
TMP_SUFFIX = ".tmp"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


UMASK = _umask()


def sort_rows(dataset: str, table: pa.Table) -> pa.Table:
    """Rows in the dataset's fixed order (stable: document order within a report is kept)."""
    if table.num_rows == 0:
        return table
    keys = [(k, "ascending") for k in SORT_KEYS[dataset]]
    return table.take(pc.sort_indices(table, sort_keys=keys))


def stage(table: pa.Table, path: Path) -> Path:
    """Write a Parquet file to a temporary name beside ``path`` and fsync it; returns that name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
    os.close(fd)
    try:
        os.chmod(tmp, 0o666 & ~UMASK)  # mkstemp makes 0600; a dataset gets a normal file's mode
        pq.write_table(table, tmp, compression="zstd", write_statistics=True)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def commit(staged: Iterable[tuple[Path, Path]]) -> None:
    """Rename staged files into place (each rename is atomic), then fsync their folders so
    the renames survive a crash."""
    folders = set()
    for tmp, path in staged:
        os.replace(tmp, path)
        folders.add(path.parent)
    for folder in folders:
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic(table: pa.Table, path: Path) -> None:
    """Write a Parquet file next to its final name, fsync it, then rename it into place."""
    commit([(stage(table, path), path)])


def write_datasets(out_dir: Path, rows: Mapping[str, Iterable[Mapping[str, Any]]]) -> dict[str, int]:
    """Every dataset to ``out_dir/<name>.parquet`` (an empty one still gets its file);
    returns the row count of each. All are validated and written to temporary files first,
    then renamed into place one after another, so a run killed at any moment leaves every
    file complete: the previous one or the new one."""
    tables = {name: sort_rows(name, validate(name, rows.get(name, []))) for name in DATASETS}
    staged: list[tuple[Path, Path]] = []
    try:
        for name, table in tables.items():
            path = out_dir / f"{name}.parquet"
            staged.append((stage(table, path), path))
        commit(staged)
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    return {name: table.num_rows for name, table in tables.items()}
