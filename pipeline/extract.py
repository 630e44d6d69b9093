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
from extractors.findings import extract_findings
from extractors.indicators import extract_indicators
from extractors.reports import extract_report
from extractors.scores import extract_scores
from extractors.sections import extract_sections
from extractors.tables import extract_tables
from pipeline.readers.errors import UnreadableDocument
from pipeline.readers.sniff import sniff
from pipeline.readers.text import read_text
from schemas.document import Document

Rows = list[dict[str, Any]]


@dataclass
class Extraction:
    """Rows of every dataset for one document; ``report`` is its single reports row."""

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


def report_id_of(data: bytes) -> str:
    """First 16 hex characters of the SHA-256 of the file's bytes."""
    return hashlib.sha256(data).hexdigest()[:16]


def read_documents(data: bytes, source_file: str, path: Path) -> list[Document]:
    """Bytes -> the documents the file holds, by the format the content shows (one, or one
    per report sheet of a workbook). Raises UnreadableDocument."""
    fmt, warnings = sniff(data, path)
    rid = report_id_of(data)
    if not data:
        raise UnreadableDocument("empty file (0 bytes)")
    if fmt == "pdf":
        from pipeline.readers.pdf import read_pdf

        docs = [read_pdf(data, source_file, rid)]
    elif fmt == "text":
        try:
            docs = [read_text(data, source_file, rid)]
        except UnreadableDocument as exc:
            if path.suffix.lower() == ".pdf":  # say what the name promised
                raise UnreadableDocument(f"not a PDF (no %PDF- header) and not text either: {exc}") from exc
            raise
    else:
        from pipeline.readers.formats import read_office

        docs = read_office(fmt, data, source_file, rid)
    if warnings:
        docs = [replace(doc, warnings=tuple(warnings) + doc.warnings) for doc in docs]
    return docs


def read_document(data: bytes, source_file: str, path: Path) -> Document:
    """Bytes -> the file's (first) Document. Raises UnreadableDocument."""
    return read_documents(data, source_file, path)[0]


def failed_report(data: bytes, source_file: str, path: Path, reason: str) -> dict[str, Any]:
    """The reports row of a file that could not be read."""
    fmt = sniff(data, path)[0] if data else "unknown"
    return {"report_id": report_id_of(data), "source_file": source_file, "source_format": fmt,
            "status": "failed", "warnings": [reason]}


# The extractors applied to every analysed document, in order: (dataset, function).
STAGES: tuple[tuple[str, Callable[[Analysis], Rows]], ...] = (
    ("scores", extract_scores),
    ("sections", extract_sections),
    ("indicators", extract_indicators),
    ("tables", extract_tables),
    ("findings", extract_findings),
)


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
            warnings.append(f"reports stage failed: {exc!r}")
            status = "partial"
        for name, stage in STAGES:
            try:
                rows[name] = stage(analysis)
            except Exception as exc:  # noqa: BLE001
                rows[name] = []
                warnings.append(f"{name} stage failed: {exc!r}")
                status = "partial"
        try:
            warnings += check_scores(rows.get("scores", []), report.get("total_score"))
            warnings += check_budget(report)
        except Exception as exc:  # noqa: BLE001
            warnings.append(f"cross-checks failed: {exc!r}")
    report.update({"report_id": doc.report_id, "source_file": doc.source_file,
                   "source_format": doc.source_format, "status": status,
                   "page_count": doc.page_count, "source_url": doc.source_url, "warnings": warnings})
    return Extraction(report=report, rows=rows)


def extract_file(path: Path, root: Path) -> Extraction:
    """Read and extract one file; any failure becomes a failed reports row, never an exception."""
    source_file = path.relative_to(root).as_posix() if path != root else path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Extraction(report={"report_id": report_id_of(b""), "source_file": source_file,
                                  "source_format": "unknown", "status": "failed",
                                  "warnings": [f"cannot read the file: {exc.strerror or exc}"]})
    return extract_data(data, source_file, path)


def extract_data(data: bytes, source_file: str, path: Path) -> Extraction:
    """Read and extract one file's bytes (``path`` only tells its name); never raises."""
    try:
        docs = read_documents(data, source_file, path)
    except UnreadableDocument as exc:
        return Extraction(report=failed_report(data, source_file, path, str(exc)))
    except Exception as exc:  # noqa: BLE001 - per-document catch-all: the batch goes on
        detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return Extraction(report=failed_report(data, source_file, path, f"reader failed: {detail}"))
    extractions = [extract_document(doc) for doc in docs]
    if len(extractions) > 1:  # a workbook of several reports: each knows its part (sheet)
        for extraction, doc in zip(extractions, docs):
            extraction.part = doc.source_file[len(source_file) + 1:]
    first = extractions[0]
    first.parts = extractions[1:]
    return first
