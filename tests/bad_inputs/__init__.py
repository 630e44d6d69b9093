"""The bad-input corpus, built on demand (no binary blobs in the repository).

``build(folder)`` writes every bad file and returns what each one's reports row must say.
``work`` holds stand-in extractions that hang, crash or exhaust memory on purpose.
"""
from __future__ import annotations

import io
import random
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


@dataclass(frozen=True)
class Bad:
    """A bad input: how to build it, and what its reports row must say. ``warns``: fragments
    (lower case) one of which a warning must contain, the status being failed or partial;
    None: awkward but valid, it must be read (ok or partial). ``may_time_out``: a reader too
    slow for the test's time limit may fail it by the limit instead."""

    make: Callable[[], bytes]
    warns: tuple[str, ...] | None
    may_time_out: bool = False
    readable: bool = False  # read despite the problem: status ok or partial, with the warning


CORPUS: dict[str, Bad] = {
    "zero-bytes.pdf": Bad(lambda: b"", ("empty",)),
    "truncated.pdf": Bad(lambda: chinese_pdf()[:1500], ("truncated",)),
    "random-bytes.pdf": Bad(lambda: random.Random(42).randbytes(64 * 1024), ("not a pdf",)),
    "encrypted.pdf": Bad(lambda: chinese_pdf(password="secret"), ("encrypted", "password")),
    "no-pages.pdf": Bad(no_pages_pdf, ("no pages",)),
    "huge-page.pdf": Bad(lambda: text_page_pdf(50_000, 50_000), ("larger than any paper size",), readable=True),
    "nested-objects.pdf": Bad(nested_pdf, ("recursion", "nested", "too deep", "corrupt")),
    "gb18030.txt": Bad(lambda: REPORT.encode("gb18030"), ("decoded as gb18030",), readable=True),
    "utf16-bom.txt": Bad(lambda: REPORT.encode("utf-16"), ("decoded as utf-16",), readable=True),
    "single-line-20mb.txt": Bad(lambda: ("无换行的文字" * 1_200_000).encode("utf-8"), ("lost its line breaks",),
                                may_time_out=True, readable=True),
    "binary.txt": Bad(lambda: zlib.compress(random.Random(7).randbytes(200_000)), ("binary",)),
}


def build(folder: Path) -> dict[str, Bad]:
    """Write every bad input into ``folder``; returns them by file name."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, bad in CORPUS.items():
        (folder / name).write_bytes(bad.make())
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
