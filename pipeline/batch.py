"""A run over files and folders: find the reports, extract each, write every dataset."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from pipeline.extract import Extraction, extract_file
from pipeline.writer import write_datasets
from schemas.datasets import DATASETS

# Files a folder walk picks up; a file named on the command line is read whatever its name.
REPORT_SUFFIXES = {".pdf", ".txt", ".text", ".docx", ".doc"}


def discover(paths: Iterable[Path]) -> list[tuple[Path, Path]]:
    """(file, root) pairs in a stable order: folders walked recursively (hidden entries
    skipped), ``root`` being the folder the file's source_file is relative to."""
    found: list[tuple[Path, Path]] = []
    for path in paths:
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                rel = f.relative_to(path)
                if f.is_file() and not any(p.startswith(".") for p in rel.parts) \
                        and f.suffix.lower() in REPORT_SUFFIXES:
                    found.append((f, path))
        else:
            found.append((path, path.parent))
    return found


@dataclass
class RunSummary:
    reports: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    partial: int = 0
    warnings: int = 0
    rows: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = [f"reports read: {self.reports - len(self.failed)} of {self.reports}"
               f" ({self.partial} partial, {len(self.failed)} failed)",
               "rows: " + ", ".join(f"{k} {v}" for k, v in self.rows.items()),
               f"warnings: {self.warnings}"]
        out += [f"failed: {name}: {why}" for name, why in self.failed]
        return out


def collect(results: Sequence[Extraction]) -> tuple[dict[str, list[dict[str, Any]]], RunSummary]:
    """Rows of every dataset from per-document results, and the run's summary."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in DATASETS}
    summary = RunSummary(reports=len(results))
    for result in results:
        rows["reports"].append(result.report)
        for name, dataset_rows in result.rows.items():
            rows[name].extend(dataset_rows)
        summary.warnings += len(result.report.get("warnings") or [])
        if result.status == "failed":
            summary.failed.append((result.report["source_file"], "; ".join(result.report["warnings"])))
        elif result.status == "partial":
            summary.partial += 1
    return rows, summary


def run(paths: Sequence[Path], out_dir: Path) -> RunSummary:
    """Extract every report under ``paths`` and write the datasets to ``out_dir``."""
    results = [extract_file(f, root) for f, root in discover(paths)]
    rows, summary = collect(results)
    summary.rows = write_datasets(out_dir, rows)
    return summary
