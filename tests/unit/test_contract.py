"""The one schema declaration: the contract file, the Parquet metadata and `jixiao schema`
all say what schemas/datasets.py says."""
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.writer import write_datasets
from schemas.contract import CONTRACT_FILE, contract_markdown, field_description, field_values
from schemas.datasets import DECLARED, Column, Dataset

REPO = Path(__file__).resolve().parents[2]


def test_the_contract_file_is_generated_from_the_declaration():
    written = (REPO / CONTRACT_FILE).read_text(encoding="utf-8")
    assert written == contract_markdown(), (
        f"{CONTRACT_FILE} is out of date: run `jixiao schema --markdown > {CONTRACT_FILE}`")


def test_every_column_of_every_dataset_has_a_meaning_in_the_contract():
    text = (REPO / CONTRACT_FILE).read_text(encoding="utf-8")
    for ds in DECLARED.values():
        assert f"## {ds.name}.parquet" in text
        for column in ds.columns:
            assert len(column.description) >= 4, (ds.name, column.name)
            assert f"| {column.name} |" in text


@pytest.mark.parametrize("dataset, column, value", [
    ("reports", "report_kind", "department_self_evaluation"), ("reports", "status", "partial"),
    ("reports", "grade", "良"), ("sections", "role", "recommendations"), ("runs", "status", "failed"),
    ("findings", "kind", "problem"),
])
def test_closed_vocabularies_list_their_allowed_values(dataset, column, value):
    assert value in (DECLARED[dataset].column(column).values or {})


def test_written_files_describe_themselves(tmp_path):
    write_datasets(tmp_path, {"reports": [{"report_id": "a", "source_file": "a.txt", "status": "ok"}]})
    schema = pq.read_schema(tmp_path / "reports.parquet")
    assert schema.metadata[b"jixiao.dataset"] == b"reports"
    assert schema.metadata[b"jixiao.schema_version"] == str(DECLARED["reports"].version).encode()
    assert "SHA-256" in field_description(schema.field("report_id"))
    assert field_values(schema.field("grade"))["优"].startswith("优")
    empty = pq.read_schema(tmp_path / "findings.parquet")
    assert "TF-IDF" in field_description(empty.field("keywords"))


def test_a_declaration_mistake_fails_when_the_module_loads():
    with pytest.raises(ValueError, match="declared twice"):
        Dataset("x", "thing", 1, (Column("a", pa.string(), "one"), Column("a", pa.string(), "two")), ("a",))
    with pytest.raises(ValueError, match="sort keys"):
        Dataset("x", "thing", 1, (Column("a", pa.string(), "one"),), ("b",))
