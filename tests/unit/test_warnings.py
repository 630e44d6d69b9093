"""Warnings as data: codes declared once, every one emitted somewhere and documented, the
status decided from codes alone, warnings.parquet written with its schema."""
from __future__ import annotations

import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.batch import run
from pipeline.options import RunOptions
from schemas.datasets import DATASETS
from schemas.warnings import CODES, STAGES, WarningItem, is_transient, status_of, warn
from tests.bad_inputs import REPORT

REPO = Path(__file__).resolve().parents[2]
# A code written where a warning is made: `warn("field_conflict", ...`, `UnreadableDocument("empty_file", ...`,
# `failed_outcome(task, "timeout", ...`, `error = ("out_of_memory", ...`, `code, reason = "worker_error", ...`,
# `return "encrypted_pdf", ...`, `refusal=("binary_content", ...`
EMITTED = re.compile(r'(?:warn|UnreadableDocument|failed_outcome)\((?:task, )?"([a-z_]+)"'
                     r'|(?:error|reason) = \("([a-z_]+)", |code, reason = "([a-z_]+)", |return "([a-z_]+)", f?"'
                     r'|refusal=\("([a-z_]+)"')
# A row of README's table of codes: `| \`field_conflict\` | reports | none | ... |`
README_ROW = re.compile(r"^\| `([a-z_]+)` \| ([a-z]+) \| (failed|partial|none)", re.MULTILINE)


def emitted_codes() -> set[str]:
    found: set[str] = set()
    for folder in ("schemas", "extractors", "pipeline"):
        for path in (REPO / folder).rglob("*.py"):
            for match in EMITTED.finditer(path.read_text(encoding="utf-8")):
                found.add(next(g for g in match.groups() if g))
    return found


def test_pattern_examples():
    assert EMITTED.search('warn("field_conflict", f"x")').group(1) == "field_conflict"
    assert EMITTED.search('failed_outcome(task, "timeout", "t", 1.0)').group(1) == "timeout"
    assert EMITTED.search('error = ("out_of_memory", out_of_memory(limit))').group(2) == "out_of_memory"
    assert EMITTED.search('code, reason = "worker_error", f"x"').group(3) == "worker_error"
    assert EMITTED.search('return "encrypted_pdf", "encrypted PDF"').group(4) == "encrypted_pdf"
    assert EMITTED.search('refusal=("binary_content", "b")').group(5) == "binary_content"
    assert README_ROW.search("| `field_conflict` | reports | none | a field |").groups() == ("field_conflict", "reports", "none")


def test_every_code_is_declared_emitted_and_documented():
    emitted = emitted_codes()
    assert emitted <= set(CODES), f"emitted but not declared: {sorted(emitted - set(CODES))}"
    assert set(CODES) <= emitted, f"declared but never emitted: {sorted(set(CODES) - emitted)}"
    documented = {code: (stage, effect) for code, stage, effect in README_ROW.findall(
        (REPO / "README.md").read_text(encoding="utf-8"))}
    assert documented == {c.code: (c.stage, c.effect) for c in CODES.values()}
    assert all(c.stage in STAGES for c in CODES.values())


def test_an_undeclared_code_fails_loudly():
    with pytest.raises(ValueError, match="declare it in schemas/warnings.py"):
        warn("a_typo", "x")


def test_status_is_decided_from_codes():
    assert status_of([]) == "ok"
    assert status_of(["field_conflict", "title_missing"]) == "ok"
    assert status_of(["field_conflict", "page_without_text"]) == "partial"
    assert status_of(["stage_failed", "encrypted_pdf"]) == "failed"
    assert is_transient(["timeout"]) and not is_transient(["encrypted_pdf", "no_data"])
    assert WarningItem("stage_failed", "tables stage failed", stage="tables").stage == "tables"
    assert warn("page_unreadable", "p", 3).record("r1") == {
        "report_id": "r1", "stage": "read", "code": "page_unreadable", "page": 3, "message": "p"}


def test_warnings_parquet_has_a_row_per_warning(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    text = REPORT.replace("预算支出率为100%", "预算支出率为90%")  # 21 of 21 spent is not 90%
    (src / "a.txt").write_text(text, encoding="utf-8")
    (src / "b.txt").write_text(text, encoding="utf-8")
    (src / "c.pdf").write_bytes(text.encode("gb18030"))  # the same report, in GB18030, named .pdf
    (src / "d.txt").write_bytes(b"")
    out = tmp_path / "out"
    run([src], out, RunOptions(workers=0, progress="off"))
    table = pq.read_table(out / "warnings.parquet")
    assert table.schema.equals(DATASETS["warnings"], check_metadata=False)
    rows = table.to_pylist()
    reports = {r["source_file"]: r for r in pq.read_table(out / "reports.parquet").to_pylist()}
    by_report: dict[str, list[tuple]] = {}
    for row in rows:
        by_report.setdefault(row["report_id"], []).append((row["stage"], row["code"], row["message"]))
    for report in reports.values():  # the readable list and the rows say the same, in order
        assert [m for _, _, m in by_report.get(report["report_id"], [])] == report["warnings"]
        assert report["status"] == status_of(c for _, c, _ in by_report.get(report["report_id"], []))
    codes = {name: [c for _, c, _ in by_report[r["report_id"]]] for name, r in reports.items()}
    assert codes["a.txt"] == ["execution_rate_mismatch", "duplicate_file"]
    assert codes["c.pdf"] == ["mislabelled_file", "text_encoding", "execution_rate_mismatch", "rendition"]
    assert codes["d.txt"] == ["empty_file"] and reports["d.txt"]["status"] == "failed"
    stages = {(s, c) for entries in by_report.values() for s, c, _ in entries}
    assert {("checks", "execution_rate_mismatch"), ("run", "duplicate_file"), ("read", "empty_file")} <= stages


def test_the_datasets_declaration_names_every_stage_code_and_format():
    from pipeline.readers.formats import FORMATS
    from schemas.datasets import DECLARED, SOURCE_FORMAT, STAGE

    assert tuple(STAGE) == STAGES
    assert set(DECLARED["warnings"].column("code").values or {}) == set(CODES)
    assert set(FORMATS) | {"scanned_pdf", "unknown"} == set(SOURCE_FORMAT)
