"""The summary page: one HTML file with its style, its charts (inline SVG) and a few lines of
script (sorting the reports table) inside it, so it opens anywhere without a network."""
from __future__ import annotations

import math
from html import escape
from typing import Any

from pipeline.summary import Summary, Table
from pipeline.svg import Bar, bar_chart

STYLE = """
body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif;
       margin: 24px auto; max-width: 1180px; padding: 0 16px; color: #222; font-size: 14px; }
h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 17px; margin-top: 28px; border-bottom: 1px solid #ddd; }
.meta { color: #666; } .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 8px 24px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid #e6e6e6; padding: 4px 6px; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
th { cursor: pointer; } th button { all: unset; font-weight: 600; }
th[aria-sort="ascending"] button::after { content: " ▲"; } th[aria-sort="descending"] button::after { content: " ▼"; }
tr.failed td { color: #b6483f; } .empty { color: #888; font-style: italic; }
.counts span { display: inline-block; margin-right: 14px; }
svg.chart { max-width: 100%; height: auto; } svg.chart text { fill: #222; }
"""

# Sorting the reports table by a clicked column: numbers by value, text by the Chinese collation.
SCRIPT = """
(function () {
  "use strict";
  var collator = new Intl.Collator("zh-Hans-CN", {numeric: true});
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var headers = table.querySelectorAll("th");
    headers.forEach(function (th, index) {
      th.addEventListener("click", function () {  // the button inside (keyboard) bubbles here
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = th.dataset.type === "number";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[index].dataset.value, y = b.cells[index].dataset.value;
          if (x === "" && y === "") { return 0; }
          if (x === "") { return 1; }
          if (y === "") { return -1; }
          var order = numeric ? parseFloat(x) - parseFloat(y) : collator.compare(x, y);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
}());
"""

REPORT_COLUMNS = (  # (column, header, numeric)
    ("source_file", "file", False), ("report_kind", "kind", False), ("fiscal_year", "year", True),
    ("department", "department", False), ("project_name", "project", False), ("total_score", "score", True),
    ("grade", "grade", False), ("budget_final_wan", "budget 万元", True), ("expenditure_wan", "spent 万元", True),
    ("execution_rate", "execution %", True), ("status", "status", False), ("warnings", "warnings", True),
)


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)


def reports_table(table: Table) -> str:
    """The reports as a table the reader sorts by clicking a header."""
    index = {c: i for i, c in enumerate(table.columns)}
    head = "".join(f'<th data-type="{"number" if numeric else "text"}"><button type="button">{escape(title)}'
                   f"</button></th>" for _, title, numeric in REPORT_COLUMNS)
    rows = []
    for row in table.rows:
        cells = []
        for column, _, numeric in REPORT_COLUMNS:
            value = row[index[column]]
            raw = "" if value is None else (f"{value}" if numeric else str(value))
            css = ' class="num"' if numeric else ""
            cells.append(f'<td{css} data-value="{escape(raw)}">{escape(cell_text(value))}</td>')
        status = row[index["status"]]
        rows.append(f'<tr class="{escape(str(status))}">{"".join(cells)}</tr>')
    return (f'<table id="reports" class="sortable"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def plain_table(table: Table, css_id: str) -> str:
    """Rows as a plain table (the warnings)."""
    if not table.rows:
        return '<p class="empty">none</p>'
    head = "".join(f"<th>{escape(c)}</th>" for c in table.columns)
    body = "".join("<tr>" + "".join(f"<td>{escape(cell_text(v))}</td>" for v in row) + "</tr>" for row in table.rows)
    return f'<table id="{css_id}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def grade_chart(grades: Table) -> str:
    bars = [Bar(g, n, f"{n} report{'s' if n != 1 else ''}" + (f" · {cell_text(lo)}–{cell_text(hi)}" if lo is not None else ""))
            for g, n, lo, hi in grades.rows]
    return bar_chart(bars, title="Reports by grade (score range)", css_class="chart grades")


def execution_chart(execution: Table) -> str:
    years = sorted({year for _, year, _, _ in execution.rows})
    bars = [Bar(f"{department or '—'} {year}", rate, f"{rate:.2f}%", years.index(year))
            for department, year, rate, _ in execution.rows]
    top = max((b.value for b in bars), default=100.0)
    return bar_chart(bars, title="Execution rate by department and year", max_value=max(100.0, top),
                     legend=[str(y) for y in years] if len(years) > 1 else (), css_class="chart execution")


def weakest_chart(weakest: Table) -> str:
    bars = [Bar(name, rate, f"{rate:.0f}% · {cell_text(score)}/{cell_text(top)} · {department or '—'} {year or ''}")
            for name, department, year, score, top, rate, _ in weakest.rows]
    return bar_chart(bars, title="Weakest indicators (lowest score rate)", max_value=100.0,
                     css_class="chart weakest")


def keyword_chart(keywords: Table) -> str:
    bars = [Bar(word, items, f"{items} item{'s' if items != 1 else ''}, {reports} report{'s' if reports != 1 else ''}")
            for word, items, reports in keywords.rows]
    return bar_chart(bars, title="Top problem keywords", css_class="chart keywords")


def section(title: str, body: str, css_id: str) -> str:
    return f'<section id="{css_id}"><h2>{escape(title)}</h2>{body}</section>'


def render(summary: Summary) -> str:
    """The whole page."""
    counts = "".join(f"<span>{escape(name)}: <b>{n:,}</b></span>" for name, n in summary.counts.items())
    run = summary.last_run
    run_line = (f"last run #{run['run']} started {escape(str(run['started_at']))[:19]} UTC: {run['documents']} documents, "
                f"{run['cached']} from the cache, {run['failed']} failed" if run else "no run log")
    more = summary.warnings_total - len(summary.warnings.rows)
    warnings_note = f"<p class=\"meta\">{summary.warnings_total} warnings" + (
        f"; the first {len(summary.warnings.rows)} are listed" if more > 0 else "") + "</p>"
    charts = "".join([
        section("Score distribution by grade", grade_chart(summary.grades), "grades"),
        section("Execution rate by department and year", execution_chart(summary.execution), "execution"),
        section("Weakest indicators", weakest_chart(summary.weakest), "weakest"),
        section("Top problem keywords", keyword_chart(summary.keywords), "keywords"),
    ])
    return "".join([
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>jixiao summary: {escape(summary.folder)}</title><style>{STYLE}</style></head><body>",
        f"<h1>Budget-performance reports: summary</h1><p class=\"meta\">datasets in {escape(summary.folder)}/ · "
        f"{run_line}</p><p class=\"counts meta\">{counts}</p>",
        f'<div class="grid">{charts}</div>',
        section(f"Reports ({len(summary.reports.rows)})",
                '<p class="meta">Click a column header to sort.</p>' + reports_table(summary.reports), "reports-section"),
        section("Warnings of the run", warnings_note + plain_table(summary.warnings, "warnings"), "warnings-section"),
        f"<script>{SCRIPT}</script></body></html>\n",
    ])
