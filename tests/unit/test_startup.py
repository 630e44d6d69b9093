"""What the `jixiao` program imports to extract a small text file: none of the heavy libraries
it can do without (start-up time itself is measured in bench/, not here)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = {"pandas", "pdfplumber", "pdfminer", "rich", "dask", "pypdfium2"}

# The program's entry point in a fresh interpreter, then the modules it loaded.
PROGRAM = """
import sys
from pipeline import cli
sys.argv = ["jixiao", "extract", sys.argv[1], "--out", sys.argv[2], "--workers", "0", "--progress", "off"]
try:
    cli.entry()
except SystemExit:
    pass
print(" ".join(sorted(sys.modules)))
"""


def test_extracting_a_text_file_loads_no_heavy_library(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("某项目绩效评价报告\n\n一、评价项目概述\n\n项目绩效评价得分95分，评定等级为“优”。\n",
                      encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", PROGRAM, str(report), str(tmp_path / "out")],
                          capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parents[2])
    loaded = {name.split(".")[0] for name in done.stdout.splitlines()[-1].split()}
    assert {"pyarrow", "extractors"} <= loaded  # it did extract, and write
    assert not loaded & HEAVY
    assert (tmp_path / "out" / "reports.parquet").exists()
