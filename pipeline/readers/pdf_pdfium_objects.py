"""pdfium's page objects to what the layout needs besides text: rule marks, image cover,
and the text objects drawn twice.

Paths are split into subpaths the way pdfminer splits them, and each becomes marks as in
``pdf_rules.objects_to_rules``: a thin filled subpath is one mark (its box), a stroked one
a mark per segment. Form XObjects are walked with their matrices.
"""
from __future__ import annotations

from ctypes import byref, c_float, c_int
from typing import NamedTuple

from pipeline.readers import pdfium_api as api
from pipeline.readers.pdf_geometry import IDENTITY, Matrix, PageFrame, apply, box_to_page, then
from pipeline.readers.pdf_pdfium_text import Colour
from pipeline.readers.pdf_rules import Mark

# How many text objects back pdfium looks for a copy of the one it is reading.
DOUBLE_WINDOW = 5


class PageMarks(NamedTuple):
    """Rule marks, the largest image's share of the page, and the text objects drawn twice."""

    marks: list[Mark]
    image_cover: float
    doubled: set[api.Handle]


class TextBox(NamedTuple):
    """A text object as a candidate copy: its handle, box (in its container) and font size."""

    obj: api.Handle
    box: tuple[float, float, float, float]
    size: float


def object_matrix(obj: api.Handle) -> Matrix:
    """An object's own matrix (to its container's space)."""
    m = api.FS_MATRIX()
    if not api.object_matrix(obj, byref(m)):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def path_to_marks(obj: api.Handle, to_page: Matrix, thin: float, colour: Colour) -> list[Mark]:
    """The marks one path object draws (none for an invisible or white path)."""
    fill_mode, stroke = c_int(), c_int()
    if not api.path_draw_mode(obj, byref(fill_mode), byref(stroke)):
        return []
    filled = bool(fill_mode.value) and not colour.is_white(api.fill_color, obj)
    stroked = bool(stroke.value) and not colour.is_white(api.stroke_color, obj)
    if not (filled or stroked):
        return []
    m = then(object_matrix(obj), to_page)
    subpaths: list[list[tuple[float, float]]] = []
    x, y = c_float(), c_float()
    for k in range(api.count_segments(obj)):
        segment = api.get_segment(obj, k)
        if not segment or not api.segment_point(segment, byref(x), byref(y)):
            continue
        point = apply(m, x.value, y.value)
        if api.segment_type(segment) == api.SEGMENT_MOVETO or not subpaths:
            subpaths.append([point])
        else:
            subpaths[-1].append(point)
        if api.segment_closes(segment) and len(subpaths[-1]) > 1:
            subpaths[-1].append(subpaths[-1][0])
    marks: list[Mark] = []
    for pts in subpaths:
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        x0, top, x1, bottom = min(xs), min(ys), max(xs), max(ys)
        if filled and len(pts) >= 3 and (bottom - top <= thin or x1 - x0 <= thin):
            marks.append((x0, top, x1, bottom))  # a thin filled box drawn as a rule (WPS)
        elif stroked:
            marks.extend((min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb))
                         for (xa, ya), (xb, yb) in zip(pts, pts[1:]))
    return marks


def image_area(obj: api.Handle, to_page: Matrix, width: float, height: float) -> float:
    """The area of an image inside the page (an image maps the unit square)."""
    x0, top, x1, bottom = box_to_page(then(object_matrix(obj), to_page), 0.0, 0.0, 1.0, 1.0)
    w = min(x1, width) - max(x0, 0.0)
    h = min(bottom, height) - max(top, 0.0)
    return max(w, 0.0) * max(h, 0.0)


def text_box(obj: api.Handle) -> TextBox | None:
    """A text object's box and font size, or None when it has no extent."""
    left, bottom, right, top, size = c_float(), c_float(), c_float(), c_float(), c_float()
    if not api.object_bounds(obj, byref(left), byref(bottom), byref(right), byref(top)):
        return None
    if right.value - left.value <= 0 or not api.text_font_size(obj, byref(size)):
        return None
    return TextBox(obj, (left.value, bottom.value, right.value, top.value), size.value)


def is_copy(copy: TextBox, of: TextBox) -> bool:
    """True when a text object pdfium left out covers about the same box as a kept one of
    the same size: it was the same text drawn again."""
    l1, b1, r1, t1 = copy.box
    l2, b2, r2, t2 = of.box
    overlap_w = min(r1, r2) - max(l1, l2)
    overlap_h = min(t1, t2) - max(b1, b2)
    return (copy.size == of.size and overlap_w > 0.5 * max(r1 - l1, r2 - l2)
            and overlap_h > 0.5 * max(t1 - b1, t2 - b2))


def page_to_marks(page: api.Handle, frame: PageFrame, kept_text: set[api.Handle],
                  thin: float) -> PageMarks:
    """Walk a page's objects (into forms) for rule marks, images and doubled text."""
    marks: list[Mark] = []
    cover = 0.0
    doubled: set[api.Handle] = set()
    colour = Colour()
    page_area = frame.width * frame.height
    # containers to walk: (count, get, handle, map of their objects' space to the page)
    stack: list[tuple[int, object, api.Handle, Matrix]] = [
        (api.count_objects(page), api.get_object, page, frame.to_page)]
    while stack:
        count, get, holder, to_page = stack.pop()
        recent: list[api.Handle] = []  # the last text objects pdfium kept: what a copy copies
        for k in range(count):
            obj = get(holder, k)  # type: ignore[operator]
            if not obj:
                continue
            kind = api.object_type(obj)
            if kind == api.OBJ_PATH:
                marks.extend(path_to_marks(obj, to_page, thin, colour))
            elif kind == api.OBJ_TEXT:
                if obj in kept_text:
                    recent = (recent + [obj])[-DOUBLE_WINDOW:]
                else:
                    doubled.update(copied_objects(obj, recent))
            elif kind == api.OBJ_IMAGE and page_area > 0:
                cover = max(cover, image_area(obj, to_page, frame.width, frame.height) / page_area)
            elif kind == api.OBJ_FORM:
                stack.append((api.count_form_objects(obj), api.get_form_object, obj,
                              then(object_matrix(obj), to_page)))
    return PageMarks(marks, cover, doubled)


def copied_objects(left_out: api.Handle, recent: list[api.Handle]) -> list[api.Handle]:
    """The kept text objects that a text object pdfium left out is a copy of."""
    copy = text_box(left_out)
    if copy is None:
        return []
    boxes = (text_box(obj) for obj in recent)
    return [box.obj for box in boxes if box is not None and is_copy(copy, box)]
