"""Recognised boxes to the PDF reader's layout: glyphs spread over boxes, font sizes that
compare equal, and tables built by the PDF reader's own grid code."""
import pytest

from pipeline.readers.ocr import OcrBox
from pipeline.readers.ocr_layout import PageSizes, box_to_glyphs, box_units, boxes_to_glyphs, char_units, snap_size
from pipeline.readers.pdf import Drawn, glyphs_to_layouts
from pipeline.readers.pdf_glyphs import PageGlyphs
from pipeline.readers.pdf_rules import Rule
from pipeline.readers.pdf_settings import PdfSettings

PX_PER_PT = 2.0


def body_box(text: str, top: float, size_pt: float = 16.0, x0: float = 200.0) -> OcrBox:
    """A box around ``text`` set in ``size_pt``, as the recogniser returns it (in pixels)."""
    em = size_pt * PX_PER_PT
    return OcrBox(text, x0, top, x0 + box_units(text) * em, top + 1.1 * em, 0.99)


@pytest.mark.parametrize("ch, units", [("中", 1.0), ("（", 1.0), ("①", 1.0), ("“", 1.0), ("—", 1.0),
                                       ("1", 0.5), ("a", 0.5), ("%", 0.5), (" ", 0.5)])
def test_char_units(ch: str, units: float) -> None:
    assert char_units(ch) == units


@pytest.mark.parametrize("measured, size", [(10.2, 10.5), (11.6, 12.0), (15.4, 15.0), (16.4, 16.0),
                                            (21.0, 22.0), (8.0, 7.5)])
def test_snap_size(measured: float, size: float) -> None:
    assert snap_size(measured) == size


def test_running_text_shares_one_size_and_a_title_stands_out() -> None:
    boxes = [body_box("中国创新创业成果交易会是中国科协主办的国家级交易展会", 100 + 40 * i) for i in range(5)]
    # a justified line runs 8 % wider; a short last line and a number measured by height
    boxes.append(OcrBox("率100%。", 200, 400, 200 + box_units("率100%。") * 32 * 1.08, 435, 0.99))
    boxes.append(OcrBox("12", 900, 500, 935, 535, 0.99))
    boxes.append(body_box("2023年绩效评价报告", 20, size_pt=22.0))
    sizes = PageSizes(boxes, PX_PER_PT)
    assert sizes.body_size == 16.0
    assert [sizes.size(b) for b in boxes] == [16.0] * 7 + [22.0]


def test_characters_are_spread_over_their_box() -> None:
    glyphs = box_to_glyphs(OcrBox("得分 95分", 100, 50, 190, 72, 0.99), 10.0, PX_PER_PT)
    assert "".join(g.text for g in glyphs) == "得分95分"
    assert [g.x0 for g in glyphs] == pytest.approx([50, 60, 75, 80, 85])  # the space leaves a gap
    assert glyphs[-1].x1 == pytest.approx(95)
    assert all(g.top == 25 and g.bottom == 36 and g.size == 10.0 for g in glyphs)


def test_boxes_and_rules_make_a_table_and_lines() -> None:
    boxes = [body_box("表1综合评定结果", 100, x0=300),
             body_box("评价内容", 240, x0=220), body_box("得分", 240, x0=620),
             body_box("决策", 320, x0=220), body_box("17.5", 320, x0=620),
             body_box("经综合评定，项目得分为91.48分，等级为优。", 460, x0=200)]
    horizontal = [Rule(110, 100, 450), Rule(150, 100, 450), Rule(190, 100, 450)]
    vertical = [Rule(100, 110, 190), Rule(290, 110, 190), Rule(450, 110, 190)]
    glyphs = boxes_to_glyphs(boxes, PX_PER_PT)
    page = Drawn(3, 595.0, 842.0, PageGlyphs([], 0, 0), [], [], 1.0)
    (layout,) = glyphs_to_layouts(page, glyphs, horizontal, vertical, len(glyphs), 0, PdfSettings())
    assert layout.number == 3
    (table,) = layout.tables
    assert table.rows == (("评价内容", "得分"), ("决策", "17.5"))
    assert [ln.text for ln in layout.lines] == ["表1综合评定结果", "经综合评定，项目得分为91.48分，等级为优。"]
    assert layout.visible_chars == sum(len(b.text) for b in boxes)
