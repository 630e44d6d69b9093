"""Office Open XML packages (.docx, .xlsx): the zip, its parts and their relationships, read
safely (no entities, no network, a size cap per part against zip bombs)."""
from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

from pipeline.readers.errors import UnreadableDocument

MAX_PART_BYTES = 512 * 1024 * 1024  # uncompressed size of one XML part; a report is far smaller
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# Strict Open XML writes the same elements under other namespace names; read it as transitional.
STRICT_NAMESPACES = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main",
     b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships",
     b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True,
                          remove_comments=True, remove_pis=True)


def open_package(data: bytes, kind: str) -> zipfile.ZipFile:
    """The zip of an Office file; raises UnreadableDocument naming ``kind`` when it is not one."""
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise UnreadableDocument("damaged_package", f"not a readable {kind} (a damaged zip package: {exc})") from exc


def read_part(package: zipfile.ZipFile, name: str) -> etree._Element | None:
    """A part's XML tree, or None when the package has no such part."""
    try:
        info = package.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise UnreadableDocument("malformed_office_file", f"{name} unpacks to {info.file_size:,} bytes: too large to read")
    try:
        raw = package.read(info)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise UnreadableDocument("damaged_package", f"{name} cannot be unpacked: {exc}") from exc
    for strict, transitional in STRICT_NAMESPACES:
        raw = raw.replace(strict, transitional)
    try:
        return etree.fromstring(raw, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise UnreadableDocument("malformed_office_file", f"{name} is not well-formed XML: {exc}") from exc


def rels_name(part: str) -> str:
    """`word/document.xml` -> `word/_rels/document.xml.rels`; `` -> `_rels/.rels`."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def related_part(package: zipfile.ZipFile, part: str, type_suffix: str) -> str | None:
    """The name of the part that ``part`` relates to with a relationship type ending in
    ``type_suffix`` (`/officeDocument`, `/styles`); None when there is none."""
    rels = read_part(package, rels_name(part))
    if rels is None:
        return None
    for rel in rels.iter(REL + "Relationship"):
        if rel.get("Type", "").endswith(type_suffix) and rel.get("TargetMode") != "External":
            target = rel.get("Target", "")
            base = posixpath.dirname(part)
            name = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
            return posixpath.normpath(name)
    return None
