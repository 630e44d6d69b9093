"""The sample 自评表 as the other formats forms are published in (data/raw: .docx, .xlsx and a
GBK web page, written by data/make_forms.py from its text) gives what its PDF gives; the shared
reports typeset in Word (../shared/corpus/docx) score as they do from PDF."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline.batch import run
from pipeline.options import RunOptions
from tests.golden.conftest import SHARED, report_rows

FORM = "yongde"
REPORT_FIELDS = ["title", "report_kind", "fiscal_year", "department", "project_name", "evaluator",
                 "total_score", "grade", "budget_initial_wan", "budget_final_wan", "expenditure_wan",
                 "execution_rate"]


def rows_of(datasets: dict[str, pd.DataFrame], name: str, fmt: str) -> list[list[str]]:
    rows = report_rows(datasets, name, FORM, fmt).drop(columns=["report_id", "page"])
    return rows.astype(str).values.tolist()


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "html"])
def test_the_form_in_each_format_gives_what_its_pdf_gives(datasets, fmt):
    pdf = report_rows(datasets, "reports", FORM, "pdf").iloc[0]
    other = report_rows(datasets, "reports", FORM, fmt).iloc[0]
    assert other.status == "ok" and pd.isna(other.page_count)
    # the same things noticed (the evidence quoted differs: a PDF line reads `部门：…公开14表`),
    # besides which rendition of the form each is (the .docx sorts first: the others are its renditions)
    def noticed(warnings):
        return [w.split(":")[0] for w in warnings if not w.startswith("rendition of")]
    assert noticed(other.warnings) == noticed(pdf.warnings)
    assert [str(other[f]) for f in REPORT_FIELDS] == [str(pdf[f]) for f in REPORT_FIELDS]
    assert (other.total_score, other.expenditure_wan) == (96.0, pytest.approx(38.766462))
    for name in ("indicators", "scores"):
        assert rows_of(datasets, name, fmt) == rows_of(datasets, name, "pdf"), name


@pytest.mark.skipif(not (SHARED / "corpus" / "docx").is_dir(), reason="needs ../shared/corpus/docx")
def test_the_shared_reports_from_word_score_as_from_pdf(tmp_path: Path):
    out = tmp_path / "docx"
    run([SHARED / "corpus" / "docx"], out, RunOptions(progress="off"))
    floors = ["--min-fields", "1.0", "--min-sections", "0.97", "--min-scores", "0.97", "--min-indicators", "0.97"]
    for gold in ("gold", "gold-forms"):
        result = subprocess.run(
            [sys.executable, str(SHARED / "tools" / "score.py"), "--parquet", str(out),
             "--gold", str(SHARED / gold), "--format", "docx", "--only-present", *floors],
            capture_output=True, text=True)
        assert result.returncode == 0, result.stdout
