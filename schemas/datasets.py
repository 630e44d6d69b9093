"""Every dataset jixiao writes, declared once: one ``Column`` per column (name, Arrow type,
meaning, allowed values). From this declaration come the Arrow schemas that ``pipeline.writer``
writes and ``validate`` checks rows against, the description stored in each Parquet field's
metadata and the schema version stored in each file's metadata, ``jixiao schema``, and the data
contract in docs/data-contract.md (a test checks that file against this one).

Adding a column is one ``Column(...)`` line here plus the line that fills it; adding a dataset
is one ``Dataset(...)`` entry in ``DECLARED``. Bump a dataset's ``version`` when a column
changes meaning or is removed (adding one does not break readers).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

import pyarrow as pa

from schemas.warnings import CODES, STAGES

# Keys of the metadata written into every Parquet file's schema and every field.
META_DATASET = b"jixiao.dataset"
META_VERSION = b"jixiao.schema_version"
META_ROW = b"jixiao.one_row_per"
FIELD_DESCRIPTION = b"description"
FIELD_VALUES = b"values"  # JSON object: allowed value -> its meaning


@dataclass(frozen=True)
class Column:
    """One column: its name, Arrow type, meaning and, for a closed vocabulary, the allowed
    values with their meanings (null is always allowed)."""

    name: str
    type: pa.DataType
    description: str
    values: Mapping[str, str] | None = None

    @property
    def field(self) -> pa.Field:
        meta = {FIELD_DESCRIPTION: self.description.encode()}
        if self.values:
            meta[FIELD_VALUES] = json.dumps(dict(self.values), ensure_ascii=False).encode()
        return pa.field(self.name, self.type, metadata=meta)


@dataclass(frozen=True)
class Dataset:
    """One Parquet file: ``<name>.parquet``, one row per ``row``, rows sorted by ``sort_keys``
    (stable: document order is kept within a report)."""

    name: str
    row: str
    version: int
    columns: tuple[Column, ...]
    sort_keys: tuple[str, ...] = ("report_id",)
    notes: str = ""
    schema: pa.Schema = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = [c.name for c in self.columns]
        duplicated = sorted({n for n in names if names.count(n) > 1})
        if duplicated:
            raise ValueError(f"{self.name}: columns declared twice: {duplicated}")
        unknown = [k for k in self.sort_keys if k not in names]
        if unknown:
            raise ValueError(f"{self.name}: sort keys that are not columns: {unknown}")
        meta = {META_DATASET: self.name.encode(), META_VERSION: str(self.version).encode(),
                META_ROW: self.row.encode()}
        object.__setattr__(self, "schema", pa.schema([c.field for c in self.columns], metadata=meta))

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def list_of_strings() -> pa.DataType:
    return pa.list_(pa.string())


# Closed vocabularies, shared where two datasets use the same one.
STATUS = {"ok": "read and extracted",
          "partial": "read, but part is missing: a stage failed, pages without a text layer, or no data found",
          "failed": "could not be read; `warnings` says why"}
# Formats without a reader yet are recognised all the same: their reports failed, naming them
# (pipeline/readers/formats.py registers formats; a test keeps the two in step).
SOURCE_FORMAT = {"pdf": "a PDF with a text layer", "text": "a text file (UTF-8, UTF-16 or GB18030)",
                 "scanned_pdf": "a PDF whose pages are mostly images without a text layer, read by OCR",
                 "unknown": "not recognised (the report failed)",
                 "docx": "a Word document (.docx, whatever its name)",
                 "doc": "a legacy Word or WPS document (also Word 2003 XML), read through LibreOffice",
                 "rtf": "a Rich Text Format document, read through LibreOffice",
                 "xlsx": "an Excel workbook (.xlsx); one report per sheet when each sheet is a report",
                 "xls": "a legacy Excel or WPS spreadsheet (.xls, .et; Excel 2003 XML through LibreOffice)",
                 "html": "a web page (.html, or a file of another name that is HTML)",
                 **{name: f"{what} (not read yet: the report failed)" for name, what in (
                     ("pptx", "a PowerPoint presentation"), ("ppt", "a PowerPoint 97-2003 presentation"),
                     ("ole", "an Office 97-2003 file of an unknown kind"), ("odt", "an OpenDocument text"),
                     ("ods", "an OpenDocument spreadsheet"), ("ofd", "an OFD document (版式文档)"),
                     ("epub", "an EPUB e-book"), ("image", "an image"), ("zip", "a zip archive"),
                     ("binary", "binary content of no document format"))}}
REPORT_KIND = {
    "project_evaluation": "项目/重点项目绩效评价报告, usually by a third party",
    "project_self_evaluation": "项目支出绩效自评报告 or 自评表",
    "department_evaluation": "部门整体支出绩效评价报告",
    "department_self_evaluation": "部门整体支出绩效自评报告",
    "other": "none of the above words in the title",
}
GRADE = {"优": "优 / 优秀", "良": "良 / 良好", "中": "中 / 中等 / 合格 / 及格", "差": "差 / 不合格 / 不及格"}
ROLE = {
    "overview": "概述, 基本情况, 背景", "targets": "绩效目标, 指标设定", "budget": "预算, 资金, 收支",
    "implementation": "实施情况, 组织实施", "method": "评价方法, 指标体系, 评价工作",
    "conclusion": "评价结论, 自评情况, 综合评价", "analysis": "绩效分析, 完成情况, 得分情况",
    "experience": "主要绩效, 经验做法, 成效", "problems": "存在问题, 不足",
    "recommendations": "建议, 改进措施, 下一步",
}
STAGE = {"input": "the file itself, before any reader", "read": "a reader, or the format sniffer",
         "worker": "the run's limits and machinery (time, memory, a crashed worker)",
         "analysis": "the analysis of the document", "reports": "report fields", "scores": "scores",
         "sections": "sections", "indicators": "indicators", "tables": "tables",
         "checks": "cross-checks of figures that should agree", "run": "relations between the files of a run"}
FINDING_KIND = {"problem": "存在问题 / 不足", "recommendation": "建议 / 改进措施 / 下一步工作",
                "experience": "主要绩效 / 经验做法 / 成效"}
REGION_LEVEL = {"province": "省 / 自治区 / 直辖市", "city": "地级市 / 州 / 盟 / 地区",
                "county": "区 / 县 / 旗 / 县级市"}
PROJECT_SOURCE = {"report": "a project report or form about this project",
                  "department_list": "a row of a project list (项目名称 with budget, spending or score) "
                                     "inside another report"}

REPORT_ID = Column("report_id", pa.string(), "the first 16 hex characters of the SHA-256 of the source "
                   "file's bytes (a workbook's further report sheets: of the file's id, `#` and the sheet's "
                   "name); joins every dataset to `reports`")

OCR = Column("ocr", pa.bool_(), "true when the row's page was read by OCR from a scan (worth checking "
             "its figures against the page); false for a text layer or a text file")

REPORTS = Dataset("reports", "source document", version=2, sort_keys=("source_file", "report_id"), columns=(
    REPORT_ID,
    Column("source_file", pa.string(), "path relative to the input folder it was found in; a workbook "
           "read as one report per sheet names the sheet: `book.xlsx#Sheet2`"),
    Column("source_format", pa.string(), "what the file is, from its content", SOURCE_FORMAT),
    Column("status", pa.string(), "how far the document was read", STATUS),
    Column("title", pa.string(), "the report's title as printed on its first page, lines joined"),
    Column("report_kind", pa.string(), "what kind of report, from its title", REPORT_KIND),
    Column("fiscal_year", pa.int16(), "the budget year evaluated (the 2023 of `2023年度`), not the year "
           "the report was written"),
    Column("department", pa.string(), "the budget unit whose spending is evaluated (主管部门/预算单位/"
           "委托单位) as printed, e.g. 广州市科学技术协会"),
    Column("project_name", pa.string(), "the project evaluated as printed; null for department-wide reports"),
    Column("implementing_unit", pa.string(), "实施单位, the unit that carried the project out, when the "
           "document names one"),
    Column("evaluator", pa.string(), "the third-party organisation that did the evaluation, when named"),
    Column("total_score", pa.float64(), "the overall score (综合得分/自评得分/绩效评价得分)"),
    Column("grade", pa.string(), "the grade the report states", GRADE),
    Column("budget_initial_wan", pa.float64(), "年初预算, 万元"),
    Column("budget_final_wan", pa.float64(), "the budget execution is measured against (全年预算数, "
           "调整后预算, 年度预算合计), 万元; equals budget_initial_wan when the report names one budget"),
    Column("expenditure_wan", pa.float64(), "实际支出 / 决算数 / 执行数, 万元"),
    Column("execution_rate", pa.float64(), "预算执行率 / 预算支出率 / 支出进度 as stated, in percent"),
    Column("page_count", pa.int32(), "pages of a PDF; null for text, Word, Excel and web pages (no printed pages)"),
    Column("source_url", pa.string(), "the page a saved web page came from (its first line, a bare URL)"),
    Column("warnings", list_of_strings(), "what the pipeline noticed: a cross-check that failed, a table "
           "it could not read, a field found twice with different values (as data, with codes: `warnings`)"),
    Column("duplicate_of", pa.string(), "report_id of an earlier rendition of the same report (a PDF and "
           "its text export: the same kind, title, department, project, year and figures); null otherwise"),
    Column("department_key", pa.string(), "the department across spellings and years: joins "
           "`departments` (null when no department was found)"),
    Column("project_key", pa.string(), "the project across years: joins `projects` (null for "
           "department-wide reports)"),
))

SECTIONS = Dataset("sections", "heading (一、/（一）/1./（1）/①)", version=2, sort_keys=("report_id", "seq"), columns=(
    REPORT_ID,
    Column("seq", pa.int32(), "order of the heading in the document, from 0"),
    Column("level", pa.int8(), "1 for `一、`, 2 for `（一）`, 3 for `1.`/`1、`, 4 for `（1）`, 5 for `①`"),
    Column("number", pa.string(), "the enumerator as printed, normalised: `一`, `（一）`, `1`, `（1）`, `①`"),
    Column("heading", pa.string(), "heading text without its enumerator"),
    Column("parent_seq", pa.int32(), "seq of the enclosing heading; null at the top level"),
    Column("role", pa.string(), "what the section is for, from the words of its heading (a part of a "
           "problems, recommendations or experience section has its parent's role)", ROLE),
    Column("text", pa.string(), "body text up to the next heading of the same or a higher level, "
           "paragraphs separated by line breaks"),
    Column("page_start", pa.int32(), "1-based page of the heading (PDF only)"),
    OCR,
))

SCORES = Dataset("scores", "scored indicator (分值/得分)", version=2, columns=(
    REPORT_ID,
    Column("level1", pa.string(), "一级指标 (决策, 过程, 产出, 效益, 满意度 …)"),
    Column("level2", pa.string(), "二级指标 or the group it is scored under"),
    Column("level3", pa.string(), "三级指标 where the table has three name levels above the leaf"),
    Column("name", pa.string(), "the item scored (the lowest level named)"),
    Column("is_subtotal", pa.bool_(), "true for rows that sum other rows (a 一级指标 total)"),
    Column("max_score", pa.float64(), "分值 / 权重"),
    Column("score", pa.float64(), "得分 / 自评分 / 实际得分"),
    Column("score_rate", pa.float64(), "得分率 in percent, as stated or score / max_score"),
    Column("source", pa.string(), "where the score was printed",
           {"table": "a score table", "text": "prose, like `论证充分性，指标分值4分，评价得分4分`"}),
    Column("page", pa.int32(), "1-based page (PDF only)"),
    OCR,
))

INDICATORS = Dataset("indicators", "performance target (绩效目标/绩效指标)", version=2, columns=(
    REPORT_ID,
    Column("level1", pa.string(), "the first name column, usually 一级指标 (产出指标, 效益指标 …)"),
    Column("level2", pa.string(), "the next name column, usually 二级指标 (数量指标, 质量指标 …)"),
    Column("level3", pa.string(), "a third name column where the table has one above the indicator"),
    Column("name", pa.string(), "the indicator (the lowest level named)"),
    Column("target_text", pa.string(), "年度指标值 / 年度目标值 / 预期值, as printed"),
    Column("target_op", pa.string(), "how the target compares",
           {">=": "不少于, 以上, ≥", "<=": "不超过, 以下, ≤", "=": "exactly", "~": "约"}),
    Column("target_value", pa.float64(), "the number in the target; 万/亿 applied; money in 万元"),
    Column("target_unit", pa.string(), "the unit after the number (人, 家, 项, %, 万元 …)"),
    Column("actual_text", pa.string(), "实际值 / 完成值, as printed"),
    Column("actual_value", pa.float64(), "the number in actual_text"),
    Column("status", pa.string(), "完成情况 as printed (已完成, 未完成 …)"),
    Column("page", pa.int32(), "1-based page (PDF only)"),
    OCR,
))

TABLES = Dataset("tables", "table cell", version=2, sort_keys=("report_id", "table_seq", "row", "col"), columns=(
    REPORT_ID,
    Column("table_seq", pa.int32(), "order of the table in the document; a table continued across a "
           "page break is one table"),
    Column("caption", pa.string(), "e.g. `表1 绩效指标表`"),
    Column("row", pa.int32(), "0-based, header rows included"),
    Column("col", pa.int32(), "0-based"),
    Column("text", pa.string(), "the cell's text; a merged cell repeats its text in every position"),
    Column("page", pa.int32(), "1-based page of the cell's row (PDF only)"),
    OCR,
))

FIELDS = Dataset("fields", "reading of a report field (the evidence behind a reports column)", version=2, columns=(
    REPORT_ID,
    Column("field", pa.string(), "the reports column read: department, total_score, budget_initial_wan …"),
    Column("value", pa.string(), "the value as text (money in 万元, a percent as a number)"),
    Column("chosen", pa.bool_(), "true for the reading the reports row kept"),
    Column("method", pa.string(), "how it was read: title, table_kv, line_kv, prose, phrase, budget_block …"),
    Column("page", pa.int32(), "1-based page of the source text (PDF only)"),
    Column("evidence", pa.string(), "the source text, at most 120 characters"),
    OCR,
))

WARNINGS = Dataset("warnings", "warning (what the pipeline noticed about a document)", version=1, columns=(
    REPORT_ID,
    Column("stage", pa.string(), "the stage that noticed it", STAGE),
    Column("code", pa.string(), "what kind of warning: a stable code, never renamed or reused",
           {c.code: c.meaning for c in CODES.values()}),
    Column("page", pa.int32(), "1-based page it concerns, when known"),
    Column("message", pa.string(), "in words, as in reports.warnings"),
))

FINDINGS = Dataset("findings", "problem, recommendation or experience item", version=2,
                   sort_keys=("report_id", "seq"), columns=(
    REPORT_ID,
    Column("kind", pa.string(), "what the item is, from the heading of its section", FINDING_KIND),
    Column("seq", pa.int32(), "order of the item among the report's findings, from 0"),
    Column("number", pa.string(), "the item's enumerator as printed (`一是`, `（一）`, `1`); null for "
           "a section that states one item without numbering"),
    Column("heading", pa.string(), "the item's own title when it has one: its sub-heading, or the short "
           "first sentence of a numbered item"),
    Column("text", pa.string(), "the whole item, title included, without its enumerator"),
    Column("section_seq", pa.int32(), "sections.seq of the section the item is in"),
    Column("section", pa.string(), "that section's heading, e.g. 存在的主要问题"),
    Column("page", pa.int32(), "1-based page where the item starts (PDF only)"),
    Column("keywords", list_of_strings(), "the item's top terms by TF-IDF (jieba), most weighty first; "
           "domain terms such as 预算执行率 stay whole"),
    OCR,
))

DEPARTMENTS = Dataset("departments", "department, across spellings and years", version=1,
                      sort_keys=("department_key",), columns=(
    Column("department_key", pa.string(), "first 16 hex characters of the SHA-256 of canonical_name; "
           "joins reports.department_key and projects.department_key"),
    Column("canonical_name", pa.string(), "the name with bracketed notes removed and abbreviations "
           "spelled out (科技局 -> 科学技术局, rules in extractors/departments.py and its alias file)"),
    Column("region", pa.string(), "the administrative area that opens the name, e.g. 广州市黄埔区"),
    Column("region_level", pa.string(), "the level of region's last part", REGION_LEVEL),
    Column("spellings", list_of_strings(), "every spelling of the name seen in the reports, sorted"),
    Column("report_count", pa.int32(), "reports that name this department"),
    Column("first_year", pa.int16(), "earliest fiscal_year of those reports"),
    Column("last_year", pa.int16(), "latest fiscal_year of those reports"),
))

PROJECTS = Dataset("projects", "evaluated project per fiscal year", version=1,
                   sort_keys=("project_key", "fiscal_year"), columns=(
    Column("project_key", pa.string(), "the project across years: first 16 hex characters of the SHA-256 "
           "of department_key and name_key"),
    Column("fiscal_year", pa.int16(), "the budget year"),
    Column("project_name", pa.string(), "the name as printed (the first source's spelling)"),
    Column("name_key", pa.string(), "the normalised name the key is made of: year prefixes, 年度, 项目, "
           "quotation marks and bracketed notes removed"),
    Column("department_key", pa.string(), "joins departments; null when the department is unknown"),
    Column("department", pa.string(), "the department as printed in the source"),
    Column("source", pa.string(), "where the figures come from", PROJECT_SOURCE),
    Column("report_id", pa.string(), "the report the figures come from"),
    Column("report_ids", list_of_strings(), "every report that names this project in this year, sorted"),
    Column("budget_wan", pa.float64(), "the project's budget (全年预算数, else 年初预算), 万元"),
    Column("expenditure_wan", pa.float64(), "实际支出 / 执行数 / 决算数, 万元"),
    Column("execution_rate", pa.float64(), "执行率 as stated, in percent"),
    Column("total_score", pa.float64(), "the project's score"),
    Column("grade", pa.string(), "the project's grade", GRADE),
))

RUNS = Dataset("runs", "document per run", version=1, sort_keys=("run",),
               notes="The run log: each run of `jixiao extract` appends its rows; the only dataset "
                     "with a time in it.", columns=(
    Column("run", pa.int32(), "1 for the folder's first run, then 2, 3, …"),
    Column("started_at", pa.timestamp("ms", tz="UTC"), "when the run started"),
    Column("jixiao_version", pa.string(), "the version of jixiao that ran"),
    Column("source_file", pa.string(), "as in reports.source_file"),
    Column("report_id", pa.string(), "as in reports.report_id"),
    Column("status", pa.string(), "the document's status in that run", STATUS),
    Column("cached", pa.bool_(), "taken from the cache, not extracted"),
    Column("seconds", pa.float64(), "extraction time (0 for a cached document)"),
    Column("cpu_seconds", pa.float64(), "CPU time of the extraction"),
    Column("pages", pa.int32(), "pages of a PDF"),
    Column("warnings", pa.int32(), "how many warnings its reports row has"),
    Column("error", pa.string(), "why a failed document failed"),
    Column("peak_rss_mb", pa.float64(), "its worker's memory high-water mark after it, MiB"),
))

# Every declared dataset, in the contract's order.
DECLARED: dict[str, Dataset] = {d.name: d for d in (
    REPORTS, SECTIONS, SCORES, INDICATORS, TABLES, FIELDS, WARNINGS, FINDINGS, PROJECTS, DEPARTMENTS, RUNS)}
# The datasets a run writes whole (runs.parquet is appended to by pipeline.runlog).
WRITTEN = ("reports", "sections", "scores", "indicators", "tables", "fields", "warnings", "findings", "projects",
           "departments")
DATASETS: dict[str, pa.Schema] = {name: DECLARED[name].schema for name in WRITTEN}
# Row order of every written file, for byte-identical output across runs.
SORT_KEYS: dict[str, list[str]] = {name: list(DECLARED[name].sort_keys) for name in WRITTEN}

Row = Mapping[str, Any]


class SchemaError(ValueError):
    """A row does not fit its dataset's schema."""


def validate(dataset: str, rows: Iterable[Row]) -> pa.Table:
    """Rows -> Arrow table of the dataset's schema; raises SchemaError on a column it lacks."""
    schema = DATASETS[dataset]
    rows = list(rows)
    names = set(schema.names)
    for i, row in enumerate(rows):
        extra = set(row) - names
        if extra:
            raise SchemaError(f"{dataset} row {i} has columns not in the schema: {sorted(extra)}")
    try:
        return pa.Table.from_pylist(rows, schema=schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError) as exc:
        raise SchemaError(f"{dataset}: {exc}") from exc
