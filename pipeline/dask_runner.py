"""Beyond one machine: the per-document work on a Dask distributed cluster
(``--scheduler tcp://HOST:PORT``). The client reads each file and sends its bytes (workers
need not share the filesystem, but must have jixiao installed); the cache and the final
write stay with the client.

Limits on a cluster: the client keeps one document per worker thread in flight, so a
document starts when it is sent, and gives up on one that overruns ``timeout`` (a failed
row). Python cannot stop a thread, so the worker that holds it is restarted through its
nanny; a worker without a nanny keeps that thread busy, and the run uses one thread fewer.
Memory is the cluster's own ``--memory-limit``: a worker that exceeds it is restarted by its
nanny and the document, after the scheduler's allowed retries, becomes a failed row.
"""
from __future__ import annotations

import time
from collections import deque
from pathlib import Path
from typing import Any, Iterable, Iterator

from pipeline.extract import Extraction
from pipeline.tasks import DEFAULT_WORK, Outcome, Task, WorkFn, failed_outcome, read_task
from pipeline.workers import peak_rss

# Bytes above which a document is scattered to the cluster rather than put in the task.
SCATTER_ABOVE = 1 << 20
# Seconds to wait for the scheduler before the run gives up, before any work.
CONNECT_TIMEOUT = 10
NO_THREADS_LEFT = "not extracted: every Dask worker thread is stuck on a document that timed out"


def extract_remote(data: bytes, source_file: str, name: str,
                   work: WorkFn) -> tuple[Extraction, float, float, int]:
    """Run on a Dask worker: one document's extraction, its wall and CPU seconds, and the
    worker's peak RSS."""
    started, cpu = time.perf_counter(), time.thread_time()
    result = work(data, source_file, Path(name))
    return result, time.perf_counter() - started, time.thread_time() - cpu, peak_rss()


class SchedulerUnreachable(RuntimeError):
    """The Dask scheduler cannot be reached (or Dask is not installed)."""


def connect(address: str) -> Any:
    """A client of the scheduler at ``address``, or SchedulerUnreachable saying what to check."""
    try:
        from distributed import Client
    except ImportError:
        raise SchedulerUnreachable("--scheduler needs Dask: pip install 'jixiao[dask]'") from None
    try:
        return Client(address, set_as_default=False, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise SchedulerUnreachable(f"cannot reach the Dask scheduler at {address} within {CONNECT_TIMEOUT} s "
                                   f"({type(exc).__name__}); is it running, and is the address right?") from None


class DaskRunner:
    """Documents extracted on the Dask cluster at ``address``."""

    def __init__(self, address: str, timeout: float, work: WorkFn = DEFAULT_WORK) -> None:
        self.client = connect(address)
        self.timeout, self.work = timeout, work

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        pending = deque(tasks)
        slots = max(1, sum(self.client.nthreads().values()))
        flying: dict[Any, tuple[Task, float]] = {}
        while pending or flying:
            if slots == 0:
                for task in pending:
                    yield failed_outcome(task, "not_extracted", NO_THREADS_LEFT, 0.0)
                pending.clear()
            while pending and len(flying) < slots:
                task = pending.popleft()
                data = read_task(task)
                if isinstance(data, Outcome):
                    yield data
                    continue
                flying[self._submit(task, data)] = (task, time.monotonic())
            if not flying:
                continue
            deadline = min(started for _, started in flying.values()) + self.timeout
            done = self._wait(list(flying), deadline)
            for future in list(flying):
                task, started = flying[future]
                if future in done:
                    del flying[future]
                    yield self._outcome(future, task, started)
                elif time.monotonic() - started >= self.timeout:
                    del flying[future]
                    if not self._stop(future):
                        slots -= 1
                    yield failed_outcome(task, "timeout", f"timed out after {self.timeout:g} s", self.timeout)

    def _submit(self, task: Task, data: bytes) -> Any:
        payload: Any = data
        if len(data) > SCATTER_ABOVE:  # large arguments travel better as scattered data
            payload = self.client.scatter(data, hash=False)
        return self.client.submit(extract_remote, payload, task.source_file, str(task.path),
                                  self.work, pure=False, retries=0)

    def _wait(self, futures: list[Any], deadline: float) -> set[Any]:
        """The futures done by ``deadline`` (at least one, unless the deadline passes)."""
        from distributed import wait

        try:
            with self.client.as_current():
                return set(wait(futures, timeout=max(0.01, deadline - time.monotonic()),
                                return_when="FIRST_COMPLETED").done)
        except TimeoutError:
            return set()

    def _stop(self, future: Any) -> bool:
        """Free the thread running an overdue document by restarting its worker; False when
        the worker cannot be restarted (no nanny) and the thread stays busy."""
        holders = [addr for addr, keys in self.client.processing().items() if future.key in keys]
        future.cancel()
        if not holders:
            return True  # it finished or was never started: nothing holds a thread
        try:
            self.client.restart_workers(holders)
        except Exception:  # noqa: BLE001 - no nanny (an in-process cluster), or it refused
            return False
        return True

    @staticmethod
    def _outcome(future: Any, task: Task, started: float) -> Outcome:
        """A finished future's outcome; an error on the cluster (a worker killed for its
        memory, a lost connection) is the document's failed row."""
        try:
            result, seconds, cpu, rss = future.result()
        except Exception as exc:  # noqa: BLE001 - whatever the cluster raised, the batch goes on
            reason = f"Dask worker failed: {type(exc).__name__}: {exc}"
            return failed_outcome(task, "worker_error", reason, time.monotonic() - started)
        return Outcome(task.index, result, seconds, rss, cpu)

    def close(self) -> None:
        self.client.close()
