"""findings.parquet: the problems (存在问题/不足), recommendations (建议/改进措施) and experience
(主要绩效/经验做法) of a report, one row per item, each item split on the report's own
enumeration and given its top keywords.

Rules, in order:
- A finding section is a heading whose role (the lexicon's section roles) is problems,
  recommendations or experience and that is not inside another finding section.
- Its items are its sub-headings (`（一）优化积分信息平台，…`), each with the text under it.
  A heading naming two roles (`五、评价结论和建议`, `四、存在问题及改进建议`) is split instead:
  its short sub-headings naming a finding role (`（二）改进建议`) are finding sections of
  their own, and the others (`（一）评价结论`) are skipped.
- Without sub-headings, its text is split on the first enumeration it uses, at a sentence or
  paragraph start: `一是…；二是…`, `（一）…（二）…`, `1.…2.…`, `（1）…`, `①…`, `第一，…`. Items
  must count up from one; a nested enumeration inside an item stays in the item. Text before
  the first item (`…但仍存在以下问题：`) introduces the list and is not an item.
- Text without enumeration is one item; `无` (none) is no item.
- A form (自评表) gives its items in a row labelled `存在问题` / `改进措施` with the text in the
  next cell; a template prompt (`…（200字以内）`) is no item.
"""
from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any, Iterator, Sequence

import regex as re

from extractors.analysis import Analysis
from extractors.sections import Heading
from schemas.text import ENUMERATORS, TERMINAL_PUNCT, TRAILING_PUNCT, chinese_numeral, clean, normalise_number
from schemas.document import Element, Paragraph, Table
from schemas.lexicon import SECTION_ROLES

DATA = Path(__file__).parent / "data"
# jieba's prefix dictionary (word -> count, prefixes at 0), its total count, the IDF table
# (word -> IDF) and the IDF of an unknown word: what keyword extraction needs.
KeywordTables = tuple[dict[str, int], int, dict[str, float], float]

# What a finding is, by the role of the section it is in.
KIND_OF_ROLE = {"problems": "problem", "recommendations": "recommendation", "experience": "experience"}

# `一是绩效指标设置…；二是…`: the enumeration of items inside a sentence run
ENUM_IS = re.compile(r"^(?P<num>[一二三四五六七八九十]{1,3})是")
# `第一，加强预算管理`, `第二、…`
ENUM_ORDINAL = re.compile(r"^第(?P<num>[一二三四五六七八九十]{1,3})\s*[，,、]")
# Where an item may start: the text's start or right after a sentence or clause end
# (`…有待提升；二是…`, `…如下：1.…`, a paragraph break).
ITEM_BOUNDARY = re.compile(r"[。；;：:！？!?\n]\s*")
# A cell or section that states no finding: `无`, `暂无。`, `—`
NOTHING = re.compile(r"^(?:无|暂无|没有|不存在|—+|-+|/|／)?[。.]?$")
# A form's prompt left in place of an answer: `结合自评情况,分析存在的问题及原因。(200字以内)`
TEMPLATE_PROMPT = re.compile(r"[（(]\s*\d+\s*字以内\s*[)）]")
# A sentence that ends an item's title: `跟踪反馈链条延伸不足，宣传推介效果尚有提升空间。`
TITLE_END = re.compile(r"[。；;！？!?]")
# A keyword worth keeping has a Chinese character (`绩效指标`) and no digit (not `2023年`).
HAN = re.compile(r"\p{Han}")
DIGIT = re.compile(r"\d")

MAX_LABEL = 16  # characters of a heading or form cell that is a label (`存在的主要问题`), not an item
MAX_ITEM_TITLE = 40  # a numbered item's first sentence longer than this is not its title


@dataclass(frozen=True)
class FindingSettings:
    """How keywords are chosen: how many, and the dictionary and stop-word files."""

    keywords: int = 5
    terms_file: Path = DATA / "domain_terms.txt"
    stopwords_file: Path = DATA / "stopwords.txt"


@dataclass(frozen=True)
class Item:
    """One finding before its keywords: where it is and what it says."""

    kind: str
    number: str | None
    heading: str | None
    text: str
    section_seq: int | None
    section: str
    page: int | None


def roles_named(title: str) -> list[str]:
    """Every role whose words the title contains, in the lexicon's order."""
    return [role for role, words in SECTION_ROLES if words.search(title)]


def finding_kinds(title: str) -> list[str]:
    """The finding kinds a heading names (`存在问题及改进建议` -> problem, recommendation)."""
    return [KIND_OF_ROLE[r] for r in roles_named(title) if r in KIND_OF_ROLE]


def _lines(text: str) -> list[str]:
    return [line for line in (f.strip() for f in text.splitlines()) if line and not line.startswith("#")]


def read_word_list(path: Path) -> tuple[str, ...]:
    """A data file of one word per line (`#` starts a comment line)."""
    return tuple(_lines(path.read_text(encoding="utf-8")))


# ---------------------------------------------------------------- enumeration


@dataclass(frozen=True)
class Marker:
    start: int  # where the enumerator begins
    end: int  # where the item's text begins
    style: str  # `是`, `第`, or the enumerator level `1`…`5`
    n: int  # its count: 一 -> 1
    number: str  # as the contract prints it: `一是`, `（一）`, `1`


def marker_at(text: str, pos: int) -> Marker | None:
    """The enumerator that starts at ``pos``, if any."""
    head = text[pos: pos + 16]
    for style, pattern in (("是", ENUM_IS), ("第", ENUM_ORDINAL)):
        m = pattern.match(head)
        if m:
            n = chinese_numeral(m.group("num"))
            number = f"{m.group('num')}是" if style == "是" else f"第{m.group('num')}"
            return Marker(pos, pos + m.end(), style, n, number) if n else None
    for level, pattern in ENUMERATORS:
        m = pattern.match(head)
        if m:
            n = chinese_numeral(m.group("num")) if level != 5 else "①②③④⑤⑥⑦⑧⑨⑩".find(m.group("num")) + 1
            if not n:
                return None
            return Marker(pos, pos + m.end(), str(level), n, normalise_number(level, m.group("num")))
    return None


def markers(text: str) -> list[Marker]:
    """Enumerators at the text's start or after a sentence, clause or paragraph end."""
    starts = [0] + [m.end() for m in ITEM_BOUNDARY.finditer(text)]
    found = (marker_at(text, s) for s in sorted(set(starts)))
    return [m for m in found if m is not None]


def outer_enumeration(text: str, style: str | None = None) -> list[Marker]:
    """The items' markers: those of ``style`` (else the style of the first `一`/`1` found),
    counting up from one."""
    found = markers(text)
    first = next((m for m in found if m.n == 1 and (style is None or m.style == style)), None)
    if first is None:
        return []
    chosen = [first]
    for m in found:
        if m.start > chosen[-1].start and m.style == first.style and m.n == chosen[-1].n + 1:
            chosen.append(m)
    return chosen


def tidy(text: str) -> str:
    """An item's text: cleaned lines, trailing `；`/`，` dropped (a final `。` kept)."""
    lines = [clean(line) for line in text.split("\n")]
    joined = "\n".join(line for line in lines if line)
    return re.sub(r"[，,、；;：:\s]+$", "", joined)


def item_title(text: str) -> str | None:
    """A numbered item's title: its first sentence when short and followed by more text
    (`跟踪反馈链条延伸不足，宣传推介效果尚有提升空间。对于…`)."""
    m = TITLE_END.search(text)
    if not m or not text[m.end():].strip():
        return None
    title = TRAILING_PUNCT.sub("", text[: m.start()]).strip()
    return title if 0 < len(title) <= MAX_ITEM_TITLE and "\n" not in title else None


def split_items(text: str, style: str | None = None) -> list[tuple[str | None, str, int]]:
    """(number, text, offset) of each item in a block of text: split on its outer
    enumeration (of ``style`` when given), or the whole text as one item; nothing for `无`."""
    enumeration = outer_enumeration(text, style)
    if not enumeration:
        body = tidy(text)
        return [] if NOTHING.match(body) else [(None, body, 0)]
    items: list[tuple[str | None, str, int]] = []
    for k, m in enumerate(enumeration):
        end = enumeration[k + 1].start if k + 1 < len(enumeration) else len(text)
        body = tidy(text[m.end: end])
        if body:
            items.append((m.number, body, m.start))
    return items


# ---------------------------------------------------------------- sections


@dataclass(frozen=True)
class Block:
    """The paragraphs under a heading (up to the next heading of its level or higher) as one
    text, with the page of each paragraph's first character."""

    text: str
    pages: tuple[tuple[int, int | None], ...]  # (offset, page)
    titles: dict[int, str]  # offset of a sub-heading's paragraph -> its title

    def page_at(self, offset: int) -> int | None:
        page = self.pages[0][1] if self.pages else None
        for start, p in self.pages:
            if start > offset:
                break
            page = p
        return page


def block_under(heading: Heading, headings: Sequence[Heading], elements: Sequence[Element]) -> Block:
    """The text under a heading, to its next sibling or ancestor: its run-in text and every
    paragraph after it, sub-headings included as printed."""
    end = next((h.element_index for h in headings
                if h.element_index > heading.element_index and h.level <= heading.level), len(elements))
    inner = {h.element_index: h for h in headings if heading.element_index < h.element_index < end}
    parts: list[str] = []
    pages: list[tuple[int, int | None]] = []
    titles: dict[int, str] = {}
    offset = 0
    if heading.run_in:
        parts.append(heading.run_in)
        pages.append((0, heading.page))
        offset = len(heading.run_in) + 1
    for i in range(heading.element_index + 1, end):
        p = elements[i]
        if not isinstance(p, Paragraph):
            continue
        pages.append((offset, p.page))
        if i in inner:
            titles[offset] = inner[i].title
        parts.append(p.text)
        offset += len(p.text) + 1
    return Block("\n".join(parts), tuple(pages), titles)


def children_of(heading: Heading, headings: Sequence[Heading]) -> list[Heading]:
    return [h for h in headings if h.parent_seq == heading.seq]


def section_items(kind: str, container: Heading, headings: Sequence[Heading],
                  elements: Sequence[Element]) -> Iterator[Item]:
    """The items of one finding section: its text split on the enumeration of its
    sub-headings (`（一）…`), else on the first enumeration it uses. A sub-heading's title is
    its item's heading."""
    block = block_under(container, headings, elements)
    children = children_of(container, headings)
    style = str(children[0].level) if children else None
    for number, text, offset in split_items(block.text, style):
        heading = block.titles.get(offset)
        if heading and text.startswith(heading) and text[len(heading):][:1] not in ("", "\n", *TERMINAL_PUNCT):
            # a heading the reader joined to its first paragraph (plain text has no indent)
            text = heading + "\n" + text[len(heading):]
        heading = heading or (item_title(text) if number else None)
        yield Item(kind, number, heading, text, container.seq, container.title, block.page_at(offset))


def finding_sections(headings: Sequence[Heading]) -> Iterator[tuple[str, Heading]]:
    """(kind, heading) of every finding section, outermost first, in document order."""
    inside: set[int] = set()
    for h in headings:
        if h.parent_seq in inside:
            inside.add(h.seq)
            continue
        roles = roles_named(h.title)
        kinds = finding_kinds(h.title)
        if not kinds:
            continue
        inside.add(h.seq)
        if len(roles) == 1:
            yield kinds[0], h
            continue
        # a heading naming two roles: its labelled parts are the sections
        parts = [c for c in children_of(h, headings) if len(c.title) <= MAX_LABEL and roles_named(c.title)]
        for child in parts:
            child_kinds = finding_kinds(child.title)
            if child_kinds:
                yield child_kinds[0], child
        if not parts:
            yield kinds[0], h


def items_from_sections(elements: Sequence[Element], headings: Sequence[Heading]) -> list[Item]:
    items: list[Item] = []
    for kind, heading in finding_sections(headings):
        items.extend(section_items(kind, heading, headings, elements))
    return items


# ---------------------------------------------------------------- forms


def items_from_forms(tables: Sequence[Table]) -> list[Item]:
    """Items in a form's labelled rows: `存在问题 | 一是…二是…`."""
    items: list[Item] = []
    for table in tables:
        for r, row in enumerate(table.rows):
            cells = [clean(c) for c in row]
            if not cells or not cells[0] or len(cells[0]) > MAX_LABEL:
                continue
            kinds = finding_kinds(cells[0])
            value = next((c for c in cells[1:] if c and c != cells[0]), "")
            if len(kinds) != 1 or TEMPLATE_PROMPT.search(value):
                continue
            for number, text, _ in split_items(value):
                items.append(Item(kinds[0], number, item_title(text) if number else None, text, None,
                                  cells[0], table.page_of_row(r)))
    return items


# ---------------------------------------------------------------- keywords


# jieba.analyse's own stop words (its KeywordExtractor.STOP_WORDS), kept with the genre's.
JIEBA_STOP_WORDS = frozenset((
    "the", "of", "is", "and", "to", "in", "that", "we", "for", "an", "are", "by", "be", "as", "on",
    "with", "can", "if", "from", "which", "you", "it", "this", "then", "at", "have", "all", "not",
    "one", "has", "or"))


def idf_table(path: Path) -> tuple[dict[str, float], float]:
    """jieba's IDF table (`word idf` per line) and its median, the IDF of an unknown word."""
    idf: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, value = line.strip().split(" ")
        idf[word] = float(value)
    return idf, sorted(idf.values())[len(idf) // 2]


def import_jieba() -> ModuleType:
    """jieba, imported without pkg_resources. jieba asks pkg_resources only where its own data
    files are, and finds them beside itself without it; importing pkg_resources takes 0.15 s,
    a sixth of a worker's start on a small report."""
    if "jieba" not in sys.modules:
        block = "pkg_resources" not in sys.modules
        if block:
            sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import raises ImportError
        try:
            import jieba  # noqa: F401
        finally:
            if block:
                del sys.modules["pkg_resources"]
    return sys.modules["jieba"]


def jieba_idf_file() -> Path:
    """The IDF table jieba.analyse ships (`word idf` per line)."""
    return Path(str(import_jieba().__file__)).parent / "analyse" / "idf.txt"


def build_keyword_tables(settings: FindingSettings) -> KeywordTables:
    """jieba's prefix dictionary with the domain terms added, and its IDF table: about a
    second of work, the same for every run with these settings."""
    jieba = import_jieba()

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for term in read_word_list(settings.terms_file):
        tokenizer.add_word(term, freq=max(tokenizer.suggest_freq(term), 1000))
    idf, median_idf = idf_table(jieba_idf_file())
    # one string object per word in both tables (and one float per IDF value): marshal writes a
    # shared object once and loads it shared, 30 MB less in every worker
    words = {word: word for word in tokenizer.FREQ}
    values: dict[float, float] = {}
    idf = {words.get(word, word): values.setdefault(value, value) for word, value in idf.items()}
    return tokenizer.FREQ, tokenizer.total, idf, median_idf


def keyword_tables(settings: FindingSettings, folder: Path | None = None) -> KeywordTables:
    """The tables of `build_keyword_tables`, from a file in the temporary folder (where jieba
    keeps its own dictionary cache) when one was written for the same jieba and word lists:
    loading it takes a third of the time of building them, which is most of a worker's start.
    The file is marshal data (no code runs on loading it), written atomically."""
    jieba = import_jieba()

    key = hashlib.sha256(jieba.__version__.encode())
    for path in (settings.terms_file, jieba_idf_file()):
        key.update(path.read_bytes())
    cached = (folder or Path(tempfile.gettempdir())) / f"jixiao-keywords-{key.hexdigest()[:16]}.marshal"
    try:
        frequencies, total, idf, median_idf = marshal.loads(cached.read_bytes())
        return frequencies, total, idf, median_idf
    except (OSError, EOFError, ValueError, TypeError):
        pass
    tables = build_keyword_tables(settings)
    try:
        partial = cached.with_name(f"{cached.name}.{os.getpid()}.part")
        partial.write_bytes(marshal.dumps(tables))
        os.replace(partial, cached)
    except OSError:  # a read-only temporary folder: build them every time
        pass
    return tables


class KeywordExtractor:
    """jieba's TF-IDF over its own tokenizer, which knows the domain terms, with the genre's
    stop words removed. Built once per settings and kept on disk (`keyword_tables`).

    The TF-IDF is jieba.analyse's `extract_tags`, done here: importing jieba.analyse also loads
    its part-of-speech tables and a second IDF table, 100 MB and a second in every worker,
    which keyword extraction never uses."""

    def __init__(self, settings: FindingSettings) -> None:
        jieba = import_jieba()

        jieba.setLogLevel(logging.WARNING)  # not its dictionary-loading chatter on every run
        self.settings = settings
        frequencies, total, self.idf, self.median_idf = keyword_tables(settings)
        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.FREQ, self.tokenizer.total = frequencies, total
        self.tokenizer.initialized = True
        self.stop_words = JIEBA_STOP_WORDS | set(read_word_list(settings.stopwords_file))

    def top_terms(self, text: str, count: int) -> list[str]:
        """The text's `count` weightiest words of two characters or more (stop words left
        out): its count of a word times the word's IDF, as jieba.analyse weighs them."""
        counts: dict[str, float] = {}
        for word in self.tokenizer.cut(text):
            if len(word.strip()) >= 2 and word.lower() not in self.stop_words:
                counts[word] = counts.get(word, 0.0) + 1.0
        total = sum(counts.values())
        weights = {w: n * (self.idf.get(w, self.median_idf) / total) for w, n in counts.items()}
        return sorted(weights, key=weights.__getitem__, reverse=True)[:count]

    def keywords(self, text: str) -> list[str]:
        """The text's top terms, most weighty first: words of two or more characters with at
        least one Chinese character, stop words left out."""
        words = [t for t in self.top_terms(text, self.settings.keywords * 3) if HAN.search(t) and not DIGIT.search(t)]
        return words[: self.settings.keywords]


@lru_cache(maxsize=4)
def keyword_extractor(settings: FindingSettings) -> KeywordExtractor:
    """The extractor for these settings, built on first use and kept (it holds no state
    that depends on a document)."""
    return KeywordExtractor(settings)


# ---------------------------------------------------------------- rows


def extract_findings(analysis: Analysis, settings: FindingSettings = FindingSettings()) -> list[dict[str, Any]]:
    """Rows of findings.parquet for one analysed document, in document order."""
    items = items_from_sections(analysis.elements, analysis.headings) + items_from_forms(analysis.tables)
    doc = analysis.doc
    if not items:
        return []
    extractor = keyword_extractor(settings)
    return [{"report_id": doc.report_id, "kind": item.kind, "seq": seq, "number": item.number,
             "heading": item.heading, "text": item.text, "section_seq": item.section_seq,
             "section": item.section, "page": item.page,
             "keywords": extractor.keywords("\n".join(p for p in (item.heading, item.text) if p))}
            for seq, item in enumerate(items)]
