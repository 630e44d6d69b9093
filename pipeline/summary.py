"""`jixiao summary --html FILE`: what an analyst looks at first, gathered from the datasets
folder with SQL (the reports, scores by grade, execution rate by department and year, the
weakest indicators, the most frequent problem keywords, the run's warnings) and written as
one self-contained page (``pipeline.summary_html``)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.datasets_dir import connect
from pipeline.errors import CommandError

if TYPE_CHECKING:
    import duckdb

WEAKEST = 12  # indicators shown
KEYWORDS = 15  # problem keywords shown
WARNINGS = 300  # warnings listed (the page says how many more there are)

REPORTS_SQL = """
SELECT source_file, report_kind, fiscal_year, department, project_name, total_score, grade,
       budget_final_wan, expenditure_wan, execution_rate, status, len(warnings) AS warnings
FROM reports ORDER BY fiscal_year NULLS LAST, department NULLS LAST, source_file"""
GRADES_SQL = """
SELECT grade, count(*) AS reports, min(total_score) AS low, max(total_score) AS high
FROM (SELECT coalesce(grade, '—') AS grade, total_score FROM reports WHERE status <> 'failed')
GROUP BY grade ORDER BY CASE grade WHEN '优' THEN 1 WHEN '良' THEN 2 WHEN '中' THEN 3 WHEN '差' THEN 4 ELSE 5 END"""
# The department's canonical name when departments.parquet exists, else the name as printed.
EXECUTION_SQL = """
SELECT {department} AS department, r.fiscal_year, avg(r.execution_rate) AS rate, count(*) AS reports
FROM reports r {join}
WHERE r.execution_rate IS NOT NULL AND r.fiscal_year IS NOT NULL
GROUP BY 1, 2 ORDER BY 1, 2"""
# One bar per indicator of a department and year, however many copies of its report were read.
WEAKEST_SQL = f"""
SELECT s.name, r.department, r.fiscal_year, min(s.score) AS score, max(s.max_score) AS max_score,
       min(coalesce(s.score_rate, s.score / s.max_score * 100)) AS rate, count(DISTINCT s.report_id) AS reports
FROM scores s JOIN reports r USING (report_id)
WHERE NOT s.is_subtotal AND s.max_score > 0 AND s.score IS NOT NULL
GROUP BY s.name, r.department, r.fiscal_year
ORDER BY rate, max_score DESC, s.name, r.department LIMIT {WEAKEST}"""
KEYWORDS_SQL = f"""
SELECT keyword, count(*) AS items, count(DISTINCT report_id) AS reports
FROM (SELECT report_id, unnest(keywords) AS keyword FROM findings WHERE kind = 'problem')
GROUP BY keyword ORDER BY items DESC, reports DESC, keyword LIMIT {KEYWORDS}"""
REPORT_WARNINGS_SQL = """
SELECT source_file, unnest(warnings) AS warning FROM reports ORDER BY source_file"""
LAST_RUN_SQL = """
SELECT run, min(started_at) AS started_at, count(*) AS documents, sum(CASE WHEN cached THEN 1 ELSE 0 END) AS cached,
       sum(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed, sum(seconds) AS seconds
FROM runs WHERE run = (SELECT max(run) FROM runs) GROUP BY run"""


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[tuple[Any, ...]]


@dataclass
class Summary:
    """Everything the page shows; an empty table where a dataset is missing or has no rows."""

    folder: str
    reports: Table
    grades: Table
    execution: Table
    weakest: Table
    keywords: Table
    warnings: Table
    warnings_total: int = 0
    last_run: dict[str, Any] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def fetch(con: "duckdb.DuckDBPyConnection", sql: str) -> Table:
    cursor = con.execute(sql)
    return Table([d[0] for d in cursor.description], cursor.fetchall())


def views(con: "duckdb.DuckDBPyConnection") -> set[str]:
    return {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}


EMPTY = Table([], [])


def gather(out: Path) -> Summary:
    """Run the summary's queries over the datasets folder."""
    con = connect(out)
    have = views(con)
    if "reports" not in have:
        raise CommandError(f"no reports.parquet in {out}: run `jixiao extract REPORTS --out {out}` first")

    def maybe(needed: set[str], sql: str) -> Table:
        return fetch(con, sql) if needed <= have else EMPTY

    linked = "departments" in have and "department_key" in fetch(con, "SELECT * FROM reports LIMIT 0").columns
    execution_sql = EXECUTION_SQL.format(
        department="coalesce(d.canonical_name, r.department)" if linked else "r.department",
        join="LEFT JOIN departments d ON d.department_key = r.department_key" if linked else "")
    if "warnings" in have:  # one row per warning, with its code and stage (warnings.parquet)
        warnings = fetch(con, f"SELECT * FROM warnings LIMIT {WARNINGS}")
        total = int(con.execute("SELECT count(*) FROM warnings").fetchone()[0])  # type: ignore[index]
    else:
        warnings = fetch(con, f"{REPORT_WARNINGS_SQL} LIMIT {WARNINGS}")
        total = int(con.execute(f"SELECT count(*) FROM ({REPORT_WARNINGS_SQL})").fetchone()[0])  # type: ignore[index]
    last_run = maybe({"runs"}, LAST_RUN_SQL)
    counts = {name: int(con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])  # type: ignore[index]
              for name in sorted(have)}
    return Summary(
        folder=str(out), reports=fetch(con, REPORTS_SQL), grades=fetch(con, GRADES_SQL),
        execution=fetch(con, execution_sql), weakest=maybe({"scores"}, WEAKEST_SQL),
        keywords=maybe({"findings"}, KEYWORDS_SQL), warnings=warnings, warnings_total=total,
        last_run=dict(zip(last_run.columns, last_run.rows[0])) if last_run.rows else {}, counts=counts)


def summary_command(out: Path, html_path: Path) -> int:
    """Write the summary page of the datasets in ``out`` to ``html_path``."""
    from pipeline.summary_html import render

    if html_path.exists() and html_path.is_dir():
        raise CommandError(f"{html_path} is a folder: name the page to write, e.g. --html report.html")
    if not html_path.parent.exists():
        raise CommandError(f"cannot write {html_path}: folder {html_path.parent} does not exist")
    page = render(gather(out))
    try:
        html_path.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"cannot write {html_path}: {exc.strerror or exc}") from None
    print(f"summary of {out}/ written to {html_path} ({len(page) // 1024} KiB)")
    return 0
