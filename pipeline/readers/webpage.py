"""Text saved from a web page: the page's address on the first line, and the site's furniture
(banners, breadcrumbs, 发布时间 / 来源 / 浏览次数, share and print buttons, footers) around the
document. Both are taken out before the text is read as a report; the furniture is kept on the
document as evidence, never as content."""
from __future__ import annotations

from dataclasses import dataclass

from typing import Sequence

import regex as re

from schemas.lexicon import (BLOCK_KEYS, BREADCRUMB, EDGE_FURNITURE, FILE_NAME_LINE, META_KEY, NAV_WORDS, PAGE_LABEL,
                             SOURCE_URL, TITLE_KEYS, TITLE_LINE, WEB_FURNITURE, WRAPPER_LINE, alternation,
                             field_label_pattern)

# Single Han characters spaced out, as some sites print keys: `索 引 号`, `名        称`
SPACED_CHARS = re.compile(r"(?<![\p{Han}])\p{Han}(?:[ \u3000]+\p{Han})+(?![\p{Han}])")
# A list item's bullet before a metadata key or value: `• 索引号`
BULLET = re.compile(r"^[•·●▪\-]\s*")
# A metadata line naming the page's title: `名称 某某绩效自评表`, `标题：…`
KEYED_TITLE = re.compile(rf"^(?:{alternation(TITLE_KEYS)})\s*(?:[:：]\s*|\s+)(?P<title>\S.{{3,100}})$")
HEAD_LINES = 40  # a page's metadata stands among its first lines
META_LINE_CHARS = 60  # a line with one metadata key is furniture only when this short
NAV_TOKEN_CHARS = 8  # a navigation bar's entries are short words
CONTENT_CHARS = 20  # a line this long ends the page's head; shorter ones may be the site's name
FORM_KEY = field_label_pattern()

@dataclass(frozen=True)
class PageText:
    """A page's lines with the furniture blanked (line numbers kept), its URL, the furniture."""

    lines: tuple[str, ...]
    source_url: str | None
    furniture: tuple[str, ...]


def is_furniture(stripped: str) -> bool:
    """A line that is the site's, anywhere on the page: `您现在的位置：首页 > 政务公开`."""
    return bool(BREADCRUMB.fullmatch(stripped) or WEB_FURNITURE.fullmatch(stripped)
                or WRAPPER_LINE.fullmatch(stripped) or FILE_NAME_LINE.fullmatch(stripped)
                or PAGE_LABEL.fullmatch(stripped) or is_meta_line(stripped))


def _unspaced(line: str) -> str:
    """A line with its spaced-out keys closed up: `索  引  号 FK020…` -> `索引号 FK020…`."""
    return SPACED_CHARS.sub(lambda m: re.sub(r"[ \u3000]", "", m.group()), line)


def is_meta_line(stripped: str) -> bool:
    """A line of the page's metadata: two keys or more (`发布机构 某局 主题分类 财政`), or one key
    with its colon opening a short line (`来源：某县财政局`)."""
    line = _unspaced(stripped)
    keys = list(META_KEY.finditer(line))
    if len({m.group("key") for m in keys}) >= 2:
        return True
    return (len(keys) == 1 and keys[0].start() <= 2 and keys[0].group("mark") not in ("", " ")
            and len(line) <= META_LINE_CHARS)


def is_nav_line(stripped: str) -> bool:
    """A site's navigation bar: short entries, at least half of them navigation words."""
    tokens = [t for t in re.split(r"[\s|｜]+", stripped) if t]
    if not tokens or any(len(t) > NAV_TOKEN_CHARS for t in tokens):
        return False
    return len(tokens) >= 2 and 2 * sum(t in NAV_WORDS for t in tokens) >= len(tokens) or (
        len(tokens) == 1 and tokens[0] in NAV_WORDS)


def _at_edge(stripped: str) -> bool:
    """A line that may stand among the furniture at a page's top or bottom: furniture, or the
    document's title (printed between the site's banner and its date and buttons)."""
    return not stripped or is_furniture(stripped) or is_nav_line(stripped) or bool(
        EDGE_FURNITURE.fullmatch(stripped) or TITLE_LINE.search(stripped))


def _nav_bars(lines: Sequence[str]) -> set[int]:
    """Lone bars between a navigation bar's entries (`加入收藏` | `设为首页`); a lone bar after a
    row that ends with one is a scraped table's empty cell."""
    found: set[int] = set()
    texts = [(i, line.strip()) for i, line in enumerate(lines) if line.strip()]
    for k, (i, text) in enumerate(texts):
        if text in ("|", "｜"):
            before = next((t for _, t in reversed(texts[:k]) if t not in ("|", "｜")), "")
            after = next((t for _, t in texts[k + 1:] if t not in ("|", "｜")), "")
            if (not before or is_nav_line(before) or is_furniture(before)) and not after.endswith("|"):
                found.add(i)
    return found


def _is_content(stripped: str) -> bool:
    """A line that starts the document: not a short name (a site's, `预算绩效管理`) but text,
    a table row, or a form's key (`项目名称`)."""
    return (len(stripped) >= CONTENT_CHARS or bool(re.search(r"[。，；：:|]", stripped))
            or bool(FORM_KEY.search(stripped)))


def _is_title_like(stripped: str) -> bool:
    """A line a page may print twice as its title: words, not a table's cells or figures."""
    return len(stripped) >= 8 and "|" not in stripped and not re.search(r"\d[\d.,]*\s*[%％]?$", stripped)


def _meta_block(lines: Sequence[str]) -> list[int]:
    """Lines of a metadata block at the page's head printed one key a line, each above its value
    (`索引号` / `6403…` / `文号` / `发布机构` / `某区财政局`); a title key's value (`名称` / the
    document's title) is kept. Two keys or more make a block."""
    texts = [(i, BULLET.sub("", line.strip())) for i, line in enumerate(lines) if line.strip()]
    found: list[int] = []
    keys = 0
    k = 0
    while k < len(texts) and (texts[k][1] in BLOCK_KEYS or (not keys and not _is_content(texts[k][1]))):
        i, text = texts[k]
        k += 1
        if text not in BLOCK_KEYS:
            continue  # a site's name or a breadcrumb above the block
        keys += 1
        found.append(i)
        value = texts[k][1] if k < len(texts) else ""
        if value and value not in BLOCK_KEYS and not (text not in TITLE_KEYS and TITLE_LINE.search(value)):
            if text not in TITLE_KEYS:  # a key without a value stands above the title: not its value
                found.append(texts[k][0])
            k += 1
    return found if keys >= 2 else []


def _keyed_title(out: list[str], furniture: list[str]) -> None:
    """A metadata line naming the title (`名        称 某某绩效自评表`): furniture where the
    page prints the title on a line of its own too, else the title without its key."""
    for i, line in enumerate(out[:HEAD_LINES]):
        m = KEYED_TITLE.match(_unspaced(line.strip()))
        if m is None:
            continue
        furniture.append(line.strip())
        printed = any(other.strip() == m.group("title") for k, other in enumerate(out) if k != i)
        out[i] = "" if printed else m.group("title")


def split_web_page(lines: Sequence[str]) -> PageText:
    """Take the URL line and the furniture out of a saved page's lines."""
    out = list(lines)
    url = None
    first = next((i for i, line in enumerate(out) if line.strip()), None)
    if first is not None and (m := SOURCE_URL.match(out[first])):
        url = m.group("url")
        out[first] = ""
    furniture: list[str] = []
    previous = None
    for i, line in enumerate(out):
        stripped = line.strip()
        if not stripped:
            continue
        # a page prints its title twice (the page's and the article's): one is furniture
        if is_furniture(stripped) or (stripped == previous and _is_title_like(stripped)):
            furniture.append(stripped)
            out[i] = ""
        else:
            previous = stripped
    for i in _meta_block(out):
        furniture.append(out[i].strip())
        out[i] = ""
    _keyed_title(out, furniture)
    bars = _nav_bars(lines)
    head = next((i for i, line in enumerate(out) if not (_at_edge(line.strip()) or i in bars)
                 and _is_content(line.strip())), len(out))
    tail = next((i for i in range(len(out) - 1, head - 1, -1) if not _at_edge(out[i].strip())), head)
    for i in list(range(0, head)) + list(range(tail + 1, len(out))):
        stripped = out[i].strip()
        if stripped and (EDGE_FURNITURE.fullmatch(stripped) or is_nav_line(stripped) or i in bars):
            furniture.append(stripped)
            out[i] = ""
    return PageText(lines=tuple(out), source_url=url, furniture=tuple(furniture))
