"""Findings on tiny documents: sections split on the report's own enumeration, forms, keywords."""
from __future__ import annotations

import pytest

from extractors.findings import (DIGIT, ENUM_IS, ENUM_ORDINAL, HAN, ITEM_BOUNDARY, NOTHING, TEMPLATE_PROMPT, TITLE_END,
                                 FindingSettings, extract_findings, keyword_tables, outer_enumeration, split_items)
from extractors.analysis import analyse
from tests.helpers import doc, para, table


def kinds_and_texts(rows):
    return [(r["kind"], r["number"], r["text"]) for r in rows]


def test_named_patterns_match_their_examples():
    assert ENUM_IS.match("一是绩效指标设置").group("num") == "一"
    assert ENUM_ORDINAL.match("第一，加强预算管理").group("num") == "一"
    assert ITEM_BOUNDARY.search("有待提升；二是").group(0) == "；"
    assert NOTHING.match("暂无。") and NOTHING.match("无") and not NOTHING.match("无法按期完成")
    assert TEMPLATE_PROMPT.search("结合自评情况,分析存在的问题及原因。(200字以内)")
    assert TITLE_END.search("跟踪反馈链条延伸不足。对于").group(0) == "。"
    assert HAN.search("绩效指标") and DIGIT.search("2023年") and not HAN.search("2023")


def test_inline_items_after_a_lead_in():
    d = doc(para("三、存在的主要问题", 3),
            para("我单位总体较好，但仍存在以下问题：一是预算执行率偏低；二是政府采购程序不规范；"
                 "三是绩效目标设置不够细化。", 3),
            para("四、下一步改进措施", 4), para("1.加快资金支出进度。2.规范政府采购流程。", 4))
    rows = extract_findings(analyse(d))
    assert kinds_and_texts(rows) == [
        ("problem", "一是", "预算执行率偏低"), ("problem", "二是", "政府采购程序不规范"),
        ("problem", "三是", "绩效目标设置不够细化。"),
        ("recommendation", "1", "加快资金支出进度。"), ("recommendation", "2", "规范政府采购流程。")]
    assert [r["page"] for r in rows] == [3, 3, 3, 4, 4]
    assert rows[0]["keywords"][0] == "预算执行率"  # the domain dictionary keeps it whole
    assert "政府采购" in rows[1]["keywords"]
    assert rows[0]["section"] == "存在的主要问题" and rows[3]["section_seq"] == 1


def test_nested_enumeration_stays_in_its_item_and_numbering_must_count_up():
    text = "（一）加强预算管理。一是细化编制；二是严格执行。\n（二）完善制度建设。\n（四）不是第三项"
    assert [m.number for m in outer_enumeration(text)] == ["（一）", "（二）"]
    items = split_items(text)
    assert items[0][1] == "加强预算管理。一是细化编制；二是严格执行。"
    assert items[1][1].startswith("完善制度建设。")


def test_sub_headings_are_the_items_and_the_intro_is_not():
    d = doc(para("五、相关建议"), para("为此，提出以下建议。"),
            para("（一）强化绩效目标管理"), para("科学设置绩效指标，细化量化目标值。"),
            para("（二）加快预算执行进度"), para("建立资金支出进度通报机制。"))
    rows = extract_findings(analyse(d))
    assert [(r["number"], r["heading"]) for r in rows] == [("（一）", "强化绩效目标管理"), ("（二）", "加快预算执行进度")]
    assert rows[0]["text"] == "强化绩效目标管理\n科学设置绩效指标，细化量化目标值。"


def test_a_heading_naming_two_roles_is_split_into_its_labelled_parts():
    d = doc(para("五、评价结论和建议"), para("（一）评价结论"), para("综合评价得分92分，等级为优。"),
            para("（二）存在问题"), para("第一，绩效自评不够深入；第二，档案管理不规范。"),
            para("（三）改进建议"), para("暂无。"))
    rows = extract_findings(analyse(d))
    assert kinds_and_texts(rows) == [("problem", "第一", "绩效自评不够深入"), ("problem", "第二", "档案管理不规范。")]


def test_a_section_without_numbering_is_one_item_and_none_is_no_item():
    d = doc(para("四、存在问题"), para("项目前期调研不足，部分指标难以量化。"), para("五、改进措施"), para("无"))
    assert kinds_and_texts(extract_findings(analyse(d))) == [("problem", None, "项目前期调研不足，部分指标难以量化。")]


def test_form_rows_labelled_with_a_finding_kind():
    d = doc(table("存在问题|无|", "改进措施|1.加强资金监管；2.完善项目档案|",
                  "偏差原因分析|结合自评情况,分析存在的问题及原因。(200字以内)|", page=2))
    rows = extract_findings(analyse(d))
    assert kinds_and_texts(rows) == [("recommendation", "1", "加强资金监管"), ("recommendation", "2", "完善项目档案")]
    assert rows[0]["section"] == "改进措施" and rows[0]["section_seq"] is None and rows[0]["page"] == 2


@pytest.mark.parametrize("text", ["", "一、项目概述\n项目于2023年实施。"])
def test_no_finding_sections_no_rows(text):
    assert extract_findings(analyse(doc(*(para(t) for t in text.split("\n") if t)))) == []


def test_keyword_tables_are_built_once_and_then_read_from_their_file(tmp_path):
    settings = FindingSettings()
    built = keyword_tables(settings, folder=tmp_path)
    (saved,) = tmp_path.glob("jixiao-keywords-*.marshal")
    frequencies, total, idf, median_idf = built
    assert frequencies["预算执行率"] >= 1000 and total > 0  # a domain term added to jieba's words
    assert idf["绩效"] > 0 and median_idf > 0
    assert keyword_tables(settings, folder=tmp_path) == built  # read back, the same tables
    saved.write_bytes(b"not marshal data")
    assert keyword_tables(settings, folder=tmp_path) == built  # a damaged file is built again
    assert saved.read_bytes() != b"not marshal data"
