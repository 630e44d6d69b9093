"""Pages set sideways: glyphs and rules turned so that the page's text reads upright.

A landscape page may come as a portrait page with /Rotate 90, or a table may be set
sideways on a portrait page (a landscape section printed on portrait paper). Either way most
glyphs on the page share one direction other than upright; the page is then turned, in
the reader's coordinates, so that they read left to right, and everything else (tables,
paragraphs) is found on the turned page. A page with text in two directions (a paragraph
above a table set sideways) is read once per direction, upright text first; a few glyphs
running another way (a page number left upright beside a sideways table, a stamp) go.
"""
from __future__ import annotations

from collections import Counter
from typing import NamedTuple, Sequence

from pipeline.readers.pdf_glyphs import Glyph
from pipeline.readers.pdf_rules import Rule


class TurnedPage(NamedTuple):
    """A page's glyphs and rules in the frame where its text reads upright."""

    glyphs: list[Glyph]
    horizontal: list[Rule]
    vertical: list[Rule]
    width: float
    height: float


def page_turn(glyphs: Sequence[Glyph]) -> int:
    """The direction most of a page's glyphs run in (0 when upright text is as common)."""
    counts = Counter(g.turn for g in glyphs)
    if not counts:
        return 0
    turn, n = counts.most_common(1)[0]
    return turn if n > counts.get(0, 0) else 0


def turn_glyph(g: Glyph, turn: int, width: float, height: float) -> Glyph:
    """A glyph's box in the turned page's coordinates (origin top-left, y down)."""
    if turn == 1:  # reading upwards: the page turns clockwise
        return g._replace(x0=height - g.bottom, x1=height - g.top, top=g.x0, bottom=g.x1, turn=0)
    if turn == 3:  # reading downwards: the page turns anticlockwise
        return g._replace(x0=g.top, x1=g.bottom, top=width - g.x1, bottom=width - g.x0, turn=0)
    return g._replace(x0=width - g.x1, x1=width - g.x0, top=height - g.bottom, bottom=height - g.top, turn=0)


def turn_rules(horizontal: Sequence[Rule], vertical: Sequence[Rule], turn: int, width: float,
               height: float) -> tuple[list[Rule], list[Rule]]:
    """Rules in the turned page's coordinates: a quarter turn swaps horizontal and vertical."""
    if turn == 1:
        return ([Rule(v.pos, height - v.end, height - v.start) for v in vertical],
                [Rule(height - h.pos, h.start, h.end) for h in horizontal])
    if turn == 3:
        return ([Rule(width - v.pos, v.start, v.end) for v in vertical],
                [Rule(h.pos, width - h.end, width - h.start) for h in horizontal])
    return ([Rule(height - h.pos, width - h.end, width - h.start) for h in horizontal],
            [Rule(width - v.pos, height - v.end, height - v.start) for v in vertical])


def turn_page(glyphs: Sequence[Glyph], horizontal: list[Rule], vertical: list[Rule],
              width: float, height: float, turn: int) -> TurnedPage:
    """The page turned so that glyphs running in direction `turn` read upright (the others go)."""
    if turn == 0:
        return TurnedPage([g for g in glyphs if g.turn == 0], horizontal, vertical, width, height)
    turned = [turn_glyph(g, turn, width, height) for g in glyphs if g.turn == turn]
    h, v = turn_rules(horizontal, vertical, turn, width, height)
    if turn == 2:
        return TurnedPage(turned, h, v, width, height)
    return TurnedPage(turned, h, v, height, width)


def turn_upright(glyphs: Sequence[Glyph], horizontal: list[Rule], vertical: list[Rule],
                 width: float, height: float, min_glyphs: int) -> list[TurnedPage]:
    """The page as read in each direction its text runs in, upright text first: a sideways
    table under a paragraph is read after it. A direction with fewer than `min_glyphs`
    glyphs (a stamp, a page number left upright) is left out unless it is all there is."""
    counts = Counter(g.turn for g in glyphs)
    turns = [t for t in sorted(counts) if counts[t] >= min_glyphs] or [page_turn(glyphs)]
    return [turn_page(glyphs, horizontal, vertical, width, height, t) for t in turns]
