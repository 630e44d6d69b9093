"""Text saved from a web page: the URL line and the site's furniture taken out, kept aside."""
import pytest

from pipeline.readers.text import is_bare_page_number, read_text
from pipeline.readers.webpage import is_furniture, split_web_page
from schemas.lexicon import EDGE_FURNITURE
from schemas.document import Paragraph, Table

PAGE = """https://www.example.gov.cn/art/2023/5/6/art_1234_5678.html
欢迎您来到某某市人民政府门户网站!
您现在的位置：首页 > 政务公开 > 预算绩效
某某县教育局2022年度部门整体支出绩效自评报告
某某县教育局2022年度部门整体支出绩效自评报告
发布时间：2023-05-06 10:00    来源：某某县教育局
浏览次数：52
【打印】【关闭】
一、部门基本情况
某某县教育局负责全县教育事业的统筹规划和管理，内设机构八个，年初预算1200万元。
版权所有：某某县人民政府  网站标识码：1234567890
"""


@pytest.mark.parametrize("line", [
    "您现在的位置：首页 > 政务公开 > 预算绩效", "当前位置:首页 >> 内容详情内容详情", "首页 >",
    "发布时间：2023-05-06 10:00", "来源：某某县财政局", "浏览次数：52", "分享到：",
    "- 索引号: zsjfzzx/2025-00002", "版权所有：某某县人民政府", "2021年某局部门整体支出绩效自评报告.pdf",
    "《某某自评表.docx》由会员分享,可在线阅读,更多相关内容请在文库上搜索。",
])
def test_furniture_lines(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", ["主管部门", "项目名称：校舍维修专项资金", "一、部门基本情况", "优", "10",
                                  "来源于财政拨款的资金全部按时到位。"])
def test_content_lines_are_not_furniture(line):
    assert not is_furniture(line)


def test_url_line_and_furniture_taken_out():
    page = split_web_page(PAGE.split("\n"))
    assert page.source_url == "https://www.example.gov.cn/art/2023/5/6/art_1234_5678.html"
    kept = [line for line in page.lines if line.strip()]
    assert kept == ["某某县教育局2022年度部门整体支出绩效自评报告", "一、部门基本情况",
                    "某某县教育局负责全县教育事业的统筹规划和管理，内设机构八个，年初预算1200万元。"]
    assert "您现在的位置：首页 > 政务公开 > 预算绩效" in page.furniture


def test_document_keeps_url_and_furniture_apart():
    doc = read_text(PAGE.encode("utf-8"), "x.txt", "r1")
    texts = [e.text for e in doc.elements() if isinstance(e, Paragraph)]
    assert texts[0] == "某某县教育局2022年度部门整体支出绩效自评报告"
    assert doc.source_url.startswith("https://www.example.gov.cn/")
    assert any("发布时间" in f for f in doc.furniture)


def test_a_date_inside_a_form_is_a_cell():
    """Edge furniture (a bare date) is dropped only before the first and after the last line of
    content; in the middle it is a form's cell."""
    lines = ["项目名称", "某项目", "计划完成时间", "2023-12-31", "实际完成时间", "2023-12-20",
             "本项目按计划完成全部建设内容，资金使用规范，达到了预期的绩效目标。",
             "2024-01-15"]
    page = split_web_page(lines)
    assert "2023-12-31" in page.lines and "2024-01-15" not in page.lines


def test_lone_number_is_a_page_number_in_prose_and_a_cell_in_a_form():
    prose = ["某某项目是由多个部门共同主办的重要活动，在全市范围内已经连续举办了多届，社会反响良好。",
             "对推动相关产业发展具有重要意义和积极的示范作用，受到广泛好评，取得了明显的成效。", "5",
             "（二）项目立项依据"]
    assert is_bare_page_number(prose, 2)
    form = ["年度资金总额", "43.2", "43.2", "37.24", "10", "86%", "9", "其中:当年财政拨款"]
    assert not is_bare_page_number(form, 4)


def test_pipe_rows_ending_with_a_pipe_are_a_table():
    text = "部门整体支出绩效自评表 | ||||\n部门|某某服务中心| |||\n年初预算数|全年预算数|全年执行数|\n年度资金总额| 10 | 10 | 9 |\n"
    doc = read_text(text.encode("utf-8"), "x.txt", "r1")
    tables = [e for e in doc.elements() if isinstance(e, Table)]
    assert len(tables) == 1 and tables[0].rows[1][:2] == ("部门", "某某服务中心")


@pytest.mark.parametrize("line", ["2024年03月19日 星期二 |", "今天是2023年5月6日 星期六", "2023-05-06 10:00", "【打印】【关闭】"])
def test_edge_furniture_lines(line):
    assert EDGE_FURNITURE.fullmatch(line)


def test_a_metadata_block_one_key_a_line_is_furniture_save_the_title():
    """A page's metadata printed one key a line, each above its value, the title under `名称`."""
    lines = ["https://www.example.gov.cn/xxgk/t1.html", "您当前的位置:首页 > 政府信息公开 > 绩效管理",
             "索引号", "640000000/2019-00001", "文号", "发布机构", "某区财政局", "公开日期", "2019-11-26",
             "名称", "某乡人民政府部门整体支出绩效评价报告结果公示", "某乡人民政府部门整体支出绩效评价报告结果公示",
             "现将某乡人民政府部门整体支出绩效评价报告结果公示如下：", "本项目评价等级为“合格”，总得分为72.21分。"]
    page = split_web_page(lines)
    kept = [line for line in page.lines if line.strip()]
    assert kept[0] == "某乡人民政府部门整体支出绩效评价报告结果公示"
    assert "某区财政局" in page.furniture and "640000000/2019-00001" in page.furniture
    # one lone key is no block: a form's first cell stays
    page = split_web_page(["项目名称", "某项目", "主管部门", "某局"])
    assert [line for line in page.lines if line.strip()] == ["项目名称", "某项目", "主管部门", "某局"]


def test_metadata_with_bullets_or_glued_to_its_values():
    page = split_web_page(["https://www.example.gov.cn/info/1.htm", "• 索引号", "  • 09130195-9-/2023-0417015",
                           "  • 发布机构", "  • 某市卫生健康委员会", "  • 文号", "  • 主题词",
                           "某市卫生健康委员会2022年度项目绩效自评报告", "一、自评结论", "项目绩效评分100分，自评为优。"])
    assert [line for line in page.lines if line.strip()][0] == "某市卫生健康委员会2022年度项目绩效自评报告"
    page = split_web_page(["- 某市农业农村局", "-", "索引号kysnyncj/2026-00003", "-", "发布机构某市农业农村局",
                           "时效性有效", "某市农业农村局关于2024年某项目绩效评价整改情况报告",
                           "根据有关要求，现将整改情况报告如下："])
    assert {"索引号kysnyncj/2026-00003", "发布机构某市农业农村局", "时效性有效", "-"} <= set(page.furniture)
    assert "某市农业农村局关于2024年某项目绩效评价整改情况报告" in page.lines


def test_metadata_keys_spaced_out_and_a_line_naming_the_title():
    lines = ["http://www.example.gov.cn/gk/1.htm", "某市人民政府", "www.example.gov.cn",
             "某市统计局某某专项经费项目支出绩效自评表", "索  引  号 FK020/2024-000112 主题分类",
             "名        称 某市统计局某某专项经费项目支出绩效自评表", "文        号 发布日期 2024-09-26 12:55:40",
             "发文单位 某市统计局 发布机构 某市政府网", "项目支出绩效自评表", "项目名称 某某专项经费"]
    page = split_web_page(lines)
    kept = [line for line in page.lines if line.strip()]
    assert kept == ["某市人民政府", "某市统计局某某专项经费项目支出绩效自评表", "项目支出绩效自评表", "项目名称 某某专项经费"]
