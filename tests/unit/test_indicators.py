from extractors.indicators import extract_indicators
from extractors.analysis import analyse
from tests.helpers import doc, table


def by_name(rows):
    return {r["name"]: r for r in rows}


def test_target_table_with_merged_levels_and_targets_parsed():
    rows = by_name(extract_indicators(analyse(doc(table(
        "一级指标|二级指标|三级指标|年度目标值",
        "产出指标|数量指标|在校生人数|9000人以上",
        "||科普工作直接和间接受科普传播总人数|1500万人次以上",
        "效益指标|经济效益指标|技术成果转化交易落地金额|不少于100亿",
        "|社会效益指标|发挥平台优势|切实推动方案的具体落实")))))
    r = rows["在校生人数"]
    assert (r["level1"], r["level2"], r["target_op"], r["target_value"], r["target_unit"]) == (
        "产出指标", "数量指标", ">=", 9000.0, "人")
    assert rows["科普工作直接和间接受科普传播总人数"]["target_value"] == 15_000_000.0
    money = rows["技术成果转化交易落地金额"]
    assert (money["target_value"], money["target_unit"]) == (1_000_000.0, "万元")
    text_only = rows["发挥平台优势"]
    assert text_only["target_text"] == "切实推动方案的具体落实" and text_only["target_value"] is None


def test_target_and_actual_columns_with_status():
    rows = by_name(extract_indicators(analyse(doc(table(
        "序号|指标名称|预期值 (单位)|实际值 (单位)|完成情况",
        "3|企业创新积分评价 企业数量|≥6000家|6036家|已完成",
        "8|创新积分产品批复授信额度总额|≥1 亿元|1.1 亿元|已完成",
        "9|榜单企业总数在全国高新区排名|前 5 名|第 3 名|已完成")))))
    r = rows["企业创新积分评价企业数量"]
    assert (r["target_op"], r["target_value"], r["actual_value"], r["status"]) == (">=", 6000.0, 6036.0, "已完成")
    assert rows["创新积分产品批复授信额度总额"]["actual_value"] == 11000.0
    rank = rows["榜单企业总数在全国高新区排名"]
    assert (rank["target_op"], rank["target_value"], rank["actual_value"]) == ("<=", 5.0, 3.0)


def test_levels_borrowed_from_the_score_table():
    rows = extract_indicators(analyse(doc(
        table("一级指标|二级指标|三级指标|权重", "产出|数量指标|宣传活动举办场次|8"),
        table("序号|指标名称|预期值|实际值", "4|宣传活动举办场次|3 场|3 场"))))
    assert (rows[0]["level1"], rows[0]["level2"], rows[0]["target_value"]) == ("产出", "数量指标", 3.0)


def test_split_op_value_unit_columns_of_a_form():
    rows = extract_indicators(analyse(doc(table(
        "一级指标|二级指标|三级指标|指标性质|指标值|度量单位|实际完成值|分值|得分",
        "产出指标|数量指标|学生受资助人数|≧|735|人次|735|10|10"))))
    r = rows[0]
    assert (r["target_op"], r["target_value"], r["target_unit"], r["actual_value"]) == (">=", 735.0, "人次", 735.0)


def test_a_table_without_target_column_gives_nothing():
    assert extract_indicators(analyse(doc(table("名称|主要实施内容|期望达到的目标（概述）", "一、服务|1.项目|通过举办活动")))) == []


def test_planned_value_columns_and_note_columns():
    rows = extract_indicators(analyse(doc(table("一级指标|二级指标|三级指标|评价要点|计划值|实际值",
                                        "产出指标|时效指标|按期完成率|按合同工期完成|≥95%|100%"))))
    assert (rows[0]["target_text"], rows[0]["target_op"], rows[0]["actual_value"]) == ("≥95%", ">=", 100.0)
