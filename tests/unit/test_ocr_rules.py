"""Rules found on a binarised scan: borders, not strokes of text; through tight text boxes,
never into a merged cell."""
import numpy as np

from pipeline.readers.ocr import OcrBox
from pipeline.readers.ocr_rules import ink_to_rules
from pipeline.readers.ocr_settings import OcrSettings

SETTINGS = OcrSettings()
WIDTH_PT = 600.0  # the page is 1200 px wide: 2 px per point


def page() -> np.ndarray:
    return np.zeros((1000, 1200), dtype=bool)


def box(x0: int, top: int, x1: int, bottom: int, text: str = "文字") -> OcrBox:
    return OcrBox(text, x0, top, x1, bottom, 0.99)


def spans(rules) -> list[tuple[int, int, int]]:
    """Rules in pixels, rounded: (position, start, end)."""
    return [(round(r.pos * 2), round(r.start * 2), round(r.end * 2)) for r in rules]


def test_a_ruled_grid_is_found_and_text_strokes_are_not_rules() -> None:
    ink = page()
    for y in (100, 160, 220):
        ink[y:y + 2, 100:1100] = True  # rules two pixels thick
    for x in (100, 600, 1100):
        ink[100:222, x:x + 2] = True
    # text in the cells: a long stroke (`一`, `——`) and a column of vertical strokes
    ink[130, 150:230] = True
    ink[115:150, 700] = True
    boxes = [box(140, 120, 240, 145, "——"), box(690, 110, 760, 152)]
    horizontal, vertical = ink_to_rules(ink, boxes, WIDTH_PT, SETTINGS)
    assert spans(horizontal) == [(101, 100, 1102), (161, 100, 1102), (221, 100, 1102)]
    assert spans(vertical) == [(101, 100, 222), (601, 100, 222), (1101, 100, 222)]


def test_a_rule_through_a_tight_text_box_is_whole() -> None:
    ink = page()
    ink[300:302, 100:1100] = True
    ink[280:320, 400] = True  # a glyph's stroke across the rule, inside the box
    horizontal, _ = ink_to_rules(ink, [box(350, 285, 480, 306)], WIDTH_PT, SETTINGS)
    assert spans(horizontal) == [(301, 100, 1100)]


def test_a_rule_does_not_run_on_through_text_into_a_merged_cell() -> None:
    ink = page()
    for y in (100, 140, 180):
        ink[y:y + 2, 100:1100] = True
    ink[100:182, 100:102] = ink[100:182, 1098:1100] = True
    ink[140:182, 600:602] = True  # the middle border of the second row only
    # the first row is one merged cell whose text box sits where the border would continue
    ink[110:132, 560:640] = True
    _, vertical = ink_to_rules(ink, [box(540, 104, 660, 136)], WIDTH_PT, SETTINGS)
    assert (601, 140, 182) in spans(vertical)
    assert not any(pos == 601 and start < 140 for pos, start, _ in spans(vertical))


def test_a_page_of_text_has_no_rules() -> None:
    ink = page()
    boxes = []
    for row in range(10):
        y = 100 + row * 50
        ink[y:y + 30, 100:1100:3] = True  # dense strokes across the line
        ink[y + 15, 100:1100] = True
        boxes.append(box(98, y - 2, 1102, y + 32))
    assert ink_to_rules(ink, boxes, WIDTH_PT, SETTINGS) == ([], [])


def test_a_rule_through_a_box_that_nearly_touches_a_border_is_whole() -> None:
    # `序号` in a narrow first column: its box starts 3 px right of the table's left border
    # and ends 2 px short of the next one, covering the rule below it
    ink = page()
    ink[100:400, 100] = ink[100:400, 170] = ink[100:400, 1000] = True
    ink[300:302, 100:1001] = True
    horizontal, _ = ink_to_rules(ink, [box(104, 270, 168, 303, "序号")], WIDTH_PT, SETTINGS)
    assert spans(horizontal) == [(301, 100, 1001)]
