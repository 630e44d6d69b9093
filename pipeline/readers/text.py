"""Read plain-text reports (text as extracted from PDFs) into the document model.

Real extracted text has hard line-wraps in mid-sentence, page furniture (lone page numbers,
a running `附件 4`), leading spaces on a new page, CJK/digit spaces, tables flattened into
tab-separated rows or into one cell per line. The rules below rebuild paragraphs and tables.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import regex as re

from schemas.text import ATTACHMENT_MARK, canon, clean, display_width, ends_sentence, split_enumerator
from pipeline.readers.encoding import decode_text
from pipeline.readers.errors import UnreadableDocument
from schemas.lexicon import CAPTION, COVER_KEY, PAGE_NUMBER, TITLE_LINE, UNIT_LINE, column_role, form_labels
from pipeline.readers.text_scrape import is_scrape, scrape_to_table
from pipeline.readers.webpage import split_web_page
from schemas.document import Document, Element, Line, Page, Paragraph, Table
from schemas.warnings import WarningItem, warn

# A row of a table written with pipes, as markdown and web-page scrapes give it: `| 项目名称 | … |`,
# `标题 | 部门:某中学 |`
# `项目名称 |` (one cell per line, as scrapes of web tables give it), `部门|某中学| ||||`
PIPE_ROW = re.compile(r"^\|.*\||^[^|]+(?:\s\|\s[^|]*){2,}$|^[^|]+\s\|\s[^|]+\|$|.*\|\s*$")
# Punctuation of prose: a head line without any is a title or headline, not a sentence cut short.
HEAD_PUNCT = re.compile(r"[，,。；;：:、！？!?]")
# A markdown separator row: `|---|:---:|`
PIPE_RULE = re.compile(r"^[\s|:：\-—]+$")
# Markdown-style bold markers some converters leave: `**2022 年，146 家…**`
BOLD_MARKERS = re.compile(r"\*\*(?=[^*\n]+\*\*)|(?<=\*\*[^*\n]+)\*\*")  # a pair; a lone `**` masks a name


# A space before a word starting with 项目 (`… 项目实施单位`), on a glued form row
GLUED_PROJECT_KEY = re.compile(r"(?<=\p{Han})\s+(?=(?P<key>项目\S+))")
GLUED_FORM_WORDS = 6  # words on a line, at least, for a form's glued row
GLUED_FORM_LABELS = 3  # of them form labels, at least
LONG_LINE = 100_000  # characters on one line: no report prints that; the breaks were lost


@dataclass(frozen=True)
class TextSettings:
    """Thresholds of the text reader, relative to the document's own line widths."""

    short_line_ratio: float = 0.8  # a line narrower than this share of the wrap width ends a paragraph
    wrapped_share: float = 0.35  # share of prose lines near the wrap width that marks a hard-wrapped file
    min_wrapped_width: int = 40  # in a file of one paragraph per line, a shorter line is never cut
    head_line_chars: int = 60  # the head of a document ends at its first paragraph longer than this


def read_text(data: bytes, source_file: str, report_id: str,
              settings: TextSettings = TextSettings()) -> Document:
    """Bytes of a text report -> Document (pages only when the text has form feeds)."""
    text, encoding = decode_text(data)
    text = BOLD_MARKERS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise UnreadableDocument("empty_file", f"no text in the file (decoded as {encoding})")
    warnings: list[WarningItem] = []
    if encoding not in ("utf-8", "utf-8-sig"):
        warnings.append(warn("text_encoding", f"text encoding: decoded as {encoding}, not UTF-8"))
    longest = max((len(line) for line in text.split("\n")), default=0)
    if longest > LONG_LINE:
        warnings.append(warn("lost_line_breaks", f"a line of {longest:,} characters: the text has lost its line breaks"))
    page = split_web_page(text.split("\n"))
    text = "\n".join(page.lines)
    raw_pages = text.split("\f")
    paged = len([p for p in raw_pages if p.strip()]) > 1
    pages = []
    all_lines = [ln for p in raw_pages for ln in p.split("\n")]
    wrap_width = _wrap_width(all_lines, settings)
    paragraph_width = _paragraph_width(all_lines) if wrap_width is None else None
    for i, raw in enumerate(raw_pages):
        number = i + 1 if paged else None
        elements, page_warnings = lines_to_elements(raw.split("\n"), number, wrap_width, settings,
                                                    paragraph_width)
        warnings.extend(page_warnings)
        pages.append(Page(number=number, elements=tuple(elements)))
    return Document(source_file=source_file, report_id=report_id, source_format="text",
                    pages=tuple(pages), page_count=None, warnings=tuple(warnings),
                    source_url=page.source_url, furniture=page.furniture)


def _wrap_width(lines: Sequence[str], settings: TextSettings) -> float | None:
    """The width at which the file's prose was hard-wrapped, or None when lines are paragraphs."""
    # a line past 400 characters is a paragraph, never a wrapped line: measure no further
    measured = (display_width(ln.strip()[:400]) for ln in lines if ln.strip() and "\t" not in ln)
    widths = sorted(w for w in measured if w >= 20)
    if len(widths) < 10:
        return None
    w = widths[int(len(widths) * 0.9)]
    near = sum(1 for x in widths if 0.85 * w <= x <= 1.1 * w)
    return float(w) if near >= settings.wrapped_share * len(widths) else None


def _is_furniture(stripped: str) -> bool:
    """A page number printed with its marks (`— 3 —`, `第3页`) or a running `附件 4`. A bare
    number is a page number only when ``blank_page_numbers`` says so."""
    return bool((PAGE_NUMBER.match(stripped) and not stripped.isdigit()) or ATTACHMENT_MARK.match(stripped))


def is_bare_page_number(lines: Sequence[str], i: int, min_prose_width: int = 40) -> bool:
    """A number alone on its line among lines of prose (`5` between two pages' text). In a form
    flattened to one cell per line the lines around a number are cells, short: it is a cell."""
    if not lines[i].strip().isdigit() or len(lines[i].strip()) > 4:
        return False
    before = [s.strip() for s in lines[max(0, i - 8):i] if s.strip()][-3:]
    after = [s.strip() for s in lines[i + 1:i + 9] if s.strip()][:3]
    return sum(display_width(t) >= min_prose_width for t in before + after) >= 2


def _starts_block(stripped: str) -> bool:
    """A line that can never continue the paragraph above it: a numbered heading, a caption, a
    unit line, a table row, or a cover's field (`单位名称：某某公司`)."""
    return (split_enumerator(stripped)[0] is not None or bool(CAPTION.match(stripped))
            or bool(UNIT_LINE.match(stripped)) or _cells(stripped) is not None or bool(COVER_KEY.match(stripped)))


def _paragraph_width(lines: Sequence[str]) -> float | None:
    """In a file of one paragraph per line, the median width of its paragraphs' lines."""
    widths = sorted(display_width(ln.strip()[:400]) for ln in lines if display_width(ln.strip()[:400]) >= 40)
    return float(widths[len(widths) // 2]) if widths else None


def lines_to_elements(lines: Sequence[str], page: int | None, wrap_width: float | None,
                      settings: TextSettings = TextSettings(),
                      paragraph_width: float | None = None) -> tuple[list[Element], list[WarningItem]]:
    """Raw lines of one page -> paragraphs and tables in reading order, plus warnings."""
    from pipeline.readers.text_listing import find_listing
    from pipeline.readers.text_tables import find_flat_table

    stripped = [ln.strip() for ln in lines]
    elements: list[Element] = []
    warnings: list[WarningItem] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            text = clean(_join(current))
            if text:
                elements.append(Paragraph(text=text, page=page,
                                          lines=tuple(Line(text=clean(s), page=page) for s in current)))
            current.clear()

    i = 0
    while i < len(stripped):
        s = stripped[i]
        if not s:
            i += 1
            continue
        if _cells(lines[i]) is not None:
            flush()
            end = _table_end(lines, i)
            block = [line for line in lines[i:end] if not _between_rows(line) or not line.strip()]
            if is_scrape(block):
                title, table, scrape_warnings = scrape_to_table(block)
                warnings.extend(warn("table_rebuilt", w, page) for w in scrape_warnings)
                if title:
                    elements.append(Paragraph(text=title, page=page, lines=(Line(text=title, page=page),)))
            else:
                table = _delimited_table(block)
            _attach(elements, table)
            i = end
            continue
        listing = find_listing(stripped, i) if column_role(canon(s)) == "seq" else None
        if listing is not None:
            flush()
            table, i = listing
            _attach(elements, Table(rows=table.rows, page=page, row_pages=(page, page), header_rows=1))
            continue
        if not ends_sentence(s) and len(s.split()) >= 3:
            flat = find_flat_table(stripped, i)
            if flat is not None:
                flush()
                warnings.extend(warn("table_rebuilt", w, page) for w in _summarise(flat.warnings))
                _attach(elements, Table(rows=flat.table.rows, page=page,
                                        row_pages=tuple(page for _ in flat.table.rows),
                                        header_rows=flat.table.header_rows))
                i = flat.end
                continue
        if _is_furniture(s) or is_bare_page_number(lines, i):
            i += 1
            continue
        s = glued_form_cells(s)
        after_blank = i > 0 and not stripped[i - 1]
        in_head = not any(isinstance(e, Paragraph) and len(e.text) > settings.head_line_chars for e in elements)
        if current and (_starts_block(s) or not _continues(current, wrap_width, settings, in_head)
                        or (after_blank and _ends_before_blank(current[-1], paragraph_width))):
            flush()
        current.append(s)
        if CAPTION.match(s) or UNIT_LINE.match(s):
            flush()
        i += 1
    flush()
    return elements, warnings


def _summarise(table_warnings: Sequence[str]) -> list[str]:
    """One warning per rebuilt table: its first guess and how many more there were."""
    if not table_warnings:
        return []
    more = len(table_warnings) - 1
    return [table_warnings[0] + (f" (and {more} more guesses in this table)" if more else "")]


def glued_form_cells(line: str) -> str:
    """A form's row whose cells a text export glued with spaces (`项目名称 办公网维护费 项目实施单位
    某某公司`): cleaning the spaces out of Chinese text would leave `办公网维护费项目实施单位`,
    where `项目` may end the value or start the key. On a line of at least three form labels,
    the space before a label that starts with 项目 is written as a cell border, so the key keeps
    its 项目. Other spaces stay as they are: budget rows read figures by their spacing."""
    words = line.split()
    if len(words) < GLUED_FORM_WORDS or sum(canon(w) in form_labels() for w in words) < GLUED_FORM_LABELS:
        return line
    return GLUED_PROJECT_KEY.sub(lambda m: " | " if canon(m.group("key")) in form_labels() else m.group(), line)


def _continues(current: list[str], wrap_width: float | None, settings: TextSettings,
               in_head: bool = False) -> bool:
    """Whether the next line continues the paragraph made of ``current`` lines. In the head of
    the document (no prose yet) a short line without any punctuation is a headline or a title
    line (`2021年某某项目支出绩效评价评定等次为优`) and ends its paragraph."""
    last = current[-1]
    if ends_sentence(last) or TITLE_LINE.search(last):  # `…绩效自评报告` over `（2024年度）`
        return False
    if in_head and len(current) == 1 and wrap_width is None and len(last) <= settings.head_line_chars \
            and not HEAD_PUNCT.search(last):
        return False
    if wrap_width is not None:
        return display_width(last) >= settings.short_line_ratio * wrap_width
    # Lines are whole paragraphs: only a long line cut at a page break continues, never a title
    # (`…绩效评价情况`, `…预算情况说明`) above the text it heads.
    return display_width(last) >= settings.min_wrapped_width


def _ends_before_blank(last: str, paragraph_width: float | None) -> bool:
    """In a file of one paragraph per line, a blank line after a line much shorter than the
    file's paragraphs (a headline over its story) ends the paragraph; after a long line it may
    be a page break inside one."""
    return paragraph_width is not None and display_width(last) < 0.5 * paragraph_width


def _join(parts: list[str]) -> str:
    out = parts[0]
    for part in parts[1:]:
        sep = " " if out[-1:].isascii() and out[-1:].isalnum() and part[:1].isascii() and part[:1].isalnum() else ""
        out += sep + part
    return out


def _cells(raw: str) -> list[str] | None:
    """The cells of a tab-separated or pipe-delimited table row; None for a line of text."""
    line = raw.rstrip("\n")
    if "\t" in line:
        return [clean(c) for c in line.split("\t")]
    stripped = line.strip()
    if stripped == "|" or PIPE_ROW.match(stripped):
        parts = stripped.split("|")
        if parts and not parts[0].strip():
            parts = parts[1:]
        if parts and not parts[-1].strip():
            parts = parts[:-1]
        return [clean(c) for c in parts]
    return None


def _table_end(lines: Sequence[str], start: int) -> int:
    """Index after the table rows that begin at ``start``: blank lines, page furniture and a
    header repeated after a page break stay inside the table."""
    i = start
    while i < len(lines):
        if _cells(lines[i]) is not None:
            i += 1
            continue
        if _between_rows(lines[i]):
            j = i
            while j < len(lines) and _between_rows(lines[j]):
                j += 1
            if j < len(lines) and _cells(lines[j]) is not None:
                i = j
                continue
        break
    return i


def _between_rows(line: str) -> bool:
    """What may stand between two rows of a delimited table: a blank, page furniture, or a page
    number (a table's cells are in its delimiters, so a lone number is not one)."""
    stripped = line.strip()
    return not stripped or _is_furniture(stripped) or (stripped.isdigit() and len(stripped) <= 4)


def _delimited_table(block: Sequence[str]) -> Table:
    """Tab-separated or pipe-delimited rows as a table (empty rows, markdown rules under the
    header and a header repeated on the next page left out)."""
    rows: list[list[str]] = []
    for line in block:
        cells = _cells(line)
        if cells is None or not any(cells) or (PIPE_RULE.match(line.strip()) and "|" in line):
            continue
        if rows and cells == rows[0]:
            continue
        rows.append(cells)
    width = max((len(r) for r in rows), default=0)
    grid = tuple(tuple(r + [""] * (width - len(r))) for r in rows)
    return Table(rows=grid, header_rows=1)


def _attach(elements: list[Element], table: Table) -> None:
    """Append a table, taking a unit note and a caption printed just above it."""
    notes: list[str] = []
    caption = None
    last = elements[-1] if elements else None
    if isinstance(last, Paragraph) and UNIT_LINE.match(last.text):
        notes.append(last.text)
        elements.pop()
        last = elements[-1] if elements else None
    if isinstance(last, Paragraph) and CAPTION.match(last.text):
        caption = last.text
        elements.pop()
    elements.append(Table(rows=table.rows, page=table.page, row_pages=table.row_pages, caption=caption,
                          header_rows=table.header_rows, notes=tuple(notes)))
