"""reports.parquet: what the report is (title, kind, year, department, project, evaluator)
and its headline figures (total score, grade, budgets, spending, execution rate)."""
from __future__ import annotations

from collections import Counter
from typing import Any, Iterable

import regex as re

from extractors.forms import budget_block, key_values, total_row_grade
from extractors.numbers import find_amounts, parse_percent, parse_year
from extractors.scores import grand_totals
from schemas.lexicon import LEVEL1_NAMES
from extractors.text import ATTACHMENT_MARK, TRAILING_PUNCT, clean, split_enumerator
from schemas.document import Document, Paragraph

# The last words of a report title: `…绩效评价报告`, `…绩效自评报告`, `…支出绩效自评表`
TITLE_END = re.compile(r"(?:报告|自评表|评价表|自评报告书)(?:[（(][^（）()]{2,60}[)）])?$")
# A title's trailing parenthetical that names the project: `…评价报告(2022年…工作服务)`
TITLE_PROJECT = re.compile(r"(?:报告|自评表)[（(](?P<project>[^（）()]{2,60})[)）]$")

# Report kinds from the title's words, checked in order (first match wins).
KIND_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("department_self_evaluation", re.compile(r"部门整体(?:支出)?绩效自评|整体支出绩效自评|部门整体.*自评")),
    ("department_evaluation", re.compile(r"部门整体(?:支出)?(?:绩效)?评价|整体支出绩效评价")),
    ("project_self_evaluation", re.compile(r"项目(?:支出)?绩效自评|绩效自评表|支出绩效自评报告|项目自评")),
    ("project_evaluation", re.compile(r"绩效评价报告|重点项目|项目.*评价")),
)

ORG_SUFFIX = (r"(?:委员会|协会|学会|联合会|研究会|促进会|基金会|管理局|局|委|厅|办公室|办|院|部|署|"
              r"中心|政府|街道办事处|街道|镇|乡|中学|小学|学校|大学|学院|幼儿园|医院|站|所|队|馆|社|处|公司|集团|银行)")
# `受某市科学技术协会（以下简称“市科协”）委托`
COMMISSIONED_BY = re.compile(rf"受(?P<dept>[\p{{Han}}（）()]{{2,40}}?{ORG_SUFFIX})(?:[（(][^）)]{{0,20}}[)）])?(?:的)?委托")
# `主管部门：某县教育体育局`, `预算单位:…`, `委托单位：…`
DEPARTMENT_KEY = re.compile(rf"(?:主管部门|预算部门|预算单位|委托单位|部门（单位）名称|部门\(单位\)名称|部门名称|单位名称)\s*[:：|]\s*(?P<dept>[\p{{Han}}（）()]{{2,40}}?{ORG_SUFFIX})")
# An evaluation firm's name: `广东某某资产评估咨询有限公司`, `某某会计师事务所`
EVALUATOR_ORG = r"[\p{Han}（）()]{4,50}?(?:有限责任公司|有限公司|事务所|研究院|研究中心|咨询中心|评估中心)"
ASIDE = r"(?:[（(][^）)]{0,20}[)）])?"  # `（特殊普通合伙）`, `（以下简称“市科协”）`
# `广东某某咨询有限公司受某市科学技术协会…委托`
EVALUATOR_BEFORE = re.compile(rf"(?P<org>{EVALUATOR_ORG}){ASIDE}(?:受|接受)")
# `评价机构：XX事务所`, `受X委托，XX事务所对…`, `委托广东XX会计师事务所对…开展绩效评价` (a
# contractor named after 委托 without 评价 following is not the evaluator)
EVALUATOR_AFTER = re.compile(
    rf"(?:评价机构|第三方机构|第三方评价机构)\s*[:：]\s*(?P<org>{EVALUATOR_ORG})"
    rf"|受[^，,。；]{{2,40}}委托[，,]\s*(?P<org3>{EVALUATOR_ORG}){ASIDE}\s*(?:对|开展|进行|组织|实施)"
    rf"|委托(?:第三方(?:机构)?)?\s*(?P<org2>{EVALUATOR_ORG}){ASIDE}\s*(?:对[^。；]{{0,60}}?)?"
    rf"(?:开展|进行|实施|组织)?[^。；]{{0,6}}?评价")
# The report-kind words that end a title: `…项目绩效评价报告` and `…项目支出绩效自评表` keep `…项目`
REPORT_SUFFIX = re.compile(r"(?:支出)?(?:绩效)?(?:评价|自评)(?:报告|表)$")
# Words that alone name no project: `2022年度`, `部门`, `项目`, `重点`
GENERIC_PROJECT = re.compile(r"(?:(?:19|20)\d{2}\s*年度?|部门|整体|重点|项目|支出|本级|专项)")
# A project named in the text: `项目名称：义务教育营养改善计划专项资金`
PROJECT_KEY = re.compile(r"项目名称\s*[:：|]\s*(?P<project>[^\s|，。；]{2,60})")

NUM = r"\d+(?:\.\d+)?"
# The overall score: `绩效评价得分 91.48分`, `自评得分为95.82分`, `部门整体支出绩效自评 94.622分`,
# `评价结果累计得分 100 分`; not a per-item `评价得分 4分` inside an item's sentence.
TOTAL_SCORE = re.compile(
    rf"(?:绩效|综合|总体|累计|最终|总|评价|自评)[^。，；,;\d]{{0,10}}?(?:得分|评分|分数|自评)(?!率)\s*"
    rf"(?:为|是|：|:|达|达到)?\s*(?P<score>{NUM})\s*分")
# A score stated with the grade right after it: `项目得分为92.5分，评价等级为良`
TOTAL_WITH_GRADE = re.compile(
    rf"得分\s*(?:为|是|：|:)?\s*(?P<score>{NUM})\s*分[，,、\s]*(?:绩效|评价|评定|综合|自评)?(?:等级|级别|结果)")
# A per-item score phrase: its `评价得分` is not the total.
ITEM_SCORE = re.compile(r"分值\s*\d|满分\s*\d|权重\s*\d")
# The grade: `评定等级为“优”`, `自评等级为“优”`, `评价结果为良好`
GRADE = re.compile(
    r"(?:等级|评级|级别|评价结果|评定结果|结果等级)\s*(?:为|是|：|:|评定为|确定为)\s*[“\"「『']?"
    r"(?P<grade>优秀|优|良好|良|中等|中|合格|及格|差|不合格|不及格)")
# `评定为“优秀”等级`, `综合评价为良级`
GRADE_AFTER = re.compile(
    r"(?:评定为|评为|评价为|确定为|认定为)\s*[“\"「『']?(?P<grade>优秀|优|良好|良|中等|中|合格|及格|差|不合格|不及格)"
    r"[”\"」』']?\s*(?:等级|级|档)")
GRADE_MAP = {"优秀": "优", "优": "优", "良好": "良", "良": "良", "中等": "中", "中": "中",
             "合格": "中", "及格": "中", "差": "差", "不合格": "差", "不及格": "差"}

AMOUNT = rf"{NUM}(?:,\d{{3}})*(?:\.\d+)?"
# Budgets and spending, each a keyword then (within a few characters) an amount:
# `年初预算 1937 万元`, `安排年初预算1937万元`, `年初预算收入为65,372.31万元`
BUDGET_INITIAL = re.compile(r"年初预算(?:数|收入|金额|资金|安排)?")
# `全年预算数为59,201.89万元`, `年度预算 56.83 亿元`, `调整后预算`, `年度预算合计 1937万元`
BUDGET_FINAL = re.compile(r"全年预算(?:数|金额)?|调整后(?:的)?预算(?:数)?|年度预算(?:合计|数|金额|总额)?|预算总额|全年预算合计")
# `共计支出 1930.75万元`, `实际支出21万元`, `支出决算数为58,526.63万元`
EXPENDITURE = re.compile(r"实际支出(?:数|金额|资金)?|共计支出|累计支出|已支出|完成支出|支出金额|执行金额|"
                         r"支出决算(?:数)?|决算支出|全年支出|实际使用(?:资金)?|实际执行(?:数)?|全年执行数|执行数|决算数")
# A budget named without 年初/全年 (`项目预算资金300万元`, `本项目预算金额`): used only when the
# report names no other budget.
BUDGET_ANY = re.compile(r"(?<![年初全度])预算(?:资金|金额|总额|数)?(?:共计|合计)?")
# Execution rate: `预算支出率为 99.60%`, `预算完成率为98.86%`, `支出进度为 99.66%`
EXECUTION_RATE = re.compile(
    r"(?<!采购|平均|项目)(?:预算执行率|预算支出率|预算完成率|资金执行率|资金支出率|支出执行率|执行率|支出进度|执行进度)"
    rf"\s*(?:为|是|达|达到|：|:)?\s*(?P<rate>{NUM})\s*[%％]")
# Words between a budget keyword and its amount that mean the amount is something else.
NOT_THIS_AMOUNT = re.compile(r"[。；;]|其中|占|比|较|同比|增长|减少|下降|结转|差异")
WINDOW = 14  # characters allowed between a keyword and its amount (`收入为`, `安排`, `合计`)
# Who was evaluated, by whom, and which project are stated on a report's first pages; the
# patterns that find them are searched in this many leading characters only (a 20 MB
# paragraph would otherwise cost minutes of backtracking for nothing).
HEAD_CHARS = 30000


def title_of(doc: Document) -> str | None:
    """The title as printed on the first page: the leading lines up to the one ending in
    报告/自评表 (its parenthetical included), joined."""
    parts: list[str] = []
    for element in doc.elements():
        if not isinstance(element, Paragraph):
            break
        text = element.text
        if ATTACHMENT_MARK.match(text) and not parts:
            continue
        if split_enumerator(text)[0] is not None:
            break
        if len(text) > 80 and not parts:
            return None
        parts.append(text)
        joined = clean("".join(parts))
        if TITLE_END.search(joined):
            return joined
        if len(parts) >= 4:
            break
    return None


def kind_of(title: str | None, text: str) -> str:
    """The report kind from its title (or, without one, from its opening text)."""
    for source in (title or "", text[:300]):
        for kind, pattern in KIND_WORDS:
            if pattern.search(source):
                return kind
    return "other"


def _amount_after(text: str, keywords: re.Pattern[str]) -> tuple[float, int] | None:
    """The first amount (万元) printed right after one of the keywords, and its position."""
    for m in keywords.finditer(text):
        window = text[m.end(): m.end() + WINDOW + 12]
        for amount in find_amounts(window):
            between = window[: amount.start]
            if amount.start <= WINDOW and not NOT_THIS_AMOUNT.search(between):
                return amount.value_wan, m.start()
            break
    return None


def _first_amount(paragraphs: Iterable[str], keywords: re.Pattern[str]) -> float | None:
    for text in paragraphs:
        found = _amount_after(text, keywords)
        if found is not None:
            return found[0]
    return None


def department_of(title: str | None, text: str, kind: str) -> str | None:
    """The budget unit evaluated: a 主管部门/预算单位 key, the unit that commissioned the
    evaluation (受…委托), or the organisation that opens the title."""
    for pattern in (DEPARTMENT_KEY, COMMISSIONED_BY):
        m = pattern.search(text)
        if m:
            return clean(m.group("dept"))
    if title:
        head = re.sub(r"^\d{4}\s*年度?", "", title)
        m = re.match(rf"(?P<org>[\p{{Han}}（）()]{{2,40}}?{ORG_SUFFIX})(?=\d{{4}}|部门|本级|整体|关于|重点|项目|$)", head)
        if m:
            return m.group("org")
    return None


def project_of(title: str | None, text: str, kind: str, department: str | None) -> str | None:
    """The project evaluated; None for department-wide reports."""
    if kind.startswith("department"):
        return None
    m = PROJECT_KEY.search(text)
    if m:
        return TRAILING_PUNCT.sub("", clean(m.group("project")))
    if not title:
        return None
    m = TITLE_PROJECT.search(title)
    if m:
        return clean(m.group("project"))
    name = REPORT_SUFFIX.sub("", title)
    if department and name.startswith(department):
        name = name[len(department):]
    # what is left must name something: `2022年度项目` (a form's title) names no project
    if not GENERIC_PROJECT.sub("", name):
        return None
    return name.strip() or None


def evaluator_of(text: str, kind: str) -> str | None:
    """The third-party organisation that did the evaluation, when the report names one."""
    if kind.endswith("self_evaluation"):
        return None
    for pattern in (EVALUATOR_BEFORE, EVALUATOR_AFTER):
        m = pattern.search(text)
        if m:
            return clean(next(g for g in m.groupdict().values() if g))
    return None


def total_score_of(doc: Document, warnings: list[str]) -> float | None:
    """The overall score stated in prose, else the 合计 of a score table; disagreements warned."""
    level1 = "|".join(re.escape(n) for n in sorted(LEVEL1_NAMES, key=len, reverse=True))
    subtotal_before = re.compile(rf"(?:{level1})(?:指标)?$")
    candidates: list[float] = []
    for p in doc.paragraphs():
        for sentence in re.split(r"(?<=[。；;])", p.text):
            if ITEM_SCORE.search(sentence):
                continue
            matches = sorted(list(TOTAL_SCORE.finditer(sentence)) + list(TOTAL_WITH_GRADE.finditer(sentence)),
                             key=lambda m: m.start("score"))
            for m in matches:
                if subtotal_before.search(sentence[: m.start() + 2]) or \
                        subtotal_before.search(sentence[: m.start()]):
                    continue
                value = float(m.group("score"))
                if 0 < value <= 120:
                    candidates.append(value)
    tables = grand_totals(doc)
    stated = candidates[0] if candidates else None
    total = stated if stated is not None else (tables[0] if tables else None)
    for other in sorted(set(candidates[1:] + tables)):
        if total is not None and abs(other - total) > 0.005:
            warnings.append(f"total_score: {total} chosen, but the report also states {other}")
    return total


def extract_report(doc: Document) -> tuple[dict[str, Any], list[str]]:
    """The reports.parquet row of one document (without status) and the warnings found."""
    warnings: list[str] = []
    paragraphs = [p.text for p in doc.paragraphs()]
    text = "\n".join(paragraphs)
    title = title_of(doc)
    head = text[:HEAD_CHARS]
    kind = kind_of(title, text)
    fields = key_values(doc)
    department = fields.get("department") or department_of(title, head, kind)
    year = parse_year(title or "") or _year_in_title_digits(title) or _year_in_text(text)
    initial = _first_amount(paragraphs, BUDGET_INITIAL)
    final = _first_amount(paragraphs, BUDGET_FINAL)
    spent = _first_amount(paragraphs, EXPENDITURE)
    rate_match = next((m for p in paragraphs for m in EXECUTION_RATE.finditer(p)), None)
    rate = parse_percent(rate_match.group(0)) if rate_match else None
    block = budget_block(doc)
    if block is not None:  # prose first: a table only fills what the text does not state
        initial = initial if initial is not None else block.initial_wan
        final = final if final is not None else block.final_wan
        spent = spent if spent is not None else block.spent_wan
        rate = rate if rate is not None else block.rate
    if final is None:
        final = initial if initial is not None else _first_amount(paragraphs, BUDGET_ANY)
    grade_match = GRADE.search(text) or GRADE_AFTER.search(text)
    grade = GRADE_MAP[grade_match.group("grade")] if grade_match else None
    if grade is None and (printed := total_row_grade(doc)):
        grade = GRADE_MAP[printed]
    row = {
        "title": title, "report_kind": kind, "fiscal_year": year, "department": department,
        "project_name": fields.get("project_name") or project_of(title, head, kind, department),
        "evaluator": evaluator_of(head, kind),
        "total_score": total_score_of(doc, warnings),
        "grade": grade, "budget_initial_wan": initial, "budget_final_wan": final,
        "expenditure_wan": spent, "execution_rate": rate,
    }
    if title is None:
        warnings.append("title: no title found on the first page")
    return row, warnings


def _year_in_title_digits(title: str | None) -> int | None:
    """`2023中国创新创业成果交易会项目…`: a title that opens with a year without 年."""
    m = re.match(r"^((?:19|20)\d{2})(?!\d)", title or "")
    return int(m.group(1)) if m else None


YEAR_EVALUATED = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度")  # `2023年度`


def _year_in_text(text: str) -> int | None:
    """Without a year in the title: the most frequent `YYYY年度` in the text."""
    years = [int(m.group("year")) for m in YEAR_EVALUATED.finditer(text)]
    return Counter(years).most_common(1)[0][0] if years else None  # ties: first printed
