"""Legacy binary files read through LibreOffice: a .doc that LibreOffice saves from a .docx
gives the same rows as the .docx; RTF and .wps names too; without LibreOffice the row fails
naming the package, and the batch goes on. The tests that convert skip without soffice."""
from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.batch import run
from pipeline.extract import Extraction, extract_data
from pipeline.options import RunOptions
from pipeline.readers import legacy
from pipeline.readers.errors import UnreadableDocument
from pipeline.readers.legacy import soffice_convert, soffice_program
from pipeline.readers.sniff import sniff

REPO = Path(__file__).resolve().parents[2]


def office_format(data: bytes) -> str:
    return sniff(data, Path("x"))[0]

FORM = REPO / "data" / "raw" / "yongde-minglang-2022-project-selfeval.docx"
SHARED_REPORT = REPO.parent / "shared" / "corpus" / "docx" / "000_dc3cdc6d3122cc60.docx"
NO_SOFFICE = "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer libreoffice-calc"
needs_soffice = pytest.mark.skipif(soffice_program() is None, reason=NO_SOFFICE)
IDS = ("report_id", "source_file", "source_format")


def rows_without_ids(result: Extraction) -> dict[str, list[dict]]:
    rows = {name: [{k: v for k, v in r.items() if k not in IDS} for r in dataset]
            for name, dataset in result.rows.items()}
    rows["reports"] = [{k: v for k, v in result.report.items() if k not in IDS}]
    return rows


@pytest.fixture(scope="module")
def saved_as_doc() -> dict[str, tuple[bytes, bytes]]:
    """(docx, doc) bytes of the sample form and, when ../shared is there, of a shared report."""
    if soffice_program() is None:
        pytest.skip(NO_SOFFICE)
    pairs = {}
    for path in (FORM, SHARED_REPORT):
        if path.exists():
            docx = path.read_bytes()
            pairs[path.stem] = (docx, soffice_convert(docx, "report.docx", "doc", "libreoffice-writer"))
    return pairs


@needs_soffice
def test_a_doc_saved_from_a_docx_gives_the_same_rows(saved_as_doc: dict[str, tuple[bytes, bytes]]) -> None:
    for stem, (docx, doc) in saved_as_doc.items():
        assert office_format(doc) == "doc"
        # the form goes by the name WPS gives its files: the content, not the name, decides
        name = "form.wps" if stem == FORM.stem else f"{stem}.doc"
        from_docx = extract_data(docx, f"{stem}.docx", Path(f"{stem}.docx"))
        from_doc = extract_data(doc, name, Path(name))
        assert from_doc.report["source_format"] == "doc" and from_doc.status == "ok"
        assert from_doc.report["warnings"] == from_docx.report["warnings"]  # no mislabel warning
        assert rows_without_ids(from_doc) == rows_without_ids(from_docx), stem
        assert from_doc.report["total_score"] in (96.0, 91.48)  # the form's; the shared 000's


def rtf(text: str) -> bytes:
    """A minimal RTF document, each non-ASCII character as its `\\uN?` escape."""
    def escaped(line: str) -> str:
        return "".join(ch if ord(ch) < 128 else f"\\u{ord(ch) - 65536 if ord(ch) > 32767 else ord(ch)}?"
                       for ch in line)
    body = "".join(f"{{\\pard {escaped(line)}\\par}}" for line in text.splitlines())
    return ("{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0 SimSun;}}" + body + "}").encode("ascii")


@needs_soffice
def test_an_rtf_named_doc_is_read_through_libreoffice() -> None:
    data = rtf("2023年度某某项目绩效自评报告\n一、项目基本情况\n项目年初预算50万元。")
    assert office_format(data) == "rtf"
    result = extract_data(data, "report.doc", Path("report.doc"))
    assert result.report["title"] == "2023年度某某项目绩效自评报告"
    assert [s["heading"] for s in result.rows["sections"]] == ["项目基本情况"]


@needs_soffice
def test_a_conversion_over_its_time_limit_fails_with_a_reason() -> None:
    with pytest.raises(UnreadableDocument, match="did not convert the file within"):
        soffice_convert(FORM.read_bytes(), "form.docx", "doc", "libreoffice-writer", timeout=0.05)


def test_without_libreoffice_the_row_fails_naming_the_package(tmp_path: Path, monkeypatch) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 + "WordDocument\0".encode("utf-16-le") + b"\0" * 512
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "old.doc").write_bytes(ole)
    (tmp_path / "in" / "form.txt").write_bytes((REPO / "tests" / "fixtures" / "text" / f"{FORM.stem}.txt").read_bytes())
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))  # no soffice on the path
    summary = run([tmp_path / "in"], tmp_path / "out", RunOptions(workers=0, progress="off"))
    rows = {r["source_file"]: r for r in pq.read_table(tmp_path / "out" / "reports.parquet").to_pylist()}
    assert rows["form.txt"]["status"] == "ok" and summary.reports == 2
    assert rows["old.doc"]["status"] == "failed" and rows["old.doc"]["source_format"] == "doc"
    assert "needs_libreoffice" in pq.read_table(tmp_path / "out" / "warnings.parquet").column("code").to_pylist()
    assert "install the package libreoffice-writer" in rows["old.doc"]["warnings"][0]


def test_folders_left_by_a_killed_conversion_are_swept(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.Popen(["true"])
    gone.wait()  # a process id that no longer runs
    stale = tmp_path / f"{legacy.FOLDER_PREFIX}{gone.pid}-abc"
    mine = tmp_path / f"{legacy.FOLDER_PREFIX}{os.getpid()}-def"
    stale.mkdir()
    mine.mkdir()
    legacy.sweep_stale_folders()
    assert not stale.exists() and mine.exists()
