"""Rules on a scanned page: long straight runs of ink in the binarised, deskewed image.

Text is wiped first (the inside of every box the recogniser read: a stroke of `一` or a
column of strokes down a cell is not a border); then a table's borders are the only ink left
that runs straight for longer than a few characters. Runs are found row by row (and column
by column for vertical rules), one-pixel breaks from noise are bridged, and the runs come out
as the same ``Rule`` segments, in PDF points, that the PDF reader draws tables from.
"""
from __future__ import annotations

import numpy as np

from pipeline.readers.ocr import OcrBox
from pipeline.readers.ocr_settings import OcrSettings
from pipeline.readers.pdf_rules import Rule, snap_rules


def row_runs(ink: np.ndarray, min_length: int, max_gap: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of every run of ink along the rows at least ``min_length`` long,
    breaks of up to ``max_gap`` pixels bridged; ``end`` is exclusive."""
    height, width = ink.shape
    padded = np.zeros((height, width + 2), dtype=np.int8)
    padded[:, 1:-1] = ink
    change = np.diff(padded, axis=1)
    rows_s, starts = np.nonzero(change == 1)
    _, ends = np.nonzero(change == -1)
    if len(starts) == 0:
        return []
    # both come out row-major, so the k-th start and the k-th end belong to the same run
    # bridge short breaks: a run joins the one before when on the same row and close enough
    joins = np.zeros(len(starts), dtype=bool)
    joins[1:] = (rows_s[1:] == rows_s[:-1]) & (starts[1:] - ends[:-1] <= max_gap)
    first = np.nonzero(~joins)[0]
    last = np.append(first[1:] - 1, len(starts) - 1)
    g_rows, g_starts, g_ends = rows_s[first], starts[first], ends[last]
    keep = g_ends - g_starts >= min_length
    return list(zip(g_rows[keep].tolist(), g_starts[keep].tolist(), g_ends[keep].tolist()))


def wipe_text(ink: np.ndarray, boxes: list[OcrBox], margin: float) -> np.ndarray:
    """The ink with every text box cleared but for a thin margin (``margin`` pixels), where
    the box's edge may lie on a rule next to the text; boxes fit the glyphs tightly."""
    out = ink.copy()
    for box in boxes:
        x0, x1 = round(box.x0 + margin), round(box.x1 - margin)
        top, bottom = round(box.top + margin), round(box.bottom - margin)
        if x1 > x0 and bottom > top:
            out[max(top, 0):bottom, max(x0, 0):x1] = False
    return out


def ink_to_rules(ink: np.ndarray, boxes: list[OcrBox], page_width: float,
                 settings: OcrSettings) -> tuple[list[Rule], list[Rule]]:
    """Horizontal and vertical rules of a binarised page, in points (origin top-left)."""
    px_per_pt = ink.shape[1] / page_width
    min_length = max(2, round(settings.rule_min_length * ink.shape[1]))
    max_gap = max(1, round(settings.rule_gap * ink.shape[1]))
    ink = wipe_text(ink, boxes, max_gap)

    def to_rules(runs: list[tuple[int, int, int]]) -> list[Rule]:
        return [Rule((pos + 0.5) / px_per_pt, start / px_per_pt, end / px_per_pt) for pos, start, end in runs]

    horizontal = to_rules(row_runs(ink, min_length, max_gap))
    vertical = to_rules(row_runs(ink.T, min_length, max_gap))
    # a rule is a few pixels thick: the runs of its rows become one rule
    tol = 3.0 / px_per_pt + settings.rule_gap * page_width
    return snap_rules(horizontal, tol), snap_rules(vertical, tol)
