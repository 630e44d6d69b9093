"""Ctrl-C during a run, seen for sure. Python turns SIGINT into KeyboardInterrupt wherever the
main thread happens to be, and an exception raised inside a finalizer or a callback is
printed and dropped: the run would go on as if nothing had been pressed. ``Interrupts`` keeps
a flag as well, which the run checks after every document."""
from __future__ import annotations

import signal
import threading
from types import FrameType, TracebackType


class Interrupts:
    """``with Interrupts() as ctrl_c:`` ... ``ctrl_c.check()`` raises KeyboardInterrupt once
    Ctrl-C was pressed, even if the first one was swallowed. Outside the main thread (where
    signals cannot be handled) it only checks nothing."""

    def __init__(self) -> None:
        self.pressed = False
        self.previous: object = None

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self.pressed = True
        raise KeyboardInterrupt

    def check(self) -> None:
        if self.pressed:
            raise KeyboardInterrupt

    def __enter__(self) -> "Interrupts":
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)  # type: ignore[arg-type]
