"""The genre's vocabulary (schemas/lexicon.toml) loaded once, checked and compiled, and the
structural patterns every reader and extractor shares (page numbers, captions, number cells).

Nothing here knows a particular document: it is what any 绩效评价报告, 自评报告 or 自评表 prints.
Readers and extractors import their words from this module only.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping

import regex as re

from schemas.text import canon

LEXICON_FILE = Path(__file__).with_name("lexicon.toml")
VALUE_TYPES = ("org", "text", "score", "grade", "money", "percent")


def alternation(words: list[str] | tuple[str, ...] | frozenset[str]) -> str:
    """Words as one regex alternation, longest first so that `年初预算数` wins over `年初预算`."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class FieldSpec:
    """How one report field is printed: its labels, the type of its value, what disqualifies."""

    name: str
    value: str
    labels: tuple[str, ...]
    cell_labels: tuple[str, ...] = ()
    not_before: re.Pattern[str] | None = None
    not_after: re.Pattern[str] | None = None
    phrases: tuple[re.Pattern[str], ...] = ()
    methods: tuple[str, ...] = ("table_kv", "line_kv", "prose")
    fallback_labels: tuple[str, ...] = ()  # read in running text only when nothing else is

    @property
    def all_labels(self) -> tuple[str, ...]:
        """Labels that may stand as a table cell or a line key."""
        return self.labels + self.cell_labels

    @cached_property
    def prose_pattern(self) -> re.Pattern[str]:
        """Any of the labels that may stand in running text. `全年预算数为`"""
        return re.compile(f"(?:{alternation(self.labels)})")

    @cached_property
    def fallback_pattern(self) -> re.Pattern[str] | None:
        """The fallback labels in running text. `项目预算资金`"""
        return re.compile(f"(?:{alternation(self.fallback_labels)})") if self.fallback_labels else None


@dataclass(frozen=True)
class KindSpec:
    kind: str
    title: re.Pattern[str]
    text: re.Pattern[str]


def _compile(pattern: str | None) -> re.Pattern[str] | None:
    return re.compile(pattern) if pattern else None


def _load(path: Path = LEXICON_FILE) -> dict[str, Any]:
    with path.open("rb") as f:
        data = tomllib.load(f)
    for name, spec in data["fields"].items():
        if spec["value"] not in VALUE_TYPES:
            raise ValueError(f"{path.name}: field {name} has value type {spec['value']!r}, "
                             f"expected one of {VALUE_TYPES}")
    return data


_DATA = _load()

KINDS: tuple[KindSpec, ...] = tuple(
    KindSpec(kind=k["kind"], title=re.compile(k["title"]), text=re.compile(k["text"])) for k in _DATA["kinds"])
REPORT_KINDS: tuple[str, ...] = tuple(k.kind for k in KINDS)

GRADES: Mapping[str, str] = MappingProxyType(dict(_DATA["grades"]))
# A grade as printed: `优秀`, `良`, `合格`
GRADE_WORD = re.compile(f"(?:{alternation(list(GRADES))})")

PROSE_WINDOW: int = _DATA["prose"]["window"]
# Words between a label and its value that mean the value is something else: `年初预算中其中…`
PROSE_NOT_BETWEEN = re.compile(_DATA["prose"]["not_between"])
PROSE_CONNECTORS: tuple[str, ...] = tuple(_DATA["prose"]["connectors"])

FORM_STOP_LABELS: tuple[str, ...] = tuple(_DATA["form"]["stop_labels"])
# A money unit in a block's label or note: `项目资金（万元）`, `单位：万元`
MONEY_UNIT = re.compile(_DATA["form"]["money_unit"])
BUDGET_TOTAL_ROWS: tuple[str, ...] = tuple(_DATA["form"]["budget_total_rows"])

# The last words of a title: `…绩效评价报告`, `…支出绩效自评表`
TITLE_END = re.compile(f"{_DATA['title']['end']}$")
# A title's last words and a parenthetical naming the project: `…评价报告(2022年某某工作服务)`
TITLE_LINE = re.compile(f"{_DATA['title']['end']}(?:[（(][^（）()]{{2,60}}[)）])?$")

# The budget role also takes every label of the budget fields: `年初预算`, `调整后预算数`
_BUDGET_LABELS = [label for name in ("budget_initial_wan", "budget_final_wan", "expenditure_wan", "execution_rate")
                  for label in _DATA["fields"][name]["labels"] + _DATA["fields"][name].get("cell_labels", [])]
COLUMN_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (c["role"], re.compile(c["pattern"] + (f"|{alternation(_BUDGET_LABELS)}" if c["role"] == "budget" else "")))
    for c in _DATA["columns"])
HEADER_TERMS: tuple[str, ...] = tuple(_DATA["table"]["header_terms"])
HEADER_CELL_MAX_CHARS: int = _DATA["table"]["header_cell_max_chars"]
# A header cell: words only (`二级指标`, `分值`, `权重（%）`, `名称`)
HEADER_WORDS = re.compile(f"(?:{alternation(HEADER_TERMS)})")
# A name column's own title: `一级指标`, `指标名称`; not the data name `产出指标`
NAME_TITLE = re.compile(_DATA["table"]["name_title"])
# The end of a column title of a one-record listing: `发行金额(亿元)`, `评价结果`, `自评等级`
LISTING_TITLE_END = re.compile(f"(?:{alternation(list(_DATA['table']['listing_title_ends']))})\\s*(?:[（(][^（）()]{{1,6}}[)）])?$")
GRAND_TOTAL_LABELS: frozenset[str] = frozenset(_DATA["table"]["grand_total_labels"])
SUBTOTAL_LABELS: frozenset[str] = frozenset(_DATA["table"]["subtotal_labels"])
# A grand-total row's label, the whole cell: `合计`, `总分`
GRAND_TOTAL = re.compile(f"^(?:{alternation(GRAND_TOTAL_LABELS)})$")

LEVEL1_NAMES: tuple[str, ...] = tuple(_DATA["indicators"]["level1"])
BUDGET_INDICATOR: str = _DATA["indicators"]["budget_indicator"]
# Words that make a bare 万/亿 in a target money: `交易金额不少于100亿`
MONEY_WORDS = re.compile(_DATA["indicators"]["money_words"])

SECTION_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (r["role"], re.compile(f"(?:{alternation(r['words'])})")) for r in _DATA["section_roles"])

ORG_SUFFIXES: tuple[str, ...] = tuple(_DATA["organisations"]["suffixes"])
# The last words of an organisation's name: `局`, `委员会`, `中学`
ORG_SUFFIX = f"(?:{alternation(ORG_SUFFIXES)})"
SUFFIX_CONTINUATIONS: tuple[str, ...] = tuple(_DATA["organisations"]["suffix_continuations"])
NOT_ORG_ENDINGS: frozenset[str] = frozenset(_DATA["organisations"]["not_endings"])
# An evaluation firm's last words: `有限公司`, `事务所`
EVALUATOR_SUFFIX = f"(?:{alternation(_DATA['organisations']['evaluator_suffixes'])})"
# A finance bureau that commissions evaluations: `某县财政局`
# A department's label naming the unit above (`主管部门`), and one naming the unit itself (`单位名称`)
# (each matched against the text right before a value: `主管部门：`, `| 单位名称 |`)
_BEFORE_VALUE = r"\s*(?:[（(][^（）()]{0,10}[)）])?\s*[:：|]?\s*$"
SUPERIOR_LABEL = re.compile(f"(?:{alternation(_DATA['organisations']['superior_labels'])}){_BEFORE_VALUE}")
UNIT_LABEL = re.compile(f"(?<![\\p{{Han}}])(?:{alternation(_DATA['organisations']['unit_labels'])}){_BEFORE_VALUE}")
COMMISSIONER = re.compile(f"(?:{alternation(_DATA['organisations']['commissioners'])})$")
# A unit that is never the evaluated department when named in a sentence: `县人民政府`
NOT_DEPARTMENT = re.compile(f"(?<![镇乡])(?:{alternation(_DATA['organisations']['not_department'])})$")

# Placeholders of the fields' phrases: `{org}` an organisation's name, `{evaluator}` a firm's,
# `{num}` a number, `{grade}` a grade word, `{aside}` a short parenthetical.
PLACEHOLDERS: Mapping[str, str] = MappingProxyType({
    "{org}": rf"[\p{{Han}}（）()]{{2,40}}?{ORG_SUFFIX}",
    # `某某会计师事务所（特殊普通合伙）河南分所`: a firm, its legal form, its branch
    "{evaluator}": rf"[\p{{Han}}（）()]{{4,50}}?{EVALUATOR_SUFFIX}(?:[（(](?:特殊)?(?:普通|有限)合伙[)）])?"
                   r"(?:\p{Han}{1,8}?(?:分所|分公司))?",
    "{num}": r"\d+(?:\.\d+)?",
    "{grade}": GRADE_WORD.pattern,
    "{aside}": r"(?:[（(][^）)]{0,20}[)）])?",
    "{year}": r"(?:19|20)\d{2}\s*年度?",
})


def _phrase(pattern: str) -> re.Pattern[str]:
    for name, value in PLACEHOLDERS.items():
        pattern = pattern.replace(name, value)
    return re.compile(pattern)


FIELDS: Mapping[str, FieldSpec] = MappingProxyType({
    name: FieldSpec(name=name, value=spec["value"], labels=tuple(spec["labels"]),
                    cell_labels=tuple(spec.get("cell_labels", ())),
                    not_before=_compile(spec.get("not_before")), not_after=_compile(spec.get("not_after")),
                    phrases=tuple(_phrase(p) for p in spec.get("phrases", ())),
                    methods=tuple(spec.get("methods", FieldSpec.methods)),
                    fallback_labels=tuple(spec.get("fallback_labels", ())))
    for name, spec in _DATA["fields"].items()
})

_WEB = _DATA["webpage"]
# A breadcrumb: `您现在的位置：首页 > 政务公开 > 预算绩效`, `首页 >> 内容详情`
BREADCRUMB = re.compile(_WEB["breadcrumb"])
# A line of a web page's furniture: `发布时间：2023-05-06`, `浏览次数：52`, `版权所有：某某市人民政府`
WEB_FURNITURE = re.compile("(?:" + "|".join(f"(?:{p})" for p in _WEB["furniture"]) + ")")
# Furniture only at the page's edges (a cell elsewhere): `【打印】【关闭】`, `2023-05-06`, `• 收藏`
EDGE_FURNITURE = re.compile("(?:" + "|".join(f"(?:{p})" for p in _WEB["edge_furniture"]) + ")")
# A key of a page's metadata and its colon or brackets: `发布机构：`, `[ 索引号 ]`, `- 发布日期:`
META_KEY = re.compile(rf"(?<![\p{{Han}}A-Za-z])(?P<key>{alternation(_WEB['meta_keys'])})\s*(?P<mark>[\]】]|[:：|]|\s|$)")
PUBLISHER_KEYS: frozenset[str] = frozenset(_WEB["publisher_keys"])
SITE_BANNER = re.compile(_WEB["site_banner"])
# A metadata key alone on its line, its value on the next: `索引号`, `发布机构`, `名称`
BLOCK_KEYS: frozenset[str] = frozenset(_WEB["meta_keys"] + _WEB["block_keys"])
TITLE_KEYS: frozenset[str] = frozenset(_WEB["title_keys"])
NAV_WORDS: frozenset[str] = frozenset(_WEB["nav_words"])
# A file name on its own line: `2021年某局部门整体支出绩效自评报告.pdf`
FILE_NAME_LINE = re.compile(_WEB["file_name"], re.IGNORECASE)
PAGE_LABEL = re.compile(_WEB["page_label"])
# A first line that is a bare URL: `https://www.example.gov.cn/art/2023/5/6/art_1.html`
SOURCE_URL = re.compile(_WEB["source_url"])
# A document-sharing site's wrapper: `《某某自评表.docx》由会员分享,可在线阅读…`
WRAPPER_LINE = re.compile(_WEB["wrapper"])

# ---------------------------------------------------------------------------------------------
# The opening of a report its own unit evaluated: `我局已经对2018年度预算绩效进行自我评价`
SELF_EVALUATION = re.compile(_DATA["self_evaluation"]["text"])
# An opening that states a report: `现将…自评总结报告如下`
REPORT_STATEMENT = re.compile(_DATA["report_statement"]["text"])
# Kinds told by an untitled report's headings: (kind, a pattern per heading of its template)
SKELETONS: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...] = tuple(
    (s["kind"], tuple(re.compile(h) for h in s["headings"])) for s in _DATA["skeletons"])


def skeleton_kind(headings: Iterable[str]) -> str | None:
    """The kind whose template two of the headings follow, or None."""
    titles = list(headings)
    for kind, patterns in SKELETONS:
        if sum(any(p.search(t) for t in titles) for p in patterns) >= 2:
            return kind
    return None

# ---------------------------------------------------------------------------------------------
# Structural patterns of printed reports, shared by the readers and the extractors.
# ---------------------------------------------------------------------------------------------

# A page number alone on its line: `— 3 —`, `- 3 -`, `3`, `第3页`, `第 3 页 共 19 页`, `3/19`.
PAGE_NUMBER = re.compile(
    r"^[\s\-－—–_~·•]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4})?"
    r"(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?[\s\-－—–_~·•]*$")

# A table caption: `表1 2023年重点工作任务绩效目标表`, `表 2 综合评定结果`, `续表3`, `附表1`, `表2-1`;
# not `表明` or `表示`.
CAPTION = re.compile(r"^(?:续|附)?表\s*[0-9０-９一二三四五六七八九十]+(?:\s*[-－.．]\s*\d+)?(?!\d)")

# A unit line printed with a table: `单位：万元`, `（单位：元）`, `金额单位：万元`.
UNIT_LINE = re.compile(r"^[（(]?\s*(?:金额|计量)?单位\s*[:：]")

# A caption and its unit on one line: `表3 预算执行情况 单位：万元`.
CAPTION_WITH_UNIT = re.compile(r"^(?P<caption>.+?)\s*(?P<unit>[（(]?\s*(?:金额|计量)?单位\s*[:：].*)$")

# A note printed under a table, not one of its rows: `注：1.得分率=得分/分值`, `说明：…`,
# `数据来源：财务系统`, `备注：`.
TABLE_NOTE = re.compile(r"^[（(]?\s*(?:注|说明|备注|数据来源|资料来源)\s*\d?\s*[:：]")

# A cell that is only a number, as printed: `91.48`, `1,930.75`, `99.60%`, `-3`, `5分`.
NUMBER_CELL = re.compile(r"^[-+−]?\d[\d,，]*(?:\.\d+)?\s*(?:[%％]|分)?$")

# A cell printed as a dash or slash: nothing stated. `—`, `/`
EMPTY_MARK = re.compile(r"^[-—–/／]+$")


def is_number_cell(cell: str) -> bool:
    """A cell that holds one number and nothing else (`13.932`, `87.50%`, `5分`)."""
    return bool(NUMBER_CELL.match(cell.strip()))


def column_role(title: str) -> str:
    """The role of a column from its joined title (COLUMN_ROLES, first match), or `other`."""
    return next((role for role, pattern in COLUMN_ROLES if title and pattern.search(title)), "other")


def is_column_title(cell: str) -> bool:
    """A column title: short header words with a column role, no figures; a name column's title
    names a level or a name (`一级指标`, `指标名称`), so the data name `产出指标` is not one."""
    if not cell or len(cell) > HEADER_CELL_MAX_CHARS or is_number_cell(cell) or not HEADER_WORDS.search(cell):
        return False
    role = column_role(canon(cell))
    return role != "other" and (role != "name" or bool(NAME_TITLE.search(cell)))


@cache
def form_labels() -> frozenset[str]:
    """Every label of every field and the form's stop labels, as comparison keys: the words a
    form's key cells hold (`项目名称`, `项目主管单位`, `项目负责人`)."""
    words = [w for s in FIELDS.values() for w in s.all_labels] + list(FORM_STOP_LABELS)
    return frozenset(canon(w) for w in words)


def field_label_pattern(names: tuple[str, ...] | None = None) -> re.Pattern[str]:
    """Every label of the given fields (all fields when None) and the form's stop labels, as one
    alternation: where one key's value ends on a line of keys and values."""
    specs = [FIELDS[n] for n in names] if names else list(FIELDS.values())
    words = [w for s in specs for w in s.all_labels] + list(FORM_STOP_LABELS)
    return re.compile(f"(?:{alternation(words)})")


# A form's key and its colon opening a line or cell: a cover's field, `单位名称：某某公司`
COVER_KEY = re.compile(rf"^(?:{field_label_pattern().pattern})\s*(?:[（(][^（）()]{{0,10}}[)）])?\s*[:：]")
