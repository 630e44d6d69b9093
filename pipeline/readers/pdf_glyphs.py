"""Glyphs to printed lines: pdfplumber's char dicts in, lines in reading order out.

One pass over the page's chars builds light ``Glyph`` tuples (bold decided once per font);
lines are found by a sweep over glyphs sorted by their top edge, and fake-bold duplicates
(the same glyph drawn twice at almost the same place) are dropped on the way.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import itemgetter
from typing import Any, Iterable, NamedTuple, Sequence

from pipeline.readers.pdf_rules import is_white
from pipeline.readers.pdf_settings import PdfSettings

# Sort keys of glyphs (their fields by position: faster than a lambda per glyph).
BY_X0 = itemgetter(1)
BY_TOP_X0 = itemgetter(3, 1)
# Font-name fragments of bold faces: `SimHei`, `黑体`, `FZHei`, `Arial-BoldMT`, `SourceHanSans-Heavy`.
BOLD_FONT_HINTS = ("bold", "heavy", "black", "hei", "黑", "demi")


class Glyph(NamedTuple):
    """One visible character with its box (PDF points, origin top-left)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    turn: int = 0  # quarter turns anticlockwise of the text direction: 0 upright, 1 reading upwards


@dataclass(frozen=True, slots=True)
class TextLine:
    """Glyphs sharing a baseline, left to right; ``text`` has word spaces but is not cleaned.

    Once its page is laid out a line keeps no glyphs (``without_glyphs``): what the steps
    across pages need of them is kept as ``count`` and ``lead``.
    """

    glyphs: tuple[Glyph, ...]
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    count: int = 0  # glyphs the line was built from
    lead: float = 0.0  # width of its first word that cannot be split (``lead_width``)

    def __post_init__(self) -> None:
        if self.glyphs and not self.count:  # built from glyphs: keep what later steps need of them
            object.__setattr__(self, "count", len(self.glyphs))
            object.__setattr__(self, "lead", lead_width(self.glyphs, self.size))

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2


@lru_cache(maxsize=512)
def font_is_bold(fontname: str) -> bool:
    """True for bold or 黑体-like faces; names stored as GBK bytes are decoded first."""
    name = fontname.split("+", 1)[-1]
    if any(ord(ch) > 127 for ch in name):
        # pdfminer hands over non-ASCII PDF names as latin-1 text: `\xba\xda\xcc\xe5` is 黑体
        try:
            name = name.encode("latin-1").decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    lowered = name.lower().replace("yahei", "")  # 微软雅黑 is a regular body face despite its name
    return any(hint in lowered for hint in BOLD_FONT_HINTS)


def device_space(name: Any) -> bool:
    """True for colour spaces where high values mean white (not Separation, where 1 is full ink)."""
    return isinstance(name, str) and any(k in name for k in ("Gray", "RGB", "CMYK", "ICC", "Cal"))


class PageGlyphs(NamedTuple):
    """The glyphs of a page worth reading, and counts of what the text layer holds."""

    glyphs: list[Glyph]
    visible: int  # non-space chars with a Unicode mapping
    unmapped: int  # chars a font gives no Unicode for: pdfminer's `(cid:1193)`


def chars_to_glyphs(chars: Iterable[dict[str, Any]]) -> PageGlyphs:
    """Visible upright glyphs of a page, with counts of its text layer."""
    glyphs: list[Glyph] = []
    visible = unmapped = 0
    hidden: dict[tuple[Any, Any], bool] = {}  # a page uses a handful of colours: decide each once
    for ch in chars:
        text = ch["text"]
        if not text or text.isspace():
            continue
        if text.startswith("(cid:"):
            unmapped += 1  # no ToUnicode map: the glyph's meaning is lost
            continue
        visible += 1
        turn = quarter_turns(ch.get("matrix"))
        if turn is None:
            continue  # a diagonal watermark is not running text
        colour = (ch.get("non_stroking_color"), ch.get("ncs"))
        try:
            invisible = hidden[colour]
        except (KeyError, TypeError):  # TypeError: a colour given as a list is not hashable
            invisible = is_white(colour[0]) and device_space(colour[1])
            if isinstance(colour[0], (tuple, int, float, type(None))):
                hidden[colour] = invisible
        if invisible:
            continue  # white text is invisible on the page: hidden keywords, not content
        glyphs.append(Glyph(text, ch["x0"], ch["x1"], ch["top"], ch["bottom"], ch["size"],
                            font_is_bold(ch["fontname"]), turn))
    return PageGlyphs(glyphs, visible, unmapped)


def quarter_turns(matrix: Any) -> int | None:
    """The text direction of a glyph's matrix (a, b, c, d, e, f) in quarter turns anticlockwise
    (0 upright, 1 reading upwards, 2 upside down, 3 reading downwards); None when it is not
    within a few degrees of one of them (a watermark set at 45°)."""
    if not matrix:
        return 0
    a, b = float(matrix[0]), float(matrix[1])
    if a == b == 0:
        return 0
    angle = math.degrees(math.atan2(b, a)) % 360
    turn = round(angle / 90) % 4
    off = abs(angle - 90 * round(angle / 90))
    return turn if off <= SKEW_DEGREES else None


SKEW_DEGREES = 5.0  # text set this close to a right angle still reads along it


def glyphs_to_lines(glyphs: Sequence[Glyph], settings: PdfSettings) -> list[TextLine]:
    """Group glyphs into lines, top to bottom, each left to right."""
    lines: list[TextLine] = []
    current: list[Glyph] = []
    band_top = band_bottom = 0.0
    for g in sorted(glyphs, key=BY_TOP_X0):
        # a glyph whose top is below the middle of the current line starts the next line
        if current and g.top >= (band_top + band_bottom) / 2:
            lines.append(glyphs_to_line(current, settings))
            current = []
        if not current:
            band_top, band_bottom = g.top, g.bottom
        else:
            band_top, band_bottom = min(band_top, g.top), max(band_bottom, g.bottom)
        current.append(g)
    if current:
        lines.append(glyphs_to_line(current, settings))
    return lines


def is_wide(text: str) -> bool:
    """True for CJK ideographs and full-width forms (a line may wrap before any of them)."""
    return text >= "\u2e80"


def lead_width(glyphs: Sequence[Glyph], size: float) -> float:
    """Width of what a line starts with that cannot be split: one CJK glyph, or a run of
    Latin letters and digits (`58,526.63`, `PDF`)."""
    end = 0
    while end < len(glyphs) and not is_wide(glyphs[end].text) and (
            end == 0 or glyphs[end].x0 - glyphs[end - 1].x1 < 0.1 * size):
        end += 1
    return glyphs[max(end, 1) - 1].x1 - glyphs[0].x0


def without_glyphs(line: TextLine) -> TextLine:
    """The line without its glyphs, once its page is laid out: a long document's pages keep
    their lines until the end, and the glyphs are most of their weight."""
    return replace(line, glyphs=())


def glyphs_to_line(glyphs: Sequence[Glyph], settings: PdfSettings) -> TextLine:
    """One line from its glyphs: sorted, fake bold removed, word spaces inserted."""
    ordered = sorted(glyphs, key=BY_X0)
    kept: list[Glyph] = [ordered[0]]
    overlap, space_gap = settings.fake_bold_overlap, settings.space_gap_em
    for g in ordered[1:]:
        prev = kept[-1]
        if (g.text == prev.text and abs(g.x0 - prev.x0) < overlap * max(g.x1 - g.x0, 1e-6)
                and abs(g.top - prev.top) < overlap * g.size):
            kept[-1] = prev._replace(bold=True)  # drawn twice to look bold (WPS, some scanners)
            continue
        kept.append(g)
    parts: list[str] = [kept[0].text]
    prev = kept[0]
    x1, top, bottom, bold = prev.x1, prev.top, prev.bottom, int(prev.bold)
    counts: dict[float, int] = {prev.size: 1}  # glyphs per size, counted before rounding
    for g in kept[1:]:
        if g.x0 - prev.x1 > space_gap * max(g.size, prev.size):
            parts.append(" ")
        parts.append(g.text)
        x1, top, bottom, bold = max(x1, g.x1), min(top, g.top), max(bottom, g.bottom), bold + g.bold
        counts[g.size] = counts.get(g.size, 0) + 1
        prev = g
    sizes: dict[float, int] = {}
    for raw, n in counts.items():
        sizes[round(raw, 1)] = sizes.get(round(raw, 1), 0) + n
    size = max(sizes.items(), key=lambda kv: kv[1])[0]
    return TextLine(tuple(kept), "".join(parts), kept[0].x0, x1, top, bottom, size, bold * 2 > len(kept),
                    len(kept), lead_width(kept, size))


def line_segments(line: TextLine, settings: PdfSettings) -> list[TextLine]:
    """Split a line where the gap between glyphs is wide enough to separate table cells."""
    groups: list[list[Glyph]] = [[line.glyphs[0]]]
    for prev, g in zip(line.glyphs, line.glyphs[1:]):
        if g.x0 - prev.x1 > settings.segment_gap_em * max(g.size, prev.size):
            groups.append([])
        groups[-1].append(g)
    if len(groups) == 1:
        return [line]
    return [glyphs_to_line(group, settings) for group in groups]


def glyphs_to_text(glyphs: Sequence[Glyph], settings: PdfSettings) -> str:
    """The raw text of some glyphs (a table cell): lines joined with newlines."""
    if not glyphs:
        return ""
    return "\n".join(line.text for line in glyphs_to_lines(glyphs, settings))
