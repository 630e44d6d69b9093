"""Both PDF engines on the shared sample PDFs and the layout fixtures (ruled, three-line and
borderless tables, landscape, rotated and sideways pages, two columns): pdfium (the default)
must read every one exactly as pdfplumber did — the same paragraphs, the same table grids,
the same line sizes and weights, the same warnings — so switching engines changes nothing
but the speed.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from pipeline.readers.pdf import read_pdf
from schemas.document import Document

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "corpus"
SAMPLES = ([ROOT / "data" / "raw" / f"{stem}.pdf" for stem in (
    "000_dc3cdc6d3122cc60", "002_984d0cbd25454a56", "003_efd736502bd4482b", "004_d35ef47aa3634ae2",
    "yongde-minglang-2022-project-selfeval")]
           + [SHARED / "scanned" / f"{stem}.pdf" for stem in ("000_dc3cdc6d3122cc60", "004_d35ef47aa3634ae2")]
           + sorted((ROOT / "tests" / "fixtures" / "layouts").glob("*.pdf")))


@lru_cache(maxsize=None)
def read(path: Path, engine: str) -> Document:
    if not path.exists():
        pytest.skip(f"{path} is not there")
    return read_pdf(path.read_bytes(), path.name, "0" * 16, engine=engine)


def paragraphs(doc: Document) -> list[tuple[int, str]]:
    return [(p.page, p.text) for p in doc.paragraphs()]


def grids(doc: Document) -> list[tuple]:
    return [(t.page, t.row_pages, t.rows, t.header_rows, t.caption, t.notes) for t in doc.tables()]


def line_faces(doc: Document) -> list[tuple[int, float | None, bool | None]]:
    return [(line.page, line.font_size, line.bold) for p in doc.paragraphs() for line in p.lines]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem[:12]}")
def test_both_engines_read_the_same_document(path: Path) -> None:
    plumber, pdfium = read(path, "pdfplumber"), read(path, "pdfium")
    assert (pdfium.source_format, pdfium.page_count, pdfium.warnings) == (
        plumber.source_format, plumber.page_count, plumber.warnings)
    assert paragraphs(pdfium) == paragraphs(plumber)
    assert grids(pdfium) == grids(plumber)
    assert line_faces(pdfium) == line_faces(plumber)


@pytest.mark.parametrize("path", SAMPLES[:4], ids=lambda p: p.stem[:12])
def test_lines_sit_where_pdfminer_puts_them(path: Path) -> None:
    """The samples' embedded fonts (LibreOffice's) have no descent in their descriptors: each
    line's box, Chinese and digits alike, is where pdfminer puts it. pdfium's own descent from
    the font files once set a line's digits 2 pt below its Chinese, and merged the rows of
    re-typeset tables without rules."""
    boxes = [[line.bbox for p in read(path, engine).paragraphs() for line in p.lines]
             for engine in ("pdfplumber", "pdfium")]
    assert len(boxes[0]) == len(boxes[1]) > 50
    assert all(a == pytest.approx(b, abs=0.05) for a, b in zip(*boxes))


@pytest.mark.parametrize("path", SAMPLES[:4], ids=lambda p: p.stem[:12])
def test_the_samples_have_text_and_tables(path: Path) -> None:
    """The comparison above compares something: every text sample has prose and tables."""
    doc = read(path, "pdfium")
    assert len(paragraphs(doc)) > 50 and grids(doc)
