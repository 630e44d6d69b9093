"""Word's automatic list numbering (numbering.xml) rendered as the text Word shows: a heading
typed as `概述` in a list whose level reads `%1、` in Chinese counting is printed `一、概述`.
The sections extractor finds headings by such enumerators in the text, so a number that Word
generates must be written into the paragraph or the heading is lost.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex as re
from lxml import etree

from pipeline.readers.docx_styles import W, int_val

# A placeholder of a level's text: `%1` in `（%1）` stands for the counter of level 0.
LEVEL_PLACEHOLDER = re.compile(r"%([1-9])")

CN_DIGITS = "〇一二三四五六七八九"
CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


def chinese_counting(n: int, digits: str = CN_DIGITS, ten: str = "十") -> str:
    """3 -> 三, 12 -> 十二, 20 -> 二十, 105 -> 一百〇五 (Word's chineseCounting)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return (digits[tens] if tens > 1 else "") + ten + (digits[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        tail = "" if rest == 0 else (digits[0] + digits[rest] if rest < 10 else
                                     (digits[1] if rest < 20 else "") + chinese_counting(rest, digits, ten))
        return digits[hundreds] + "百" + tail
    return "".join(digits[int(d)] for d in str(n))


def _letters(n: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA (Word repeats the letter)."""
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


def _enclosed(n: int, first: int, last: int) -> str:
    """A number in an enclosed series (①, ⑴, ⒈), or plain digits past its end."""
    return chr(first + n - 1) if 1 <= n <= last else str(n)


def format_number(n: int, fmt: str) -> str:
    """A counter in a ``w:numFmt``: 3 in chineseCounting -> 三, in decimalEnclosedCircle -> ③."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "koreanCounting"):
        return chinese_counting(n)
    if fmt == "chineseLegalSimplified":
        return chinese_counting(n, CN_LEGAL, "拾")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand", "koreanDigital"):
        return "".join(CN_DIGITS[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return HEAVENLY_STEMS[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return EARTHLY_BRANCHES[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _enclosed(n, 0x2460, 20)
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, 0x2474, 20)
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, 0x2488, 20)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    return str(n)  # decimal, and formats without a Chinese reading (ordinal, cardinalText)


@dataclass(frozen=True)
class Level:
    """One level of a list: where it starts, how its counter is written, its text (`%1、`)
    and what separates the number from the paragraph (tab, space or nothing)."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    suffix: str = "\t"
    legal: bool = False  # w:isLgl: every counter in the text written as decimal


def read_level(el: etree._Element) -> Level:
    fmt = el.find(W + "numFmt")
    text = el.find(W + "lvlText")
    suff = el.find(W + "suff")
    suffix = {"space": " ", "nothing": ""}.get(suff.get(W + "val", "") if suff is not None else "", "\t")
    start = int_val(el.find(W + "start"))
    return Level(start=start if start is not None else 1,
                 fmt=fmt.get(W + "val", "decimal") if fmt is not None else "decimal",
                 text=text.get(W + "val", "") if text is not None else "",
                 suffix=suffix, legal=el.find(W + "isLgl") is not None)


@dataclass
class ListCounters:
    """The counters of one list as the document advances through it."""

    values: dict[int, int] = field(default_factory=dict)


@dataclass
class Numbering:
    """The lists of a document: ``label`` advances a list and returns what Word prints."""

    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, Level], dict[int, int]]] = field(default_factory=dict)
    counters: dict[str, ListCounters] = field(default_factory=dict)
    style_levels: dict[str, int] = field(default_factory=dict)  # style id -> the level linked to it

    def levels(self, num_id: str) -> dict[int, Level] | None:
        """The levels of list instance ``num_id`` with its overrides applied."""
        if num_id not in self.nums:
            return None
        abstract_id, overrides, _ = self.nums[num_id]
        return {**self.abstract.get(abstract_id, {}), **overrides}

    def label(self, num_id: str | None, ilvl: int) -> str:
        """The number Word prints for the next paragraph of list ``num_id`` at level ``ilvl``,
        with its separator (`一、` + tab); "" for no list, a bullet or a level without text."""
        if not num_id or num_id == "0":
            return ""
        levels = self.levels(num_id)
        if not levels or ilvl not in levels:
            return ""
        abstract_id, overrides, starts = self.nums[num_id]
        # A list instance that restarts numbering (a start override) counts on its own;
        # instances without one continue their abstract list, as Word does.
        key = f"num:{num_id}" if starts or overrides else f"abstract:{abstract_id}"
        if key not in self.counters:
            self.counters[key] = ListCounters({lv: s - 1 for lv, s in starts.items()})
        values = self.counters[key].values
        level = levels[ilvl]
        values[ilvl] = values[ilvl] + 1 if ilvl in values else level.start
        for deeper in [lv for lv in values if lv > ilvl]:
            del values[deeper]
        if level.fmt in ("bullet", "none") or not level.text:
            return ""

        def counter(m: re.Match[str]) -> str:
            lv = int(m.group(1)) - 1
            spec = levels.get(lv, Level())
            n = values.get(lv, spec.start)
            return format_number(n, "decimal" if level.legal and spec.fmt != "none" else spec.fmt)

        return LEVEL_PLACEHOLDER.sub(counter, level.text) + level.suffix


def read_numbering(root: etree._Element | None) -> Numbering:
    """The lists of a numbering.xml tree (None: a document without lists)."""
    numbering = Numbering()
    if root is None:
        return numbering
    for el in root.iter(W + "abstractNum"):
        aid = el.get(W + "abstractNumId")
        if aid is not None:
            numbering.abstract[aid] = {int(lv.get(W + "ilvl", "0")): read_level(lv)
                                       for lv in el.findall(W + "lvl") if lv.get(W + "ilvl", "0").isdigit()}
            for lv in el.findall(W + "lvl"):
                linked = lv.find(W + "pStyle")
                if linked is not None and lv.get(W + "ilvl", "0").isdigit():
                    numbering.style_levels[linked.get(W + "val", "")] = int(lv.get(W + "ilvl", "0"))
    for el in root.iter(W + "num"):
        nid = el.get(W + "numId")
        ref = el.find(W + "abstractNumId")
        if nid is None or ref is None:
            continue
        overrides: dict[int, Level] = {}
        starts: dict[int, int] = {}
        for ov in el.findall(W + "lvlOverride"):
            ilvl = int(ov.get(W + "ilvl", "0")) if ov.get(W + "ilvl", "0").isdigit() else 0
            start = int_val(ov.find(W + "startOverride"))
            if start is not None:
                starts[ilvl] = start
            lvl = ov.find(W + "lvl")
            if lvl is not None:
                overrides[ilvl] = read_level(lvl)
        numbering.nums[nid] = (ref.get(W + "val", ""), overrides, starts)
    return numbering
