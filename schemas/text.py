"""Text cleaning and the enumerators of Chinese official documents, shared by every reader
and extractor: artefact spaces, display width, 一、/（一）/1./（1）/① numbering.
"""
from __future__ import annotations

import unicodedata

import regex as re

# A CJK ideograph or CJK/full-width punctuation: the characters next to which a space is an
# extraction artefact rather than a word separator.
CJK = r"\p{Han}\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2026\u2014\u00b7《》〈〉"

# A space touching a CJK character on either side: `2023 年` -> `2023年`, `约 10万` -> `约10万`.
CJK_SPACE = re.compile(rf"(?<=[{CJK}])[ \t\u3000\u00a0]+|[ \t\u3000\u00a0]+(?=[{CJK}])")

# A space inside a decimal number split by extraction: `14,8134. 51` is rare; `0.5 分` is common.
NUMBER_INNER_SPACE = re.compile(r"(?<=\d[.,])\s+(?=\d)")

# A document cited by its title: `《关于开展2021年部门、政策和项目支出绩效自评工作的通知》`; what it
# says (its year, its project) is not said of the citing document.
CITATION = re.compile(r"《[^《》]{0,120}》")
# The attachment marker printed on a report's first page or as a running header: `附件 4`
ATTACHMENT_MARK = re.compile(r"^附件\s*[0-9一二三四五六七八九十]{0,3}\s*[:：]?$")

TERMINAL_PUNCT = "。！？；!?;"
TRAILING_PUNCT = re.compile(r"[。，,、；;：:\s]+$")
# `预算 执行\t率`: any run of whitespace, which a comparison key leaves out
WHITESPACE_RUN = re.compile(r"\s+")

# Enumerators, from the outermost level in. Each matches at the start of a line.
# level 1: `一、评价项目概述`, `二．` ; never `一是…`
ENUM_L1 = re.compile(r"^(?P<num>[一二三四五六七八九十]{1,3})\s*[、.．]\s*")
# level 2: `（一）项目背景`, `(二) 项目立项依据`
ENUM_L2 = re.compile(r"^[（(]\s*(?P<num>[一二三四五六七八九十]{1,3})\s*[)）]\s*")
# level 3: `1.项目绩效目标`, `2、过程管理`, `3．产出`; not `1.5万元` (a decimal)
ENUM_L3 = re.compile(r"^(?P<num>\d{1,2})\s*(?:[、．]|\.(?!\d))\s*")
# level 4: `（1）论证决策`, `(2) 目标设置`
ENUM_L4 = re.compile(r"^[（(]\s*(?P<num>\d{1,2})\s*[)）]\s*")
# level 5: `①完整性`
ENUM_L5 = re.compile(r"^(?P<num>[①-⑳㉑-㉟])\s*")
# `指标 1：企业创新积分评价企业数量` inside indicator tables
ENUM_INDICATOR = re.compile(r"^指标\s*\d+\s*[:：]\s*")

ENUMERATORS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, ENUM_L1), (2, ENUM_L2), (3, ENUM_L3), (4, ENUM_L4), (5, ENUM_L5),
)

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def clean(text: str | None) -> str:
    """Remove extraction artefacts: line breaks, CJK-adjacent spaces, runs of spaces."""
    if not text:
        return ""
    s = text.replace("\r", "").replace("\n", " ").replace("\t", " ").replace("\u00ad", "")
    s = CJK_SPACE.sub("", s)
    s = NUMBER_INNER_SPACE.sub("", s)
    s = re.sub(r"[ \u00a0]{2,}", " ", s)
    return s.strip()


def clean_name(text: str | None) -> str:
    """A name or heading: cleaned, without a leading enumerator or trailing 。/，."""
    s = clean(text)
    s = ENUM_INDICATOR.sub("", s)
    _, s = split_enumerator(s)
    return TRAILING_PUNCT.sub("", s)


def canon(text: str | None) -> str:
    """Comparison key: NFKC, no whitespace (full- and half-width forms compare equal)."""
    return WHITESPACE_RUN.sub("", unicodedata.normalize("NFKC", text or ""))


def split_enumerator(text: str) -> tuple[tuple[int, str] | None, str]:
    """`（一）项目背景` -> ((2, '（一）'), '项目背景'); text without an enumerator -> (None, text)."""
    for level, pattern in ENUMERATORS:
        m = pattern.match(text)
        if m:
            return (level, normalise_number(level, m.group("num"))), text[m.end():]
    return None, text


def normalise_number(level: int, num: str) -> str:
    """The enumerator as the contract prints it: `一`, `（一）`, `1`, `（1）`, `①`."""
    if level in (2, 4):
        return f"（{num}）"
    return num


def chinese_numeral(num: str) -> int | None:
    """`三` -> 3, `十二` -> 12; None for anything else."""
    if not num:
        return None
    if num.isdigit():
        return int(num)
    if num == "十":
        return 10
    if "十" in num:
        tens, _, ones = num.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(num)


def display_width(text: str) -> int:
    """Width in half-em columns: CJK and full-width characters count 2, others 1."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def ends_sentence(text: str) -> bool:
    """True when text ends with sentence-final punctuation (a paragraph may end here)."""
    s = text.rstrip().rstrip("”’\"')）")
    return bool(s) and s[-1] in TERMINAL_PUNCT
