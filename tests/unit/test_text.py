from schemas.text import (CJK_SPACE, ENUM_L1, ENUM_L2, ENUM_L3, ENUM_L4, ENUM_L5, ENUM_INDICATOR,
                             canon, chinese_numeral, clean, clean_name, display_width, ends_sentence,
                             split_enumerator)


def test_clean_removes_spaces_next_to_cjk_only():
    assert CJK_SPACE.search("2023 年")
    assert clean("2023 年中国  创新") == "2023年中国创新"
    assert clean("绩效评价得分 91.48分") == "绩效评价得分91.48分"
    assert clean("约 10万") == "约10万"
    assert clean("Word Excel") == "Word Excel"
    assert clean("人员及社会\n观众") == "人员及社会观众"


def test_enumerator_examples():
    assert ENUM_L1.match("一、评价项目概述")
    assert ENUM_L2.match("（一）项目背景") and ENUM_L2.match("(二) 项目立项依据")
    assert ENUM_L3.match("1.项目绩效目标") and ENUM_L3.match("2、过程管理")
    assert not ENUM_L3.match("1.5万元")
    assert ENUM_L4.match("（1）论证决策") and ENUM_L4.match("(6) 开展科学论证")
    assert ENUM_L5.match("①完整性")
    assert ENUM_INDICATOR.match("指标 1：企业创新积分评价企业数量")


def test_split_enumerator_normalises_the_number():
    assert split_enumerator("（一）项目背景") == ((2, "（一）"), "项目背景")
    assert split_enumerator("(3) 保障措施") == ((4, "（3）"), "保障措施")
    assert split_enumerator("三、项目主要绩效") == ((1, "三"), "项目主要绩效")
    assert split_enumerator("一是跟踪反馈链条延伸不足") == (None, "一是跟踪反馈链条延伸不足")


def test_clean_name_drops_enumerators_and_trailing_punctuation():
    assert clean_name("指标 1：企业创新积分评价 企业数量") == "企业创新积分评价企业数量"
    assert clean_name("（一）部门概况。") == "部门概况"


def test_small_helpers():
    assert canon("（%）") == canon("(%)")
    assert chinese_numeral("十二") == 12 and chinese_numeral("三") == 3
    assert display_width("中国ab") == 6
    assert ends_sentence("评定等级为“优”。") and not ends_sentence("评价得分")
