"""The format sniffer and the format registry: content decides, the name is only checked."""
from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest

from pipeline.extract import extract_data
from pipeline.readers import sniff as sniff_module
from pipeline.readers.formats import FOLDER_SUFFIXES, FORMATS, format_named, reader_of, unsupported
from pipeline.readers.sniff import is_binary, is_html, sniff, sniff_file
from tests.bad_inputs import REPORT, chinese_pdf


def zipped(*members: tuple[str, bytes], stored_first: bool = False) -> bytes:
    """A zip with ``members``; ``stored_first``: the first one stored uncompressed (as
    OpenDocument and EPUB store their `mimetype`)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n, (name, data) in enumerate(members):
            z.writestr(name, data, compress_type=zipfile.ZIP_STORED if stored_first and n == 0 else None)
    return buf.getvalue()


def ole(stream: str) -> bytes:
    """The start of an Office 97-2003 compound file whose directory names ``stream``."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + stream.encode("utf-16-le") + bytes(64)


HTML = '<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8"><title>绩效</title></head><body>报告</body></html>'
CASES = {
    "pdf": chinese_pdf(),
    "docx": zipped(("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>")),
    "xlsx": zipped(("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<workbook/>")),
    "pptx": zipped(("[Content_Types].xml", b"<Types/>"), ("ppt/presentation.xml", b"<p/>")),
    "ofd": zipped(("OFD.xml", b"<ofd:OFD/>"), ("Doc_0/Document.xml", b"<d/>")),
    "odt": zipped(("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<c/>"),
                  stored_first=True),
    "ods": zipped(("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", b"<c/>"),
                  stored_first=True),
    "epub": zipped(("mimetype", b"application/epub+zip"), ("OEBPS/content.opf", b"<p/>"), stored_first=True),
    "zip": zipped(("notes/a.txt", b"hello")),
    "doc": ole("WordDocument"),
    "xls": ole("Workbook"),
    "ppt": ole("PowerPoint Document"),
    "rtf": b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl} report}",
    "html": HTML.encode("utf-8"),
    "image": b"\x89PNG\r\n\x1a\n" + bytes(100),
    "binary": random.Random(1).randbytes(4096),
    "text": REPORT.encode("utf-8"),
}


@pytest.mark.parametrize("fmt", list(CASES))
def test_content_decides_the_format(fmt, tmp_path):
    data = CASES[fmt]
    assert sniff(data, Path("unnamed"))[0] == fmt
    (tmp_path / "f").write_bytes(data)
    assert sniff_file(tmp_path / "f") == fmt  # the same answer from the file, read in part
    assert fmt in FORMATS


@pytest.mark.parametrize("head", [
    b"\xef\xbb\xbf<!doctype html><html>", b"  \n<html><body>x</body></html>",
    b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', b"<!-- saved -->\n<html>",
    "<html><body>报告</body></html>".encode("utf-16")])
def test_web_pages_are_html(head):
    assert is_html(head)


@pytest.mark.parametrize("head", [REPORT.encode("utf-8"), b"<1> is not markup\n", "评分 <html> 在正文中".encode("utf-8")])
def test_text_is_not_html(head):
    assert not is_html(head)


@pytest.mark.parametrize("data", [REPORT.encode("utf-16-le"), REPORT.encode("utf-16"), REPORT.encode("gb18030"),
                                  b"line\twith\ttabs\r\n\x0cnext page\n", b""])
def test_text_in_any_encoding_is_not_binary(data):
    assert not is_binary(data[:8192])


def test_images_and_compressed_bytes_are_binary_or_image():
    import zlib

    assert sniff(zlib.compress(random.Random(2).randbytes(50_000)), Path("x.txt"))[0] == "binary"
    for magic in (b"\xff\xd8\xff\xe0", b"GIF89a", b"II*\x00", b"RIFF\x00\x00\x00\x00WEBPVP8 "):
        assert sniff(magic + bytes(64), Path("scan"))[0] == "image"


def test_a_name_that_disagrees_with_the_content_is_warned():
    assert sniff(CASES["xlsx"], Path("budget.xlsx")) == ("xlsx", [])
    (warning,) = sniff(CASES["xlsx"], Path("report.docx"))[1]
    assert (warning.code, warning.message) == ("mislabelled_file", "mislabelled file: named .docx but its content is xlsx")
    assert sniff(REPORT.encode(), Path("notes.md")) == ("text", [])  # a name no format claims


def test_the_registry_is_consistent():
    for fmt in FORMATS.values():
        for suffix in fmt.suffixes:
            assert suffix == suffix.lower() and suffix.startswith(".") and format_named(suffix.upper()) == fmt.name
    assert {".pdf", ".txt", ".docx", ".doc", ".xlsx", ".html", ".png"} <= FOLDER_SUFFIXES
    assert reader_of("pdf") is not None and reader_of("text") is not None
    assert all(reader_of(name) is not None for name in ("docx", "doc", "xlsx", "xls", "rtf", "html"))
    assert reader_of("pptx") is None
    refusal = unsupported("pptx")
    assert (refusal.code, refusal.reason) == (
        "unsupported_format", "unsupported format: PowerPoint presentation (pptx) is not read yet; convert it to PDF or text")
    assert unsupported("binary").code == "binary_content"
    # every constant in the sniffer's tables names a registered format
    tables = (sniff_module.ZIP_MIMETYPES.values(), [f for _, f in sniff_module.ZIP_MEMBERS],
              [f for _, f in sniff_module.OLE_STREAMS])
    assert all(fmt in FORMATS for table in tables for fmt in table)


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "doc", "xls", "rtf", "html"])
def test_a_file_of_a_read_format_goes_to_its_reader(fmt):
    """The stand-ins above reach their reader (which reads them, or refuses them saying why)."""
    extraction = extract_data(CASES[fmt], f"in.{fmt}", Path(f"in.{fmt}"))
    assert extraction.report["source_format"] == fmt and "unsupported_format" not in extraction.codes


@pytest.mark.parametrize("fmt", ["odt", "epub", "image", "zip"])
def test_a_format_without_a_reader_is_a_failed_row_naming_it(fmt):
    extraction = extract_data(CASES[fmt], f"in.{fmt}", Path(f"in.{fmt}"))
    report = extraction.report
    assert report["status"] == "failed" and report["source_format"] == fmt
    assert report["warnings"][0].startswith("unsupported format: ") and f"({fmt})" in report["warnings"][0]
    (row,) = extraction.rows["warnings"]
    assert (row["code"], row["stage"], row["message"]) == ("unsupported_format", "read", report["warnings"][0])


def test_binary_content_is_refused_as_binary():
    extraction = extract_data(CASES["binary"], "random.pdf", Path("random.pdf"))
    report = extraction.report
    assert extraction.codes == ["binary_content", "mislabelled_file"]
    assert (report["status"], report["source_format"]) == ("failed", "binary")
    assert report["warnings"] == ["binary content: not a PDF, a text file or any document format jixiao recognises",
                                  "mislabelled file: named .pdf but its content is binary"]


def test_a_reader_plugs_into_the_registry(monkeypatch):
    """A format gains a reader by naming it; nothing else changes."""
    from dataclasses import replace

    from pipeline.readers import formats

    monkeypatch.setitem(formats.FORMATS, "rtf", replace(formats.FORMATS["rtf"], reader="pipeline.readers.text:read_text"))
    reader_of.cache_clear()
    try:
        report = extract_data(REPORT.encode("utf-8"), "r.rtf", Path("r.rtf")).report
        assert report["status"] == "ok" and report["total_score"] == 95.0
        rtf = extract_data(CASES["rtf"], "r.rtf", Path("r.rtf")).report
        assert rtf["source_format"] == "text"  # the reader it was given says what it read
    finally:
        reader_of.cache_clear()
