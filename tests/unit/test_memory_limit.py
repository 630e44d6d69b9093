"""The memory limit for real: worker processes under RLIMIT_AS meet a file too large to read
and a small file that inflates to a large buffer. Each becomes its own failed row saying so
(never a pdfminer error, never a lost batch), the good report beside them is extracted, and
a run with no limit extracts both without --force (memory failures are not cached)."""
from __future__ import annotations

import re
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.cli import EXIT_OK, main
from tests.bad_inputs import REPORT, flate_bomb_pdf, padded_pdf

ROOT = Path(__file__).resolve().parents[2]

# A worker that died of a failed allocation: `failed: bomb.pdf: worker crashed: killed by
# SIGABRT; possibly out of memory (limit 64M)`
CRASHED_OUT_OF_MEMORY = re.compile(r"failed: bomb\.pdf: worker crashed: killed by SIG\w+; possibly out of memory \(limit 64M\)")
# The lowest limit allowed: what a worker may map beyond its start, less than either file needs.
LIMIT = "64M"


def reports(out) -> dict[str, dict]:
    return {r["source_file"]: r for r in pq.read_table(out / "reports.parquet").to_pylist()}


def test_documents_over_the_memory_limit_are_their_own_rows_and_are_retried(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "large.pdf").write_bytes(padded_pdf(128 << 20))
    (src / "bomb.pdf").write_bytes(flate_bomb_pdf(96 << 20))
    (src / "good.txt").write_text(REPORT, encoding="utf-8")
    # a report PDF fits: the limit counts what a worker maps beyond its ~300 MB of libraries
    (src / "good.pdf").write_bytes((ROOT / "data" / "raw" / "004_d35ef47aa3634ae2.pdf").read_bytes())
    out = tmp_path / "out"
    argv = ["extract", str(src), "--out", str(out), "--workers", "2", "--progress", "off"]
    assert main(argv + ["--memory-limit", LIMIT]) == EXIT_OK
    printed = capsys.readouterr().out
    assert "reports read: 2 of 4 (0 partial, 2 failed)" in printed
    assert "failed: large.pdf: out of memory (limit 64M)" in printed
    # pdfium, C++ that cannot raise, aborts when an allocation fails: the worker's crash says so
    assert CRASHED_OUT_OF_MEMORY.search(printed)
    for name in ("large.pdf", "bomb.pdf"):
        assert (reports(out)[name]["status"], reports(out)[name]["source_format"]) == ("failed", "pdf")
    assert (reports(out)["good.txt"]["status"], reports(out)["good.txt"]["total_score"]) == ("ok", 95.0)
    assert (reports(out)["good.pdf"]["status"], reports(out)["good.pdf"]["total_score"]) == ("ok", 100.0)

    assert main(argv + ["--memory-limit", "0"]) == EXIT_OK
    assert "2 extracted, 2 from the cache" in capsys.readouterr().out
    for name in ("large.pdf", "bomb.pdf"):  # read: a page of Latin text, no report data
        assert (reports(out)[name]["status"], reports(out)[name]["page_count"]) == ("partial", 1)


def test_crashed_out_of_memory_pattern():
    assert CRASHED_OUT_OF_MEMORY.search("failed: bomb.pdf: worker crashed: killed by SIGABRT; possibly out of memory"
                                        " (limit 64M)")


def test_a_memory_error_wrapped_by_a_library_is_still_memory():
    import pytest
    from pdfplumber.utils.exceptions import PdfminerException

    from pipeline.readers.errors import raise_if_memory

    with pytest.raises(MemoryError, match="Unable to allocate"):
        raise_if_memory(PdfminerException(MemoryError("Unable to allocate output buffer.")))
    try:
        try:
            raise MemoryError()
        except MemoryError:
            raise ValueError("the lexer gave up")  # noqa: B904 - as a library does
    except ValueError as exc:
        with pytest.raises(MemoryError):
            raise_if_memory(exc)
    raise_if_memory(ValueError("a broken file"))  # anything else passes
