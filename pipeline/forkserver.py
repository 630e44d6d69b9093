"""The fork server that worker processes are forked from. Started early, while the parent is
still importing and hashing, with the extracting code already imported there, so that a new
or replacement worker is ready in milliseconds."""
from __future__ import annotations

import multiprocessing
from multiprocessing import forkserver
from typing import Any

# What extracting a document imports: the fork server imports it once, for every worker forked
# from it. Named here, not imported: the parent of a run imports none of it (nor pyarrow, which
# pipeline.extract needs), so that it starts the fork server at once.
EXTRACTING_MODULES = ("pipeline.readers.text", "pipeline.readers.pdf", "pipeline.readers.pdf_pdfium",
                      "extractors.analysis", "extractors.checks", "extractors.findings",
                      "extractors.indicators", "extractors.reports", "extractors.scores",
                      "extractors.sections", "extractors.tables")
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
