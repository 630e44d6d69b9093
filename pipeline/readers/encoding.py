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


def readable_share(text: str) -> float:
    """Share of characters that ordinary report text is made of: common hanzi, ASCII,
    whitespace, CJK and full-width punctuation. Bytes decoded in the wrong encoding give
    control, private-use, Hangul or Yi characters instead."""
    sample = text[:20000]
    if not sample:
        return 1.0
    good = sum(1 for ch in sample if ("\u4e00" <= ch <= "\u9fff") or (" " <= ch <= "~") or ch in "\n\r\t\f"
               or ("\u3000" <= ch <= "\u303f") or ("\uff00" <= ch <= "\uffef") or ("\u2010" <= ch <= "\u2027")
               or ch in "\ufeff\u00a0\u00b7\u00d7\u2030\u2103\u2160\u2161\u2162\u2163\u2264\u2265\u2266\u2267\u2550\u25cb\u25cf\u3007"
               or ("\u2460" <= ch <= "\u24ff") or ("\u3220" <= ch <= "\u325f"))
    return good / len(sample)


MIN_READABLE = 0.9  # a decoding below this share of readable characters is the wrong one


def _try_decode(data: bytes, encoding: str) -> str | None:
    """The text when ``data`` decodes cleanly in ``encoding`` and reads as text, else None."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return text if readable_share(text) >= MIN_READABLE else None


def decode_text(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding name). Raises UnreadableDocument for empty or binary input."""
    if not data.strip():
        raise UnreadableDocument("empty_file", "empty file: no text to read")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise UnreadableDocument("undecodable_text", f"text with a {name} byte-order mark does not decode: {exc}") from exc
    # UTF-8 first (it rarely decodes by accident), then the wider encodings by how well they
    # read: GB18030 decodes almost any bytes, UTF-16 without a BOM must be tried too.
    decoded = _try_decode(data, "utf-8")
    if decoded is not None:
        return decoded, "utf-8"
    scored = []
    for name in ("gb18030", "utf-16-le", "utf-16-be"):
        text = _try_decode(data, name)
        if text is not None:
            scored.append((readable_share(text), name, text))
    if scored:
        _, name, text = max(scored, key=lambda s: s[0])
        return text, name
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200000]).best()
    if best is not None:
        text = str(from_bytes(data).best() or "") if len(data) > 200000 else str(best)
        if readable_share(text) >= MIN_READABLE:
            return text, str(best.encoding)
    raise UnreadableDocument("binary_content", "binary content: not a text file in a known encoding")
