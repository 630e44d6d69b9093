"""The bad-input corpus (tests/bad_inputs) in one batch with good reports: every bad file
ends as a reports row with its reason, and the good ones are extracted as if alone."""
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.batch import run
from pipeline.options import RunOptions
from tests.bad_inputs import REPORT, build, chinese_pdf

REPO = Path(__file__).resolve().parents[2]
GOOD = sorted((REPO / "tests" / "fixtures" / "text").glob("*.txt"))
# Long enough for every good document on a loaded 2-core machine; the 20 MB single line
# may be stopped by it (a reader that takes longer is what the time limit is for).
TIMEOUT = 5.0
DATASETS_WITH_ROWS = ("sections", "scores", "indicators", "tables")


def rows_by_report(out: Path, dataset: str) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for row in pq.read_table(out / f"{dataset}.parquet").to_pylist():
        grouped.setdefault(row["report_id"], []).append(row)
    return grouped


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """(mixed batch output, good-only output, expectations per bad file)."""
    root = tmp_path_factory.mktemp("bad")
    good = root / "good"
    good.mkdir()
    for sample in GOOD:
        shutil.copy(sample, good / sample.name)
    (good / "report.pdf").write_bytes(chinese_pdf())
    mixed = root / "mixed"
    shutil.copytree(good, mixed / "good")
    expected = build(mixed / "bad")
    options = RunOptions(workers=2, timeout=TIMEOUT, progress="off")
    run([mixed], root / "out-mixed", options)
    run([good], root / "out-good", options)
    return root / "out-mixed", root / "out-good", expected


def test_every_bad_input_is_a_reports_row_with_its_code_and_status(batch):
    out, _, expected = batch
    reports = {r["source_file"]: r for r in pq.read_table(out / "reports.parquet").to_pylist()}
    codes = {}
    for row in pq.read_table(out / "warnings.parquet").to_pylist():
        codes.setdefault(row["report_id"], []).append(row["code"])
    for name, bad in expected.items():
        if bad.status is None:  # a copy: no row of its own, named in the first one's warnings
            assert f"bad/{name}" not in reports
            assert any(f"bad/{name} has the same bytes" in w for r in reports.values() for w in r["warnings"]), name
            continue
        row = reports[f"bad/{name}"]
        found = codes.get(row["report_id"], [])
        if bad.may_time_out and row["status"] == "failed":
            assert found == ["timeout"], (name, found)
            continue
        assert bad.code in found, (name, found, row["warnings"])
        assert row["status"] == bad.status, (name, row["status"], row["warnings"])
        assert row["warnings"] and all(row["warnings"]), name  # every code comes with its message


def test_other_encodings_are_read_with_their_values(batch):
    out, _, _ = batch
    reports = {r["source_file"]: r for r in pq.read_table(out / "reports.parquet").to_pylist()}
    for name in ("bad/gb18030.txt", "bad/utf16-bom.txt"):
        row = reports[name]
        assert (row["status"], row["total_score"], row["grade"], row["budget_final_wan"]) == ("ok", 95.0, "优", 21.0)
    assert reports["bad/huge-page.pdf"]["page_count"] == 1


def test_good_documents_in_a_bad_batch_are_extracted_as_if_alone(batch):
    mixed, alone, _ = batch
    mixed_reports = {r["source_file"]: r for r in pq.read_table(mixed / "reports.parquet").to_pylist()}
    alone_reports = pq.read_table(alone / "reports.parquet").to_pylist()
    assert len(alone_reports) == len(GOOD) + 1
    for report in alone_reports:
        assert report["status"] == "ok"
        in_mixed = dict(mixed_reports[f"good/{report['source_file']}"], duplicate_of=None)
        # the mixed batch holds other renditions of the PDF's report (its text in other encodings)
        in_mixed["warnings"] = [w for w in in_mixed["warnings"] if not w.startswith("rendition of")]
        assert in_mixed == dict(report, source_file=f"good/{report['source_file']}")
    for dataset in DATASETS_WITH_ROWS:
        in_mixed, by_itself = rows_by_report(mixed, dataset), rows_by_report(alone, dataset)
        for report in alone_reports:
            assert in_mixed.get(report["report_id"]) == by_itself.get(report["report_id"]), dataset


def test_the_pdf_sample_reads_its_values(batch):
    _, alone, _ = batch
    report = next(r for r in pq.read_table(alone / "reports.parquet").to_pylist() if r["source_file"] == "report.pdf")
    assert (report["total_score"], report["grade"]) == (95.0, "优")
