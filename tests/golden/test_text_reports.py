"""Values an analyst would check, on the four sample reports as plain text (tests/fixtures/text/*.txt)."""
import subprocess
import sys

import pandas as pd
import pytest

from tests.golden.conftest import SHARED, report_rows

FMT = "text"


def one(df, **where):
    for key, value in where.items():
        df = df[df[key] == value]
    assert len(df) == 1, f"expected one row for {where}, got {len(df)}"
    return df.iloc[0]


def test_project_evaluation_000(datasets):
    r = one(report_rows(datasets, "reports", "000_", FMT))
    assert (r.fiscal_year, r.department, r.total_score, r.grade) == (2023, "广州市科学技术协会", 91.48, "优")
    assert (r.budget_initial_wan, r.expenditure_wan, r.execution_rate) == (1937.0, 1930.75, 99.6)
    assert r.evaluator.endswith("咨询有限公司") and r.report_kind == "project_evaluation"
    scores = report_rows(datasets, "scores", "000_", FMT)
    item = one(scores, name="制度完整性")
    assert (item.level1, item.level2, item.max_score, item.score, item.score_rate) == ("决策", "保障措施", 1.0, 0.5, 50.0)
    decision = one(scores, name="决策")
    assert decision.is_subtotal and (decision.max_score, decision.score) == (20.0, 17.5)
    target = one(report_rows(datasets, "indicators", "000_", FMT), name="促进技术成果转化交易金额")
    assert (target.target_op, target.target_value, target.target_unit) == (">=", 1_300_000.0, "万元")


def test_department_self_evaluation_002(datasets):
    r = one(report_rows(datasets, "reports", "002_", FMT))
    assert (r.total_score, r.budget_final_wan, r.expenditure_wan, r.execution_rate) == (95.82, 59201.89, 58526.63, 98.86)
    assert pd.isna(r.project_name) and r.report_kind == "department_self_evaluation"
    scores = report_rows(datasets, "scores", "002_", FMT)
    slid = one(scores, name="采购意向公开时限")  # a row whose cells slid left in extraction
    assert (slid.level1, slid.level2, slid.max_score, slid.score) == ("管理效率", "采购管理", 1.5, 1.5)
    assert len(scores[scores.name == "新增预算项目事前绩效评估"]) == 1  # printed in two tables
    target = one(report_rows(datasets, "indicators", "002_", FMT), name="科普工作直接和间接受科普传播总人数")
    assert (target.target_op, target.target_value, target.target_unit) == (">=", 15_000_000.0, "人次")


def test_department_self_evaluation_003(datasets):
    r = one(report_rows(datasets, "reports", "003_", FMT))
    assert (r.fiscal_year, r.total_score) == (2021, 94.622) and pd.isna(r.grade)
    assert (r.budget_final_wan, r.expenditure_wan, r.execution_rate) == (568300.0, 511500.0, 99.66)
    assert any("execution_rate" in w for w in r.warnings)  # 51.15/56.83 is not the stated 99.66%
    scores = report_rows(datasets, "scores", "003_", FMT)
    group = one(scores, name="管理效能")  # the merged 合计 cell of a flattened table
    assert group.is_subtotal and group.score == 42.122
    assert one(scores, name="资金管理").score == 13.932


def test_project_evaluation_004(datasets):
    r = one(report_rows(datasets, "reports", "004_", FMT))
    assert (r.project_name, r.total_score, r.budget_initial_wan, r.execution_rate) == (
        "2022年广州高新区企业创新积分制工作服务", 100.0, 21.0, 100.0)
    indicators = report_rows(datasets, "indicators", "004_", FMT)
    credit = one(indicators, name="创新积分产品批复授信额度总额")
    assert (credit.target_op, credit.target_value, credit.actual_value, credit.status) == (">=", 10000.0, 11000.0, "已完成")
    assert pd.isna(one(indicators, name="资金支出率").target_value)  # a scoring rule, not a target


def test_sections_of_every_report_start_with_level_one(datasets):
    for stem in ("000_", "002_", "003_", "004_"):
        sections = report_rows(datasets, "sections", stem, FMT)
        assert sections.iloc[0].level == 1 and sections.iloc[0].number == "一"
        assert sections.parent_seq.isna().sum() == (sections.level == 1).sum()


@pytest.mark.skipif(not (SHARED / "tools" / "score.py").exists(), reason="needs ../shared")
@pytest.mark.parametrize("gold,fmt,floors", [
    ("gold", "text", ["--min-fields", "1.0", "--min-sections", "0.98", "--min-scores", "0.95",
                      "--min-indicators", "0.93"]),
    ("gold", "pdf", ["--min-fields", "1.0", "--min-sections", "0.98", "--min-scores", "0.97",
                     "--min-indicators", "0.97"]),
    ("gold-forms", "pdf", ["--min-f1", "0.95"]),
    ("gold-forms", "text", ["--min-f1", "0.95"]),
])
def test_scorer_figures_do_not_fall(extracted, gold, fmt, floors):
    """The shared scorer's floors (the issues' figures) on the sample reports."""
    result = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "score.py"), "--parquet", str(extracted),
         "--gold", str(SHARED / gold), "--format", fmt, "--only-present", *floors],
        capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_pdf_page_numbers_on_every_dataset(datasets):
    """Pages read off the PDFs with pdftotext -f N -l N."""
    sections = report_rows(datasets, "sections", "000_", "pdf")
    assert one(sections, number="二", level=1).page_start == 5
    scores = report_rows(datasets, "scores", "000_", "pdf")
    assert one(scores, name="决策").page == 6  # 表2 on page 6
    assert one(scores, name="制度完整性").page == 8  # prose item on page 8
    indicators = report_rows(datasets, "indicators", "004_", "pdf")
    assert one(indicators, name="宣传活动举办场次").page == 6
    assert one(indicators, name="服务对象满意度（%）".replace("（%）", "(%)")).page == 7  # after the page break
    tables = report_rows(datasets, "tables", "004_", "pdf")
    assert set(tables[tables.text == "已完成"].page) == {6, 7}
    pdf = one(report_rows(datasets, "reports", "000_", "pdf"))
    assert (pdf.page_count, pdf.source_format) == (19, "pdf")
