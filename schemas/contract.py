"""The data contract as text, from the declaration in ``schemas.datasets`` (or from the metadata
of a written Parquet file, which carries the same descriptions): the markdown of
docs/data-contract.md and what `jixiao schema` prints.

Regenerate the file after changing a declaration: ``jixiao schema --markdown > docs/data-contract.md``.
"""
from __future__ import annotations

import json

import pyarrow as pa

from schemas.datasets import (DECLARED, FIELD_DESCRIPTION, FIELD_VALUES, META_DATASET, META_ROW,
                              META_VERSION, Dataset)

CONTRACT_FILE = "docs/data-contract.md"

PREAMBLE = """\
# Data contract

<!-- Generated from schemas/datasets.py by `jixiao schema --markdown`; do not edit by hand.
     tests/unit/test_contract.py fails when this file and the declaration disagree. -->

`jixiao extract` reads every report under its input paths and writes one Parquet file per
dataset into the output folder (`--out`, default `data/parquet/`). The files are the product:
their names, columns and types below are a public interface. Columns are added freely; a
column is never renamed or dropped without raising its dataset's schema version.

Every file describes itself: each field's Arrow metadata holds its `description` (and, for a
closed vocabulary, its allowed `values` as JSON), and the file's schema metadata holds
`jixiao.dataset`, `jixiao.schema_version` and `jixiao.one_row_per`. `jixiao schema [DATASET]`
prints them.

Conventions for every dataset:

- `report_id` (string): the first 16 hex characters of the SHA-256 of the source file's bytes.
  It joins every dataset to `reports`. Extracting the same file twice gives the same id;
  editing the file gives a new one.
- Strings are cleaned of extraction artefacts (spaces between CJK characters, line breaks inside
  a cell or heading, trailing `。`/`，` on names and headings) and otherwise keep the report's own
  characters. Full-width and half-width forms compare equal (NFKC). Enumerators (`①`, `（1）`,
  `1.`, `一、`) are not part of a name; they go in their own column where there is one.
- Money is a float in 万元 whatever unit the report used (`56.83亿元` -> 568300.0,
  `8,971.00元` -> 0.8971). Percentages are floats in percent (`99.60%` -> 99.6).
- A value the report does not state is null, never 0 and never a guess.
- An empty result still writes its file, with the full schema.
- Rows are sorted (by the keys named under each dataset) and ids come from content hashes,
  so the same inputs give byte-identical files.
- `findings` comes from each report alone; `projects` and `departments` link reports across
  years and spellings and are rebuilt from every report in the folder on each run.
"""


def _meta(schema: pa.Schema, key: bytes) -> str:
    value = (schema.metadata or {}).get(key)
    return value.decode() if value else ""


def field_description(f: pa.Field) -> str:
    return ((f.metadata or {}).get(FIELD_DESCRIPTION) or b"").decode()


def field_values(f: pa.Field) -> dict[str, str]:
    raw = (f.metadata or {}).get(FIELD_VALUES)
    return dict(json.loads(raw)) if raw else {}


def _type(t: pa.DataType) -> str:
    """`list<item: string>` (or `list<element: …>` read back from Parquet) -> `list<string>`."""
    if pa.types.is_list(t):
        return f"list<{_type(t.value_type)}>"
    return str(t).replace("timestamp[ms, tz=UTC]", "timestamp (UTC)")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def dataset_markdown(ds: Dataset) -> str:
    """One dataset's section of the contract: a table of its columns."""
    lines = [f"## {ds.name}.parquet: one row per {ds.row}", "",
             f"Schema version {ds.version}; rows sorted by {', '.join(ds.sort_keys)}.", ""]
    if ds.notes:
        lines += [ds.notes, ""]
    lines += ["| column | type | meaning |", "|---|---|---|"]
    for c in ds.columns:
        meaning = c.description
        if c.values:
            meaning += "; one of: " + ", ".join(f"`{v}` ({m})" for v, m in c.values.items())
        lines.append(f"| {c.name} | {_type(c.type)} | {_cell(meaning)} |")
    return "\n".join(lines) + "\n"


def contract_markdown() -> str:
    """The whole data contract, every declared dataset in order."""
    return PREAMBLE + "".join("\n" + dataset_markdown(ds) for ds in DECLARED.values())


def schema_text(schema: pa.Schema, source: str) -> str:
    """What `jixiao schema DATASET` prints for a schema read from a file (or declared): its
    name, version, row, and one line per column with type, meaning and allowed values."""
    name, version = _meta(schema, META_DATASET) or "?", _meta(schema, META_VERSION) or "?"
    lines = [f"{name} (schema version {version}, {source}): one row per {_meta(schema, META_ROW) or '?'}"]
    width = max((len(f.name) for f in schema), default=0)
    type_width = max((len(_type(f.type)) for f in schema), default=0)
    for f in schema:
        lines.append(f"  {f.name:<{width}}  {_type(f.type):<{type_width}}  {field_description(f)}")
        for value, meaning in field_values(f).items():
            lines.append(f"  {'':<{width}}  {'':<{type_width}}    {value}: {meaning}")
    return "\n".join(lines)
