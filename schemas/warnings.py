"""Warnings as data: every problem jixiao notices has a stable code, declared here once, with
the stage that notices it, what it does to the document's status, and whether the next run
tries the document again. ``warnings.parquet`` holds one row per warning (report_id, stage,
code, page, message); ``reports.warnings`` keeps the messages as a readable list; a document's
status is decided from its codes by ``status_of`` alone.

Codes are a public interface, like column names: add new ones freely, never rename or reuse
one. README.md lists them (a test keeps the two in step).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal

Effect = Literal["failed", "partial", "none"]


@dataclass(frozen=True)
class Code:
    """A warning code: the stage that emits it, its effect on the status (``failed``: nothing
    could be read; ``partial``: part of the document is missing; ``none``: a note), whether a
    failure is the run's (limits, machinery) and tried again next run, and its meaning."""

    code: str
    stage: str
    effect: Effect
    meaning: str
    transient: bool = False


# Stages, in the order a document goes through them.
STAGES = ("input", "read", "worker", "analysis", "reports", "scores", "sections", "indicators", "tables",
          "checks", "run")

CODES: dict[str, Code] = {c.code: c for c in (
    # input: the file itself, before any reader sees it
    Code("cannot_read_file", "input", "failed", "the file cannot be opened (permissions, gone)", transient=True),
    Code("broken_symlink", "input", "failed", "a symbolic link whose target does not exist"),
    Code("not_a_regular_file", "input", "failed", "a FIFO, socket or device found by a folder walk"),
    # read: a reader, or the format sniffer
    Code("empty_file", "read", "failed", "the file is empty or holds no text"),
    Code("unsupported_format", "read", "failed", "a format jixiao recognises but does not read yet (the message names it)"),
    Code("binary_content", "read", "failed", "content of no document format (random bytes, compressed data)"),
    Code("not_a_pdf", "read", "failed", "named .pdf, but neither a PDF nor text"),
    Code("encrypted_pdf", "read", "failed", "a PDF that needs a password"),
    Code("truncated_pdf", "read", "failed", "a PDF that ends early"),
    Code("corrupt_pdf", "read", "failed", "a PDF whose structure or every page cannot be parsed"),
    Code("no_pages", "read", "failed", "a PDF without pages"),
    Code("undecodable_text", "read", "failed", "text whose byte-order mark does not match its bytes"),
    Code("nested_too_deep", "read", "failed", "objects nested too deep to parse (a corrupt or hostile file)"),
    Code("reader_error", "read", "failed", "a reader raised an unexpected error (a bug: please report it)"),
    Code("mislabelled_file", "read", "none", "the file's name promises another format than its content"),
    Code("page_unreadable", "read", "partial", "one page could not be parsed; the others were read"),
    Code("read_by_fallback", "read", "none", "pdfium could not open the PDF or read any page of it; pdfminer read it"),
    Code("scanned_document", "read", "partial", "no page has text: no text layer (a scan), and OCR could not run or found none"),
    Code("page_without_text", "read", "partial", "a page without a text layer (scanned) that OCR did not read"),
    # read: pages without a text layer, read by OCR (识别)
    Code("read_by_ocr", "read", "none", "pages without a text layer were read by OCR (the message names them; their rows have ocr = true)"),
    Code("ocr_blank_page", "read", "none", "a page without a text layer on which OCR found no text"),
    Code("ocr_unavailable", "read", "partial", "OCR cannot run (rapidocr or its model files missing, or the PDF cannot be "
         "rendered): its pages stay unread", transient=True),
    Code("ocr_failed", "read", "partial", "OCR of one page raised (onnxruntime out of memory, …): that page stays unread",
         transient=True),
    Code("ocr_skewed", "read", "none", "a scanned page skewed by the most the deskew searches, or more: it may be read wrong"),
    Code("ocr_doubtful_digits", "read", "none", "a number read by OCR that may hold a misread digit or decimal point; left as recognised"),
    Code("oversized_page", "read", "none", "a page far larger than any paper size; its layout may be wrong"),
    Code("unmapped_characters", "read", "none", "characters whose font has no Unicode mapping were dropped"),
    Code("text_encoding", "read", "none", "text decoded from an encoding other than UTF-8"),
    Code("lost_line_breaks", "read", "none", "a very long line: the text has lost its line breaks"),
    Code("table_rebuilt", "read", "none", "a table flattened into text was rebuilt by a guess"),
    Code("damaged_package", "read", "failed", "a Word or Excel file whose zip package is damaged (a download cut short)"),
    Code("malformed_office_file", "read", "failed", "an Office file or web page its reader cannot parse (no body, bad XML)"),
    Code("needs_libreoffice", "read", "failed", "a legacy .doc/.wps/.et/RTF file, and LibreOffice is not installed",
         transient=True),
    Code("conversion_failed", "read", "failed", "LibreOffice could not convert a legacy file"),
    Code("conversion_timeout", "read", "failed", "LibreOffice did not convert a legacy file in its time", transient=True),
    Code("converted_by_libreoffice", "read", "none", "a workbook xlrd cannot read, read through LibreOffice's conversion"),
    Code("charset_mismatch", "read", "none", "a web page whose declared charset does not decode it; read as sniffed"),
    Code("sheet_truncated", "read", "partial", "a sheet of more rows than are read; the rest is left out"),
    # worker: the run's limits and machinery
    Code("timeout", "worker", "failed", "the document took longer than its time limit", transient=True),
    Code("out_of_memory", "worker", "failed", "the document needed more memory than the limit", transient=True),
    Code("worker_crashed", "worker", "failed", "the worker process died (a signal) while extracting", transient=True),
    Code("worker_error", "worker", "failed", "the extraction raised outside its own safety net (a bug)", transient=True),
    Code("not_extracted", "worker", "failed", "no worker was left to extract it (every Dask thread was stuck)",
         transient=True),
    # extraction stages
    Code("stage_failed", "analysis", "partial", "an extraction stage raised; its dataset is empty for this document"),
    Code("no_data", "reports", "partial", "nothing was extracted: no report field, section, score, indicator or table"),
    Code("title_missing", "reports", "none", "no title found on the first page"),
    Code("department_is_implementing_unit", "reports", "none",
         "no 主管部门 or other department named: the 实施单位 is taken as the unit evaluated"),
    Code("kind_inferred", "reports", "none",
         "report_kind read from who published the report, its title naming no self-evaluation"),
    Code("field_conflict", "reports", "none", "a field read two ways with different values; the stronger kept"),
    Code("budget_split", "analysis", "none", "budget figures printed without breaks were split by their arithmetic"),
    Code("budget_merged_cell", "analysis", "none", "one budget figure read for two columns (a merged cell)"),
    Code("budget_unreadable", "analysis", "none", "a budget block's figures could not be matched to its columns"),
    Code("score_printed_twice", "scores", "none", "an item printed twice with different figures"),
    # checks: figures that should agree (never change a value)
    Code("score_above_max", "checks", "none", "an item scored above its maximum"),
    Code("score_rate_mismatch", "checks", "none", "a stated score rate that its score and maximum do not give"),
    Code("subtotal_mismatch", "checks", "none", "a level-1 subtotal that is not the sum of its items"),
    Code("total_score_mismatch", "checks", "none", "level-1 subtotals that do not add up to the total score"),
    Code("execution_rate_mismatch", "checks", "none", "a stated execution rate that expenditure ÷ budget does not give"),
    # run: relations between the files of one run
    Code("duplicate_file", "run", "none", "another path has the same bytes; this row stands for both"),
    Code("rendition", "run", "none", "another file reads as the same report (reports.duplicate_of is set)"),
)}


@dataclass(frozen=True, slots=True)
class WarningItem:
    """One warning: its code, the readable message, the page when known, and the stage that
    noticed it (by default the code's)."""

    code: str
    message: str
    page: int | None = None
    stage: str | None = None

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown warning code {self.code!r}: declare it in schemas/warnings.py")
        if self.stage is None:
            object.__setattr__(self, "stage", CODES[self.code].stage)

    def record(self, report_id: str) -> dict[str, object]:
        """The warnings.parquet row."""
        return {"report_id": report_id, "stage": self.stage, "code": self.code, "page": self.page,
                "message": self.message}


def warn(code: str, message: str, page: int | None = None, stage: str | None = None) -> WarningItem:
    """A warning of a declared code."""
    return WarningItem(code, message, page, stage)


def status_of(codes: Iterable[str]) -> str:
    """A document's status from its warnings' codes: `failed` when any says nothing could be
    read, `partial` when any says part is missing, else `ok`."""
    effects = {CODES[code].effect for code in codes}
    return "failed" if "failed" in effects else "partial" if "partial" in effects else "ok"


def is_transient(codes: Iterable[str]) -> bool:
    """Whether the run's limits or machinery, not the file, decided the outcome (not cached)."""
    return any(CODES[code].transient for code in codes)
