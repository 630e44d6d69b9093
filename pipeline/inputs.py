"""The inputs of a run: the files named on the command line and those a folder walk finds,
each with its name in the datasets (``source_file``), checked before anything is extracted.

Every file a walk meets is accounted for: a report file (by its name's suffix, any format
registered in ``pipeline.readers.formats``) becomes an input, even when it cannot be read (a
broken symbolic link, a FIFO: a failed row saying why); any other file is counted in the
run's summary as skipped. A path that does not exist is the caller's to refuse.
"""
from __future__ import annotations

import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from pipeline.readers.formats import FOLDER_SUFFIXES
from schemas.warnings import WarningItem, warn


@dataclass(frozen=True)
class Input:
    """One file to extract. ``problem``: why it cannot be read at all, found while walking."""

    path: Path
    root: Path  # the folder source_file is relative to
    source_file: str
    problem: WarningItem | None = None


@dataclass
class Found:
    """What a set of paths holds: ``inputs`` in a stable order, the files a folder walk
    passed over (by suffix), and the named paths that do not exist."""

    inputs: list[Input] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    missing: list[Path] = field(default_factory=list)


def problem_of(path: Path) -> WarningItem | None:
    """Why a path a walk found cannot be read as a file, or None when it is a regular file."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            return warn("broken_symlink", f"broken symbolic link: its target {path.readlink()} does not exist")
        return warn("cannot_read_file", "cannot read the file: it disappeared while the folder was read")
    except OSError as exc:
        return warn("cannot_read_file", f"cannot read the file: {exc.strerror or exc}")
    if stat.S_ISREG(mode):
        return None
    kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
    return warn("not_a_regular_file", f"not a regular file ({kind})")


def walk(folder: Path, exclude: Path | None, found: Found) -> list[tuple[Path, Path]]:
    """(file, root) pairs under ``folder`` in sorted order, hidden entries and ``exclude``
    (the output folder) left out; files that are not reports by name are counted as skipped."""
    pairs = []
    excluded: tuple[str, ...] | None = None
    if exclude is not None and exclude.resolve().is_relative_to(folder.resolve()):
        excluded = exclude.resolve().relative_to(folder.resolve()).parts or None
    for entry in sorted(folder.rglob("*")):
        rel = entry.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if excluded is not None and rel.parts[:len(excluded)] == excluded:
            continue
        if entry.is_dir():
            continue
        if entry.suffix.lower() not in FOLDER_SUFFIXES:
            found.skipped[entry.suffix.lower() or "(no suffix)"] += 1
            continue
        pairs.append((entry, folder))
    return pairs


def root_labels(roots: Iterable[Path]) -> dict[Path, str]:
    """The shortest tail of each root's absolute path that no other root shares:
    /x/2022/reports and /y/2023/reports -> `2022/reports`, `2023/reports`."""
    roots = list(dict.fromkeys(roots))
    labels = {}
    for root in roots:
        parts = root.absolute().parts
        for n in range(1, len(parts) + 1):
            label = "/".join(parts[-n:]).lstrip("/")
            others = ["/".join(o.absolute().parts[-n:]).lstrip("/") for o in roots if o != root]
            if label not in others:
                break
        labels[root] = label
    return labels


def name_inputs(pairs: list[tuple[Path, Path]]) -> list[tuple[Path, Path, str]]:
    """(file, root, source_file): the path relative to its root; when two roots give the same
    name, every file of those roots is named with its root's label in front."""
    named = [(path, root, path.relative_to(root).as_posix()) for path, root in pairs]
    roots_of: dict[str, set[Path]] = {}
    for _, root, name in named:
        roots_of.setdefault(name, set()).add(root)
    clashing = {root for roots in roots_of.values() if len(roots) > 1 for root in roots}
    if not clashing:
        return named
    labels = root_labels(sorted(clashing))
    return [(path, root, f"{labels[root]}/{name}" if root in clashing else name)
            for path, root, name in named]


def discover(paths: Iterable[Path], exclude: Path | None = None) -> Found:
    """The inputs under ``paths``: folders walked recursively, files taken whatever their
    name; a file reached twice (the same path named twice, or inside a folder also named)
    is one input."""
    found = Found()
    pairs: list[tuple[Path, Path]] = []
    for path in paths:
        if path.is_dir():
            pairs += walk(path, exclude, found)
        elif path.exists():
            pairs.append((path, path.parent))
        else:
            found.missing.append(path)
    seen: set[Path] = set()
    unique = []
    for path, root in pairs:
        identity = path.parent.resolve() / path.name
        if identity not in seen:
            seen.add(identity)
            unique.append((path, root))
    for path, root, name in name_inputs(unique):
        found.inputs.append(Input(path, root, name, problem_of(path)))
    return found
