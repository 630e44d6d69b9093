"""`jixiao query`, `jixiao schema` and the errors a person makes, on the sample reports."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.cli import main
from pipeline.errors import CommandError
from schemas.contract import CONTRACT_FILE, contract_markdown
from tests.golden.conftest import RAW, TEXT

ROOT = Path(__file__).resolve().parents[2]


def jixiao(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def readme_sql() -> list[str]:
    """The SQL statements of README's ```sql blocks."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sql\n(.*?)```", text, re.S)
    statements = [s for block in blocks for s in block.split(";")]
    code = ["\n".join(line for line in s.splitlines() if not line.lstrip().startswith("--")).strip()
            for s in statements]
    return [c for c in code if c]


def test_readme_sql_runs_as_it_is(extracted: Path, capsys):
    statements = readme_sql()
    assert len(statements) >= 4
    for sql in statements:
        assert main(["query", sql, "--out", str(extracted)]) == 0, sql
        printed = capsys.readouterr().out
        assert not printed.endswith("(0 rows)\n"), sql


def test_query_answers_an_analysts_questions(extracted: Path, capsys):
    keywords = next(s for s in readme_sql() if "unnest(keywords)" in s)
    assert main(["query", keywords, "--out", str(extracted)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["keyword", "items", "reports"] and set(lines[1]) <= {"-", " "}
    assert lines[2].split()[0] == "绩效指标" and re.fullmatch(r"\(\d+ rows\)", lines[-1])
    weakest = next(s for s in readme_sql() if "score_rate" in s and "scores" in s)
    assert main(["query", weakest, "--out", str(extracted)]) == 0
    assert "合同备案时效性" in capsys.readouterr().out.splitlines()[2]


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_query_writes_a_file(extracted: Path, tmp_path: Path, fmt: str, capsys):
    target = tmp_path / f"depts.{fmt}"
    sql = "SELECT canonical_name, region, report_count FROM departments ORDER BY canonical_name"
    assert main(["query", sql, "--out", str(extracted), f"--{fmt}", str(target)]) == 0
    assert "4 rows written" in capsys.readouterr().out
    if fmt == "json":
        rows = json.loads(target.read_text(encoding="utf-8"))
        forms = sum(1 for folder in (RAW, TEXT) for f in folder.iterdir() if f.name.startswith("yongde"))
        assert {"canonical_name": "永德县教育体育局", "region": "永德县", "report_count": forms} in rows
        assert "永德县" in target.read_text(encoding="utf-8")  # not \\u escapes
    elif fmt == "csv":
        assert target.read_text(encoding="utf-8").splitlines()[0] == "canonical_name,region,report_count"
    else:
        assert pq.read_table(target).num_rows == 4


def test_interactive_query_reads_statements_until_quit(extracted: Path):
    session = ".tables\nSELECT count(*) AS n\n  FROM reports;\nSELECT kind, count(*) AS n FROM findings GROUP BY kind ORDER BY kind;\n.quit\n"
    done = jixiao("query", "--out", str(extracted), stdin=session)
    assert done.returncode == 0, done.stderr
    assert "departments" in done.stdout and "findings" in done.stdout and "runs" in done.stdout
    samples = sum(1 for folder in (RAW, TEXT) for f in folder.iterdir() if f.is_file())  # one report each
    assert re.search(rf"^\s*{samples}$", done.stdout, re.M)
    assert re.search(r"^problem\s+\d+$", done.stdout, re.M)


def test_schema_prints_what_the_files_say(extracted: Path, capsys):
    assert main(["schema", "findings", "--out", str(extracted)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("findings (schema version 2, read from ")
    assert re.search(r"^  keywords\s+list<string>\s+the item's top terms", out, re.M)
    assert "recommendation: 建议" in out
    assert main(["schema", "--out", str(extracted)]) == 0
    everything = capsys.readouterr().out
    assert all(f"{name} (schema version" in everything for name in ("reports", "projects", "departments", "runs"))
    assert main(["schema", "--markdown"]) == 0
    assert capsys.readouterr().out == contract_markdown() == (ROOT / CONTRACT_FILE).read_text(encoding="utf-8")


def test_schema_of_a_file_written_before_the_descriptions(tmp_path: Path, capsys):
    import pyarrow as pa

    pq.write_table(pa.table({"report_id": ["a"]}), tmp_path / "reports.parquet")
    assert main(["schema", "reports", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "written without descriptions, extract again" in out and "SHA-256" in out


@pytest.mark.parametrize("args, message", [
    (["query", "SELEC 1"], "SQL error: Parser Error"),
    (["query", "SELECT * FROM report"], "the datasets are: "),
    (["schema", "finding"], "unknown dataset 'finding'; the datasets are: reports"),
])
def test_a_persons_mistake_is_one_line_and_exit_2(extracted: Path, args, message):
    done = jixiao(*args, "--out", str(extracted))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("jixiao: ") and message in done.stderr
    assert "Traceback" not in done.stderr


def test_missing_paths_and_a_folder_that_is_a_file(tmp_path: Path):
    a_file = tmp_path / "datasets"
    a_file.write_text("not a folder")
    for args, message in [
        (["extract", str(tmp_path / "nowhere")], "no such file or folder"),
        (["extract", str(ROOT / "data" / "raw"), "--out", str(a_file)], "is a file, not a folder"),
        (["query", "SELECT 1", "--out", str(tmp_path / "none")], "run `jixiao extract REPORTS --out"),
        (["summary", "--out", str(a_file), "--html", str(tmp_path / "r.html")], "is a file, not a folder"),
    ]:
        done = jixiao(*args)
        assert (done.returncode, done.stderr.count("\n")) == (2, 1), (args, done.stderr)
        assert message in done.stderr and "Traceback" not in done.stderr


def test_debug_shows_the_traceback(tmp_path: Path):
    done = jixiao("--debug", "query", "SELECT 1", "--out", str(tmp_path / "none"))
    assert done.returncode != 0 and "Traceback" in done.stderr and "CommandError" in done.stderr
    with pytest.raises(CommandError):
        main(["query", "SELECT 1", "--out", str(tmp_path / "none"), "--debug"])
