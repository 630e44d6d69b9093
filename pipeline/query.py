"""`jixiao query`: SQL over the datasets folder (DuckDB, one view per dataset), results as an
aligned table or written to a CSV, JSON or Parquet file; without SQL, statements are read
from a prompt (or from standard input when it is not a terminal)."""
from __future__ import annotations

import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Sequence

from schemas.text import display_width
from pipeline.datasets_dir import connect
from pipeline.errors import CommandError

if TYPE_CHECKING:
    import duckdb

MAX_CELL_WIDTH = 60  # display columns of a cell in the printed table; longer text ends in …
PROMPT = "jixiao> "
HELP = ("Statements end with `;`. `.tables` lists the views, `.schema NAME` shows a view's "
        "columns, `.quit` (or Ctrl-D) leaves.")


@dataclass(frozen=True)
class Result:
    columns: list[str]
    rows: list[tuple[Any, ...]]


def run_sql(con: "duckdb.DuckDBPyConnection", sql: str) -> Result:
    """Execute one statement; a DuckDB error becomes a one-line CommandError."""
    import duckdb

    try:
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description] if cursor.description else []
        rows = cursor.fetchall() if columns else []
    except duckdb.Error as exc:
        raise CommandError(sql_error_message(con, exc)) from None
    return Result(columns, rows)


def sql_error_message(con: "duckdb.DuckDBPyConnection", exc: Exception) -> str:
    """DuckDB's message on one line; for an unknown table, the views there are."""
    first = " ".join(str(exc).split("\n")[0].split())
    message = f"SQL error: {first}"
    if "Catalog Error" in first or "does not exist" in first:
        views = [r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal "
                                           "ORDER BY view_name").fetchall()]
        message += f" (the datasets are: {', '.join(views)})"
    return message


def format_value(value: Any) -> str:
    """A cell as printed: null as `NULL`, floats without a trailing `.0` noise, lists as JSON."""
    if value is None:
        return "NULL"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        return f"{value:.6g}" if abs(value) >= 1e15 else repr(round(value, 6)).removesuffix(".0")
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return " ".join(str(value).split())


def truncate(text: str, width: int) -> str:
    """`text` cut to ``width`` display columns (CJK counts 2), ending in … when cut."""
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - display_width(text))
    return gap + text if right else text + gap


def format_table(result: Result, max_width: int = MAX_CELL_WIDTH) -> str:
    """The result as an aligned text table (numbers right-aligned) with a row count."""
    if not result.columns:
        return "OK"
    cells = [[truncate(format_value(v), max_width) for v in row] for row in result.rows]
    numeric = [all(isinstance(row[i], (int, float)) or row[i] is None for row in result.rows)
               and any(row[i] is not None for row in result.rows) for i in range(len(result.columns))]
    widths = [max([display_width(c)] + [display_width(r[i]) for r in cells])
              for i, c in enumerate(result.columns)]
    lines = ["  ".join(pad(c, widths[i], numeric[i]) for i, c in enumerate(result.columns)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(pad(v, widths[i], numeric[i]) for i, v in enumerate(r)).rstrip() for r in cells]
    n = len(result.rows)
    lines.append(f"({n} row{'s' if n != 1 else ''})")
    return "\n".join(lines)


def write_result(con: "duckdb.DuckDBPyConnection", sql: str, fmt: str, path: Path) -> int:
    """Write the statement's rows to ``path`` as csv, json (an array of objects) or parquet;
    returns the row count."""
    import duckdb

    if path.parent and not path.parent.exists():
        raise CommandError(f"cannot write {path}: folder {path.parent} does not exist")
    result = run_sql(con, sql)
    try:
        if fmt == "json":
            records = [dict(zip(result.columns, row)) for row in result.rows]
            path.write_text(json.dumps(records, ensure_ascii=False, indent=1, default=str) + "\n",
                            encoding="utf-8")
        else:
            relation = con.sql(sql)
            if fmt == "csv":
                relation.write_csv(str(path), header=True)
            else:
                relation.write_parquet(str(path))
    except duckdb.Error as exc:
        raise CommandError(sql_error_message(con, exc)) from None
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from None
    return len(result.rows)


def statements(lines: Sequence[str]) -> list[str]:
    """Complete `;`-terminated statements from lines (a `;` inside quotes does not end one)."""
    out, buffer, quote = [], [], None
    for ch in "\n".join(lines):
        buffer.append(ch)
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == ";":
            text = "".join(buffer).strip().rstrip(";").strip()
            if text:
                out.append(text)
            buffer = []
    rest = "".join(buffer).strip()
    if rest:
        out.append(rest)
    return out


def dot_command(con: "duckdb.DuckDBPyConnection", line: str, out: IO[str]) -> bool:
    """`.tables`, `.schema NAME`, `.help`; returns False for `.quit`/`.exit`."""
    word, _, arg = line.strip().partition(" ")
    if word in (".quit", ".exit", ".q"):
        return False
    if word == ".tables":
        sql = "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY view_name"
        print("  ".join(r[0] for r in con.execute(sql).fetchall()), file=out)
    elif word == ".schema" and arg.strip():
        from pipeline.datasets_dir import quote_identifier

        print(format_table(run_sql(con, f"DESCRIBE {quote_identifier(arg.strip())}")), file=out)
    else:
        print(HELP, file=out)
    return True


def interactive(con: "duckdb.DuckDBPyConnection", stdin: IO[str], out: IO[str], err: IO[str]) -> int:
    """Read statements until `.quit` or end of input; an error is printed and the session goes
    on. Returns 2 when a statement failed and input was not a terminal (a script), else 0."""
    tty = stdin.isatty()
    if tty:
        try:
            import readline  # noqa: F401 - line editing and history at the prompt
        except ImportError:
            pass
        print(f"jixiao query: SQL over the datasets. {HELP}", file=out)
    failed = False
    pending: list[str] = []
    while True:
        if tty:
            try:
                line = input(PROMPT if not pending else "   ...> ")
            except EOFError:
                print(file=out)
                break
        else:
            raw = stdin.readline()
            if not raw:
                break
            line = raw.rstrip("\n")
        if line.strip().startswith("."):  # no SQL line starts with a dot
            if not dot_command(con, line, out):
                break
            continue
        pending.append(line)
        joined = "\n".join(pending)
        if not joined.rstrip().endswith(";"):
            continue
        pending = []
        for sql in statements([joined]):
            try:
                print(format_table(run_sql(con, sql)), file=out)
            except CommandError as exc:
                print(f"jixiao: {exc}", file=err)
                failed = True
    for sql in statements(pending):  # a last statement without `;`
        try:
            print(format_table(run_sql(con, sql)), file=out)
        except CommandError as exc:
            print(f"jixiao: {exc}", file=err)
            failed = True
    return 2 if failed and not tty else 0


def query_command(out_dir: Path, sql: str | None, outputs: dict[str, Path | None]) -> int:
    """`jixiao query [SQL] [--csv|--json|--parquet FILE]`."""
    con = connect(out_dir)
    if sql is None:
        return interactive(con, sys.stdin, sys.stdout, sys.stderr)
    chosen = [(fmt, path) for fmt, path in outputs.items() if path is not None]
    if len(chosen) > 1:
        raise CommandError("name one output file: --csv, --json or --parquet")
    if chosen:
        fmt, path = chosen[0]
        n = write_result(con, sql, fmt, path)
        print(f"{n} row{'s' if n != 1 else ''} written to {path}")
        return 0
    print(format_table(run_sql(con, sql)))
    return 0
