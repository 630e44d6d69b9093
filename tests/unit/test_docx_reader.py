"""The .docx reader on real Word files written in the test with python-docx (numbering, merged
cells, text boxes, nested tables, headers and footers added as Word writes them)."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document as WordDocument
from docx.oxml import parse_xml
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import nsdecls

from pipeline.extract import extract_data
from pipeline.readers.docx import read_docx
from pipeline.readers.docx_numbering import LEVEL_PLACEHOLDER, chinese_counting, format_number
from pipeline.readers.errors import UnreadableDocument
from schemas.document import Paragraph, Table

W_NS = nsdecls("w")


def saved(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def add_list(doc, formats: list[tuple[str, str]]) -> str:
    """A list definition with one level per (numFmt, lvlText), as Word writes it; its numId."""
    numbering = doc.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>'
        for i, (fmt, text) in enumerate(formats))
    numbering.insert(0, parse_xml(f'<w:abstractNum {W_NS} w:abstractNumId="90">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def numbered(doc, text: str, num_id: str, level: int):
    p = doc.add_paragraph(text)
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def test_word_list_numbers_are_written_into_the_text() -> None:
    doc = WordDocument()
    num = add_list(doc, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")])
    numbered(doc, "项目概况", num, 0)
    numbered(doc, "项目背景", num, 1)
    numbered(doc, "立项依据", num, 2)
    numbered(doc, "资金情况", num, 1)
    numbered(doc, "绩效分析", num, 0)
    numbered(doc, "决策情况", num, 1)
    texts = [p.text for p in read_docx(saved(doc), "r.docx", "r").paragraphs()]
    assert texts == ["一、项目概况", "（一）项目背景", "1.立项依据", "（二）资金情况", "二、绩效分析", "（一）决策情况"]


def test_headings_keep_their_outline_level_and_numbered_sections_are_found() -> None:
    doc = WordDocument()
    num = add_list(doc, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")])
    heading = doc.add_heading("2023年度某某项目绩效评价报告", level=1)
    assert heading.style.name == "Heading 1"
    numbered(doc, "项目基本情况", num, 0)
    doc.add_paragraph("某某项目于2023年实施，年初预算100万元。")
    numbered(doc, "绩效目标", num, 1)
    doc.add_paragraph("完成培训500人次。")
    paragraphs = list(read_docx(saved(doc), "r.docx", "r").paragraphs())
    assert paragraphs[0].outline_level == 0 and paragraphs[1].outline_level is None
    result = extract_data(saved(doc), "r.docx", Path("r.docx"))
    sections = [(s["level"], s["number"], s["heading"], s["page_start"]) for s in result.rows["sections"]]
    assert sections == [(1, "一", "项目基本情况", None), (2, "（一）", "绩效目标", None)]
    assert result.report["source_format"] == "docx" and result.report["page_count"] is None


def test_merged_cells_are_repeated_in_every_grid_position() -> None:
    doc = WordDocument()
    t = doc.add_table(rows=4, cols=4)
    for c, title in enumerate(["一级指标", "二级指标", "分值", "得分"]):
        t.cell(0, c).text = title
    t.cell(1, 0).merge(t.cell(3, 0)).text = "产出指标"  # vMerge over three rows
    t.cell(1, 1).text, t.cell(1, 2).text, t.cell(1, 3).text = "数量指标", "10", "9"
    t.cell(2, 1).text, t.cell(2, 2).text, t.cell(2, 3).text = "质量指标", "10", "10"
    t.cell(3, 1).merge(t.cell(3, 3)).text = "无"  # gridSpan over three columns
    (table,) = read_docx(saved(doc), "r.docx", "r").tables()
    assert table.rows == (("一级指标", "二级指标", "分值", "得分"),
                          ("产出指标", "数量指标", "10", "9"),
                          ("产出指标", "质量指标", "10", "10"),
                          ("产出指标", "无", "无", "无"))
    assert table.page is None and table.header_rows == 1


def test_headers_footers_stay_out_and_text_boxes_and_nested_tables_stay_in() -> None:
    doc = WordDocument()
    section = doc.sections[0]
    section.header.paragraphs[0].text = "某某单位内部资料"
    section.footer.paragraphs[0].text = "— 1 —"
    anchor = doc.add_paragraph("正文第一段。")
    namespaces = (f'{W_NS} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
                  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
                  'xmlns:v="urn:schemas-microsoft-com:vml"')
    box = parse_xml(
        f'<mc:AlternateContent {namespaces}><mc:Choice Requires="wps"><w:drawing>'
        '<wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框里的说明</w:t></w:r></w:p></w:txbxContent></wps:txbx>'
        '</w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r>'
        '<w:t>文本框里的说明</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback>'
        '</mc:AlternateContent>')
    anchor.add_run()._r.append(box)
    outer = doc.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "外层单元格"
    inner = outer.cell(0, 1).add_table(rows=2, cols=2)
    for r, row in enumerate([["名称", "金额"], ["培训费", "12.5"]]):
        for c, text in enumerate(row):
            inner.cell(r, c).text = text
    read = read_docx(saved(doc), "r.docx", "r")
    texts = [p.text for p in read.paragraphs()]
    assert texts == ["正文第一段。", "文本框里的说明"]  # the box once, not its fallback copy too
    assert not any("内部资料" in t or "— 1 —" in t for t in texts)
    tables = list(read.tables())
    assert tables[0].rows[0][0] == "外层单元格"
    assert tables[1].rows == (("名称", "金额"), ("培训费", "12.5"))


def test_caption_and_unit_line_move_onto_their_table() -> None:
    doc = WordDocument()
    doc.add_paragraph("表1 2023年预算执行情况")
    doc.add_paragraph("单位：万元")
    t = doc.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "年初预算数", "执行数"
    t.cell(1, 0).text, t.cell(1, 1).text = "100.00", "98.50"
    doc.add_paragraph("预算执行率98.5%。")
    read = read_docx(saved(doc), "r.docx", "r")
    (table,) = read.tables()
    assert table.caption == "表1 2023年预算执行情况" and table.notes == ("单位：万元",)
    assert [p.text for p in read.paragraphs()] == ["预算执行率98.5%。"]


def test_a_line_break_inside_a_paragraph_makes_two_lines_of_one_paragraph() -> None:
    doc = WordDocument()
    p = doc.add_paragraph()
    run = p.add_run("2023中国创新创业成果交易会项目")
    run.bold = True
    run.add_break()
    p.add_run("绩效评价报告").bold = True
    (para,) = read_docx(saved(doc), "r.docx", "r").paragraphs()
    assert para.text == "2023中国创新创业成果交易会项目绩效评价报告"
    assert [ln.text for ln in para.lines] == ["2023中国创新创业成果交易会项目", "绩效评价报告"] and para.bold


def test_damaged_and_empty_word_files_are_refused_with_a_reason() -> None:
    doc = WordDocument()
    doc.add_paragraph("正文。" * 2000)
    truncated = saved(doc)[:-3000]  # a download cut short: no central directory
    with pytest.raises(UnreadableDocument, match="damaged zip"):
        read_docx(truncated, "r.docx", "r")
    with pytest.raises(UnreadableDocument, match="without text"):
        read_docx(saved(WordDocument()), "r.docx", "r")
    result = extract_data(truncated, "r.docx", Path("r.docx"))
    assert result.status == "failed" and "damaged zip" in result.report["warnings"][0]
    assert result.report["source_format"] == "docx"


@pytest.mark.parametrize("n, fmt, shown", [
    (3, "chineseCounting", "三"), (12, "chineseCounting", "十二"), (20, "chineseCountingThousand", "二十"),
    (105, "chineseCounting", "一百〇五"), (3, "decimalEnclosedCircle", "③"), (2, "decimalEnclosedParen", "⑵"),
    (4, "upperLetter", "D"), (4, "lowerRoman", "iv"), (7, "decimalFullWidth", "７"), (3, "ideographTraditional", "丙"),
    (11, "decimal", "11"), (2, "chineseLegalSimplified", "贰")])
def test_counters_are_written_as_word_writes_them(n: int, fmt: str, shown: str) -> None:
    assert format_number(n, fmt) == shown


def test_level_placeholder_example() -> None:
    assert LEVEL_PLACEHOLDER.sub("一", "（%1）") == "（一）"
    assert chinese_counting(99) == "九十九"


def test_the_shared_reports_read_from_docx_as_from_pdf() -> None:
    """Headings and tables of a shared report typeset in Word (../shared/corpus/docx)."""
    path = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "docx" / "000_dc3cdc6d3122cc60.docx"
    if not path.exists():
        pytest.skip("../shared/corpus/docx is not beside the repository")
    result = extract_data(path.read_bytes(), path.name, path)
    report = result.report
    assert (report["source_format"], report["total_score"], report["grade"]) == ("docx", 91.48, "优")
    headings = [(s["number"], s["heading"]) for s in result.rows["sections"] if s["level"] == 1]
    assert headings == [("一", "评价项目概述"), ("二", "评价结论与绩效分析"), ("三", "项目主要绩效或经验做法"),
                        ("四", "存在问题或不足"), ("五", "相关建议")]
    assert all(s["page_start"] is None for s in result.rows["sections"])
    assert isinstance(next(iter(read_docx(path.read_bytes(), path.name, "r").elements())), Paragraph)
    assert any(isinstance(t, Table) for t in read_docx(path.read_bytes(), path.name, "r").tables())


def test_contents_hidden_text_and_unfilled_prompts_are_not_read() -> None:
    doc = WordDocument()
    contents = doc.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)  # Word's contents entry
    doc.add_paragraph("一、项目概况\t1", style=contents)
    p = doc.add_paragraph("正文")
    hidden = p.add_run("（隐藏的批注）")
    hidden.font.hidden = True
    prompt = parse_xml(
        f'<w:sdt {W_NS}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r>'
        '<w:t>单击或点击此处输入文字。</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    filled = parse_xml(
        f'<w:sdt {W_NS}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>填写的内容</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    body = doc.element.body
    body.insert(len(body) - 1, prompt)
    body.insert(len(body) - 1, filled)
    assert [p.text for p in read_docx(saved(doc), "r.docx", "r").paragraphs()] == ["正文", "填写的内容"]


def test_heading_styles_linked_to_a_multilevel_list_are_numbered() -> None:
    """Word's 多级列表 linked to 标题 1/标题 2: the styles carry the list, each level names its style."""
    doc = WordDocument()
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {W_NS} w:abstractNumId="91">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="Heading1"/>'
        '<w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="Heading2"/>'
        '<w:lvlText w:val="（%2）"/><w:suff w:val="space"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
    for name in ("Heading 1", "Heading 2"):
        doc.styles[name].element.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {W_NS}><w:numId w:val="91"/></w:numPr>'))
    doc.add_heading("项目基本情况", level=1)
    doc.add_heading("项目概况", level=2)
    doc.add_heading("项目绩效目标", level=2)
    doc.add_heading("绩效评价工作开展情况", level=1)
    texts = [(p.text, p.outline_level) for p in read_docx(saved(doc), "r.docx", "r").paragraphs()]
    assert texts == [("一、项目基本情况", 0), ("（一）项目概况", 1), ("（二）项目绩效目标", 1),
                     ("二、绩效评价工作开展情况", 0)]


def with_footnote(docx: bytes, text: str) -> bytes:
    """The package with a footnotes part holding ``text`` as footnote 1, as Word stores it."""
    import zipfile

    footnotes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {W_NS}>'
                 f'<w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote></w:footnotes>')
    rel = ('<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
           'relationships/footnotes" Target="footnotes.xml"/>')
    override = ('<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.wordprocessingml.footnotes+xml"/>')
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", override.encode() + b"</Types>")
            target.writestr(item, data)
        target.writestr("word/footnotes.xml", footnotes)
    return out.getvalue()


def test_footnotes_stay_out_of_the_body() -> None:
    doc = WordDocument()
    p = doc.add_paragraph("项目资金到位率100%")
    p.add_run()._r.append(parse_xml(f'<w:footnoteReference {W_NS} w:id="1"/>'))
    p.add_run("。")
    data = with_footnote(saved(doc), "数据来源：县财政局国库支付系统。")
    assert WordDocument(io.BytesIO(data)).part.package is not None  # Word would open it
    assert [p.text for p in read_docx(data, "r.docx", "r").paragraphs()] == ["项目资金到位率100%。"]
