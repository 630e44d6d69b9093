"""The PDF reader, one rule per test, on tiny PDFs typeset here with reportlab.

CJK text uses reportlab's built-in CID font STSong-Light (no font file needed; pdfplumber
extracts its text). Pages are A4 with a 30-character text column (12pt), laid out the way
Word lays out an official document: justified lines, two-character first-line indents.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Sequence

import pytest
from PIL import Image
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from pipeline.readers.errors import UnreadableDocument
from pipeline.readers.pdf import PdfSettings, read_pdf
from pipeline.readers.pdf_glyphs import font_is_bold
from schemas.lexicon import CAPTION, NUMBER_CELL, PAGE_NUMBER, UNIT_LINE
from schemas.document import Document, Paragraph, Table

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
WIDTH, HEIGHT = 595.27, 841.89
SIZE = 12.0
LEFT, RIGHT = 72.0, 72.0 + 30 * SIZE  # a 30-character column
TOP, BOTTOM = 100.0, 740.0
PITCH = 1.8 * SIZE

LONG = ("为深入贯彻落实预算绩效管理的有关要求，评价组对项目的决策、过程、产出和效益开展了全面"
        "评价，形成本报告，经综合评定，项目绩效评价得分九十一分，评定等级为优。")
# A cell text that needs two lines in a 10-character column: `A`, then `B` below it.
MERGED = "效率性"


@dataclass
class Sheet:
    """A reportlab canvas addressed in PDF-reader coordinates (points from the page top)."""

    buf: io.BytesIO = field(default_factory=io.BytesIO)
    y: float = TOP
    header: str | None = None
    footer: str | None = None  # `{page}` is replaced by the page number
    page: int = 1

    def __post_init__(self) -> None:
        self.c = canvas.Canvas(self.buf, pagesize=(WIDTH, HEIGHT))
        self.furniture()

    def text(self, x: float, top: float, s: str, size: float = SIZE) -> None:
        self.c.setFont(FONT, size)
        self.c.drawString(x, HEIGHT - top - size, s)

    def rule(self, x0: float, top: float, x1: float, bottom: float) -> None:
        self.c.setLineWidth(0.5)
        self.c.line(x0, HEIGHT - top, x1, HEIGHT - bottom)

    def furniture(self) -> None:
        if self.header:
            self.text(LEFT, 40, self.header, 9)
        if self.footer:
            label = self.footer.format(page=self.page)
            self.text((WIDTH - pdfmetrics.stringWidth(label, FONT, 10)) / 2, 790, label, 10)

    def new_page(self) -> None:
        self.c.showPage()
        self.page += 1
        self.y = TOP
        self.furniture()

    def paragraph(self, s: str, indent: int = 2, size: float = SIZE) -> None:
        """Typeset a paragraph: greedy wrap at the right margin, first line indented."""
        x0 = LEFT + indent * size
        line = ""
        for ch in s:
            if x0 + pdfmetrics.stringWidth(line + ch, FONT, size) > RIGHT + 0.01:
                self.emit(x0, line, size)
                x0, line = LEFT, ""
            line += ch
        if line:
            self.emit(x0, line, size)

    def emit(self, x0: float, line: str, size: float) -> None:
        if self.y + size > BOTTOM:
            self.new_page()
        self.text(x0, self.y, line, size)
        self.y += PITCH * size / SIZE

    def centred(self, s: str, size: float = SIZE) -> None:
        self.text((WIDTH - pdfmetrics.stringWidth(s, FONT, size)) / 2, self.y, s, size)
        self.y += PITCH * size / SIZE

    def grid_table(self, rows: Sequence[Sequence[str]], widths: Sequence[float], row_h: float = 24.0) -> None:
        """A fully ruled table; "^" marks a position merged with the cell above."""
        xs = [LEFT]
        for w in widths:
            xs.append(xs[-1] + w)
        top = self.y
        ys = [top + r * row_h for r in range(len(rows) + 1)]
        for x in xs:
            self.rule(x, ys[0], x, ys[-1])
        for r in range(len(rows) + 1):
            for c in range(len(widths)):
                if 0 < r < len(rows) and rows[r][c] == "^":
                    continue  # no rule inside a vertically merged cell
                self.rule(xs[c], ys[r], xs[c + 1], ys[r])
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                if cell == "^":
                    continue
                span = 1
                while r + span < len(rows) and rows[r + span][c] == "^":
                    span += 1
                mid = (ys[r] + ys[r + span]) / 2
                self.text(xs[c] + 3, mid - 5, cell, 10)
        self.y = ys[-1] + PITCH

    def threeline_table(self, rows: Sequence[Sequence[str]], widths: Sequence[float],
                        row_h: float = 20.0, top_rule: bool = True, bottom_rule: bool = True) -> None:
        """A three-line table: rules above, below the header row and below the last row only
        (a part cut by a page break lacks the top or the bottom rule)."""
        x1 = LEFT + sum(widths)
        top = self.y
        for y, drawn in ((top, top_rule), (top + row_h, True), (top + row_h * len(rows), bottom_rule)):
            if drawn:
                self.rule(LEFT, y, x1, y)
        for r, row in enumerate(rows):
            x = LEFT
            for w, cell in zip(widths, row):
                self.text(x + 3, top + r * row_h + 5, cell, 10)
                x += w
        self.y = top + row_h * len(rows) + PITCH

    def pdf(self) -> bytes:
        self.c.showPage()
        self.c.save()
        return self.buf.getvalue()


def read(data: bytes, settings: PdfSettings | None = None) -> Document:
    return read_pdf(data, "test.pdf", "0" * 16, settings)


def texts(doc: Document) -> list[str]:
    return [p.text for p in doc.paragraphs()]


def tables(doc: Document) -> list[Table]:
    return list(doc.tables())


# --------------------------------------------------------------------------- text and paragraphs

def test_cjk_text_of_the_cid_font_is_extracted() -> None:
    sheet = Sheet()
    sheet.paragraph("一、评价项目概述", indent=2)
    assert texts(read(sheet.pdf())) == ["一、评价项目概述"]


def test_wrapped_lines_join_into_one_paragraph() -> None:
    sheet = Sheet()
    sheet.paragraph(LONG)
    doc = read(sheet.pdf())
    assert texts(doc) == [LONG]
    assert len(next(doc.paragraphs()).lines) == 3


def test_a_short_line_ends_a_paragraph() -> None:
    sheet = Sheet()
    sheet.paragraph("评价结论", indent=0)  # short, at the left margin, no enumerator
    sheet.paragraph(LONG, indent=0)  # not indented either: only the short line separates them
    assert texts(read(sheet.pdf())) == ["评价结论", LONG]


def test_an_indented_line_starts_a_paragraph() -> None:
    sheet = Sheet()
    first = "项目于年初启动，全年共开展活动二十场，覆盖人数约十万人次，达到预期"  # ends a full line
    sheet.paragraph(first[:28])
    sheet.paragraph("目标。" + LONG)
    assert texts(read(sheet.pdf())) == [first[:28], "目标。" + LONG]


def test_an_enumerated_line_starts_a_paragraph() -> None:
    sheet = Sheet()
    sheet.paragraph("（一）项目背景", indent=0)
    sheet.paragraph("1.项目绩效目标", indent=0)
    sheet.paragraph("①完整性，指标分值2分，评价得分1分。", indent=0)
    assert texts(read(sheet.pdf())) == ["（一）项目背景", "1.项目绩效目标", "①完整性，指标分值2分，评价得分1分。"]


def test_spaces_between_cjk_glyphs_are_removed() -> None:
    sheet = Sheet()
    sheet.text(LEFT, TOP, "2023 年 预 算")
    assert texts(read(sheet.pdf())) == ["2023年预算"]


def test_font_size_and_bold_are_kept_on_lines() -> None:
    sheet = Sheet()
    sheet.c.setFont("Helvetica-Bold", 16)
    sheet.c.drawString(LEFT, HEIGHT - TOP - 16, "Summary")
    sheet.y += 30
    sheet.paragraph("项目背景", indent=0)
    first, second = list(read(sheet.pdf()).paragraphs())
    assert (first.font_size, first.bold) == (16.0, True)
    assert (second.font_size, second.bold) == (12.0, False)


def test_fake_bold_doubled_glyphs_are_deduplicated() -> None:
    sheet = Sheet()
    sheet.text(LEFT, TOP, "二、评价结论")
    sheet.text(LEFT + 0.3, TOP, "二、评价结论")  # drawn twice, a hair apart, to look bold
    (para,) = read(sheet.pdf()).paragraphs()
    assert para.text == "二、评价结论"
    assert para.bold


@pytest.mark.parametrize("fontname, bold", [
    ("ABCDEF+SimHei", True), ("ABC+\xba\xda\xcc\xe5", True),  # 黑体 as GBK bytes in the PDF name
    ("TimesNewRomanPS-BoldMT", True), ("NotoSansCJKjp-Heavy", True),
    ("FangSong_GB2312", False), ("MicrosoftYaHei", False), ("ArialMT", False)])
def test_bold_faces_are_recognised_by_name(fontname: str, bold: bool) -> None:
    assert font_is_bold(fontname) is bold


def test_a_paragraph_continues_over_a_page_break() -> None:
    sheet = Sheet()
    while sheet.y + 3 * PITCH <= BOTTOM:
        sheet.paragraph("本段落用于填满页面。")
    sheet.paragraph(LONG * 2)  # cut by the page break after a full line
    doc = read(sheet.pdf())
    last = list(doc.paragraphs())[-1]
    assert last.text == LONG * 2
    assert last.page == 1 and {line.page for line in last.lines} == {1, 2}


# --------------------------------------------------------------------------- page furniture

def test_page_number_footers_are_dropped() -> None:
    sheet = Sheet(footer="— {page} —")
    for _ in range(3):
        sheet.paragraph(LONG)
        sheet.new_page()
    doc = read(sheet.pdf())
    assert texts(doc) == [LONG] * 3


@pytest.mark.parametrize("label", ["- {page} -", "{page}", "第{page}页", "第 {page} 页 共 4 页"])
def test_page_number_styles_are_dropped(label: str) -> None:
    sheet = Sheet(footer=label)
    sheet.paragraph(LONG)
    assert texts(read(sheet.pdf())) == [LONG]


def test_running_headers_alternating_on_odd_and_even_pages_are_dropped() -> None:
    sheet = Sheet()
    for page in range(1, 6):
        sheet.text(LEFT, 40, "某某项目绩效评价报告" if page % 2 else "广州市某某局", 9)
        sheet.paragraph(LONG)
        sheet.new_page()
    assert texts(read(sheet.pdf())) == [LONG] * 5


def test_a_running_header_repeated_on_every_page_is_dropped() -> None:
    sheet = Sheet(header="广州市某某项目绩效评价报告")
    for _ in range(3):
        sheet.paragraph(LONG)
        sheet.new_page()
    assert texts(read(sheet.pdf())) == [LONG] * 3


# --------------------------------------------------------------------------- tables

SCORES = [["序号", "一级指标", "分值", "得分"],
          ["1", MERGED, "20", "17.5"],
          ["2", "^", "20", "19.48"],
          ["3", "^", "31", "28.5"],
          ["4", "效益", "24", "21"]]


def test_a_ruled_table_is_a_full_grid() -> None:
    sheet = Sheet()
    sheet.paragraph("评价得分如下。")
    sheet.grid_table(SCORES, [60, 120, 60, 60])
    sheet.paragraph("以上为得分情况。")
    doc = read(sheet.pdf())
    (table,) = tables(doc)
    assert table.rows[0] == ("序号", "一级指标", "分值", "得分")
    assert table.rows[4] == ("4", "效益", "24", "21")
    assert table.header_rows == 1
    assert texts(doc) == ["评价得分如下。", "以上为得分情况。"]  # table text is not prose
    assert [type(e).__name__ for e in doc.elements()] == ["Paragraph", "Table", "Paragraph"]


def test_a_vertically_merged_cell_fills_every_row_it_spans() -> None:
    sheet = Sheet()
    sheet.grid_table(SCORES, [60, 120, 60, 60])
    (table,) = tables(read(sheet.pdf()))
    assert [row[1] for row in table.rows[1:4]] == [MERGED] * 3


def test_text_wrapped_inside_a_cell_is_joined() -> None:
    sheet = Sheet()
    sheet.grid_table([["名称", "目标"], ["参观人数", ""]], [120, 120], row_h=40)
    sheet.text(LEFT + 123, sheet.y - PITCH - 36, "线下观众约")
    sheet.text(LEFT + 123, sheet.y - PITCH - 22, "10 万人")
    (table,) = tables(read(sheet.pdf()))
    assert table.rows[1] == ("参观人数", "线下观众约10万人")


def test_a_three_line_table_is_found() -> None:
    sheet = Sheet()
    sheet.paragraph("主要指标完成情况如下。")
    sheet.threeline_table([["指标名称", "目标值", "完成值"],
                           ["参展人员数量", "3000人", "3200人"],
                           ["参展项目数量", "1500项", "1620项"],
                           ["交易金额", "130亿元", "135亿元"]], [150, 100, 100])
    sheet.paragraph("各项指标均已完成。")
    doc = read(sheet.pdf())
    (table,) = tables(doc)
    assert table.rows == (("指标名称", "目标值", "完成值"), ("参展人员数量", "3000人", "3200人"),
                          ("参展项目数量", "1500项", "1620项"), ("交易金额", "130亿元", "135亿元"))
    assert table.header_rows == 1
    assert texts(doc) == ["主要指标完成情况如下。", "各项指标均已完成。"]


def test_a_three_line_table_split_over_two_pages_is_one_table() -> None:
    header = ["指标名称", "目标值", "完成值"]
    rows = [[f"指标{i}", f"{i * 100}人", f"{i * 110}人"] for i in range(1, 9)]
    sheet = Sheet(footer="- {page} -")
    sheet.y = BOTTOM - 20 * 5
    sheet.threeline_table([header] + rows[:4], [150, 100, 100], bottom_rule=False)
    sheet.new_page()
    sheet.threeline_table([header] + rows[4:], [150, 100, 100], top_rule=False)
    sheet.paragraph("各项指标均已完成。")
    doc = read(sheet.pdf())
    (table,) = tables(doc)
    assert table.rows == tuple(tuple(r) for r in [header] + rows)
    assert table.row_pages == (1,) * 5 + (2,) * 4
    assert texts(doc) == ["各项指标均已完成。"]


def test_a_header_rule_and_footer_rule_around_prose_are_not_a_table() -> None:
    sheet = Sheet()
    sheet.rule(LEFT, 60, RIGHT, 60)
    sheet.paragraph(LONG)
    sheet.paragraph(LONG)
    sheet.rule(LEFT, 780, RIGHT, 780)
    doc = read(sheet.pdf())
    assert tables(doc) == [] and texts(doc) == [LONG, LONG]


def test_a_framed_text_box_is_not_a_table() -> None:
    sheet = Sheet()
    top = sheet.y
    sheet.y += 6
    sheet.paragraph("评价结论", indent=0)
    sheet.paragraph(LONG)
    for y in (top, sheet.y):
        sheet.rule(LEFT - 4, y, RIGHT + 4, y)
    for x in (LEFT - 4, RIGHT + 4):
        sheet.rule(x, top, x, sheet.y)
    doc = read(sheet.pdf())
    assert tables(doc) == [] and texts(doc) == ["评价结论", LONG]


def test_a_caption_above_and_a_unit_line_are_attached() -> None:
    sheet = Sheet()
    sheet.paragraph("预算执行情况见下表。")
    sheet.centred("表1 预算执行情况表")
    sheet.text(RIGHT - 60, sheet.y, "单位：万元", 10)
    sheet.y += 16
    sheet.grid_table([["项目", "预算数"], ["合计", "1937"]], [120, 120])
    doc = read(sheet.pdf())
    (table,) = tables(doc)
    assert table.caption == "表1预算执行情况表"  # cleaned: no space next to CJK
    assert table.notes == ("单位：万元",)
    assert texts(doc) == ["预算执行情况见下表。"]


def test_a_caption_below_a_table_is_attached() -> None:
    sheet = Sheet()
    sheet.grid_table([["项目", "预算数"], ["合计", "1937"]], [120, 120])
    sheet.y -= PITCH - 6
    sheet.centred("表 2 预算表")
    (table,) = tables(read(sheet.pdf()))
    assert table.caption == "表2预算表"


def split_table_pdf(repeat_header: bool, tail: bool = False) -> bytes:
    """A table that starts at the foot of page 1 and goes on at the top of page 2."""
    header = ["序号", "指标名称", "评价要点"]
    rows = [[str(i), f"指标{i}", f"要点{i}"] for i in range(1, 9)]
    sheet = Sheet(footer="— {page} —")
    sheet.y = BOTTOM - 24 * 5 - 10
    sheet.paragraph("具体指标如下。")
    sheet.grid_table([header] + rows[:4], [60, 150, 150])
    sheet.new_page()
    # with `tail`, the last row of page 1 goes on: its third cell overflowed
    second = ([header] if repeat_header else []) + ([["", "", "（续完）"]] if tail else []) + rows[4:]
    sheet.grid_table(second, [60, 150, 150])
    sheet.paragraph("以上指标均已完成。")
    return sheet.pdf()


@pytest.mark.parametrize("repeat_header", [True, False])
def test_a_table_split_over_two_pages_is_one_table(repeat_header: bool) -> None:
    doc = read(split_table_pdf(repeat_header))
    (table,) = tables(doc)
    assert [row[0] for row in table.rows] == ["序号"] + [str(i) for i in range(1, 9)]
    assert table.row_pages == (1,) * 5 + (2,) * 4
    assert table.page == 1 and table.header_rows == 1


def test_the_tail_of_a_row_split_by_the_page_break_joins_its_row() -> None:
    (table,) = tables(read(split_table_pdf(repeat_header=True, tail=True)))
    assert len(table.rows) == 9
    assert table.rows[4] == ("4", "指标4", "要点4（续完）")


def test_elements_are_in_reading_order_per_page() -> None:
    doc = read(split_table_pdf(repeat_header=True))
    assert [[type(e).__name__ for e in p.elements] for p in doc.pages] == [["Paragraph", "Table"], ["Paragraph"]]
    assert [p.number for p in doc.pages] == [1, 2] and doc.page_count == 2


# --------------------------------------------------------------------------- bad inputs

def pdf_bytes(pages: int = 1, encrypt: StandardEncryption | None = None) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=encrypt)
    for _ in range(pages):
        c.setFont("Helvetica", 12)  # pdfminer cannot map the CID font of an encrypted file
        c.drawString(72, 700, "Budget report")
        c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"PK\x03\x04" + b"\0" * 200, "not a PDF: file starts with b'PK"),
    (b"<html><body>404</body></html>", "not a PDF: file starts with b'<html>"),
    (pdf_bytes()[:700], "truncated PDF"),
    (b"%PDF-1.4\n" + bytes(range(256)) * 4 + b"\n%%EOF\n", "corrupt PDF"),
    (pdf_bytes(encrypt=StandardEncryption("secret", "owner")), "encrypted PDF: a password is required"),
    (pdf_bytes(pages=0), "PDF has no pages"),
])
def test_unreadable_inputs_raise_with_their_reason(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableDocument, match="^" + reason.replace("(", r"\(")):
        read(data)


def test_an_owner_password_alone_does_not_stop_reading() -> None:
    doc = read(pdf_bytes(encrypt=StandardEncryption("", "owner")))
    assert texts(doc) == ["Budget report"]


def image_page(sheet: Sheet) -> None:
    image = Image.new("L", (200, 280), 255)
    sheet.c.drawImage(ImageReader(image), 0, 0, WIDTH, HEIGHT)


def test_blank_image_only_pages_give_an_empty_scanned_document_with_a_warning() -> None:
    sheet = Sheet()
    image_page(sheet)
    sheet.new_page()
    image_page(sheet)
    doc = read(sheet.pdf())
    assert doc.source_format == "scanned_pdf" and doc.page_count == 2
    assert list(doc.elements()) == []
    assert [p.method for p in doc.pages] == ["ocr", "ocr"]
    assert [(w.code, w.message) for w in doc.warnings] == [
        ("scanned_document", "no text layer on 2 of 2 pages (scanned?); OCR found no text")]


def test_a_scan_with_a_page_number_stamp_is_still_a_scan() -> None:
    sheet = Sheet()
    image_page(sheet)
    sheet.text(WIDTH / 2, 800, "- 1 -", 10)  # a number stamped on the scan by a PDF tool
    doc = read(sheet.pdf())
    assert doc.source_format == "scanned_pdf" and list(doc.elements()) == []


def test_a_blank_scanned_page_among_text_pages_is_warned() -> None:
    sheet = Sheet()
    sheet.paragraph(LONG)
    sheet.new_page()
    image_page(sheet)
    doc = read(sheet.pdf())
    assert doc.source_format == "pdf" and texts(doc) == [LONG]
    assert [p.method for p in doc.pages] == ["text", "ocr"]
    assert [(w.code, w.page, w.message) for w in doc.warnings] == [
        ("read_by_ocr", None, "read by OCR: 1 of 2 pages (2)"),
        ("ocr_blank_page", 2, "page 2: blank (OCR found no text)")]


# --------------------------------------------------------------------------- patterns and settings

@pytest.mark.parametrize("text", ["— 3 —", "- 3 -", "3", "第3页", "第 3 页 共 19 页", "3/19"])
def test_page_number_pattern(text: str) -> None:
    assert PAGE_NUMBER.match(text)


@pytest.mark.parametrize("text", ["2023年", "3.项目绩效", "一、概述"])
def test_page_number_pattern_rejects_text(text: str) -> None:
    assert not PAGE_NUMBER.match(text)


@pytest.mark.parametrize("text, expected", [
    ("表1 2023年重点工作任务绩效目标表", True), ("表 2 综合评定结果", True), ("续表3", True),
    ("附表1", True), ("表2-1 指标", True), ("表明项目完成", False), ("表示", False)])
def test_caption_pattern(text: str, expected: bool) -> None:
    assert bool(CAPTION.match(text)) is expected


@pytest.mark.parametrize("text", ["单位：万元", "（单位：元）", "金额单位：万元"])
def test_unit_line_pattern(text: str) -> None:
    assert UNIT_LINE.match(text)


@pytest.mark.parametrize("text, expected", [("91.48", True), ("1,930.75", True), ("99.60%", True),
                                            ("-3", True), ("2023年", False), ("约10万", False)])
def test_numeric_cell_pattern(text: str, expected: bool) -> None:
    assert bool(NUMBER_CELL.match(text)) is expected


def test_settings_refuse_a_non_positive_threshold() -> None:
    with pytest.raises(ValueError, match="short_line_em must be positive, got 0"):
        PdfSettings(short_line_em=0)


def test_paragraph_type_is_the_model_type() -> None:
    sheet = Sheet()
    sheet.paragraph(LONG)
    (para,) = read(sheet.pdf()).paragraphs()
    assert isinstance(para, Paragraph) and para.page == 1 and para.bbox is not None
