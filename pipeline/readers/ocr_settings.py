"""Every threshold of the OCR path, in one frozen dataclass that checks itself when built.

Lengths on the page image are shares of the page width, never pixels, so the rendering
resolution can change without retuning the rest.
"""
from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class OcrSettings:
    """Thresholds of the OCR path; each is checked to be positive when built."""

    # --- rendering and recognition
    scale: float = 2.0  # render at 2 × 72 = 144 dpi: 10.5 pt text is 21 px high
    max_render_side: int = 4000  # pixels: a poster-sized page is rendered smaller (memory)
    det_max_side: int = 960  # detection runs on the page shrunk to this longer side (speed)
    min_score: float = 0.5  # recognised text less sure than this is dropped (noise, stamps)
    threads: int = 1  # ONNX threads per worker: the batch already runs one worker per core
    page_seconds: float = 20.0  # added to a document's time limit per page read by OCR

    # --- skew (纠偏)
    max_skew: float = 2.0  # degrees searched either way
    min_skew: float = 0.05  # degrees: a smaller skew is left alone

    # --- rules drawn on the scan
    rule_min_length: float = 0.02  # share of page width: a shorter run of ink is not a border
    rule_gap: float = 0.002  # share of page width: a break this short in a rule is noise

    # --- a page that needs OCR
    min_image_cover: float = 0.05  # share of the page an image covers for OCR to be worth it

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not value > 0:
                raise ValueError(f"OcrSettings.{f.name} must be positive, got {value!r}")
        for name in ("min_score", "rule_min_length", "rule_gap", "min_image_cover"):
            if getattr(self, name) >= 1:
                raise ValueError(f"OcrSettings.{name} must be below 1, got {getattr(self, name)!r}")
        if self.max_skew > 10:
            raise ValueError(f"OcrSettings.max_skew must be at most 10 degrees, got {self.max_skew!r}")
