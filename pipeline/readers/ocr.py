"""Text recognition on page images: RapidOCR's Chinese models, offline, pinned.

The detection and recognition models ship inside the ``rapidocr`` wheel (pinned in
pyproject.toml). They are named here with their size and SHA-256 and always passed to
RapidOCR by path, so it never takes the branch where it downloads a model; a missing or
different file stops OCR with a message naming it (``OcrUnavailable``), and the document
keeps its other pages. One engine per process, built on first use.
"""
from __future__ import annotations

import hashlib
import logging
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from pipeline.readers.ocr_settings import OcrSettings


class ModelFile(NamedTuple):
    """A model file of the rapidocr wheel: its name under ``rapidocr/models``, size, SHA-256."""

    name: str
    size: int
    sha256: str


# The files of rapidocr 3.10.0 that jixiao uses: PP-OCRv6 small, Chinese (and English, digits).
DETECTION = ModelFile("PP-OCRv6_det_small.onnx", 9929594,
                      "090f04abcd9d9a7498bc4ebf677e4cb9bdce1fe4197ddb7e529f1ef44e1ff94f")
RECOGNITION = ModelFile("PP-OCRv6_rec_small.onnx", 21234383,
                        "6f327246b50388f3c176ae304bd95767ea6dc0c9ae92153ef8cbe210b3c14884")
MODELS = (DETECTION, RECOGNITION)


class OcrUnavailable(RuntimeError):
    """OCR cannot run here (the package or a model file is missing); the message says what."""


class OcrBox(NamedTuple):
    """One recognised run of text on the image, its box in pixels (origin top-left)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    score: float


def models_dir() -> Path:
    """Where the installed rapidocr keeps its bundled models (not imported: that is slow)."""
    import importlib.util

    spec = importlib.util.find_spec("rapidocr")
    if spec is None or spec.origin is None:
        raise OcrUnavailable("the rapidocr package is not installed (pip install 'rapidocr==3.10.0')")
    return Path(spec.origin).parent / "models"


def check_models(folder: Path, verify_hash: bool = False) -> dict[str, Path]:
    """The pinned model files under ``folder``, by role; raises OcrUnavailable naming every
    file that is missing or not the pinned one (size, and SHA-256 when asked)."""
    problems = []
    for model in MODELS:
        path = folder / model.name
        if not path.is_file():
            problems.append(f"{path} is missing")
        elif path.stat().st_size != model.size:
            problems.append(f"{path} has {path.stat().st_size} bytes, expected {model.size}")
        elif verify_hash and hashlib.sha256(path.read_bytes()).hexdigest() != model.sha256:
            problems.append(f"{path} is not the pinned file (SHA-256 differs)")
    if problems:
        raise OcrUnavailable("OCR model files: " + "; ".join(problems)
                             + " (reinstall rapidocr==3.10.0; jixiao never downloads models)")
    return {"det": folder / DETECTION.name, "rec": folder / RECOGNITION.name}


@lru_cache(maxsize=2)
def engine(settings: OcrSettings) -> Any:
    """The RapidOCR engine of this process, built once from the pinned model files."""
    paths = check_models(models_dir())
    try:
        from rapidocr import RapidOCR
    except ImportError as exc:  # a dependency of rapidocr (onnxruntime, opencv) is missing
        raise OcrUnavailable(f"rapidocr cannot be imported: {exc}") from exc
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    import cv2

    cv2.setNumThreads(1)  # OpenCV's own pool: one more thread and arena per worker for nothing
    threads = settings.threads
    return RapidOCR(params={
        "Global.log_level": "error",
        "Global.use_cls": False,  # pages are upright once deskewed: no 180° classifier
        "Global.text_score": settings.min_score,
        "Global.max_side_len": 10_000,  # crops for recognition come from the full image
        "Det.model_path": str(paths["det"]),
        "Det.limit_type": "max",
        "Det.limit_side_len": settings.det_max_side,
        "Rec.model_path": str(paths["rec"]),
        "Rec.rec_batch_num": 1,  # each run of text at its own width: no padding, least memory
        "EngineConfig.onnxruntime.intra_op_num_threads": threads,
        "EngineConfig.onnxruntime.inter_op_num_threads": threads,
    })


def recognise(image: np.ndarray, settings: OcrSettings) -> list[OcrBox]:
    """The text runs RapidOCR finds on a grayscale or RGB page image, top to bottom."""
    result = engine(settings)(image)
    if result.boxes is None or result.txts is None:
        return []  # a blank page
    boxes = []
    for quad, text, score in zip(result.boxes, result.txts, result.scores):
        xs, ys = [float(p[0]) for p in quad], [float(p[1]) for p in quad]
        if text.strip():
            boxes.append(OcrBox(text, min(xs), min(ys), max(xs), max(ys), float(score)))
    return sorted(boxes, key=lambda b: (b.top, b.x0))
