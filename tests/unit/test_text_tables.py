"""Flattened tables in extracted text (pipeline.readers.text_tables), lines copied from seeds."""
from __future__ import annotations

import pytest

from pipeline.readers.text_tables import (CAPTION, HAN_END, NUMBER, QUANTITY_END, SENTENCE_PUNCT,
                                          UNIT, UNIT_NOTE, FlatTable, Kind, find_flat_table,
                                          header_kind, header_to_columns, is_double_spaced,
                                          split_cells)


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n")]


def flat(text: str, start: int = 0) -> FlatTable:
    found = find_flat_table(lines_of(text), start)
    assert found is not None
    return found


# seed 000, lines 93-131: 表 1, double-spaced, 序号 column, merged names, wrapped cells
SEED_000_TABLE_1 = """序号 二级指标 三级指标 四级指标 年度指标值

1

效率性 数量指标

参观人员数量
线下高校、企业、科研机构技术

人员及社会观众约 10万

2 参展人员数量
项目单位参与创交会的技术、管

理人员约 3000人

3 参展项目数量
线下国内外组团参展或专展项目

约 1500项

4 常态化活动数量
开展线上线下项目对接、技术成

果交易、投融资等专项活动 20场

5 效果性 经济效益
促进技术成果转化交

易金额

全年促成技术成果转化交易金额

不少于 130亿元

6 满意度 满意度 参展商满意度 参展商满意度 95%

（四）项目预算安排及支出情况
"""

# seed 000, lines 239-252: 表 2, one row a line, 合计 row without 序号
SEED_000_TABLE_2 = """序号 评价内容 分值 得分 得分率

1 决策 20 17.5 87.50%

2 过程 20 19.48 97.40%

3 产出 31 28.5 91.90%

4 效益 24 21 87.50%

5 满意度 5 5 100.00%

合计 100 91.48 91.48%
 （二）项目绩效分析
"""

# seed 003, lines 436-470: merged 一级指标 and 合计, a cell wrapped over four lines, prose after
SEED_003 = """一级指标 二级指标 得分 合计

管理效能

资金管理 13.932

42.122

采购管理 1.69

信息公开管理 4.00

资产管理 3.50

成本管理 4.00

绩效管理 15.00

履职效能

设立专项资金，聚集

基础研究和关键技术

攻关，分层分类扶持

科创企业

50.00
52.50

工作表现加减分 2.50

从部门整体自评绩效自评得分情况来看，我局较好完成了

2021年履行职能职责和各项重点工作任务，整体支出绩效情况较

为理想，预算编制、执行及使用效益情况基本达到了预期的绩效

目标，总体上达到了全过程预算绩效管理的要求。
"""


def test_seed_000_indicator_table_rebuilds_merged_and_wrapped_cells() -> None:
    found = flat(SEED_000_TABLE_1)
    assert found.table.header_rows == 1
    assert found.table.rows == (
        ("序号", "二级指标", "三级指标", "四级指标", "年度指标值"),
        ("1", "效率性", "数量指标", "参观人员数量", "线下高校、企业、科研机构技术人员及社会观众约10万"),
        ("2", "", "", "参展人员数量", "项目单位参与创交会的技术、管理人员约3000人"),
        ("3", "", "", "参展项目数量", "线下国内外组团参展或专展项目约1500项"),
        ("4", "", "", "常态化活动数量", "开展线上线下项目对接、技术成果交易、投融资等专项活动20场"),
        ("5", "效果性", "经济效益", "促进技术成果转化交易金额", "全年促成技术成果转化交易金额不少于130亿元"),
        ("6", "满意度", "满意度", "参展商满意度", "参展商满意度95%"),
    )
    lines = lines_of(SEED_000_TABLE_1)
    assert found.end == lines.index("6 满意度 满意度 参展商满意度 参展商满意度 95%") + 1
    assert ("flattened table after line 1: row 5: 7 fragments for 5 columns; joined wrapped "
            "fragments") in found.warnings
    assert not any("row 6" in w for w in found.warnings)  # one printed line: nothing guessed


def test_seed_000_score_table_with_total_row() -> None:
    found = flat(SEED_000_TABLE_2)
    assert found.table.rows == (
        ("序号", "评价内容", "分值", "得分", "得分率"),
        ("1", "决策", "20", "17.5", "87.50%"),
        ("2", "过程", "20", "19.48", "97.40%"),
        ("3", "产出", "31", "28.5", "91.90%"),
        ("4", "效益", "24", "21", "87.50%"),
        ("5", "满意度", "5", "5", "100.00%"),
        ("合计", "", "100", "91.48", "91.48%"),
    )
    assert lines_of(SEED_000_TABLE_2)[found.end] == "（二）项目绩效分析"
    assert found.warnings == ()


def test_seed_003_merged_group_cells_and_prose_after() -> None:
    found = flat(SEED_003)
    assert found.table.rows == (
        ("一级指标", "二级指标", "得分", "合计"),
        ("管理效能", "资金管理", "13.932", "42.122"),
        ("", "采购管理", "1.69", ""),
        ("", "信息公开管理", "4.00", ""),
        ("", "资产管理", "3.50", ""),
        ("", "成本管理", "4.00", ""),
        ("", "绩效管理", "15.00", ""),
        ("履职效能", "设立专项资金，聚集基础研究和关键技术攻关，分层分类扶持科创企业", "50.00", "52.50"),
        ("", "工作表现加减分", "2.50", ""),
    )
    lines = lines_of(SEED_003)
    assert found.end == lines.index("工作表现加减分 2.50") + 1
    assert any("lone number 42.122" in w for w in found.warnings)
    assert any("row 7: 7 fragments for 4 columns" in w for w in found.warnings)


def test_header_not_followed_by_a_table_is_none() -> None:
    text = ("序号 评价内容 分值 得分\n\n本次评价围绕项目决策、过程、产出和效益四个方面开展，"
            "评价内容详见附件材料，各项指标的分值与得分情况如实记录于底稿之中。\n")
    assert find_flat_table(lines_of(text), 0) is None
    assert find_flat_table(lines_of("序号 评价内容 分值 得分\n"), 0) is None


def test_lines_that_are_no_header_are_none() -> None:
    for line in ("我局严格按照给定的评分标准 及实际情况 开展自评",  # prose with spaces
                 "一级指标 二级指标",  # fewer than 3 tokens
                 "一级指标\t二级指标\t得分",  # tab-separated: the reader's own tables
                 "产出指标 效益指标 满意度指标",  # only names: nothing to read rows by
                 "分值 得分 二级指标"):  # a name column after a value column
        assert find_flat_table([line, "1 决策 20 17.5"], 0) is None, line
    assert find_flat_table(["序号 评价内容 分值"], 5) is None


def test_prose_line_after_table_ends_it() -> None:
    text = ("序号 评价内容 分值 得分\n1 决策 20 17.5\n2 过程 20 19.48\n"
            "从上表可以看出，项目在决策和过程两个方面表现较好，得分率均较高。\n3 产出 31 28.5\n")
    found = flat(text)
    assert found.table.rows[1:] == (("1", "决策", "20", "17.5"), ("2", "过程", "20", "19.48"))
    assert found.end == 3


def test_open_last_row_stops_before_wrapped_prose() -> None:
    text = ("序号 二级指标 三级指标 年度指标值\n1 数量指标 参展人员数量 约3000人\n"
            "2 质量指标 活动完成率 不低于95%\n"
            "根据市科协提供的项目预算、资金使用明细账等有关材料，结合现场核\n"
            "查对资金支出的核查情况，项目年度预算合计1937万元。\n")
    found = flat(text)
    assert found.table.rows[1:] == (("1", "数量指标", "参展人员数量", "约3000人"),
                                    ("2", "质量指标", "活动完成率", "不低于95%"))
    assert found.end == 3
    assert any("row 2: line 4 is wider than the table's lines" in w for w in found.warnings)


def test_three_columns_one_cell_a_line_single_spaced() -> None:
    text = "指标名称 分值 得分\n预算执行率\n10\n9.5\n绩效目标完成情况\n20\n18\n合计\n30\n27.5\n一、总体结论\n"
    found = flat(text)
    assert found.table.rows == (("指标名称", "分值", "得分"), ("预算执行率", "10", "9.5"),
                                ("绩效目标完成情况", "20", "18"), ("合计", "30", "27.5"))
    assert found.end == 10
    assert found.warnings == ()  # single-spaced: a value alone on its line is ordinary


def test_one_cell_a_line_score_equal_to_next_sequence_number() -> None:
    text = "序号 评价内容 分值 得分\n1\n决策\n20\n2\n2\n过程\n20\n19\n"
    found = flat(text)
    assert found.table.rows[1:] == (("1", "决策", "20", "2"), ("2", "过程", "20", "19"))


def test_wrapped_cell_split_by_page_break_blank_line() -> None:
    # single-spaced text: the blank line is a page break inside row 2's target cell
    text = ("序号 三级指标 年度指标值\n1 参展人员数量 约3000人\n2 参展项目数量\n"
            "线下国内外组团参展或专展项目\n\n约 1500项\n3 活动数量 20场\n")
    found = flat(text)
    assert found.table.rows[1:] == (("1", "参展人员数量", "约3000人"),
                                    ("2", "参展项目数量", "线下国内外组团参展或专展项目约1500项"),
                                    ("3", "活动数量", "20场"))
    assert any("row 2: 4 fragments for 3 columns" in w for w in found.warnings)


def test_group_name_vocabulary_breaks_an_equal_width_tie() -> None:
    text = "一级指标 二级指标 得分\n\n管理效能\n\n资金管理 13.9\n\n采购管理 1.6\n\n履职效能\n\n工作管理 2.5\n"
    found = flat(text)
    assert found.table.rows[1:] == (("管理效能", "资金管理", "13.9"), ("", "采购管理", "1.6"),
                                    ("履职效能", "工作管理", "2.5"))
    assert any("group name" in w for w in found.warnings)


def test_short_line_is_not_a_wrap_when_the_column_holds_wider_cells() -> None:
    # 其他事项 (8) cannot have wrapped in a column that printed 信息公开管理 (12) on one line
    text = ("一级指标 二级指标 得分\n\n管理效能\n\n资金管理 13.9\n\n信息公开管理 4\n\n"
            "其他事项\n\n工作管理 2.5\n")
    found = flat(text)
    assert found.table.rows[-1] == ("其他事项", "工作管理", "2.5")
    assert not any("group name" in w for w in found.warnings)


def test_repeated_header_after_page_break_is_skipped() -> None:
    text = "序号 评价内容 分值 得分\n1 决策 20 17.5\n序号 评价内容 分值 得分\n2 过程 20 19.48\n"
    assert flat(text).table.rows[1:] == (("1", "决策", "20", "17.5"), ("2", "过程", "20", "19.48"))


def test_row_that_cannot_be_rebuilt_gives_none() -> None:
    # row 1 prints six cells side by side on one line for a four-column table
    text = "序号 二级指标 三级指标 年度指标值\n1 数量 质量 时效 成本 约3000人\n2 数量 人数 约10人\n"
    assert find_flat_table(lines_of(text), 0) is None


def test_split_cells_keeps_artefact_spaces_inside_cells() -> None:
    def cells(line: str, values: bool) -> list[tuple[str, bool]]:
        return split_cells(line, values)
    assert cells("1 决策 20 17.5 87.50%", True) == [
        ("1", False), ("决策", False), ("20", False), ("17.5", False), ("87.50%", False)]
    assert cells("人员及社会观众约 10万", True) == [("人员及社会观众约", False), ("10万", True)]
    assert cells("参展商满意度 95%", False) == [("参展商满意度", False), ("95%", True)]
    assert cells("参展商满意度 95%", True) == [("参展商满意度", False), ("95%", False)]
    assert cells("不少于 130 亿元", False) == [("不少于", False), ("130 亿元", True)]
    assert cells("预期值 (单位) 完成情况", False) == [("预期值 (单位)", False), ("完成情况", False)]
    assert cells("技术、 管理", False) == [("技术、 管理", False)]


def test_header_words_and_columns() -> None:
    assert header_kind("年度指标值") is Kind.TEXT
    assert header_kind("一级指标") is Kind.NAME
    assert header_kind("得分/自评分") is Kind.VALUE
    assert header_kind("权重(%)") is Kind.VALUE
    assert header_kind("管理效能") is None
    assert header_to_columns("序号 评价内容 分值 得分 得分率") == (
        ("序号", "评价内容", "分值", "得分", "得分率"),
        (Kind.SEQ, Kind.NAME, Kind.VALUE, Kind.VALUE, Kind.VALUE))


def test_double_spacing() -> None:
    assert is_double_spaced(["1 决策", "", "2 过程", "", "3 产出"])
    assert not is_double_spaced(["1 决策", "2 过程", "", "3 产出"])


@pytest.mark.parametrize(("pattern", "example"), [
    (NUMBER, "87.50%"), (NUMBER, "13.932"), (NUMBER, "1,937.00"), (NUMBER, "2分"), (NUMBER, "—"),
    (UNIT, "亿元"), (UNIT, "人次以上"), (CAPTION, "表 2 综合评定结果"), (CAPTION, "续表1"),
    (UNIT_NOTE, "权重(%)"), (UNIT_NOTE, "预期值（单位）"), (SENTENCE_PUNCT, "1个，二级项目"),
])
def test_named_regex_examples_match(pattern: object, example: str) -> None:
    assert getattr(pattern, "search")(example)


def test_quantity_end_and_han_end_examples() -> None:
    for text in ("约10万", "3000人", "95%", "130篇（项）"):
        assert QUANTITY_END.search(text), text
    assert not QUANTITY_END.search("参展人员数量")
    assert HAN_END.search("约") and not HAN_END.search("10")
    assert not NUMBER.fullmatch("10万")


def test_open_last_row_stops_before_a_line_that_fits_no_cell() -> None:
    text = "序号 三级指标 年度指标值\n1 参展人员数量 约3000人\n2 活动数量 举办活动20场\n其他 说明 事项 补充\n"
    found = flat(text)
    assert found.table.rows[1:] == (("1", "参展人员数量", "约3000人"), ("2", "活动数量", "举办活动20场"))
    assert found.end == 3
    assert any("row 2: line 4 does not fit the row" in w for w in found.warnings)


def test_four_name_and_text_columns_rows_end_at_a_quantity() -> None:
    # no 序号 and no value column: a row ends once its target text ends with a quantity
    text = ("一级指标 二级指标 三级指标 年度目标值\n\n产出指标 数量指标 建设重点实验室 1个\n\n"
            "省级高水平专业群建设 3个\n\n培育省级以上教学创新团队 3个\n\n"
            "效益指标 社会效益指标 助力智慧校园建设 有效提升\n\n"
            "从上表可以看出，本部门整体绩效目标设置较为合理，产出指标和效益指标\n\n均可量化。\n")
    found = flat(text)
    assert found.table.rows == (
        ("一级指标", "二级指标", "三级指标", "年度目标值"),
        ("产出指标", "数量指标", "建设重点实验室", "1个"),
        ("", "", "省级高水平专业群建设", "3个"),
        ("", "", "培育省级以上教学创新团队", "3个"),
        ("效益指标", "社会效益指标", "助力智慧校园建设", "有效提升"),
    )
    assert found.end == 9
    assert any("line 11 is wider than the table's lines" in w for w in found.warnings)
    assert header_to_columns("产出指标 数量指标 建设重点实验室 1个") is None  # a row, not a header
