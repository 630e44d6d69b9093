"""The command as a user meets it: inputs and the output folder checked before any work, one
line and an exit code for every problem of the run (0 read, 1 nothing read, 2 usage or
environment, 130 interrupted), no traceback, and a summary that accounts for every file."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline import dask_runner
from pipeline.cli import EXIT_INTERRUPTED, EXIT_NOTHING_READ, EXIT_OK, EXIT_USAGE, main
from tests.bad_inputs import REPORT

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "tests" / "fixtures" / "text" / "002_984d0cbd25454a56.txt"


def cli(*argv: str) -> list[str]:
    return ["extract", *argv, "--progress", "off"]


@pytest.fixture
def good(tmp_path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_a_missing_input_beside_a_good_one_stops_before_any_work(tmp_path, good, capsys):
    out = tmp_path / "out"
    assert main(cli(str(good), str(tmp_path / "misspelt.txt"), "--out", str(out))) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err == f"jixiao: no such file or folder: {tmp_path / 'misspelt.txt'} (check the path; nothing was extracted)\n"
    assert not out.exists()


def test_an_output_that_cannot_be_written_stops_before_any_work(tmp_path, good, capsys):
    (tmp_path / "afile").write_text("x")
    assert main(cli(str(good), "--out", str(tmp_path / "afile"))) == EXIT_USAGE
    assert "afile is a file, not a folder" in capsys.readouterr().err
    assert main(cli(str(good), "--out", str(tmp_path / "afile" / "out"))) == EXIT_USAGE
    assert "cannot write to the output folder" in capsys.readouterr().err
    assert main(cli(str(good), "--out", "/sys/jixiao-out")) == EXIT_USAGE  # sysfs: no new folders
    assert "cannot write to the output folder /sys/jixiao-out" in capsys.readouterr().err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_output_folder_stops_before_any_work(tmp_path, good, capsys):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        assert main(cli(str(good), "--out", str(out))) == EXIT_USAGE
    finally:
        out.chmod(0o755)
    assert "Permission denied" in capsys.readouterr().err


def test_bad_options_are_usage_errors(good, tmp_path, capsys):
    for argv in (["--workers", "-1"], ["--timeout", "0"], ["--memory-limit", "lots"],
                 ["--scheduler", "tcp://127.0.0.1:1", "--memory-limit", "1G"]):
        with pytest.raises(SystemExit) as stop:
            main(cli(str(good), "--out", str(tmp_path / "out"), *argv))
        assert stop.value.code == EXIT_USAGE
    err = capsys.readouterr().err
    assert "workers must be 0 or more, got -1" in err and "not a size" in err
    assert "--memory-limit does not apply with --scheduler" in err


def test_an_unreachable_scheduler_is_one_line(good, tmp_path, capsys, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(dask_runner, "CONNECT_TIMEOUT", 1)
    assert main(cli(str(good), "--out", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:1")) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith("jixiao: cannot reach the Dask scheduler at tcp://127.0.0.1:1") and err.count("\n") == 1
    assert not (tmp_path / "out" / "reports.parquet").exists()


def test_nothing_to_read_exits_1(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.json").write_text("{}")
    assert main(cli(str(tmp_path / "in"), "--out", str(tmp_path / "out"))) == EXIT_NOTHING_READ
    err = capsys.readouterr().err
    assert "no report files found" in err and ".pdf" in err and ".docx" in err and "1 other files skipped" in err


def test_the_summary_accounts_for_every_file(tmp_path, good, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(REPORT, encoding="utf-8")
    (src / "copy.txt").write_text(REPORT, encoding="utf-8")
    (src / "budget.xlsx").write_bytes(b"PK\x03\x04")
    (src / "notes.json").write_text("{}")
    (src / "gone.pdf").symlink_to(tmp_path / "nowhere.pdf")
    assert main(cli(str(src), "--out", str(tmp_path / "out"), "--workers", "0")) == EXIT_OK
    printed = capsys.readouterr().out
    assert "reports read: 1 of 3 (0 partial, 2 failed)" in printed
    assert "failed: budget.xlsx: unsupported format: zip archive (zip)" in printed  # no xl/workbook.xml inside
    assert "failed: gone.pdf: broken symbolic link" in printed
    assert "duplicates: 1 files have the same bytes as another" in printed
    assert "skipped: 1 files that are not reports by their name (.json 1)" in printed


def test_a_run_that_drops_reports_says_so(tmp_path, good, capsys):
    src = tmp_path / "in"
    src.mkdir()
    for n in range(3):
        (src / f"r{n}.txt").write_text(REPORT + f"附件{n}", encoding="utf-8")
    out = str(tmp_path / "out")
    assert main(cli(str(src), "--out", out, "--workers", "0")) == EXIT_OK
    capsys.readouterr()
    assert main(cli(str(src / "r0.txt"), "--out", out, "--workers", "0")) == EXIT_OK
    printed = capsys.readouterr().out
    assert ("dropped: 2 reports of the previous output, whose files are not among this run's inputs"
            " (r1.txt, r2.txt); the output mirrors the inputs of the last run") in printed
    assert pq.read_table(tmp_path / "out" / "reports.parquet").num_rows == 1
    (src / "r0.txt").write_text(REPORT + "修订", encoding="utf-8")  # changed: replaced, not dropped
    assert main(cli(str(src / "r0.txt"), "--out", out, "--workers", "0")) == EXIT_OK
    assert "dropped" not in capsys.readouterr().out


def test_ctrl_c_is_one_line_exit_130_and_a_rerun_resumes(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for n in range(24):
        (src / f"r{n:02d}.txt").write_bytes(SAMPLE.read_bytes() + f"\n附件{n}\n".encode())
    out = tmp_path / "out"
    command = [sys.executable, "-m", "pipeline.cli", *cli(str(src), "--out", str(out), "--workers", "2")]
    proc = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)  # its own process group, as a terminal's job
    deadline = time.monotonic() + 60
    while not list(out.glob(".jixiao-cache/*/*.json.z")) and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C sends: the whole group
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == EXIT_INTERRUPTED, (stdout, stderr)
    assert stderr.startswith("jixiao: interrupted; the ") and stderr.count("\n") == 1, stderr
    assert stdout == "" and not (out / "reports.parquet").exists()
    kept = len(list(out.glob(".jixiao-cache/*/*.json.z")))
    assert kept >= 1
    rerun = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=True)
    assert f"{24 - kept} extracted, {kept} from the cache" in rerun.stdout


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the swallowed one, as meant
def test_a_ctrl_c_that_python_swallows_is_still_seen():
    """A KeyboardInterrupt raised inside a finalizer is printed and dropped by Python; the
    run's check after each document raises it again."""
    from pipeline.interrupt import Interrupts

    class Finalizer:
        def __del__(self) -> None:
            os.kill(os.getpid(), signal.SIGINT)  # the handler runs here, inside __del__
            for _ in range(1000):
                pass

    with Interrupts() as ctrl_c:
        Finalizer()  # collected at once: the interrupt is raised in __del__ and swallowed
        assert ctrl_c.pressed
        with pytest.raises(KeyboardInterrupt):
            ctrl_c.check()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
