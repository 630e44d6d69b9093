"""Report fields read three ways, all from the lexicon's labels (schemas/lexicon.toml):

- ``table_kv``: a table cell holding a label, the value in the next cell to its right or, when
  that is empty, in the cell below (`主管部门 | 某县教育局`);
- ``line_kv``: a label on a line of keys and values, the value after it up to the next label
  (`项目名称中江县某某项目项目负责人…`, as scraped pages glue a form's cells);
- ``prose``: a label in running text and a value of the field's type within a few characters
  (`年初预算收入为65,372.31万元`), unless words between or around disqualify it;

plus ``phrase``: whole phrases the lexicon declares per field (`受某局委托`, `评定为“优秀”等级`).
Each reading is a Candidate; extractors.fields chooses among them.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import regex as re

from extractors.fields import Candidate, Value, evidence_of, parse_value
from extractors.numbers import AMOUNT, PERCENT, SCORE, fold
from schemas.text import CITATION, canon, clean
from schemas.document import Table
from schemas.lexicon import (FIELDS, FORM_STOP_LABELS, GRAND_TOTAL_LABELS, MONEY_UNIT, PROSE_CONNECTORS,
                             PROSE_NOT_BETWEEN, PROSE_WINDOW, FieldSpec, alternation, column_role)

# Every label of every field, to its field; stop labels (`项目负责人`) to None.
LABEL_FIELD: dict[str, str | None] = {label: None for label in FORM_STOP_LABELS}
LABEL_FIELD.update({label: spec.name for spec in FIELDS.values() for label in spec.all_labels})
CELL_LABELS = frozenset(label for spec in FIELDS.values() for label in spec.cell_labels)
# Any key of a form: where one key's value ends on a line of keys and values. `主管部门`. A key that
# is 项目 and another key (`项目实施单位`) is matched as the other: on a line whose cells were glued,
# `…资助项目实施单位…` keeps its 项目 in the name before it.
LINE_KEYS = [k for k in LABEL_FIELD if not (k.startswith("项目") and k[2:] in LABEL_FIELD
                                             and k[2:] not in CELL_LABELS)]
# (a key's brackets printed either width: `部门(单位)名称` is `部门（单位）名称`)
KEY = re.compile("(?:" + alternation(LINE_KEYS).replace("（", "[（(]").replace("）", "[）)]") + ")")


def key_label(matched: str) -> str:
    """The lexicon's label of a KEY match: its brackets full-width, as the lexicon writes them."""
    return matched.replace("(", "（").replace(")", "）")
# What may follow a key before its value: a note (`（盖章）`, `（万元）`, `(A)`), a colon, a bar.
AFTER_KEY = re.compile(r"\s*(?:[（(][^（）()|]{0,10}[)）]\s*)*[:：]?\s*(?:\|\s*)?")
# Where a value on a line of keys ends, besides the next key: a cell border or a sentence end.
VALUE_END = re.compile(r"\||[。；;]")
# A note in a table cell's label: `项目资金（万元）`, `主管部门(盖章)`, `执行率(B/A)`
CELL_NOTE = re.compile(r"[（(][^（）()]{0,12}[)）]")
# A boundary a short label (`部门`, `总分`) needs before it on a line: start, bar, space, punctuation.
BOUNDARY_BEFORE = re.compile(r"(?:^|[|\s:：，,。；;)）\d%…—])$")
# Keys this close together make a line of keys and values, even inside running text.
KEY_GAP = 40
# Punctuation between two keys that makes them words of a sentence, not a form's cells.
CLAUSE_BREAK = re.compile(r"[，,。；;、]")
# A phrase that scores one item: its 得分 is not the total. `指标分值4分`
ITEM_SCORE = re.compile(r"分值\s*\d|满分\s*\d|权重\s*\d")
# A value that opens with a verb of prose is no key's value: `主管部门为…` is prose's.
PROSE_VALUE_START = re.compile(r"(?:为|是|对|由|已|将|和|及|与|的)")
# What a short key (`部门`) needs after it on a line: a colon, a bar or a space, not more words.
BOUNDARY_AFTER = re.compile(r"\s*[:：|]|\s")
PROSE_CONNECTOR = re.compile(f"^(?:[（(][^（）()]{{0,20}}[)）]|\\s|{alternation(PROSE_CONNECTORS)})*")

PROSE_VALUE = {"score": SCORE, "percent": PERCENT, "money": AMOUNT}


def cell_key(cell: str) -> tuple[str | None, str | None]:
    """(field or None, money unit) of a table cell that is a label: `项目资金（万元）` is no
    field's label; `主管部门（盖章）` is the department's. (None, None) for other cells."""
    text = canon(cell).rstrip(":：")
    unit = _unit(text)
    key = CELL_NOTE.sub("", text).rstrip(":：")
    if key in LABEL_FIELD:
        return LABEL_FIELD[key], unit
    return None, unit


def _unit(text: str) -> str | None:
    m = MONEY_UNIT.search(text)
    return (m.group("unit") or m.group("unit2")) if m else None


def _is_key(cell: str) -> bool:
    return CELL_NOTE.sub("", canon(cell)).rstrip(":：") in LABEL_FIELD


def table_kv(tables: Sequence[Table], unit_hint: str | None) -> list[Candidate]:
    """Label cells and the values beside or below them."""
    out: list[Candidate] = []
    for table in tables:
        rows = table.rows
        if is_listing(rows):
            out.extend(_listing_kv(table, unit_hint))
            continue
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                name, unit = cell_key(cell) if cell else (None, None)
                if name is None or (c > 0 and row[c - 1] == cell):
                    continue
                spec = FIELDS[name]
                if name == "total_score" and canon(cell) in GRAND_TOTAL_LABELS:
                    rest = " | ".join(x for k, x in enumerate(row[c + 1:]) if x and x != cell)
                    value: Value | None = total_row_score(rest)
                    if value is not None:
                        out.append(Candidate(name, value, "table_kv", table.page_of_row(r),
                                             f"{clean(cell)} | {rest}"[:120]))
                    continue
                value_cell = _right_of(row, c, skip_empty=spec.value in ("org", "text"))
                # a value below its key only under a row of keys (`年初预算数 | 全年预算数`); under a
                # column title of a grid (`序号 | 指标 | 自评得分`) stands the first item's value
                if value_cell is None and r + 1 < len(rows) and c < len(rows[r + 1]) and all(
                        _is_key(x) for x in row if x):
                    below = rows[r + 1][c]
                    value_cell = below if below and not _is_key(below) and below != cell else None
                if value_cell is None:
                    continue
                value = parse_value(spec, value_cell, unit or unit_hint)
                if value is not None:
                    out.append(Candidate(name, value, "table_kv", table.page_of_row(r),
                                         f"{clean(cell)} | {clean(value_cell)}"[:120]))
    return out


def is_listing(rows: Sequence[tuple[str, ...]]) -> bool:
    """A header over one record: two rows, the first opening with `序号` and naming a name's
    column (`序号 | 主管部门 | 项目名称 | 评价结果` over `1 | 某镇人民政府 | 某项目 | 优`); a
    grid's first item under its titles (`序号 | 指标 | 自评得分`) is none."""
    return (len(rows) == 2 and bool(rows[0]) and column_role(canon(rows[0][0])) == "seq"
            and any(FIELDS[name].value in ("org", "text") for name in (cell_key(c)[0] for c in rows[0][1:] if c) if name))


def _listing_kv(table: Table, unit_hint: str | None) -> list[Candidate]:
    """Each label of a listing's header with the record's cell below it."""
    out: list[Candidate] = []
    header, record = table.rows
    for c, cell in enumerate(header):
        name, unit = cell_key(cell) if cell else (None, None)
        if name is None or c >= len(record) or not record[c]:
            continue
        value = parse_value(FIELDS[name], record[c], unit or unit_hint)
        if value is not None:
            out.append(Candidate(name, value, "table_kv", table.page_of_row(1), f"{clean(cell)} | {clean(record[c])}"[:120]))
    return out


def _right_of(row: tuple[str, ...], c: int, skip_empty: bool = False) -> str | None:
    """The next cell right of column c that is not the label's merged repeat, if not a key; a
    name may stand past one or two empty cells (`项目名称 | | 某某经费`: a merged label's
    scraped columns)."""
    empties = 0
    for k in range(c + 1, len(row)):
        cell = row[k]
        if cell == row[c]:
            continue
        if not cell:
            empties += 1
            if skip_empty and empties <= 2:
                continue
            return None
        return None if _is_key(cell) else cell
    return None


def line_kv(text: str, page: int | None, form_like: bool, unit_hint: str | None) -> list[Candidate]:
    """Keys and values on one line of text. On a form's line (``form_like``) every key counts;
    in running text a key counts with a colon after it (`项目名称：某项目`) or with another key
    close by (a form's cells glued into a paragraph)."""
    out: list[Candidate] = []
    keys = list(KEY.finditer(text))
    for k, m in enumerate(keys):
        name = LABEL_FIELD[key_label(m.group())]
        if name is None:
            continue
        after = AFTER_KEY.match(text, m.end())
        start = after.end() if after else m.end()
        colon = after is not None and bool(re.search(r"[:：|]", after.group()))
        dense = ((k + 1 < len(keys) and keys[k + 1].start() - m.end() <= KEY_GAP
                  and not CLAUSE_BREAK.search(text, m.end(), keys[k + 1].start()))
                 or (k > 0 and m.start() - keys[k - 1].end() <= KEY_GAP
                     and not CLAUSE_BREAK.search(text, keys[k - 1].end(), m.start())))
        if FIELDS[name].value == "score" and ITEM_SCORE.search(text, max(0, m.start() - 30), m.start()):
            continue  # `指标分值4分，评价得分4分` scores one item
        if not (form_like or colon or dense):
            continue
        if m.group() in CELL_LABELS and not (BOUNDARY_BEFORE.search(text[:m.start()])
                                             and (BOUNDARY_AFTER.match(text, m.end()) or colon or m.end() == len(text)
                                                  or m.group() in GRAND_TOTAL_LABELS)):
            continue
        if PROSE_VALUE_START.match(text, start):
            continue
        end = min([n.start() for n in keys[k + 1:] if n.start() >= start][:1] + [len(text)])
        border = VALUE_END.search(text, start, end)
        value_text = text[start: border.start() if border else end]
        value: Value | None
        if name == "total_score" and m.group() in GRAND_TOTAL_LABELS:
            value = total_row_score(text[start:end])
        else:
            note_unit = _unit(text[m.end():start])
            before_unit = _unit(text[:m.start()])
            value = parse_value(FIELDS[name], value_text, note_unit or before_unit or unit_hint)
        if value is not None:
            out.append(Candidate(name, value, "line_kv", page, evidence_of(text, m.start(), start + len(value_text))))
    return out


# The figures of a total row: `100 | 96`, `100 96`, `100100` (two figures run together)
ROW_FIGURES = re.compile(r"^\s*(?P<figs>\d[\d.]*(?:\s*(?:\|\s*)?\d[\d.]*)*)\s*分?")


def total_row_score(text: str) -> float | None:
    """The score on a 总分/合计 row: its second figure when it prints weight and score
    (`100 | 96`), the one when it prints one (`100分`); a pair run together (`100100`) only when
    one split gives a score no larger than its weight."""
    m = ROW_FIGURES.match(fold(text))
    if m is None:
        return None
    tokens = re.split(r"[\s|]+", m.group("figs").strip())
    numbers = [float(t) for t in tokens if re.fullmatch(r"\d+(?:\.\d+)?", t)]
    if len(numbers) >= 2:
        return numbers[1] if numbers[1] <= numbers[0] else None
    if len(tokens) != 1:
        return None
    token = tokens[0]
    if re.fullmatch(r"\d{1,3}(?:\.\d{1,2})?", token) and float(token) <= 120:
        return float(token)
    splits = [(float(token[:i]), float(token[i:])) for i in range(1, len(token))
              if re.fullmatch(r"[1-9]\d{0,2}(?:\.\d{1,2})?", token[:i])
              and re.fullmatch(r"(?:0|[1-9]\d{0,2})(?:\.\d{1,2})?", token[i:])]
    fitting = [s for s in splits if s[1] <= s[0] <= 120]
    return fitting[0][1] if len(fitting) == 1 else None


def prose(text: str, page: int | None, specs: Iterable[FieldSpec], unit_hint: str | None,
          not_before_extra: re.Pattern[str] | None = None) -> list[Candidate]:
    """Labels in running text and a value of the field's type right after them."""
    out: list[Candidate] = []
    for spec, pattern, method in _prose_patterns(specs):
        for m in pattern.finditer(text):
            before = text[max(0, m.start() - 12): m.start()]
            if spec.not_before and spec.not_before.search(before):
                continue
            if not_before_extra is not None and spec.value == "score" and not_before_extra.search(before):
                continue
            found = _value_after(spec, text, m.end(), unit_hint)
            if found is None:
                continue
            value, v_start, v_end = found
            if spec.not_after and spec.not_after.search(text[v_end: v_end + 12]):
                continue
            out.append(Candidate(spec.name, value, method, page, evidence_of(text, m.start(), v_end)))
    return out


def _prose_patterns(specs: Iterable[FieldSpec]) -> Iterable[tuple[FieldSpec, re.Pattern[str], str]]:
    for spec in specs:
        yield spec, spec.prose_pattern, "prose"
        if spec.fallback_pattern is not None:
            yield spec, spec.fallback_pattern, "prose_fallback"


def _value_after(spec: FieldSpec, text: str, pos: int, unit_hint: str | None) -> tuple[Value, int, int] | None:
    """A value of the field's type within the prose window after a label, with nothing between
    but connectors (`为`, `：`, `达到`) and words that do not disqualify it."""
    window = text[pos: pos + PROSE_WINDOW + 20]
    lead = PROSE_CONNECTOR.match(window)
    skip = lead.end() if lead else 0
    note = MONEY_UNIT.search(window[:skip]) if spec.value == "money" else None
    if note is not None:  # `计划投资额（万元）110.00`: the unit stands in the label's note
        figure = re.match(r"\s*[:：]?\s*(\d[\d,]*(?:\.\d+)?)(?![\d.%％])", window[skip:])
        if figure is not None:
            value = parse_value(spec, figure.group(1), note.group("unit") or note.group("unit2"))
            if value is not None:
                return value, pos + skip + figure.start(1), pos + skip + figure.end(1)
    pattern = PROSE_VALUE.get(spec.value)
    if pattern is not None:
        m = pattern.search(fold(window))
        if m is None or m.start() > PROSE_WINDOW or PROSE_NOT_BETWEEN.search(window[:m.start()]):
            return None
        if spec.value == "money" and not m.group("unit"):
            return None  # a bare 万/亿 is a count
        value = parse_value(spec, window[m.start():], unit_hint)
        return (value, pos + m.start(), pos + m.end()) if value is not None else None
    if spec.value in ("grade", "org") and skip:
        value = parse_value(spec, window[skip:] + text[pos + len(window): pos + len(window) + 40], whole=False)
        if value is None:
            return None
        return value, pos + skip, pos + skip + len(str(value))
    return None


def phrases(text: str, page: int | None, specs: Iterable[FieldSpec],
            not_before_extra: re.Pattern[str] | None = None) -> list[Candidate]:
    """The lexicon's phrases of each field in one sentence."""
    out: list[Candidate] = []
    cited = [m.span() for m in CITATION.finditer(text)]
    for spec in specs:
        for pattern in spec.phrases:
            for m in pattern.finditer(text):
                if any(a < m.start("value") < b for a, b in cited):
                    continue  # a cited document's title states nothing of this one
                before = text[max(0, m.start() - 12): m.start() + 2]
                if spec.not_before and spec.not_before.search(text[max(0, m.start() - 12): m.start()]):
                    continue
                if not_before_extra is not None and spec.value == "score" and (
                        not_before_extra.search(before) or not_before_extra.search(before[:-2])):
                    continue
                if spec.not_after and spec.not_after.search(text[m.end("value"): m.end("value") + 12]):
                    continue
                # the phrase's name as its anchors delimit it; a lazy name that stopped early
                # (`…城乡` of `…城乡建设局`) is read on from its start
                value = parse_value(spec, m.group("value"))
                if value is None and spec.value == "org":
                    value = parse_value(spec, text[m.start("value"): m.start("value") + 60], whole=False)
                if value is not None:
                    out.append(Candidate(spec.name, value, "phrase", page, evidence_of(text, m.start(), m.end())))
    return out
