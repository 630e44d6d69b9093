"""The text reader on the shapes real extracted text takes."""
import codecs

import pytest

from pipeline.readers.encoding import decode_text
from pipeline.readers.errors import UnreadableDocument
from schemas.lexicon import CAPTION, PAGE_NUMBER, UNIT_LINE
from pipeline.readers.text import glued_form_cells, read_text
from schemas.document import Paragraph, Table

WRAPPED = """ 附件 4

2023 中国示范项目

绩效评价报告

为深入贯彻落实预算绩效管理的若干意见和有关文件精神，某某咨询有限公

司受某某市某某局委托，对 2023 年示范项目开展绩效评价工作，并形成本

评价报告。经综合评定，示范项目绩效评价得分 91.48分，评定等级为“优”。

一、评价项目概述

（一）项目背景

示范项目是由多个部门共同主办的重要活动，在全市范围内已经连续举办了

多届，社会反响良好，对推动相关产业发展具有重要意义和积极的示范作用，

 受到广泛好评。

5

（二）项目立项依据

①绩效目标设置的完整性，指标分值 2分，评价得分 1分，评价得分

率 50%。
"""


def read(text: str, encoding: str = "utf-8"):
    return read_text(text.encode(encoding), "x.txt", "r1")


def paragraphs(doc):
    return [e.text for e in doc.elements() if isinstance(e, Paragraph)]


def test_regex_examples():
    assert PAGE_NUMBER.match("— 3 —") and PAGE_NUMBER.match("5") and PAGE_NUMBER.match("第 3 页")
    assert CAPTION.match("表1 2023年重点工作任务绩效目标表") and CAPTION.match("表 2 综合评定结果")
    assert UNIT_LINE.match("单位：万元")


def test_hard_wraps_are_joined_and_furniture_dropped():
    texts = paragraphs(read(WRAPPED))
    assert texts[0] == "2023中国示范项目"  # the attachment marker is furniture
    assert texts[1] == "绩效评价报告"  # a short line ends a paragraph
    assert texts[2].startswith("为深入贯彻落实") and texts[2].endswith("评定等级为“优”。")
    assert "某某咨询有限公司受某某市某某局委托" in texts[2]  # wrap inside a word, no space
    assert "5" not in texts  # lone page number
    assert any(t.endswith("示范作用，受到广泛好评。") for t in texts)  # leading space of a new page


def test_a_score_split_over_two_lines_is_one_paragraph():
    texts = paragraphs(read(WRAPPED))
    assert "①绩效目标设置的完整性，指标分值2分，评价得分1分，评价得分率50%。" in texts


def test_headings_are_their_own_paragraphs():
    texts = paragraphs(read(WRAPPED))
    assert "一、评价项目概述" in texts and "（一）项目背景" in texts and "（二）项目立项依据" in texts


def test_tab_table_with_caption_unit_and_repeated_header():
    text = ("表3 预算执行情况\n\n单位：万元\n\n序号\t项目\t年初预算数\n1\t基本支出\t28,040.59\n\n"
            "序号\t项目\t年初预算数\n2\t项目支出\t37,331.72\n合计\t\t65,372.30\n\n后面的正文。\n")
    elements = list(read(text).elements())
    tables = [e for e in elements if isinstance(e, Table)]
    assert len(tables) == 1
    t = tables[0]
    assert t.caption == "表3预算执行情况" and t.notes == ("单位：万元",)
    assert t.rows == (("序号", "项目", "年初预算数"), ("1", "基本支出", "28,040.59"),
                      ("2", "项目支出", "37,331.72"), ("合计", "", "65,372.30"))
    assert paragraphs(read(text)) == ["后面的正文。"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030"])
def test_encodings_are_detected(encoding):
    text = "一、基本情况\n\n（一）部门职能\n\n广州市某某局是市政府工作部门，主要职责如下。\n"
    data = text.encode(encoding)
    decoded, _ = decode_text(data)
    assert decoded.lstrip("\ufeff") == text
    assert "（一）部门职能" in paragraphs(read_text(data, "x.txt", "r1"))


def test_binary_and_empty_files_are_refused_with_a_reason():
    with pytest.raises(UnreadableDocument, match="empty"):
        decode_text(b"   \n")
    with pytest.raises(UnreadableDocument, match="binary"):
        decode_text(bytes(range(256)) * 20)
    with pytest.raises(UnreadableDocument, match="byte-order mark"):
        decode_text(codecs.BOM_UTF8 + b"\xff\xfe\xfa")


def test_form_feeds_give_pages():
    doc = read("第一页的正文内容。\f第二页的正文内容。")
    assert [e.page for e in doc.elements()] == [1, 2]
    assert all(e.page is None for e in read("没有分页的正文。").elements())


def test_pipe_delimited_table_as_markdown_gives_it():
    text = ("表2 绩效目标表\n\n| 一级指标 | 二级指标 | 三级指标 | 年度目标值 |\n|---|---|---|---|\n"
            "| 产出指标 | 数量指标 | 在校生人数 | 9000人以上 |\n|  |  | 建设重点实验室 | 1个 |\n\n正文继续。\n")
    elements = list(read(text).elements())
    table = next(e for e in elements if isinstance(e, Table))
    assert table.caption == "表2绩效目标表"
    assert table.rows == (("一级指标", "二级指标", "三级指标", "年度目标值"),
                          ("产出指标", "数量指标", "在校生人数", "9000人以上"),
                          ("", "", "建设重点实验室", "1个"))
    assert paragraphs(read(text)) == ["正文继续。"]


def test_a_short_head_line_without_punctuation_is_its_own_paragraph():
    text = ("某某产业园区管委会\n2021年某某产业发展项目支出绩效评价评定等次为优\n"
            "自2022年3月份起，根据通知要求，园区管委会高度重视，成立组织机构，制定工作方案，委托第三方机构认真有序开展评价工作，"
            "评价得分90.15分。\n")
    assert paragraphs(read(text))[:2] == ["某某产业园区管委会", "2021年某某产业发展项目支出绩效评价评定等次为优"]


def test_a_glued_form_row_keeps_项目_with_its_key():
    line = "项目名称 办公局域网维护费 项目实施单位 某市城投公司 项目主管单位 某市纪委监委 项目负责人 某某"
    assert glued_form_cells(line) == ("项目名称 办公局域网维护费 | 项目实施单位 某市城投公司 | 项目主管单位 某市纪委监委"
                                      " | 项目负责人 某某")
    assert glued_form_cells("项目支出绩效自评表 (2021年度) 项目名称 某某服务") == "项目支出绩效自评表 (2021年度) 项目名称 某某服务"


def test_a_listing_of_one_record_one_cell_a_line_is_a_table():
    """A page's table of one project's result, one cell a line: the header and its record."""
    from pipeline.readers.text_listing import find_listing
    lines = ["序号", "主管部门", "项目单位", "项目名称", "发行金额(亿元)", "评价结果", "备注",
             "1", "某县某镇人民政府", "某镇建设投资有限公司", "某镇样板区建设项目", "0.05", "优", "主管部门评价结果"]
    table, end = find_listing(lines, 0)
    assert table.rows[1][2:4] == ("某镇建设投资有限公司", "某镇样板区建设项目") and end == len(lines)
    # the scrape dropped the empty 序号 and 自评等级 cells; blank lines between cells; a total after
    lines = ["序号", "", "项目名称", "", "债券性质", "", "自评分数", "", "自评等级", "",
             "某社区安置房三期、四期项目", "", "棚改专项债券", "", "97", "", "总计", "", "2.62"]
    table, end = find_listing(lines, 0)
    assert table.rows[1] == ("", "某社区安置房三期、四期项目", "棚改专项债券", "97", "") and lines[end:][1] == "总计"
    # two records are no listing of one; a figure under 项目名称 does not fit
    assert find_listing(["序号", "项目名称", "得分", "1", "甲项目", "90", "2", "乙项目", "80"], 0) is None
    assert find_listing(["序号", "项目名称", "主管部门", "1", "2023", "某局"], 0) is None


def test_a_cover_s_fields_are_paragraphs_of_their_own():
    doc = read_text("项目名称:某污水处理特许经营项目\n单位名称:某水发环保有限公司\n主管部门:某县住房和城乡建设局\n".encode(),
                    "x.txt", "r1")
    assert [e.text for e in doc.elements()] == ["项目名称:某污水处理特许经营项目", "单位名称:某水发环保有限公司",
                                                "主管部门:某县住房和城乡建设局"]
