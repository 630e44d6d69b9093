"""One document, end to end: bytes -> Document -> rows of every dataset. Never raises: a
file that cannot be read becomes a failed reports row with the reason.

Readers and extractors are imported when a document needs them: the parent process of a
run never extracts, and their patterns take a good part of a start-up to compile.
"""
from __future__ import annotations

import hashlib
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from pipeline.readers.errors import UnreadableDocument, cause_of, raise_if_memory
from pipeline.readers.formats import reader_of, unsupported
from pipeline.readers.sniff import sniff
from schemas.datasets import DATASETS
from schemas.document import Document
from schemas.warnings import WarningItem, status_of, warn

if TYPE_CHECKING:
    from extractors.analysis import Analysis

Rows = list[dict[str, Any]]


@dataclass
class Extraction:
    """Rows of every dataset for one document; ``report`` is its single reports row. Its
    warnings are rows of ``rows["warnings"]`` and, as readable messages, ``report["warnings"]``;
    its status follows from their codes."""

    report: dict[str, Any]
    rows: dict[str, Rows] = field(default_factory=dict)
    part: str | None = None  # the part of its file it reads, when a file holds several (a sheet)
    parts: list["Extraction"] = field(default_factory=list)  # the file's further reports

    def all(self) -> list["Extraction"]:
        """This extraction and its file's further reports, in file order."""
        return [self, *self.parts]

    def relabel(self, source_file: str) -> "Extraction":
        """The same extraction under another file name (a cache hit at another path), each
        part keeping its `#part` suffix."""
        def named(e: "Extraction") -> "Extraction":
            suffix = f"#{e.part}" if e.part is not None else ""
            return Extraction(report=dict(e.report, source_file=source_file + suffix), rows=e.rows,
                              part=e.part)

        first = named(self)
        first.parts = [named(p) for p in self.parts]
        return first

    @property
    def status(self) -> str:
        return str(self.report["status"])

    @property
    def codes(self) -> list[str]:
        return [str(w["code"]) for w in self.rows.get("warnings", [])]

    def add_warnings(self, items: Sequence[WarningItem]) -> None:
        """Add warnings noticed after extraction (by the run) and decide the status again."""
        self.report = dict(self.report, warnings=list(self.report.get("warnings") or []) + [w.message for w in items])
        self.rows = dict(self.rows, warnings=list(self.rows.get("warnings", []))
                         + [w.record(self.report["report_id"]) for w in items])
        self.report["status"] = status_of(self.codes)


def with_warnings(report: dict[str, Any], rows: dict[str, Rows], warnings: Sequence[WarningItem]) -> Extraction:
    """A document's extraction: its warnings as messages and rows, its status from their codes."""
    report["warnings"] = [w.message for w in warnings]
    report["status"] = status_of(w.code for w in warnings)
    rows["warnings"] = [w.record(report["report_id"]) for w in warnings]
    return Extraction(report=report, rows=rows)


def report_id_of(data: bytes) -> str:
    """First 16 hex characters of the SHA-256 of the file's bytes."""
    return hashlib.sha256(data).hexdigest()[:16]


def read_documents(data: bytes, source_file: str, path: Path) -> list[Document]:
    """Bytes -> the documents the file holds, by the reader of the format the content shows
    (one, or one per report sheet of a workbook; ``path`` only tells the file's name). Raises
    UnreadableDocument."""
    fmt, warnings = sniff(data, path)
    if not data:
        raise UnreadableDocument("empty_file", "empty file (0 bytes)")
    read = reader_of(fmt)
    if read is None:
        raise unsupported(fmt)
    try:
        read_back = read(data, source_file, report_id_of(data))
    except UnreadableDocument as exc:
        if fmt == "text" and path.suffix.lower() == ".pdf":  # say what the name promised
            raise UnreadableDocument("not_a_pdf", f"not a PDF (no %PDF- header) and not text either: {exc}") from exc
        raise
    docs = read_back if isinstance(read_back, list) else [read_back]
    if warnings:
        docs = [replace(doc, warnings=tuple(warnings) + doc.warnings) for doc in docs]
    return docs


def read_document(data: bytes, source_file: str, path: Path) -> Document:
    """Bytes -> the file's (first) Document. Raises UnreadableDocument."""
    return read_documents(data, source_file, path)[0]


def failed_extraction(report_id: str, source_file: str, source_format: str,
                      warnings: Sequence[WarningItem]) -> Extraction:
    """The extraction of a file that could not be read: a reports row, the reason first."""
    report = {"report_id": report_id, "source_file": source_file, "source_format": source_format}
    return with_warnings(report, {}, warnings)


def stages() -> tuple[tuple[str, Callable[[Analysis], Rows]], ...]:
    """The extractors applied to every analysed document, in order: (dataset, function)."""
    from extractors.findings import extract_findings
    from extractors.indicators import extract_indicators
    from extractors.scores import extract_scores
    from extractors.sections import extract_sections
    from extractors.tables import extract_tables

    return (("scores", extract_scores), ("sections", extract_sections), ("indicators", extract_indicators),
            ("tables", extract_tables), ("findings", extract_findings))


# The report fields that are data: a title alone (any first line) is not.
DATA_FIELDS = ("fiscal_year", "department", "project_name", "evaluator", "total_score", "grade",
               "budget_initial_wan", "budget_final_wan", "expenditure_wan", "execution_rate")
NO_DATA = "no data: no report field, section, score, indicator or table was found (not a performance report?)"


def stage_failed(stage: str, exc: Exception) -> WarningItem:
    """The warning of an extraction stage that raised (a bug): its dataset is lost, not the document."""
    raise_if_memory(exc)
    return warn("stage_failed", f"{stage} stage failed: {exc!r}", stage=stage)


def yielded_data(report: dict[str, Any], rows: dict[str, Rows]) -> bool:
    """Whether a document gave anything an analyst can use: a report field or a row."""
    return any(report.get(name) is not None for name in DATA_FIELDS) or any(rows.values())


def extract_document(doc: Document) -> Extraction:
    """Analyse a read document once and apply every extractor to the analysis; a failing
    extractor costs its dataset only."""
    from extractors.analysis import analyse
    from extractors.checks import check_budget, check_scores
    from extractors.reports import extract_report

    warnings = list(doc.warnings)
    rows: dict[str, Rows] = {}
    report: dict[str, Any] = {}
    try:
        analysis = analyse(doc)
    except Exception as exc:  # noqa: BLE001 - one stage's bug must not lose the document
        analysis = None
        warnings.append(stage_failed("analysis", exc))
    if analysis is not None:
        warnings += analysis.scores.warnings
        warnings += [w if w.page is not None else replace(w, page=block.page)
                     for block in analysis.budget for w in block.warnings]
        try:
            extraction = extract_report(analysis)
            report = extraction.row
            rows["fields"] = extraction.fields
            warnings += extraction.warnings
        except Exception as exc:  # noqa: BLE001
            warnings.append(stage_failed("reports", exc))
        for name, stage in stages():
            try:
                rows[name] = stage(analysis)
            except Exception as exc:  # noqa: BLE001
                rows[name] = []
                warnings.append(stage_failed(name, exc))
        try:
            warnings += check_scores(rows.get("scores", []), report.get("total_score"))
            warnings += check_budget(report)
        except Exception as exc:  # noqa: BLE001
            warnings.append(stage_failed("checks", exc))
    for name, dataset_rows in rows.items():
        if name in DATASETS and "ocr" in DATASETS[name].names:
            flag_ocr(doc, dataset_rows, "page_start" if name == "sections" else "page")
    if not yielded_data(report, rows):
        warnings.append(warn("no_data", NO_DATA))
    report.update({"report_id": doc.report_id, "source_file": doc.source_file,
                   "source_format": doc.source_format, "page_count": doc.page_count,
                   "source_url": doc.source_url})
    return with_warnings(report, rows, warnings)


def flag_ocr(doc: Document, rows: Rows, page_column: str) -> None:
    """Flag every row whose page was read by OCR (``ocr``); a row without a page takes the
    document's: OCR when most of its pages were."""
    by_page = {page.number: page.method == "ocr" for page in doc.pages}
    usual = 2 * sum(by_page.values()) > len(by_page)
    for row in rows:
        row["ocr"] = by_page.get(row.get(page_column), usual)


def extract_data(data: bytes, source_file: str, path: Path) -> Extraction:
    """Read and extract one file's bytes (``path`` only tells its name); never raises but
    MemoryError, which the worker running it reports as the run's memory limit."""
    try:
        docs = read_documents(data, source_file, path)
    except UnreadableDocument as exc:
        fmt, warnings = sniff(data, path) if data else ("unknown", [])
        return failed_extraction(report_id_of(data), source_file, fmt, [exc.warning()] + warnings)
    except Exception as exc:  # noqa: BLE001 - per-document catch-all: the batch goes on
        raise_if_memory(exc)
        detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        fmt, warnings = sniff(data, path)
        failure = warn("reader_error", f"reader failed: {detail}")
        if cause_of(exc, RecursionError) is not None:  # a page tree or object nested thousands deep
            failure = warn("nested_too_deep", f"nested too deep to read (a corrupt or hostile file): {detail}")
        return failed_extraction(report_id_of(data), source_file, fmt, [failure] + warnings)
    extractions = [extract_document(doc) for doc in docs]
    if len(extractions) > 1:  # a workbook of several reports: each knows its part (sheet)
        for extraction, doc in zip(extractions, docs):
            extraction.part = doc.source_file[len(source_file) + 1:]
    first = extractions[0]
    first.parts = extractions[1:]
    return first
