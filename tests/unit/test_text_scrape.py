"""A 自评表 scraped from a web page into text: `|` between cells, an empty cell became a line
break, row boundaries lost, merged cells printed once."""
from pathlib import Path

from pipeline.extract import extract_data
from pipeline.readers.text_scrape import (LONE_PIPE, OP_CELL, TITLE_CELL,
                                          cells_to_rows, find_header_runs, is_scrape, scrape_to_table,
                                          text_to_cells)

SCRAPE = """2023年度项目支出绩效自评表 | 部门:某县第一小学 |
|
|
| 项目名称 | 校舍维修专项资金 | 主管部门 | 某县教育局 | 实施单位 | 某县第一小学 | 项目资金 (万元) |
| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | 年度资金总额 |
| 50 | 48 | 10 | 96% | 9.6 | 其他资金 |
|
| — | — |
| 绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 产出指标 | 数量指标 | 维修校舍面积 | ≧ | 1200 | 平方米 | 1250 | 20 | 20 |
| 时效指标 | 按期完工率 | ≧ | 95 | % | 90% | 20 | 15 | 雨季影响工期 | 效益指标 | 社会效益 指标 | 消除安全隐患 |
| 有效 |
| 有效 | 20 | 20 |
| 满意度指标 | 服务对象满意度指标 | 师生满意度 | ≧ | 90 | % | 95% | 30 | 30 |
| 总分 | 100 | 94.6 | 优 |
"""


def test_regex_examples():
    assert LONE_PIPE.match("|") and not LONE_PIPE.match("| a |")
    assert OP_CELL.match("≧") and OP_CELL.match("═") and not OP_CELL.match("735")
    assert TITLE_CELL.search("2023年度项目支出绩效自评表")


def test_cells_with_line_breaks_as_empty_cells():
    assert text_to_cells("| a | b |\n| c |\n|\n| d |") == ["a", "b", "", "c", "", "", "d"]
    assert is_scrape(SCRAPE.splitlines()) and not is_scrape(["| a | b |", "| c | d |"])


def test_a_title_row_and_its_sub_row_give_the_leaf_columns():
    runs = find_header_runs(text_to_cells(SCRAPE))
    grid = runs[-1].columns
    assert grid == ("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值",
                    "分值", "得分", "偏差原因分析及改进措施")


def test_rows_reflow_with_merged_leading_names_and_a_filled_last_column():
    columns = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值", "分值", "得分", "偏差"]
    cells = ["产出指标", "数量指标", "面积", "≧", "1200", "平方米", "1250", "20", "20", "",
             "时效指标", "按期完工率", "≧", "95", "%", "90%", "20", "15", "雨季影响工期",
             "总分", "100"]
    rows, used = cells_to_rows(cells, columns)
    assert rows == [["产出指标", "数量指标", "面积", "≧", "1200", "平方米", "1250", "20", "20", ""],
                    ["", "时效指标", "按期完工率", "≧", "95", "%", "90%", "20", "15", "雨季影响工期"]]
    assert cells[used] == "总分"


def test_the_scrape_is_one_table_with_its_blocks():
    title, table, warnings = scrape_to_table(SCRAPE.splitlines())
    assert title == "2023年度项目支出绩效自评表" and warnings
    assert ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"] == \
        [c for c in table.rows[1] if c]


def test_a_scraped_form_reads_end_to_end():
    result = extract_data(SCRAPE.encode("utf-8"), "form.txt", Path("form.txt"))
    report = result.report
    assert (report["report_kind"], report["fiscal_year"], report["department"], report["project_name"]) == (
        "project_self_evaluation", 2023, "某县教育局", "校舍维修专项资金")
    assert (report["total_score"], report["grade"]) == (94.6, "优")
    assert (report["budget_final_wan"], report["expenditure_wan"], report["execution_rate"]) == (50.0, 48.0, 96.0)
    scores = {r["name"]: (r["level1"], r["level2"], r["max_score"], r["score"]) for r in result.rows["scores"]}
    assert scores["按期完工率"] == ("产出指标", "时效指标", 20.0, 15.0)
    assert scores["消除安全隐患"] == ("效益指标", "社会效益指标", 20.0, 20.0)
    assert scores["预算执行率"][2:] == (10.0, 9.6)
    targets = {r["name"]: r for r in result.rows["indicators"]}
    assert (targets["维修校舍面积"]["target_op"], targets["维修校舍面积"]["target_value"],
            targets["维修校舍面积"]["target_unit"], targets["维修校舍面积"]["actual_value"]) == (
        ">=", 1200.0, "平方米", 1250.0)
