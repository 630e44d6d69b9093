"""Findings of the sample reports (the four seeds of ../shared/seeds are copied in data/raw,
as text and as PDF): every problem and recommendation item, split as the report numbers it."""
from __future__ import annotations

import pandas as pd
import pytest

from tests.golden.conftest import report_rows

# (stem, problems, recommendations): counted by reading the reports' 存在问题 and 建议 sections.
EXPECTED_COUNTS = [("000_", 2, 2), ("002_", 3, 3), ("003_", 2, 2), ("004_", 1, 4)]


@pytest.mark.parametrize("fmt", ["text", "pdf"])
@pytest.mark.parametrize("stem, problems, recommendations", EXPECTED_COUNTS)
def test_every_problem_and_recommendation_is_one_row(datasets, stem, fmt, problems, recommendations):
    rows = report_rows(datasets, "findings", stem, fmt)
    assert (rows.kind == "problem").sum() == problems
    assert (rows.kind == "recommendation").sum() == recommendations
    assert list(rows.seq) == list(range(len(rows)))


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_inline_enumeration_is_split_and_its_lead_in_dropped(datasets, fmt):
    rows = report_rows(datasets, "findings", "002_", fmt)
    problems = rows[rows.kind == "problem"]
    assert list(problems.number) == ["一是", "二是", "三是"]
    assert list(problems.text) == ["绩效指标设置的合理性有待进一步加强", "部门预算资金支出进度有待进一步提高",
                                   "采购合同备案时效性有待进一步提升。"]
    assert "资金支出进度" in problems.keywords.iloc[1]  # a domain term kept whole
    assert not rows.text.str.contains("仍存在以下问题").any()


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_sub_headings_are_items_and_a_nested_enumeration_stays_inside(datasets, fmt):
    rows = report_rows(datasets, "findings", "000_", fmt)
    recs = rows[rows.kind == "recommendation"]
    assert list(recs.heading) == ["延伸跟踪管理链条，进一步保障宣传推介工作成效", "挖掘平台、基地成果转化作用，推动资源转化落地"]
    assert "一是建议梳理科创中国平台" in recs.text.iloc[1] and "二是加强与成果转化基地的联系" in recs.text.iloc[1]
    problems = rows[rows.kind == "problem"]
    assert problems.heading.iloc[0] == "跟踪反馈链条延伸不足，宣传推介效果尚有提升空间"
    assert set(rows.section) >= {"存在问题或不足", "相关建议", "项目主要绩效或经验做法"}
    if fmt == "pdf":
        assert list(recs.page) == [19, 19]


def test_an_unnumbered_problem_is_one_item(datasets):
    rows = report_rows(datasets, "findings", "004_", "text")
    problem = rows[rows.kind == "problem"].iloc[0]
    assert pd.isna(problem.number) and problem.text.startswith("全国高新区企业创新积分评价工作于2021年正式开展")
    assert (rows.kind == "experience").sum() == 3
