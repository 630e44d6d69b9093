"""Read web pages (.html/.htm, and files of other names that are HTML) into the document model:
the report the page publishes, without the site around it; `<table>` markup as full grids
with rowspan and colspan; `<br>` and block elements as line breaks; the declared charset, or
the sniffed one (GBK/GB18030 pages are common).

The site's furniture goes in three steps: elements by their markup (scripts, forms, `nav`,
class or id names such as `footer` or `bread-crumb`, blocks of links: ``html_furniture``);
lines before the first block that reads as a report title (`…绩效自评表`, `…评价报告`),
which are the site's banner and menus; and lines the lexicon knows as a page's furniture
(`发布时间：`, `分享到`, `版权所有`, as for pages saved as text). What is dropped is kept on
``Document.furniture``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

import regex as re
from lxml import etree, html as lxml_html

from schemas.text import clean
from pipeline.readers.captions import attach_captions
from pipeline.readers.encoding import decode_text
from pipeline.readers.errors import UnreadableDocument
from pipeline.readers.html_furniture import DROPPED_TAGS, LINK_DENSITY, MIN_LINKS, is_furniture_name
from pipeline.readers.span_grid import SpanCell, grid_to_table, spans_to_grid
from pipeline.readers.webpage import split_web_page
from schemas.document import Document, Element, Line, Page, Paragraph, Table
from schemas.lexicon import TITLE_LINE
from schemas.warnings import WarningItem, warn

# The charset a page declares: `<meta charset="gbk">`, `<meta http-equiv="Content-Type"
# content="text/html; charset=gb2312">`, `<?xml version="1.0" encoding="GB18030"?>`.
DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-]+)""", re.I)
# GB2312 and GBK pages hold characters only their superset decodes; so does Big5 with HKSCS.
CHARSET_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030",
                     "cp936": "gb18030", "big5": "big5hkscs"}
# An attribute's leading whole number: `2` in rowspan="2", `3` in colspan=" 3px"
SPAN_NUMBER = re.compile(r"^\s*(\d{1,6})")
# HTML's collapsible whitespace (not the no-break and ideographic spaces, which clean() handles)
COLLAPSIBLE = re.compile(r"[ \t\r\n\f]+")

BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
    "article", "main", "header", "blockquote", "pre", "center", "address", "figure", "figcaption",
    "hr", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "body", "html",
})
HEADING_LEVELS = {"h1": 0, "h2": 1, "h3": 2, "h4": 3, "h5": 4, "h6": 5}
TITLE_SEARCH_ELEMENTS = 40  # the report title is looked for among the page's first blocks
TABLE_LINE = "\u0000table"  # a table's place among the page's lines, never furniture


def decode_html(data: bytes) -> tuple[str, list[WarningItem]]:
    """The page's text in its declared charset (a superset of it), or as sniffed when it
    declares none or one its bytes do not decode in."""
    m = DECLARED_CHARSET.search(data[:8192])
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = (m.group(1) or m.group(2)).decode("ascii").lower()
        try:
            return data.decode(CHARSET_SUPERSETS.get(declared, declared)), []
        except (LookupError, UnicodeDecodeError):
            text, sniffed = decode_text(data)
            return text, [warn("charset_mismatch", f"web page: declares charset {declared} but reads as {sniffed}")]
    text, _ = decode_text(data)
    return text, []


def _tag(el: Any) -> str:
    """An element's lower-case tag name; "" for comments and processing instructions."""
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _text_len(el: Any) -> tuple[int, int]:
    """(characters of text, characters inside links) under an element, whitespace left out."""
    total = len(COLLAPSIBLE.sub("", el.text_content()))
    links = sum(len(COLLAPSIBLE.sub("", a.text_content())) for a in el.iter("a"))
    return total, min(links, total)


def _is_link_list(el: Any) -> bool:
    """A block that is mostly links (a menu, a list of related articles), without a table."""
    if el.find(".//table") is not None or len(el.findall(".//a")) < MIN_LINKS:
        return False
    total, links = _text_len(el)
    return total > 0 and links >= LINK_DENSITY * total


def _hidden(el: Any) -> bool:
    """An element the page does not show: `hidden`, `style="display:none"` (Excel's web pages
    write hidden rows and columns so)."""
    style = COLLAPSIBLE.sub("", (el.get("style") or "").lower())
    return el.get("hidden") is not None or "display:none" in style or "visibility:hidden" in style


def strip_furniture(body: Any) -> None:
    """Remove from the tree what is never the report: comments, scripts, forms and frames,
    and the site's furniture by its class or id names (`nav`, `footer`, `breadcrumb`) or as
    blocks of links; an element that holds a table or half the page's text is kept."""
    etree.strip_elements(body, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    page_text = max(_text_len(body)[0], 1)
    for el in list(body.iter()):
        if el is not body and body not in el.iterancestors():
            continue  # removed with an ancestor already
        tag = _tag(el)
        has_table = el.find(".//table") is not None
        named = is_furniture_name(f"{el.get('class', '')} {el.get('id', '')}")
        if tag in DROPPED_TAGS or _hidden(el):
            el.drop_tree()
        elif named and not has_table and _text_len(el)[0] < page_text / 2:
            el.drop_tree()
        elif tag in ("div", "ul", "ol", "dl", "p", "section") and _is_link_list(el):
            el.drop_tree()


@dataclass
class Flow:
    """The page's elements as the walk produces them, with the block each line came from."""

    elements: list[Element] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)  # block number of each element
    line: list[str] = field(default_factory=list)
    block: int = 0
    heading: int | None = None

    def break_line(self) -> None:
        text = clean("".join(self.line))
        self.line.clear()
        if text:
            self.elements.append(Paragraph(text=text, lines=(Line(text=text, bold=self.heading is not None),),
                                           outline_level=self.heading))
            self.blocks.append(self.block)

    def add_table(self, table: Table) -> None:
        self.break_line()
        self.elements.append(table)
        self.blocks.append(self.block)


def inline_text(text: str | None, pre: bool) -> str:
    """Text as the browser shows it: runs of whitespace collapsed, except in `<pre>`."""
    if not text:
        return ""
    return text if pre else COLLAPSIBLE.sub(" ", text)


def walk(el: Any, flow: Flow, pre: bool = False) -> None:
    """Append an element's content to the flow: block elements and `<br>` break lines, data
    tables become tables, layout tables (one column, or holding other tables) are read as
    blocks."""
    tag = _tag(el)
    if tag == "br":
        flow.break_line()
        return
    if tag == "table" and is_data_table(el):
        table = table_to_table(el)
        if table is not None:
            flow.add_table(table)
        return
    block = tag in BLOCK_TAGS
    if block:
        flow.break_line()
        flow.block += 1
    heading = HEADING_LEVELS.get(tag)
    outer = flow.heading
    if heading is not None:
        flow.heading = heading
    pre = pre or tag == "pre"
    flow.line.append(inline_text(el.text, pre))
    for child in el:
        if isinstance(child.tag, str):
            walk(child, flow, pre)
        flow.line.append(inline_text(child.tail, pre))
    if block:
        flow.break_line()
        flow.block += 1
    flow.heading = outer


def _rows(table: Any) -> Iterator[Any]:
    """The rows of a table, its head, bodies and foot in document order."""
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            yield child
        elif tag in ("thead", "tbody", "tfoot"):
            yield from (row for row in child if _tag(row) == "tr")


def is_data_table(table: Any) -> bool:
    """A table of data: no table inside it and two or more columns somewhere."""
    if table.find(".//table") is not None:
        return False
    return any(sum(1 for c in row if _tag(c) in ("td", "th")) >= 2 for row in _rows(table))


def cell_text(cell: Any) -> str:
    """A cell's text, its line breaks and paragraphs joined as the cleaning joins wrapped lines."""
    flow = Flow()
    flow.line.append(inline_text(cell.text, False))
    for child in cell:
        if isinstance(child.tag, str):
            walk(child, flow)
        flow.line.append(inline_text(child.tail, False))
    flow.break_line()
    return clean("\n".join(e.text for e in flow.elements if isinstance(e, Paragraph)))


def _span(value: str | None) -> int:
    m = SPAN_NUMBER.match(value or "")
    return int(m.group(1)) if m else 1


def table_to_table(table: Any) -> Table | None:
    """A data table as a full grid: rowspan and colspan repeat a cell's text over the positions
    it covers; `<thead>` rows, or leading rows of `<th>` cells, are the header."""
    rows = []
    head_rows = 0
    counting = True
    for tr in _rows(table):
        cells = [c for c in tr if _tag(c) in ("td", "th")]
        rows.append([SpanCell(cell_text(c), _span(c.get("rowspan")), _span(c.get("colspan")),
                              bold=_tag(c) == "th") for c in cells])
        in_head = _tag(tr.getparent()) == "thead" or bool(cells) and all(_tag(c) == "th" for c in cells)
        counting = counting and in_head
        head_rows += counting
    grid, bold_rows = spans_to_grid(rows)
    caption_el = table.find("caption")
    caption = clean(caption_el.text_content()) if caption_el is not None else None
    return grid_to_table(grid, bold_rows, header_rows=head_rows or None, caption=caption or None)


def from_title(flow: Flow) -> int:
    """Where the report starts: the first element of the block that reads as its title (what
    comes before is the site's); 0 when no title opens a block among the first ones."""
    for i in range(min(len(flow.elements), TITLE_SEARCH_ELEMENTS)):
        if isinstance(flow.elements[i], Table):
            break
        block = [e.text for e, b in zip(flow.elements, flow.blocks) if b == flow.blocks[i] and isinstance(e, Paragraph)]
        if TITLE_LINE.search(clean("".join(block))):
            return flow.blocks.index(flow.blocks[i])
    return 0


def without_furniture(elements: list[Element]) -> tuple[list[Element], tuple[str, ...]]:
    """The elements less the lines the lexicon knows as a web page's furniture (breadcrumbs,
    publication lines, share and print buttons, footers; buttons and dates at the edges only),
    and those lines."""
    lines = [e.text if isinstance(e, Paragraph) else TABLE_LINE for e in elements]
    page = split_web_page(lines)
    kept = [e for e, line in zip(elements, page.lines) if isinstance(e, Table) or line.strip()]
    return kept, page.furniture


def read_html(data: bytes, source_file: str, report_id: str) -> Document:
    """Bytes of a web page -> Document (one Page with no number). Raises UnreadableDocument."""
    text, warnings = decode_html(data)
    try:
        root = lxml_html.document_fromstring(text.lstrip("\ufeff"))
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableDocument("malformed_office_file", f"not a readable web page: {exc}") from exc
    body = root.find("body")
    if body is None:
        body = root
    strip_furniture(body)
    flow = Flow()
    walk(body, flow)
    flow.break_line()
    start = from_title(flow)
    elements, furniture = without_furniture(flow.elements[start:])
    elements = attach_captions(elements)
    if not elements:
        raise UnreadableDocument("empty_file", "a web page without text (the report may be in an attachment)")
    above = tuple(e.text for e in flow.elements[:start] if isinstance(e, Paragraph))
    return Document(source_file=source_file, report_id=report_id, source_format="html",
                    pages=(Page(number=None, elements=tuple(elements)),), page_count=None,
                    warnings=tuple(warnings), source_url=page_url(root), furniture=above + furniture)


def page_url(root: Any) -> str | None:
    """The page's own address, where it states one: `<link rel="canonical" href=…>` or
    `<meta property="og:url" content=…>`."""
    for el in root.iter("link", "meta"):
        if _tag(el) == "link" and "canonical" in (el.get("rel") or "").lower().split():
            url = el.get("href")
        elif _tag(el) == "meta" and (el.get("property") or el.get("name") or "").lower() == "og:url":
            url = el.get("content")
        else:
            continue
        if url and url.strip().lower().startswith(("http://", "https://")):
            return str(url.strip())
    return None
