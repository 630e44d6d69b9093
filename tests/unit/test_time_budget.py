"""A document earns time while it is read (pages read by OCR): the worker pool extends its
limit; a document that earns nothing is still stopped at the run's timeout."""
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.batch import run
from pipeline.options import RunOptions
from pipeline.readers import time_budget
from tests.bad_inputs import REPORT
from tests.bad_inputs.work import misbehave


def test_granted_time_extends_the_limit_and_a_hang_is_still_stopped(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "slow.txt").write_text(REPORT, encoding="utf-8")  # 3.2 s of work, 4 s granted
    (src / "hang.txt").write_text(REPORT + "\n附件\n", encoding="utf-8")
    out = tmp_path / "out"
    run([src], out, RunOptions(workers=2, timeout=1.5, progress="off"), work=misbehave)
    reports = {r["source_file"]: r for r in pq.read_table(out / "reports.parquet").to_pylist()}
    assert reports["slow.txt"]["status"] == "ok" and reports["slow.txt"]["total_score"] == 95.0
    assert reports["hang.txt"]["status"] == "failed"
    assert reports["hang.txt"]["warnings"] == ["timed out after 1.5 s"]


def test_a_grant_without_a_listener_does_nothing_and_listeners_nest() -> None:
    heard: list[float] = []
    time_budget.grant(5.0)
    with time_budget.listening(heard.append):
        time_budget.grant(2.0)
        with time_budget.listening(lambda s: heard.append(-s)):
            time_budget.grant(1.0)
        time_budget.grant(3.0)
    time_budget.grant(4.0)
    assert heard == [2.0, -1.0, 3.0]
