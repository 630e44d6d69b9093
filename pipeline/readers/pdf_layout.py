"""Page layout: page furniture, the text frame (margins, body size, line pitch), paragraphs.

Paragraph breaks follow how Word and WPS typeset Chinese official documents: running text
is justified to the right margin, a paragraph's first line is indented two characters, a
heading or a paragraph's last line ends short, and numbered items start a new line.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from statistics import median
from typing import Sequence

import regex as re

from schemas.text import canon, clean, ends_sentence, split_enumerator
from pipeline.readers.pdf_glyphs import TextLine
from schemas.lexicon import CAPTION, PAGE_NUMBER, UNIT_LINE
from pipeline.readers.pdf_settings import PdfSettings
from pipeline.readers.pdf_tables import TableDraft


@dataclass(frozen=True)
class PageLayout:
    """What one page holds once read: its text lines (outside tables) and its tables."""

    number: int
    width: float
    height: float
    lines: tuple[TextLine, ...]
    tables: tuple[TableDraft, ...]
    visible_chars: int
    image_cover: float  # share of the page the largest image covers
    unmapped_chars: int = 0  # chars dropped for want of a Unicode mapping
    column: tuple[float, float] | None = None  # x-range of a newspaper column (or region) read alone
    method: str = "text"  # text: read from the text layer; ocr: recognised on the rendered page

    @property
    def frame_key(self) -> tuple[int, int, int]:
        """Which text frame the page's lines are set in: by page width, and by column."""
        x0, x1 = self.column or (0.0, self.width)
        return (round(self.width), round(x0), round(x1))


@dataclass(frozen=True)
class TextFrame:
    """Where running text sits on pages of one width, and its usual size and line pitch."""

    left: float
    right: float
    body_size: float
    pitch: float  # baseline to baseline of body lines


def furniture_key(text: str) -> str:
    """Comparison key of a band line: page numbers vary, so digits are one symbol."""
    return re.sub(r"\d+", "#", canon(text))


def in_band(line: TextLine, page: PageLayout, settings: PdfSettings) -> bool:
    """True for a line in the top or bottom band of its page, where furniture lives."""
    band = settings.furniture_band * page.height
    return line.bottom <= band or line.top >= page.height - band


def strip_furniture(pages: Sequence[PageLayout], settings: PdfSettings) -> list[PageLayout]:
    """Pages without page numbers and without running headers/footers repeated across pages."""
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({furniture_key(ln.text) for ln in page.lines if in_band(ln, page, settings)})
    with_text = sum(1 for p in pages if p.lines)
    repeated = {key for key, n in seen.items()
                if with_text >= 2 and n >= max(2.0, settings.furniture_repeat * with_text)}
    out = []
    for page in pages:
        keep = tuple(ln for ln in page.lines if not (in_band(ln, page, settings) and (
            PAGE_NUMBER.match(ln.text) or furniture_key(ln.text) in repeated)))
        out.append(replace(page, lines=keep))
    return out


def supported_extreme(values: Sequence[float], lowest: bool) -> float:
    """The lowest (or highest) position that several lines share: the margin, not an outlier.

    Not the most common position: on a page of one-line paragraphs that would be the indent.
    """
    counts = Counter(round(v) for v in values)
    support = max(2, 0.05 * len(values))
    shared = [k for k in counts if counts[k] + counts.get(k - 1, 0) + counts.get(k + 1, 0) >= support]
    if not shared:
        return min(values) if lowest else max(values)
    best = min(shared) if lowest else max(shared)
    return median([v for v in values if abs(round(v) - best) <= 1])


def fit_columns(pages: Sequence[PageLayout]) -> list[PageLayout]:
    """Pages read whole whose text lies within one newspaper column of other pages of the
    same width (the last page of a report in columns, its right column empty) set in it."""
    columns = {(round(p.width), p.column) for p in pages
               if p.column and p.column[1] - p.column[0] < p.width - 1}
    out = []
    for page in pages:
        if page.column is None and page.lines:
            x0, x1 = min(ln.x0 for ln in page.lines), max(ln.x1 for ln in page.lines)
            inside = [c for w, c in columns if w == round(page.width) and c and c[0] <= x0 and x1 <= c[1]]
            if inside:
                page = replace(page, column=inside[0])
        out.append(page)
    return out


def pages_to_frames(pages: Sequence[PageLayout]) -> dict[tuple[int, int, int], TextFrame]:
    """The text frame for each page width (portrait and landscape pages differ) and column."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for ln in page.lines:
            sizes[ln.size] += ln.count
    body_size = sizes.most_common(1)[0][0] if sizes else 12.0
    pitches = [b.top - a.top for p in pages for a, b in zip(p.lines, p.lines[1:])
               if a.size == body_size == b.size and 0 < b.top - a.top < 3 * body_size]
    pitch = median(pitches) if pitches else 1.5 * body_size
    frames: dict[tuple[int, int, int], TextFrame] = {}
    # newspaper columns first: a full-width part of a page in columns (a title) without
    # running text of its own spans from the left column's margin to the right one's
    for key in sorted({p.frame_key for p in pages}, key=lambda k: k[2] - k[1]):
        width = key[0]
        body = [ln for p in pages if p.frame_key == key for ln in p.lines
                if abs(ln.size - body_size) <= 0.1 * body_size]
        columns = [f for k, f in frames.items() if k[0] == width]
        if len(body) >= 3:
            frames[key] = TextFrame(supported_extreme([ln.x0 for ln in body], lowest=True),
                                    supported_extreme([ln.x1 for ln in body], lowest=False),
                                    body_size, pitch)
        elif columns and key[1] == 0 and key[2] == width:
            frames[key] = TextFrame(min(f.left for f in columns), max(f.right for f in columns), body_size, pitch)
        else:
            lines = [ln for p in pages if p.frame_key == key for ln in p.lines]
            left = min((ln.x0 for ln in lines), default=0.1 * width)
            right = max((ln.x1 for ln in lines), default=0.9 * width)
            frames[key] = TextFrame(left, right, body_size, pitch)
    return frames


def starts_block(text: str) -> bool:
    """True for a line that always starts a paragraph: numbered, a caption or a unit line."""
    s = clean(text)
    return split_enumerator(s)[0] is not None or bool(CAPTION.match(s) or UNIT_LINE.match(s))


def first_word_width(line: TextLine) -> float:
    """Width of what a line starts with that cannot be split: one CJK glyph, or a run of
    Latin letters and digits (`58,526.63`, `PDF`); kept on the line once its glyphs are gone."""
    return line.lead


def is_short(line: TextLine, frame: TextFrame, settings: PdfSettings,
             following: TextLine | None = None) -> bool:
    """True when a line ends clearly before the right margin (a paragraph's last line); a
    ragged line is not short when the next line's first word would not have fitted."""
    room = frame.right - line.x1
    if following is not None and room > settings.short_line_em * line.size:
        # left-aligned text wraps before a long number: `…共计` / `58,526.63万元`
        return room > first_word_width(following) + 0.5 * line.size
    return room > settings.short_line_em * line.size


def is_indented(line: TextLine, frame: TextFrame, settings: PdfSettings) -> bool:
    """True when a line starts right of the left margin (a first-line indent, a centred line)."""
    return line.x0 > frame.left + settings.indent_em * line.size


def same_size(a: TextLine, b: TextLine, settings: PdfSettings) -> bool:
    """True when two lines are set in (nearly) the same font size."""
    return abs(a.size - b.size) <= settings.size_change * max(a.size, b.size)


def is_centred_title(a: TextLine, b: TextLine, frame: TextFrame, settings: PdfSettings) -> bool:
    """Two lines of one centred title larger than body text (a report title set on two lines)."""
    centre = (frame.left + frame.right) / 2
    return (a.size > settings.title_size * frame.body_size and abs((a.x0 + a.x1) / 2 - centre) < a.size
            and abs((b.x0 + b.x1) / 2 - centre) < b.size and b.top - a.bottom < a.size)


def continues(a: TextLine, b: TextLine, frame: TextFrame, settings: PdfSettings) -> bool:
    """True when line b goes on with the paragraph that line a belongs to (same page)."""
    if starts_block(b.text) or not same_size(a, b, settings):
        return False
    if is_centred_title(a, b, frame, settings) and not starts_block(a.text):
        return True
    if is_short(a, frame, settings, b) or is_indented(b, frame, settings):
        return False
    if a.bold != b.bold and ends_sentence(clean(a.text)):
        return False  # a bold lead-in ends, or a heading without number follows a sentence
    expected = frame.pitch * a.size / frame.body_size
    return b.top - a.top <= settings.gap_factor * expected


def continues_over_page(a: TextLine, b: TextLine, frame_a: TextFrame, frame_b: TextFrame,
                        settings: PdfSettings) -> bool:
    """True when the first line of a page goes on with the last line of the page before."""
    return (not is_short(a, frame_a, settings, b) and not ends_sentence(clean(a.text))
            and not is_indented(b, frame_b, settings) and not starts_block(b.text)
            and same_size(a, b, settings))


def lines_to_paragraphs(lines: Sequence[TextLine], frame: TextFrame, settings: PdfSettings) -> list[list[TextLine]]:
    """Consecutive lines of one page grouped into paragraphs."""
    groups: list[list[TextLine]] = []
    for ln in lines:
        if groups and continues(groups[-1][-1], ln, frame, settings):
            groups[-1].append(ln)
        else:
            groups.append([ln])
    return groups


@dataclass
class ParaDraft:
    """A paragraph being assembled: its lines with their pages (it may cross a page break)."""

    page: int
    lines: list[tuple[int, TextLine]]

    @property
    def text(self) -> str:
        """The paragraph's text: lines joined, extraction artefacts cleaned."""
        return clean("\n".join(ln.text for _, ln in self.lines))
