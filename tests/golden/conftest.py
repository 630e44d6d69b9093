"""Golden tests run the whole pipeline once per session on the sample reports: the PDFs in
data/raw and their text exports in tests/fixtures/text, in one run."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.batch import run

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
TEXT = ROOT / "tests" / "fixtures" / "text"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def extracted(tmp_path_factory) -> Path:
    """The text-layer PDFs of data/raw and their text exports (data/raw/scanned is read by OCR,
    slowly: tests/golden/test_scanned.py has it)."""
    out = tmp_path_factory.mktemp("golden")
    run(sorted(p for p in RAW.iterdir() if p.is_file()) + [TEXT], out)
    return out


@pytest.fixture(scope="session")
def datasets(extracted) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(extracted / f"{name}.parquet")
            for name in ("reports", "sections", "scores", "indicators", "tables", "findings",
                         "projects", "departments")}


def report_rows(datasets: dict[str, pd.DataFrame], name: str, stem: str, fmt: str) -> pd.DataFrame:
    """Rows of one dataset for the sample report ``stem`` in format ``fmt``."""
    reports = datasets["reports"]
    match = reports[(reports.source_file.str.startswith(stem)) & (reports.source_format == fmt)]
    assert len(match) == 1, f"{stem} [{fmt}] not extracted"
    if name == "reports":
        return match
    df = datasets[name]
    return df[df.report_id == match.report_id.iloc[0]]
