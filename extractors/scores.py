"""scores.parquet: the scored indicator system, from score tables of any shape and from
scores written in prose (`论证充分性，指标分值4分，评价得分4分，评价得分率100%`).

Subtotal rows are marked, grand totals (合计) are left to reports.total_score, and the same
item printed twice (two tables, or a table and the prose) is one row.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Iterable, Sequence

import regex as re

from extractors.budget import BudgetBlock
from extractors.grid import Layout, body_rows, cell_name, fill_names, is_label_row, realign
from extractors.numbers import parse_number, parse_percent, parse_score
from extractors.sections import Heading, section_paths
from schemas.text import canon, clean_name
from schemas.document import Element, Paragraph, Table
from schemas.lexicon import BUDGET_INDICATOR, GRAND_TOTAL, LEVEL1_NAMES
from schemas.warnings import WarningItem, warn

if TYPE_CHECKING:
    from extractors.analysis import Analysis

NUM = r"\d+(?:\.\d+)?"
# A scored item in prose: `①完整性，指标分值 2分，评价得分 1分，评价得分率 50%`
# `③分会场设置数量指标分值 2分，评价得分 2分` (no comma before 指标分值), `满分4分，得4分`.
PROSE_ITEM = re.compile(
    rf"(?P<name>[^。；;！？\n]{{0,80}}?)[，,、\s]*(?:指标)?(?:分值|满分|权重)\s*(?:为)?\s*(?P<max>{NUM})\s*分"
    rf"[，,、；\s]*(?:其中)?(?:评价|实际|自评|综合)?得分?\s*(?:为)?\s*(?P<score>{NUM})\s*分"
    rf"(?:[，,、；\s]*(?:评价|实际)?得分率\s*(?:为)?\s*(?P<rate>{NUM})\s*[%％])?")


def _subtotal_pattern(name: str) -> re.Pattern[str]:
    """A level-1 subtotal in prose: `履职效能得分48.82分，得分百分比为97.64%`,
    `一级指标过程综合得分为 20 分`, `决策指标分值20分，得分17.5分`, `决策指标得分17.5分（满分20分）`."""
    n = re.escape(name)
    return re.compile(
        rf"(?:(?<=^|[^\p{{Han}}]|指标|其中|中){n})(?:指标)?"
        rf"(?:(?:分值|满分|权重)\s*(?:为)?\s*(?P<max>{NUM})\s*分[，,、\s]*)?"
        rf"(?:综合|总|实际|评价|自评)?得分\s*(?:为|是|：|:)?\s*(?P<score>{NUM})\s*分"
        rf"(?:\s*[（(](?:满分|分值|权重)\s*(?P<max2>{NUM})\s*分[)）])?"
        rf"(?:[，,、；\s]*得分(?:百分比|率)\s*(?:为)?\s*(?P<rate>{NUM})\s*[%％])?")


@dataclass(frozen=True)
class ScoreRow:
    name: str
    levels: tuple[str, ...] = ()  # enclosing group names, outermost first
    max_score: float | None = None
    score: float | None = None
    score_rate: float | None = None
    subtotal: bool = False  # known to sum other rows (a group row or a group-total cell)
    source: str = "table"
    page: int | None = None


def is_score_layout(lay: Layout) -> bool:
    """A score table: names plus 分值/权重 or 得分 columns, and no budget columns."""
    return bool(lay.name_columns and (lay.columns("max") or lay.columns("score")) and not lay.columns("budget"))


def _first(cells: list[str], cols: list[int]) -> str:
    return next((cells[c] for c in cols if cells[c]), "")


@dataclass(frozen=True)
class ScoreAnalysis:
    """The document's score rows (merged, subtotals marked), the grand totals its score tables
    print (合计/总分 rows: the report's total, not rows) and what was noticed."""

    rows: tuple[ScoreRow, ...]
    totals: tuple[float, ...]
    warnings: tuple[WarningItem, ...]


def block_rows(table: Table, lay: Layout) -> tuple[list[ScoreRow], list[tuple[float, float | None]]]:
    """Score rows of one table block and the grand totals (合计) it prints, each with the
    合计 row's 分值 when it prints one."""
    if not is_score_layout(lay):
        return [], []
    names = lay.name_columns
    raw = body_rows(table, lay)
    grid = [realign(cells, lay) or cells for _, cells in raw]
    filled = fill_names(grid, names)
    rows: list[ScoreRow] = []
    totals: list[tuple[float, float | None]] = []
    for (index, _), cells, orig in zip(raw, filled, grid):
        page = table.page_of_row(index)
        max_score = parse_score(_first(cells, lay.columns("max")))
        score = parse_score(_first(cells, lay.columns("score")))
        rate_text = _first(cells, lay.columns("rate"))
        rate = parse_percent(rate_text) if "%" in rate_text or "％" in rate_text else parse_number(rate_text)
        label_cells = [cell_name(cells[c]) for c in names] + [cell_name(cells[c]) for c in lay.columns("seq")]
        if any(GRAND_TOTAL.match(canon(c)) for c in label_cells if c):
            if score is not None:
                totals.append((score, max_score))
            continue
        path = [cell_name(cells[c]) for c in names]
        depth = max((k for k, c in enumerate(path) if c), default=-1)
        if depth < 0 or is_label_row(cells, lay):
            continue
        levels = tuple(_dedupe(path[:depth]))
        name = path[depth]
        # a row that names only an outer column, inner columns empty in the printed grid,
        # is the group's own row (before forward-fill, so merged cells do not count)
        orig_depth = max((k for k, c in enumerate(orig[c] for c in names) if c), default=-1)
        group_row = orig_depth < len(names) - 1 and len(names) > 1 and orig_depth == depth
        if max_score is not None or score is not None:
            if name in levels:
                levels = levels[: levels.index(name)]
            rows.append(ScoreRow(name=name, levels=levels, max_score=max_score, score=score,
                                 score_rate=rate, subtotal=group_row, page=page))
        group_total = parse_score(_first(cells, lay.columns("group_total")))
        if group_total is not None and path[0]:
            rows.append(ScoreRow(name=path[0], levels=(), score=group_total, subtotal=True, page=page))
    return rows, totals


def _dedupe(names: Iterable[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        if n and (not out or out[-1] != n):
            out.append(n)
    return out


def level1_names(table_rows: Iterable[ScoreRow]) -> list[str]:
    """Level-1 names: the genre's vocabulary plus the outermost names of the score tables."""
    names = list(LEVEL1_NAMES)
    for r in table_rows:
        outer = r.levels[0] if r.levels else (r.name if r.subtotal else None)
        if outer and outer not in names:
            names.append(outer)
    return names


def _level_from_headings(stack: tuple[Heading, ...], l1_names: list[str]) -> tuple[str, ...]:
    """(level1, level2) for prose under headings like `1.决策立项情况分析` / `（1）论证决策`."""
    for k, h in enumerate(stack):
        matches = [n for n in l1_names if canon(h.title).startswith(canon(n))]
        if matches:
            level1 = max(matches, key=len)
            deeper = [x.title for x in stack[k + 1:]]
            return (level1, deeper[-1]) if deeper else (level1,)
    return ()


def prose_rows(elements: Sequence[Element], headings: Sequence[Heading], l1_names: list[str]) -> list[ScoreRow]:
    """Scores written in prose: scored items and level-1 subtotals."""
    subtotal_patterns = [(n, _subtotal_pattern(n)) for n in sorted(set(l1_names), key=lambda n: (-len(n), n))]
    rows: list[ScoreRow] = []
    for element, stack in section_paths(elements, headings):
        if not isinstance(element, Paragraph):
            continue
        text = element.text
        taken: list[tuple[int, int]] = []
        for m in PROSE_ITEM.finditer(text):
            name = _prose_name(m.group("name"))
            if not name:
                continue
            taken.append(m.span())
            rate = float(m.group("rate")) if m.group("rate") else None
            rows.append(ScoreRow(name=name, levels=_level_from_headings(stack, l1_names),
                                 max_score=float(m.group("max")), score=float(m.group("score")),
                                 score_rate=rate, source="text", page=element.page))
        found = []
        for name, pattern in subtotal_patterns:
            for m in pattern.finditer(text):
                if not any(a <= m.start() < b for a, b in taken):
                    taken.append(m.span())
                    found.append((m.start(), name, m))
        for _, name, m in sorted(found, key=lambda f: f[0]):  # document order
            rows.append(ScoreRow(
                name=name, levels=(), subtotal=True, source="text", page=element.page,
                max_score=_float(m.group("max") or m.group("max2")), score=float(m.group("score")),
                score_rate=_float(m.group("rate"))))
    return rows


def _float(text: str | None) -> float | None:
    return float(text) if text else None


def _prose_name(raw: str) -> str:
    """The item's name: the last clause before 指标分值, without enumerator or context."""
    parts = [p for p in re.split(r"[，,：:]", raw) if clean_name(p)]
    return clean_name(parts[-1]) if parts else ""


def _compatible(a: float | None, b: float | None) -> bool:
    return a is None or b is None or abs(a - b) <= 0.005


def merge_rows(rows: list[ScoreRow]) -> tuple[list[ScoreRow], list[WarningItem]]:
    """One row per item: rows with the same name whose figures agree are merged (gaps filled
    from the later one); rows with the same name and different figures stay apart, warned."""
    merged: list[ScoreRow] = []
    warnings: list[WarningItem] = []
    for row in rows:
        for k, seen in enumerate(merged):
            if canon(seen.name) != canon(row.name):
                continue
            if _compatible(seen.score, row.score) and _compatible(seen.max_score, row.max_score):
                merged[k] = replace(
                    seen,
                    levels=seen.levels if len(seen.levels) >= len(row.levels) else row.levels,
                    max_score=seen.max_score if seen.max_score is not None else row.max_score,
                    score=seen.score if seen.score is not None else row.score,
                    score_rate=seen.score_rate if seen.score_rate is not None else row.score_rate,
                    subtotal=seen.subtotal or row.subtotal)
                break
        else:
            if any(canon(s.name) == canon(row.name) and s.subtotal == row.subtotal for s in merged):
                warnings.append(warn("score_printed_twice", f"scores: {row.name} printed twice with different "
                                     f"figures ({row.max_score}/{row.score}); both kept", row.page))
            merged.append(row)
    return merged, warnings


def _mark_subtotals(rows: list[ScoreRow]) -> list[ScoreRow]:
    """A row is a subtotal when it sums others: flagged by its table, or named as the group
    of another item (`资金管理` over `资金支出率`). Its own name becomes its deepest level."""
    parents = {canon(level) for r in rows for level in r.levels if canon(level) != canon(r.name)}
    out = []
    for r in rows:
        subtotal = r.subtotal or canon(r.name) in parents
        levels = r.levels
        if subtotal and (not levels or canon(levels[-1]) != canon(r.name)):
            levels = levels + (r.name,)
        out.append(replace(r, subtotal=subtotal, levels=levels))
    return out


def analyse_scores(elements: Sequence[Element], headings: Sequence[Heading],
                   blocks: Iterable[tuple[Table, Layout]], budget: BudgetBlock | None) -> ScoreAnalysis:
    """All score rows of a document: its score tables' blocks, its prose, and the 分值/得分 of
    its budget block (the 预算执行率 indicator), merged, subtotals marked; grand totals apart."""
    rows: list[ScoreRow] = []
    totals: list[tuple[float, float | None]] = []
    for table, lay in blocks:
        t_rows, t_totals = block_rows(table, lay)
        rows.extend(t_rows)
        totals.extend(t_totals)
    rows.extend(prose_rows(elements, headings, level1_names(rows)))
    if budget is not None and (budget.get("max") is not None or budget.get("score") is not None):
        rows.append(ScoreRow(name=BUDGET_INDICATOR, max_score=budget.get("max"), score=budget.get("score"),
                             page=budget.page))
    merged, warnings = merge_rows(rows)
    marked = _mark_subtotals(merged)
    return ScoreAnalysis(rows=tuple(marked), totals=tuple(_score_totals(totals, marked)), warnings=tuple(warnings))


def _score_totals(totals: Sequence[tuple[float, float | None]], rows: Sequence[ScoreRow]) -> list[float]:
    """The 合计 rows' scores, without a lone figure that is the items' 分值 summed and not their
    得分 (`合计 | | 100` under items scoring 95.82: the weights' total, not the report's)."""
    leaves = [r for r in rows if not r.subtotal]
    weights = sum(r.max_score or 0.0 for r in leaves)
    scores = sum(r.score or 0.0 for r in leaves)
    return [t for t, weight in totals
            if not (weight is None and abs(t - weights) < 0.01 and abs(t - scores) >= 0.01)]


def extract_scores(analysis: Analysis) -> list[dict[str, Any]]:
    """Rows of scores.parquet."""
    return [to_record(analysis.doc.report_id, r) for r in analysis.scores.rows]


def to_record(report_id: str, r: ScoreRow) -> dict[str, Any]:
    levels = list(r.levels) + [None] * 3
    rate = r.score_rate
    if rate is None and r.score is not None and r.max_score:
        rate = round(r.score / r.max_score * 100, 2)
    return {"report_id": report_id, "level1": levels[0], "level2": levels[1], "level3": levels[2],
            "name": r.name, "is_subtotal": r.subtotal, "max_score": r.max_score, "score": r.score,
            "score_rate": rate, "source": r.source, "page": r.page}
