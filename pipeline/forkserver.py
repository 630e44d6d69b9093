"""The fork server that worker processes are forked from. Started early, while the parent is
still importing and hashing, with the extracting code already imported there, so that a new
or replacement worker is ready in milliseconds."""
from __future__ import annotations

import multiprocessing
from multiprocessing import forkserver
from typing import Any

from pipeline.extract import EXTRACTING_MODULES

# Modules the fork server imports once, for every worker forked from it.
PRELOAD = ["pipeline.extract", *EXTRACTING_MODULES]


def context() -> Any:
    """The multiprocessing context of jixiao's workers."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    return ctx


def start() -> None:
    """Launch the fork server now (it imports PRELOAD in the background); no-op if running."""
    context()
    forkserver.ensure_running()
