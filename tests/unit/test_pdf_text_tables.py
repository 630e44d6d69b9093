"""Tables whose rows or columns come from their text (issue 10): borderless tables, rows cut
from what each column's lines say, merged group names, tables crossing page breaks and
newspaper columns. Each rule on a tiny page typeset here with reportlab."""
from __future__ import annotations

import io
from typing import Sequence

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from pipeline.readers.pdf import read_pdf
from pipeline.readers.pdf_glyphs import TextLine
from pipeline.readers.pdf_layout import PageLayout, pages_to_frames
from schemas.document import Document, Table

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
W, H = 595.27, 841.89
CELL = 10.0  # table text
BODY = 12.0  # running text
PARA = ("项目实施后全县新增和改善供水人口三万余人，农村自来水普及率明显提高，群众长期存在的季节性缺水"
        "问题基本得到解决。")


class Sheet:
    """A reportlab canvas addressed from the page's top, one page after another."""

    def __init__(self) -> None:
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=(W, H))
        self.page = 1

    def text(self, x: float, top: float, s: str, size: float = CELL) -> None:
        self.c.setFont(FONT, size)
        self.c.drawString(x, H - top - size, s)

    def rule(self, x0: float, x1: float, top: float) -> None:
        self.c.setLineWidth(1)
        self.c.line(x0, H - top, x1, H - top)

    def paragraph(self, top: float, text: str = PARA, left: float = 72.0, chars: int = 36) -> float:
        """Running text from `top`, `chars` characters a line; the top of the next line after it."""
        lines = [text[:chars - 2]] + [text[k:k + chars] for k in range(chars - 2, len(text), chars)]
        for k, line in enumerate(lines):
            self.text(left + (2 * BODY if k == 0 else 0), top, line, BODY)
            top += 1.7 * BODY
        return top

    def new_page(self) -> None:
        self.text(W / 2, 800, str(self.page), BODY)  # the page number
        self.c.showPage()
        self.page += 1

    def pdf(self) -> Document:
        self.new_page()
        self.c.save()
        return read_pdf(self.buf.getvalue(), "t.pdf", "0" * 16)


def rows_at(sheet: Sheet, xs: Sequence[float], top: float, rows: Sequence[Sequence[str | list[str]]],
            centred: bool = True, pitch: float = 14.0, gap: float = 6.0) -> float:
    """Rows of cells (a list of strings is a wrapped cell), each cell centred in its row (or
    at its top); the top of what follows."""
    for row in rows:
        parts = [c if isinstance(c, list) else [c] for c in row]
        n = max(len(p) for p in parts)
        for x, lines in zip(xs, parts):
            first = top + (n - len(lines)) * pitch / 2 if centred else top
            for k, line in enumerate(lines):
                if line:
                    sheet.text(x, first + k * pitch, line)
        top += n * pitch + gap
    return top


def only_table(doc: Document) -> Table:
    (table,) = doc.tables()
    return table


# --- borderless tables ---------------------------------------------------------------------

XS = [75.0, 115.0, 265.0, 365.0]  # 序号 | 指标名称 | 年度目标值 | 完成值


def test_a_table_without_rules_is_found_from_its_column_titles() -> None:
    sheet = Sheet()
    top = sheet.paragraph(100)
    rows_at(sheet, XS, top + 10, [["序号", "指标名称", "年度目标值", "完成值"]])
    after = rows_at(sheet, XS, top + 30, [
        ["1", ["新建及改造供水管网", "长度"], "不少于120公里", "126.4公里"],
        ["2", "受益农村人口", "不少于3.2万人", "3.46万人"],
        ["3", ["农村集中供水水质检", "测达标率"], ["全年抽检达标率不低", "于百分之九十五"], "92.6%"]])
    sheet.text(72, after + 4, "注：达标率为全年抽检结果。", CELL)
    sheet.paragraph(after + 30)
    doc = sheet.pdf()
    table = only_table(doc)
    assert table.rows[0] == ("序号", "指标名称", "年度目标值", "完成值")
    assert [r[1] for r in table.body] == ["新建及改造供水管网长度", "受益农村人口", "农村集中供水水质检测达标率"]
    assert table.body[2][2] == "全年抽检达标率不低于百分之九十五"
    assert [p.text for p in doc.paragraphs()] == [PARA, "注：达标率为全年抽检结果。", PARA]


def test_label_value_lines_are_no_table() -> None:
    sheet = Sheet()
    sheet.text(72, 100, "项目名称：农村供水保障工程", BODY)
    sheet.text(320, 100, "主管部门：县水利局", BODY)
    sheet.text(72, 124, "实施单位：县水务集团", BODY)
    sheet.text(320, 124, "项目负责人：王明", BODY)
    sheet.paragraph(160)
    assert not list(sheet.pdf().tables())


def test_a_borderless_table_goes_on_at_the_top_of_the_next_page() -> None:
    sheet = Sheet()
    rows_at(sheet, XS, 600, [["序号", "指标名称", "年度目标值", "完成值"]])
    rows_at(sheet, XS, 620, [["1", "供水管网长度", "120公里", "126.4公里"], ["2", "受益人口", "3.2万人", "3.46万人"]])
    sheet.new_page()
    after = rows_at(sheet, XS, 100, [["3", "水质达标率", "95%", "92.6%"], ["4", "群众满意度", "90%", "93.8%"]])
    sheet.paragraph(after + 20)
    table = only_table(sheet.pdf())
    assert [r[1] for r in table.body] == ["供水管网长度", "受益人口", "水质达标率", "群众满意度"]
    assert table.row_pages[-1] == 2


# --- rows of three-line tables -------------------------------------------------------------

def test_a_full_name_line_over_a_wrapped_name_makes_two_rows() -> None:
    """二级指标 | 三级指标 | 指标值, no number column: a one-line name that fills its column is
    followed by a name wrapped onto two lines with its value centred between them."""
    xs = [75.0, 155.0, 315.0]
    sheet = Sheet()
    sheet.rule(72, 460, 100)
    rows_at(sheet, xs, 104, [["二级指标", "三级指标", "指标值"]])
    sheet.rule(72, 460, 122)
    bottom = rows_at(sheet, xs, 126, [
        ["数量指标", "院士专家工作站管理服务数", "36家"],
        ["", ["科普工作直接和间接受科普传播", "总人数"], "1500万人次以上"],
        ["", "科协智库研究专题数", "2个"]], pitch=14.0, gap=0.0)
    sheet.rule(72, 460, bottom + 2)
    table = only_table(sheet.pdf())
    assert [r[1] for r in table.body] == ["院士专家工作站管理服务数", "科普工作直接和间接受科普传播总人数",
                                          "科协智库研究专题数"]
    assert [r[2] for r in table.body] == ["36家", "1500万人次以上", "2个"]


def test_a_line_ending_with_a_semicolon_goes_on_in_its_cell() -> None:
    xs = [75.0, 215.0]  # the second column wraps at 305
    sheet = Sheet()
    sheet.rule(72, 308, 100)
    rows_at(sheet, xs, 104, [["三级指标", "年度目标值"]])
    sheet.rule(72, 308, 122)
    bottom = rows_at(sheet, xs, 126, [
        ["精品课程建设数量", ["新建示范课程6门；", "在线课程25门以上"]],
        ["重点实验室", "1个"]], gap=0.0)
    sheet.rule(72, 308, bottom + 2)
    table = only_table(sheet.pdf())
    assert table.body[0] == ("精品课程建设数量", "新建示范课程6门；在线课程25门以上")


def test_a_merged_group_name_between_its_rows_names_every_row_of_its_group() -> None:
    """一级指标 printed once, centred over its rows: between the two rows of 过程 and on the
    middle one of the three rows of 产出."""
    xs = [75.0, 135.0, 355.0, 415.0]
    sheet = Sheet()
    sheet.rule(72, 460, 100)
    rows_at(sheet, xs, 104, [["一级指标", "三级指标", "分值", "得分"]])
    sheet.rule(72, 460, 122)
    top = 126.0
    rows = [("资金使用合规性", "5", "4.5"), ("预算执行率", "5", "4.67"), ("管网长度", "6", "6"),
            ("水质达标率", "6", "5.2"), ("完工情况", "5", "3.8")]
    for k, row in enumerate(rows):
        rows_at(sheet, xs[1:], top + 20 * k, [row])
    sheet.text(xs[0], top + 10, "过程")  # between rows 1 and 2
    sheet.text(xs[0], top + 60, "产出")  # on row 4, the middle of rows 3-5
    sheet.rule(72, 460, top + 100)
    table = only_table(sheet.pdf())
    assert [r[0] for r in table.body] == ["过程", "过程", "产出", "产出", "产出"]
    assert [r[3] for r in table.body] == ["4.5", "4.67", "6", "5.2", "3.8"]


def test_a_partial_last_rule_with_nothing_below_is_the_bottom_rule() -> None:
    """LibreOffice draws a table's bottom border under only the cells that end there."""
    sheet = Sheet()
    sheet.rule(72, 460, 100)
    rows_at(sheet, XS, 104, [["序号", "指标名称", "年度目标值", "完成值"]])
    sheet.rule(72, 460, 122)
    bottom = rows_at(sheet, XS, 126, [["1", "供水管网长度", "120公里", "126.4公里"],
                                     ["2", "受益人口", "3.2万人", "3.46万人"]])
    sheet.rule(72, 110, bottom)  # under the first column only
    sheet.paragraph(bottom + 20)
    table = only_table(sheet.pdf())
    assert [r[1] for r in table.body] == ["供水管网长度", "受益人口"]


def test_a_head_alone_at_the_foot_of_a_page_joins_the_rows_on_the_next() -> None:
    sheet = Sheet()
    sheet.paragraph(100)
    sheet.rule(72, 460, 700)
    rows_at(sheet, XS, 704, [["序号", "指标名称", "年度目标值", "完成值"]])
    sheet.rule(72, 460, 722)
    sheet.new_page()
    sheet.rule(72, 460, 100)
    rows_at(sheet, XS, 104, [["序号", "指标名称", "年度目标值", "完成值"]])
    sheet.rule(72, 460, 122)
    bottom = rows_at(sheet, XS, 126, [["1", "供水管网长度", "120公里", "126.4公里"],
                                     ["2", "受益人口", "3.2万人", "3.46万人"]])
    sheet.rule(72, 460, bottom)
    table = only_table(sheet.pdf())
    assert table.header_rows == 1 and table.rows[0][1] == "指标名称"
    assert [r[1] for r in table.body] == ["供水管网长度", "受益人口"]


# --- newspaper columns ---------------------------------------------------------------------

def test_a_table_going_on_in_the_next_newspaper_column_is_one_table() -> None:
    """Two columns under a full-width title; a three-line table fills the foot of the left
    column and goes on, its header repeated, at the top of the right one."""
    left, right, col = 72.0, 310.0, 213.0
    xs = [3.0, 33.0, 143.0]  # 序号 | 指标名称 | 得分, from the column's edge
    sheet = Sheet()
    sheet.text(left, 40, "附件2", BODY)
    sheet.text(W / 2 - 6.5 * 18, 62, "清河县农村供水保障工程项目", 18)  # a title over both columns
    sheet.text(W / 2 - 3 * 18, 88, "绩效评价报告", 18)
    top = sheet.paragraph(130, PARA * 3, left=left, chars=17)
    for x, first, rows in ((left, top + 10, [("1", "供水管网长度", "6"), ("2", "受益人口", "8")]),
                           (right, 130.0, [("3", "水质达标率", "5.2"), ("4", "群众满意度", "9.38")])):
        sheet.rule(x, x + col, first)
        rows_at(sheet, [x + d for d in xs], first + 4, [["序号", "指标名称", "得分"]])
        sheet.rule(x, x + col, first + 22)
        bottom = rows_at(sheet, [x + d for d in xs], first + 26, rows)
    sheet.rule(right, right + col, bottom)
    sheet.paragraph(bottom + 20, PARA * 2, left=right, chars=17)
    doc = sheet.pdf()
    table = only_table(doc)
    assert [r[1] for r in table.body] == ["供水管网长度", "受益人口", "水质达标率", "群众满意度"]
    assert [r[2] for r in table.body] == ["6", "8", "5.2", "9.38"]
    paragraphs = [p.text for p in doc.paragraphs()]
    assert paragraphs == ["附件2", "清河县农村供水保障工程项目绩效评价报告", PARA * 3, PARA * 2]


def test_hanging_commas_a_title_and_a_page_number_do_not_hide_the_gutter() -> None:
    """Two columns of 10pt text, 21 characters wide, 18pt apart: lines ending in a comma let it
    hang past the column's edge, beyond the middle of the gutter; a title runs over both
    columns and the page number sits centred under the gutter."""
    size, left, right, chars = 10.0, 72.0, 300.0, 21
    text = (PARA + "评价组认为，") * 3
    sheet = Sheet()
    sheet.text(180, 72, "农村供水保障工程绩效评价报告", 18)
    for x in (left, right):
        top = 110.0
        for k in range(0, len(text), chars):
            line = text[k:k + chars]
            tail = "，" if k // chars % 2 == 1 else ""
            sheet.text(x, top, line + tail, size)
            top += 1.6 * size
    doc = sheet.pdf()
    texts = [p.text for p in doc.paragraphs()]
    assert texts[0] == "农村供水保障工程绩效评价报告"
    # the left column is read whole before the right one
    assert texts[1].startswith(text[:chars]) and text[chars:2 * chars] in texts[1]
    assert not any(text[:chars] + text[:chars] in t for t in texts)


def test_a_full_width_title_over_newspaper_columns_takes_the_columns_margins() -> None:
    """The strip of a two-column page above its columns (a title) has no running text of its
    own to show its margins: they are the left column's left and the right column's right."""
    def line(x0: float, x1: float, top: float, size: float = BODY) -> TextLine:
        return TextLine((), "字" * int((x1 - x0) / size), x0, x1, top, top + size, size, False)

    def part(lines: list[TextLine], column: tuple[float, float]) -> PageLayout:
        return PageLayout(1, W, H, tuple(lines), (), 100, 0.0, column=column)

    title = part([line(200, 400, 60, 18)], (0.0, W))
    left = part([line(72, 282, 120 + 20 * k) for k in range(5)], (0.0, 297.0))
    right = part([line(312, 522, 120 + 20 * k) for k in range(5)], (297.0, W))
    frames = pages_to_frames([title, left, right])
    assert (frames[title.frame_key].left, frames[title.frame_key].right) == (72, 522)
    assert (frames[left.frame_key].left, frames[left.frame_key].right) == (72, 282)
