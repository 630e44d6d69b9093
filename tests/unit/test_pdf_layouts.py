"""Rules of the PDF layout side (issue 10), each on a tiny page typeset here with reportlab."""
from __future__ import annotations

import io

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from pipeline.readers.pdf import read_pdf
from pipeline.readers.pdf_glyphs import quarter_turns
from schemas.document import Document, Table
from schemas.lexicon import TABLE_NOTE

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
W, H = 595.27, 841.89
BODY = ("项目实施后全县新增和改善供水人口三万余人，农村自来水普及率明显提高，群众长期存在的季节性缺水问题基本得到"
        "解决，工程建设和运行管理水平稳步提升，为乡村振兴提供了有力的供水保障。")


def text(c: canvas.Canvas, x: float, top: float, s: str, size: float = 10.0) -> None:
    c.setFont(FONT, size)
    c.drawString(x, H - top - size, s)


def rule(c: canvas.Canvas, x0: float, x1: float, top: float) -> None:
    c.setLineWidth(1)
    c.line(x0, H - top, x1, H - top)


def tables(data: bytes) -> list[Table]:
    return list(read_pdf(data, "t.pdf", "0" * 16).tables())


def doc(data: bytes) -> Document:
    return read_pdf(data, "t.pdf", "0" * 16)


def wrapped_threeline(c: canvas.Canvas, centred: bool) -> None:
    """序号 | 指标名称 | 目标值 | 得分: the name and target wrap onto two or three lines; the
    other cells are centred in their rows (or set at the row's top)."""
    xs = [72, 112, 232, 392, 452]
    rule(c, 72, 452, 100)
    for x, h in zip(xs, ["序号", "指标名称", "年度目标值", "得分"]):
        text(c, x + 3, 104, h)
    rule(c, 72, 452, 120)
    rows = [("1", ["新建及改造供水管网", "长度"], ["不少于一百二十公里"], "6"),
            ("2", ["农村集中供水水质检", "测达标率"], ["全年抽检达标率不低", "于百分之九十五并公", "开结果"], "5.2"),
            ("3", ["受益人口"], ["三万二千人"], "8")]
    top = 124.0
    for number, name, target, score in rows:
        n = max(len(name), len(target))
        for k, part in enumerate(name):
            text(c, xs[1] + 3, top + k * 14, part)
        for k, part in enumerate(target):
            text(c, xs[2] + 3, top + k * 14, part)
        mid = top + (n - 1) * 7 if centred else top
        text(c, xs[0] + 3, mid, number)
        text(c, xs[3] + 3, mid, score)
        top += n * 14 + 6
    rule(c, 72, 452, top)


@pytest.mark.parametrize("centred", [True, False])
def test_wrapped_cells_of_a_three_line_table_make_one_row(centred: bool) -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(W, H))
    wrapped_threeline(c, centred)
    c.save()
    (table,) = tables(buf.getvalue())
    assert [row[1] for row in table.body] == ["新建及改造供水管网长度", "农村集中供水水质检测达标率", "受益人口"]
    assert table.body[1][2] == "全年抽检达标率不低于百分之九十五并公开结果"
    assert [row[3] for row in table.body] == ["6", "5.2", "8"]


def test_a_note_under_a_table_cut_by_the_page_break_is_not_a_row() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(W, H))
    rule(c, 72, 452, 100)
    for x, h in zip([75, 195, 355], ["指标名称", "年度目标值", "完成值"]):
        text(c, x, 104, h)
    rule(c, 72, 452, 120)
    for k, row in enumerate([("供水管网长度", "120公里", "126公里"), ("水质达标率", "95%", "92.6%")]):
        for x, cell in zip([75, 195, 355], row):
            text(c, x, 126 + 20 * k, cell)
    text(c, 72, 172, "注：水质达标率为全年抽检结果。")  # no bottom rule: the table goes on
    c.save()
    (table,) = tables(buf.getvalue())
    assert len(table.body) == 2 and "注" not in "".join(sum(table.rows, ()))


@pytest.mark.parametrize("text_", ["注：得分率=得分÷分值×100%。", "注1：水质为抽检结果", "说明：…", "数据来源：财务系统"])
def test_table_note_pattern(text_: str) -> None:
    assert TABLE_NOTE.match(text_)


def test_table_note_pattern_rejects_text() -> None:
    assert not TABLE_NOTE.match("注重项目管理")


@pytest.mark.parametrize("matrix, turn", [((1, 0, 0, 1, 5, 5), 0), ((0, 1, -1, 0, 5, 5), 1),
                                          ((-1, 0, 0, -1, 5, 5), 2), ((0, -1, 1, 0, 5, 5), 3),
                                          ((0.7071, 0.7071, -0.7071, 0.7071, 0, 0), None), (None, 0)])
def test_quarter_turns_of_a_glyph(matrix: tuple[float, ...] | None, turn: int | None) -> None:
    assert quarter_turns(matrix) == turn


def test_a_page_set_sideways_reads_upright() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(W, H))
    c.saveState()
    c.translate(W, 0)
    c.rotate(90)  # the page's text now runs up the page
    for k in range(3):
        text(c, 72, 100 + 30 * k, f"（{'一二三'[k]}）第{k + 1}项工作按计划完成", 12)
    c.restoreState()
    text(c, W / 2, 800, "3")  # a page number left upright
    c.save()
    assert [p.text for p in doc(buf.getvalue()).paragraphs()] == [
        "（一）第1项工作按计划完成", "（二）第2项工作按计划完成", "（三）第3项工作按计划完成"]


def test_two_newspaper_columns_read_left_column_first() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(W, H))
    size, left, right, col = 10.0, 72.0, 312.0, 210.0
    per_line = int(col / size)
    lines = [BODY[i:i + per_line] for i in range(0, len(BODY), per_line)]
    text(c, left + 2 * size, 100, "一、主要成效", size)
    for k, ln in enumerate(lines):
        text(c, left, 118 + 18 * k, ln, size)
    text(c, right, 100, "二、存在的问题", size)
    for k, ln in enumerate(lines):
        text(c, right, 118 + 18 * k, ln, size)
    c.save()
    paragraphs = [p.text for p in doc(buf.getvalue()).paragraphs()]
    assert paragraphs[0] == "一、主要成效" and paragraphs[2] == "二、存在的问题"
    assert paragraphs[1] == paragraphs[3] == BODY
