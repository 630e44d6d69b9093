"""Projects across years, and the cross-report stage that links every report of a run:
projects.parquet (one row per project per fiscal year), departments.parquet, and the
department_key / project_key of each reports row.

A project is found in a project report or form (its reports row names it) and in the project
lists of other reports: a table whose header names 项目名称 together with a budget, spending,
execution-rate or score column. Its key is its department's key and its normalised name
(``name_key``), so the 2021 and 2022 evaluations of one project share it however the
department was spelled. The figures of a project-year come from its own report when there
is one, else from the first list that names it.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

import regex as re

from extractors.departments import Aliases, department_key, department_rows, key_of, load_aliases
from extractors.numbers import parse_amount_wan, parse_percent, parse_score
from schemas.text import clean_name

Row = Mapping[str, Any]

# A year in a project name: `2022年`, `2023年度`, `2021-2023年`, a bare `2023` before the name
YEAR_IN_NAME = re.compile(r"(?:19|20)\d{2}(?:\s*[-—~至]\s*(?:19|20)?\d{2})?\s*(?:年度|年)?")
# Quotation marks and title marks: `“智慧校园”建设`, `《…》`
QUOTES = re.compile(r"[“”\"'‘’《》〈〉「」『』]")
# A bracketed note: `（二期）` stays out of the key, as does `(结转)`
NOTE = re.compile(r"[（(【\[][^）)】\]]{0,40}[)）】\]]")
# Words the key leaves out: `年度`, `项目`
GENERIC_WORDS = re.compile(r"年度|项目")

# Header titles of a project list, by the figure they give.
NAME_HEADER = re.compile(r"^项目名称$|^项目名$")
FIGURE_HEADERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("budget_final", re.compile(r"全年预算|调整后预算|预算数|预算金额|预算资金")),
    ("budget_initial", re.compile(r"年初预算")),
    ("spent", re.compile(r"执行数|决算数|实际支出|支出数|支出金额")),
    ("rate", re.compile(r"执行率|支出率")),
    ("score", re.compile(r"得分|自评分|评分")),
)
# The money unit a header or caption states: `预算数（万元）`, `单位：元`
MONEY_UNIT = re.compile(r"(?P<unit>亿元|万元|千元|元)")
# A row that sums the others, not a project: `合计`, `小计`, `总计`
TOTAL_NAME = re.compile(r"^(?:合\s*计|小\s*计|总\s*计|累\s*计)$")
HEADER_ROWS = 3  # a list's header is among its first rows


def name_key(name: str) -> str:
    """The normalised project name: `2022年度“智慧校园”建设项目（二期）` -> `智慧校园建设`."""
    text = unicodedata.normalize("NFKC", name)
    text = re.sub(r"\s+", "", text)
    text = NOTE.sub("", text)
    text = QUOTES.sub("", text)
    text = YEAR_IN_NAME.sub("", text)
    text = GENERIC_WORDS.sub("", text)
    return text.strip("，,。.、；;：:-—")


def project_key(department: str | None, project: str | None, aliases: Aliases) -> str | None:
    """The key of a project across years: its department's key and its name_key."""
    if not project or not name_key(project):
        return None
    return key_of(department_key(department, aliases) or "", name_key(project))


# ---------------------------------------------------------------- project lists


@dataclass(frozen=True)
class ListedProject:
    """One row of a project list inside a report, figures in 万元 (money null when the list
    states no unit: a bare number is not guessed to be 万元)."""

    report_id: str
    name: str
    budget_wan: float | None
    expenditure_wan: float | None
    execution_rate: float | None
    total_score: float | None


def grids(tables: Iterable[Row]) -> dict[tuple[str, int], tuple[str | None, list[list[str]]]]:
    """tables.parquet rows -> (report_id, table_seq) -> (caption, rows of cell texts)."""
    cells: dict[tuple[str, int], dict[tuple[int, int], str]] = {}
    captions: dict[tuple[str, int], str | None] = {}
    for cell in tables:
        key = (cell["report_id"], cell["table_seq"])
        cells.setdefault(key, {})[(cell["row"], cell["col"])] = cell.get("text") or ""
        captions.setdefault(key, cell.get("caption"))
    out = {}
    for key, grid in cells.items():
        n_rows = max(r for r, _ in grid) + 1
        n_cols = max(c for _, c in grid) + 1
        out[key] = (captions[key], [[grid.get((r, c), "") for c in range(n_cols)] for r in range(n_rows)])
    return out


def list_columns(header: Sequence[str]) -> tuple[int, dict[str, int]] | None:
    """(name column, figure columns) when a header row is a project list's, else None."""
    name_col = next((i for i, h in enumerate(header) if NAME_HEADER.match(h.strip())), None)
    if name_col is None:
        return None
    figures: dict[str, int] = {}
    for i, title in enumerate(header):
        for figure, pattern in FIGURE_HEADERS:
            if i != name_col and figure not in figures and pattern.search(title):
                figures[figure] = i
                break
    return (name_col, figures) if figures else None


def listed_projects(report_id: str, caption: str | None, rows: list[list[str]]) -> list[ListedProject]:
    """The projects of one table when it is a project list."""
    for h in range(min(HEADER_ROWS, len(rows))):
        found = list_columns(rows[h])
        if found:
            break
    else:
        return []
    name_col, figures = found
    header = rows[h]

    def unit(col: int) -> str | None:
        m = MONEY_UNIT.search(header[col]) or MONEY_UNIT.search(caption or "")
        return m.group("unit") if m else None

    def money(cells: list[str], figure: str) -> float | None:
        col = figures.get(figure)
        return parse_amount_wan(cells[col], unit(col)) if col is not None and unit(col) else None

    out = []
    for cells in rows[h + 1:]:
        name = clean_name(cells[name_col])
        if not name or TOTAL_NAME.match(name) or name == clean_name(header[name_col]):
            continue
        if not any(cells[c].strip() for c in figures.values()):
            continue
        rate_col, score_col = figures.get("rate"), figures.get("score")
        out.append(ListedProject(
            report_id, name,
            budget_wan=money(cells, "budget_final") if "budget_final" in figures else money(cells, "budget_initial"),
            expenditure_wan=money(cells, "spent"),
            execution_rate=parse_percent(cells[rate_col]) if rate_col is not None else None,
            total_score=parse_score(cells[score_col]) if score_col is not None else None))
    return out


# ---------------------------------------------------------------- the stage


def _project_row(key: str, year: int, name: str, department: str | None, source: str, report_id: str,
                 aliases: Aliases, **figures: Any) -> dict[str, Any]:
    return {"project_key": key, "fiscal_year": year, "project_name": name, "name_key": name_key(name),
            "department_key": department_key(department, aliases), "department": department,
            "source": source, "report_id": report_id, "report_ids": [report_id],
            "budget_wan": None, "expenditure_wan": None, "execution_rate": None, "total_score": None,
            "grade": None, **figures}


def project_rows(reports: Sequence[Row], tables: Iterable[Row], aliases: Aliases) -> list[dict[str, Any]]:
    """Rows of projects.parquet: one per project key and fiscal year."""
    candidates: list[dict[str, Any]] = []
    by_id = {r["report_id"]: r for r in reports}
    for r in reports:  # in the run's order (source_file), so the first spelling is stable
        key = project_key(r.get("department"), r.get("project_name"), aliases)
        if key is None or r.get("fiscal_year") is None:
            continue
        candidates.append(_project_row(
            key, int(r["fiscal_year"]), r["project_name"], r.get("department"), "report", r["report_id"], aliases,
            budget_wan=r.get("budget_final_wan") if r.get("budget_final_wan") is not None else r.get("budget_initial_wan"),
            expenditure_wan=r.get("expenditure_wan"), execution_rate=r.get("execution_rate"),
            total_score=r.get("total_score"), grade=r.get("grade")))
    for (report_id, _), (caption, rows) in sorted(grids(tables).items()):
        report = by_id.get(report_id)
        if report is None or report.get("fiscal_year") is None:
            continue
        for item in listed_projects(report_id, caption, rows):
            key = project_key(report.get("department"), item.name, aliases)
            if key is None or key == project_key(report.get("department"), report.get("project_name"), aliases):
                continue  # a report's own project in its own table: the report row has it
            candidates.append(_project_row(
                key, int(report["fiscal_year"]), item.name, report.get("department"), "department_list",
                report_id, aliases, budget_wan=item.budget_wan, expenditure_wan=item.expenditure_wan,
                execution_rate=item.execution_rate, total_score=item.total_score))
    merged: dict[tuple[str, int], dict[str, Any]] = {}
    for row in candidates:  # reports before lists: a project's own report gives its figures
        slot = (row["project_key"], row["fiscal_year"])
        if slot in merged:
            merged[slot]["report_ids"] = sorted(set(merged[slot]["report_ids"]) | {row["report_id"]})
        else:
            merged[slot] = row
    return sorted(merged.values(), key=lambda r: (r["project_key"], r["fiscal_year"]))


def link_reports(reports: Sequence[Row], tables: Iterable[Row],
                 aliases: Aliases | None = None) -> dict[str, list[dict[str, Any]]]:
    """The cross-report stage: reports with department_key and project_key, projects and
    departments, from every reports and tables row of a run."""
    aliases = aliases or load_aliases()
    ordered = sorted(reports, key=lambda r: (r.get("source_file") or "", r["report_id"]))
    keyed = [dict(r, department_key=department_key(r.get("department"), aliases),
                  project_key=project_key(r.get("department"), r.get("project_name"), aliases))
             for r in reports]
    return {"reports": keyed, "projects": project_rows(ordered, tables, aliases),
            "departments": department_rows(ordered, aliases)}
