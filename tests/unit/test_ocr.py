"""The OCR engine's pinned model files, what happens without them, and its settings."""
import io

import pytest
from PIL import Image

import pipeline.readers.ocr as ocr
from pipeline.readers.ocr import MODELS, OcrUnavailable, check_models, models_dir
from pipeline.readers.ocr_settings import OcrSettings
from pipeline.readers.pdf import read_pdf


def test_the_installed_models_are_the_pinned_files() -> None:
    paths = check_models(models_dir(), verify_hash=True)
    assert sorted(p.name for p in paths.values()) == sorted(m.name for m in MODELS)


def test_missing_models_are_named_and_never_fetched(tmp_path) -> None:
    with pytest.raises(OcrUnavailable) as raised:
        check_models(tmp_path)
    message = str(raised.value)
    assert f"{tmp_path}/PP-OCRv6_det_small.onnx is missing" in message
    assert f"{tmp_path}/PP-OCRv6_rec_small.onnx is missing" in message
    assert "never downloads" in message


def test_a_model_of_another_size_is_refused(tmp_path) -> None:
    for model in MODELS:
        (tmp_path / model.name).write_bytes(b"\0" * 10)
    with pytest.raises(OcrUnavailable, match="PP-OCRv6_det_small.onnx has 10 bytes, expected 9929594"):
        check_models(tmp_path)


def image_only_pdf() -> bytes:
    buf = io.BytesIO()
    Image.new("L", (400, 560), 250).save(buf, "PDF", resolution=50.0)
    return buf.getvalue()


def test_without_models_a_scan_is_reported_not_lost(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(ocr, "models_dir", lambda: tmp_path)  # an install whose models are gone
    doc = read_pdf(image_only_pdf(), "scan.pdf", "x")
    assert doc.source_format == "scanned_pdf" and list(doc.elements()) == []
    assert [w.code for w in doc.warnings] == ["ocr_unavailable", "scanned_document"]
    assert doc.warnings[0].message.startswith(f"OCR unavailable: OCR model files: {tmp_path}/PP-OCRv6_det_small.onnx"
                                              " is missing")
    assert doc.warnings[1].message == "no text layer on 1 of 1 pages (scanned?); not read by OCR"


@pytest.mark.parametrize("field, value, message", [
    ("scale", 0, "scale must be positive, got 0"),
    ("min_score", 1.5, "min_score must be below 1, got 1.5"),
    ("max_skew", 45.0, "max_skew must be at most 10 degrees, got 45.0"),
])
def test_settings_refuse_bad_values(field: str, value: float, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        OcrSettings(**{field: value})
