"""Projects across years: the normalised name, project lists inside reports, and one project
evaluated in two years by a department that spells its name two ways."""
from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from extractors.projects import (FIGURE_HEADERS, GENERIC_WORDS, MONEY_UNIT, NAME_HEADER, NOTE, QUOTES, TOTAL_NAME, YEAR_IN_NAME,
                                 link_reports, listed_projects, name_key)
from pipeline.batch import run
from pipeline.options import RunOptions

# Two self-evaluation reports of one project, worded as the genre words them; the 2021 one
# abbreviates the department (科技局), the 2022 one spells it out (科学技术局).
REPORT_2021 = """江门市科技局2021年度“科技创新券”补助项目支出绩效自评报告

一、项目基本情况
（一）项目概况
为降低中小企业研发成本，我局安排科技创新券补助资金，支持企业购买检验检测、研究开发等科技服务。
（二）项目资金情况
项目年初预算500万元，全年预算数480万元，实际支出460.8万元，预算执行率96%。
二、绩效自评结论
经自评，该项目绩效自评得分92.5分，评价等级为“优”。
三、存在的问题
一是部分企业对创新券政策知晓度不高；二是补助资金兑付周期偏长。
四、下一步改进措施
（一）加大政策宣传力度
通过线上线下多渠道宣传创新券政策，扩大政策覆盖面。
（二）优化兑付流程
简化审核材料，缩短资金拨付周期。
"""

REPORT_2022 = """江门市科学技术局2022年科技创新券补助项目绩效自评报告

一、项目概况
科技创新券补助项目由我局组织实施，2022年继续面向全市科技型中小企业发放创新券。
二、项目资金使用情况
项目年初预算600万元，全年预算数600万元，实际支出588万元，预算执行率98%。
三、自评结论
该项目绩效自评得分95分，自评等级为优。
四、存在问题
部分服务机构服务质量参差不齐。
五、改进建议
1.建立服务机构评价机制；2.加强资金监管。
"""


def test_named_patterns_match_their_examples():
    assert YEAR_IN_NAME.search("2021-2023年智慧校园").group(0) == "2021-2023年"
    assert QUOTES.search("“科技创新券”").group(0) == "“"
    assert NOTE.search("补助项目（二期）").group(0) == "（二期）"
    assert NAME_HEADER.match("项目名称") and not NAME_HEADER.match("项目")
    assert dict((k, p) for k, p in FIGURE_HEADERS)["spent"].search("全年执行数（万元）")
    assert MONEY_UNIT.search("预算数（万元）").group("unit") == "万元"
    assert TOTAL_NAME.match("合 计")
    assert GENERIC_WORDS.sub("", "年度科普项目") == "科普"


@pytest.mark.parametrize("printed", ["2022年度“智慧校园”建设项目（二期）", "智慧校园建设", "2023智慧校园建设项目",
                                     "《智慧校园》建设项目(结转)"])
def test_name_key_drops_years_quotes_notes_and_generic_words(printed):
    assert name_key(printed) == "智慧校园建设"


def test_a_project_list_inside_a_department_report():
    rows = [["序号", "项目名称", "全年预算数（万元）", "全年执行数（万元）", "执行率", "自评得分"],
            ["1", "1.科普活动经费", "120.5", "118", "97.93%", "95"],
            ["2", "学会能力提升项目", "80", "80", "100%", "98"],
            ["", "合计", "200.5", "198", "98.75%", ""]]
    items = listed_projects("r1", "表2 项目支出情况", rows)
    assert [(p.name, p.budget_wan, p.expenditure_wan, p.execution_rate, p.total_score) for p in items] == [
        ("科普活动经费", 120.5, 118.0, 97.93, 95.0), ("学会能力提升项目", 80.0, 80.0, 100.0, 98.0)]


def test_a_list_without_a_money_unit_gives_no_money_and_a_key_value_form_is_no_list():
    rows = [["项目名称", "预算数", "执行数"], ["科普活动经费", "120", "118"]]
    [item] = listed_projects("r1", None, rows)
    assert item.budget_wan is None and item.expenditure_wan is None  # 120 元 or 万元? not guessed
    form = [["项目名称", "科普活动经费", "科普活动经费"], ["主管部门", "某市科学技术协会", ""],
            ["项目资金（万元）", "年初预算数", "全年执行数"]]
    assert listed_projects("r1", None, form) == []


def test_listed_projects_join_the_reports_department_and_year():
    reports = [{"report_id": "d1", "source_file": "d.txt", "department": "江门市科学技术局", "fiscal_year": 2023,
                "project_name": None}]
    header = ["项目名称", "预算数（万元）"]
    tables = [{"report_id": "d1", "table_seq": 0, "row": r, "col": c, "text": t, "caption": None}
              for r, cells in enumerate([header, ["科技创新券补助", "600"]]) for c, t in enumerate(cells)]
    linked = link_reports(reports, tables)
    [project] = linked["projects"]
    assert (project["source"], project["fiscal_year"], project["budget_wan"]) == ("department_list", 2023, 600.0)
    assert project["department_key"] == linked["reports"][0]["department_key"]
    assert linked["reports"][0]["project_key"] is None


def test_one_project_in_two_years_under_two_spellings_shares_its_key(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "2021-kjcxq.txt").write_text(REPORT_2021, encoding="utf-8")
    (src / "2022-kjcxq.txt").write_text(REPORT_2022, encoding="utf-8")
    out = tmp_path / "out"
    run([src], out, RunOptions(workers=0, progress="off"))
    reports = {r["fiscal_year"]: r for r in pq.read_table(out / "reports.parquet").to_pylist()}
    assert reports[2021]["department"] == "江门市科技局" and reports[2022]["department"] == "江门市科学技术局"
    assert reports[2021]["project_key"] == reports[2022]["project_key"] is not None
    assert reports[2021]["department_key"] == reports[2022]["department_key"]

    projects = pq.read_table(out / "projects.parquet").to_pylist()
    assert [(p["fiscal_year"], p["name_key"], p["budget_wan"], p["total_score"]) for p in projects] == [
        (2021, "科技创新券补助", 480.0, 92.5), (2022, "科技创新券补助", 600.0, 95.0)]
    assert projects[0]["project_key"] == projects[1]["project_key"] == reports[2021]["project_key"]
    assert projects[0]["project_name"] == "2021年度“科技创新券”补助项目"

    [department] = pq.read_table(out / "departments.parquet").to_pylist()
    assert department["canonical_name"] == "江门市科学技术局"
    assert department["spellings"] == ["江门市科学技术局", "江门市科技局"]
    assert (department["first_year"], department["last_year"], department["region"]) == (2021, 2022, "江门市")

    findings = pq.read_table(out / "findings.parquet").to_pylist()
    by_year = {y: [(f["kind"], f["number"]) for f in findings if f["report_id"] == reports[y]["report_id"]]
               for y in (2021, 2022)}
    assert by_year[2021] == [("problem", "一是"), ("problem", "二是"), ("recommendation", "（一）"),
                             ("recommendation", "（二）")]
    assert by_year[2022] == [("problem", None), ("recommendation", "1"), ("recommendation", "2")]
