"""Arrow schemas of the datasets (shared/spec/data-contract.md), declared once.

``pipeline.writer`` writes with them and ``validate`` checks rows against them, so a row that
does not fit its dataset fails loudly in tests instead of silently in production.
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping

import pyarrow as pa

REPORTS = pa.schema([
    ("report_id", pa.string()),
    ("source_file", pa.string()),
    ("source_format", pa.string()),  # pdf | text | scanned_pdf | docx | doc | xlsx | xls | html | unknown
    ("status", pa.string()),  # ok | partial | failed
    ("title", pa.string()),
    ("report_kind", pa.string()),
    ("fiscal_year", pa.int16()),
    ("department", pa.string()),
    ("project_name", pa.string()),
    ("implementing_unit", pa.string()),  # 实施单位, when the document names one
    ("evaluator", pa.string()),
    ("total_score", pa.float64()),
    ("grade", pa.string()),  # 优 / 良 / 中 / 差
    ("budget_initial_wan", pa.float64()),  # 年初预算, 万元
    ("budget_final_wan", pa.float64()),  # 全年预算数 / 调整后预算, 万元
    ("expenditure_wan", pa.float64()),  # 实际支出 / 决算数, 万元
    ("execution_rate", pa.float64()),  # 预算执行率, percent
    ("page_count", pa.int32()),  # null for text, Word, Excel and web pages (no printed pages)
    ("source_url", pa.string()),  # the page a saved web page came from (its first line)
    ("warnings", pa.list_(pa.string())),
])

SECTIONS = pa.schema([
    ("report_id", pa.string()),
    ("seq", pa.int32()),
    ("level", pa.int8()),
    ("number", pa.string()),
    ("heading", pa.string()),
    ("parent_seq", pa.int32()),
    ("role", pa.string()),
    ("text", pa.string()),
    ("page_start", pa.int32()),
])

SCORES = pa.schema([
    ("report_id", pa.string()),
    ("level1", pa.string()),  # 一级指标
    ("level2", pa.string()),  # 二级指标
    ("level3", pa.string()),  # 三级指标
    ("name", pa.string()),
    ("is_subtotal", pa.bool_()),
    ("max_score", pa.float64()),  # 分值 / 权重
    ("score", pa.float64()),  # 得分 / 自评分
    ("score_rate", pa.float64()),  # 得分率, percent
    ("source", pa.string()),  # table | text
    ("page", pa.int32()),
])

INDICATORS = pa.schema([
    ("report_id", pa.string()),
    ("level1", pa.string()),
    ("level2", pa.string()),
    ("level3", pa.string()),
    ("name", pa.string()),
    ("target_text", pa.string()),  # 年度指标值 / 年度目标值 / 预期值
    ("target_op", pa.string()),  # >= <= = ~
    ("target_value", pa.float64()),
    ("target_unit", pa.string()),
    ("actual_text", pa.string()),  # 实际值 / 完成值
    ("actual_value", pa.float64()),
    ("status", pa.string()),  # 完成情况
    ("page", pa.int32()),
])

TABLES = pa.schema([
    ("report_id", pa.string()),
    ("table_seq", pa.int32()),
    ("caption", pa.string()),
    ("row", pa.int32()),
    ("col", pa.int32()),
    ("text", pa.string()),
    ("page", pa.int32()),
])

FIELDS = pa.schema([
    ("report_id", pa.string()),
    ("field", pa.string()),  # a reports column: department, total_score, budget_initial_wan …
    ("value", pa.string()),  # the value as text (money in 万元, percent as a number)
    ("chosen", pa.bool_()),  # the reading the report kept
    ("method", pa.string()),  # title | table_kv | line_kv | prose | phrase | budget_block | …
    ("page", pa.int32()),
    ("evidence", pa.string()),  # the source text, at most 120 characters
])

DATASETS: dict[str, pa.Schema] = {
    "reports": REPORTS,
    "sections": SECTIONS,
    "scores": SCORES,
    "indicators": INDICATORS,
    "tables": TABLES,
    "fields": FIELDS,
}

# Row order of every written file, for byte-identical output across runs.
SORT_KEYS: dict[str, list[str]] = {
    "reports": ["source_file", "report_id"],
    "sections": ["report_id", "seq"],
    "scores": ["report_id"],  # stable sort: document order within a report
    "indicators": ["report_id"],
    "tables": ["report_id", "table_seq", "row", "col"],
    "fields": ["report_id"],  # stable sort: the document's order of readings
}

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
