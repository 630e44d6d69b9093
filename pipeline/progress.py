"""Progress of a run on stderr: a live bar on a terminal (documents, pages, rate, ETA),
plain lines now and then otherwise (logs, CI), or nothing."""
from __future__ import annotations

import sys
import time
from typing import Any, Protocol, TextIO

# Plain mode prints a line at most this often, and at every tenth of the documents.
LINE_EVERY_SECONDS = 10.0


class Progress(Protocol):
    """What a run reports as it goes."""

    def start(self, total: int, cached: int, cached_pages: int) -> None: ...

    def advance(self, pages: int) -> None: ...

    def close(self) -> None: ...


class NoProgress:
    def start(self, total: int, cached: int, cached_pages: int) -> None:
        pass

    def advance(self, pages: int) -> None:
        pass

    def close(self) -> None:
        pass


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class LineProgress:
    """`jixiao: 120/1000 documents, 2400 pages, 3.1 docs/s, ETA 0:04:40` now and then."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = self.done = self.pages = self.fresh = 0
        self.started = self.last = time.monotonic()
        self.next_share = 0.1

    def start(self, total: int, cached: int, cached_pages: int) -> None:
        self.total, self.done, self.pages = total, cached, cached_pages
        self.started = self.last = time.monotonic()
        if cached:
            self._print(f"{cached} of {total} documents unchanged, taken from the cache")

    def advance(self, pages: int) -> None:
        self.done += 1
        self.fresh += 1
        self.pages += pages
        now = time.monotonic()
        if self.done == self.total or now - self.last >= LINE_EVERY_SECONDS \
                or self.done >= self.next_share * self.total:
            self.last = now
            while self.next_share * self.total <= self.done and self.next_share < 1:
                self.next_share += 0.1
            rate = self.fresh / max(now - self.started, 1e-9)
            eta = (self.total - self.done) / rate if rate else 0.0
            self._print(f"{self.done}/{self.total} documents, {self.pages} pages, "
                        f"{rate:.1f} docs/s, ETA {_duration(eta)}")

    def _print(self, text: str) -> None:
        print(f"jixiao: {text}", file=self.stream, flush=True)

    def close(self) -> None:
        pass


class BarProgress:
    """A rich progress bar: documents done/total, pages, documents per second, ETA."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, \
            TimeElapsedColumn, TimeRemainingColumn

        self.bar = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("docs  {task.fields[pages]} pages  {task.fields[rate]}"),
                            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                            console=Console(stderr=True), transient=False)
        self.task: Any = None
        self.pages = self.fresh = 0
        self.started = time.monotonic()

    def start(self, total: int, cached: int, cached_pages: int) -> None:
        self.pages, self.started = cached_pages, time.monotonic()
        self.bar.start()
        self.task = self.bar.add_task("extract", total=total, completed=cached,
                                      pages=cached_pages, rate="")

    def advance(self, pages: int) -> None:
        self.pages += pages
        self.fresh += 1
        rate = self.fresh / max(time.monotonic() - self.started, 1e-9)
        self.bar.update(self.task, advance=1, pages=self.pages, rate=f"{rate:.1f} docs/s")

    def close(self) -> None:
        self.bar.stop()


def make_progress(mode: str) -> Progress:
    """`auto` is a bar when stderr is a terminal, plain lines otherwise."""
    if mode == "auto":
        mode = "bar" if sys.stderr.isatty() else "lines"
    if mode == "bar":
        return BarProgress()
    if mode == "lines":
        return LineProgress()
    return NoProgress()
