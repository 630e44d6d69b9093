"""Decode report text files: UTF-8 (with or without BOM), UTF-16 (BOM), GB18030, and what
charset-normalizer recognises; binary files are refused with a clear reason."""
from __future__ import annotations

import codecs

from pipeline.readers.errors import UnreadableDocument

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_like_text(text: str) -> bool:
    """Mostly printable characters: control characters other than whitespace are rare in text."""
    if not text:
        return True
    sample = text[:20000]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad <= len(sample) * 0.01


def decode_text(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding name). Raises UnreadableDocument for empty or binary input."""
    if not data.strip():
        raise UnreadableDocument("empty file: no text to read")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise UnreadableDocument(f"text with a {name} byte-order mark does not decode: {exc}") from exc
    for name in ("utf-8", "gb18030"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, name
    # UTF-16 without a BOM: every other byte of ASCII-range text is NUL
    if data[1::2].count(0) > len(data) // 4 or data[0::2].count(0) > len(data) // 4:
        for name in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text, name
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200000]).best()
    if best is not None:
        text = str(from_bytes(data).best() or "") if len(data) > 200000 else str(best)
        if _looks_like_text(text):
            return text, str(best.encoding)
    raise UnreadableDocument("binary content: not a text file in a known encoding")
