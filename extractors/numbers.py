"""Numbers in budget-performance reports: money in 万元, percents, scores, years and
performance targets (`不少于130亿元` -> ('>=', 1300000.0, '万元')). Pure functions, no I/O.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex as re

# Full-width ASCII forms (１２ ％ ＝ ＞ ．) to ASCII, one character for one so that offsets
# into the caller's text still hold. The Chinese comma ， is kept: it separates clauses, so
# `1690，220万元` is two numbers, never 1690220.
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F) if c != 0xFF0C}
_FOLD.update({0x3000: 0x20, 0x00A0: 0x20, 0x2212: 0x2D})

# A number: sign, thousands separators (also misplaced ones, `14,8134.51`), decimals.
_NUM = (r"(?<![0-9.])[-+]?(?>[0-9]{1,3}(?:,[0-9]{3,4}(?![0-9]))+|[0-9]+)"
        r"(?:\.[0-9]+)?+(?![0-9])")
# `58,526.63`
NUMBER = re.compile(_NUM)

# Money units, longest first; `元` not when it starts a rate (`元/人`) or 元旦.
_MONEY_UNIT = r"万亿元|千万元|百万元|亿元|万元|千元|元(?![/每旦])"
_WAN_PER_UNIT = {
    "元": Decimal("0.0001"), "千元": Decimal("0.1"), "万元": Decimal(1), "万": Decimal(1),
    "百万元": Decimal(100), "千万元": Decimal(1000), "亿元": Decimal(10000),
    "亿": Decimal(10000), "万亿元": Decimal(100000000),
}
_MULTIPLIER = {"万": Decimal(10000), "亿": Decimal(100000000)}

# An amount with its unit; a bare 万/亿 (`100亿`) only when no other word follows it, since
# `10万人次` counts people; the caller decides whether a bare multiplier is money.
# `1,937 万元`
AMOUNT = re.compile(
    rf"(?P<num>{_NUM})\s*[余多]?\s*(?:(?P<unit>{_MONEY_UNIT})"
    r"|(?P<bare>万|亿)(?=$|[^\p{Han}]|的|以|及|左右))")

# A number with no unit, percent sign or word after it: a cell under `单位：万元`. `387664.62`
BARE_NUMBER = re.compile(rf"(?P<num>{_NUM})(?!\s*[%‰\p{{Han}}A-Za-z])")

# `99.60 %`
PERCENT = re.compile(rf"(?P<num>{_NUM})\s*%")

# A score with its 分 (not 分钟, not 三分之一). `91.48分`
SCORE = re.compile(rf"(?P<num>{_NUM})\s*分(?![钟之])")

# A year written with its 年, or a cell that is only a year. `2023 年度`
YEAR = re.compile(r"(?<![0-9.])(?P<year>(?:19|20)[0-9]{2})(?=\s*年)"
                  r"|^\s*(?P<year>(?:19|20)[0-9]{2})\s*$")
# A year in Chinese numerals. `二〇二三年`
CN_YEAR = re.compile(r"(?P<year>[〇○零一二三四五六七八九]{4})(?=\s*年)")
_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0"}

# Whitespace left by extraction anywhere except between two digits. `≥1 亿元`
SPACE_NOT_BETWEEN_DIGITS = re.compile(r"(?<![0-9])\s+|\s+(?![0-9])")

# Measure words that follow a count (量词), longest first when compiled.
_UNIT_WORDS = (
    "个工作日 个百分点 平方公里 平方米 千瓦时 人次 人天 人日 家次 场次 项次 批次 户次 件次 篇次 "
    "个月 工作日 百分点 季度 小时 学时 课时 分钟 公里 千米 公顷 千瓦 兆瓦 床位 "
    "人 家 场 项 个 次 门 条 篇 名 位 所 期 批 套 台 件 份 本 册 部 种 类 户 天 日 周 月 年 "
    "米 亩 吨 辆 间 座 处 张 支 队 组 届 轮 棵 株 头 只 幅 首 集 页 字 倍 分 例 宗 笔 节 % ‰"
).split()
_UNITS = "|".join(re.escape(u) for u in sorted(_UNIT_WORDS, key=len, reverse=True))

# One quantity of a target: number, 余/多, then a money unit, or 万/亿 and a measure word, a
# rate (`元/人`, `次/年`) included. Numbers touching Latin letters are codes (5G, GB50300).
# `1500万人次`
QUANTITY = re.compile(
    rf"(?<![A-Za-z])(?P<num>{_NUM})(?![A-Za-z])(?P<approx>[余多])?"
    rf"(?:(?P<money>{_MONEY_UNIT})(?!/)"
    rf"|(?P<mult>万|亿)?(?P<approx2>[余多])?"
    rf"(?P<unit>元/(?:{_UNITS})|(?:{_UNITS})(?:/(?:{_UNITS}))?)?)")

# A comparison written just before the number. `不少于`
PRE_OP = re.compile(
    r"(?:不少于|不低于|不小于|大于等于|至少|最少|超过|超|多于|高于|大于|>=|≥|≧|>"
    r"|不超过|不高于|不大于|不多于|小于等于|至多|最多|低于|少于|小于|<=|≤|≦|<"
    r"|等于|=|═|大约|约为|(?<![节制简合契条公])约|≈|~|(?<![提目之以当])前)$")
# A comparison written just after the quantity. `及以上`
POST_OP = re.compile(r"^(?:及|或)?(?:以上|以下|以内|之内|内|左右|上下)")
_OPS = {
    **dict.fromkeys(("不少于", "不低于", "不小于", "大于等于", "至少", "最少", "超过", "超",
                     "多于", "高于", "大于", ">=", "≥", "≧", ">", "以上", "余", "多"), ">="),
    **dict.fromkeys(("不超过", "不高于", "不大于", "不多于", "小于等于", "至多", "最多", "低于",
                     "少于", "小于", "<=", "≤", "≦", "<", "以下", "以内", "之内", "内", "前"), "<="),
    **dict.fromkeys(("等于", "=", "═"), "="),
    **dict.fromkeys(("大约", "约为", "约", "≈", "~", "左右", "上下"), "~"),
}
# Units a `前N…` rank counts in: `前5名` is a rank no worse than 5.
_RANK_UNITS = ("名", "位")
# A bare 内 is a deadline only after time (`15个工作日内`), not in `3个内容`.
_TIME_UNITS = ("个工作日", "工作日", "小时", "分钟", "天", "日", "周", "个月", "月", "季度", "年")

# A scoring rule rather than a target. `得12分`
SCORING_RULE = re.compile(r"[得扣](?:满|[0-9]+(?:\.[0-9]+)?)?分(?![率值])")
# A parenthetical remark. `（含省级2门）`
PAREN = re.compile(r"[（(][^（）()]*[)）]")


@dataclass(frozen=True)
class Amount:
    """A money amount found in text: its value in 万元, its unit as printed, its span."""

    value_wan: float
    unit: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Target:
    """A parsed performance target: comparison (>=, <=, =, ~), value and unit."""

    op: str | None
    value: float | None
    unit: str | None


NO_TARGET = Target(None, None, None)


def fold(text: str | None) -> str:
    """Full-width ASCII forms to ASCII (１２％ -> 12%), keeping length and the Chinese comma."""
    return (text or "").translate(_FOLD)


def _decimal(number_text: str) -> Decimal:
    """`58,526.63` -> Decimal('58526.63')."""
    return Decimal(number_text.replace(",", ""))


def parse_number(text: str | None) -> float | None:
    """The first number in text (`58,526.63` -> 58526.63, `１２` -> 12.0); None if none."""
    m = NUMBER.search(fold(text))
    return float(_decimal(m.group())) if m else None


def _wan(value: Decimal, unit: str) -> Decimal:
    """A Decimal amount in `unit` expressed in 万元."""
    factor = _WAN_PER_UNIT.get(fold(unit).strip())
    if factor is None:
        raise ValueError(f"unknown money unit {unit!r}")
    return value * factor


def to_wan(value: float, unit: str) -> float:
    """An amount in 元/千元/万元/亿元/万/亿 in 万元: (8971.0, '元') -> 0.8971."""
    return float(_wan(Decimal(repr(value)), unit))


def find_amounts(text: str | None, money_hint: bool = False) -> list[Amount]:
    """Every money amount in text, in order; a bare 万/亿 counts only with money_hint."""
    source = text or ""
    amounts = []
    for m in AMOUNT.finditer(fold(source)):
        unit = m.group("unit") or m.group("bare")
        if m.group("bare") and not money_hint:
            continue
        value = float(_wan(_decimal(m.group("num")), unit))
        amounts.append(Amount(value, unit, source[m.start():m.end()], m.start(), m.end()))
    return amounts


def parse_amount_wan(text: str | None, default_unit: str | None = None) -> float | None:
    """The first amount in text in 万元; a bare number is read in default_unit, else None."""
    amounts = find_amounts(text, money_hint=True)
    if amounts:
        return amounts[0].value_wan
    if default_unit is None:
        return None
    m = BARE_NUMBER.search(fold(text))
    return float(_wan(_decimal(m.group("num")), default_unit)) if m else None


def parse_percent(text: str | None) -> float | None:
    """The first percentage (`99.60%` -> 99.6, `98.86％` -> 98.86); None without a % sign."""
    m = PERCENT.search(fold(text))
    return float(_decimal(m.group("num"))) if m else None


def parse_score(text: str | None) -> float | None:
    """A score: the first `N分`, else the first number that is not a percent; `—` -> None."""
    s = fold(text)
    m = SCORE.search(s)
    if m:
        return float(_decimal(m.group("num")))
    plain = (n.group() for n in NUMBER.finditer(s) if not s[n.end():].lstrip().startswith("%"))
    number = next(plain, None)
    return float(_decimal(number)) if number else None


def parse_year(text: str | None) -> int | None:
    """The first 19xx/20xx year written with 年 (`2023年度`, `二〇二三年`) or alone; else None."""
    s = fold(text)
    m = YEAR.search(s)
    if m:
        return int(m.group("year"))
    m = CN_YEAR.search(s)
    if m:
        year = int("".join(_CN_DIGIT[c] for c in m.group("year")))
        return year if 1900 <= year <= 2099 else None
    return None


def _is_date(m: re.Match[str]) -> bool:
    """A `2023年` inside a target is a date, not a quantity."""
    return (m.group("unit") == "年" and not m.group("mult")
            and 1900 <= float(_decimal(m.group("num"))) <= 2099)


def _quantity(m: re.Match[str], money_hint: bool) -> tuple[float, str | None]:
    """Value and unit of a QUANTITY match: money in 万元, 万/亿 multipliers applied."""
    number = _decimal(m.group("num"))
    if m.group("money"):
        return float(_wan(number, m.group("money"))), "万元"
    mult, unit = m.group("mult"), m.group("unit")
    if mult and not unit and money_hint:
        return float(_wan(number, mult)), "万元"
    return float(number * _MULTIPLIER[mult] if mult else number), unit


def _op(text: str, m: re.Match[str], unit: str | None) -> str | None:
    """The comparison around a quantity; None when none is written or two disagree."""
    words = []
    pre = PRE_OP.search(text[:m.start()])
    if pre and (pre.group() != "前" or unit in _RANK_UNITS):
        words.append(pre.group())
    post = POST_OP.match(text[m.end():])
    if post and (post.group() != "内" or unit in _TIME_UNITS):
        words.append(post.group().lstrip("及或"))
    words += [w for w in (m.group("approx"), m.group("approx2")) if w]
    ops = {_OPS[w] for w in words}
    return ops.pop() if len(ops) == 1 else None


def parse_target(text: str | None, money_hint: bool = False) -> Target:
    """A target cell (`≥1 亿元`, `1500万人次以上`, `前5名`) as (op, value, unit); no guessing."""
    s = SPACE_NOT_BETWEEN_DIGITS.sub("", fold(text))
    if not s or SCORING_RULE.search(s):
        return NO_TARGET
    # `6门；…2门…；25门以上（含省级2门）` states several quantities: which one is the
    # target is a guess, so none is. A quantity in parentheses still counts here.
    found = [m for m in QUANTITY.finditer(s) if not _is_date(m)]
    if len(found) != 1:
        return NO_TARGET
    m = found[0]
    if any(p.start() < m.start() < p.end() for p in PAREN.finditer(s)):
        return NO_TARGET
    value, unit = _quantity(m, money_hint)
    return Target(_op(s, m, unit), value, unit)


def parse_actual(text: str | None, money_hint: bool = False) -> float | None:
    """An actual-value cell (`6036家`, `第3名`, `1.1 亿元`, `100%`) as a number; `有效` -> None."""
    return parse_target(text, money_hint).value


# Comparison cells of forms that print 指标性质 | 指标值 | 度量单位 apart; 定性 has none.
_FORM_OPS = {
    **dict.fromkeys(("≧", "≥", ">=", ">", "大于等于", "不低于", "不少于"), ">="),
    **dict.fromkeys(("≦", "≤", "<=", "<", "小于等于", "不高于", "不超过"), "<="),
    **dict.fromkeys(("═", "=", "等于"), "="),
    **dict.fromkeys(("≈", "~", "约"), "~"),
}


def target_from_parts(op_text: str | None, value_text: str | None, unit_text: str | None,
                      money_hint: bool = False) -> Target:
    """A target from a form's split cells: ('≧', '735', '人次') -> ('>=', 735.0, '人次')."""
    core = parse_target(value_text, money_hint)
    if core.value is None:
        return NO_TARGET
    op_cell = SPACE_NOT_BETWEEN_DIGITS.sub("", fold(op_text))
    op = None if op_cell == "定性" else _FORM_OPS.get(op_cell, core.op)
    value, unit = core.value, core.unit
    unit_cell = SPACE_NOT_BETWEEN_DIGITS.sub("", fold(unit_text))
    if unit is None and unit_cell:
        is_money = unit_cell in _WAN_PER_UNIT and (unit_cell not in _MULTIPLIER or money_hint)
        value, unit = (to_wan(value, unit_cell), "万元") if is_money else (value, unit_cell)
    return Target(op, value, unit)
