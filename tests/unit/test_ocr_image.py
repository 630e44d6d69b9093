"""Page images for OCR: the ink/paper split and the skew of a crooked scan."""
import numpy as np
import pytest
from PIL import Image, ImageDraw

from pipeline.readers.ocr_image import binarise, deskew, estimate_skew, otsu_threshold, rotate
from pipeline.readers.ocr_settings import OcrSettings

SETTINGS = OcrSettings()


def lined_page(angle: float) -> np.ndarray:
    """A gray page of 30 lines of dashes ("words") and a table rule, turned by ``angle``°
    the way a crooked scan is (positive: lines run down to the right)."""
    image = Image.new("L", (1190, 1680), 235)
    draw = ImageDraw.Draw(image)
    for row in range(30):
        y = 150 + row * 40
        for x in range(130, 1060, 36):
            draw.rectangle([x, y, x + 26, y + 22], fill=40)
    draw.line([100, 1450, 1090, 1450], fill=30, width=2)
    return np.asarray(image.rotate(-angle, resample=Image.Resampling.BICUBIC, fillcolor=235))


def test_otsu_splits_toner_from_paper() -> None:
    image = np.full((100, 100), 240, dtype=np.uint8)
    image[40:60, 10:90] = 30
    level = otsu_threshold(image)
    assert 30 <= level < 240
    assert binarise(image).sum() == 20 * 80


def test_a_blank_page_has_no_ink_and_no_skew() -> None:
    blank = np.full((300, 200), 255, dtype=np.uint8)
    assert not binarise(blank).any()
    image, skew = deskew(blank, SETTINGS)
    assert skew == 0.0 and image is blank


@pytest.mark.parametrize("angle", [-1.0, -0.45, 0.6, 1.2])
def test_skew_is_found_within_a_tenth_of_a_degree(angle: float) -> None:
    assert estimate_skew(binarise(lined_page(angle)), SETTINGS) == pytest.approx(angle, abs=0.1)


def test_a_deskewed_page_is_straight() -> None:
    straight, skew = deskew(lined_page(0.7), SETTINGS)
    assert skew == pytest.approx(0.7, abs=0.1)
    assert abs(estimate_skew(binarise(straight), SETTINGS)) <= 0.1


def test_a_straight_page_is_not_turned() -> None:
    page = lined_page(0.0)
    image, skew = deskew(page, SETTINGS)
    assert skew == 0.0 and image is page


def test_rotate_fills_corners_with_paper() -> None:
    page = lined_page(0.0)
    turned = rotate(page, 2.0)
    assert turned.shape == page.shape and turned[0, 0] == 235
