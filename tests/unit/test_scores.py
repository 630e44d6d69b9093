from extractors.scores import PROSE_ITEM, extract_scores
from extractors.analysis import analyse
from tests.helpers import doc, para, table


def by_name(rows):
    return {r["name"]: r for r in rows}


def test_three_level_table_with_blank_merged_names_and_a_slid_row():
    d = doc(table("一级指标|二级指标|三级指标|分值|得分/自评分",
                  "管理效率|预算执行|结转结余率|2|2",
                  "||财务管理合规性|2|1.5",
                  "|采购管理|采购意向公开合规性|0.5|0.5",
                  "采购意向公开时限||1.5|1.5|",
                  "|合计|||100"))
    rows = by_name(extract_scores(analyse(d)))
    assert rows["财务管理合规性"]["level1"] == "管理效率" and rows["财务管理合规性"]["level2"] == "预算执行"
    assert (rows["财务管理合规性"]["max_score"], rows["财务管理合规性"]["score"]) == (2.0, 1.5)
    assert rows["财务管理合规性"]["score_rate"] == 75.0
    slid = rows["采购意向公开时限"]
    assert (slid["level1"], slid["level2"], slid["max_score"], slid["score"]) == ("管理效率", "采购管理", 1.5, 1.5)
    assert "合计" not in rows and analyse(d).scores.totals == (100.0,)


def test_summary_table_rows_that_group_prose_items_are_subtotals():
    d = doc(table("序号|评价内容|分值|得分|得分率", "1|决策|20|17.5|87.50%", "合计|100|91.48|91.48%||"),
            para("1.决策立项情况分析"), para("（1）论证决策"),
            para("论证充分性，指标分值4分，评价得分4分，评价得分率100%。"))
    rows = by_name(extract_scores(analyse(d)))
    assert rows["决策"]["is_subtotal"] and rows["决策"]["score_rate"] == 87.5
    item = rows["论证充分性"]
    assert (item["level1"], item["level2"], item["source"], item["is_subtotal"]) == ("决策", "论证决策", "text", False)


def test_prose_items_with_and_without_comma():
    assert PROSE_ITEM.search("论证充分性，指标分值4分，评价得分4分，评价得分率100%")
    rows = by_name(extract_scores(analyse(doc(
        para("③分会场设置数量指标分值 2分，评价得分 2分，评价得分率 100%。"),
        para("②海外、港澳台地区参展数量，，指标分值 2分，评价得分 2分，评价得分率 100%。"),
        para("指标下设“满意度”1个三级指标。服务对象满意度，指标分值 5分，评价得分 5分，")))))
    assert set(rows) == {"分会场设置数量", "海外、港澳台地区参展数量", "服务对象满意度"}
    assert rows["服务对象满意度"]["max_score"] == 5.0


def test_prose_level1_subtotals():
    rows = by_name(extract_scores(analyse(doc(para(
        "其中，履职效能得分48.82分，得分百分比为97.64%；管理效率得分为47分，得分百分比为94%。"),
        para("其中一级指标过程综合得分为 20 分、产出综合得分为 30 分、满意度得分 10 分。")))))
    assert rows["履职效能"]["score"] == 48.82 and rows["履职效能"]["score_rate"] == 97.64
    assert rows["管理效率"]["is_subtotal"] and rows["管理效率"]["max_score"] is None
    assert rows["过程"]["score"] == 20.0 and rows["满意度"]["score"] == 10.0


def test_same_item_in_two_tables_is_one_row():
    d = doc(table("一级指标|二级指标|三级指标|分值|得分", "管理效率|预算编制|新增预算项目事前绩效评估|3|3"),
            table("指标名称||分值|自评得分", "预算编制|新增预算项目事前绩效评估|3|3"))
    rows = extract_scores(analyse(d))
    assert [r["name"] for r in rows] == ["新增预算项目事前绩效评估"]
    assert rows[0]["level1"] == "管理效率"


def test_group_total_column_gives_a_subtotal_and_weight_only_table():
    rows = by_name(extract_scores(analyse(doc(table("一级指标|二级指标|得分|合计",
                                            "管理效能|资金管理|13.932|42.122", "|采购管理|1.69|")))))
    assert rows["管理效能"]["is_subtotal"] and rows["管理效能"]["score"] == 42.122
    assert rows["采购管理"]["level1"] == "管理效能" and not rows["采购管理"]["is_subtotal"]
    rows = by_name(extract_scores(analyse(doc(table("一级指标名称|二级指标名称|三级指标|指标说明",
                                            "||名称|权重（%）|",
                                            "过程|资金管理|指标 1：资金支出率|12|资金支出的效率")))))
    assert rows["资金支出率"]["max_score"] == 12.0 and rows["资金支出率"]["score"] is None


def test_other_prose_phrasings():
    rows = by_name(extract_scores(analyse(doc(
        para("（1）项目立项规范性：满分4分，得4分。"),
        para("决策指标得分17.5分（满分20分），得分率87.5%。")))))
    assert (rows["项目立项规范性"]["max_score"], rows["项目立项规范性"]["score"]) == (4.0, 4.0)
    assert (rows["决策"]["max_score"], rows["决策"]["score"], rows["决策"]["score_rate"]) == (20.0, 17.5, 87.5)
