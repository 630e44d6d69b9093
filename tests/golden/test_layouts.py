"""The layout fixtures (tests/fixtures/layouts, typeset by build.py there) scored with the
shared scorer against their gold files: report fields 1.0, sections, scores and indicators
F1 ≥ 0.98 in every layout (issue 10). Needs ../shared/tools/score.py."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.batch import run

ROOT = Path(__file__).resolve().parents[2]
LAYOUTS = ROOT / "tests" / "fixtures" / "layouts"
SCORER = ROOT.parent / "shared" / "tools" / "score.py"
FLOOR = 0.98
# `grid [pdf]: report fields 12/12 · sections F1 1.000 · scores F1 1.000 · indicators F1 1.000`
REPORT_LINE = re.compile(r"^(?P<name>\S+) \[pdf\]: report fields (?P<got>\d+)/(?P<of>\d+) · sections F1 (?P<sections>[\d.]+)"
                         r" · scores F1 (?P<scores>[\d.]+) · indicators F1 (?P<indicators>[\d.]+)")


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> dict[str, re.Match[str]]:
    """Every layout extracted and scored in one run of the scorer, by layout."""
    if not SCORER.exists():
        pytest.skip("needs ../shared/tools/score.py")
    out = tmp_path_factory.mktemp("layouts")
    run([LAYOUTS], out / "parquet")
    gold = out / "gold"
    gold.mkdir()
    for path in LAYOUTS.glob("*.json"):
        shutil.copy(path, gold / path.name)
    result = subprocess.run([sys.executable, str(SCORER), "--parquet", str(out / "parquet"), "--gold", str(gold),
                             "--format", "pdf", "-v"], capture_output=True, text=True)
    lines = {m.group("name"): m for m in map(REPORT_LINE.match, result.stdout.splitlines()) if m}
    assert lines, result.stdout + result.stderr
    return lines


def test_report_line_pattern() -> None:
    m = REPORT_LINE.match("grid [pdf]: report fields 12/12 · sections F1 1.000 · scores F1 0.990 · indicators F1 1.000")
    assert m and m.group("scores") == "0.990"


@pytest.mark.parametrize("layout", [p.stem for p in sorted(LAYOUTS.glob("*.pdf"))])
def test_layout_scores_at_the_floors(scored: dict[str, re.Match[str]], layout: str) -> None:
    m = scored[layout]
    assert m.group("got") == m.group("of"), m.group(0)
    assert all(float(m.group(k)) >= FLOOR for k in ("sections", "scores", "indicators")), m.group(0)


def test_every_layout_has_its_gold() -> None:
    pdfs = {p.stem for p in LAYOUTS.glob("*.pdf")}
    assert pdfs >= {"grid", "threeline", "borderless", "twocol", "landscape", "rotate90", "sideways"}
    assert pdfs == {p.stem for p in LAYOUTS.glob("*.json")}
