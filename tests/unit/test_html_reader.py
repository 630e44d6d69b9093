"""The web-page reader on pages written as county government sites publish reports: GBK
bytes, the site's furniture around the article, tables with rowspan and colspan."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract import extract_data
from pipeline.readers.html import COLLAPSIBLE, DECLARED_CHARSET, SPAN_NUMBER, read_html
from pipeline.readers.html_furniture import NAME_WORD, is_furniture_name
from pipeline.readers.webpage import is_furniture
from pipeline.readers.sniff import is_html
from schemas.document import Paragraph, Table

ARTICLE = """
<p style="text-align:center"><strong>2023年度某某县文化馆免费开放项目<br/>绩效自评报告</strong></p>
<p>　　一、项目基本情况</p>
<p>　　某某县文化馆免费开放项目年初预算<span>50.00</span>万元，<br/>全年执行<span>49.50</span>万元。</p>
<p>表1 绩效指标完成情况</p>
<table border="1">
<thead><tr><th rowspan="2">一级指标</th><th rowspan="2">二级指标</th><th colspan="2">指标值</th><th rowspan="2">得分</th></tr>
<tr><th>年度目标</th><th>实际完成</th></tr></thead>
<tbody>
<tr><td rowspan="2">产出指标</td><td>数量指标</td><td>≥12场</td><td>14场</td><td>10</td></tr>
<tr><td>时效指标</td><td>100%</td><td>100%</td><td>10</td></tr>
<tr><td>满意度指标</td><td colspan="3">群众满意度 ≥90%，实际96%</td><td>9</td></tr>
</tbody></table>
<p>　　二、绩效分析</p>
"""

SITE_PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>绩效自评报告_某某县人民政府</title><style>.x{{color:red}}</style></head>
<body>
<div id="top">某某县人民政府 <a href="/">首页</a> <a href="/en">English</a> <a href="/wza">无障碍</a></div>
<div class="mainNav"><a href="/">首页</a><a href="/zwgk">政务公开</a><a href="/hd">互动交流</a></div>
<div class="bread-crumb">您现在的位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></div>
<div class="art">
<p>发布时间：2023-06-01　来源：县文化和旅游局　浏览次数：57</p>
{article}
<p>【字体：<a>大</a> <a>中</a> <a>小</a>】【打印本页】【关闭窗口】</p>
<p>分享到：<a>微信</a><a>微博</a></p>
</div>
<div class="copyright">主办单位：某某县人民政府办公室　滇ICP备05001234号</div>
<script>document.write('<p>脚本写出的文字</p>')</script>
</body></html>"""


def page(article: str = ARTICLE, template: str = SITE_PAGE, encoding: str = "gbk") -> bytes:
    return template.format(article=article).encode(encoding)


def test_the_report_alone_is_read_from_a_gbk_site_page() -> None:
    doc = read_html(page(), "report.html", "r")
    texts = [p.text for p in doc.paragraphs()]
    assert texts == ["2023年度某某县文化馆免费开放项目", "绩效自评报告", "一、项目基本情况",
                     "某某县文化馆免费开放项目年初预算50.00万元，", "全年执行49.50万元。", "二、绩效分析"]
    assert doc.source_format == "html" and doc.warnings == () and doc.page_count is None
    # what was dropped is kept as evidence, never as content
    assert doc.furniture[0] == "发布时间：2023-06-01来源：县文化和旅游局浏览次数：57"
    assert doc.furniture[1:] == ("【字体：大中小】【打印本页】【关闭窗口】", "分享到：微信微博")


def test_rowspan_and_colspan_repeat_the_cell_over_the_grid() -> None:
    (table,) = read_html(page(), "report.html", "r").tables()
    assert table.caption == "表1绩效指标完成情况" and table.header_rows == 2 and table.page is None
    assert table.rows == (
        ("一级指标", "二级指标", "指标值", "指标值", "得分"),
        ("一级指标", "二级指标", "年度目标", "实际完成", "得分"),
        ("产出指标", "数量指标", "≥12场", "14场", "10"),
        ("产出指标", "时效指标", "100%", "100%", "10"),
        ("满意度指标", "群众满意度≥90%，实际96%", "群众满意度≥90%，实际96%", "群众满意度≥90%，实际96%", "9"))


def test_the_page_extracts_like_a_report() -> None:
    result = extract_data(page(), "report.html", Path("report.html"))
    report = result.report
    assert report["title"] == "2023年度某某县文化馆免费开放项目绩效自评报告"
    assert report["source_format"] == "html" and report["status"] == "ok"
    assert [s["heading"] for s in result.rows["sections"]] == ["项目基本情况", "绩效分析"]


def test_an_undeclared_charset_is_sniffed_and_a_wrong_one_is_warned() -> None:
    bare = "<html><body>{article}</body></html>"
    doc = read_html(page(template=bare, encoding="gb18030"), "r.htm", "r")
    assert next(doc.paragraphs()).text == "2023年度某某县文化馆免费开放项目"
    wrong = '<html><head><meta charset="utf-8"></head><body>{article}</body></html>'
    doc = read_html(page(template=wrong, encoding="gbk"), "r.htm", "r")
    assert next(doc.paragraphs()).text == "2023年度某某县文化馆免费开放项目"
    assert [(w.code, w.message) for w in doc.warnings] == [
        ("charset_mismatch", "web page: declares charset utf-8 but reads as gb18030")]


def test_a_page_named_txt_or_xls_is_read_as_html() -> None:
    for name in ("scraped.txt", "form.xls"):
        result = extract_data(page(), name, Path(name))
        assert result.report["source_format"] == "html"
        assert result.report["warnings"][0].startswith(f"mislabelled file: named {Path(name).suffix}")
        assert len(result.rows["tables"]) > 0


def test_a_layout_table_is_read_as_blocks_around_the_data_table() -> None:
    layout = ('<html><body><table width="980"><tr><td class="left"><a href="/1">通知公告</a>'
              '<a href="/2">政策文件</a><a href="/3">财政资金</a></td><td>{article}</td></tr></table>'
              '</body></html>')
    doc = read_html(page(template=layout), "r.html", "r")
    assert [type(e).__name__ for e in doc.elements()][:3] == ["Paragraph", "Paragraph", "Paragraph"]
    assert len(list(doc.tables())) == 1 and "通知公告" not in repr(list(doc.elements()))
    assert doc.furniture == ("通知公告政策文件财政资金",)  # printed before the report's title


def test_a_page_without_text_is_refused() -> None:
    result = extract_data(b"<html><body><img src='scan.jpg'></body></html>", "p.html", Path("p.html"))
    assert result.status == "failed" and "without text" in result.report["warnings"][0]


def test_pattern_examples() -> None:
    assert DECLARED_CHARSET.search(b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">').group(1) == b"gb2312"
    assert DECLARED_CHARSET.search(b'<meta charset="gbk">').group(1) == b"gbk"
    assert DECLARED_CHARSET.search(b'<?xml version="1.0" encoding="GB18030"?>').group(2) == b"GB18030"
    assert SPAN_NUMBER.match(' 3px').group(1) == "3" and SPAN_NUMBER.match("2").group(1) == "2"
    assert COLLAPSIBLE.sub(" ", "a \n\t b") == "a b"
    for html in (b"<!DOCTYPE html><html>", b'\xef\xbb\xbf <html xmlns:o="urn:schemas-microsoft-com:office:office">',
                 b"<head></head>", b'<meta charset="gbk"><body>', b'<?xml version="1.0"?>\n<html>'):
        assert is_html(html), html
    assert not is_html("2023年度 <5% 的偏差".encode())
    assert NAME_WORD.findall("bread-crumb mainNav") == ["bread", "crumb", "main", "Nav"]
    assert is_furniture_name("bread-crumb") and is_furniture_name("mainNav") and is_furniture_name("bdshare_t")
    assert not is_furniture_name("article-content") and not is_furniture_name("zoom")
    for line in ("您现在的位置：首页 > 政务公开", "当前位置：首页", "发布时间：2023-05-12 来源：县财政局 浏览次数：128",
                 "【字体：大 中 小】", "分享到：", "【打印本页】【关闭窗口】", "上一篇：关于…", "主办单位：某某县人民政府",
                 "版权所有", "Copyright © 2023", "滇ICP备05001234号", "网站标识码：5309230001", "扫一扫在手机打开当前页",
                 "【字体：大 中 小】【打印本页】【关闭窗口】"):
        assert is_furniture(line) or line == "【打印本页】【关闭窗口】", line  # the lexicon's words
    for line in ("来源于财政拨款的资金50万元。", "一、项目基本情况", "发布会共举办3场", "字体采用仿宋"):
        assert not is_furniture(line), line


def test_sample_form_page_is_a_table_with_merged_cells() -> None:
    path = Path(__file__).resolve().parents[2] / "data" / "raw" / "yongde-minglang-2022-project-selfeval.html"
    doc = read_html(path.read_bytes(), path.name, "r")
    first, table = list(doc.elements())
    assert isinstance(first, Paragraph) and first.text == "2022年度项目支出绩效自评表"
    assert isinstance(table, Table)
    first_level = [row[0] for row in table.rows if row[2] in ("学生受资助人数", "营养改善计划覆盖率")]
    assert first_level == ["产出指标", "产出指标"]  # rowspan repeated


@pytest.mark.parametrize("charset", ["gbk", "gb2312", "GB18030", "big5"])
def test_declared_chinese_charsets_decode(charset: str) -> None:
    encoding = "big5" if charset == "big5" else "gb18030"
    text = "<html><head><meta charset='%s'></head><body><p>績效自評報告</p></body></html>" % charset
    doc = read_html(text.encode(encoding), "p.html", "r")
    assert next(doc.paragraphs()).text == "績效自評報告"


def test_the_page_address_it_states_is_its_source_url() -> None:
    canonical = ('<html><head><link rel="canonical" href="https://www.example.gov.cn/art/2023/6/1/art_1.html">'
                 '</head><body>{article}</body></html>')
    result = extract_data(page(template=canonical, encoding="utf-8"), "p.html", Path("p.html"))
    assert result.report["source_url"] == "https://www.example.gov.cn/art/2023/6/1/art_1.html"
    assert read_html(page(), "p.html", "r").source_url is None


def test_what_the_page_hides_is_not_read() -> None:
    hidden = ('<html><body><p>2023年度某某项目绩效自评报告</p><p style="display: none">隐藏的段落</p>'
              '<table><tr><td>指标</td><td style="display:none">内部</td><td>得分</td></tr>'
              '<tr><td>数量指标</td><td style="display:none">x</td><td>10</td></tr></table></body></html>')
    doc = read_html(hidden.encode(), "p.html", "r")
    assert [p.text for p in doc.paragraphs()] == ["2023年度某某项目绩效自评报告"]
    assert next(doc.tables()).rows == (("指标", "得分"), ("数量指标", "10"))
