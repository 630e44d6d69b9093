"""Text saved from a web page: the page's address on the first line, and the site's furniture
(banners, breadcrumbs, 发布时间 / 来源 / 浏览次数, share and print buttons, footers) around the
document. Both are taken out before the text is read as a report; the furniture is kept on the
document as evidence, never as content."""
from __future__ import annotations

from dataclasses import dataclass

from typing import Sequence

from schemas.lexicon import (BREADCRUMB, EDGE_FURNITURE, FILE_NAME_LINE, SOURCE_URL, TITLE_LINE,
                             WEB_FURNITURE, WRAPPER_LINE)

@dataclass(frozen=True)
class PageText:
    """A page's lines with the furniture blanked (line numbers kept), its URL, the furniture."""

    lines: tuple[str, ...]
    source_url: str | None
    furniture: tuple[str, ...]


def is_furniture(stripped: str) -> bool:
    """A line that is the site's, anywhere on the page: `您现在的位置：首页 > 政务公开`."""
    return bool(BREADCRUMB.fullmatch(stripped) or WEB_FURNITURE.fullmatch(stripped)
                or WRAPPER_LINE.fullmatch(stripped) or FILE_NAME_LINE.fullmatch(stripped))


def _at_edge(stripped: str) -> bool:
    """A line that may stand among the furniture at a page's top or bottom: furniture, or the
    document's title (printed between the site's banner and its date and buttons)."""
    return not stripped or is_furniture(stripped) or bool(EDGE_FURNITURE.fullmatch(stripped)
                                                          or TITLE_LINE.search(stripped))


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
        if is_furniture(stripped) or (stripped == previous and len(stripped) >= 8):
            furniture.append(stripped)
            out[i] = ""
        else:
            previous = stripped
    head = next((i for i, line in enumerate(out) if not _at_edge(line.strip())), len(out))
    tail = next((i for i in range(len(out) - 1, head - 1, -1) if not _at_edge(out[i].strip())), head)
    for i in list(range(0, head)) + list(range(tail + 1, len(out))):
        stripped = out[i].strip()
        if stripped and EDGE_FURNITURE.fullmatch(stripped):
            furniture.append(stripped)
            out[i] = ""
    return PageText(lines=tuple(out), source_url=url, furniture=tuple(furniture))
