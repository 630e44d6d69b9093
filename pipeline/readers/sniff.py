"""Tell a file's format by its content, not only its name: PDF, the zip containers (docx,
xlsx, pptx, odt, ods, epub, ofd), the Office 97-2003 containers, HTML, RTF, images, binary
and text. Every name it returns is registered in ``pipeline.readers.formats``."""
from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path
from typing import Callable

from pipeline.readers.encoding import MIN_READABLE, readable_share
from pipeline.readers.formats import format_named
from pipeline.readers.office_sniff import damaged_package_format, office_xml_format
from schemas.warnings import WarningItem, warn

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office 97-2003 compound file (.doc, .xls, .wps, .et)
RTF_MAGIC = b"{\\rtf"
HEAD = 8192  # bytes of a file the sniffer looks at (PDF readers accept a header in the first KiB)
PDF_WINDOW = 1024
OLE_WINDOW = 4 << 20  # how far into an Office 97-2003 file its stream names are looked for

IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
# An OpenDocument or EPUB zip stores its `mimetype` member first, uncompressed:
# `PK\x03\x04` ... `mimetype` `application/vnd.oasis.opendocument.text`
ZIP_MIMETYPES = {b"application/vnd.oasis.opendocument.text": "odt",
                 b"application/vnd.oasis.opendocument.spreadsheet": "ods",
                 b"application/epub+zip": "epub"}
# A zip container's kind by the member that makes it one.
ZIP_MEMBERS = (("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"),
               ("ppt/presentation.xml", "pptx"), ("OFD.xml", "ofd"))
# An Office 97-2003 file's kind by the name of its main stream (UTF-16 in the directory).
OLE_STREAMS = (("WordDocument", "doc"), ("Workbook", "xls"), ("Book", "xls"),
               ("PowerPoint Document", "ppt"))
# The start of a web page: `<!DOCTYPE html>`, `<html lang="zh">`, `<?xml ...?><html ...>`
HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title", b"<?xml", b"<!--")
HTML_TAGS = (b"<html", b"<body", b"<head")
# Bytes no text file holds, though control characters: NUL and C0 codes other than tab,
# line feed, vertical tab, form feed, carriage return and escape.
TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1b")
BINARY_CONTROL_SHARE = 0.05
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def zip_format(head: bytes, members: Callable[[], list[str]]) -> str:
    """docx, xlsx, pptx, ofd, odt, ods or epub by the members; a plain or broken zip is `zip`."""
    if head[30:38] == b"mimetype":
        for mimetype, name in ZIP_MIMETYPES.items():
            if head[38:38 + len(mimetype)] == mimetype:
                return name
    try:
        names = set(members())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return damaged_package_format(head)
    return next((fmt for member, fmt in ZIP_MEMBERS if member in names), "zip")


def ole_format(data: bytes) -> str:
    """doc, xls or ppt by the main stream named in the compound file's directory."""
    for stream, fmt in OLE_STREAMS:
        if stream.encode("utf-16-le") in data:
            return fmt
    return "ole"


def is_html(head: bytes) -> bool:
    """Markup at the start of the file, with an html, head or body tag near it."""
    if head.startswith(UTF16_BOMS):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    start = head.removeprefix(codecs.BOM_UTF8).lstrip().lower()
    return start.startswith(HTML_STARTS) and any(tag in start[:HEAD] for tag in HTML_TAGS)


def is_image(head: bytes) -> bool:
    """PNG, JPEG, GIF, TIFF, WebP or BMP by their magic numbers."""
    if head.startswith(IMAGE_MAGIC):
        return True
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return True
    return head[:2] == b"BM" and head[6:10] == b"\0\0\0\0" and len(head) > 26


def is_binary(head: bytes) -> bool:
    """Bytes no text encoding gives: NULs or control codes that do not read as UTF-16 text
    either (UTF-16 puts a NUL in every ASCII character, and CJK text can hold control-code
    bytes)."""
    if not head or head.startswith(UTF16_BOMS):
        return False
    controls = sum(1 for byte in head if byte < 0x20 and byte not in TEXT_CONTROLS)
    if b"\0" not in head and controls <= BINARY_CONTROL_SHARE * len(head):
        return False
    even = head[:len(head) // 2 * 2]
    return not any(readable_share(even.decode(encoding, errors="replace")) >= MIN_READABLE
                   for encoding in ("utf-16-le", "utf-16-be"))


def content_format(head: bytes, members: Callable[[], list[str]], body: Callable[[], bytes]) -> str:
    """The format the content shows; ``members`` lists a zip's names, ``body`` gives the
    bytes an Office 97-2003 file's stream names are looked for in."""
    if PDF_MAGIC in head[:PDF_WINDOW]:
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return zip_format(head, members)
    if head.startswith(OLE_MAGIC):
        return ole_format(body())
    if head.startswith(RTF_MAGIC):
        return "rtf"
    if is_image(head):
        return "image"
    if office_xml_format(head):
        return office_xml_format(head) or "text"
    if is_html(head):
        return "html"
    if is_binary(head):
        return "binary"
    return "text"


def mislabelled(fmt: str, path: Path) -> list[WarningItem]:
    """A warning when the file's name promises another format than its content."""
    named = format_named(path.suffix)
    if named is not None and named != fmt:
        return [warn("mislabelled_file", f"mislabelled file: named {path.suffix} but its content is {fmt}")]
    return []


def sniff(data: bytes, path: Path) -> tuple[str, list[WarningItem]]:
    """(format, warnings) of a file's bytes; a name that disagrees with the content is warned."""
    fmt = content_format(data[:HEAD], lambda: zipfile.ZipFile(io.BytesIO(data)).namelist(),
                         lambda: data[:OLE_WINDOW])
    return fmt, mislabelled(fmt, path) if data else []


def sniff_file(path: Path) -> str:
    """The format of a file on disk, reading only what tells it (for a failed row built
    without the file's bytes); `unknown` when it cannot be read."""
    try:
        with path.open("rb") as fh:
            head = fh.read(HEAD)

            def body() -> bytes:
                fh.seek(0)
                return fh.read(OLE_WINDOW)

            if not head:
                return "unknown"
            return content_format(head, lambda: zipfile.ZipFile(path).namelist(), body)
    except OSError:
        return "unknown"
