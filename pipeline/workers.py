"""Worker processes: each long-lived, fed one document at a time over a pipe, under a time
limit (the parent kills a worker whose document overruns) and a memory limit (RLIMIT_AS, set
by the worker on itself). A document that hangs, crashes its worker or runs out of memory
becomes a failed row; the worker is replaced and the other documents go on.

Not ``concurrent.futures.ProcessPoolExecutor``: one dead worker breaks its whole pool, and it
cannot stop a task that hangs.
"""
from __future__ import annotations

import resource
import signal
import time
from collections import deque
from dataclasses import replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Iterable, Iterator

from pipeline import forkserver
from pipeline.options import format_size
from pipeline.readers import time_budget
from pipeline.tasks import DEFAULT_WORK, Outcome, Task, WorkFn, failed_outcome, read_task

# How long a worker asked to stop may take before it is killed.
STOP_GRACE = 2.0
# A worker is replaced after this many documents, so that whatever a library leaks or
# caches does not pile up over an archive of thousands.
DOCUMENTS_PER_WORKER = 200
# How long a new worker may take to say it is ready (imports done, limits set).
START_TIMEOUT = 120.0
READY = "ready"
# A message a worker sends mid-document: (EXTEND, seconds) more for its time limit (OCR pages).
EXTEND = "extend"


class WorkerStartError(RuntimeError):
    """Worker processes cannot start (a broken install, a memory limit too low): a fault of
    the run, not of any document, so the run stops before touching the datasets."""


def peak_rss() -> int:
    """This process's resident-memory high-water mark, in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def serve(conn: Connection, memory_limit: int | None, work: WorkFn) -> None:
    """A worker's life: limit its own memory, then extract documents until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if memory_limit is not None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    conn.send(READY)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if task is None:
            return
        index, data, source_file, name = task
        started, cpu = time.perf_counter(), time.thread_time()
        error = None
        try:
            with time_budget.listening(lambda seconds: conn.send((EXTEND, seconds))):
                result = work(data, source_file, Path(name))
        except MemoryError:
            result, error = None, f"out of memory (limit {format_size(memory_limit)})"
        except BaseException as exc:  # noqa: BLE001 - work never raises; if it does, its document fails
            result, error = None, f"worker error: {type(exc).__name__}: {exc}"
        del data, task
        message = (index, result, error, time.perf_counter() - started, time.thread_time() - cpu,
                   peak_rss())
        try:
            conn.send(message)
        except OSError:  # the parent is gone
            return
        except Exception as exc:  # noqa: BLE001 - out of memory, or a result that cannot be pickled
            reason = f"the result could not be sent back: {type(exc).__name__}: {exc}"
            conn.send((index, None, reason, message[3], message[4], peak_rss()))


def exit_reason(exitcode: int | None) -> str:
    """Why a worker process ended, in words."""
    if exitcode is None:
        return "worker stopped responding"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = " (out of memory?)" if name == "SIGKILL" else ""
        return f"worker crashed: killed by {name}{hint}"
    return f"worker exited unexpectedly with code {exitcode}"


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
        self.data = b""
        self.started = 0.0
        self.limit = 0.0
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

    def give(self, task: Task, data: bytes) -> None:
        self.conn.send((task.index, data, task.source_file, str(task.path)))
        self.task, self.data, self.started = task, data, time.monotonic()
        self.limit = 0.0  # seconds the document earned beyond the run's timeout

    def done(self) -> None:
        self.task, self.data = None, b""
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
    """``workers`` processes extracting documents under ``timeout`` seconds and
    ``memory_limit`` bytes each; ``run`` yields outcomes as documents finish."""

    def __init__(self, workers: int, timeout: float, memory_limit: int | None,
                 work: WorkFn = DEFAULT_WORK) -> None:
        if workers < 1:
            raise ValueError(f"a worker pool needs at least one worker, got {workers}")
        self.size, self.timeout, self.memory_limit, self.work = workers, timeout, memory_limit, work
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
            deadline = min(w.started + self.timeout + w.limit for w in busy)
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy],
                             timeout=max(0.0, deadline - time.monotonic())))
            for worker in busy:
                if worker.conn in ready or worker.process.sentinel in ready:
                    outcome = self._collect(worker)
                    if outcome is not None:
                        yield outcome
                elif time.monotonic() - worker.started >= self.timeout + worker.limit:
                    yield self._time_out(worker)

    def _dispatch(self, slot: int, task: Task) -> Outcome | None:
        """Hand a document to the worker in ``slot``; an unreadable file is an outcome at once."""
        data = read_task(task)
        if isinstance(data, Outcome):
            return data
        try:
            self.workers[slot].give(task, data)
        except OSError:  # the idle worker died: a fresh one gets the document
            self._replace(self.workers[slot])
            self.workers[slot].give(task, data)
        return None

    def _collect(self, worker: _Worker) -> Outcome | None:
        """The result a worker sent, or a failed row when it died instead; None when it only
        asked for more time (a document with pages to OCR)."""
        task, data = worker.task, worker.data
        assert task is not None
        seconds = time.monotonic() - worker.started
        try:
            if not worker.conn.poll():
                raise EOFError
            message = worker.conn.recv()
            if message[0] == EXTEND:
                worker.limit += message[1]
                return None
            index, result, error, seconds, cpu, rss = message
        except (EOFError, OSError):
            worker.process.join(STOP_GRACE)
            reason = exit_reason(worker.process.exitcode)
            self._replace(worker)
            return failed_outcome(task, data, reason, seconds)
        worker.done()
        if worker.documents >= DOCUMENTS_PER_WORKER:
            self._retire(worker)
        if result is None:
            return replace(failed_outcome(task, data, error, seconds), peak_rss=rss, cpu_seconds=cpu)
        return Outcome(index, result, seconds, rss, cpu)

    def _retire(self, worker: _Worker) -> None:
        """Stop a worker that has done its share and start a fresh one in its place."""
        worker.stop()
        self.workers[self.workers.index(worker)] = self._spawn()

    def _time_out(self, worker: _Worker) -> Outcome:
        """Kill a worker whose document overran, and replace it."""
        task, data = worker.task, worker.data
        assert task is not None
        limit = self.timeout + worker.limit
        self._replace(worker)
        return failed_outcome(task, data, f"timed out after {limit:g} s", limit)

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
                reason = f"worker error: {type(exc).__name__}: {exc}"
                yield failed_outcome(task, data, reason, time.perf_counter() - started)
                continue
            yield Outcome(task.index, result, time.perf_counter() - started, peak_rss(),
                          time.thread_time() - cpu)

    def close(self) -> None:
        pass
