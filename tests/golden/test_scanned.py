"""OCR for real on scanned pages (no mocked recognition), kept to two pages so the suite stays
quick on two cores: a page of the shared scanned report 004 (data/raw/scanned), and a scanned
twin of the 自评表 form made here from its text-layer PDF, whose rows must come out like the
twin's. No network is touched while the models load and run."""
from __future__ import annotations

import io
import socket
from pathlib import Path

import pandas as pd
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageFilter

from pipeline.extract import extract_data
from pipeline.readers import ocr
from pipeline.readers.pdf import read_pdf
from schemas.document import Document, Table

ROOT = Path(__file__).resolve().parents[2]
SCANNED_004 = ROOT / "data" / "raw" / "scanned" / "004_d35ef47aa3634ae2.pdf"
FORM = ROOT / "data" / "raw" / "yongde-minglang-2022-project-selfeval.pdf"


@pytest.fixture
def no_network(monkeypatch):
    """Every attempt to reach the network is recorded and refused."""
    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access attempted during OCR")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    ocr.engine.cache_clear()  # the models are loaded again, under the guard
    yield attempts
    ocr.engine.cache_clear()


def one_page(path: Path, index: int) -> bytes:
    """Page ``index`` (0-based) of a PDF as a PDF of its own."""
    source = pdfium.PdfDocument(path)
    single = pdfium.PdfDocument.new()
    single.import_pages(source, [index])
    buf = io.BytesIO()
    single.save(buf)
    return buf.getvalue()


def scanned_twin(path: Path, angle: float = -0.6) -> bytes:
    """A text-layer PDF as a crooked grey scan: rendered at 200 dpi, turned, blurred, saved
    as an image-only PDF."""
    page = pdfium.PdfDocument(path)[0]
    image = page.render(scale=200 / 72, grayscale=True).to_pil().convert("L")
    image = image.point(lambda v: 28 + v * 214 // 255)
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=242).filter(ImageFilter.GaussianBlur(0.6))
    buf = io.BytesIO()
    image.save(buf, "PDF", resolution=200.0)
    return buf.getvalue()


def rows_of(doc: Document, caption_start: str) -> tuple[tuple[str, ...], ...]:
    table = next(t for t in doc.tables() if (t.caption or "").startswith(caption_start))
    return table.rows


def test_a_scanned_page_reads_like_its_text_layer(no_network) -> None:
    if not SCANNED_004.exists():
        pytest.skip("data/raw/scanned/004_d35ef47aa3634ae2.pdf is missing")
    doc = read_pdf(one_page(SCANNED_004, 5), "p6.pdf", "p6")
    assert no_network == []
    assert doc.source_format == "scanned_pdf" and [p.method for p in doc.pages] == ["ocr"]
    assert [(w.code, w.message) for w in doc.warnings] == [("read_by_ocr", "read by OCR: 1 of 1 pages (1)")]
    # the indicator table: caption attached, grid from the rules on the image
    rows = rows_of(doc, "表1")
    assert rows[0] == ("序号", "指标名称", "预期值(单位)", "实际值(单位)", "完成情况")
    assert rows[3] == ("3", "企业创新积分评价企业数量", "≥6000家", "6036家", "已完成")
    assert [r[0] for r in rows[1:]] == ["1", "2", "3", "4", "5", "6", "7"]
    # the end of the score table continued from the page before
    first = next(doc.tables())
    assert first.rows[-1] == ("满意度", "服务对象满意度", "10", "10", "100%")
    paragraphs = [p.text for p in doc.paragraphs()]
    assert "(二)项目绩效分析" in paragraphs  # headings as lines of their own
    assert any(p.startswith("根据单位绩效目标申报表，2022年广州高新区企业创新积分制工作经费项目年初设置了10个绩效指标")
               for p in paragraphs)  # wrapped lines joined into one paragraph
    assert not any(p.startswith("-6") or p.startswith("- 6") for p in paragraphs)  # page number dropped


def test_a_scanned_form_gives_the_rows_of_its_text_layer_twin(no_network) -> None:
    text = extract_data(FORM.read_bytes(), "form.pdf", Path("form.pdf"))
    scan = extract_data(scanned_twin(FORM), "form-scan.pdf", Path("form-scan.pdf"))
    assert no_network == []
    assert scan.report["source_format"] == "scanned_pdf" and scan.status == "ok"
    fields = ["title", "report_kind", "fiscal_year", "department", "project_name", "total_score", "grade",
              "budget_final_wan", "expenditure_wan", "execution_rate"]
    assert {f: scan.report[f] for f in fields} == {f: text.report[f] for f in fields}
    columns = ["level1", "level2", "name", "is_subtotal", "max_score", "score", "score_rate"]
    assert pd.DataFrame(scan.rows["scores"])[columns].equals(pd.DataFrame(text.rows["scores"])[columns])
    assert {r["ocr"] for r in scan.rows["scores"]} == {True}
    assert {r["ocr"] for r in text.rows["scores"]} == {False}
    # indicators: the same names and values (a `═` printed as one stroke reads as `一`)
    got = [(r["name"], r["target_value"], r["actual_value"]) for r in scan.rows["indicators"]]
    want = [(r["name"], r["target_value"], r["actual_value"]) for r in text.rows["indicators"]]
    assert got == want
