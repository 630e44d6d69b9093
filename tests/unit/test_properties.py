"""Properties that hold for any text at all (hypothesis): the number parsers and the text
reader never raise, whatever a report, a scrape or a corrupt file holds; the whole
per-document extraction never raises either, and always says what it did."""
from __future__ import annotations

import math
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.numbers import (find_amounts, parse_actual, parse_amount_wan, parse_number, parse_percent,
                                parse_score, parse_target, parse_year, target_from_parts)
from pipeline.extract import extract_data
from pipeline.readers.errors import UnreadableDocument
from pipeline.readers.text import read_text
from schemas.warnings import CODES

# The characters reports are made of, so that examples look like the genre (figures, units,
# comparisons, enumerators, table rules) as often as like noise.
GENRE = ("0123456789.,%％，。、；：:()（）—-~≥≤≧≦><=|\t\n\f 一二三四五六七八九十〇年度月日万亿元千百分项目"
         "预算执行率得分合计指标值以上以下不少于约第名人次家①②（一）１２３４５６７８９０")
genre_text = st.text(alphabet=st.sampled_from(GENRE), max_size=300)
any_text = st.one_of(genre_text, st.text(max_size=300))
UNITS = st.sampled_from([None, "元", "万元", "亿元", "千元", "万", "亿"])
# Long documents: lines of genre text, the way a report file is laid out.
documents = st.lists(genre_text, max_size=40).map("\n".join)
FAST = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def number_or_none(value: object) -> bool:
    return value is None or isinstance(value, float)


@FAST
@given(any_text, UNITS)
def test_number_parsers_never_raise(text, unit):
    assert number_or_none(parse_number(text))
    assert number_or_none(parse_amount_wan(text, default_unit=unit))
    assert number_or_none(parse_percent(text))
    assert number_or_none(parse_score(text))
    year = parse_year(text)
    assert year is None or 1900 <= year <= 2099
    for amount in find_amounts(text, money_hint=True):
        assert math.isfinite(amount.value_wan)
    target = parse_target(text, money_hint=unit is not None)
    assert target.op in (None, ">=", "<=", "=", "~") and number_or_none(target.value)
    assert number_or_none(parse_actual(text))


@FAST
@given(any_text, any_text, any_text, st.booleans())
def test_form_targets_never_raise(op, value, unit, money):
    target = target_from_parts(op, value, unit, money)
    assert target.op in (None, ">=", "<=", "=", "~") and number_or_none(target.value)


@SLOW
@given(st.one_of(any_text.map(lambda t: t.encode("utf-8")), documents.map(lambda t: t.encode("utf-8")),
                 any_text.map(lambda t: t.encode("gb18030", "replace")), st.binary(max_size=2000)))
def test_the_text_reader_never_raises_but_to_refuse(data):
    try:
        doc = read_text(data, "x.txt", "r")
    except UnreadableDocument as exc:
        assert exc.code in CODES and exc.reason
        return
    assert doc.source_format == "text" and all(w.code in CODES for w in doc.warnings)


@SLOW
@given(st.one_of(documents.map(lambda t: t.encode("utf-8")), st.binary(max_size=2000)),
       st.sampled_from(["x.txt", "x.pdf", "x.html", "x"]))
def test_extracting_any_bytes_never_raises_and_always_says_why(data, name):
    extraction = extract_data(data, name, Path(name))
    report = extraction.report
    assert report["status"] in ("ok", "partial", "failed")
    assert report["status"] == "ok" or report["warnings"]
    assert [w["message"] for w in extraction.rows["warnings"]] == report["warnings"]
