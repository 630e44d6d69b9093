"""One document, end to end: bytes -> Document -> rows of every dataset. Never raises: a
file that cannot be read becomes a failed reports row with the reason."""
from __future__ import annotations

import hashlib
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from extractors.analysis import Analysis, analyse
from extractors.checks import check_budget, check_scores
from extractors.indicators import extract_indicators
from extractors.reports import extract_report
from extractors.scores import extract_scores
from extractors.sections import extract_sections
from extractors.tables import extract_tables
from pipeline.readers.errors import UnreadableDocument, raise_if_memory
from pipeline.readers.formats import reader_of, unsupported
from pipeline.readers.sniff import sniff
from schemas.document import Document

Rows = list[dict[str, Any]]


@dataclass
class Extraction:
    """Rows of every dataset for one document; ``report`` is its single reports row."""

    report: dict[str, Any]
    rows: dict[str, Rows] = field(default_factory=dict)

    @property
    def status(self) -> str:
        return str(self.report["status"])


def report_id_of(data: bytes) -> str:
    """First 16 hex characters of the SHA-256 of the file's bytes."""
    return hashlib.sha256(data).hexdigest()[:16]


def read_document(data: bytes, source_file: str, path: Path) -> Document:
    """Bytes -> Document, by the reader of the format the content shows (``path`` only tells
    the file's name). Raises UnreadableDocument."""
    fmt, warnings = sniff(data, path)
    if not data:
        raise UnreadableDocument("empty file (0 bytes)")
    read = reader_of(fmt)
    if read is None:
        raise UnreadableDocument(unsupported(fmt))
    try:
        doc = read(data, source_file, report_id_of(data))
    except UnreadableDocument as exc:
        if fmt == "text" and path.suffix.lower() == ".pdf":  # say what the name promised
            raise UnreadableDocument(f"not a PDF (no %PDF- header) and not text either: {exc}") from exc
        raise
    if warnings:
        doc = replace(doc, warnings=tuple(warnings) + doc.warnings)
    return doc


def failed_report(report_id: str, source_file: str, source_format: str,
                  warnings: list[str]) -> dict[str, Any]:
    """The reports row of a file that could not be read: the reason first."""
    return {"report_id": report_id, "source_file": source_file, "source_format": source_format,
            "status": "failed", "warnings": list(warnings)}


# The extractors applied to every analysed document, in order: (dataset, function).
STAGES: tuple[tuple[str, Callable[[Analysis], Rows]], ...] = (
    ("scores", extract_scores),
    ("sections", extract_sections),
    ("indicators", extract_indicators),
    ("tables", extract_tables),
)


# The report fields that are data: a title alone (any first line) is not.
DATA_FIELDS = ("fiscal_year", "department", "project_name", "evaluator", "total_score", "grade",
               "budget_initial_wan", "budget_final_wan", "expenditure_wan", "execution_rate")
NO_DATA = "no data: no report field, section, score, indicator or table was found (not a performance report?)"


def yielded_data(report: dict[str, Any], rows: dict[str, Rows]) -> bool:
    """Whether a document gave anything an analyst can use: a report field or a row."""
    return any(report.get(name) is not None for name in DATA_FIELDS) or any(rows.values())


def extract_document(doc: Document) -> Extraction:
    """Analyse a read document once and apply every extractor to the analysis; a failing
    extractor costs its dataset only."""
    warnings = list(doc.warnings)
    status = "ok" if not any("no text layer" in w for w in warnings) else "partial"
    rows: dict[str, Rows] = {}
    report: dict[str, Any] = {}
    try:
        analysis = analyse(doc)
    except Exception as exc:  # noqa: BLE001 - one stage's bug must not lose the document
        raise_if_memory(exc)
        analysis = None
        warnings.append(f"analysis failed: {exc!r}")
        status = "partial"
    if analysis is not None:
        warnings += analysis.scores.warnings
        warnings += [w for block in analysis.budget for w in block.warnings]
        try:
            extraction = extract_report(analysis)
            report = extraction.row
            rows["fields"] = extraction.fields
            warnings += extraction.warnings
        except Exception as exc:  # noqa: BLE001
            raise_if_memory(exc)
            warnings.append(f"reports stage failed: {exc!r}")
            status = "partial"
        for name, stage in STAGES:
            try:
                rows[name] = stage(analysis)
            except Exception as exc:  # noqa: BLE001
                raise_if_memory(exc)
                rows[name] = []
                warnings.append(f"{name} stage failed: {exc!r}")
                status = "partial"
        try:
            warnings += check_scores(rows.get("scores", []), report.get("total_score"))
            warnings += check_budget(report)
        except Exception as exc:  # noqa: BLE001
            raise_if_memory(exc)
            warnings.append(f"cross-checks failed: {exc!r}")
    if status == "ok" and not yielded_data(report, rows):
        status = "partial"
        warnings.append(NO_DATA)
    report.update({"report_id": doc.report_id, "source_file": doc.source_file,
                   "source_format": doc.source_format, "status": status,
                   "page_count": doc.page_count, "source_url": doc.source_url, "warnings": warnings})
    return Extraction(report=report, rows=rows)


def extract_data(data: bytes, source_file: str, path: Path) -> Extraction:
    """Read and extract one file's bytes (``path`` only tells its name); never raises but
    MemoryError, which the worker running it reports as the run's memory limit."""
    try:
        doc = read_document(data, source_file, path)
    except UnreadableDocument as exc:
        fmt, warnings = sniff(data, path) if data else ("unknown", [])
        return Extraction(report=failed_report(report_id_of(data), source_file, fmt, [str(exc)] + warnings))
    except Exception as exc:  # noqa: BLE001 - per-document catch-all: the batch goes on
        raise_if_memory(exc)
        detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        fmt, warnings = sniff(data, path)
        return Extraction(report=failed_report(report_id_of(data), source_file, fmt,
                                               [f"reader failed: {detail}"] + warnings))
    return extract_document(doc)
