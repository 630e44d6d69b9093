"""Finding the inputs: every file a folder walk meets is an input or counted as skipped, a
file reached twice is one input, and two roots never give two files one name."""
from __future__ import annotations

import os
from pathlib import Path

from pipeline.inputs import discover, root_labels
from tests.bad_inputs import REPORT


def names(found) -> dict[str, str | None]:
    return {i.source_file: i.problem and f"{i.problem.code}: {i.problem.message}" for i in found.inputs}


def test_a_walk_accounts_for_every_file(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "a.txt").write_text(REPORT, encoding="utf-8")
    (src / "b.PDF").write_bytes(b"%PDF-1.4")
    (src / "c.xlsx").write_bytes(b"PK\x03\x04")
    (src / "d.html").write_text("<html></html>")
    (src / "notes.json").write_text("{}")
    (src / "README").write_text("readme")
    (src / ".hidden.txt").write_text("x")
    (src / ".git").mkdir()
    (src / ".git" / "x.txt").write_text("x")
    (src / "gone.pdf").symlink_to(tmp_path / "nowhere.pdf")
    os.mkfifo(src / "pipe.txt")
    found = discover([src])
    assert names(found) == {
        "b.PDF": None, "c.xlsx": None, "d.html": None, "sub/a.txt": None,
        "gone.pdf": f"broken_symlink: broken symbolic link: its target {tmp_path / 'nowhere.pdf'} does not exist",
        "pipe.txt": "not_a_regular_file: not a regular file (a FIFO)"}
    assert dict(found.skipped) == {".json": 1, "(no suffix)": 1}
    assert found.missing == []


def test_a_file_named_twice_is_one_input_and_a_missing_path_is_reported(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    found = discover([tmp_path, tmp_path / "a.txt", tmp_path / "." / "a.txt", tmp_path / "typo.txt"])
    assert names(found) == {"a.txt": None}
    assert found.missing == [tmp_path / "typo.txt"]


def test_a_named_file_is_read_whatever_its_name(tmp_path):
    (tmp_path / "report.dat").write_text(REPORT, encoding="utf-8")
    assert names(discover([tmp_path / "report.dat"])) == {"report.dat": None}
    assert names(discover([tmp_path])) == {}


def test_the_output_folder_inside_an_input_is_not_walked(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "old.txt").write_text(REPORT, encoding="utf-8")
    assert names(discover([tmp_path], exclude=tmp_path / "out")) == {"a.txt": None}
    assert set(names(discover([tmp_path], exclude=tmp_path))) == {"a.txt", "out/old.txt"}


def test_clashing_roots_are_named_by_the_shortest_distinct_tail(tmp_path):
    for year in ("2022", "2023"):
        (tmp_path / year / "reports").mkdir(parents=True)
        (tmp_path / year / "reports" / "x.txt").write_text(year)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "y.txt").write_text("y")
    found = discover([tmp_path / "2022" / "reports", tmp_path / "2023" / "reports", tmp_path / "other"])
    assert sorted(names(found)) == ["2022/reports/x.txt", "2023/reports/x.txt", "y.txt"]
    files = discover([tmp_path / "2022" / "reports" / "x.txt", tmp_path / "2023" / "reports" / "x.txt"])
    assert sorted(names(files)) == ["2022/reports/x.txt", "2023/reports/x.txt"]
    assert root_labels([Path("/a/b"), Path("/c/d")]) == {Path("/a/b"): "b", Path("/c/d"): "d"}
