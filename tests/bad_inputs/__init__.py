"""The bad-input corpus, built on demand (no binary blobs in the repository).

``build(folder)`` writes every bad file and returns what each one's reports row must say.
``work`` holds stand-in extractions that hang, crash or exhaust memory on purpose.
"""
from __future__ import annotations

import io
import os
import random
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

# A small report in the shape of the shared samples: its values are checked after reading.
REPORT = ("某项目绩效评价报告\n\n一、评价项目概述\n\n项目年初预算21万元，实际支出21万元，预算支出率为100%。"
          "项目绩效评价得分95分，评定等级为“优”。\n")


def pdf_objects(objects: list[bytes], root: int = 1) -> bytes:
    """A well-formed PDF (correct xref offsets) from the bodies of objects 1..n."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, root, xref))
    return out.getvalue()


def text_page_pdf(width: int = 595, height: int = 842, extra: bytes = b"") -> bytes:
    """One page of Latin text (Helvetica), ``extra`` added to the page dictionary."""
    content = b"BT /F1 24 Tf 72 %d Td (Performance report 2023) Tj ET" % (height - 100)
    return pdf_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 5 0 R %s>>" % (width, height, extra),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ])


def pages_pdf(pages: int) -> bytes:
    """A PDF of ``pages`` pages of Latin text, each its own content stream."""
    content = b"BT /F1 24 Tf 72 700 Td (Performance report 2023) Tj ET"
    kids = b" ".join(b"%d 0 R" % (4 + 2 * n) for n in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for n in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font"
                       b" << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * n))
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    return pdf_objects(objects)


def chinese_pdf(password: str | None = None) -> bytes:
    """The sample report as a real PDF with Chinese text (reportlab), optionally encrypted."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), encrypt=password, invariant=1)
    c.setFont("STSong-Light", 12)
    y = 780
    for line in REPORT.replace("。", "。\n").splitlines():
        c.drawString(60, y, line)
        y -= 24
    c.showPage()
    c.save()
    return buf.getvalue()


def nested_pdf(depth: int = 10_000) -> bytes:
    """A page tree ``depth`` levels deep (each /Pages node holds the next): a recursion bomb
    for parsers that walk the object graph recursively."""
    content = b"BT /F1 24 Tf 72 700 Td (Performance report 2023) Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(depth):
        number = 2 + level
        parent = b"" if level == 0 else b"/Parent %d 0 R " % (number - 1)
        objects.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1 %s>>" % (number + 1, parent))
    page = 2 + depth
    objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font"
                   b" << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (page - 1, page + 1, page + 2))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    return pdf_objects(objects)


def no_pages_pdf() -> bytes:
    return pdf_objects([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])


def scanned_pdf() -> bytes:
    """A page that is only an image (a scan), drawn with reportlab."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), invariant=1)
    c.drawImage(ImageReader(Image.new("L", (200, 280), 255)), 0, 0, 595, 842)
    c.showPage()
    c.save()
    return buf.getvalue()


def zipped(*members: tuple[str, bytes]) -> bytes:
    """A zip container holding ``members`` (the first stored, as OpenDocument's mimetype is)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n, (name, data) in enumerate(members):
            z.writestr(name, data, compress_type=zipfile.ZIP_STORED if n == 0 else None)
    return buf.getvalue()


WEB_PAGE = ('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>某项目绩效评价报告</title>'
            '</head><body><h1>某项目绩效评价报告</h1><p>项目绩效评价得分95分。</p></body></html>\n')
PROSE = "会议纪要\n\n本周例会讨论了办公用品采购和值班安排，请各科室按时提交材料。\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


@dataclass(frozen=True)
class Bad:
    """A bad input: how to build it (bytes, or a special file by ``kind``), the warning code
    its reports row must hold and the status it must have. ``status=None``: no row of its
    own (a copy of an earlier file, listed in that file's warnings). ``may_time_out``: a
    reader too slow for the test's time limit may fail it by the limit instead."""

    make: Callable[[], bytes]
    code: str
    status: str | None
    may_time_out: bool = False
    kind: str = "file"  # file | symlink (broken) | fifo


CORPUS: dict[str, Bad] = {
    # PDFs that cannot be read, or only in part
    "zero-bytes.pdf": Bad(lambda: b"", "empty_file", "failed"),
    "truncated.pdf": Bad(lambda: chinese_pdf()[:1500], "truncated_pdf", "failed"),
    "random-bytes.pdf": Bad(lambda: random.Random(42).randbytes(64 * 1024), "binary_content", "failed"),
    "encrypted.pdf": Bad(lambda: chinese_pdf(password="secret"), "encrypted_pdf", "failed"),
    "no-pages.pdf": Bad(no_pages_pdf, "no_pages", "failed"),
    "nested-objects.pdf": Bad(nested_pdf, "nested_too_deep", "failed"),
    "huge-page.pdf": Bad(lambda: text_page_pdf(50_000, 50_000), "oversized_page", "partial"),  # and no data
    "scanned.pdf": Bad(scanned_pdf, "scanned_document", "partial"),
    "photo.pdf": Bad(lambda: b"\xff\xd8\xff\xe0" + bytes(64), "mislabelled_file", "failed"),  # a JPEG
    # text in other encodings, or not a report
    "gb18030.txt": Bad(lambda: REPORT.encode("gb18030"), "text_encoding", "ok"),
    "utf16-bom.txt": Bad(lambda: REPORT.encode("utf-16"), "text_encoding", "ok"),
    "single-line-20mb.txt": Bad(lambda: ("无换行的文字" * 1_200_000).encode("utf-8"), "lost_line_breaks", "partial",
                                may_time_out=True),
    "binary.txt": Bad(lambda: zlib.compress(random.Random(7).randbytes(200_000)), "binary_content", "failed"),
    "minutes.txt": Bad(lambda: PROSE.encode("utf-8"), "no_data", "partial"),
    "pdf-named.txt": Bad(lambda: chinese_pdf() + b"\n% named .txt\n", "mislabelled_file", "ok"),
    "text-named.pdf": Bad(lambda: (REPORT + "（文本）").encode("utf-8"), "mislabelled_file", "ok"),
    # web pages and office files: read, with what the reader noticed
    "page.html": Bad(lambda: WEB_PAGE.encode("gb18030"), "charset_mismatch", "ok"),  # declares utf-8
    "page-saved-as.txt": Bad(lambda: WEB_PAGE.replace("95", "96").encode("utf-8"), "mislabelled_file", "ok"),
    "budget.xlsx": Bad(lambda: zipped(("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<workbook/>")),
                       "damaged_package", "failed"),
    # formats jixiao recognises but does not read yet
    "report.odt": Bad(lambda: zipped(("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<c/>")),
                      "unsupported_format", "failed"),
    "report.ofd": Bad(lambda: zipped(("OFD.xml", b"<ofd:OFD/>"), ("Doc_0/Document.xml", b"<d/>")),
                      "unsupported_format", "failed"),
    "scan.png": Bad(lambda: PNG, "unsupported_format", "failed"),
    "reports.zip": Bad(lambda: zipped(("a.txt", REPORT.encode("utf-8")),), "unsupported_format", "failed"),
    # files that are not files, and copies
    "gone.pdf": Bad(lambda: b"", "broken_symlink", "failed", kind="symlink"),
    "pipe.txt": Bad(lambda: b"", "not_a_regular_file", "failed", kind="fifo"),
    "copy-a.txt": Bad(lambda: (REPORT + "（副本）").encode("utf-8"), "duplicate_file", "ok"),
    "copy-b.txt": Bad(lambda: (REPORT + "（副本）").encode("utf-8"), "duplicate_file", None),
}


def build(folder: Path) -> dict[str, Bad]:
    """Write every bad input into ``folder``; returns them by file name."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, bad in CORPUS.items():
        path = folder / name
        if bad.kind == "symlink":
            path.symlink_to(folder / "nowhere" / name)
        elif bad.kind == "fifo":
            os.mkfifo(path)
        else:
            path.write_bytes(bad.make())
    return dict(CORPUS)



def padded_pdf(padding: int) -> bytes:
    """One page of Latin text carrying ``padding`` bytes of an unused stream: a large file
    (as a scan-heavy or image-heavy report is) that is quick to read once it is in memory."""
    content = b"BT /F1 24 Tf 72 700 Td (Performance report 2023) Tj ET"
    return pdf_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (padding, b" " * padding),
    ])


def flate_bomb_pdf(size: int) -> bytes:
    """One page whose compressed content stream inflates to ``size`` bytes (mostly spaces):
    a small file that needs a large buffer to read."""
    content = zlib.compress(b" " * size + b"BT /F1 24 Tf 72 700 Td (Performance report 2023) Tj ET", 9)
    return pdf_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(content), content),
    ])
