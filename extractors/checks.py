"""Cross-checks: figures that should agree. They add warnings and never change a value."""
from __future__ import annotations

from typing import Any, Mapping, Sequence

from schemas.warnings import WarningItem, warn

TOLERANCE = 0.011  # scores are printed to 2 decimals; allow rounding of a sum
RATE_TOLERANCE = 1.0  # percentage points between a stated rate and the one its figures give


def _close(a: float, b: float, tol: float = TOLERANCE) -> bool:
    return abs(a - b) <= tol


def check_scores(scores: Sequence[Mapping[str, Any]], total_score: float | None) -> list[WarningItem]:
    """Level-1 subtotals against their items, subtotals against the total, score <= max."""
    warnings: list[WarningItem] = []
    for row in scores:
        if row["score"] is not None and row["max_score"] is not None and row["score"] > row["max_score"] + TOLERANCE:
            warnings.append(warn("score_above_max", f"scores: {row['name']} scored {row['score']} above its maximum "
                                 f"{row['max_score']}", row.get("page")))
        if (row["score_rate"] is not None and row["score"] is not None and row["max_score"]
                and not _close(row["score_rate"], row["score"] / row["max_score"] * 100, RATE_TOLERANCE)):
            warnings.append(warn("score_rate_mismatch", f"scores: {row['name']} rate {row['score_rate']}% does not "
                                 f"match {row['score']}/{row['max_score']}", row.get("page")))
    level1 = [r for r in scores if r["is_subtotal"] and r["level1"] == r["name"]]
    for sub in level1:
        items = [r for r in scores if not r["is_subtotal"] and r["level1"] == sub["name"]]
        for field in ("score", "max_score"):
            values = [r[field] for r in items]
            if sub[field] is None or not items or any(v is None for v in values):
                continue
            total = round(sum(values), 4)
            if not _close(total, sub[field]):
                warnings.append(warn("subtotal_mismatch", f"scores: {sub['name']} {field} {sub[field]} differs from "
                                     f"the sum of its {len(items)} items ({total})", sub.get("page")))
    scored = [r["score"] for r in level1 if r["score"] is not None]
    if total_score is not None and level1 and len(scored) == len(level1):
        total = round(sum(scored), 4)
        if not _close(total, total_score):
            warnings.append(warn("total_score_mismatch", f"scores: level-1 subtotals add up to {total}, total_score is "
                                 f"{total_score}"))
    return warnings


def check_budget(report: Mapping[str, Any]) -> list[WarningItem]:
    """The stated execution rate against expenditure ÷ budget."""
    rate, spent, budget = report.get("execution_rate"), report.get("expenditure_wan"), report.get("budget_final_wan")
    if rate is None or spent is None or not budget:
        return []
    computed = spent / budget * 100
    if _close(rate, computed, RATE_TOLERANCE):
        return []
    return [warn("execution_rate_mismatch", f"execution_rate: stated {rate}% but expenditure {spent} ÷ budget "
                 f"{budget} gives {computed:.2f}%")]
