"""`jixiao schema [DATASET]`: the columns of each dataset and what they mean, read from the
files' own metadata when the datasets folder holds them, else from the declaration."""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.errors import CommandError
from schemas.contract import contract_markdown, schema_text
from schemas.datasets import DECLARED, META_DATASET


def schema_of(out: Path, name: str) -> tuple[pa.Schema, str]:
    """The dataset's schema and where it was read: the file in ``out``, else the declaration."""
    path = out / f"{name}.parquet"
    if path.is_file():
        try:
            schema = pq.read_schema(path)
        except (OSError, pa.ArrowException) as exc:
            raise CommandError(f"cannot read {path}: {exc} (extract again to rewrite it)") from None
        if META_DATASET in (schema.metadata or {}):
            return schema, f"read from {path}"
        return DECLARED[name].schema, f"as declared; {path} was written without descriptions, extract again"
    return DECLARED[name].schema, "as declared; no file yet"


def schema_command(out: Path, dataset: str | None, markdown: bool) -> int:
    """Print one dataset's schema, every dataset's, or the contract as markdown."""
    if markdown:
        print(contract_markdown(), end="")
        return 0
    if out.exists() and not out.is_dir():
        raise CommandError(f"{out} is a file, not a folder: name a datasets folder with --out DIR")
    if dataset is not None and dataset not in DECLARED:
        raise CommandError(f"unknown dataset {dataset!r}; the datasets are: {', '.join(DECLARED)}")
    names = [dataset] if dataset else list(DECLARED)
    print("\n\n".join(schema_text(*schema_of(out, name)) for name in names))
    return 0
