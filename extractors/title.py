"""What the document says it is: its title, its kind, its fiscal year, and the department and
project its title names. Titles are found where the genre prints them: the first lines of the
first page, the run-in opening of a text whose line breaks were lost, a form's first cell, or
a file name left by a document-sharing site."""
from __future__ import annotations

from collections import Counter
from typing import Sequence

import regex as re

from extractors.fields import Candidate, evidence_of, parse_org
from schemas.text import ATTACHMENT_MARK, CITATION, clean, split_enumerator
from schemas.document import Element, Paragraph, Table
from schemas.lexicon import (EVALUATOR_SUFFIX, FILE_NAME_LINE, KINDS, ORG_SUFFIX, PAGE_LABEL, REPORT_STATEMENT,
                             SELF_EVALUATION, TITLE_LINE)

# Sentence punctuation: a title has none. `。`
SENTENCE = re.compile(r"[。；;！？!?]")
# The words that say what kind of report a title names, removed to see whether anything else
# is left: `项目支出绩效自评报告`, `部门整体支出绩效评价报告`
KIND_WORDS = re.compile(
    r"(?:部门|单位)?(?:整体)?(?:项目)?(?:财政)?(?:支出)?(?:绩效)?(?:单位)?(?:评价)?(?:自评|评价|自评价|自我评价)?"
    r"(?:报告书|报告|表)(?:[（(][^（）()]{2,60}[)）])?$")
# A title that opens a text whose line breaks were lost: `2021年某局整体支出绩效自评报告根据…`
RUN_IN_TITLE = re.compile(r"^(?P<title>.{6,80}?(?:绩效|评价|自评).{0,20}?(?:报告|自评表|评价表|文本)"
                          r"(?:\s*[（(](?:19|20)\d{2}\s*年度?[)）])?)(?=[^)）]|$)")
# A form's title inside a text whose cells were glued: `…附件: 项目支出绩效自评表 (2022年度) 项目名称…`
EMBEDDED_TITLE = re.compile(r"(?P<title>(?:(?:19|20)\d{2}\s*年度?)?[\p{Han}]{0,30}绩效[\p{Han}]{0,6}(?:自评表|评价表|自评报告|评价报告)"
                            r"(?:\s*[（(](?:19|20)\d{2}\s*年度?[)）])?)")
# Whatever stands before an attachment mark in a text's first line is not its title:
# `某县2022年度新增债券资金项目审计报告附件8.` before `2022年度…绩效评价报告`
AFTER_ATTACHMENT = re.compile(r"^.{0,80}?附件\s*\d{0,3}\s*[.．:：、]?\s*(?=\S)")
# A title's note on the line under it, naming its project: `（春节慰问经费项目）`
TITLE_NOTE = re.compile(r"^[（(][^（）()]{2,60}[)）]$")
# A year in brackets after a title: `（2024年度）`
YEAR_NOTE = re.compile(r"\s*[（(](?:19|20)\d{2}\s*年度?[)）]$")
# A file named as an attachment: `附件1:某项目绩效评价报告`
ATTACHMENT_NAME = re.compile(r"^附件\s*\d*\s*[:：]?")
# A year with 年 (`2023年度`, `2023 年`), the budget year a title names.
TITLE_YEAR = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})\s*年度")
# A period of one whole calendar year: `2017年1月1日至2017年12月31日`
WHOLE_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年\s*0?1\s*月\s*0?1\s*日?\s*(?:至|到|-|—|－|~|～)\s*"
                        r"(?P=year)\s*年\s*12\s*月\s*31\s*日")
# A year with its 年: `2023 年`
ANY_YEAR = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})\s*年")
# A year with 年 that is no date: `2019年禁毒工作专项经费`; not `2023年5月6日`
YEAR_NOT_DATE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)")
# The sentence that states the report: `现将2022年某局…自评总结报告如下`
REPORT_STATEMENT_SENTENCE = re.compile(r"[^。；]{0,120}?(?:报告|自评|评价)[^。；]{0,10}如下")
# A form's year line: `（2023年度）`, `2019年度)`, `(2021年)`
YEAR_LINE = re.compile(r"^\s*[（(]?\s*(?P<year>(?:19|20)\d{2})\s*年度?\s*[)）]?\s*$")
# The project a title names in a parenthetical after its kind words: `…评价报告(2022年某某服务)`
TITLE_PROJECT = re.compile(r"(?:报告|自评表)[（(](?P<project>[^（）()]{2,60})[)）]$")
# The kind words that end a title: `…项目绩效评价报告`, `…项目重点绩效评价报告` and `…项目支出绩效自评表` keep `…项目`
REPORT_SUFFIX = re.compile(r"(?:重点)?(?:财政)?(?:支出)?(?:绩效)?(?:单位)?(?:目标)?(?:评价)?(?:自评|评价|自评价)(?:总结|总)?(?:报告|表|情况)(?:\s*报告)?(?:\s*(?:公开|公示))?$"
                           r"|(?:全周期)?(?:绩效)?跟踪问效(?:报告)?$")
# The budget year a title prints after its project: `某某补助资金项目2018年度` + `绩效自评报告`
TRAILING_YEAR = re.compile(r"\s*(?:[（(](?:19|20)\d{2}\s*年度?[)）]|(?<![-—－~～至到\d])(?:19|20)\d{2}\s*年度?)$")
# A title's series before its project, set off by a dash run: `2022年度新增债券资金项目----某某工程项目`
DASH_PREFIX = re.compile(r"^.*?(?:-{2,}|—{1,}|－{2,})")
# A page number left before a title's year: `8 2018 年农业保险项目…`
PAGE_NUMBER_PREFIX = re.compile(r"^\d{1,3}\s+(?=(?:19|20)\d{2}\s*年)")
# `关于某某项目绩效评价报告`: the project is what follows
LEADING_ABOUT = re.compile(r"^(?:关于|对)")
# Words that alone name no project: `2022年度`, `部门`, `项目`, `重点`, `专项资金`
GENERIC_PROJECT = re.compile(r"(?:(?:19|20)\d{2}\s*年度?|部门|整体|重点|项目|支出|本级|专项|财政|预算|资金|经费)")
# An organisation opening a title, then a year or the report's words. `某县教育局2022年度…`,
# `某中学专项资金…`
TITLE_ORG = re.compile(rf"^(?P<org>[\p{{Han}}（）()]{{2,40}}?{ORG_SUFFIX})(?:[（(]本级[)）])?(?=(?:19|20)\d{{2}}|部门|本级|整体|关于|重点|项目|单位|机关|专项|$)")
# A firm where a title's project would stand: `某某会计师事务所` of `某某会计师事务所绩效评价报告`
# (a file named after its evaluator)
EVALUATOR_NAME = re.compile(rf"^[\p{{Han}}（）()]{{2,50}}?{EVALUATOR_SUFFIX}$")
# A government body of a named place: `贵州省某某事务委员会`, `某县农业农村局`; a title may run its
# project on after it without a break
GOVERNMENT_BODY = re.compile(r"\p{Han}{1,8}?(?:省|自治区|市|州|盟|县|区|旗)\p{Han}{2,30}(?:委员会|管理局|局|厅|委|办公室)")
# The end of an attached form's title: `…绩效目标自评表`, `…绩效评价表`
ATTACHED_FORM_END = re.compile(r"(?:自评表|评价表|评分表|计分表)$")
# A news item's dateline under its headline: `2017-08-02 17:54:12字号:`
DATE_LINE = re.compile(r"^\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
# An item of a numbered list, as attached files are listed: `3.2020年度…报告`, `2、某某报告`
LIST_ITEM = re.compile(r"^\d{1,2}\s*[.．、]\s*(?=\D|(?:19|20)\d{2}\s*年)")
HEAD_ELEMENTS = 8  # a title stands among the first elements of the first page
MAX_ISSUER_CHARS = 30  # a unit's name alone on a line above the title is no longer
TITLE_PART_CHARS = 10  # a line of a title broken over lines is at least this long
# A cover's field, which ends the title above it: `项目名称：…`, `部门(单位)名称: …`
COVER_FIELD = re.compile(r"[:：|]")


def title_candidates(elements: Sequence[Element], furniture: Sequence[str]) -> list[Candidate]:
    """Every place the document prints its title, strongest first."""
    out: list[Candidate] = []
    head = _head_paragraphs(elements)
    found = _printed_title(head)
    for k, (text, page) in enumerate(found):  # the title, then other title lines above it
        out.append(Candidate("title", text, "title" if k == 0 else "title_alt", page, text))
    paragraphs = [e for e in elements[:HEAD_ELEMENTS] if isinstance(e, Paragraph)]
    first = next((p for p in paragraphs if not is_issuer_line(p.text)), None)
    opening = next((p for p in paragraphs[:3] if len(p.text) > 80), None)
    if opening is not None and not out:
        text = split_enumerator(opening.text)[1]  # a sharing site's page marker: `1、`
        text = AFTER_ATTACHMENT.sub("", text[:120]) + text[120:]  # `…附件8. 2022年度某某项目绩效评价报告`
        m = RUN_IN_TITLE.match(text)
        if m and not SENTENCE.search(m.group("title")):
            out.append(Candidate("title", m.group("title"), "text_head", opening.page,
                                 evidence_of(text, 0, m.end())))
    if first is not None and not out and _is_headline(first, elements):
        out.append(Candidate("title", clean(first.text), "headline", first.page, first.text[:120]))
    table = next((e for e in elements[:HEAD_ELEMENTS] if isinstance(e, Table)), None)
    if table is not None:
        cells = [c for row in table.rows for c in row if c and len(c) <= 60]
        cell = next((c for c in cells if TITLE_LINE.search(clean(c)) and not SENTENCE.search(c)
                     and "绩效" in c), None)
        if cell is not None:
            text = clean(cell)
            embedded = EMBEDDED_TITLE.search(text) if re.search(r"[，,]", text) else None
            if embedded is not None:  # `详情见附件(注:…,请以附件为准)部门预算项目支出绩效自评表(2023年度)`
                text = embedded.group("title")
            out.append(Candidate("title", text, "table_title", table.page, cell[:120]))
    if not out:
        out.extend(_attached_form_title(elements))
    for line in furniture:
        m = FILE_NAME_LINE.match(line)
        if m and TITLE_LINE.search(m.group("stem")) and not ATTACHMENT_NAME.match(m.group("stem")):
            out.append(Candidate("title", clean(m.group("stem")), "file_name", None, line[:120]))
    label = next((m for m in map(PAGE_LABEL.match, furniture) if m), None)
    if label is not None and not out:  # `项目绩效目标表_第1页`: the sharing site's name of the document
        out.append(Candidate("title", clean(label.group("stem")), "file_name", None, label.group()[:120]))
    if first is not None and not out:
        m = EMBEDDED_TITLE.search(first.text[:400])
        if m:
            out.append(Candidate("title", clean(m.group("title")), "embedded", first.page,
                                 evidence_of(first.text, m.start(), m.end())))
    return out


def _attached_form_title(elements: Sequence[Element]) -> list[Candidate]:
    """The title of a form attached to an untitled page (`城管委：…现下达…` then `附件2` and the
    table `…绩效目标自评表 | (2020年度) | 项目名称 …`): the form is what the page publishes.
    Only a table under an attachment mark counts; a list of attached files' names does not."""
    for k, element in enumerate(elements):
        if not isinstance(element, Table):
            continue
        rows = [[c for c in row if c] for row in element.rows[:4]]
        above = elements[k - 1] if k else None
        marked = (isinstance(above, Paragraph) and bool(ATTACHMENT_MARK.match(clean(above.text)))) or bool(
            rows and rows[0] and ATTACHMENT_MARK.match(clean(rows[0][0])))
        cell = next((c for row in rows for c in row if len(c) <= 60 and "绩效" in c and not SENTENCE.search(c)
                     and ATTACHED_FORM_END.search(clean(c))), None)
        if marked and cell is not None:
            return [Candidate("title", clean(cell), "attached_form", element.page, cell[:120])]
    return []


def _is_headline(first: Paragraph, elements: Sequence[Element]) -> bool:
    """A news item's or notice's headline: a short first paragraph without sentence
    punctuation, above a longer one."""
    text = clean(first.text)
    if not 8 <= len(text) <= 60 or SENTENCE.search(text) or re.search(r"[，,:：|]", text) or (
            split_enumerator(text)[0] is not None):  # `一、绩效目标分解下达情况` is a section's
        return False
    at = next(k for k, e in enumerate(elements) if e is first)
    later = [e for e in elements[at + 1:at + 5] if isinstance(e, Paragraph) and not DATE_LINE.match(e.text)]
    return bool(later) and len(later[0].text) > len(text)


def is_issuer_line(text: str) -> bool:
    """A head line that is one organisation's name and nothing else: `某县城市管理局` above a
    report's title, the unit a news item is from above its headline."""
    name = clean(text)
    return len(name) <= MAX_ISSUER_CHARS and parse_org(name) == name


def issuer_candidates(elements: Sequence[Element], titles: Sequence[Candidate]) -> list[Candidate]:
    """The unit named alone on a line above the document's title or headline: the unit whose
    report (or news) it is. Only above a title: further down such a line signs the text."""
    printed = {str(t.value) for t in titles if t.method in ("title", "headline")}
    out: list[Candidate] = []
    for element in _head_paragraphs(elements):
        text = clean(element.text)
        if text in printed or any(text and text in t for t in printed) or TITLE_LINE.search(text):
            break
        if is_issuer_line(text):
            out.append(Candidate("department", text, "issuer_line", element.page, text))
    return out if printed else []


def _head_paragraphs(elements: Sequence[Element]) -> list[Paragraph]:
    """Paragraphs before the first numbered heading, among the first elements."""
    out: list[Paragraph] = []
    for element in elements[:HEAD_ELEMENTS]:
        if not isinstance(element, Paragraph):
            continue
        if split_enumerator(element.text)[0] is not None:
            break
        out.append(element)
    return out


def _printed_title(head: Sequence[Paragraph]) -> list[tuple[str, int | None]]:
    """The title printed at the top: among the short lines before the text (or a cover's
    fields), the last that ends like a title — a page's own title may stand above the
    document's cover — joined with the lines above it that continue it: up to three lines of
    ten characters or more (`2022年省某某重点项目` / `某县某某基地` / `建设项目绩效评价报告`), or any
    when it names only the report's kind (`部门整体支出` / `绩效自评报告`). A site's section
    name (`预算绩效管理`) is shorter and stays out."""
    block: list[str] = []
    pages: list[int | None] = []
    for p in head:
        text = clean(p.text)
        if ATTACHMENT_MARK.match(text) or LIST_ITEM.match(text):
            continue  # `附件` / `2.2020年度…绩效自评报告`: an attached file's name, no title
        if SENTENCE.search(text) or len(text) > 100 or COVER_FIELD.search(text):
            if any(TITLE_LINE.search(t) for t in block):
                break
            continue  # a site's metadata above the title
        block.append(text)
        pages.append(p.page)
    ends = [k for k, t in enumerate(block) if TITLE_LINE.search(t)]
    if not ends:
        return []
    k = ends[-1]
    parts = [block[k]]
    j = k - 1
    while j >= 0 and len(parts) < 4:
        above, joined = block[j], "".join(parts)
        short_kind = len(KIND_WORDS.sub("", joined)) < 4
        # a title above ends there, unless what follows only ends it (`…部门决算` / `公开说明`);
        # a whole title under one (`…专项经费项目支出绩效自评表` / `项目支出绩效自评表`) stands alone
        if (TITLE_LINE.search(above) and (len(joined) >= TITLE_PART_CHARS or "绩效" in joined)) or len(above) > 60 or (
                len(above) < TITLE_PART_CHARS and not short_kind):
            break
        parts.insert(0, above)
        j -= 1
    if k + 1 < len(block) and TITLE_NOTE.match(block[k + 1]) and not YEAR_NOTE.match(block[k + 1]):
        parts.append(block[k + 1])  # `…项目绩效自评报告` / `（春节慰问经费项目）`
    others = [(t, pages[i]) for i, t in enumerate(block[:j + 1]) if TITLE_LINE.search(t)]
    return [("".join(parts), pages[j + 1])] + others


SHORT_OPENING = 300  # characters of opening text that tell a report's kind
SELF_KINDS = {"project_evaluation": "project_self_evaluation",
              "department_evaluation": "department_self_evaluation"}


def kind_of(titles: Sequence[str], opening: str, form: str | None, has_evaluator: bool,
            evaluated_itself: bool = False, skeleton: str | None = None) -> str:
    """The report kind: the lexicon's kinds in order on the title, then the opening text.

    Two rules of the genre refine it. A document with no title is a report only when its
    opening states one (`现将…报告如下`) or it is a form; else it is a notice or news about
    evaluations (`other`); a stated report whose opening names no kind but says the unit
    evaluated itself (`我单位…开展自评，…报告如下`) is a project self-evaluation, the
    department kinds being always named. A report titled 绩效评价报告 whose opening says the unit evaluated
    itself (`我局…进行自我评价`, citations aside) or names it as its own evaluator
    (``evaluated_itself``: `评价单位：` the evaluated unit), with no third party named, is a
    self-evaluation. An untitled report whose headings follow a kind's template (``skeleton``)
    is of that kind."""
    opening_own = CITATION.sub("", opening)
    kind = next((spec.kind for title in titles for spec in KINDS if spec.title.search(title)), None)
    if kind is None:
        other = next(spec for spec in KINDS if spec.kind == "other")
        if other.text.search(opening_own[:SHORT_OPENING]):
            return "other"
        if form is not None:
            return form
        if skeleton is not None:
            return skeleton
        if not REPORT_STATEMENT.search(opening_own):
            return "other"
        kind = next((spec.kind for spec in KINDS if spec.text.search(opening_own[:SHORT_OPENING])),
                    "project_self_evaluation" if SELF_EVALUATION.search(opening_own) else "other")
    if kind in SELF_KINDS and not has_evaluator and (evaluated_itself or SELF_EVALUATION.search(opening_own)):
        return SELF_KINDS[kind]
    return kind


def year_candidates(titles: Sequence[Candidate], elements: Sequence[Element], furniture: Sequence[str],
                    text: str) -> list[Candidate]:
    """The budget year: in the title (`2023年度` before a bare `2023年`), on a form's year line,
    in a file name or breadcrumb, else the `YYYY年度` printed most often."""
    out: list[Candidate] = []
    for t in titles:
        m = TITLE_YEAR.search(str(t.value)) or ANY_YEAR.search(str(t.value))
        if m:
            out.append(Candidate("fiscal_year", int(m.group("year")), t.method, t.page, str(t.value)[:120]))
    for element in elements[:HEAD_ELEMENTS * 2]:
        texts = [element.text] if isinstance(element, Paragraph) else [c for r in element.rows[:4] for c in r]
        for text_ in texts:
            m = YEAR_LINE.match(text_)
            if m:
                out.append(Candidate("fiscal_year", int(m.group("year")), "form_header", element.page, text_[:120]))
                break
    for line in furniture:
        m = TITLE_YEAR.search(line)
        if m:
            out.append(Candidate("fiscal_year", int(m.group("year")), "breadcrumb", None, line[:120]))
    period = WHOLE_YEAR.search(text[:2000])
    if period:  # `评价时间:2017年1月1日至2017年12月31日`: the year evaluated
        out.append(Candidate("fiscal_year", int(period.group("year")), "period", None, period.group()[:120]))
    statement = REPORT_STATEMENT_SENTENCE.search(text[:2000])
    if statement:
        own = CITATION.sub("", statement.group())  # `根据《…2024年度…的通知》…现将…2023年度…如下`
        m = TITLE_YEAR.search(own) or ANY_YEAR.search(own)
        if m:
            out.append(Candidate("fiscal_year", int(m.group("year")), "statement", None, statement.group()[-120:]))
    for pattern, method in ((TITLE_YEAR, "prose_tally"), (YEAR_NOT_DATE, "year_tally")):
        years = [int(m.group("year")) for m in pattern.finditer(text)]
        if years:
            year, count = Counter(years).most_common(1)[0]  # ties: first printed
            out.append(Candidate("fiscal_year", year, method, None, f"{year}年 printed {count} times"))
    return out


def department_from_title(title: Candidate) -> Candidate | None:
    """The organisation a title opens with, after its year: `某县教育局2022年度部门整体…`; or a
    government body of a named place followed at once by its project:
    `某省某某事务委员会某某专项资金绩效评价报告`."""
    head = re.sub(r"^(?:19|20)\d{2}\s*年度?", "", str(title.value))
    m = TITLE_ORG.match(head)
    if m is not None and parse_org(m.group("org")) == m.group("org"):  # not `新增地方政府` of `…专项债券`
        org = m.group("org")
    else:
        org = parse_org(head, whole=False) or ""
        rest = REPORT_SUFFIX.sub("", head[len(org):])
        if not (GOVERNMENT_BODY.fullmatch(org) and GENERIC_PROJECT.sub("", rest)):
            return None
    return Candidate("department", org, "title", title.page, str(title.value)[:120])


def project_from_title(title: Candidate, department: str | None) -> Candidate | None:
    """The project a title names: its parenthetical after the kind words, or the title without
    its kind words and the department that opens it; a name of generic words only is none."""
    text = YEAR_NOTE.sub("", str(title.value))
    m = TITLE_PROJECT.search(text)
    if m:
        name = clean(m.group("project"))
    else:
        name = TRAILING_YEAR.sub("", REPORT_SUFFIX.sub("", text))
        if department:  # `2023年度某县交通运输局部门公交补贴重点项目`: the year and the unit are the report's
            name = re.sub(rf"^(?:(?:19|20)\d{{2}}\s*年度?)?\s*{re.escape(department)}(?:部门(?!整体))?", "", name)
        if not GENERIC_PROJECT.sub("", name):
            return None
    name = LEADING_ABOUT.sub("", DASH_PREFIX.sub("", PAGE_NUMBER_PREFIX.sub("", name.strip())))
    if not name or EVALUATOR_NAME.match(name):
        return None
    return Candidate("project_name", name, "title", title.page, text[:120])


def evaluator_from_title(title: Candidate) -> Candidate | None:
    """The firm a title names before its kind words: `某某会计师事务所绩效评价报告`."""
    name = REPORT_SUFFIX.sub("", YEAR_NOTE.sub("", str(title.value))).strip()
    if not EVALUATOR_NAME.match(name):
        return None
    return Candidate("evaluator", name, "title", title.page, str(title.value)[:120])
