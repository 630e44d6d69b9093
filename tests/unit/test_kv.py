"""Report fields read three ways from the lexicon's labels, and the values they give."""
import pytest

from extractors.fields import Candidate, parse_org, resolve
from extractors.kv import line_kv, phrases, prose, table_kv, total_row_score
from schemas.lexicon import FIELDS
from tests.helpers import table


def values(cands, field):
    return [c.value for c in cands if c.field == field]


@pytest.mark.parametrize("text, name", [
    ("上海某某社会组织培育中心 2019年", "上海某某社会组织培育中心"),  # 社 of 社会 ends no name
    ("某某会计师事务所（特殊普通合伙）对", "某某会计师事务所（特殊普通合伙）"),
    ("[155]某县民政局", "某县民政局"), ("219-某镇人民政府", "某镇人民政府"), ("某县司法局部门", "某县司法局"),
    ("某县发展和改革局本级", "某县发展和改革局"), ("某县住房和城乡建设局", "某县住房和城乡建设局"),
    ("某市委宣传部", "某市委宣传部"), ("为西部", None),
])
def test_organisation_names(text, name):
    assert parse_org(text) == name


def test_a_name_in_running_text_stops_at_its_first_end():
    assert parse_org("某区管委会(行政主管部门)项目业主为某区管委会", whole=False) == "某区管委会"


def test_table_key_values_right_and_below():
    t = table("项目名称|校舍维修|主管部门|某县教育局", "实施单位|某县第一小学||")
    found = table_kv([t], None)
    assert values(found, "project_name") == ["校舍维修"] and values(found, "department") == ["某县教育局"]
    assert values(found, "implementing_unit") == ["某县第一小学"]
    below = table("年初预算数|全年预算数|全年执行数", "50|48|46")
    assert values(table_kv([below], "万元"), "budget_initial_wan") == [50.0]
    grid = table("序号|指标|自评得分", "1|资金到位率|3")  # a column title over an item's value
    assert values(table_kv([grid], None), "total_score") == []


def test_a_total_row_gives_its_score_not_its_weight():
    assert total_row_score("100 | 96") == 96.0
    assert total_row_score("100分") == 100.0
    assert total_row_score("100100注") == 100.0  # a weight and a score run together: one split fits
    assert total_row_score("100 | 96 | 优") == 96.0


def test_keys_glued_into_one_line():
    text = "项目名称某县水价改革项目负责人及电话某某主管部门某县水利局实施单位某县水利局资金情况(万元)"
    found = line_kv(text, None, form_like=True, unit_hint=None)
    # 项目负责人 is read as 负责人 so that a name ending in 项目 keeps it
    assert values(found, "project_name") == ["某县水价改革项目"] and values(found, "department") == ["某县水利局"]


def test_keys_in_running_text_need_a_colon():
    found = line_kv("项目实施后，报主管部门审批，由实施单位组织验收。", None, form_like=False, unit_hint=None)
    assert found == []
    found = line_kv("项目名称：校舍维修专项。", None, form_like=False, unit_hint=None)
    assert values(found, "project_name") == ["校舍维修专项"]


def test_prose_values_near_their_labels_unless_disqualified():
    specs = [FIELDS[n] for n in ("budget_initial_wan", "expenditure_wan", "execution_rate", "total_score")]
    found = prose("年初预算收入为65,372.31万元，实际支出58,526.63万元，预算执行率为98.86%。", None, specs, None)
    assert (values(found, "budget_initial_wan"), set(values(found, "expenditure_wan")), values(found, "execution_rate")) == (
        [65372.31], {58526.63}, [98.86])
    assert prose("政府采购执行率为84.48%", None, specs, None) == []
    assert prose("年初预算中其中基本支出100万元", None, specs, None) == []


def test_a_grading_scale_and_a_count_are_no_grade_or_score():
    specs = [FIELDS["grade"], FIELDS["total_score"]]
    assert phrases("评价等级分为四档：90分以上为优", None, specs) == []
    assert phrases("评价等级为优的项目3个", None, specs) == []
    assert values(phrases("综合评定，绩效评价得分91.48分，评定等级为“优”。", None, specs), "grade") == ["优"]


def test_strongest_reading_kept_and_others_warned():
    cands = [Candidate("department", "某县教育局", "title", None, "t"),
             Candidate("department", "某县教育体育局", "table_kv", None, "k")]
    resolved = resolve(cands, {"department": FIELDS["department"].methods})
    assert resolved.values["department"] == "某县教育体育局" and len(resolved.warnings) == 1


def test_a_cell_label_with_its_unit_note_before_a_bar():
    text = "经常性项目(√)一次性项目()计划投资额(万元) | 570 |实际到位资金(万元) | 398.88 |实际使用情况(万元) | 395.86 |"
    found = line_kv(text, None, form_like=True, unit_hint=None)
    assert values(found, "budget_final_wan") == [570.0] and values(found, "expenditure_wan") == [395.86]


def test_a_listing_s_values_stand_below_its_labels():
    from extractors.kv import table_kv
    from tests.helpers import table
    found = table_kv([table("序号|主管部门|项目名称|债券规模|自评分数", "1|某镇人民政府|某安置房项目|2.62|97")], None)
    assert {(c.field, c.value) for c in found} >= {("department", "某镇人民政府"), ("project_name", "某安置房项目"),
                                                   ("total_score", 97.0)}


def test_a_key_s_brackets_either_width():
    from extractors.kv import line_kv
    found = line_kv("部门(单位)名称:岳阳县某镇政府", None, False, None)
    assert [(c.field, c.value) for c in found] == [("department", "岳阳县某镇政府")]


def test_an_office_of_a_bureau_may_carry_a_project_out():
    from extractors.fields import parse_value
    from schemas.lexicon import FIELDS
    assert parse_value(FIELDS["implementing_unit"], "粮食调控储备与产业发展股") == "粮食调控储备与产业发展股"
    assert parse_value(FIELDS["department"], "某某股份有限公司") == "某某股份有限公司"
