"""The run end to end on tiny files: datasets written, bad inputs reported, the run goes on."""
import pyarrow.parquet as pq
import pytest

from pipeline.cli import main
from pipeline.writer import write_datasets
from schemas.datasets import DATASETS, SchemaError, validate

REPORT = ("某项目绩效评价报告\n\n一、评价项目概述\n\n项目年初预算21万元，实际支出21万元，预算支出率为100%。"
          "项目绩效评价得分95分，评定等级为“优”。\n")


@pytest.fixture
def batch(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "good.txt").write_text(REPORT, encoding="utf-8")
    (src / "gbk.txt").write_bytes(REPORT.encode("gb18030"))
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (src / "fake.pdf").write_text("这不是PDF文件，只是文字。", encoding="utf-8")
    (src / "notes.json").write_text("{}")  # not a report: a folder walk skips it
    return src


def test_run_writes_every_dataset_and_reports_bad_files(batch, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["extract", str(batch), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "reports read: 3 of 5" in printed and "failed: empty.txt" in printed
    for name, schema in DATASETS.items():
        assert pq.read_schema(out / f"{name}.parquet").equals(schema, check_metadata=False)
    reports = pq.read_table(out / "reports.parquet").to_pylist()
    by_file = {r["source_file"]: r for r in reports}
    assert set(by_file) == {"sub/good.txt", "gbk.txt", "empty.txt", "binary.txt", "fake.pdf"}
    good = by_file["sub/good.txt"]
    assert (good["status"], good["total_score"], good["grade"], good["budget_final_wan"]) == ("ok", 95.0, "优", 21.0)
    assert by_file["gbk.txt"]["total_score"] == 95.0
    assert by_file["empty.txt"]["status"] == "failed" and "empty" in by_file["empty.txt"]["warnings"][0]
    assert "binary" in by_file["binary.txt"]["warnings"][0]
    assert any("mislabelled" in w for w in by_file["fake.pdf"]["warnings"])
    assert good["report_id"] != by_file["gbk.txt"]["report_id"]


def test_nothing_readable_exits_non_zero(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["extract", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "out")]) == 1
    assert (tmp_path / "out" / "reports.parquet").exists()


def test_empty_datasets_still_get_their_file(tmp_path):
    counts = write_datasets(tmp_path, {})
    assert counts == {name: 0 for name in DATASETS}
    assert pq.read_table(tmp_path / "scores.parquet").schema.equals(DATASETS["scores"], check_metadata=False)


def test_rows_that_do_not_fit_the_schema_fail_loudly():
    with pytest.raises(SchemaError, match="not in the schema"):
        validate("scores", [{"report_id": "x", "nme": "typo"}])
    with pytest.raises(SchemaError):
        validate("reports", [{"report_id": "x", "fiscal_year": "二〇二三"}])
