"""The pdfium engine, one behaviour per test, on tiny PDFs made here; where both engines
should agree, both are read and compared.

Raw PDFs are written object by object (tests.bad_inputs.pdf_objects) when the case needs a
content stream reportlab does not write: a scaled text matrix, a rotated page, a glyph that
maps to two characters, a broken cross-reference table.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import pytest
from reportlab.pdfgen.canvas import Canvas

from pipeline.extract import extract_data
from pipeline.readers.pdf_engines import ENGINE_VARIABLE, pdf_engine
from pipeline.readers.errors import UnreadableDocument
from pipeline.readers.pdf import read_pdf
from pipeline.readers.pdf_geometry import page_frame, then
from pipeline.readers.pdf_glyphs import Glyph, glyphs_to_line, without_glyphs
from pipeline.readers.pdf_settings import PdfSettings
from schemas.document import Document
from tests.bad_inputs import nested_pdf, pdf_objects, text_page_pdf
from tests.unit.test_pdf_reader import FONT, LEFT, LONG, SCORES, TOP, Sheet, split_table_pdf
from tests.unit.test_pdf_pipeline import three_line_report

ENGINES = ("pdfium", "pdfplumber")


def read(data: bytes, engine: str = "pdfium") -> Document:
    return read_pdf(data, "test.pdf", "0" * 16, engine=engine)


def texts(doc: Document) -> list[str]:
    return [p.text for p in doc.paragraphs()]


def one_page(content: bytes, page_extra: bytes = b"", font: bytes = b"/BaseFont /Helvetica",
             extra_objects: tuple[bytes, ...] = ()) -> bytes:
    """A one-page A4 PDF drawing ``content`` with font /F1 (a Type1 font: ``font`` entries)."""
    return pdf_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 5 0 R %s>>" % page_extra,
        b"<< /Type /Font /Subtype /Type1 %s >>" % font,
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        *extra_objects,
    ])


# --------------------------------------------------------------------------- both engines agree

def sheet_with_table() -> bytes:
    sheet = Sheet()
    sheet.paragraph(LONG)
    sheet.grid_table(SCORES, [60, 120, 60, 60])
    sheet.paragraph("以上为得分情况。")
    return sheet.pdf()


@pytest.mark.parametrize("make", [sheet_with_table, three_line_report, lambda: split_table_pdf(True, tail=True)],
                         ids=["ruled", "three-line", "split"])
def test_both_engines_read_typeset_reports_alike(make: Callable[[], bytes]) -> None:
    data = make()
    pdfium, plumber = read(data, "pdfium"), read(data, "pdfplumber")
    assert texts(pdfium) == texts(plumber) and texts(pdfium)
    assert [t.rows for t in pdfium.tables()] == [t.rows for t in plumber.tables()]
    assert [(ln.font_size, ln.bold) for p in pdfium.paragraphs() for ln in p.lines] == [
        (ln.font_size, ln.bold) for p in plumber.paragraphs() for ln in p.lines]
    boxes = [(a.bbox, b.bbox) for p, q in zip(pdfium.paragraphs(), plumber.paragraphs())
             for a, b in zip(p.lines, q.lines)]
    assert all(a == pytest.approx(b, abs=0.01) for a, b in boxes)


@pytest.mark.parametrize("engine", ENGINES)
def test_the_font_size_is_the_size_on_the_page(engine: str) -> None:
    """`1 Tf` scaled by a 12-point text matrix, and `6 Tf` in a space scaled twice: both 12 pt."""
    doc = read(one_page(b"BT /F1 1 Tf 12 0 0 12 72 700 Tm (Scaled by the matrix) Tj ET "
                        b"q 2 0 0 2 0 0 cm BT /F1 6 Tf 36 300 Td (Scaled by the space) Tj ET Q"), engine)
    assert [(p.text, p.font_size) for p in doc.paragraphs()] == [
        ("Scaled by the matrix", 12.0), ("Scaled by the space", 12.0)]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_rotated_page_reads_as_displayed(engine: str) -> None:
    """/Rotate 90 with text drawn turned the other way: upright on screen, and so in the model."""
    doc = read(one_page(b"BT /F1 12 Tf 0 1 -1 0 300 100 Tm (Landscape table page) Tj ET", b"/Rotate 90 "),
               engine)
    (page,) = doc.pages
    (para,) = doc.paragraphs()
    assert (page.width, page.height) == (842, 595)
    assert para.text == "Landscape table page"
    assert para.bbox is not None and para.bbox[0] == pytest.approx(100, abs=0.01)


def test_page_frames_follow_pdfminer() -> None:
    """The user-space corner at the top left of the page as displayed goes to (0, 0)."""
    for turns, corner in ((0, (0, 842)), (1, (0, 0)), (2, (595, 0)), (3, (595, 842))):
        frame = page_frame((0, 0, 595, 842), turns)
        to_page = frame.to_page
        assert then(to_page, (1, 0, 0, 1, 0, 0)) == to_page
        x, y = corner
        assert (to_page[0] * x + to_page[2] * y + to_page[4], to_page[1] * x + to_page[3] * y + to_page[5]) == (0, 0)


# --------------------------------------------------------------------------- pdfium's own cases

def test_a_glyph_for_two_characters_stays_one_glyph() -> None:
    """`——` drawn as one long dash glyph whose ToUnicode gives two characters (seen in
    LibreOffice output): pdfium reports each character with the glyph's box, which must not
    read as a glyph drawn twice."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Dash def "
            b"1 begincodespacerange <00> <FF> endcodespacerange "
            b"1 beginbfchar <5F> <20142014> endbfchar endcmap CMapName currentdict /CMap defineresource pop end end")
    data = one_page(b"BT /F1 12 Tf 72 700 Td (A_B) Tj ET", font=b"/BaseFont /Helvetica /ToUnicode 6 0 R",
                    extra_objects=(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap),))
    assert texts(read(data)) == ["A——B"]


def test_text_in_white_is_hidden() -> None:
    sheet = Sheet()
    sheet.paragraph("评价结论", indent=0)
    sheet.c.setFillColorRGB(1, 1, 1)
    sheet.text(LEFT, TOP + 60, "隐藏的关键词")
    assert texts(read(sheet.pdf())) == ["评价结论"]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_slanted_watermark_is_not_running_text(engine: str) -> None:
    """Text turned 30° (a watermark across the page) is left out."""
    sheet = Sheet()
    sheet.paragraph(LONG)
    sheet.c.saveState()
    sheet.c.translate(200, 300)
    sheet.c.rotate(30)
    sheet.c.setFont(FONT, 40)
    sheet.c.drawString(0, 0, "内部资料")
    sheet.c.restoreState()
    assert texts(read(sheet.pdf(), engine)) == [LONG]


def test_text_drawn_twice_is_read_once_and_bold() -> None:
    """pdfium keeps one copy of a text object drawn again a hair to the right; the copy
    still tells the text was meant bold."""
    sheet = Sheet()
    sheet.text(LEFT, TOP, "二、评价结论")
    sheet.text(LEFT + 0.3, TOP, "二、评价结论")
    sheet.text(LEFT, TOP + 40, "三、存在问题")
    first, second = read(sheet.pdf()).paragraphs()
    assert (first.text, first.bold) == ("二、评价结论", True)
    assert (second.text, second.bold) == ("三、存在问题", False)


def test_glyphs_without_unicode_are_counted_and_warned() -> None:
    """A glyph name no encoding knows (`/g1234`) has no Unicode: dropped, and said so."""
    data = one_page(b"BT /F1 12 Tf 72 700 Td (Budget AAA) Tj ET",
                    font=b"/BaseFont /Helvetica /Encoding << /Differences [65 /g1234] >>")
    doc = read(data)
    assert texts(doc) == ["Budget"]
    assert [(w.code, w.message) for w in doc.warnings] == [
        ("unmapped_characters", "page 1: 3 characters have no Unicode mapping in their font and were dropped")]


# --------------------------------------------------------------------------- files pdfminer cannot read

# pdfplumber's tests/pdfs/issue-297-example.pdf (jsvine/pdfplumber at eb73b06), 472 bytes of
# ASCII: its cross-reference offsets point two bytes off. pdfminer finds no page in it,
# pdfium rebuilds the table and finds its one (empty) page.
ISSUE_297 = (b"%PDF-1.3\n1 0 obj\n<<\n/Type /Pages\n/Count 1\n/Kids [ 3 0 R ]\n>>\nendobj\n2 0 obj\n<<\n"
             b"/Producer (PyPDF2)\n/Title (IntMetadata)\n%%Postscript (OFF)\n/Copies 0\n>>\nendobj\n"
             b"3 0 obj\n<<\n/Type /Page\n/Parent 1 0 R\n/Resources <<\n>>\n/MediaBox [ 0 0 612 792 ]\n>>\n"
             b"endobj\n4 0 obj\n<<\n/Type /Catalog\n/Pages 1 0 R\n>>\nendobj\nxref\n0 5\n"
             b"0000000000 65535 f \n0000000009 00000 n \n0000000068 00000 n \n0000000160 00000 n \n"
             b"0000000250 00000 n \ntrailer\n<<\n/Size 5\n/Root 4 0 R\n/Info 2 0 R\n>>\nstartxref\n299\n%%EOF\n")


# An object's entry in a cross-reference table: `0000000009 00000 n`
XREF_ENTRY = re.compile(rb"(\d{10})( 00000 n)")
# Where the cross-reference table starts: `startxref\n299`
STARTXREF = re.compile(rb"startxref\n(\d+)")


def test_xref_patterns() -> None:
    assert XREF_ENTRY.fullmatch(b"0000000009 00000 n") and STARTXREF.fullmatch(b"startxref\n299")


def test_issue_297_example_is_read() -> None:
    doc = read(ISSUE_297)
    assert (doc.page_count, [p.number for p in doc.pages]) == (1, [1])
    with pytest.raises(UnreadableDocument, match="PDF has no pages"):
        read(ISSUE_297, "pdfplumber")


def test_the_text_of_a_pdf_with_offsets_off_like_issue_297_is_read() -> None:
    """The same defect in a page with text: every offset in the cross-reference table and
    after startxref two or three bytes off."""
    data = XREF_ENTRY.sub(lambda m: b"%010d" % (int(m.group(1)) + 2) + m.group(2), text_page_pdf())
    data = STARTXREF.sub(lambda m: b"startxref\n%d" % (int(m.group(1)) + 3), data)
    assert texts(read(data)) == ["Performance report 2023"]
    with pytest.raises(UnreadableDocument, match="PDF has no pages"):
        read(data, "pdfplumber")


def test_a_file_pdfium_refuses_gets_pdfminers_reason() -> None:
    """pdfium refuses a page tree without pages (as a password error); pdfminer, asked in
    turn, says what is wrong."""
    empty = pdf_objects([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])
    with pytest.raises(UnreadableDocument, match="^PDF has no pages$"):
        read(empty)


def test_a_page_nested_too_deep_in_the_page_tree_is_reported() -> None:
    """pdfium reads no page of a tree 1 100 levels deep; pdfminer, asked in turn, says why."""
    result = extract_data(nested_pdf(1100), "deep.pdf", Path("deep.pdf"))
    assert result.status == "failed" and result.codes == ["nested_too_deep"]


# --------------------------------------------------------------------------- switch and memory

def test_the_engine_is_a_hidden_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENGINE_VARIABLE, raising=False)
    assert pdf_engine() == "pdfium"
    monkeypatch.setenv(ENGINE_VARIABLE, "pdfplumber")
    assert pdf_engine() == "pdfplumber"


def test_an_unknown_engine_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match="unknown PDF engine 'mupdf': choose one of pdfium, pdfplumber"):
        read(text_page_pdf(), "mupdf")


def test_a_line_without_its_glyphs_keeps_what_later_steps_need() -> None:
    glyphs = [Glyph(ch, 72 + 6 * i, 78 + 6 * i, 100, 112, 12, False) for i, ch in enumerate("58.6")]
    glyphs += [Glyph("万", 96, 108, 100, 112, 12, False)]
    line = glyphs_to_line(glyphs, PdfSettings())
    light = without_glyphs(line)
    assert light.glyphs == () and (light.text, light.count) == ("58.6万", 5)
    assert light.lead == 24  # `58.6` cannot be split from itself, 万 can


def test_documents_read_in_threads_at_once_read_as_one_by_one() -> None:
    """A Dask worker reads documents in threads; pdfium is not thread-safe, so the reader
    takes turns with it."""
    from concurrent.futures import ThreadPoolExecutor

    pdfs = [sheet_with_table(), three_line_report(), split_table_pdf(True)] * 4
    one_by_one = [texts(read(data)) for data in pdfs]
    with ThreadPoolExecutor(max_workers=6) as pool:
        assert list(pool.map(lambda data: texts(read(data)), pdfs)) == one_by_one
