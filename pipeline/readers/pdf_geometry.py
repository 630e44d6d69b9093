"""Affine maps between a PDF page's user space and the reader's page space.

The reader's page space is pdfplumber's: PDF points from the top-left corner of the page as
displayed (its /Rotate applied), y growing downwards. Matrices are PDF's (a, b, c, d, e, f):
a point (x, y) goes to (a·x + c·y + e, b·x + d·y + f).
"""
from __future__ import annotations

from typing import NamedTuple

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def then(first: Matrix, second: Matrix) -> Matrix:
    """The map that applies ``first``, then ``second``."""
    a1, b1, c1, d1, e1, f1 = first
    a2, b2, c2, d2, e2, f2 = second
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    """Where ``m`` takes the point (x, y)."""
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


class PageFrame(NamedTuple):
    """A page as displayed: its size and the map from user space to an upright, y-up space
    with the origin at the bottom-left corner (``to_page`` then flips y)."""

    width: float
    height: float
    upright: Matrix  # user space -> displayed page, y up

    @property
    def to_page(self) -> Matrix:
        """User space -> page space (y down)."""
        return then(self.upright, (1.0, 0.0, 0.0, -1.0, 0.0, self.height))


def page_frame(mediabox: tuple[float, float, float, float], quarter_turns: int) -> PageFrame:
    """The frame of a page from its MediaBox and its /Rotate in quarter turns clockwise
    (the maps pdfminer uses, so both engines put things at the same place)."""
    x0, y0, x1, y1 = min(mediabox[0], mediabox[2]), min(mediabox[1], mediabox[3]), \
        max(mediabox[0], mediabox[2]), max(mediabox[1], mediabox[3])
    turns = quarter_turns % 4
    if turns == 1:
        return PageFrame(y1 - y0, x1 - x0, (0.0, -1.0, 1.0, 0.0, -y0, x1))
    if turns == 2:
        return PageFrame(x1 - x0, y1 - y0, (-1.0, 0.0, 0.0, -1.0, x1, y1))
    if turns == 3:
        return PageFrame(y1 - y0, x1 - x0, (0.0, 1.0, -1.0, 0.0, y1, -x0))
    return PageFrame(x1 - x0, y1 - y0, (1.0, 0.0, 0.0, 1.0, -x0, -y0))


def box_to_page(m: Matrix, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
    """The page-space box (x0, top, x1, bottom) around a box mapped by ``m``."""
    corners = [apply(m, x, y) for x, y in ((x0, y0), (x0, y1), (x1, y0), (x1, y1))]
    xs = [p[0] for p in corners]
    ys = [p[1] for p in corners]
    return min(xs), min(ys), max(xs), max(ys)
