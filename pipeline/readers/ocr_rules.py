"""Rules on a scanned page: long straight runs of ink in the binarised, deskewed image.

Text does not count: the inside of every box the recogniser read is masked (a stroke of `一`
or a column of strokes down a cell is not a border), so a table's borders are the only ink
that runs straight for longer than a few characters. A run may cross a masked box (a tight
cell whose text box overlaps its border) as long as enough of it is ink outside boxes. Runs
are found row by row (and column by column for vertical rules), one-pixel breaks from noise
are bridged, and the runs come out as the same ``Rule`` segments, in PDF points, that the
PDF reader draws tables from.
"""
from __future__ import annotations

import numpy as np

from pipeline.readers.ocr import OcrBox
from pipeline.readers.ocr_settings import OcrSettings
from pipeline.readers.pdf_rules import Rule, snap_rules

PAPER, INK, MASKED = 0, 1, 2


def ink_runs(ink: np.ndarray, max_gap: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows, starts, ends) of the runs of ink along the rows, breaks of up to ``max_gap``
    pixels bridged; ``ends`` are exclusive."""
    height, width = ink.shape
    padded = np.zeros((height, width + 2), dtype=np.int8)
    padded[:, 1:-1] = ink
    change = np.diff(padded, axis=1)
    rows, starts = np.nonzero(change == 1)
    _, ends = np.nonzero(change == -1)  # row-major like the starts: the k-th pairs with the k-th
    if len(starts) == 0:
        return rows, starts, ends
    joins = np.zeros(len(starts), dtype=bool)
    joins[1:] = (rows[1:] == rows[:-1]) & (starts[1:] - ends[:-1] <= max_gap)
    first = np.nonzero(~joins)[0]
    last = np.append(first[1:] - 1, len(starts) - 1)
    return rows[first], starts[first], ends[last]


def long_runs(ink: np.ndarray, min_length: int, max_gap: int) -> np.ndarray:
    """The pixels on runs of ink along the rows at least ``min_length`` long, and their
    neighbours above and below (the blurred edge of a rule)."""
    rows, starts, ends = ink_runs(ink, max_gap)
    keep = ends - starts >= min_length
    mask = np.zeros(ink.shape, dtype=bool)
    for row, start, end in zip(rows[keep].tolist(), starts[keep].tolist(), ends[keep].tolist()):
        mask[max(row - 1, 0):row + 2, start:end] = True
    return mask


def row_runs(pixels: np.ndarray, crossings: np.ndarray, min_ink: int, max_gap: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of every straight run along the rows of ``pixels`` (PAPER, INK or
    MASKED) with at least ``min_ink`` ink pixels. Pieces of ink join across breaks of up to
    ``max_gap`` paper pixels, and across a masked text box (a rule running through a tight
    cell's text box); a piece that is nothing but where a perpendicular rule crosses
    (``crossings``) joins nothing, so a border never runs on through a text box into the
    merged cell beyond a rule. ``end`` is exclusive."""
    rows, starts, ends = ink_runs(pixels == INK, max_gap)
    if len(rows) == 0:
        return []
    width = pixels.shape[1]
    own = np.concatenate([[0], np.cumsum(((pixels == INK) & ~crossings).ravel())])
    piece = own[rows * width + ends] - own[rows * width + starts] > 0
    rows, starts, ends = rows[piece], starts[piece], ends[piece]
    if len(rows) == 0:
        return []
    flat_paper = np.concatenate([[0], np.cumsum((pixels == PAPER).ravel())])
    gap_paper = (flat_paper[rows[1:] * width + starts[1:]] - flat_paper[rows[:-1] * width + ends[:-1]])
    joins = np.zeros(len(rows), dtype=bool)
    joins[1:] = (rows[1:] == rows[:-1]) & (gap_paper <= 2 * max_gap)
    first = np.nonzero(~joins)[0]
    last = np.append(first[1:] - 1, len(rows) - 1)
    ink = np.add.reduceat(ends - starts, first)
    keep = ink >= min_ink
    return list(zip(rows[first][keep].tolist(), starts[first][keep].tolist(), ends[last][keep].tolist()))


def mask_text(ink: np.ndarray, boxes: list[OcrBox]) -> np.ndarray:
    """The page as PAPER, INK and MASKED (inside a text box, whatever is there)."""
    pixels = ink.astype(np.int8)
    for box in boxes:
        x0, x1, top, bottom = round(box.x0), round(box.x1), round(box.top), round(box.bottom)
        if x1 > x0 and bottom > top:
            pixels[max(top, 0):bottom, max(x0, 0):x1] = MASKED
    return pixels


def ink_to_rules(ink: np.ndarray, boxes: list[OcrBox], page_width: float,
                 settings: OcrSettings) -> tuple[list[Rule], list[Rule]]:
    """Horizontal and vertical rules of a binarised page, in points (origin top-left)."""
    px_per_pt = ink.shape[1] / page_width
    min_ink = max(2, round(settings.rule_min_length * ink.shape[1]))
    max_gap = max(1, round(settings.rule_gap * ink.shape[1]))
    pixels = mask_text(ink, boxes)

    def to_rules(runs: list[tuple[int, int, int]]) -> list[Rule]:
        return [Rule((pos + 0.5) / px_per_pt, start / px_per_pt, end / px_per_pt) for pos, start, end in runs]

    across, down = long_runs(ink, min_ink, max_gap), long_runs(ink.T, min_ink, max_gap).T
    horizontal = to_rules(row_runs(pixels, down, min_ink, max_gap))
    vertical = to_rules(row_runs(pixels.T, across.T, min_ink, max_gap))
    # a rule is a few pixels thick: the runs of its rows become one rule
    tol = 3.0 / px_per_pt + settings.rule_gap * page_width
    return snap_rules(horizontal, tol), snap_rules(vertical, tol)
