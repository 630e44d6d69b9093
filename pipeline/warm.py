"""Imported once by the fork server (``pipeline.forkserver.PRELOAD``): builds what every
worker would otherwise build for itself on its first document — jieba's dictionary for the
keywords of findings, about a second — so that workers forked from it start with it."""
from __future__ import annotations

from extractors.findings import FindingSettings, keyword_extractor


def warm() -> None:
    try:
        keyword_extractor(FindingSettings())
    except Exception:  # noqa: BLE001 - a worker then builds it itself, and reports what fails
        pass


warm()
