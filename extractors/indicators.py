"""indicators.parquet: performance targets (绩效目标/绩效指标) from target tables, one row per
indicator, the target parsed into op, value and unit (money in 万元)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import regex as re

from extractors.grid import Layout, body_rows, cell_name, fill_names, is_label_row
from extractors.numbers import parse_actual, parse_target, target_from_parts
from schemas.text import canon, clean
from schemas.document import Table
from schemas.lexicon import MONEY_WORDS

if TYPE_CHECKING:
    from extractors.analysis import Analysis

EMPTY_CELL = re.compile(r"^[-—–/／\s]*$")  # `—`, `/`: nothing stated


def is_indicator_layout(lay: Layout) -> bool:
    """A target table: indicator names plus a target column."""
    return bool(lay.name_columns and lay.columns("target"))


def _cell(cells: list[str], cols: list[int]) -> str | None:
    for c in cols:
        text = clean(cells[c])
        if text and not EMPTY_CELL.match(text):
            return text
    return None


def block_indicators(table: Table, lay: Layout) -> list[dict[str, Any]]:
    """Indicator rows of one table block (without report_id)."""
    if not is_indicator_layout(lay):
        return []
    names = lay.name_columns
    raw = body_rows(table, lay)
    filled = fill_names([cells for _, cells in raw], names)
    out = []
    for (index, _), cells in zip(raw, filled):
        path = [cell_name(cells[c]) for c in names]
        depth = max((k for k, c in enumerate(path) if c), default=-1)
        target_text = _cell(cells, lay.columns("target"))
        if depth < 0 or is_label_row(cells, lay) or (target_text is None and _cell(cells, lay.columns("actual")) is None):
            continue
        levels = [p for p in path[:depth] if p]
        name = path[depth]
        levels = [lv for k, lv in enumerate(levels) if k == 0 or lv != levels[k - 1]]
        money = bool(MONEY_WORDS.search(name + (target_text or "")))
        op_text, unit_text = _cell(cells, lay.columns("op")), _cell(cells, lay.columns("unit"))
        if op_text is not None or unit_text is not None:
            target = target_from_parts(op_text, target_text, unit_text, money_hint=money)
            if target_text and unit_text and unit_text not in target_text:
                target_text = f"{op_text or ''}{target_text}{unit_text}"
        else:
            target = parse_target(target_text, money_hint=money)
        actual_text = _cell(cells, lay.columns("actual"))
        padded = levels + [None] * 3
        out.append({
            "level1": padded[0], "level2": padded[1], "level3": padded[2], "name": name,
            "target_text": target_text, "target_op": target.op, "target_value": target.value,
            "target_unit": target.unit, "actual_text": actual_text,
            "actual_value": parse_actual(actual_text, money_hint=money) if actual_text else None,
            "status": _cell(cells, lay.columns("status")), "page": table.page_of_row(index),
        })
    return out


def extract_indicators(analysis: Analysis) -> list[dict[str, Any]]:
    """Rows of indicators.parquet: every target table's indicators, an indicator printed in
    two tables once, levels borrowed from the score tables when its own table has none."""
    rows: list[dict[str, Any]] = []
    for block in analysis.blocks:
        for row in block_indicators(block.table, block.layout):
            same = next((r for r in rows if canon(r["name"]) == canon(row["name"])
                         and canon(r["target_text"]) == canon(row["target_text"])), None)
            if same is None:
                rows.append(row)
            else:
                for key, value in row.items():
                    if same.get(key) is None:
                        same[key] = value
    if any(r["level1"] is None for r in rows):
        scored = {canon(s.name): s.levels for s in analysis.scores.rows if s.levels}
        for r in rows:
            levels = scored.get(canon(r["name"]))
            if r["level1"] is None and levels:
                padded = list(levels) + [None] * 3
                r["level1"], r["level2"], r["level3"] = padded[:3]
    return [{"report_id": analysis.doc.report_id, **r} for r in rows]
