"""Report fields as evidence: every reading of a field (a candidate) keeps its value, the method
that found it, its page and the text it came from. The report keeps the strongest reading (the
field's `methods` in the lexicon, strongest first); a weaker one that disagrees becomes a warning
naming both. fields.parquet shows every candidate, so an analyst sees where each value came from."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

import regex as re

from extractors.numbers import fold, parse_amount_wan, parse_percent
from schemas.text import TRAILING_PUNCT, canon, clean
from schemas.lexicon import (GRADE_WORD, GRADES, NOT_ORG_ENDINGS, ORG_SUFFIX, SUFFIX_CONTINUATIONS, FieldSpec,
                             alternation)
from schemas.warnings import WarningItem, warn

EVIDENCE_CHARS = 120
MAX_RATE = 1000.0  # percent: a larger 执行率 is figures run together, not a rate

Value = str | float | int


@dataclass(frozen=True)
class Candidate:
    """One reading of one report field."""

    field: str
    value: Value
    method: str  # title, table_kv, line_kv, prose, phrase, budget_block, form_total_row …
    page: int | None
    evidence: str  # the source text, at most EVIDENCE_CHARS characters

    def same_value(self, other: Value) -> bool:
        """One value read twice: numbers within 0.005; names equal once years and quotes are
        set aside, or one a part of the other (`某某经费` and `某县某某经费项目`)."""
        if isinstance(self.value, (int, float)) and isinstance(other, (int, float)):
            return abs(float(self.value) - float(other)) <= 0.005
        a, b = _loose(str(self.value)), _loose(str(other))
        return a == b or (bool(a) and bool(b) and (a in b or b in a))


# What two readings of a name may differ by and still be one name: a year, quotes. `2023年示范项目`
NAME_NOISE = re.compile(r"(?:19|20)\d{2}\s*年?度?|[“”\"'‘’《》]")


def _loose(text: str) -> str:
    return canon(NAME_NOISE.sub("", text))


def evidence_of(text: str, start: int, end: int) -> str:
    """The source text around a match, at most EVIDENCE_CHARS characters."""
    room = max(0, EVIDENCE_CHARS - (end - start)) // 2
    return clean(text[max(0, start - room): end + room])[:EVIDENCE_CHARS]


# ---------------------------------------------------------------------------------------------
# Values by type, from the text that follows a label.
# ---------------------------------------------------------------------------------------------

# A code printed before a unit's or project's name: `[155]`, `219001-`
LEADING_CODE = re.compile(r"^(?:\[\d+\]|【\d+】|\d{3,}\s*[-—－])\s*")
# Words after a unit's name that qualify it, not part of it: `某某局本级`, `某某局部门`, `（盖章）`
ORG_QUALIFIER = re.compile(r"(?:[（(]?盖章[)）]?|[（(]?本级[)）]?|部门|机关|本部)+$")
# An organisation's name: Han characters (and brackets) ending with a unit's last word, and a
# partnership's legal form. `某县教育局`, `某某会计师事务所（特殊普通合伙）`
ORG_NAME = re.compile(rf"^[\p{{Han}}（）()]{{2,40}}?{ORG_SUFFIX}(?:[（(](?:特殊)?(?:普通|有限)合伙[)）])?")
# The characters a name is made of, up to 40 and a suffix: `某某区(某某市新市区)建设局`
ORG_CHARS = re.compile(r"^\p{Han}[\p{Han}（）()]{1,45}")
SUFFIX_AT = re.compile(ORG_SUFFIX)
ORG_END = re.compile(f"{ORG_SUFFIX}$")
# A partnership's legal form after its name: `（特殊普通合伙）`
LEGAL_FORM = re.compile(r"[（(](?:特殊)?(?:普通|有限)合伙[)）]")
# A remark after a name: `（以下简称“市科协”）`
ORG_ASIDE = re.compile(r"[（(](?:以下|下称|简称)[^（）()]*[)）]")
# A suffix that begins a longer word (`社` of `社会`): the name goes on.
CONTINUED = re.compile(f"(?:{alternation(SUFFIX_CONTINUATIONS)})")
# A number of 分 at the start of a value: `98`, `95.5分`
LEADING_SCORE = re.compile(r"^\s*(?P<num>\d{1,3}(?:\.\d+)?)\s*(?:分)?(?![\d.%％])")
# A quoted or bare grade word at the start: `“优”`, `良好`
LEADING_GRADE = re.compile(rf"^\s*[“\"「『']?(?P<grade>{GRADE_WORD.pattern})")


def parse_org(text: str, whole: bool = True) -> str | None:
    """An organisation's name at the start of text: `濉溪县民政局` from `[155]濉溪县民政局`;
    `上海某某社会组织培育中心` whole (社 of 社会 ends no name); `某区管委会` from
    `某区管委会(行政主管部门)项目业主为…` in running text. A cell or a key's value (``whole``)
    that is one name is taken whole: `某市委宣传部`."""
    value = ORG_ASIDE.sub("", LEADING_CODE.sub("", clean(text)).strip())
    value = ORG_QUALIFIER.sub("", value) if ORG_NAME.fullmatch(ORG_QUALIFIER.sub("", value)) else value
    run = ORG_CHARS.match(value)
    if run is None:
        return None
    if whole and run.group() == value and _ends_name(value, len(value)) and ORG_END.search(value):
        return value
    for m in SUFFIX_AT.finditer(run.group()):
        end = m.end()
        if end >= 3 and _ends_name(value, end):
            legal = LEGAL_FORM.match(value, end)
            return value[:legal.end() if legal else end]
    return None


NOT_ORG_END = re.compile(f"(?:{alternation(NOT_ORG_ENDINGS)})$")


def _ends_name(value: str, end: int) -> bool:
    """Whether a name may end at ``end``: its last word is not the start of a longer word
    (`社` of `社会`) nor the end of a word that names no unit (`西部`, `地方政府`)."""
    return not CONTINUED.match(value, end - 1) and not NOT_ORG_END.search(value, 0, end)


# A report's own words after a name on a form's cover: `某项目支出` + `绩效自评报告`
REPORT_WORDS = re.compile(r"(?:绩效)?(?:自评|评价)(?:报告|表)$")


def parse_text(text: str) -> str | None:
    """A name: cleaned, without trailing punctuation or the report's words after it. A name
    glued to the key after it that starts with 项目 (`…建设项目` + `项目实施单位`) keeps one 项目."""
    value = REPORT_WORDS.sub("", TRAILING_PUNCT.sub("", clean(text)).strip(" |:："))
    if value.endswith("项目项目"):
        value = value[:-2]
    return value if 2 <= len(value) <= 80 else None


def parse_score_value(text: str) -> float | None:
    m = LEADING_SCORE.match(fold(text))
    if m is None:
        return None
    value = float(m.group("num"))
    return value if 0 <= value <= 120 else None


def parse_grade(text: str) -> str | None:
    m = LEADING_GRADE.match(text)
    return GRADES[m.group("grade")] if m else None


def parse_value(spec: FieldSpec, text: str, unit: str | None = None, whole: bool = True) -> Value | None:
    """The field's value at the start of text, of the field's type; None when there is none.
    ``whole``: the text is a cell or a key's value, not running text."""
    kind = spec.value
    if kind == "org":
        return parse_org(text, whole)
    if kind == "text":
        return parse_text(text)
    if kind == "score":
        return parse_score_value(text)
    if kind == "grade":
        return parse_grade(text)
    if kind == "percent":
        head = fold(text).lstrip()
        rate = parse_percent(head) if re.match(r"^\d[\d.]*\s*[%％]", head) else None
        return rate if rate is not None and rate <= MAX_RATE else None  # `202010100.00%`: cells run together
    if kind == "money":
        head = fold(text).lstrip()
        if not re.match(r"^\d", head):
            return None
        return parse_amount_wan(head, default_unit=unit)
    raise ValueError(f"unknown value type {kind!r}")


# ---------------------------------------------------------------------------------------------
# Choosing among candidates.
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Resolved:
    """The value a report keeps for each field, the candidate behind it, and the warnings."""

    values: dict[str, Value | None]
    chosen: dict[str, Candidate]
    warnings: tuple[WarningItem, ...]


def strength(methods: Sequence[str], method: str) -> int:
    """Rank of a method for a field (0 strongest); methods the field does not list rank last."""
    return methods.index(method) if method in methods else len(methods)


def resolve(candidates: Sequence[Candidate], methods: Mapping[str, Sequence[str]],
            quiet: Iterable[str] = (), quiet_fields: Iterable[str] = ()) -> Resolved:
    """Per field (the keys of ``methods``, each with its methods strongest first), the first
    candidate of its strongest method; other methods' disagreeing values are warned, each
    once, except the ``quiet`` methods' (a tally of years printed in the text)."""
    values: dict[str, Value | None] = {}
    chosen: dict[str, Candidate] = {}
    warnings: list[WarningItem] = []
    for name, order in methods.items():
        found = [c for c in candidates if c.field == name]
        if not found:
            values[name] = None
            continue
        ranked = sorted(enumerate(found), key=lambda kc: (strength(order, kc[1].method), kc[0]))
        best = ranked[0][1]
        values[name] = best.value
        chosen[name] = best
        if name in quiet_fields:  # a page's title and its cover's differ as a rule
            continue
        seen: list[Value] = []
        for _, other in ranked[1:]:
            if other.method == best.method or other.method in quiet or best.same_value(other.value) or any(
                    Candidate(name, v, "", None, "").same_value(other.value) for v in seen):
                continue
            seen.append(other.value)
            warnings.append(warn("field_conflict", f"{name}: {best.value} ({best.method}) kept; the document also "
                                 f"gives {other.value} ({other.method}: {other.evidence[:40]})", other.page))
    return Resolved(values=values, chosen=chosen, warnings=tuple(warnings))


def to_records(report_id: str, candidates: Sequence[Candidate], resolved: Resolved) -> list[dict[str, Any]]:
    """Rows of fields.parquet: every candidate, the kept ones marked."""
    rows = []
    for c in candidates:
        kept = resolved.chosen.get(c.field) is c
        rows.append({"report_id": report_id, "field": c.field, "value": _as_text(c.value),
                     "chosen": kept, "method": c.method, "page": c.page, "evidence": c.evidence})
    return rows


def _as_text(value: Value) -> str:
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)
