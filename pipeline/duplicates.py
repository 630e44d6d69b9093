"""One report per distinct content, and renditions of one report told apart.

- Byte-identical files (the same report_id) are one report: its row is named after the first
  path in sort order, and a warning lists each other path.
- Renditions (a PDF and its text export, say) are distinct files that read as the same
  report: the same kind, title, department, project, year and figures. Both keep their rows;
  every one after the first in sort order gets ``duplicate_of`` (the first's report_id) and a
  warning, so that a count or an average can leave them out.
"""
from __future__ import annotations

import unicodedata
from typing import Any, Iterable, Sequence

from pipeline.extract import Extraction
from schemas.warnings import WarningItem, warn

# The fields that make two readings one report; figures compared to 6 decimals.
RENDITION_KEYS = ("report_kind", "title", "department", "project_name", "fiscal_year")
RENDITION_FIGURES = ("total_score", "budget_initial_wan", "budget_final_wan", "expenditure_wan",
                     "execution_rate")


def identical_groups(files: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """(source_file, content digest) pairs -> {first source_file: the others} for every
    content found at more than one path."""
    by_digest: dict[str, list[str]] = {}
    for name, digest in files:
        by_digest.setdefault(digest, []).append(name)
    return {min(names): sorted(names)[1:] for names in by_digest.values() if len(names) > 1}


def identical_warning(other: str) -> WarningItem:
    return warn("duplicate_file", f"duplicate file: {other} has the same bytes; this row stands for both")


def rendition_key(report: dict[str, Any]) -> tuple[Any, ...] | None:
    """What two renditions of one report share, or None for a report too bare to tell
    (failed, no title, or no figure at all)."""
    if report.get("status") == "failed" or not report.get("title"):
        return None
    figures = tuple(None if report.get(f) is None else round(float(report[f]), 6) for f in RENDITION_FIGURES)
    if all(f is None for f in figures):
        return None
    keys = tuple("".join(unicodedata.normalize("NFKC", str(report[k])).split()) if report.get(k) is not None
                 else None for k in RENDITION_KEYS)
    return keys + figures


def mark_renditions(extractions: Sequence[Extraction]) -> int:
    """Set ``duplicate_of`` (and a warning) on every report that renders an earlier one in
    source_file order; returns how many were marked."""
    first: dict[tuple[Any, ...], dict[str, Any]] = {}
    marked = 0
    for extraction in sorted(extractions, key=lambda e: e.report["source_file"]):
        report = extraction.report
        key = rendition_key(report)
        if key is None:
            continue
        original = first.setdefault(key, report)
        if original is not report and original["report_id"] != report["report_id"]:
            report["duplicate_of"] = original["report_id"]
            extraction.add_warnings([warn("rendition", f"rendition of {original['source_file']}: the same title, "
                                                       "department, year and figures")])
            marked += 1
    return marked
