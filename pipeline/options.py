"""How a run is carried out: workers, limits, cache, scheduler. One frozen settings object
that checks itself when built, so a bad value fails at the command line, not mid-run."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

GiB = 1 << 30
DEFAULT_TIMEOUT = 120.0  # seconds one document may take, whatever its length
DEFAULT_TIMEOUT_PER_PAGE = 0.2  # and this much more per page (a 2 000-page PDF: 520 s)
DEFAULT_MEMORY_LIMIT = 2 * GiB  # address space a worker may map beyond its start (RLIMIT_AS)

# A size on the command line: `2G`, `1.5GiB`, `800M`, `4096` (bytes)
SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}


def parse_size(text: str) -> int | None:
    """`2G` -> 2147483648 bytes; `0` or `none` -> None (no limit). Raises ValueError."""
    if text.strip().lower() in {"0", "none", "off", "unlimited"}:
        return None
    match = SIZE.match(text)
    if not match:
        raise ValueError(f"not a size: {text!r} (expected e.g. 2G, 1500M)")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


def format_size(size: int | None) -> str:
    """A size as the command line writes it: 2147483648 -> `2G`, 209715200 -> `200M`;
    None -> `no limit`."""
    if size is None:
        return "no limit"
    for unit, factor in (("T", 1 << 40), ("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10)):
        if size >= factor:
            return f"{round(size / factor, 2):g}{unit}"
    return f"{size}"


def cpu_count() -> int:
    """Cores this process may run on (the affinity mask, not the machine's total)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class RunOptions:
    """Settings of a run. ``workers=0`` extracts in this process: no time or memory limit
    (for debugging); otherwise each document runs in a worker process under both limits."""

    workers: int = field(default_factory=cpu_count)  # 0: in this process
    timeout: float = DEFAULT_TIMEOUT  # the base of a document's time limit
    timeout_per_page: float = DEFAULT_TIMEOUT_PER_PAGE  # added per page of a PDF
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT
    force: bool = False  # ignore the cache (it is still refreshed)
    retry_failed: bool = False  # extract again every document the cache holds as failed
    scheduler: str | None = None  # tcp://HOST:PORT of a Dask scheduler
    progress: str = "auto"  # auto | bar | lines | off

    def __post_init__(self) -> None:
        if self.workers < 0:
            raise ValueError(f"workers must be 0 or more, got {self.workers}")
        if not self.timeout > 0:
            raise ValueError(f"timeout must be positive seconds, got {self.timeout}")
        if not self.timeout_per_page >= 0:
            raise ValueError(f"timeout per page must be 0 or more seconds, got {self.timeout_per_page}")
        if self.memory_limit is not None and self.memory_limit < 64 << 20:
            raise ValueError(f"memory limit {self.memory_limit} bytes is below 64 MiB: too little for any document")
        if self.progress not in {"auto", "bar", "lines", "off"}:
            raise ValueError(f"progress must be auto, bar, lines or off, got {self.progress!r}")
        if self.scheduler is not None and "://" not in self.scheduler:
            raise ValueError(f"scheduler must be an address like tcp://HOST:PORT, got {self.scheduler!r}")
