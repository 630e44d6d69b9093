"""A 项目支出绩效自评表 read as one ruled grid (merged cells repeated, as the PDF reader gives)."""
from extractors.analysis import analyse
from extractors.grid import segments
from extractors.indicators import extract_indicators
from extractors.scores import extract_scores
from schemas.lexicon import MONEY_UNIT
from tests.helpers import doc, para, report, table

FORM = table(
    "项目名称|营养改善计划专项资金|营养改善计划专项资金|营养改善计划专项资金|营养改善计划专项资金|营养改善计划专项资金|营养改善计划专项资金|营养改善计划专项资金|营养改善计划专项资金",
    "主管部门|某县教育体育局|某县教育体育局|实施单位|实施单位|某县中学|某县中学|某县中学|某县中学",
    "项目资金（元）||年初预算数|全年预算数|全年执行数|分值|执行率|得分|得分",
    "项目资金（元）|年度资金总额||387664.62|387664.62|10|100%|10|10",
    "项目资金（元）|上年结转资金|||||—||—",
    "绩效指标|绩效指标|绩效指标|年度指标值|年度指标值|年度指标值|实际完成值|分值|得分",
    "一级指标|二级指标|三级指标|指标性质|指标值|度量单位|实际完成值|分值|得分",
    "产出指标|数量指标|学生受资助人数|≧|735|人次|735|10|10",
    "产出指标|时效指标|资金到位及时率|≧|100|%|100%|10|7",
    "效益指标|生态效益指标|||||||",
    "效益指标|经济效益指标|减轻学生家庭经济负担||有效||有效|10|10",
    "其他需要说明事项|其他需要说明事项|无|无|无|无|无|无|无",
    "总分|总分|总分|总分|总分|总分|总分|100|96|优")
FORM_DOC = doc(para("2022年度项目支出绩效自评表"), FORM)


def test_money_unit_example():
    assert MONEY_UNIT.search("项目资金（元）").group("unit") == "元"
    assert MONEY_UNIT.search("年度预算申请(万元").group("unit") == "万元"  # a cell that lost its bracket
    assert MONEY_UNIT.search("(万元)以上的项目") is not None
    assert MONEY_UNIT.search("(万元以上的项目") is None


def test_blocks_of_a_form_are_segments():
    starts = [s.rows[0][0] for s in segments(FORM)]
    assert starts == ["项目名称", "项目资金（元）", "绩效指标"]


def test_budget_block_in_yuan():
    block = analyse(FORM_DOC).budget[0]
    assert (block.get("final"), block.get("spent"), block.get("rate"), block.get("max"), block.get("score")) == (
        38.766462, 38.766462, 100.0, 10.0, 10.0)
    assert block.get("initial") is None


def test_form_report_fields():
    row, _ = report(FORM_DOC)
    assert (row["report_kind"], row["fiscal_year"], row["department"], row["project_name"]) == (
        "project_self_evaluation", 2022, "某县教育体育局", "营养改善计划专项资金")
    assert row["implementing_unit"] == "某县中学"
    assert (row["total_score"], row["grade"], row["execution_rate"]) == (96.0, "优", 100.0)


def test_form_scores_and_indicators():
    scores = {r["name"]: r for r in extract_scores(analyse(FORM_DOC))}
    assert set(scores) == {"学生受资助人数", "资金到位及时率", "减轻学生家庭经济负担", "预算执行率"}
    assert (scores["资金到位及时率"]["max_score"], scores["资金到位及时率"]["score"]) == (10.0, 7.0)
    assert scores["预算执行率"]["level1"] is None
    indicators = {r["name"]: r for r in extract_indicators(analyse(FORM_DOC))}
    assert set(indicators) == {"学生受资助人数", "资金到位及时率", "减轻学生家庭经济负担"}
    assert (indicators["学生受资助人数"]["target_op"], indicators["学生受资助人数"]["target_value"],
            indicators["学生受资助人数"]["target_unit"]) == (">=", 735.0, "人次")
    assert indicators["减轻学生家庭经济负担"]["target_text"] == "有效"


def test_a_budget_block_without_a_stated_unit_is_not_read():
    d = doc(table("项目|年初预算数|全年预算数|全年执行数|执行率", "合计|100|120|118|98.3%"))
    assert analyse(d).budget == ()
