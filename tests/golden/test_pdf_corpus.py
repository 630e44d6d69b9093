"""The PDF reader on the four shared sample reports (Word/WPS-style PDFs with ruled tables).

Expected values were read off the PDFs (pages checked against `pdftotext -f N -l N`). The
PDFs are looked for in data/raw first, then in ../shared/corpus/pdf.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from schemas.text import clean_name, split_enumerator
from pipeline.readers.pdf import read_pdf
from schemas.lexicon import PAGE_NUMBER
from schemas.document import Document, Table

ROOT = Path(__file__).resolve().parents[2]
PLACES = (ROOT / "data" / "raw", ROOT.parent / "shared" / "corpus" / "pdf")
GOLD = ROOT.parent / "shared" / "gold"

R000, R002, R003, R004 = ("000_dc3cdc6d3122cc60", "002_984d0cbd25454a56",
                          "003_efd736502bd4482b", "004_d35ef47aa3634ae2")


def pdf_path(stem: str) -> Path | None:
    return next((p / f"{stem}.pdf" for p in PLACES if (p / f"{stem}.pdf").exists()), None)


@lru_cache(maxsize=None)
def doc(stem: str) -> Document:
    path = pdf_path(stem)
    if path is None:
        pytest.skip(f"{stem}.pdf is in neither data/raw nor ../shared/corpus/pdf")
    return read_pdf(path.read_bytes(), path.name, stem[4:])


def tables(stem: str) -> list[Table]:
    return list(doc(stem).tables())


@pytest.mark.parametrize("stem, pages, n_tables", [(R000, 19, 2), (R002, 25, 6), (R003, 18, 1), (R004, 9, 3)])
def test_pages_and_tables(stem: str, pages: int, n_tables: int) -> None:
    d = doc(stem)
    assert d.source_format == "pdf" and d.page_count == pages and d.warnings == ()
    assert [p.number for p in d.pages] == list(range(1, pages + 1))
    assert len(tables(stem)) == n_tables


@pytest.mark.parametrize("stem, heading, page", [
    (R000, "二、评价结论与绩效分析", 5), (R000, "五、相关建议", 19), (R002, "二、综合评价分析", 14),
    (R003, "二、综合评价分析", 10), (R004, "二、绩效评价概述", 3), (R004, "(二)项目绩效分析", 6)])
def test_known_heading_pages(stem: str, heading: str, page: int) -> None:
    assert [p.page for p in doc(stem).paragraphs() if p.text == heading] == [page]


@pytest.mark.parametrize("stem", [R000, R002, R003, R004])
def test_no_page_furniture_in_paragraphs(stem: str) -> None:
    assert not [p.text for p in doc(stem).paragraphs() if PAGE_NUMBER.match(p.text)]


@pytest.mark.parametrize("stem", [R000, R002, R003, R004])
def test_every_gold_heading_starts_a_paragraph(stem: str) -> None:
    path = GOLD / f"{stem}.json"
    if not path.exists():
        pytest.skip("needs ../shared/gold")
    starts = {(split_enumerator(p.text)[0], clean_name(p.text)) for p in doc(stem).paragraphs()}
    for section in json.loads(path.read_text(encoding="utf-8"))["sections"]:
        assert any(num and num[1] == section["number"] and name.startswith(section["heading"])
                   for num, name in starts), section


def test_a_paragraph_cut_by_a_page_break_is_one_paragraph_on_its_first_page() -> None:
    (para,) = [p for p in doc(R000).paragraphs() if p.text.startswith("中国创新创业成果交易会是中国科协")]
    assert para.page == 1 and {line.page for line in para.lines} == {1, 2}
    assert "（以下简称“市政府”）共同主办" in para.text


def test_captions_and_units_are_attached() -> None:
    assert [t.caption for t in tables(R000)] == ["表1 2023中国创新创业成果交易会项目绩效指标表", "表2综合评定结果"]
    assert [t.caption for t in tables(R002)] == [
        "表1 2023年重点工作任务绩效目标表", "表2 2023年部门整体绩效目标表",
        "表3 2023年我会预算调整及执行情况一览表", "表4 2023年我会部门预算支出每月执行进度情况一览表",
        "表5 2023年我会部门整体绩效自评指标得分表", "表7管理效率自评得分表"]
    assert [t.notes for t in tables(R002)][2:4] == [("单位：万元",), ("单位：万元",)]
    assert not [p for p in doc(R002).paragraphs() if p.text.startswith("表") or p.text == "单位：万元"]


def test_a_table_split_over_five_pages_with_repeated_headers_is_one_table() -> None:
    table = tables(R002)[0]
    assert sorted(set(table.row_pages)) == [3, 4, 5, 6, 7] and table.page == 3
    assert len(table.rows) == 21 and table.header_rows == 1
    assert table.rows.count(table.rows[0]) == 1  # the repeated headers are dropped
    # a row cut by a page break (name and target both wrapped onto page 5) is one row
    names = [row[1] for row in table.rows]
    assert names.count("2.国际港澳台民间科技交流项目") == 1
    assert "流项目" not in names


def test_a_table_split_without_repeated_header_is_one_table() -> None:
    table = tables(R004)[0]
    assert sorted(set(table.row_pages)) == [4, 5] and len(table.rows) == 12 and table.header_rows == 2
    assert len({row[2] for row in table.body}) == len(table.body)  # every indicator once


def test_a_merged_level1_cell_fills_each_row_it_spans() -> None:
    indicators = tables(R000)[0]
    assert [row[1] for row in indicators.rows[1:5]] == ["效率性"] * 4
    scores = tables(R002)[4]  # 管理效率 starts on page 14 and spans all rows of page 15
    level1 = [row[0] for row, page in zip(scores.rows, scores.row_pages) if page == 15 and row[1] != "合计"]
    assert level1 == ["管理效率"] * 22


def test_a_merged_cell_cut_by_a_page_break_fills_the_next_page() -> None:
    table = tables(R004)[1]
    assert [row[:2] for row in table.rows if row[0] == "产出"] == [("产出", "数量指标"), ("产出", "质量指标")]
    assert [table.row_pages[i] for i, row in enumerate(table.rows) if row[0] == "产出"] == [5, 6]


def test_score_table_grid() -> None:
    summary = tables(R000)[1]
    assert summary.rows[0] == ("序号", "评价内容", "分值", "得分", "得分率")
    assert summary.rows[-1] == ("合计", "合计", "100", "91.48", "91.48%")  # merged across two columns
