"""A run over many documents: parallel workers equal to serial, the cache, limits per
document, atomic and deterministic output, the run log, progress, Dask."""
import io
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline import cache as cache_module
from pipeline.batch import run
from pipeline.cache import CACHE_DIR, ExtractionCache
from pipeline.cli import main
from pipeline.options import RunOptions, parse_size
from pipeline.outdir import OutputBusy, OutputFolder
from pipeline.progress import LineProgress, NoProgress, make_progress
from pipeline.runlog import RUNS_FILE
from schemas.datasets import DATASETS
from tests.bad_inputs import REPORT, chinese_pdf, pages_pdf
from tests.bad_inputs.work import misbehave

REPO = Path(__file__).resolve().parents[2]
SAMPLES = sorted((REPO / "tests" / "fixtures" / "text").glob("*.txt"))
QUIET = {"progress": "off"}


def make_archive(folder: Path, copies: int = 2) -> Path:
    """The sample reports, each in ``copies`` distinct versions, plus two small PDFs."""
    folder.mkdir(parents=True, exist_ok=True)
    for sample in SAMPLES:
        for n in range(copies):
            (folder / f"{sample.stem}-{n}.txt").write_bytes(sample.read_bytes() + f"\n附件{n}\n".encode())
    (folder / "pdf").mkdir(exist_ok=True)
    (folder / "pdf" / "a.pdf").write_bytes(chinese_pdf())
    (folder / "pdf" / "b.pdf").write_bytes(chinese_pdf() + b"\n% another copy\n")
    return folder


def datasets_bytes(out: Path) -> dict[str, bytes]:
    return {name: (out / f"{name}.parquet").read_bytes() for name in DATASETS}


def reports_by_file(out: Path) -> dict[str, dict]:
    return {r["source_file"]: r for r in pq.read_table(out / "reports.parquet").to_pylist()}


REAL_FINGERPRINT = cache_module.fingerprint


@pytest.fixture(autouse=True, scope="module")
def steady_fingerprint():
    """The cache's fingerprint held still: an edit to the extracting code while the suite
    runs must not look like a cache miss."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cache_module, "fingerprint", lambda: "steady0123456789")
        yield


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return make_archive(tmp_path_factory.mktemp("archive"))


@pytest.fixture(scope="module")
def serial_out(archive, tmp_path_factory):
    out = tmp_path_factory.mktemp("serial")
    run([archive], out, RunOptions(workers=0, **QUIET))
    return out


def test_parallel_run_is_byte_identical_to_serial(archive, serial_out, tmp_path):
    out = tmp_path / "parallel"
    summary = run([archive], out, RunOptions(workers=2, **QUIET))
    assert summary.extracted == len(SAMPLES) * 2 + 2 and summary.cached == 0
    assert datasets_bytes(out) == datasets_bytes(serial_out)
    assert len(pq.read_table(out / "reports.parquet")) == len(SAMPLES) * 2 + 2


def test_two_runs_give_byte_identical_files(archive, serial_out, tmp_path):
    out = tmp_path / "again"
    run([archive], out, RunOptions(workers=2, force=True, **QUIET))
    first = datasets_bytes(out)
    run([archive], out, RunOptions(workers=2, force=True, **QUIET))
    assert datasets_bytes(out) == first == datasets_bytes(serial_out)


def test_rerun_takes_everything_from_the_cache(archive, serial_out, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(serial_out, out)
    summary = run([archive], out, RunOptions(workers=2, **QUIET))
    assert (summary.extracted, summary.cached) == (0, len(SAMPLES) * 2 + 2)
    assert datasets_bytes(out) == datasets_bytes(serial_out)
    forced = run([archive], out, RunOptions(workers=2, force=True, **QUIET))
    assert (forced.extracted, forced.cached) == (len(SAMPLES) * 2 + 2, 0)
    assert datasets_bytes(out) == datasets_bytes(serial_out)


def test_new_changed_and_removed_files(tmp_path):
    src = make_archive(tmp_path / "in", copies=1)
    out = tmp_path / "out"
    run([src], out, RunOptions(workers=2, **QUIET))
    removed = SAMPLES[0].stem + "-0.txt"
    (src / removed).unlink()
    changed = src / f"{SAMPLES[1].stem}-0.txt"
    changed.write_bytes(changed.read_bytes() + "\n补充说明\n".encode())
    (src / "new.txt").write_text(REPORT, encoding="utf-8")
    summary = run([src], out, RunOptions(workers=2, **QUIET))
    assert (summary.extracted, summary.cached) == (2, len(SAMPLES) + 2 - 2)
    reports = reports_by_file(out)
    assert removed not in reports and reports["new.txt"]["total_score"] == 95.0
    ids = set(reports[name]["report_id"] for name in reports)
    for name in ("sections", "tables", "scores", "indicators"):
        assert set(pq.read_table(out / f"{name}.parquet")["report_id"].to_pylist()) <= ids
    entries = list((out / CACHE_DIR).glob("*/*.json.z"))
    assert len(entries) == len(reports)  # the removed and the old changed file were pruned


def test_identical_files_at_two_paths_are_one_report(tmp_path):
    src = tmp_path / "in"
    (src / "a").mkdir(parents=True)
    (src / "b").mkdir()
    for sub in ("b", "a"):
        (src / sub / "same.txt").write_text(REPORT, encoding="utf-8")
    out = tmp_path / "out"
    first = run([src, src / "a" / "same.txt"], out, RunOptions(workers=0, **QUIET))
    assert (first.extracted, first.identical) == (1, 1)
    again = run([src], out, RunOptions(workers=0, **QUIET))
    assert again.cached == 1
    (report,) = pq.read_table(out / "reports.parquet").to_pylist()
    assert report["source_file"] == "a/same.txt"
    assert report["warnings"] == ["duplicate file: b/same.txt has the same bytes; this row stands for both"]
    scores = pq.read_table(out / "scores.parquet").to_pylist()
    assert len(scores) == len({(r["name"], r["page"]) for r in scores})  # child rows not doubled


def test_two_roots_with_the_same_names_are_told_apart(tmp_path):
    for year in ("2022", "2023"):
        (tmp_path / year / "reports").mkdir(parents=True)
        (tmp_path / year / "reports" / "x.txt").write_text(REPORT + year, encoding="utf-8")
    (tmp_path / "2023" / "reports" / "y.txt").write_text(REPORT + "乙", encoding="utf-8")
    out = tmp_path / "out"
    run([tmp_path / "2022" / "reports", tmp_path / "2023" / "reports"], out, RunOptions(workers=0, **QUIET))
    assert set(reports_by_file(out)) == {"2022/reports/x.txt", "2023/reports/x.txt", "2023/reports/y.txt"}


def test_renditions_of_one_report_are_marked(tmp_path):
    (tmp_path / "a.pdf").write_bytes(chinese_pdf())
    (tmp_path / "b.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "c.txt").write_text(REPORT.replace("95分", "85分"), encoding="utf-8")  # another score
    out = tmp_path / "out"
    summary = run([tmp_path], out, RunOptions(workers=0, **QUIET))
    reports = reports_by_file(out)
    assert reports["a.pdf"]["duplicate_of"] is None and reports["c.txt"]["duplicate_of"] is None
    assert reports["b.txt"]["duplicate_of"] == reports["a.pdf"]["report_id"]
    assert any(w.startswith("rendition of a.pdf") for w in reports["b.txt"]["warnings"])
    assert summary.renditions == 1 and reports["b.txt"]["status"] == "ok"


def test_a_code_change_invalidates_the_cache(archive, serial_out, tmp_path, monkeypatch):
    out = tmp_path / "out"
    shutil.copytree(serial_out, out)
    old = {p.name for p in (out / CACHE_DIR).iterdir()}
    monkeypatch.setattr(cache_module, "fingerprint", lambda: "0123456789abcdef")
    summary = run([archive], out, RunOptions(workers=0, **QUIET))
    assert summary.cached == 0
    assert {p.name for p in (out / CACHE_DIR).iterdir()} == {"0123456789abcdef"} != old
    assert datasets_bytes(out) == datasets_bytes(serial_out)


def test_the_fingerprint_covers_the_extracting_code():
    files = {p.name for module in cache_module.EXTRACTING_CODE for p in cache_module._sources(module)}
    assert {"extract.py", "scores.py", "text.py", "datasets.py", "sniff.py"} <= files
    assert len(REAL_FINGERPRINT()) == 16


def test_a_hanging_document_is_stopped_at_its_timeout(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for n in range(4):
        (src / f"good-{n}.txt").write_text(REPORT + f"\n附件{n}\n", encoding="utf-8")
    (src / "hang.txt").write_text(REPORT, encoding="utf-8")
    out = tmp_path / "out"
    started = time.monotonic()
    run([src], out, RunOptions(workers=2, timeout=1.5, **QUIET), work=misbehave)
    assert time.monotonic() - started < 15
    reports = reports_by_file(out)
    assert reports["hang.txt"]["status"] == "failed"
    assert reports["hang.txt"]["warnings"] == ["timed out after 1.5 s"]
    assert all(reports[f"good-{n}.txt"]["total_score"] == 95.0 for n in range(4))
    # a timeout is not the document's doing: the next run tries it again, the others are cached
    again = run([src], out, RunOptions(workers=2, timeout=1.5, **QUIET), work=misbehave)
    assert (again.cached, again.extracted) == (4, 1)


def test_the_time_limit_grows_with_the_pages(tmp_path):
    from pipeline.workers import TimeLimit

    limit = TimeLimit(120.0, 0.2)
    assert limit.seconds(0) == 120.0 and limit.seconds(2000) == 520.0
    assert limit.describe(2000) == "520 s (120 s + 0.2 s × 2000 pages)" and limit.describe(0) == "120 s"
    src = tmp_path / "in"
    src.mkdir()
    (src / "hang-3-pages.pdf").write_bytes(pages_pdf(3))
    started = time.monotonic()
    run([src], tmp_path / "out", RunOptions(workers=1, timeout=0.5, timeout_per_page=0.5, **QUIET),
        work=misbehave)
    assert time.monotonic() - started >= 2.0
    (report,) = reports_by_file(tmp_path / "out").values()
    assert report["warnings"] == ["timed out after 2 s (0.5 s + 0.5 s × 3 pages)"]


def test_crashes_memory_and_errors_fail_their_document_only(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for n in range(3):
        (src / f"good-{n}.txt").write_text(REPORT + f"\n附件{n}\n", encoding="utf-8")
    for bad in ("crash", "hog", "raise"):
        (src / f"{bad}.txt").write_text(REPORT + bad, encoding="utf-8")
    out = tmp_path / "out"
    run([src], out, RunOptions(workers=2, memory_limit=parse_size("1G"), **QUIET), work=misbehave)
    reports = reports_by_file(out)
    assert "killed by SIGSEGV" in reports["crash.txt"]["warnings"][0]
    assert reports["hog.txt"]["warnings"] == ["out of memory (limit 1G)"]
    assert "RuntimeError" in reports["raise.txt"]["warnings"][0]
    assert all(reports[f"good-{n}.txt"]["status"] == "ok" for n in range(3))
    # none of them is cached: each is tried again, and --retry-failed is not needed for it
    again = run([src], out, RunOptions(workers=2, memory_limit=parse_size("1G"), **QUIET), work=misbehave)
    assert (again.cached, again.extracted) == (3, 3)


def test_retry_failed_extracts_cached_failures_again(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ok.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    run([tmp_path / "in"], out, RunOptions(workers=0, **QUIET))
    assert run([tmp_path / "in"], out, RunOptions(workers=0, **QUIET)).cached == 2  # an empty file stays empty
    retried = run([tmp_path / "in"], out, RunOptions(workers=0, retry_failed=True, **QUIET))
    assert (retried.cached, retried.extracted) == (1, 1)


def test_workers_are_replaced_after_their_share_of_documents(tmp_path, monkeypatch):
    from pipeline import workers

    monkeypatch.setattr(workers, "DOCUMENTS_PER_WORKER", 2)
    src = tmp_path / "in"
    src.mkdir()
    for n in range(5):
        (src / f"good-{n}.txt").write_text(REPORT + f"\n附件{n}\n", encoding="utf-8")
    summary = run([src], tmp_path / "out", RunOptions(workers=1, **QUIET))
    assert summary.extracted == 5 and not summary.failed


def test_workers_that_cannot_start_stop_the_run_before_the_write(tmp_path):
    from pipeline.workers import WorkerStartError
    from tests.bad_inputs.broken_work import install

    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    out = tmp_path / "out"
    before = run([tmp_path / "a.txt"], out, RunOptions(workers=0, **QUIET))
    (tmp_path / "b.txt").write_text(REPORT + "新", encoding="utf-8")
    with pytest.raises(WorkerStartError, match="could not start"):
        run([tmp_path], out, RunOptions(workers=1, **QUIET), work=install())
    assert pq.read_table(out / "reports.parquet").num_rows == before.rows["reports"] == 1


KILL_DURING_WRITE = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    import pyarrow.parquet as pq
    from pipeline import writer
    out, moment = Path(sys.argv[1]), sys.argv[2]
    rows = {"reports": [{"report_id": f"r{i}", "source_file": f"f{i}", "status": "ok"} for i in range(7)],
            "tables": [{"report_id": "r1", "table_seq": 1, "row": i, "col": 0, "text": "x"} for i in range(9)]}
    die = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
    if moment == "mid-file":  # half a Parquet file on disk, then killed
        real_write = pq.write_table
        def half(table, where, **kw):
            real_write(table, where, **kw)
            size = os.path.getsize(where)
            with open(where, "r+b") as fh:
                fh.truncate(size // 2)
            die()
        writer.pq.write_table = half
    elif moment == "between-renames":  # some files renamed into place, the others not
        real_replace, done = os.replace, []
        def some(src, dst):
            if len(done) == 2:
                die()
            done.append(dst)
            real_replace(src, dst)
        writer.os.replace = some
    writer.write_datasets(out, rows)
""")


@pytest.mark.parametrize("moment", ["mid-file", "between-renames"])
def test_kill_9_during_the_write_leaves_the_old_datasets_readable(tmp_path, moment):
    out = tmp_path / "out"
    from pipeline.writer import write_datasets

    old = write_datasets(out, {"reports": [{"report_id": "old", "source_file": "old.txt", "status": "ok"}]})
    proc = subprocess.run([sys.executable, "-c", KILL_DURING_WRITE, str(out), moment], cwd=REPO,
                          capture_output=True)
    assert proc.returncode == -signal.SIGKILL
    counts = {name: pq.read_table(out / f"{name}.parquet").num_rows for name in DATASETS}
    new = {name: 0 for name in DATASETS} | {"reports": 7, "tables": 9}
    assert all(counts[name] in (old[name], new[name]) for name in DATASETS)
    if moment == "mid-file":
        assert counts == old
    assert list(out.glob(".*.tmp"))  # the killed run's temporary files: the next run clears them
    with OutputFolder(out):
        assert not list(out.glob(".*.tmp"))


def test_kill_9_at_any_moment_of_a_run_leaves_complete_datasets(tmp_path):
    src = make_archive(tmp_path / "in", copies=4)
    out = tmp_path / "out"
    cli = [sys.executable, "-m", "pipeline.cli", "extract", str(src), "--out", str(out), "--force",
           "--workers", "2", "--progress", "off"]
    started = time.monotonic()
    subprocess.run(cli, cwd=REPO, check=True, capture_output=True)
    whole = time.monotonic() - started
    expected = {name: pq.read_table(out / f"{name}.parquet").num_rows for name in DATASETS}
    for share in (0.2, 0.45, 0.65, 0.8, 0.9, 0.97):  # start-up, extraction, the write
        proc = subprocess.Popen(cli, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(share * whole)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for name in DATASETS:  # whatever the moment, every file is whole: same rows as before
            assert pq.read_table(out / f"{name}.parquet").num_rows == expected[name]


def test_runs_log_has_a_row_per_document_and_run(archive, serial_out, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(serial_out, out)
    run([archive], out, RunOptions(workers=2, **QUIET))
    log = pq.read_table(out / RUNS_FILE).to_pylist()
    documents = len(SAMPLES) * 2 + 2
    assert len(log) == 2 * documents
    assert [r["run"] for r in log] == [1] * documents + [2] * documents
    first, second = log[:documents], log[documents:]
    assert not any(r["cached"] for r in first) and all(r["cached"] for r in second)
    pdf = next(r for r in first if r["source_file"] == "pdf/a.pdf")
    assert pdf["status"] == "ok" and pdf["pages"] == 1 and pdf["seconds"] > 0 and pdf["error"] is None
    assert {r["source_file"] for r in second} == set(reports_by_file(out))
    assert not (out / RUNS_FILE).read_bytes() in datasets_bytes(out).values()


def test_one_run_at_a_time_per_output_folder(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    with OutputFolder(tmp_path / "out"):
        with pytest.raises(OutputBusy, match="another jixiao run"):
            run([tmp_path / "a.txt"], tmp_path / "out", RunOptions(workers=0, **QUIET))


def test_progress_is_plain_lines_when_not_a_terminal():
    stream = io.StringIO()
    progress = LineProgress(stream)
    progress.start(total=20, cached=5, cached_pages=50)
    for _ in range(15):
        progress.advance(pages=3)
    text = stream.getvalue()
    assert "5 of 20 documents unchanged" in text
    assert "20/20 documents, 95 pages" in text and "docs/s" in text and "ETA" in text
    assert len(text.splitlines()) <= 12
    assert isinstance(make_progress("off"), NoProgress)
    assert isinstance(make_progress("auto"), LineProgress)  # pytest's stderr is no terminal


def test_options_are_checked_when_built():
    assert RunOptions().workers >= 1
    with pytest.raises(ValueError, match="-1"):
        RunOptions(workers=-1)
    with pytest.raises(ValueError, match="timeout"):
        RunOptions(timeout=0)
    with pytest.raises(ValueError, match="tcp://HOST:PORT"):
        RunOptions(scheduler="localhost")
    assert parse_size("2G") == 2 << 30 and parse_size("1500M") == 1500 << 20 and parse_size("0") is None
    with pytest.raises(ValueError, match="'lots'"):
        parse_size("lots")


def test_cli_flags(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    out = tmp_path / "out"
    argv = ["extract", str(tmp_path / "a.txt"), "--out", str(out), "--workers", "1", "--timeout", "30",
            "--memory-limit", "1G", "--progress", "lines"]
    assert main(argv) == 0
    assert main(argv + ["--force"]) == 0
    printed = capsys.readouterr()
    assert "1 extracted, 0 from the cache" in printed.out and "1/1 documents" in printed.err
    with pytest.raises(SystemExit):
        main(argv + ["--memory-limit", "lots"])
    assert "not a size" in capsys.readouterr().err


def test_dask_cluster_gives_the_same_datasets(archive, serial_out, tmp_path):
    distributed = pytest.importorskip("distributed")
    out = tmp_path / "dask"
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        summary = run([archive], out, RunOptions(scheduler=cluster.scheduler_address, **QUIET))
    assert summary.extracted == len(SAMPLES) * 2 + 2
    assert datasets_bytes(out) == datasets_bytes(serial_out)
    log = pq.read_table(out / RUNS_FILE).to_pylist()
    assert all(r["peak_rss_mb"] for r in log if r["source_file"].endswith(".pdf"))


def test_a_file_that_cannot_be_read_is_a_failed_row(tmp_path):
    from pipeline.inputs import discover

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ok.txt").write_text(REPORT, encoding="utf-8")
    vanished = tmp_path / "vanished.txt"
    vanished.write_text(REPORT + "乙", encoding="utf-8")
    found = discover([tmp_path / "in", vanished])
    vanished.unlink()  # found, but gone by the time it is read
    run([], tmp_path / "out", RunOptions(workers=2, **QUIET), found=found)
    reports = reports_by_file(tmp_path / "out")
    assert reports["vanished.txt"]["status"] == "failed"
    assert reports["vanished.txt"]["warnings"] == ["cannot read the file: No such file or directory"]
    assert reports["ok.txt"]["status"] == "ok"
    with pytest.raises(FileNotFoundError, match="vanished.txt"):
        run([tmp_path / "in", vanished], tmp_path / "out", RunOptions(workers=0, **QUIET))


def test_cache_entries_are_never_half_written(tmp_path):
    cache = ExtractionCache(tmp_path, "f" * 16)
    (cache.folder).mkdir(parents=True)
    (cache.folder / "abc-txt.json.z").write_bytes(b"\x78\x9c garbage")
    assert cache.get("abc-txt", "a.txt") is None
