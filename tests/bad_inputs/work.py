"""Stand-ins for the per-document work, for the isolation tests: a file whose name holds a
marker misbehaves on purpose; any other file is extracted normally. Module-level functions,
so worker processes can import them."""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from pipeline.extract import Extraction, extract_data
from pipeline.readers import time_budget


def misbehave(data: bytes, source_file: str, path: Path) -> Extraction:
    """`hang` sleeps for an hour, `crash` dies of SIGSEGV, `hog` allocates 4 GiB, `raise`
    raises, `slow` works in four steps of 0.8 s, each granted 1 s more (like pages read by
    OCR); anything else is extracted."""
    name = path.name
    if "slow" in name:
        for _ in range(4):
            time_budget.grant(1.0)
            time.sleep(0.8)
    if "hang" in name:
        time.sleep(3600)
    if "crash" in name:
        os.kill(os.getpid(), signal.SIGSEGV)
    if "hog" in name:
        hog = bytearray(4 << 30)
        hog[::4096] = b"x" * len(hog[::4096])
    if "raise" in name:
        raise RuntimeError("a bug outside the per-document catch-all")
    return extract_data(data, source_file, path)
