"""Unit tests for extractors.numbers: every documented example plus edge cases."""
from __future__ import annotations

import pytest

from extractors import numbers as n
from extractors.numbers import (
    Amount,
    Target,
    find_amounts,
    parse_actual,
    parse_amount_wan,
    parse_number,
    parse_percent,
    parse_score,
    parse_target,
    parse_year,
    target_from_parts,
    to_wan,
)


# --- every named regular expression matches the example in its comment ---------------------

@pytest.mark.parametrize(("pattern", "example", "matched"), [
    (n.NUMBER, "58,526.63", "58,526.63"),
    (n.AMOUNT, "1,937 万元", "1,937 万元"),
    (n.BARE_NUMBER, "387664.62", "387664.62"),
    (n.PERCENT, "99.60 %", "99.60 %"),
    (n.SCORE, "91.48分", "91.48分"),
    (n.YEAR, "2023 年度", "2023"),
    (n.CN_YEAR, "二〇二三年", "二〇二三"),
    (n.SPACE_NOT_BETWEEN_DIGITS, "≥1 亿元", " "),
    (n.QUANTITY, "1500万人次", "1500万人次"),
    (n.PRE_OP, "不少于", "不少于"),
    (n.POST_OP, "及以上", "及以上"),
    (n.SCORING_RULE, "得12分", "得12分"),
    (n.PAREN, "（含省级2门）", "（含省级2门）"),
])
def test_pattern_matches_its_documented_example(pattern, example, matched):
    m = pattern.search(example)
    assert m is not None and m.group() == matched


# --- parse_number ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("58,526.63", 58526.63),
    ("１２", 12.0),
    ("14,8134.51", 148134.51),
    ("-2.94", -2.94),
    ("1,000,000", 1000000.0),
    ("共计支出 1930.75万元", 1930.75),
    ("2022-2023", 2022.0),
])
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", [None, "", "—", "-", "有效"])
def test_parse_number_without_a_number_is_none(text):
    assert parse_number(text) is None


def test_parse_number_chinese_comma_is_not_a_thousands_separator():
    assert parse_number("1690，220") == 1690.0


# --- to_wan ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "unit", "expected"), [
    (8971.00, "元", 0.8971),
    (56.83, "亿元", 568300.0),
    (1937, "万元", 1937.0),
    (1.1, "亿元", 11000.0),
    (12.5, "千元", 1.25),
    (100, "亿", 1000000.0),
    (21, "万", 21.0),
    (387664.62, "元", 38.766462),
])
def test_to_wan(value, unit, expected):
    assert to_wan(value, unit) == expected


def test_to_wan_rejects_an_unknown_unit_quoting_it():
    with pytest.raises(ValueError, match="'美元'"):
        to_wan(1, "美元")


# --- parse_amount_wan / find_amounts --------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("1,937万元", 1937.0),
    ("56.83 亿元", 568300.0),
    ("8,971.00元", 0.8971),
    ("1.1亿元", 11000.0),
    ("21万元", 21.0),
    ("不少于100亿", 1000000.0),
    ("3000多万元", 3000.0),
    ("2023年预算1937万元", 1937.0),
    ("58,526.63万元（不含年末结转结余）", 58526.63),
])
def test_parse_amount_wan(text, expected):
    assert parse_amount_wan(text) == expected


def test_parse_amount_wan_bare_number_needs_a_default_unit():
    assert parse_amount_wan("1937") is None
    assert parse_amount_wan("1,937.00", default_unit="万元") == 1937.0
    assert parse_amount_wan("387664.62", default_unit="元") == 38.766462


@pytest.mark.parametrize("text", [None, "", "—", "100%", "约10万人", "3000人", "5元/人", "100万美元"])
def test_parse_amount_wan_is_none_for_non_money(text):
    assert parse_amount_wan(text, default_unit="万元") is None


def test_find_amounts_in_order_with_spans():
    text = "年初预算 1937 万元，上年结转资金 130 万元"
    assert find_amounts(text) == [
        Amount(1937.0, "万元", "1937 万元", 5, 12),
        Amount(130.0, "万元", "130 万元", 20, 26),
    ]


def test_find_amounts_spans_index_the_original_full_width_text():
    text = "支出１２万元"
    (amount,) = find_amounts(text)
    assert (amount.value_wan, amount.text) == (12.0, "１２万元")
    assert text[amount.start:amount.end] == "１２万元"


def test_find_amounts_mixed_units():
    found = find_amounts("一般公共服务支出4.84万元；城乡社区支出8,971.00元；年度预算56.83 亿元")
    assert [(a.value_wan, a.unit) for a in found] == [
        (4.84, "万元"), (0.8971, "元"), (568300.0, "亿元")]


def test_find_amounts_bare_multiplier_only_with_money_hint():
    assert find_amounts("不少于100亿") == []
    assert [a.value_wan for a in find_amounts("不少于100亿", money_hint=True)] == [1000000.0]
    assert find_amounts("1500万人次", money_hint=True) == []


def test_find_amounts_skips_years_percents_and_counts():
    assert find_amounts("2023年资金到位率100%，服务6000家企业") == []


# --- parse_percent --------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("99.60%", 99.6),
    ("100 %", 100.0),
    ("98.86％", 98.86),
    ("-31.19%", -31.19),
    ("预算完成率为98.86%。", 98.86),
])
def test_parse_percent(text, expected):
    assert parse_percent(text) == expected


@pytest.mark.parametrize("text", [None, "", "100", "—", "15.32"])
def test_parse_percent_needs_a_percent_sign(text):
    assert parse_percent(text) is None


# --- parse_score ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("91.48分", 91.48),
    ("17.5", 17.5),
    ("0.5 分", 0.5),
    ("２０", 20.0),
    ("得分率100%，得分4分", 4.0),
])
def test_parse_score(text, expected):
    assert parse_score(text) == expected


@pytest.mark.parametrize("text", [None, "", "—", "-", "100%", "无"])
def test_parse_score_is_none_without_a_score(text):
    assert parse_score(text) is None


# --- parse_year -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("2023年度", 2023),
    ("2023 年", 2023),
    ("2022年度项目支出绩效自评表", 2022),
    ("二〇二三年度", 2023),
    ("2023", 2023),
])
def test_parse_year(text, expected):
    assert parse_year(text) == expected


@pytest.mark.parametrize("text", [None, "", "1850年", "预算2023万元", "3年", "12月"])
def test_parse_year_only_19xx_20xx_years(text):
    assert parse_year(text) is None


# --- parse_target: the gold indicators ------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("线下高校、企业、科研机构技术人员及社会观众约10万", ("~", 100000.0, None)),
    ("项目单位参与创交会的技术、管理人员约3000人", ("~", 3000.0, "人")),
    ("线下国内外组团参展或专展项目约1500项", ("~", 1500.0, "项")),
    ("开展线上线下项目对接、技术成果交易、投融资等专项活动20场", (None, 20.0, "场")),
    ("全年促成技术成果转化交易金额不少于130亿元", (">=", 1300000.0, "万元")),
    ("参展商满意度95%", (None, 95.0, "%")),
    ("1个", (None, 1.0, "个")),
    ("9000人以上", (">=", 9000.0, "人")),
    ("3场", (None, 3.0, "场")),
    ("36家", (None, 36.0, "家")),
    ("1500万人次以上", (">=", 15000000.0, "人次")),
    ("3场次", (None, 3.0, "场次")),
    ("10次以上", (">=", 10.0, "次")),
    ("不少于10条", (">=", 10.0, "条")),
    ("不少于55人次", (">=", 55.0, "人次")),
    ("130篇（项）", (None, 130.0, "篇")),
    ("2000人次及以上", (">=", 2000.0, "人次")),
    ("90%以上", (">=", 90.0, "%")),
    ("≥6000家", (">=", 6000.0, "家")),
    ("≥60%", (">=", 60.0, "%")),
    ("≥1 个", (">=", 1.0, "个")),
    ("≥1亿元", (">=", 10000.0, "万元")),
    ("≥1 亿元", (">=", 10000.0, "万元")),
    ("前5名", ("<=", 5.0, "名")),
])
def test_parse_target_gold(text, expected):
    assert parse_target(text) == Target(*expected)


# --- parse_target: operators ----------------------------------------------------------------

@pytest.mark.parametrize(("text", "op"), [
    ("不低于95%", ">="), ("超过6000家", ">="), ("≧735人次", ">="), (">=10家", ">="),
    ("大于等于10家", ">="), ("至少3场", ">="), ("3场及以上", ">="), ("3000余人", ">="),
    ("不超过5%", "<="), ("不高于5%", "<="), ("5%以下", "<="), ("5%以内", "<="),
    ("≤5%", "<="), ("≦5%", "<="), ("<=5%", "<="), ("15个工作日内", "<="),
    ("=100%", "="), ("═100%", "="), ("＝100%", "="), ("等于100%", "="),
    ("约3000人", "~"), ("大约3000人", "~"), ("3000人左右", "~"),
])
def test_parse_target_operators(text, op):
    assert parse_target(text).op == op


@pytest.mark.parametrize("text", [
    "3场", "第3名", "节约10%", "提前3天", "目前5名", "完成3个内容", "满意度达到95%",
])
def test_parse_target_plain_quantity_has_no_operator(text):
    target = parse_target(text)
    assert target.op is None and target.value is not None


def test_parse_target_conflicting_operators_give_no_operator():
    assert parse_target("不少于10条以下") == Target(None, 10.0, "条")


# --- parse_target: multipliers, money, units ------------------------------------------------

def test_parse_target_bare_multiplier_is_money_only_with_hint():
    assert parse_target("不少于100亿") == Target(">=", 10000000000.0, None)
    assert parse_target("不少于100亿", money_hint=True) == Target(">=", 1000000.0, "万元")
    assert parse_target("约 10万", money_hint=True) == Target("~", 10.0, "万元")


def test_parse_target_multiplier_before_a_unit_is_never_money():
    assert parse_target("1500万人次以上", money_hint=True) == Target(">=", 15000000.0, "人次")


@pytest.mark.parametrize(("text", "expected"), [
    ("不少于1,937万元", (">=", 1937.0, "万元")),
    ("8,971.00元", (None, 0.8971, "万元")),
    ("≤500千元", ("<=", 50.0, "万元")),
    ("5万元/人", (None, 50000.0, "元/人")),
    ("12次/年", (None, 12.0, "次/年")),
])
def test_parse_target_money_and_rates(text, expected):
    assert parse_target(text) == Target(*expected)


def test_parse_target_tolerates_extraction_spaces_and_full_width():
    assert parse_target("约 10万") == Target("~", 100000.0, None)
    assert parse_target("3 场") == Target(None, 3.0, "场")
    assert parse_target("≥ １００ ％") == Target(">=", 100.0, "%")
    assert parse_target("≥14,8134. 51 万元") == Target(">=", 148134.51, "万元")


def test_parse_target_year_is_a_date_not_a_quantity():
    assert parse_target("2023年满意度≥95%") == Target(">=", 95.0, "%")


def test_parse_target_numbers_in_codes_are_not_quantities():
    assert parse_target("建设5G基站100个") == Target(None, 100.0, "个")


def test_parse_target_negative_percent():
    assert parse_target("-31.19%") == Target(None, -31.19, "%")


# --- parse_target: no guessing ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    None, "", "—", "有效", "有效提升",
    "达到省域双高学校建设的年度任务和标准",
    "新建课程思政示范课6门；按国家课程思政建设2门思政课程；"
    "“课岗融合”精品在线课程25门以上（含省级2门）",
    "资金支出率100%的，得12分；100%<资金支出率≤80%的，得9分；"
    "80%<资金支出率≤60%的，得7分；资金支出率<60%的，得0分",
    "资金支出率100%的，得满分",
    "25门以上（含省级2门）",
    "（不少于2门）",
    "90%-95%",
    "5~10个",
    "2023年12月31日前完成",
])
def test_parse_target_returns_nothing_when_it_would_guess(text):
    assert parse_target(text) == Target(None, None, None)


# --- target_from_parts ----------------------------------------------------------------------

@pytest.mark.parametrize(("parts", "expected"), [
    (("≧", "735", "人次"), (">=", 735.0, "人次")),
    (("≥", "95", "%"), (">=", 95.0, "%")),
    (("═", "100", "%"), ("=", 100.0, "%")),
    (("=", "100", "％"), ("=", 100.0, "%")),
    (("≦", "5", "天"), ("<=", 5.0, "天")),
    (("≤", "5", "天"), ("<=", 5.0, "天")),
    (("", "3", "场"), (None, 3.0, "场")),
    (("≥", "100%", "%"), (">=", 100.0, "%")),
    (("≥", "387664.62", "元"), (">=", 38.766462, "万元")),
    (("≥", "1.1", "亿元"), (">=", 11000.0, "万元")),
    (("≥", "10万", "人次"), (">=", 100000.0, "人次")),
    (("定性", "100", "%"), (None, 100.0, "%")),
])
def test_target_from_parts(parts, expected):
    assert target_from_parts(*parts) == Target(*expected)


def test_target_from_parts_bare_multiplier_unit_needs_money_hint():
    assert target_from_parts("≥", "100", "亿") == Target(">=", 100.0, "亿")
    assert target_from_parts("≥", "100", "亿", money_hint=True) == Target(">=", 1000000.0, "万元")


@pytest.mark.parametrize("parts", [("定性", "有效", ""), ("", "有效", None), (None, None, None),
                                   ("≥", "—", "%")])
def test_target_from_parts_without_a_value(parts):
    assert target_from_parts(*parts) == Target(None, None, None)


# --- parse_actual ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("6036家", 6036.0),
    ("第3名", 3.0),
    ("1.1 亿元", 11000.0),
    ("100%", 100.0),
    ("65%", 65.0),
    ("735", 735.0),
    ("13 家", 13.0),
])
def test_parse_actual(text, expected):
    assert parse_actual(text) == expected


def test_parse_actual_bare_multiplier_with_money_hint():
    assert parse_actual("1.1亿", money_hint=True) == 11000.0


@pytest.mark.parametrize("text", [None, "", "有效", "—", "已完成", "共3场，参与2000人次"])
def test_parse_actual_is_none_without_one_quantity(text):
    assert parse_actual(text) is None
