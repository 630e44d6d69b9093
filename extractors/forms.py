"""One-page forms (项目支出绩效自评表) and the table blocks they share with narrative reports:
key-value cells (`项目名称 | … | 主管部门 | …`), the budget block (年初预算数 / 全年预算数 /
全年执行数 / 执行率 / 分值 / 得分) and the grade printed on the 总分 row."""
from __future__ import annotations

from dataclasses import dataclass

import regex as re

from extractors.grid import Layout, body_rows, layout, segments
from extractors.numbers import parse_amount_wan, parse_percent, parse_score
from extractors.text import canon, clean
from schemas.document import Document, Table

# Keys of a form's key-value cells, as printed (`主管部门`), mapped to what they give.
FORM_KEYS = {"项目名称": "project_name", "主管部门": "department", "预算单位": "budget_unit",
             "实施单位": "implementing_unit", "项目单位": "implementing_unit",
             "评价机构": "evaluator", "单位名称": "budget_unit"}
# A money unit named in a budget block's label or note: `项目资金（元）`, `单位：万元`
MONEY_UNIT = re.compile(r"[（(]\s*(?P<unit>万元|元|千元|亿元)\s*[)）]|单位\s*[:：]\s*(?P<unit2>万元|元|千元|亿元)")
# The row of a budget block that holds the project's totals: `年度资金总额`, `合计`
TOTAL_LABEL = re.compile(r"资金总额|^合计$|^总计$|^小计$")
# Budget block columns by their titles, checked in order.
BUDGET_COLUMNS = (
    ("initial", re.compile(r"年初预算")),
    ("final", re.compile(r"全年预算|调整后预算|预算数|预算金额")),
    ("spent", re.compile(r"执行数|决算数|实际支出|支出数")),
    ("rate", re.compile(r"执行率|支出率|完成率")),
    ("max", re.compile(r"分值")),
    ("score", re.compile(r"得分")),
)
GRADE_CELL = re.compile(r"^(?:优秀|优|良好|良|中等|中|合格|差|不合格)$")
TOTAL_ROW = re.compile(r"^(?:总分|合计|总计|综合得分)$")


@dataclass(frozen=True)
class BudgetBlock:
    """The totals row of a budget block, money in 万元."""

    initial_wan: float | None
    final_wan: float | None
    spent_wan: float | None
    rate: float | None
    max_score: float | None
    score: float | None
    page: int | None


def key_values(doc: Document) -> dict[str, str]:
    """Values of known keys printed in table cells, first occurrence of each key."""
    found: dict[str, str] = {}
    for table in doc.tables():
        for row in table.rows:
            cells = [c for k, c in enumerate(row) if c and (k == 0 or row[k - 1] != c)]
            for k, cell in enumerate(cells[:-1]):
                key = FORM_KEYS.get(canon(cell).rstrip(":："))
                value = clean(cells[k + 1])
                if key and value and canon(value) not in FORM_KEYS and key not in found:
                    found[key] = value
    return found


def _budget_columns(lay: Layout) -> dict[str, int]:
    cols: dict[str, int] = {}
    for c, title in enumerate(lay.titles):
        for name, pattern in BUDGET_COLUMNS:
            if pattern.search(title) and name not in cols:
                cols[name] = c
                break
    return cols


def budget_block(doc: Document) -> BudgetBlock | None:
    """The first budget block of the document's tables whose money unit is printed."""
    for table in doc.tables():
        for segment in segments(table):
            block = _read_block(segment)
            if block is not None:
                return block
    return None


def _read_block(table: Table) -> BudgetBlock | None:
    lay = layout(table)
    cols = _budget_columns(lay)
    if len({"final", "spent"} & set(cols)) < 2:
        return None
    unit = _money_unit(table, lay)
    rows = body_rows(table, lay)
    totals = [(i, cells) for i, cells in rows if any(TOTAL_LABEL.search(canon(c)) for c in cells[:2])]
    chosen = totals[-1] if totals else (rows[0] if len(rows) == 1 else None)
    if chosen is None or unit is None:
        return None
    index, cells = chosen

    def money(name: str) -> float | None:
        return parse_amount_wan(cells[cols[name]], default_unit=unit) if name in cols else None

    def number(name: str) -> float | None:
        return parse_score(cells[cols[name]]) if name in cols else None

    return BudgetBlock(initial_wan=money("initial"), final_wan=money("final"), spent_wan=money("spent"),
                       rate=parse_percent(cells[cols["rate"]]) if "rate" in cols else None,
                       max_score=number("max"), score=number("score"), page=table.page_of_row(index))


def _money_unit(table: Table, lay: Layout) -> str | None:
    """The block's money unit from its titles, first column or notes; None when unstated."""
    texts = list(lay.titles) + [r[0] for r in table.rows if r] + list(table.notes)
    for text in texts:
        m = MONEY_UNIT.search(text)
        if m:
            return m.group("unit") or m.group("unit2")
    return None


def total_row_grade(doc: Document) -> str | None:
    """A grade printed on a table's 总分/合计 row (`总分 | 100 | 96 | 优`)."""
    for table in doc.tables():
        for row in table.rows:
            if row and TOTAL_ROW.match(canon(row[0])):
                grades = [c for c in row if GRADE_CELL.match(canon(c))]
                if grades:
                    return grades[0]
    return None
