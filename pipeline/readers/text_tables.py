"""Tables that PDF-to-text extraction flattened into lines: rebuild the grid from its fragments.

Cells side by side come out on one text line (space-separated) or on consecutive text lines; a cell
wrapped over printed lines comes out as several fragments. Where every printed line is followed by
a blank line (double-spaced files), consecutive text lines are one printed line. Data flow:
header_to_columns -> table_stop -> lines_to_fragments -> fragments_to_rows -> rows_to_grid.
Every rule that guesses adds a warning; rows that cannot be rebuilt give None, never a wrong table.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from itertools import combinations
from types import MappingProxyType
from typing import Final, Mapping, Sequence

import regex as re

from schemas.lexicon import column_role, is_column_title
from schemas.text import canon, clean, display_width, ends_sentence, split_enumerator
from schemas.lexicon import GRAND_TOTAL_LABELS, LEVEL1_NAMES, SUBTOTAL_LABELS
from schemas.document import Table


class Kind(Enum):
    """What a column holds, from its header word."""

    SEQ = "seq"  # 序号: a row starts at the next integer
    NAME = "name"  # 一级指标, 指标名称, 评价内容: text; vertically merged cells are left ''
    TEXT = "text"  # 年度指标值, 预期值, 完成情况: free text, often ending with a quantity
    VALUE = "value"  # 分值, 得分, 得分率, 合计: a number as printed


# What a column holds, by the role its title has in the lexicon's column roles; other titled
# columns hold text. A name column's title names a level (`一级指标`): `产出指标` is a row name.
ROLE_KINDS: Final[Mapping[str, Kind]] = MappingProxyType({
    "seq": Kind.SEQ, "name": Kind.NAME, "max": Kind.VALUE, "score": Kind.VALUE, "rate": Kind.VALUE,
    "group_total": Kind.VALUE,
})
# 一级指标 names of the genre, only a tie-breaker when widths allow joining a short line to the
# next: `履职效能` alone on its line before `工作管理 2.5` starts a group, it is not a wrap.
GROUP_NAMES: Final = frozenset(LEVEL1_NAMES)
ROW_LABELS: Final = GRAND_TOTAL_LABELS | SUBTOTAL_LABELS  # `合计`, `小计`: start a row like a 序号 does

# A value cell as printed: `87.50%`, `13.932`, `1,937.00`, `-2.5`, `2分`; `/` or `—` for none.
NUMBER = re.compile(r"[+-]?\d+(?:,\d{3})*(?:\.\d+)?\s*[%％分]?|[/／—-]+")
# A unit that a space cut off its number: `亿元` in `130 亿元`, `人次以上` in `10 人次以上`.
UNIT = re.compile(r"(?:[%％‰]|[万亿千百]?(?:元|人次|人|个|项|场|家|次|分|篇|条|门|所|户|天|年|月|日))"
                  r"(?:以上|以下|左右)?")
# Text ending with a quantity, as target cells do: `约10万`, `3000人`, `95%`, `130篇（项）`.
QUANTITY_END = re.compile(r"\d[\d,.]*\s*[%％‰]?\p{Han}{0,5}(?:[（(]\p{Han}{1,3}[)）])?$")
# A table caption: `表 2 综合评定结果`, `续表1`.
CAPTION = re.compile(r"^续?表\s*\d+")
# A token ending with a CJK character, which a following quantity continues: `约` in `约 10万`.
HAN_END = re.compile(r"\p{Han}$")
# A unit note closing a header word: `(%)` in `权重(%)`, `（单位）` in `预期值（单位）`.
UNIT_NOTE = re.compile(r"[（(][^）)]*[)）]$")
# Punctuation no column title contains: `，` in `1个，二级项目`.
SENTENCE_PUNCT = re.compile(r"[。，,；;：:]")
JOIN_AFTER: Final = "、，,（(：:；;“‘《"  # a space after these is inside a cell: `技术、 管理`
JOIN_BEFORE: Final = "、，,。）)：:；;”’》%％（("  # and before these: `预期值 (单位)`, `87.50 %`

HEADER_MAX_WIDTH: Final = 20  # 10 CJK characters: a longer token is no column title
PROSE_MIN_WIDTH: Final = 40  # 20 CJK characters: a line this wide is prose, not a cell line
WRAP_TOLERANCE: Final = 3  # half-width columns by which the full lines of one wrapped cell differ
MAX_FRAGMENTS: Final = 16  # more text fragments in one row than this: not a table row


@dataclass(frozen=True)
class FlatTable:
    """A rebuilt table, the index of the first line after it, and what had to be guessed."""

    table: Table
    end: int
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Fragment:
    """A piece of one cell, its text as in the file (so its width is the printed width)."""

    text: str
    line: int  # index in ``lines``
    printed: int  # fragments on one printed line were side by side: never one cell (unless glued)
    first: bool  # first fragment of its text line (where a 序号 or 合计 may start a row)
    glued: bool = False  # a quantity printed right after CJK text (`约 10万`)


@dataclass
class RawRow:
    """One table row's fragments before they are put into columns."""

    lead: Fragment | None = None  # the 序号 or 合计 that started the row
    texts: list[Fragment] = field(default_factory=list)
    values: list[Fragment] = field(default_factory=list)
    lone: set[int] = field(default_factory=set)  # values printed below the row: merged cells


def header_kind(title: str) -> Kind | None:
    """`年度指标值` -> TEXT, `得分/自评分` -> VALUE, `权重(%)` -> VALUE; None for other words."""
    word = UNIT_NOTE.sub("", title)
    if not is_column_title(word):
        return None
    return ROLE_KINDS.get(column_role(canon(word)), Kind.TEXT)


def split_cells(line: str, values: bool) -> list[tuple[str, bool]]:
    """Split a text line at the spaces between cells, as (cell, glued) pairs.

    Spaces after `、，（`, before `）%` and between a number and its unit (`130 亿元`) are inside a
    cell. A quantity after CJK text (`约 10万`, `参展商满意度 95%`) is glued: it continues the text
    unless the row needs it as a cell (`活动数量 20场` under 三级指标 年度指标值). A plain number
    is a cell of its own when the table has value columns (`决策 20`).
    """
    cells: list[tuple[str, bool]] = []
    for token in line.split():
        prev = cells[-1][0] if cells else ""
        if prev and (prev[-1] in JOIN_AFTER or token[0] in JOIN_BEFORE
                     or (prev[-1].isdigit() and UNIT.fullmatch(token) is not None)):
            cells[-1] = (f"{prev} {token}", cells[-1][1])
        else:
            glued = bool(prev) and token[0].isdigit() and HAN_END.search(prev) is not None
            cells.append((token, glued and not (values and NUMBER.fullmatch(token))))
    return cells


def header_to_columns(line: str) -> tuple[tuple[str, ...], tuple[Kind, ...]] | None:
    """`序号 评价内容 分值 得分 得分率` -> titles and kinds; None when the line is no header.

    A header has >= 3 short tokens without digits or punctuation, most of them header words
    (others are TEXT columns), and a column to read rows by (序号, text, value). 序号 can only
    come first, and no text column may follow a value column (a layout not rebuilt here).
    """
    if "\t" in line or ends_sentence(line):  # tab-separated rows are the text reader's own
        return None
    titles: tuple[str, ...] = ()
    for cell, glued in split_cells(line, values=False):
        titles = (*titles[:-1], titles[-1] + cell) if glued else (*titles, clean(cell))
    found = [header_kind(t) for t in titles]
    kinds = tuple(k or Kind.TEXT for k in found)
    values_from = kinds.index(Kind.VALUE) if Kind.VALUE in kinds else len(kinds)
    if (len(titles) < 3 or 2 * sum(k is not None for k in found) <= len(titles)
            or any(display_width(t) > HEADER_MAX_WIDTH or SENTENCE_PUNCT.search(t)
                   or any(ch.isdigit() for ch in t) for t in titles)
            or Kind.SEQ in kinds[1:] or all(k in (Kind.NAME, Kind.SEQ) for k in kinds)
            or any(k is not Kind.VALUE for k in kinds[values_from:])):
        return None
    return titles, kinds


def table_stop(lines: Sequence[str], start: int) -> int:
    """Index of the first line after the header that cannot be in the table: a heading (`（四）…`),
    a caption, a prose-wide line ending a sentence, the next header (or ``len(lines)``)."""
    return next((i for i in range(start + 1, len(lines)) if (s := lines[i]) and s != lines[start]
                 and (split_enumerator(s)[0] is not None or CAPTION.match(s) is not None
                      or (ends_sentence(s) and display_width(s) >= PROSE_MIN_WIDTH)
                      or header_to_columns(s) is not None)), len(lines))


def is_double_spaced(region: Sequence[str]) -> bool:
    """True when most text lines are followed by a blank line."""
    text = [i for i, s in enumerate(region[:-1]) if s]
    return bool(text) and 2 * sum(not region[i + 1] for i in text) > len(text)


def lines_to_fragments(lines: Sequence[str], start: int, stop: int, values: bool,
                       spaced: bool) -> list[Fragment]:
    """The table's lines as cell fragments, each knowing its printed line; a blank line inside a
    single-spaced table (a page break) separates nothing."""
    out: list[Fragment] = []
    printed = 0
    for i in range(start + 1, stop):
        if not lines[i] or lines[i] == lines[start]:  # blank, or the header repeated on a new page
            printed += spaced and not lines[i]
            continue
        printed += not spaced
        out.extend(Fragment(cell, i, printed, n == 0, glued)
                   for n, (cell, glued) in enumerate(split_cells(lines[i], values)))
    return out


def is_complete(row: RawRow, kinds: Sequence[Kind]) -> bool:
    """Can only a new row follow? With values: once it has one; else (no 序号) once its text ends
    with a quantity. With 序号 and no values, rows end at the next 序号 only."""
    if Kind.VALUE in kinds or kinds[0] is Kind.SEQ:
        return bool(row.values)
    return bool(row.texts) and QUANTITY_END.search(clean(row.texts[-1].text)) is not None


def fragments_to_rows(fragments: Sequence[Fragment], kinds: Sequence[Kind],
                      spaced: bool) -> tuple[list[RawRow], list[str]]:
    """Group fragments into rows until one cannot belong to the table.

    A row starts at a line beginning with the next 序号 (or 合计/总计/小计); without 序号, at text
    after a complete row. Numbers fill the row's value columns in order; in a double-spaced file a
    number printed below the row's other values is a merged cell (the 合计 of a group). Rows
    without values at the end are prose; without value columns the last row is open and ends
    before a line of prose width that is wider than any line before it.
    """
    seq, n_values = kinds[0] is Kind.SEQ, kinds.count(Kind.VALUE)
    rows: list[RawRow] = []
    notes: list[str] = []
    expected = 1
    for n, f in enumerate(fragments):
        text, row = clean(f.text), (rows[-1] if rows else None)
        after = fragments[n + 1].text if n + 1 < len(fragments) else ""
        # `2` is the next 序号 unless the row above lacks values and a number follows
        # (one cell a line: `1 / 决策 / 20 / 2 / 1.5`, where 2 is a score)
        short = row is not None and len(row.values) < n_values
        next_seq = seq and text == str(expected) and not (short and row and not row.values) \
            and not (short and NUMBER.fullmatch(after))
        if f.first and (text in ROW_LABELS or next_seq):
            rows.append(RawRow(lead=f))
            expected += next_seq
        elif n_values and NUMBER.fullmatch(f.text):
            if row is None or len(row.values) >= n_values:
                break
            if spaced and row.values and f.printed != row.values[-1].printed:
                row.lone.add(len(row.values))
                notes.append(f"row {len(rows)}: lone number {text} (line {f.line + 1}) taken as "
                             "the merged cell of the next empty value column")
            row.values.append(f)
        elif row is None or is_complete(row, kinds):
            if seq:
                break
            rows.append(RawRow(texts=[f]))
        else:
            row.texts.append(f)
    while rows and n_values and not is_complete(rows[-1], kinds):
        rows.pop()
    widest = 0
    for f in fragments if rows and not n_values else ():
        if f in rows[-1].texts and f.first and display_width(f.text) >= max(
                PROSE_MIN_WIDTH, widest + WRAP_TOLERANCE + 1):
            rows[-1].texts = [t for t in rows[-1].texts if t.line < f.line]
            notes.append(f"row {len(rows)}: line {f.line + 1} is wider than the table's lines: "
                         "prose, the table ends before it")
            break
        widest = max(widest, display_width(f.text))
    return rows, notes


def is_wrapped_cell(part: Sequence[Fragment], widest_single: int) -> bool:
    """Can these fragments be one cell wrapped over printed lines?

    One piece a printed line (a fragment and the quantities glued to it); all pieces but the last
    share a width (the column's wrap width), the last is no wider, and the first is full: its width
    plus the next character exceeds the widest one-line cell of the column (else no wrap).
    """
    widths: list[int] = []
    for a, b in zip((None, *part), part):
        if a is not None and b.glued and a.printed == b.printed:
            widths[-1] += 1 + display_width(b.text)
        elif a is not None and a.printed >= b.printed:
            return False
        else:
            widths.append(display_width(b.text))
    if len(widths) == 1:
        return True
    full, follows = max(widths[:-1]), next(f for f in part if f.printed != part[0].printed)
    return (full - min(widths[:-1]) <= WRAP_TOLERANCE and widths[-1] <= full + 1
            and full + display_width(follows.text[0]) > widest_single)


def texts_to_cells(texts: Sequence[Fragment], kinds: Sequence[Kind], c_min: int,
                   widest: Sequence[int]) -> tuple[tuple[str, ...], list[str]] | None:
    """A row's text fragments as few cells as the wrap rules allow (>= c_min), right-aligned to
    the text columns: leading name columns left '' are merged from above. None: no partition."""
    k, m = len(texts), len(kinds)
    if k == 0 or k > MAX_FRAGMENTS or m == 0:
        return (("",) * m, []) if k == 0 else None
    by_vocab = False
    for c in range(min(c_min, k), min(m, k) + 1):
        valid: list[list[Sequence[Fragment]]] = []
        for cuts in combinations(range(1, k), c - 1):
            parts = [texts[a:b] for a, b in zip((0, *cuts), (*cuts, k))]
            if all(is_wrapped_cell(p, widest[m - c + i]) for i, p in enumerate(parts)):
                # a group name alone on its line belongs in the empty name column on its left
                vocab = (m > c and kinds[m - c - 1] is Kind.NAME and len(parts[0]) > 1
                         and clean(parts[0][0].text) in GROUP_NAMES)
                by_vocab |= vocab
                valid += [] if vocab else [parts]
        if not valid:
            continue

        def score(parts: list[Sequence[Fragment]]) -> int:  # target texts that end with a quantity
            return sum(kinds[m - c + i] is Kind.TEXT and QUANTITY_END.search(
                clean(" ".join(f.text for f in p))) is not None for i, p in enumerate(parts))
        best = max(valid, key=score)
        ties = sum(score(p) == score(best) for p in valid)
        notes = [f"{ties} ways to join its fragments; took the first"] if ties > 1 else []
        notes += ["a one-line group name (一级指标 vocabulary) starts a group"] if by_vocab else []
        return ("",) * (m - c) + tuple(clean(" ".join(f.text for f in p)) for p in best), notes
    return None


def single_widths(rows: Sequence[RawRow], kinds: Sequence[Kind], n_fixed: int) -> list[int]:
    """Widest one-line cell per text column, from rows that cannot have wrapped (all on one
    printed line, or no more fragments than cells)."""
    widest = [0] * len(kinds)
    for r, row in enumerate(rows):
        c_min = len(kinds) if r == 0 else n_fixed
        if len(row.texts) <= c_min or len({f.printed for f in row.texts}) == 1:
            built = texts_to_cells(row.texts, kinds, c_min, widest)
            for j, cell in enumerate(built[0] if built else ()):
                widest[j] = max(widest[j], display_width(cell))
    return widest


Grid = tuple[list[tuple[str, ...]], list[str]]  # rows of cleaned cells, warnings


def rows_to_grid(rows: Sequence[RawRow], kinds: Sequence[Kind]) -> Grid | int:
    """Rows of fragments -> grid and warnings, or the (1-based) row that fits no partition.

    The first row fills every text column; later rows at least those from the last name column
    on, the name columns left of them being merged from above."""
    text_cols = [j for j, k in enumerate(kinds) if k in (Kind.NAME, Kind.TEXT)]
    value_cols = [j for j, k in enumerate(kinds) if k is Kind.VALUE]
    names = [i for i, j in enumerate(text_cols) if kinds[j] is Kind.NAME]
    n_fixed = len(text_cols) - (names[-1] if names else 0)
    widest = single_widths(rows, [kinds[j] for j in text_cols], n_fixed)
    grid: list[list[str]] = []
    notes: list[str] = []
    for r, row in enumerate(rows, start=1):
        label = row.lead is not None and clean(row.lead.text) in ROW_LABELS
        cols = text_cols[1:] if label and text_cols[:1] == [0] else text_cols
        c_min = 0 if label else len(cols) if r == 1 else n_fixed
        built = texts_to_cells(row.texts, [kinds[j] for j in cols], c_min,
                               widest[len(widest) - len(cols):])
        if built is None:
            return r
        cells, why = built
        pieces = sum(not f.glued for f in row.texts)
        if pieces > sum(map(bool, cells)):
            n = pieces + len(row.values) + (row.lead is not None)
            why.insert(0, f"{n} fragments for {len(kinds)} columns; joined wrapped fragments")
        elif len(row.texts) < c_min:
            why.insert(0, f"{len(row.texts)} text cells for {c_min} columns; left the first empty")
        notes += [f"row {r}: {w}" for w in why]
        out = [""] * len(kinds)
        out[0] = clean(row.lead.text) if row.lead is not None else ""
        for j, cell in (*zip(cols, cells), *zip(value_cols, (clean(f.text) for f in row.values))):
            out[j] = cell
        grid.append(out)
        for i in sorted(row.lone):  # a merged value belongs to its group's first row
            j, g = value_cols[i], len(grid) - 1
            while names and g > 0 and not grid[g][text_cols[names[0]]]:
                g -= 1
            if g < len(grid) - 1 and not grid[g][j]:
                grid[g][j], grid[-1][j] = grid[-1][j], ""
    return [tuple(row) for row in grid], notes


def find_flat_table(lines: Sequence[str], start: int) -> FlatTable | None:
    """The flattened table whose header is ``lines[start]`` (lines stripped, '' when blank), or
    None when that line is no header or its rows cannot be rebuilt."""
    if not 0 <= start < len(lines) or (columns := header_to_columns(lines[start])) is None:
        return None
    titles, kinds = columns
    stop = table_stop(lines, start)
    spaced = is_double_spaced(lines[start + 1:stop])
    fragments = lines_to_fragments(lines, start, stop, Kind.VALUE in kinds, spaced)
    rows, notes = fragments_to_rows(fragments, kinds, spaced)
    while rows and isinstance(built := rows_to_grid(rows, kinds), int):
        last = rows[-1]
        if built != len(rows) or not last.texts or last.values:
            return None  # a row fits no partition: no table rather than a wrong one
        cut = last.texts[-1].line  # the open last row ran into prose: end before that line
        notes.append(f"row {len(rows)}: line {cut + 1} does not fit the row; table ends before it")
        last.texts = [f for f in last.texts if f.line < cut]
        if not last.texts:
            rows.pop()
    if not rows or isinstance(built, int) or not any(row.texts or row.values for row in rows):
        return None
    grid, more = built
    used = [f.line for row in rows for f in (row.lead, *row.texts, *row.values) if f is not None]
    where = f"flattened table after line {start + 1}"
    return FlatTable(Table(rows=(titles, *grid), header_rows=1), end=max(used) + 1,
                     warnings=tuple(f"{where}: {n}" for n in notes + more))
