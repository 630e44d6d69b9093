"""The datasets folder read back (``--out DIR``): which dataset files it holds, their schemas,
and a DuckDB connection with one view per dataset."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import CommandError

if TYPE_CHECKING:  # imported when used: `jixiao extract` reads this module before it starts workers
    import duckdb
    import pyarrow as pa

DEFAULT_OUT = Path("data/parquet")


def check_out_dir(out: Path) -> None:
    """An output folder that exists as a file is an error the person can fix."""
    if out.exists() and not out.is_dir():
        raise CommandError(f"{out} is a file, not a folder: name a datasets folder with --out DIR")


def dataset_files(out: Path) -> dict[str, Path]:
    """Dataset name -> file, for every ``<name>.parquet`` in the folder (hidden files skipped)."""
    check_out_dir(out)
    if not out.exists():
        raise CommandError(f"no datasets folder {out}: run `jixiao extract REPORTS --out {out}` first, "
                           "or name the folder with --out DIR")
    files = {p.name[: -len(".parquet")]: p for p in sorted(out.glob("*.parquet"))
             if not p.name.startswith(".")}
    if not files:
        raise CommandError(f"no datasets in {out}: run `jixiao extract REPORTS --out {out}` first")
    return files


def read_schema(out: Path, dataset: str) -> pa.Schema:
    """The schema (with its descriptions) of one dataset file in the folder."""
    import pyarrow.parquet as pq

    files = dataset_files(out)
    if dataset not in files:
        raise CommandError(f"no dataset {dataset!r} in {out}; it has: {', '.join(files)}")
    return pq.read_schema(files[dataset])


def quote_identifier(name: str) -> str:
    """`runs.old` -> `"runs.old"`: a SQL identifier, quotes doubled."""
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    """`it's` -> `'it''s'`: a SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def connect(out: Path) -> "duckdb.DuckDBPyConnection":
    """An in-memory DuckDB with one view per dataset file: `SELECT * FROM reports`."""
    import duckdb

    files = dataset_files(out)
    con = duckdb.connect(":memory:")
    for name, path in files.items():
        con.execute(f"CREATE VIEW {quote_identifier(name)} AS "
                    f"SELECT * FROM read_parquet({quote_literal(str(path.resolve()))})")
    return con
