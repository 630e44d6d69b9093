"""Recognised text boxes to the glyphs a text layer would have given.

A box the recogniser returns is one run of text with a tight box around it. Its characters
are spread across the box (a CJK or full-width character one em wide, anything else half)
and become the same ``Glyph`` records a text layer gives, in PDF points, with a font size
measured on the scan and snapped to a standard one. From there the PDF reader's own code
(``pdf.glyphs_to_layouts``) makes the grids, cell texts, three-line tables, columns and
lines, so paragraphs and tables of a scan are assembled exactly like those of a text PDF.
"""
from __future__ import annotations

import unicodedata
from statistics import median
from typing import Sequence

from pipeline.readers.ocr import OcrBox
from pipeline.readers.pdf_glyphs import Glyph

# Font sizes of Chinese typesetting (小五 9 … 五号 10.5, 小四 12, 四号 14, 小三 15, 三号 16,
# 小二 18, 二号 22, 小一 24, 一号 26, 小初 36, 初号 42): a size measured on a scan is snapped to
# the nearest, so that lines set in one size compare equal as they do in a text layer.
STANDARD_SIZES = (7.5, 9.0, 10.5, 12.0, 14.0, 15.0, 16.0, 18.0, 22.0, 24.0, 26.0, 36.0, 42.0)
# A box this many ems wide tells its font size by its width (short ones by their height).
MIN_EMS_FOR_WIDTH = 4.0
# A box this many ems wide is running text: the page's usual size is measured on those.
BODY_EMS = 10.0
# Sizes within this share of the page's usual one are that size (justified lines run wider).
BODY_SIZE_TOLERANCE = 0.12


def char_units(ch: str) -> float:
    """How many ems a character takes: one for CJK, full-width and the signs a Chinese font
    sets full width (`①`, `“`, `—`), half for Latin letters, digits and ASCII signs."""
    return 1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5


def box_units(text: str) -> float:
    """The width of a text in ems."""
    return sum(char_units(ch) for ch in text)


def box_em(box: OcrBox) -> float | None:
    """A box's em in pixels from its width, when it is wide enough to tell."""
    units = box_units(box.text)
    return (box.x1 - box.x0) / units if units >= MIN_EMS_FOR_WIDTH else None


def snap_size(size: float) -> float:
    """The standard font size nearest to a measured one."""
    return min(STANDARD_SIZES, key=lambda s: abs(s - size))


class PageSizes:
    """Font sizes on one scanned page: the usual em of its running text, and how box
    heights relate to ems (for boxes too short to measure by width)."""

    def __init__(self, boxes: Sequence[OcrBox], px_per_pt: float) -> None:
        self.px_per_pt = px_per_pt
        wide = [(em, b) for b in boxes if (em := box_em(b)) is not None]
        ratios = [em / (b.bottom - b.top) for em, b in wide if b.bottom > b.top]
        self.em_per_height = median(ratios) if ratios else 0.9
        body = [em for em, b in wide if box_units(b.text) >= BODY_EMS] or [em for em, _ in wide]
        self.body_em = median(body) if body else None
        self.body_size = snap_size(self.body_em / px_per_pt) if self.body_em else None

    def size(self, box: OcrBox) -> float:
        """A box's font size in points, snapped: the page's usual size when close to it."""
        em = box_em(box) or (box.bottom - box.top) * self.em_per_height
        if self.body_em is None or self.body_size is None:
            return snap_size(em / self.px_per_pt)
        if abs(em / self.body_em - 1) <= BODY_SIZE_TOLERANCE:
            return self.body_size
        return snap_size(em / self.body_em * self.body_size)


def box_to_glyphs(box: OcrBox, size: float, px_per_pt: float) -> list[Glyph]:
    """The characters of a box spread over its width, in points; spaces leave a gap."""
    units = box_units(box.text)
    if units == 0:
        return []
    em = (box.x1 - box.x0) / units
    top, bottom = box.top / px_per_pt, box.bottom / px_per_pt
    glyphs, x = [], box.x0
    for ch in box.text:
        advance = char_units(ch) * em
        if not ch.isspace():
            glyphs.append(Glyph(ch, x / px_per_pt, (x + advance) / px_per_pt, top, bottom, size, False))
        x += advance
    return glyphs


def boxes_to_glyphs(boxes: Sequence[OcrBox], px_per_pt: float) -> list[Glyph]:
    """Every box's characters as glyphs in points, each box's font size snapped to a standard one."""
    sizes = PageSizes(boxes, px_per_pt)
    glyphs: list[Glyph] = []
    for box in boxes:
        glyphs.extend(box_to_glyphs(box, sizes.size(box), px_per_pt))
    return glyphs
