"""Captions and unit lines moved onto their tables, for readers of formats that keep a table
and its caption as separate blocks in reading order (Word, HTML): `表1 …` just above a table
(or just below it, when it does not open the next one) is its caption, `单位：万元` its note —
as the PDF reader attaches them by position on the page."""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from schemas.text import clean, ends_sentence
from schemas.lexicon import CAPTION, CAPTION_WITH_UNIT, UNIT_LINE
from schemas.document import Element, Paragraph, Table


def _caption(element: Element | None) -> str | None:
    """The caption a paragraph holds (`表1 2023年预算执行情况`), or None."""
    if not isinstance(element, Paragraph) or len(element.lines) > 2:
        return None
    text = element.text
    return text if CAPTION.match(text) and not ends_sentence(text) else None


def _unit(element: Element | None) -> str | None:
    """The unit line a paragraph is (`单位：万元`), or None."""
    return element.text if isinstance(element, Paragraph) and UNIT_LINE.match(element.text) else None


def attach_captions(elements: Sequence[Element]) -> list[Element]:
    """The elements with each table's caption and unit line taken out of the paragraphs."""
    out: list[Element] = []
    used: set[int] = set()  # indexes of paragraphs moved onto a table below them
    for i, element in enumerate(elements):
        if i in used:
            continue
        if not isinstance(element, Table) or element.caption:
            out.append(element)
            continue
        notes: list[str] = []
        caption: str | None = None
        if out and _unit(out[-1]):
            notes.append(_unit(out.pop()) or "")
        if out and _caption(out[-1]):
            caption = _caption(out.pop())
        if caption is None:
            below = elements[i + 1] if i + 1 < len(elements) else None
            after = elements[i + 2] if i + 2 < len(elements) else None
            if _caption(below) and not isinstance(after, Table) and not _unit(after):
                caption = _caption(below)
                used.add(i + 1)
        if caption:
            m = CAPTION_WITH_UNIT.match(caption)
            if m and CAPTION.match(m.group("caption")):
                caption = m.group("caption")
                notes.append(clean(m.group("unit")))
        out.append(replace(element, caption=caption, notes=element.notes + tuple(notes)))
    return out
