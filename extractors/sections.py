"""The report's heading tree: 一、 / （一） / 1. / （1） / ① headings with parents, roles, text.

A numbered paragraph is a heading only when it reads as one (rules in ``_heading_title``):
`①完整性，指标分值2分，评价得分1分` is a scored item, `（2）开展学术交流，…。` in a run of
long numbered sentences is a list item; both stay body text.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator, Sequence

import regex as re

from schemas.text import TRAILING_PUNCT, split_enumerator
from schemas.document import Element, Paragraph
from schemas.lexicon import SECTION_ROLES

if TYPE_CHECKING:
    from extractors.analysis import Analysis

# A scored item written in prose, never a heading: `①完整性，指标分值 2分，评价得分 1分`,
# `（1）项目立项规范性：满分4分，得4分`
SCORE_PHRASE = re.compile(r"(?:指标)?(?:分值|满分)\s*\d|(?:评价|实际|自评)得分\s*\d|得分?\s*\d+(?:\.\d+)?\s*分|权重\s*\d")
# Where a run-in heading ends and its body begins: `1. 筑牢根基，打造一流科学高地。汇聚…`
RUN_IN_END = re.compile(r"[。；;：:！？!?]")
SENTENCE_END = re.compile(r"[。；;！？!?]")

# The longest heading title, in characters, per level (1-2 are section titles, 3-5 short labels).
MAX_TITLE = {1: 60, 2: 60, 3: 30, 4: 30, 5: 30}

INHERITED_ROLES = {"recommendations", "problems", "experience"}


@dataclass(frozen=True)
class Heading:
    seq: int
    level: int
    number: str
    title: str
    parent_seq: int | None
    element_index: int  # index of the heading paragraph in the document's element list
    page: int | None
    run_in: str  # body text printed on the heading's own line, after the title


def _heading_title(level: int, rest: str, first_line: str | None = None) -> tuple[str, str] | None:
    """(title, run-in body) when a numbered paragraph reads as a heading, else None.

    The title ends at the first sentence end (also at ：for levels 3-5, `（1）基础研究计划：…`).
    When that is too long, a heading printed on a line of its own and followed by a new
    paragraph that the text reader could not separate (no indent in plain text) is recovered
    from the paragraph's first printed line."""
    if not rest or SCORE_PHRASE.search(rest[:80]):
        return None
    ends = RUN_IN_END if level >= 3 else SENTENCE_END
    m = ends.search(rest)
    title, body = (rest[: m.start()], rest[m.end():]) if m else (rest, "")
    title = TRAILING_PUNCT.sub("", title).strip()
    if title and len(title) <= MAX_TITLE[level]:
        return title, body.strip()
    if first_line and level <= 2 and not ends.search(first_line):
        _, line_rest = split_enumerator(first_line)
        line_rest = TRAILING_PUNCT.sub("", line_rest).strip()
        if line_rest and len(line_rest) <= MAX_TITLE[level] and rest.startswith(line_rest):
            return line_rest, rest[len(line_rest):].strip()
    return None


def find_headings(elements: Sequence[Element]) -> list[Heading]:
    """Headings among the elements, with parents; list items and scored items left out."""
    candidates: list[tuple[int, int, str, str, str]] = []  # index, level, number, title, run-in
    rejected: list[tuple[int, int]] = []  # index, level of numbered paragraphs that are not headings
    for i, el in enumerate(elements):
        if not isinstance(el, Paragraph):
            continue
        enum, rest = split_enumerator(el.text)
        if enum is None:
            continue
        level, number = enum
        first_line = el.lines[0].text if len(el.lines) > 1 else None
        parsed = _heading_title(level, rest, first_line)
        if parsed is None:
            rejected.append((i, level))
        else:
            candidates.append((i, level, number, parsed[0], parsed[1]))
    candidates = _drop_list_runs(candidates, rejected)
    headings: list[Heading] = []
    stack: list[Heading] = []
    for i, level, number, title, run_in in candidates:
        while stack and stack[-1].level >= level:
            stack.pop()
        el = elements[i]
        h = Heading(seq=len(headings), level=level, number=number, title=title,
                    parent_seq=stack[-1].seq if stack else None, element_index=i,
                    page=el.page if isinstance(el, Paragraph) else None, run_in=run_in)
        headings.append(h)
        stack.append(h)
    return headings


def _drop_list_runs(candidates: list[tuple[int, int, str, str, str]],
                    rejected: list[tuple[int, int]]) -> list[tuple[int, int, str, str, str]]:
    """Levels 3-5 only: a run of same-level numbered paragraphs that are mostly long sentences
    is a list, not headings, so a short item in that run (`（2）开展学术交流，…。`) is a list
    item too. A run ends at an accepted heading of an outer level."""
    events = sorted([(c[0], c[1], True) for c in candidates] + [(i, lvl, False) for i, lvl in rejected])
    runs: dict[int, list[tuple[int, bool]]] = {}
    drop: set[int] = set()

    def close(level: int) -> None:
        run = runs.pop(level, [])
        if level >= 3 and len(run) >= 3 and sum(ok for _, ok in run) * 2 <= len(run):
            drop.update(i for i, ok in run if ok)

    for i, level, ok in events:
        for deeper in [lv for lv in runs if lv > level]:
            close(deeper)
        runs.setdefault(level, []).append((i, ok))
    for level in list(runs):
        close(level)
    return [c for c in candidates if c[0] not in drop]


def role_of(title: str) -> str | None:
    """What a section is for, from words in its heading (the lexicon's section roles), or None."""
    return next((role for role, words in SECTION_ROLES if words.search(title)), None)


def section_paths(elements: Sequence[Element], headings: Sequence[Heading]
                  ) -> Iterator[tuple[Element, tuple[Heading, ...]]]:
    """Every element with the headings that enclose it, outermost first (headings excluded)."""
    by_index = {h.element_index: h for h in headings}
    stack: list[Heading] = []
    for i, el in enumerate(elements):
        h = by_index.get(i)
        if h is not None:
            while stack and stack[-1].level >= h.level:
                stack.pop()
            stack.append(h)
            if h.run_in:
                yield Paragraph(text=h.run_in, page=h.page), tuple(stack)
            continue
        yield el, tuple(stack)


def extract_sections(analysis: Analysis) -> list[dict[str, Any]]:
    """Rows of sections.parquet: one per heading, with its body text up to the next heading
    of the same or a higher level."""
    elements, headings, doc = analysis.elements, analysis.headings, analysis.doc
    rows: list[dict[str, Any]] = []
    roles: dict[int, str | None] = {}
    for k, h in enumerate(headings):
        parent_role = roles.get(h.parent_seq) if h.parent_seq is not None else None
        # A part of a problems/recommendations/experience section serves its parent's purpose,
        # whatever its own words say (`（一）延伸跟踪管理链条，…保障…工作成效` is a recommendation).
        roles[h.seq] = parent_role if parent_role in INHERITED_ROLES else (role_of(h.title) or parent_role)
        end = len(elements)
        for later in headings[k + 1:]:
            if later.level <= h.level:
                end = later.element_index
                break
        parts = [h.run_in] if h.run_in else []
        parts += [e.text for e in elements[h.element_index + 1:end] if isinstance(e, Paragraph)]
        rows.append({
            "report_id": doc.report_id, "seq": h.seq, "level": h.level, "number": h.number,
            "heading": h.title, "parent_seq": h.parent_seq, "role": roles[h.seq],
            "text": "\n".join(p for p in parts if p), "page_start": h.page,
        })
    return rows
