"""reports.parquet and fields.parquet: what the document is (title, kind, year, department,
project, evaluator) and its headline figures (total score, grade, budgets, spending, execution
rate), each chosen among the readings the document gives, with the evidence for every one."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

import regex as re

from extractors.analysis import Analysis
from extractors.budget import MONEY_ROLES, money_unit
from extractors.fields import Candidate, parse_value, resolve, to_records
from extractors.kv import ITEM_SCORE, KEY, LABEL_FIELD, key_label, line_kv, phrases, prose, table_kv
from extractors.scores import level1_names
from schemas.text import CITATION, canon, clean
from extractors.title import (department_from_title, evaluator_from_title, issuer_candidates, kind_of,
                              project_from_title, title_candidates, year_candidates)
from schemas.lexicon import (COMMISSIONER, FIELDS, GRADE_WORD, GRADES, GRAND_TOTAL, LISTING_TITLE_END, META_KEY,
                             MONEY_UNIT, NOT_DEPARTMENT, PUBLISHER_KEYS, SITE_BANNER, SUPERIOR_LABEL, UNIT_LABEL,
                             is_column_title, skeleton_kind)
from schemas.warnings import WarningItem, warn

# How far into a long text the key-value and prose readers look: who was evaluated, by whom, and
# the headline figures are stated on a report's first pages, and a 20 MB paragraph would cost
# minutes of backtracking for nothing.
HEAD_CHARS = 30000
OPENING_CHARS = 1200  # the opening text that tells a report's kind when its title does not
SENTENCE_END = re.compile(r"(?<=[。；;])")
# The report's own fields and, for each report kind, the fields it cannot have: a department-wide
# report evaluates no project; a self-evaluation has no third-party evaluator; a neighbouring
# document (部门决算, 部门预算, 申报表, news) states no score or grade of its own.
NOT_FOR_KIND = {
    "department_self_evaluation": {"project_name", "evaluator"},
    "department_evaluation": {"project_name"},
    "project_self_evaluation": {"evaluator"},
    "project_evaluation": set(),
    "other": {"total_score", "grade"},
}
# Methods whose department is a unit named in a sentence: a commissioning finance bureau or a
# 人民政府 named there is not the unit evaluated.
SENTENCE_METHODS = ("prose", "phrase")
# Methods that read a value under its label (a form's cell, `评价单位：…`), not from a sentence.
LABELLED_METHODS = ("table_kv", "line_kv")
# Which reading wins, strongest first: the lexicon's fields' own orders, and the title's and year's.
METHODS: dict[str, tuple[str, ...]] = {
    "title": ("title", "text_head", "table_title", "title_alt", "file_name", "headline"),
    "fiscal_year": ("title", "form_header", "text_head", "table_title", "statement", "period", "file_name", "breadcrumb",
                    "prose_tally", "headline", "year_tally"),
    **{name: spec.methods for name, spec in FIELDS.items()},
}
# Readings too weak to warn about when a stronger one disagrees: tallies of years, loose labels,
# a page's publisher.
QUIET = ("prose_tally", "year_tally", "prose_fallback", "publisher", "headline", "title_alt")
# A name that opens with a place: `广州市…`, `大足区…`, `西藏…`
PLACE_START = re.compile(r"^[\p{Han}]{1,8}?(?:省|市|县|区|州|盟|旗|自治区|西藏|新疆|内蒙古|广西|宁夏)")
PLACE_END = r"(?:省|市|县|区|州|盟|旗)"
# An office inside a unit: `财务与资产管理处`, `预算股`, `办公室`
DIVISION = re.compile(r"(?:处|科|股|室)$")
TOWN_END = re.compile(r"(?:镇|乡|县|区|街道)$")
# Where a run of a flattened form's cells breaks between figures or keyed cells: ` | `
CELL_BREAK = re.compile(r"\s\|\s")
# Fields that hold a name: a table's column title is none of them.
NAME_FIELDS = ("department", "implementing_unit", "project_name", "evaluator")
BUDGET_FIELDS = {"initial": "budget_initial_wan", "final": "budget_final_wan", "spent": "expenditure_wan",
                 "rate": "execution_rate"}


@dataclass(frozen=True)
class ReportExtraction:
    """A document's reports row (without status), its fields rows, and what was noticed."""

    row: dict[str, Any]
    fields: list[dict[str, Any]]
    warnings: list[WarningItem]


def extract_report(analysis: Analysis) -> ReportExtraction:
    """The reports.parquet row of one document and the evidence for each of its fields."""
    doc = analysis.doc
    titles = title_candidates(analysis.elements, doc.furniture)
    opening = "\n".join(r.text for r in analysis.runs)[:OPENING_CHARS]  # one run a line
    found = field_candidates(analysis, titles)
    form = form_of(found, analysis)
    # `评价单位：` the evaluated unit itself: a self-evaluation, no third party
    own = {canon(str(c.value)) for c in found if c.field in ("department", "implementing_unit")
           and c.method in LABELLED_METHODS}
    itself = [c for c in found if c.field == "evaluator" and canon(str(c.value)) in own]
    found = [c for c in found if c not in itself]
    found = _units_under_their_superior(found)
    has_evaluator = any(c.field == "evaluator" for c in found)
    kind = kind_of([str(t.value) for t in titles if t.method != "headline"], opening, form, has_evaluator,
                   evaluated_itself=bool(itself), skeleton=skeleton_kind(h.title for h in analysis.headings))
    excluded = NOT_FOR_KIND[kind]
    candidates = [c for c in list(titles) + found if c.field not in excluded and _plausible(c)
                  and not (kind == "other" and c.field == "project_name" and c.method == "title")]
    if kind == "other" and len({c.value for c in candidates if c.field == "project_name" and c.method == "phrase"}) > 1:
        # a notice naming several projects' evaluations names none as its own
        candidates = [c for c in candidates if not (c.field == "project_name" and c.method == "phrase")]
    resolved = resolve(candidates, METHODS, quiet=QUIET, quiet_fields=("title",))
    values = dict(resolved.values)
    warnings = list(resolved.warnings)
    if values.get("department") is None and values.get("implementing_unit") is not None and kind != "other":
        values["department"] = values["implementing_unit"]  # a form naming one unit: that unit's spending
        warnings.append(warn("department_is_implementing_unit",
                             f"department: none named; the 实施单位 {values['implementing_unit']} taken"))
    if values.get("department") is not None:
        values["department"] = fuller_name(str(values["department"]), candidates, analysis)
    if kind == "department_evaluation" and _self_published(values.get("department"), candidates, opening):
        kind = "department_self_evaluation"
        warnings.append(warn("kind_inferred", f"report_kind: a 部门整体支出绩效评价报告 that names no evaluator and no "
                             f"commissioning body, published by {values['department']} itself: read as its self-evaluation"))
    if values.get("budget_final_wan") is None and values.get("budget_initial_wan") is not None:
        values["budget_final_wan"] = values["budget_initial_wan"]  # the only budget named
    if values.get("title") is None:
        warnings.append(warn("title_missing", "title: no title found on the first page"))
    row = {"title": values.get("title"), "report_kind": kind, **{k: values.get(k) for k in (
        "fiscal_year", "department", "project_name", "implementing_unit", "evaluator", "total_score", "grade",
        "budget_initial_wan", "budget_final_wan", "expenditure_wan", "execution_rate")}}
    return ReportExtraction(row=row, fields=to_records(doc.report_id, candidates, resolved), warnings=warnings)


def _units_under_their_superior(found: list[Candidate]) -> list[Candidate]:
    """Where a form names its 主管部门, a unit it names under `单位名称` is the implementing
    unit, not the department (`单位名称：某某公司` above `主管部门：某县住房和城乡建设局`)."""
    labelled = [c for c in found if c.field == "department" and c.method in LABELLED_METHODS]
    if not any(SUPERIOR_LABEL.search(_before_value(c)) for c in labelled):
        return found
    return [replace(c, field="implementing_unit") if c in labelled and UNIT_LABEL.search(_before_value(c)) else c
            for c in found]


def _before_value(c: Candidate) -> str:
    """The evidence up to a reading's value: its label and what stood before."""
    evidence = canon(c.evidence)
    at = evidence.find(canon(str(c.value)))
    return evidence[:at] if at >= 0 else ""


def _self_published(department: object, candidates: list[Candidate], opening: str) -> bool:
    """A department's evaluation report that its own unit publishes (the page's publisher or
    site owner), with no third party and nobody commissioning it (`委托`): its self-evaluation.
    A third party's evaluation of a department names its evaluator or the finance bureau that
    commissioned it, and is published by that bureau."""
    if department is None or any(c.field == "evaluator" for c in candidates) or "委托" in CITATION.sub("", opening):
        return False
    return any(c.method == "publisher" and canon(str(c.value)) == canon(str(department)) for c in candidates)


def form_of(found: list[Candidate], analysis: Analysis) -> str | None:
    """The kind a form's cells tell when its title does not: a 自评表 has a unit's keys (项目名称,
    主管部门, 实施单位 or 单位名称) and its results (spending or scores); one without a project is a
    department's. None for a document that is no such form (a 绩效目标申报表 has no results)."""
    keys = {c.field for c in found if c.method in ("table_kv", "line_kv")}
    results = {c.field for c in found} & {"expenditure_wan", "execution_rate", "total_score"}
    if not results or not keys & {"project_name", "department", "implementing_unit"}:
        return None
    if "project_name" in keys:
        return "project_self_evaluation"
    return "department_self_evaluation" if "department" in keys else None


def _plausible(c: Candidate) -> bool:
    """A commissioning finance bureau or a 人民政府 named in a sentence (or publishing the page,
    or heading it as the site's owner) is not the department; a column's title (`序号`,
    `发行金额（亿元）`) beside a label is no name."""
    if c.field in NAME_FIELDS and isinstance(c.value, str) and (
            is_column_title(c.value) or MONEY_UNIT.search(c.value)
            or (c.field == "project_name" and len(c.value) <= 20 and LISTING_TITLE_END.search(c.value))):
        return False  # `债券性质`, `发行金额（亿元）`: the header cells right of `项目名称`
    if c.method == "publisher" and DIVISION.search(str(c.value)) and not PLACE_START.match(str(c.value)):
        return False  # `信息来源：财务与资产管理处`: a division of the unit, not a unit
    if c.field in ("department", "publisher") and c.method in SENTENCE_METHODS + ("publisher", "issuer_line"):
        return not (COMMISSIONER.search(str(c.value)) or NOT_DEPARTMENT.search(str(c.value)))
    return True


def fuller_name(name: str, candidates: list[Candidate], analysis: Analysis) -> str:
    """The department's full name where the kept reading lacks its place (`林业局` in a title
    over `大足区林业局` in the text) or lost its first characters (`陵区林业局` in a cell, the
    publisher `零陵区林业局`): another reading that ends with it, else a form with a place name
    before it printed at least twice in the text."""
    longer = sorted({str(c.value) for c in candidates if c.field in ("department", "publisher")
                     and str(c.value).endswith(name) and len(name) < len(str(c.value)) <= len(name) + 10}, key=len)
    if longer:
        return longer[0]
    text = "\n".join(p.text for p in analysis.paragraphs)[:HEAD_CHARS]
    if TOWN_END.search(name) and f"{name}人民政府" in text:  # `某镇` is its government: `某市某镇人民政府`
        placed = re.findall(rf"(?<![\p{{Han}}])[\p{{Han}}]{{2,6}}?{PLACE_END}{re.escape(name)}人民政府", text)
        return max(placed, key=len) if placed else f"{name}人民政府"
    if PLACE_START.match(name):
        return name
    forms = Counter(m.group() for m in re.finditer(rf"(?<![\p{{Han}}])?[\p{{Han}}]{{1,8}}?{PLACE_END}{re.escape(name)}", text))
    full = [(n, f) for f, n in forms.items() if n >= 2 and PLACE_START.match(f)]
    return max(full)[1] if full else name


def field_candidates(analysis: Analysis, titles: list[Candidate]) -> list[Candidate]:
    """Every reading of every report field the document gives."""
    out: list[Candidate] = []
    hint = money_unit(r.text for r in analysis.runs)
    text = "\n".join(p.text for p in analysis.paragraphs)[:HEAD_CHARS]
    out += year_candidates(titles, analysis.elements, analysis.doc.furniture, text)
    printed = [t for t in titles if t.method in ("title", "text_head", "table_title", "title_alt")]
    out += [d for t in printed for d in [department_from_title(t)] if d is not None]
    out += issuer_candidates(analysis.elements, titles)
    printed_title = printed[0] if printed else (titles[0] if titles else None)
    if printed_title is not None:
        department = department_from_title(printed_title)
        project = project_from_title(printed_title, str(department.value) if department else None)
        evaluator = evaluator_from_title(printed_title)
        out += [c for c in (project, evaluator) if c is not None]
    out += table_kv(analysis.tables, hint)
    level1 = "|".join(re.escape(n) for n in sorted(set(level1_names(analysis.scores.rows)), key=len, reverse=True))
    subtotal_before = re.compile(rf"(?:{level1})(?:指标)?\s*$")
    prose_specs = [s for s in FIELDS.values() if s.value in ("money", "percent", "score", "grade", "org")]
    for run in analysis.runs:
        body = run.text[:HEAD_CHARS]
        # a form's keys and values glued into one line; in sentences (`。`) a key needs a colon
        labels = {LABEL_FIELD[key_label(m.group())] for m in KEY.finditer(body)} - {None}
        form_like = run.source != "paragraph" or (len(labels) >= 2 and "。" not in body)
        out += line_kv(body, run.page, form_like, hint)
        if run.source == "cells":  # a unit's phrase on one short line (`第二部分：某局2024年度部门决算报表`)
            for cell in CELL_BREAK.split(run.text):
                out += phrases(cell, run.page, [FIELDS["department"]])
        if run.source != "paragraph":
            continue
        for sentence in SENTENCE_END.split(body):
            if not sentence:
                continue
            # a sentence that scores one item (`指标分值4分，评价得分4分`) states no total
            item = bool(ITEM_SCORE.search(sentence))
            specs = [s for s in prose_specs if not (item and s.value == "score")]
            out += prose(sentence, run.page, specs, hint, subtotal_before)
            out += phrases(sentence, run.page, [s for s in FIELDS.values() if not (item and s.value == "score")],
                           subtotal_before)
    for block in analysis.budget:
        for role, value in block.values.items():
            if role in BUDGET_FIELDS:
                out.append(Candidate(BUDGET_FIELDS[role], value, block.method, block.page, block.evidence))
    for total in analysis.scores.totals:
        out.append(Candidate("total_score", total, "score_table", None, f"合计/总分 row of a score table: {total:g}"))
    out += total_row_grades(analysis)
    out += publishers(analysis.doc.furniture)
    return out


def publishers(furniture: tuple[str, ...]) -> list[Candidate]:
    """The organisation a page's metadata names as its publisher (`发布机构：某某局`) or its
    banner as the site's owner (`欢迎来到某县政协网站`): a
    department reading of last resort, and the full name of a department printed cut short."""
    out = []
    for line in furniture:
        banner = SITE_BANNER.search(line)  # `欢迎来到某县政协网站`: the site's owner
        if banner and (value := parse_value(FIELDS["department"], banner.group("org"))) is not None:
            out.append(Candidate("department", value, "publisher", None, line[:120]))
        for m in META_KEY.finditer(line):
            if m.group("key") in PUBLISHER_KEYS:
                rest = line[m.end():].strip(" :：]】|")
                value = parse_value(FIELDS["department"], re.split(r"\s|[\[【|]", rest)[0]) if rest else None
                if value is not None:
                    out.append(Candidate("department", value, "publisher", None, line[:120]))
    return out




def total_row_grades(analysis: Analysis) -> list[Candidate]:
    """A grade printed on a table's 总分/合计 row (`总分 | 100 | 96 | 优`)."""
    out = []
    for table in analysis.tables:
        for r, row in enumerate(table.rows):
            first = next((c for c in row if c), "")
            if not GRAND_TOTAL.match(canon(first)):
                continue
            grade = next((c for c in row if GRADE_WORD.fullmatch(canon(c))), None)
            if grade is not None:
                evidence = " | ".join(dict.fromkeys(c for c in row if c))
                out.append(Candidate("grade", GRADES[canon(grade)], "form_total_row", table.page_of_row(r),
                                     evidence[:120]))
    return out
