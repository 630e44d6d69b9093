"""A document earns time while it is read (pages read by OCR): the worker pool adds it to the
limit its pages give; a document that earns nothing is still stopped at the run's timeout."""
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
    (src / "slow-hang.txt").write_text(REPORT + "\n附件二\n", encoding="utf-8")  # earns 4 s, then hangs
    out = tmp_path / "out"
    run([src], out, RunOptions(workers=2, timeout=1.5, progress="off"), work=misbehave)
    reports = {r["source_file"]: r for r in pq.read_table(out / "reports.parquet").to_pylist()}
    assert reports["slow.txt"]["status"] == "ok" and reports["slow.txt"]["total_score"] == 95.0
    assert reports["hang.txt"]["status"] == "failed"
    assert reports["hang.txt"]["warnings"] == ["timed out after 1.5 s"]
    assert reports["slow-hang.txt"]["warnings"] == ["timed out after 5.5 s (1.5 s + 4 s for OCR)"]


def test_the_time_limit_adds_what_was_granted_to_what_the_pages_give() -> None:
    from pipeline.workers import TimeLimit

    limit = TimeLimit(120.0, 0.2)
    assert limit.seconds(2000, 40.0) == 560.0
    assert limit.describe(2000, 40.0) == "560 s (120 s + 0.2 s × 2000 pages + 40 s for OCR)"
    assert limit.describe(0, 40.0) == "160 s (120 s + 40 s for OCR)"
    assert limit.describe(0) == "120 s"


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
