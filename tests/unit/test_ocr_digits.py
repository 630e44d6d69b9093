"""OCR slips inside numbers: fixed where one reading is possible, reported otherwise."""
import pytest

from pipeline.readers.ocr_digits import (DASHED_PAGE_NUMBER, DOUBTFUL_SEPARATOR, FULLWIDTH_DECIMAL,
                                         FULLWIDTH_THOUSANDS, NUMBER_RUN, fix_digits)


@pytest.mark.parametrize("pattern, example", [
    (NUMBER_RUN, "2O22"), (NUMBER_RUN, "1O0"), (NUMBER_RUN, "O2O"),
    (FULLWIDTH_THOUSANDS, "58，526.63"), (FULLWIDTH_DECIMAL, "99，60%"), (FULLWIDTH_DECIMAL, "12。5分"),
    (FULLWIDTH_DECIMAL, "3．5万元"), (DASHED_PAGE_NUMBER, "—15一"), (DASHED_PAGE_NUMBER, "一3—"),
    (DOUBTFUL_SEPARATOR, "1，2"),
])
def test_each_pattern_matches_its_example(pattern, example: str) -> None:
    assert pattern.search(example)


@pytest.mark.parametrize("text, fixed", [
    ("2O22年度", "2022年度"),  # a year: three digits and one look-alike letter
    ("得分率1O0%", "得分率100%"),
    ("共计l25项", "共计125项"),
    ("预算58，526.63万元", "预算58,526.63万元"),  # a thousands separator
    ("执行率99，60%", "执行率99.60%"),  # a decimal point before a unit
    ("得分92。5分", "得分92.5分"),
    ("—15一", "—15—"),  # a page number between dashes, one read as 一
])
def test_unambiguous_slips_are_fixed(text: str, fixed: str) -> None:
    assert fix_digits(text) == (fixed, [])


@pytest.mark.parametrize("text", [
    "ISO9001认证", "CO2排放", "B2B平台", "2023年完成率100%，得分10分", "一、项目概况", "第3页",
])
def test_text_without_slips_is_left_alone(text: str) -> None:
    assert fix_digits(text) == (text, [])


@pytest.mark.parametrize("text, note", [
    ("O2O模式", "'O2O' may hold misread digits"),  # online-to-offline, or 020?
    ("共l2项", "'l2' may hold misread digits"),
    ("第1，2项", "'1，2' may be a misread decimal point"),
])
def test_doubtful_runs_are_left_as_read_and_noted(text: str, note: str) -> None:
    got, notes = fix_digits(text)
    assert got == text
    assert len(notes) == 1 and notes[0].startswith(note)
