"""pdfium's text page to glyphs: each character with its box, size and boldness.

Boxes are the ones pdfminer gives (so thresholds tuned on either engine hold for both): from
the glyph's origin to its advance along the baseline, and from the font's descent to one
font size above it. pdfminer takes the descent from the font descriptor, which LibreOffice
writes as 0 for the fonts it embeds; pdfium, finding 0 there, takes the embedded font file's
own (-0.30 em for Liberation Serif, -0.08 for Noto CJK), which set a line's digits 2 pt below
its Chinese and merged the rows of tables without rules. So an embedded font's box starts at
the baseline, and the glyphs of one line share their bottom; a font that is not embedded (the
standard fonts, a CID font by name) keeps pdfium's descent, the descriptor's or the standard
metrics', as pdfminer has it. What characters of one text object share (matrix, size, font, colour)
is read once per object, a character's advance once per font; per character the reader asks
only for its object, whether its font maps it to Unicode and its origin, and takes its text
from one bulk call (three calls into pdfium, the cost that decides the reader's speed).
"""
from __future__ import annotations

import ctypes
from ctypes import byref, c_double, c_float, c_uint
from typing import NamedTuple

from pipeline.readers import pdfium_api as api
from pipeline.readers.pdf_geometry import PageFrame, then
from pipeline.readers.pdf_glyphs import Glyph, PageGlyphs, font_is_bold, quarter_turns

# Per quarter turn of the baseline (anticlockwise, in the upright page, y up): the baseline's
# direction and the direction "up" from it, as unit vectors.
BASELINE = {0: ((1, 0), (0, 1)), 1: ((0, 1), (-1, 0)), 2: ((-1, 0), (0, -1)), 3: ((0, -1), (1, 0))}
# RGB components of 0.95 and above are white (text drawn in white is hidden).
WHITE = 242
# What pdfium puts in the text for a hyphen it joined across a line break.
HYPHEN_MARKS = ("\x02", "\ufffe")


class Face(NamedTuple):
    """What every character of one text object shares."""

    shown: bool  # along a side of the page (not a diagonal watermark) and not white
    size: float  # font size on the page
    bold: bool
    descent: float  # the font's descent at this size (negative, page points)
    font: api.Handle
    advance: float  # page points per unit of a glyph's width (font size × horizontal scale)
    turn: int  # quarter turns anticlockwise of the baseline (0: upright)


class TextLayer(NamedTuple):
    """A page's glyphs, which text object drew which of them, and every text object pdfium
    kept (it leaves out a copy of the object before, and objects without extent)."""

    glyphs: PageGlyphs
    runs: list["Run"]
    objects: set[api.Handle]


class Run(NamedTuple):
    """Consecutive glyphs drawn by one text object: glyphs[start:end]."""

    obj: api.Handle
    start: int
    end: int


def text_of(text_page: api.Handle, count: int) -> str:
    """The text of every character, index for index (one bulk call when pdfium's text has
    one unit per character; it leaves out control characters, then each is asked for)."""
    if count <= 0:
        return ""
    units = (ctypes.c_ushort * (2 * count + 2))()  # room for surrogate pairs
    written = api.get_text(text_page, 0, count, units)
    text = ctypes.string_at(units, 2 * max(written - 1, 0)).decode("utf-16-le", errors="replace")
    if len(text) == count:
        return text
    return "".join(chr(api.get_unicode(text_page, i)) for i in range(count))


def font_name(font: api.Handle) -> str:
    """A font's base name (bytes as latin-1: GBK-encoded names are decoded by font_is_bold)."""
    size = api.font_base_name(font, None, 0)
    if size <= 1:
        return ""
    buf = ctypes.create_string_buffer(size)
    api.font_base_name(font, buf, size)
    return buf.value.decode("latin-1")


class Colour:
    """Out-parameters for pdfium's colour getters, allocated once per page."""

    def __init__(self) -> None:
        self.r, self.g, self.b, self.a = c_uint(), c_uint(), c_uint(), c_uint()
        self.refs = (byref(self.r), byref(self.g), byref(self.b), byref(self.a))

    def is_white(self, getter: object, obj: api.Handle) -> bool:
        """True when an object's fill (or stroke) colour is white."""
        if not getter(obj, *self.refs):  # type: ignore[operator]
            return False  # a pattern: not a plain colour
        return self.r.value >= WHITE and self.g.value >= WHITE and self.b.value >= WHITE


class FontFacts(NamedTuple):
    """What the reader needs of a font: whether it is a bold face, and its descent per
    point of size (negative)."""

    bold: bool
    descent: float


def font_facts(font: api.Handle) -> FontFacts:
    """A font's boldness (from its name) and descent: none for an embedded font (see the
    module's docstring), so that the glyphs of one line share their box's bottom."""
    if not font:
        return FontFacts(False, 0.0)
    descent = c_float(0.0)
    if not api.font_is_embedded(font):
        api.font_descent(font, c_float(1.0), byref(descent))
    return FontFacts(font_is_bold(font_name(font)), descent.value)


class Fonts:
    """What is read once per font of an open document: boldness, descent, advances."""

    def __init__(self) -> None:
        self.facts: dict[api.Handle, FontFacts] = {}
        self.widths: dict[tuple[api.Handle, str], float] = {}
        self._width = c_float()
        self._width_ref = byref(self._width)

    def font_facts(self, font: api.Handle) -> FontFacts:
        """The font's boldness and descent."""
        facts = self.facts.get(font)
        if facts is None:
            facts = self.facts[font] = font_facts(font)
        return facts

    def width(self, font: api.Handle, ch: str) -> float:
        """The advance of the character in the font, per unit of font size (0 if unknown:
        pdfium looks its char code up from the Unicode, which a multi-character glyph lacks)."""
        self._width.value = 0.0
        if font and len(ch) == 1:
            api.glyph_width(font, ord(ch), c_float(1.0), self._width_ref)
        width = self.widths[font, ch] = self._width.value
        return width


class FaceReader:
    """Reads the face of each text object of one page."""

    def __init__(self, text_page: api.Handle, frame: PageFrame, fonts: Fonts) -> None:
        self.text_page, self.frame, self.fonts = text_page, frame, fonts
        self.matrix = api.FS_MATRIX()
        self.matrix_ref = byref(self.matrix)
        self.colour = Colour()

    def face(self, index: int, obj: api.Handle) -> Face:
        """The face of the text object ``obj``, which drew character ``index``."""
        m = self.matrix
        api.char_matrix(self.text_page, index, self.matrix_ref)
        page_matrix = then((m.a, m.b, m.c, m.d, m.e, m.f), self.frame.upright)
        a, b, c, d = page_matrix[:4]
        turn = quarter_turns(page_matrix)
        (ux, uy), (vx, vy) = BASELINE[turn or 0]
        font_size = api.char_font_size(self.text_page, index)
        size = round(font_size * abs(c * vx + d * vy), 3)  # the scale across the baseline
        font = (api.text_font(obj) if obj else 0) or 0
        facts = self.fonts.font_facts(font)
        shown = turn is not None and size > 0 and not (obj and self.colour.is_white(api.fill_color, obj))
        return Face(shown, size, facts.bold, facts.descent * size, font, font_size * abs(a * ux + b * uy),
                    turn or 0)


def text_page_to_glyphs(text_page: api.Handle, frame: PageFrame, fonts: Fonts) -> TextLayer:
    """The visible glyphs of a page (each with its turn), counts of its text layer, and its
    text objects."""
    count = api.count_chars(text_page) if text_page else 0
    text = text_of(text_page, count)
    glyphs: list[Glyph] = []
    runs: list[Run] = []
    faces: dict[api.Handle, Face] = {}
    reader = FaceReader(text_page, frame, fonts)
    widths, width_of = fonts.widths, fonts.width
    visible = unmapped = 0
    x, y, box = c_double(), c_double(), api.FS_RECTF()
    px, py, pbox = byref(x), byref(y), byref(box)
    ua, ub, uc, ud, ue, uf = frame.upright
    height = frame.height
    last_obj: api.Handle = 0
    face = Face(False, 0.0, False, 0.0, 0, 0.0, 0)
    run_start = 0
    new_glyph = tuple.__new__  # a NamedTuple's own constructor is Python code: 4x slower
    last_x = last_y = float("nan")
    text_object, has_map_error, char_origin = api.text_object, api.has_map_error, api.char_origin

    def far_end(index: int) -> float:
        """Where pdfium's box of a character ends along the baseline: its advance, or its
        ink where that reaches further (asked only when the font gives no advance)."""
        api.loose_char_box(text_page, index, pbox)
        return max(ua * box.left + uc * box.bottom, ua * box.right + uc * box.top) + ue

    def turned_glyph(ch: str, ox: float, oy: float, advance: float) -> Glyph:
        """A glyph of text running up, down or upside down: its box on the page."""
        (bx, by), (vx, vy) = BASELINE[face.turn]
        px, py = ua * ox + uc * oy + ue, ub * ox + ud * oy + uf
        low, high = face.descent, face.descent + face.size
        xs = [px + bx * s + vx * t for s in (0.0, advance) for t in (low, high)]
        ys = [py + by * s + vy * t for s in (0.0, advance) for t in (low, high)]
        return Glyph(ch, min(xs), max(xs), height - max(ys), height - min(ys), face.size, face.bold, face.turn)

    for i, ch in enumerate(text):
        if ch <= " " or ch.isspace() or ch in HYPHEN_MARKS:
            if ch not in HYPHEN_MARKS or not api.is_hyphen(text_page, i):
                continue  # spaces and line breaks pdfium generated, control characters
            ch = "-"
        obj = text_object(text_page, i) or 0
        if obj != last_obj:
            if len(glyphs) > run_start:
                runs.append(Run(last_obj, run_start, len(glyphs)))
            run_start, last_obj = len(glyphs), obj
            face = faces.get(obj) or faces.setdefault(obj, reader.face(i, obj))
        if has_map_error(text_page, i):
            unmapped += 1  # no Unicode for the glyph: pdfium shows its char code instead
            continue
        visible += 1
        if not face.shown:
            continue
        char_origin(text_page, i, px, py)
        ox, oy = x.value, y.value
        if ox == last_x and oy == last_y and len(glyphs) > run_start:
            # one glyph mapped to several characters (`——` drawn as one long dash, the fi
            # ligature): pdfium repeats it per character, pdfminer keeps one glyph, whose
            # advance is not its first character's
            glyphs[-1] = glyphs[-1]._replace(text=glyphs[-1].text + ch, x1=far_end(i))
            continue
        last_x, last_y = ox, oy
        width = widths.get((face.font, ch))
        if width is None:
            width = width_of(face.font, ch)
        if face.turn:
            glyphs.append(turned_glyph(ch, ox, oy, width * face.advance or face.size))
            continue
        # in the upright page (y up), along the baseline from the origin to the advance,
        # across it from the descent to one font size above
        x0 = ua * ox + uc * oy + ue
        x1 = x0 + width * face.advance
        if not x0 < x1 < x0 + 2 * face.size:  # no advance known for the character
            x1 = far_end(i)
        bottom = ub * ox + ud * oy + uf + face.descent
        glyphs.append(new_glyph(Glyph, (ch, x0, x1, height - bottom - face.size, height - bottom,
                                        face.size, face.bold, 0)))
    if len(glyphs) > run_start:
        runs.append(Run(last_obj, run_start, len(glyphs)))
    return TextLayer(PageGlyphs(glyphs, visible, unmapped), runs, set(faces))


def mark_doubled(page_glyphs: PageGlyphs, runs: list[Run], doubled: set[api.Handle]) -> PageGlyphs:
    """Glyphs of text objects drawn twice (pdfium keeps one copy) made bold: Word, WPS and
    some scanners fake a bold face by drawing the text again a hair to the right."""
    if not doubled:
        return page_glyphs
    glyphs = list(page_glyphs.glyphs)
    for run in runs:
        if run.obj in doubled:
            for k in range(run.start, run.end):
                glyphs[k] = glyphs[k]._replace(bold=True)
    return page_glyphs._replace(glyphs=glyphs)
