"""Every extracted row of the sample reports against readable expected files, one per report
and dataset (tests/golden/expected/<stem>.<format>/<dataset>.jsonl, sorted, diff-friendly).

After a deliberate change, regenerate with `JIXIAO_REGENERATE=1 .venv/bin/pytest tests/golden`
and review the diff; CI refuses to regenerate.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.golden.conftest import report_rows

EXPECTED = Path(__file__).parent / "expected"
REGENERATE = os.environ.get("JIXIAO_REGENERATE") == "1"
# Columns compared per dataset: ids and long texts are left to the focused tests.
COLUMNS = {
    "reports": ["title", "report_kind", "fiscal_year", "department", "project_name", "evaluator",
                "total_score", "grade", "budget_initial_wan", "budget_final_wan", "expenditure_wan",
                "execution_rate", "page_count", "status", "warnings", "duplicate_of"],
    "sections": ["seq", "level", "number", "heading", "parent_seq", "role", "page_start"],
    "scores": ["level1", "level2", "level3", "name", "is_subtotal", "max_score", "score", "score_rate",
               "source", "page"],
    "indicators": ["level1", "level2", "level3", "name", "target_text", "target_op", "target_value",
                   "target_unit", "actual_text", "actual_value", "status", "page"],
    "findings": ["kind", "seq", "number", "heading", "section", "page", "keywords"],
    "warnings": ["stage", "code", "page", "message"],
}
CASES = [(stem, fmt) for fmt in ("text", "pdf") for stem in ("000_", "002_", "003_", "004_")] + [("yongde", "pdf"), ("yongde", "text"), ("yongde", "docx"), ("yongde", "xlsx"), ("yongde", "html")]


def _lines(extracted: Path, dataset: str, report_id: str) -> list[str]:
    """The report's rows as JSON lines, read through Arrow so types stay as written."""
    rows = pq.read_table(extracted / f"{dataset}.parquet").to_pylist()
    return [json.dumps({c: row[c] for c in COLUMNS[dataset]}, ensure_ascii=False)
            for row in rows if row["report_id"] == report_id]


@pytest.mark.parametrize("stem,fmt", CASES)
@pytest.mark.parametrize("dataset", list(COLUMNS))
def test_rows_match_expected(datasets, extracted, stem, fmt, dataset):
    reports = datasets["reports"]
    if not ((reports.source_file.str.startswith(stem)) & (reports.source_format == fmt)).any():
        pytest.skip(f"no {fmt} sample for {stem}")
    report_id = report_rows(datasets, "reports", stem, fmt).report_id.iloc[0]
    got = _lines(extracted, dataset, report_id)
    path = EXPECTED / f"{stem.rstrip('_')}.{fmt}" / f"{dataset}.jsonl"
    if REGENERATE:
        if os.environ.get("CI"):
            pytest.fail("JIXIAO_REGENERATE is refused in CI: expected files are reviewed by hand")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(line + "\n" for line in got), encoding="utf-8")
    assert path.exists(), f"no expected file {path}; run with JIXIAO_REGENERATE=1 and review it"
    expected = path.read_text(encoding="utf-8").splitlines()
    assert got == expected
