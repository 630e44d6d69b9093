"""Rules (the lines tables are drawn with): page graphics in, snapped axis-aligned segments out.

Word, WPS and LibreOffice draw table borders as stroked lines, stroked rectangles, thin
filled rectangles or thin filled paths; all of them become ``Rule`` segments here. Rules are
then snapped (borders drawn twice or a hair apart become one) and grouped into connected
networks: a network with vertical rules is a ruled grid, horizontal rules touching no
vertical rule are "free" and may bound a three-line table.
"""
from __future__ import annotations

from typing import Any, Iterable, NamedTuple

from pipeline.readers.pdf_settings import PdfSettings


class Rule(NamedTuple):
    """An axis-aligned segment: ``pos`` is y for a horizontal rule, x for a vertical one."""

    pos: float
    start: float
    end: float


class RuleNetwork(NamedTuple):
    """Horizontal and vertical rules that touch each other."""

    horizontal: list[Rule]
    vertical: list[Rule]


def is_white(color: Any) -> bool:
    """True for white in gray, RGB or CMYK (rules or text drawn in white are invisible)."""
    if isinstance(color, tuple) and len(color) == 1:
        color = color[0]
    if not isinstance(color, (tuple, list)) or not color:
        return isinstance(color, (int, float)) and not isinstance(color, bool) and color >= 0.95
    if not all(isinstance(v, (int, float)) for v in color):
        return False  # a pattern colour
    if len(color) == 4:
        return all(v <= 0.05 for v in color)
    return all(v >= 0.95 for v in color)


# A stroke or a thin fill as drawn: its box (x0, top, x1, bottom); one of them is a rule when
# it is thin one way and long the other.
Mark = tuple[float, float, float, float]


def marks_to_rules(marks: Iterable[Mark], page_width: float,
                   settings: PdfSettings) -> tuple[list[Rule], list[Rule]]:
    """Horizontal and vertical rules, snapped, from the strokes and thin fills of a page."""
    thin = settings.thin_rule * page_width
    horizontal: list[Rule] = []
    vertical: list[Rule] = []
    for x0, top, x1, bottom in marks:
        if bottom - top <= thin and x1 - x0 > thin:
            horizontal.append(Rule((top + bottom) / 2, x0, x1))
        elif x1 - x0 <= thin and bottom - top > thin:
            vertical.append(Rule((x0 + x1) / 2, top, bottom))
    return snap_rules(horizontal, thin), snap_rules(vertical, thin)


def objects_to_rules(lines: Iterable[dict[str, Any]], rects: Iterable[dict[str, Any]],
                     curves: Iterable[dict[str, Any]], page_width: float,
                     settings: PdfSettings) -> tuple[list[Rule], list[Rule]]:
    """Horizontal and vertical rules drawn on a page, from pdfplumber's lines, rectangles and paths."""
    thin = settings.thin_rule * page_width
    marks: list[Mark] = []

    def add_path(pts: list[tuple[float, float]]) -> None:
        for (xa, ya), (xb, yb) in zip(pts, pts[1:]):
            marks.append((min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)))

    for obj in lines:
        if obj.get("stroke", True) and not is_white(obj.get("stroking_color")):
            add_path(obj.get("pts") or [(obj["x0"], obj["top"]), (obj["x1"], obj["bottom"])])
    for obj in rects:
        x0, top, x1, bottom = obj["x0"], obj["top"], obj["x1"], obj["bottom"]
        if obj.get("fill") and not is_white(obj.get("non_stroking_color")) and (
                bottom - top <= thin or x1 - x0 <= thin):
            marks.append((x0, top, x1, bottom))  # a thin filled rectangle drawn as a rule (WPS does this)
        elif obj.get("stroke") and not is_white(obj.get("stroking_color")):
            add_path([(x0, top), (x1, top), (x1, bottom), (x0, bottom), (x0, top)])
    for obj in curves:
        x0, top, x1, bottom = obj["x0"], obj["top"], obj["x1"], obj["bottom"]
        if obj.get("fill") and not is_white(obj.get("non_stroking_color")) and (
                bottom - top <= thin or x1 - x0 <= thin):
            marks.append((x0, top, x1, bottom))
        elif obj.get("stroke") and not is_white(obj.get("stroking_color")):
            add_path(obj.get("pts") or [])
    return marks_to_rules(marks, page_width, settings)


def snap_rules(rules: list[Rule], tol: float) -> list[Rule]:
    """Merge rules at (almost) the same position that overlap or touch into one."""
    if not rules:
        return []
    rules = sorted(rules)
    clusters: list[list[Rule]] = [[rules[0]]]
    for rule in rules[1:]:
        if rule.pos - clusters[-1][-1].pos <= tol:
            clusters[-1].append(rule)
        else:
            clusters.append([rule])
    snapped: list[Rule] = []
    for cluster in clusters:
        pos = sum(r.pos for r in cluster) / len(cluster)
        spans = sorted((r.start, r.end) for r in cluster)
        start, end = spans[0]
        for s, e in spans[1:]:
            if s <= end + tol:
                end = max(end, e)
            else:
                snapped.append(Rule(pos, start, end))
                start, end = s, e
        snapped.append(Rule(pos, start, end))
    return snapped


def rules_to_networks(horizontal: list[Rule], vertical: list[Rule],
                      tol: float) -> tuple[list[RuleNetwork], list[Rule]]:
    """Connected networks of rules that contain vertical ones, and the free horizontal rules."""
    parent = list(range(len(horizontal) + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    touched = [False] * len(horizontal)
    for j, v in enumerate(vertical):
        for i, h in enumerate(horizontal):
            if h.start - tol <= v.pos <= h.end + tol and v.start - tol <= h.pos <= v.end + tol:
                touched[i] = True
                parent[find(i)] = find(len(horizontal) + j)
    groups: dict[int, RuleNetwork] = {}
    for i, h in enumerate(horizontal):
        if touched[i]:
            groups.setdefault(find(i), RuleNetwork([], [])).horizontal.append(h)
    for j, v in enumerate(vertical):
        groups.setdefault(find(len(horizontal) + j), RuleNetwork([], [])).vertical.append(v)
    free = [h for i, h in enumerate(horizontal) if not touched[i]]
    return list(groups.values()), free
