"""The extraction cache under the output folder: one small file per document, keyed by the
SHA-256 of its bytes (and its name's suffix, which the format sniffing reads), in a folder
named after the extraction fingerprint, so any change to the code or libraries that extract
starts a fresh cache.

    <out>/.jixiao-cache/<fingerprint>/<sha256>-<suffix>.json.z

Entries are zlib-compressed JSON (not pickle: loading a cache must never run code). Only
outcomes the file's bytes decide are stored: a document that timed out, ran out of memory or
crashed its worker is not, so the next run tries it again. A run prunes what it did not use
only after its datasets are written.
"""
from __future__ import annotations

import hashlib
import io
import importlib.metadata
import importlib.util
import json
import os
import re
import shutil
import tempfile
import zlib
from pathlib import Path

from pipeline.extract import Extraction
from pipeline.readers.pdf_engines import pdf_engine

CACHE_DIR = ".jixiao-cache"
ENTRY_SUFFIX = ".json.z"
# Bump when the entry layout changes.
ENTRY_FORMAT = 2
# Code whose change changes extraction: packages (all their .py files) and single modules.
EXTRACTING_CODE = ("extractors", "pipeline.readers", "schemas", "pipeline.extract")
# Files of those packages that decide extraction: code and data (the lexicon, word lists, aliases).
EXTRACTING_SUFFIXES = {".py", ".txt", ".tsv", ".toml"}
# Libraries whose upgrade may change what is read from a file.
EXTRACTING_LIBRARIES = ("jixiao", "pdfplumber", "pdfminer.six", "pypdfium2", "regex",
                        "charset-normalizer", "jieba", "rapidocr", "onnxruntime", "lxml", "openpyxl", "xlrd")


def _sources(module: str) -> list[Path]:
    """The code and data files of a package (recursively) or of a single module, without importing it."""
    spec = importlib.util.find_spec(module)
    if spec is None:
        return []
    if spec.submodule_search_locations:
        return sorted(p for folder in spec.submodule_search_locations for p in Path(folder).rglob("*")
                      if p.suffix in EXTRACTING_SUFFIXES)
    return [Path(spec.origin)] if spec.origin else []


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def fingerprint() -> str:
    """A hash of everything that decides what a document extracts to: the jixiao version,
    the source of the extracting code, and the versions of the libraries it reads with."""
    digest = hashlib.sha256(f"entry {ENTRY_FORMAT}\n".encode())
    digest.update(f"pdf engine {pdf_engine()}\n".encode())  # the engines read some files differently
    for name in EXTRACTING_LIBRARIES:
        digest.update(f"{name} {_version(name)}\n".encode())
    for module in EXTRACTING_CODE:
        for path in _sources(module):
            digest.update(f"{module}:{path.name}:{path.stat().st_size}\n".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def file_digest(handle: io.BufferedReader) -> str:
    """SHA-256 of an open file's bytes, in hex."""
    return hashlib.file_digest(handle, "sha256").hexdigest()


# What of a file name's suffix goes into a key: `.PDF` -> `pdf`
_SUFFIX_CHARS = re.compile(r"[^a-z0-9]")


def cache_key(digest: str, path: Path) -> str:
    """The entry name of a file's bytes under its name's suffix."""
    return f"{digest}-{_SUFFIX_CHARS.sub('', path.suffix.lower())[:12]}"


class ExtractionCache:
    """Extractions by content, under ``out_dir``; ``get`` re-labels a hit with the path it
    is asked for (identical files at two paths are two reports)."""

    def __init__(self, out_dir: Path, print_: str | None = None) -> None:
        self.root = out_dir / CACHE_DIR
        self.folder = self.root / (print_ or fingerprint())

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}{ENTRY_SUFFIX}"

    def get(self, key: str, source_file: str, retry_failed: bool = False) -> Extraction | None:
        """The cached extraction of ``key``, labelled ``source_file``; None on a miss, an
        unreadable entry, or (``retry_failed``) a document that failed."""
        try:
            entry = json.loads(zlib.decompress(self._path(key).read_bytes()))
        except (OSError, ValueError, zlib.error):
            return None
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None
        if retry_failed and entry["report"].get("status") == "failed":
            return None
        parts = [Extraction(report=p["report"], rows=p["rows"], part=p["part"]) for p in entry.get("parts", [])]
        found = Extraction(report=entry["report"], rows=entry["rows"], part=entry.get("part"), parts=parts)
        return found.relabel(source_file)

    def put(self, key: str, extraction: Extraction) -> None:
        """Store an extraction (written to a temporary file and renamed: never half an entry)."""
        entry = {"key": key, "report": extraction.report, "rows": extraction.rows, "part": extraction.part,
                 "parts": [{"report": p.report, "rows": p.rows, "part": p.part} for p in extraction.parts]}
        try:
            blob = zlib.compress(json.dumps(entry, ensure_ascii=False).encode(), 1)
        except (TypeError, ValueError):  # a value JSON cannot hold: extract it again next time
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".entry.", suffix=".tmp", dir=self.folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, self._path(key))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def prune(self, keep: set[str]) -> int:
        """Delete entries not in ``keep`` and caches of other fingerprints; returns how many
        entries went. Call only after the run's datasets are safely written."""
        removed = 0
        if self.root.is_dir():
            for other in self.root.iterdir():
                if other.is_dir() and other != self.folder:
                    shutil.rmtree(other, ignore_errors=True)
        if self.folder.is_dir():
            for entry in self.folder.iterdir():
                name = entry.name
                key = name[:-len(ENTRY_SUFFIX)] if name.endswith(ENTRY_SUFFIX) else None
                if key not in keep:
                    entry.unlink(missing_ok=True)
                    removed += key is not None
        return removed
