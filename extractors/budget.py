"""The budget block of a form or report: 年初预算数 / 全年预算数 / 全年执行数 / 执行率 / 分值 / 得分,
read from a table's columns or from a line of text where the cells lost their borders.

A scraped page may print the block's figures run together (`120.5118.398.17%10` for 120.5 /
118.3 / 98.17% / 10). Such a run is split only where the columns' meaning makes the split
certain: every way of cutting it into numbers of the columns' types is tried, and a value is
kept only when all cuts that satisfy the block's arithmetic (spending ÷ budget = the stated
rate, a score no larger than its weight) agree on it. Anything else is a warning.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

import regex as re

from extractors.grid import Layout, body_rows
from extractors.numbers import parse_amount_wan, parse_percent, parse_score
from schemas.text import canon
from schemas.document import Table
from schemas.lexicon import BUDGET_TOTAL_ROWS, FIELDS, MONEY_UNIT, alternation
from schemas.warnings import WarningItem, warn

# The roles of a budget block's columns and the fields they give.
MONEY_ROLES = {"initial": "budget_initial_wan", "final": "budget_final_wan", "spent": "expenditure_wan"}
ROLES = ("initial", "final", "spent", "rate", "max", "score")
_ROLE_LABELS: tuple[tuple[str, str], ...] = tuple(sorted(
    [(label, role) for role, name in MONEY_ROLES.items() for label in FIELDS[name].all_labels]
    + [(label, "rate") for label in FIELDS["execution_rate"].all_labels]
    + [(label, "max") for label in ("分值", "权重", "满分", "标准分")]
    + [(label, "score") for label in ("得分", "评分", "自评得分", "自评分")],
    key=lambda lr: -len(lr[0])))
# A column title of a budget block, the longest label first: `全年预算数（A）`, `执行率(B/A)`, `得分`
BUDGET_TITLE = re.compile(f"(?P<label>{alternation([lab for lab, _ in _ROLE_LABELS])})"
                          r"(?:\s*[（(][A-Za-z/×*＊÷\s]*[)）])?")
_ROLE_OF = dict(_ROLE_LABELS)
# The label of the block's totals row: `年度资金总额`, `合计`
TOTAL_ROW_LABEL = re.compile(f"(?:{alternation(BUDGET_TOTAL_ROWS)})")
# One number as printed in a block, with its percent sign: `387,664.62`, `98.17%`, `—`
CELL_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?\s*[%％]?")
# A run of figures without a break between cells: `202010100.00%10`
RUN = re.compile(r"[\d.,%％]+")
# A money unit in brackets right after a title: `（万元）`
UNIT_NOTE = re.compile(r"\s*\p{Han}{0,4}\s*[（(]\s*(?:万元|元|千元|亿元)\s*[)）]")
# Where amounts printed with their units ran together: after `万元` in `4753.66万元3824.26万元`
AFTER_UNIT = re.compile(r"(?<=万元|[^万亿千]元)(?=\d)")
DASHES = ("-", "—", "/", "－")  # a cell printed as a dash: nothing stated
# A cell holding a percentage: `100.00%`
PERCENT_CELL = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?\s*[%％]")
# An amount with its money unit in a cell: `4753.66万元`
MONEY_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:万元|元|亿元|千元|万)")
# The figures of a totals row after its label, cells apart by bars, spaces or nothing:
# `: | 30 | 30 | 10 | 100% |`, `45 45 10 100% 10`, `4753.66万元3824.26万元 | 10 | 100%`, `3359.62万 | 3359.62万`
ROW_FIGURES = re.compile(r"\s*[:：]?\s*(?P<figs>(?:\|?\s*(?:[\d.,%％]+(?:万元|元|万)?|[-—/])\s*)+(?:\|\s*)*)")

RATE_SLACK = 0.01  # percentage points beyond half the rate's last printed digit (amounts are rounded too)
SCORE_SLACK = 0.51  # points: a score printed without decimals
MAX_DECIMALS = 4  # an amount in 万元 converted from 元 keeps up to 4 decimals (`207.4538`)


@dataclass(frozen=True)
class BudgetBlock:
    """The totals of a budget block, money in 万元, with where it was read and how."""

    values: dict[str, float] = field(default_factory=dict)  # role -> value
    page: int | None = None
    evidence: str = ""
    method: str = "budget_block"
    warnings: tuple[WarningItem, ...] = ()

    def get(self, role: str) -> float | None:
        return self.values.get(role)


def role_of_title(title: str) -> str | None:
    """The budget role of a column title (`全年执行数（B）` -> spent), or None."""
    found = [(m.start(), _ROLE_OF[m.group("label")]) for m in BUDGET_TITLE.finditer(canon(title))]
    return found[-1][1] if found else None  # `项目资金（万元）年初预算数`: the lowest title decides


def money_unit(texts: Iterable[str]) -> str | None:
    """The first money unit printed in the texts (`项目资金（万元）`, `单位：元`), or None."""
    for text in texts:
        m = MONEY_UNIT.search(text)
        if m:
            return m.group("unit") or m.group("unit2")
    return None


def table_block(table: Table, lay: Layout, unit_hint: str | None) -> BudgetBlock | None:
    """The totals row of a table segment whose columns are a budget block, or None.

    Figures stand in their titles' columns in a ruled grid; a scraped form often prints its
    header without the label column a merged cell took, or a group title (`年度预算数（万元）`)
    as a column of its own, so when the columns do not hold figures of their kinds the row's
    figures are matched to the titles in order (``align``)."""
    roles: list[str | None] = [role_of_title(t) if lay.roles[c] in ("budget", "max", "score", "rate", "other")
                               else None for c, t in enumerate(lay.titles)]
    for c in range(len(roles) - 1):
        if roles[c] and MONEY_UNIT.search(lay.titles[c]) and roles[c + 1] and roles[c + 1] != roles[c]:
            roles[c] = None  # a group title over the columns that follow: `年度预算数（万元）`
    named = [r for r in roles if r]
    money = [r for r in named if r in MONEY_ROLES]
    if not money or len(set(money) | ({"rate"} & set(named))) < 2:
        return None
    rows = body_rows(table, lay)
    totals = [(i, cells) for i, cells in rows if any(TOTAL_ROW_LABEL.search(canon(c)) for c in cells[:2])]
    chosen = totals[0] if totals else (rows[0] if len(rows) == 1 else None)
    if chosen is None:
        return None
    index, cells = chosen
    unit = money_unit(list(lay.titles) + [r[0] for r in table.rows if r] + list(table.notes)) or unit_hint
    if unit is None:
        return None
    values: dict[str, float] = {}
    for c, role in enumerate(roles):
        if role and role not in values and c < len(cells):
            value = _cell_value(cells[c], role, unit)
            if value is not None:
                values[role] = value
    warnings: list[WarningItem] = []
    if not _fits(values, cells, named):
        start = next((k for k, c in enumerate(cells) if not _is_label(c)), len(cells))
        values, warnings = align(_dedupe(named), list(cells[start:]), unit, explicit_empties=True)
    if not values:
        return None
    evidence = " | ".join(c for c in cells if c)
    return BudgetBlock(values=values, page=table.page_of_row(index), evidence=evidence[:120],
                       warnings=tuple(warnings))


def _fits(values: dict[str, float], cells: Sequence[str], roles: Sequence[str]) -> bool:
    """Whether figures read by column are of their columns' kinds: a stated percent lands in the
    rate column, and some money column read an amount."""
    has_percent = any(PERCENT_CELL.fullmatch(c.strip()) for c in cells)
    if has_percent and "rate" in roles and "rate" not in values:
        return False
    return any(r in values for r in MONEY_ROLES)


def _dedupe(roles: Sequence[str]) -> list[str]:
    """Roles in order, a merged title's repeats dropped: `得分 | 得分` is one column."""
    out: list[str] = []
    for r in roles:
        if r not in out:
            out.append(r)
    return out


def _is_label(cell: str) -> bool:
    """A row label (`年度资金总额`), not a figure, a dash or an empty cell."""
    text = cell.strip()
    return (bool(text) and not CELL_NUMBER.fullmatch(text) and text not in DASHES
            and not MONEY_FIGURE.fullmatch(text))


def _cell_value(cell: str, role: str, unit: str) -> float | None:
    if role == "rate":  # the cell's own figure, not a percent in a note (`未达到90%的需说明原因`)
        return parse_percent(cell) if PERCENT_CELL.fullmatch(cell.strip()) else None
    if PERCENT_CELL.fullmatch(cell.strip()):
        return None
    if role in MONEY_ROLES:
        return parse_amount_wan(cell, default_unit=unit)
    return parse_score(cell)


def align(roles: Sequence[str], cells: Sequence[str], unit: str,
          explicit_empties: bool) -> tuple[dict[str, float], list[WarningItem]]:
    """A totals row's figures matched to its columns in order, the stated rate as the anchor.

    As many figures as columns: one each. Otherwise the figures before the rate go to the
    columns before it and those after to the columns after it, when they are as many. One
    rule guesses, and says so: a block printing one amount for both 年初预算数 and 全年预算数
    (their cell merged) gives it to both. Cells run together are split by ``split_run``.
    Anything else leaves the columns empty, with a warning."""
    cells = [c.strip() for c in cells]
    while cells and not cells[-1]:
        cells.pop()
    if not explicit_empties:
        cells = [c for c in cells if c]
    if len(cells) == 1 and len(roles) > 2 and RUN.fullmatch(cells[0]):
        return _split(cells[0], roles, unit)
    if len(cells) >= len(roles):
        values = _zip(roles, cells, unit)
        if values is not None:
            return values, []
    rates = [k for k, c in enumerate(cells) if PERCENT_CELL.fullmatch(c)]
    if "rate" not in roles or len(rates) != 1:
        return {}, [warn("budget_unreadable", f"budget block: the figures {' | '.join(cells)} do not line up "
                         f"with the columns {', '.join(roles)}")]
    r, p = roles.index("rate"), rates[0]
    values = {"rate": parse_percent(cells[p]) or 0.0}
    warnings: list[WarningItem] = []
    for part_roles, part_cells in ((roles[:r], cells[:p]), (roles[r + 1:], cells[p + 1:])):
        part, note = _assign(list(part_roles), list(part_cells), unit)
        values.update(part)
        warnings += note
    return values, warnings


def _zip(roles: Sequence[str], cells: Sequence[str], unit: str) -> dict[str, float] | None:
    """One figure per column, each of its column's kind; None when one is not."""
    values: dict[str, float] = {}
    for role, cell in zip(roles, cells):
        if not cell or cell in DASHES:
            continue
        value = _cell_value(cell, role, unit)
        if value is None:
            return None
        values[role] = value
    return values


def _assign(roles: list[str], cells: list[str], unit: str) -> tuple[dict[str, float], list[WarningItem]]:
    """The figures on one side of the rate to the columns on that side."""
    if not roles:
        return {}, []
    if len(cells) >= len(roles):
        return _zip(roles, cells, unit) or {}, []
    if len(cells) == len(roles) - 1 and roles[:2] == ["initial", "final"]:
        values = _zip(["initial"] + roles[2:], cells, unit)
        if values is not None and "initial" in values:
            values["final"] = values["initial"]
            return values, [warn("budget_merged_cell", f"budget block: one figure ({cells[0]}) under both 年初预算数 "
                                 "and 全年预算数, read as both (a merged cell)")]
    if len(cells) == len(roles) - 1 and roles[-1] == "score":
        return _zip(roles[:-1], cells, unit) or {}, []
    if cells:
        return {}, [warn("budget_unreadable", f"budget block: {len(cells)} figures for the columns "
                         f"{', '.join(roles)}; left empty")]
    return {}, []


def line_block(text: str, unit_hint: str | None) -> BudgetBlock | None:
    """A budget block printed on one line of text: column titles in order, the totals label,
    then the figures, space-separated or run together. `年初预算数 全年预算数 全年执行数 分值
    执行率 得分 年度资金总额 50 48 46 10 95.83% 9.6`"""
    titles = list(BUDGET_TITLE.finditer(text))
    if len(titles) < 3:
        return None
    roles: list[str] = []
    end = 0
    for k, m in enumerate(titles):
        role = _ROLE_OF[m.group("label")]
        if k + 1 < len(titles) and UNIT_NOTE.match(text, m.end()):
            continue  # a group title over the columns that follow: `年度预算数（万元）`
        gap = len(re.sub(r"[\s|]|[（(][^（）()]{0,10}[)）]", "", text[end:m.start()]))  # a note `(10分)` is no gap
        if roles and gap > 4:  # titles of one header stand together (empty cells between them aside)
            if len({r for r in roles if r in MONEY_ROLES}) >= 1 and len(roles) >= 3:
                break
            roles = []
        if role not in roles:
            roles.append(role)
        end = m.end()
    if not any(r in MONEY_ROLES for r in roles) or len(roles) < 3:
        return None
    total = TOTAL_ROW_LABEL.search(text, end)
    if total is None or total.start() - end > 30:
        # a header right above its only row, printed on one line: `…执行率 得分 0 207.45 10 100% 10`
        total = re.compile(r"\s*").match(text, end)
        if not re.match(r"\s*\d", text[end:]):
            return None
    figures = ROW_FIGURES.match(text, total.end())
    if figures is None:
        return None
    unit = money_unit([text[:total.start()]]) or unit_hint
    if unit is None:
        return None
    figs = figures.group("figs").strip().lstrip("|")
    explicit = "|" in figs
    cells = figs.split("|") if explicit else re.findall(r"[\d.,%％]+(?:万元|元|万)?|[-—/]", figs)
    cells = [part for cell in cells for part in AFTER_UNIT.split(cell)]  # `4753.66万元3824.26万元`
    evidence = text[max(0, titles[0].start()): figures.end()][:120]
    values, warnings = align(roles, cells, unit, explicit_empties=explicit)
    return BudgetBlock(values=values, evidence=evidence, method="line_block", warnings=tuple(warnings))


def _split(run: str, roles: Sequence[str], unit: str) -> tuple[dict[str, float], list[WarningItem]]:
    """Figures run together, split where every fitting split agrees."""
    solutions = split_run(run, roles)
    if not solutions:
        return {}, [warn("budget_unreadable", f"budget block: the figures {run!r} run together and no split fits "
                         f"the columns {', '.join(roles)}")]
    agreed = {role: solutions[0][role] for role in solutions[0]
              if all(role in s and abs(s[role] - solutions[0][role]) < 1e-9 for s in solutions)}
    values = {role: (_to_wan(v, unit) if role in MONEY_ROLES else v) for role, v in agreed.items()}
    warnings = [warn("budget_split", f"budget block: the figures {run!r} ran together; split as "
                     + ", ".join(f"{r} {agreed[r]:g}" for r in roles if r in agreed))]
    doubtful = [r for r in roles if r not in agreed]
    if doubtful:
        warnings.append(warn("budget_split", f"budget block: {', '.join(doubtful)} left empty: {len(solutions)} splits of "
                             f"{run!r} fit the columns"))
    return values, warnings


def _to_wan(value: float, unit: str) -> float:
    return parse_amount_wan(f"{value}{unit}") or 0.0


_MONEY_TOKEN = re.compile(rf"(?:0|[1-9]\d*)(?:\.\d{{1,{MAX_DECIMALS}}})?")
_SCORE_TOKEN = re.compile(r"(?:0|[1-9]\d{0,2})(?:\.\d{1,2})?")
_RATE_TOKEN = re.compile(r"(?:0|[1-9]\d{0,3})(?:\.\d{1,2})?[%％]")


def split_run(run: str, roles: Sequence[str]) -> list[dict[str, float]]:
    """Every way to cut a run of figures into one number per role (a trailing score may be
    missing) that fits the roles' formats and the block's arithmetic. `202010100.00%10` with
    (final, spent, max, rate, score) -> [{final: 20, spent: 20, max: 10, rate: 100, score: 10}]"""
    run = run.replace(",", "")
    out: list[dict[str, float]] = []
    for count in (len(roles), len(roles) - 1):
        if count < 2:
            continue
        for cut in _cuts(run, roles[:count]):
            values = dict(zip(roles[:count], (v for v, _ in cut)))
            rate_decimals = next((d for (_, d), r in zip(cut, roles) if r == "rate"), 0)
            if _consistent(values, rate_decimals):
                out.append(values)
        if out:
            break
    # the genre scores budget execution as weight × rate (`得分(分值*执行率)`): where some
    # splits follow that rule, the others are not the form's figures
    scored = [v for v in out if _score_follows_rate(v)]
    return scored or out


def _cuts(run: str, roles: Sequence[str]) -> Iterable[list[tuple[float, int]]]:
    """Cuts of the run into (value, decimals printed), one per role, each of its role's format."""
    if not roles:
        if not run:
            yield []
        return
    pattern = {"rate": _RATE_TOKEN, "max": _SCORE_TOKEN, "score": _SCORE_TOKEN}.get(roles[0], _MONEY_TOKEN)
    for end in range(1, len(run) + 1):
        token = run[:end]
        if not pattern.fullmatch(token):
            continue
        for rest in _cuts(run[end:], roles[1:]):
            number = token.rstrip("%％")
            decimals = len(number.partition(".")[2])
            yield [(float(number), decimals)] + rest


def _consistent(values: dict[str, float], rate_decimals: int) -> bool:
    """The arithmetic a budget block must satisfy: spending ÷ budget = the rate (to the rate's
    printed precision); a score no larger than its weight."""
    budget = values.get("final", values.get("initial"))
    if "rate" in values:
        if "spent" not in values or budget is None:
            return False  # nothing to check the split against
        if budget == 0:
            return values["spent"] == 0 and values["rate"] == 0
        if abs(values["spent"] / budget * 100 - values["rate"]) > 0.5 * 10 ** -rate_decimals + RATE_SLACK:
            return False
    if "max" in values and "score" in values and values["score"] > values["max"]:
        return False
    return True


def _score_follows_rate(values: dict[str, float]) -> bool:
    if not {"max", "score", "rate"} <= set(values):
        return False
    expected = values["max"] * min(values["rate"], 100.0) / 100
    return abs(values["score"] - expected) <= SCORE_SLACK
