"""Worker processes: each long-lived, given one document at a time (its path: the worker
reads the file), under a time limit (the parent kills a worker whose document overruns; the
limit grows with the document's pages and with each page read by OCR) and a memory limit
(RLIMIT_AS above what it maps at start, set by the worker on itself). A document that hangs, crashes its worker or runs
out of memory becomes a failed row; the worker is replaced and the other documents go on.

Not ``concurrent.futures.ProcessPoolExecutor``: one dead worker breaks its whole pool, and it
cannot stop a task that hangs.
"""
from __future__ import annotations

import os
import resource
import signal
import time
from collections import deque
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Iterable, Iterator

from pipeline import forkserver
from pipeline.extract import Extraction
from pipeline.options import format_size
from pipeline.readers import time_budget
from pipeline.readers.pagecount import count_pages
from pipeline.tasks import DEFAULT_WORK, Outcome, Task, WorkFn, failed_outcome, read_task, unreadable_outcome

# How long a worker asked to stop may take before it is killed.
STOP_GRACE = 2.0
# A worker is replaced after this many documents, so that whatever a library leaks or
# caches does not pile up over an archive of thousands.
DOCUMENTS_PER_WORKER = 200
# How long a new worker may take to say it is ready (imports done, limits set).
START_TIMEOUT = 120.0
# Messages a worker sends: READY once; then, per document, PAGES (how many it has) when it
# knows, EXTEND (seconds more for its time limit: a page read by OCR) any number of times,
# and DONE with the result.
READY, PAGES, EXTEND, DONE = "ready", "pages", "extend", "done"


class WorkerStartError(RuntimeError):
    """Worker processes cannot start (a broken install, a memory limit too low): a fault of
    the run, not of any document, so the run stops before touching the datasets."""


def peak_rss() -> int:
    """This process's resident-memory high-water mark, in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def mapped_bytes() -> int:
    """This process's address space now (VmSize), in bytes; 0 where /proc is not there. A
    worker maps about 300 MB of libraries and reserved arenas before it reads anything, little
    of it resident: the memory limit is counted above it."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def serve(conn: Connection, memory_limit: int | None, work: WorkFn) -> None:
    """A worker's life: limit its own memory (the address space it may map beyond what it
    holds at start), then extract documents until told to stop.
    Each task names a file, which the worker reads itself: a document too large for the
    memory limit fails here, as that document's row, and never in the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if memory_limit is not None:
        ceiling = mapped_bytes() + memory_limit
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    conn.send(READY)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if task is None:
            return
        index, source_file, name = task
        started, cpu = time.perf_counter(), time.thread_time()
        result, error = None, None
        try:
            result = extract_path(conn, index, source_file, Path(name), work)
        except MemoryError:
            error = ("out_of_memory", out_of_memory(memory_limit))
        except OSError as exc:
            error = ("cannot_read_file", f"cannot read the file: {exc.strerror or exc}")
        except BaseException as exc:  # noqa: BLE001 - work never raises; if it does, its document fails
            error = ("worker_error", f"worker error: {type(exc).__name__}: {exc}")
        message = (DONE, index, result, error, time.perf_counter() - started, time.thread_time() - cpu,
                   peak_rss())
        try:
            conn.send(message)
        except OSError:  # the parent is gone
            return
        except Exception as exc:  # noqa: BLE001 - out of memory, or a result that cannot be pickled
            reason = ("worker_error", f"the result could not be sent back: {type(exc).__name__}: {exc}")
            if isinstance(exc, MemoryError):
                reason = ("out_of_memory", out_of_memory(memory_limit))
            conn.send((DONE, index, None, reason, message[4], message[5], peak_rss()))


def extract_path(conn: Connection, index: int, source_file: str, path: Path, work: WorkFn) -> Extraction:
    """Tell the parent how many pages the document has (its time limit grows with them),
    then read and extract it, passing on the time its reader asks for (pages read by OCR)."""
    pages = count_pages(path)
    if pages:
        conn.send((PAGES, index, pages))
    with time_budget.listening(lambda seconds: conn.send((EXTEND, index, seconds))):
        return work(path.read_bytes(), source_file, path)


def out_of_memory(limit: int | None) -> str:
    """The reason a document fails by the memory limit: `out of memory (limit 200M)`."""
    return "out of memory" if limit is None else f"out of memory (limit {format_size(limit)})"


# Signals that end a process whose allocation failed in C code (SIGKILL: the kernel's OOM killer).
MEMORY_SIGNALS = {"SIGKILL", "SIGABRT", "SIGSEGV", "SIGBUS"}


def exit_reason(exitcode: int | None, memory_limit: int | None = None) -> str:
    """Why a worker process ended, in words; a crash under a memory limit may be that limit
    (C code that cannot allocate aborts or crashes instead of raising MemoryError)."""
    if exitcode is None:
        return "worker stopped responding"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        if name in MEMORY_SIGNALS and memory_limit is not None:
            return f"worker crashed: killed by {name}; possibly {out_of_memory(memory_limit)}"
        hint = " (out of memory?)" if name == "SIGKILL" else ""
        return f"worker crashed: killed by {name}{hint}"
    return f"worker exited unexpectedly with code {exitcode}"


@dataclass(frozen=True)
class TimeLimit:
    """The time one document may take: ``base`` seconds plus ``per_page`` for each page, plus
    the ``extra`` seconds its reader asked for while reading it (pages read by OCR)."""

    base: float
    per_page: float = 0.0

    def seconds(self, pages: int, extra: float = 0.0) -> float:
        return self.base + self.per_page * pages + extra

    def describe(self, pages: int, extra: float = 0.0) -> str:
        """`120 s`, `520 s (120 s + 0.2 s × 2000 pages)`, or `160 s (120 s + 40 s for OCR)`."""
        total = f"{self.seconds(pages, extra):g} s"
        parts = [f"{self.base:g} s"]
        if pages and self.per_page:
            parts.append(f"{self.per_page:g} s × {pages} pages")
        if extra:
            parts.append(f"{extra:g} s for OCR")
        if len(parts) > 1:
            total += f" ({' + '.join(parts)})"
        return total


class _Worker:
    """One worker process, its pipe, and the document it is working on."""

    def __init__(self, ctx: Any, memory_limit: int | None, work: WorkFn) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=serve, args=(child, memory_limit, work), daemon=True,
                                   name="jixiao-worker")
        self.process.start()
        child.close()
        self._await_ready()
        self.task: Task | None = None
        self.started = 0.0
        self.pages = 0
        self.extra = 0.0  # seconds the document earned beyond its limit (OCR pages)
        self.documents = 0

    def _await_ready(self) -> None:
        try:
            if self.conn.poll(START_TIMEOUT) and self.conn.recv() == READY:
                return
            reason = "it did not start in time"
        except (EOFError, OSError):
            self.process.join(STOP_GRACE)
            reason = exit_reason(self.process.exitcode)
        self.kill()
        raise WorkerStartError(f"a worker process could not start: {reason}")

    def give(self, task: Task) -> None:
        self.conn.send((task.index, task.source_file, str(task.path)))
        self.task, self.started, self.pages, self.extra = task, time.monotonic(), 0, 0.0

    def deadline(self, limit: TimeLimit) -> float:
        return self.started + limit.seconds(self.pages, self.extra)

    def done(self) -> None:
        self.task = None
        self.documents += 1

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(STOP_GRACE)
        self.kill()


class WorkerPool:
    """``workers`` processes extracting documents, each under ``limit`` and ``memory_limit``
    bytes; ``run`` yields outcomes as documents finish."""

    def __init__(self, workers: int, limit: TimeLimit, memory_limit: int | None,
                 work: WorkFn = DEFAULT_WORK) -> None:
        if workers < 1:
            raise ValueError(f"a worker pool needs at least one worker, got {workers}")
        self.size, self.limit, self.memory_limit, self.work = workers, limit, memory_limit, work
        self.ctx = forkserver.context()
        self.workers: list[_Worker] = []

    def _spawn(self) -> _Worker:
        return _Worker(self.ctx, self.memory_limit, self.work)

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        self.workers[self.workers.index(worker)] = self._spawn()

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        """Extract every task; outcomes come in the order documents finish."""
        pending = deque(tasks)
        while len(self.workers) < min(self.size, len(pending)):
            self.workers.append(self._spawn())
        while True:
            for slot in range(len(self.workers)):
                while self.workers[slot].task is None and pending:
                    outcome = self._dispatch(slot, pending.popleft())
                    if outcome is not None:
                        yield outcome
            busy = [w for w in self.workers if w.task is not None]
            if not busy:
                return
            deadline = min(w.deadline(self.limit) for w in busy)
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy],
                             timeout=max(0.0, deadline - time.monotonic())))
            for worker in busy:
                if worker.conn in ready or worker.process.sentinel in ready:
                    outcome = self._receive(worker)
                    if outcome is not None:
                        yield outcome
                elif time.monotonic() >= worker.deadline(self.limit):
                    yield self._time_out(worker)

    def _dispatch(self, slot: int, task: Task) -> Outcome | None:
        """Hand a document to the worker in ``slot``; a file that is gone is an outcome at once."""
        if not task.path.is_file():
            try:
                task.path.open("rb").close()  # the reason in the system's words
            except OSError as exc:
                return unreadable_outcome(task, exc)
        try:
            self.workers[slot].give(task)
        except OSError:  # the idle worker died: a fresh one gets the document
            self._replace(self.workers[slot])
            self.workers[slot].give(task)
        return None

    def _receive(self, worker: _Worker) -> Outcome | None:
        """The outcome a worker sent, a failed row when it died instead, or None when it only
        said how many pages its document has or asked for more time."""
        task = worker.task
        assert task is not None
        seconds = time.monotonic() - worker.started
        try:
            if not worker.conn.poll():
                raise EOFError
            message = worker.conn.recv()
        except (EOFError, OSError):
            worker.process.join(STOP_GRACE)
            reason = exit_reason(worker.process.exitcode, self.memory_limit)
            self._replace(worker)
            return failed_outcome(task, "worker_crashed", reason, seconds)
        if message[0] == PAGES:
            worker.pages = message[2]
            return None
        if message[0] == EXTEND:
            worker.extra += message[2]
            return None
        _, index, result, error, seconds, cpu, rss = message
        worker.done()
        if worker.documents >= DOCUMENTS_PER_WORKER:
            self._retire(worker)
        if result is None:
            code, reason = error
            return replace(failed_outcome(task, code, reason, seconds), peak_rss=rss, cpu_seconds=cpu)
        return Outcome(index, result, seconds, rss, cpu)

    def _retire(self, worker: _Worker) -> None:
        """Stop a worker that has done its share and start a fresh one in its place."""
        worker.stop()
        self.workers[self.workers.index(worker)] = self._spawn()

    def _time_out(self, worker: _Worker) -> Outcome:
        """Kill a worker whose document overran, and replace it."""
        task, pages, extra = worker.task, worker.pages, worker.extra
        assert task is not None
        self._replace(worker)
        return failed_outcome(task, "timeout", f"timed out after {self.limit.describe(pages, extra)}",
                              self.limit.seconds(pages, extra))

    def close(self) -> None:
        """Stop every worker (killing those that do not stop in time)."""
        for worker in self.workers:
            if worker.task is None:
                worker.stop()
            else:
                worker.kill()
        self.workers = []


class InlineRunner:
    """Extract in this process, one document after another: no time or memory limit; for
    debugging (``--workers 0``) and for tests that patch the work in-process."""

    def __init__(self, work: WorkFn = DEFAULT_WORK) -> None:
        self.work = work

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        for task in tasks:
            data = read_task(task)
            if isinstance(data, Outcome):
                yield data
                continue
            started, cpu = time.perf_counter(), time.thread_time()
            try:
                result = self.work(data, task.source_file, task.path)
            except Exception as exc:  # noqa: BLE001 - as in a worker: the document fails, the run goes on
                code, reason = "worker_error", f"worker error: {type(exc).__name__}: {exc}"
                if isinstance(exc, MemoryError):
                    code, reason = "out_of_memory", out_of_memory(None)
                yield failed_outcome(task, code, reason, time.perf_counter() - started)
                continue
            yield Outcome(task.index, result, time.perf_counter() - started, peak_rss(),
                          time.thread_time() - cpu)

    def close(self) -> None:
        pass
