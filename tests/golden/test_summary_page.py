"""`jixiao summary` on the sample reports, rendered in a real headless Chromium (Debian's
`chromium` package): no console error, the charts and the sortable reports table on the
rendered page, and a screenshot (kept in the test's folder; JIXIAO_SCREENSHOT=FILE copies it)."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# As on a machine whose network reaches only package registries: no background connections.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def page_file(extracted: Path, tmp_path_factory) -> Path:
    html = tmp_path_factory.mktemp("summary") / "report.html"
    assert main(["summary", "--out", str(extracted), "--html", str(html)]) == 0
    return html


def test_the_page_is_self_contained(page_file: Path):
    text = page_file.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", text)  # nothing fetched
    assert "@import" not in text and text.count("<svg") == 4
    assert "广州市科学技术协会" in text and "Top problem keywords" in text


def test_the_page_renders_in_chromium(page_file: Path, datasets: dict[str, pd.DataFrame]):
    if CHROMIUM is None:
        pytest.skip("needs Debian's chromium package (apt-get install -y chromium); .ci/run installs it")
    from playwright.sync_api import sync_playwright

    reports = datasets["reports"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            problems: list[str] = []
            requests: list[str] = []
            page.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_file.as_uri())
            page.wait_for_load_state("load")

            assert page.title().startswith("jixiao summary")
            rows = page.locator("#reports tbody tr")
            assert rows.count() == len(reports)
            assert page.locator("svg.grades g.bar").count() == reports.grade.fillna("—").nunique()
            keyword_bars = page.locator("svg.keywords g.bar")
            assert keyword_bars.count() > 5
            assert keyword_bars.first.get_attribute("data-label") == "绩效指标"  # 3 items in 002, 2 in 003
            assert page.locator("svg.execution g.bar").count() >= 4
            assert page.locator("svg.weakest g.bar").first.get_attribute("data-label") == "合同备案时效性"
            assert page.locator("#warnings tbody tr").count() == sum(len(w) for w in reports.warnings)

            score_header = page.locator("#reports th", has_text="score")
            score_column = list(page.locator("#reports th").all_inner_texts()).index("score")

            def scores() -> list[float]:
                cells = page.locator(f"#reports tbody tr td:nth-child({score_column + 1})").all_inner_texts()
                return [float(c) for c in cells if c.strip()]

            score_header.click()
            assert scores() == sorted(scores()) and score_header.get_attribute("aria-sort") == "ascending"
            score_header.click()
            assert scores() == sorted(scores(), reverse=True) and scores()[0] == reports.total_score.max()

            shot = page_file.with_suffix(".png")
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 20_000
            if os.environ.get("JIXIAO_SCREENSHOT"):
                shutil.copy(shot, os.environ["JIXIAO_SCREENSHOT"])
            assert problems == []
            assert all(url.startswith("file://") for url in requests), requests
        finally:
            browser.close()
