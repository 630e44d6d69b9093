"""Page images for OCR: rendered with pypdfium2, binarised, deskewed.

A scanner feeds paper a little crooked; rules and lines of text then drift across the page.
The skew is the angle at which the ink's horizontal projection is sharpest (lines of text and
rules fall into the fewest rows); the page is turned back by it before anything is read.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from PIL import Image

from pipeline.readers.ocr_settings import OcrSettings

# Ink pixels the skew search looks at: enough for a sharp profile, few enough to be quick.
SKEW_SAMPLE = 60_000


def render_page(page: Any, settings: OcrSettings) -> np.ndarray:
    """A pypdfium2 page rendered in grayscale at the OCR scale (less for a page so large that
    its longer side would pass max_render_side): an H × W uint8 array."""
    scale = min(settings.scale, settings.max_render_side / max(page.get_size()))
    bitmap = page.render(scale=scale, grayscale=True)
    image = np.asarray(bitmap.to_numpy())
    if image.ndim == 3:
        image = image[:, :, 0]
    return np.ascontiguousarray(image, dtype=np.uint8)


def otsu_threshold(image: np.ndarray) -> int:
    """The gray level that best splits ink from paper (Otsu's method on the histogram)."""
    hist = np.bincount(image.ravel(), minlength=256).astype(np.float64)
    levels = np.arange(256, dtype=np.float64)
    weight = np.cumsum(hist)
    mass = np.cumsum(hist * levels)
    total, total_mass = weight[-1], mass[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_low = mass / weight
        mean_high = (total_mass - mass) / (total - weight)
        between = weight * (total - weight) * (mean_low - mean_high) ** 2
    between = np.nan_to_num(between)
    return int(np.argmax(between))


def binarise(image: np.ndarray) -> np.ndarray:
    """Ink as True. A blank page (no level splits it) is all paper."""
    level = otsu_threshold(image)
    if level == 0:
        return np.zeros(image.shape, dtype=bool)
    return image <= level


def profile_sharpness(ys: np.ndarray, xs: np.ndarray, angle: float) -> float:
    """How sharply ink falls into rows when the page is turned by ``angle`` degrees."""
    shifted = ys - xs * np.tan(np.radians(angle))
    rows = np.bincount((shifted - shifted.min()).astype(np.int64))
    return float(np.dot(rows, rows))


def estimate_skew(ink: np.ndarray, settings: OcrSettings) -> float:
    """The page's skew in degrees (positive: text runs down to the right), found by a coarse
    then a fine search of the projection profile within ±max_skew."""
    ys, xs = np.nonzero(ink)
    if len(ys) < 100:
        return 0.0
    step = max(1, len(ys) // SKEW_SAMPLE)
    ys, xs = ys[::step].astype(np.float64), xs[::step].astype(np.float64)
    best, span, stride = 0.0, settings.max_skew, 0.25
    while stride >= 0.01:
        angles = np.arange(best - span, best + span + stride / 2, stride)
        scores = [profile_sharpness(ys, xs, a) for a in angles]
        best = float(angles[int(np.argmax(scores))])
        span, stride = stride, stride / 5
    return round(best, 2)


def rotate(image: np.ndarray, angle: float) -> np.ndarray:
    """The image turned by ``-angle`` degrees about its centre, paper filling the corners."""
    paper = int(np.percentile(image, 90))
    turned = Image.fromarray(image).rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=paper)
    return np.asarray(turned)


def deskew(image: np.ndarray, settings: OcrSettings) -> tuple[np.ndarray, float]:
    """The page turned straight, and the skew it had (degrees; 0 when below min_skew)."""
    angle = estimate_skew(binarise(image), settings)
    if abs(angle) < settings.min_skew:
        return image, 0.0
    return rotate(image, angle), angle
