from extractors.sections import SCORE_PHRASE, extract_sections, role_of
from extractors.analysis import analyse
from tests.helpers import doc, para


def rows(*texts):
    return extract_sections(analyse(doc(*[para(t) for t in texts])))


def test_heading_tree_with_parents_and_text():
    out = rows("一、评价项目概述", "（一）项目背景", "项目由市政府主办。", "（二）项目绩效目标",
               "1.项目绩效目标", "举办活动约20场。", "二、评价结论", "结论正文。")
    assert [(r["level"], r["number"], r["heading"], r["parent_seq"]) for r in out] == [
        (1, "一", "评价项目概述", None), (2, "（一）", "项目背景", 0), (2, "（二）", "项目绩效目标", 0),
        (3, "1", "项目绩效目标", 2), (1, "二", "评价结论", None)]
    assert out[0]["text"] == "（一）项目背景\n项目由市政府主办。\n（二）项目绩效目标\n1.项目绩效目标\n举办活动约20场。"
    assert out[1]["text"] == "项目由市政府主办。"
    assert [r["seq"] for r in out] == [0, 1, 2, 3, 4]


def test_a_scored_item_is_not_a_heading():
    assert SCORE_PHRASE.search("完整性，指标分值2分，评价得分1分")
    out = rows("（2）目标设置", "①完整性，指标分值2分，评价得分1分，评价得分率50%。", "正文。")
    assert [r["heading"] for r in out] == ["目标设置"]
    assert out[0]["text"].startswith("①完整性")


def test_run_in_heading_keeps_its_body_as_text():
    out = rows("（一）科学规划，立足全局，提高预算编制精确性。提高预算编制的科学性。")
    assert out[0]["heading"] == "科学规划，立足全局，提高预算编制精确性"
    assert out[0]["text"] == "提高预算编制的科学性。"
    out = rows("（1）基础研究计划：一是通过建设基础研究平台带动原始创新能力提升。")
    assert out[0]["heading"] == "基础研究计划"


def test_a_run_of_long_numbered_sentences_is_a_list_not_headings():
    out = rows("（一）部门职能",
               "（1）贯彻执行党和国家有关科技工作的方针和政策，制定全市科普工作规划和科协工作计划，并组织实施。",
               "（2）开展学术交流，活跃学术思想，促进科技进步和经济发展。",
               "（3）普及科学知识，传播科学思想和科学方法；推广先进技术、开展青少年科技教育活动，促进科技人才成长。",
               "（4）组织科技工作者参与科技政策、法规的制订与实施，参与广州市地方事务的政治协商、科学决策、民主监督工作。",
               "（二）年度工作")
    assert [r["heading"] for r in out] == ["部门职能", "年度工作"]


def test_short_numbered_headings_stay_headings():
    out = rows("（二）年度总体工作", "1. 筑牢根基，打造一流科学高地。汇聚国家战略科技力量。",
               "2. 聚力攻关，加快核心技术突破。实施重点领域研发计划。", "3. 培育主体，支撑产业创新发展。")
    assert [r["heading"] for r in out][1:] == ["筑牢根基，打造一流科学高地", "聚力攻关，加快核心技术突破",
                                             "培育主体，支撑产业创新发展"]


def test_roles_and_inheritance():
    assert role_of("评价项目概述") == "overview" and role_of("存在问题或不足") == "problems"
    assert role_of("相关建议") == "recommendations" and role_of("评价结论与绩效分析") == "conclusion"
    out = rows("五、相关建议", "（一）延伸跟踪管理链条，进一步保障宣传推介工作成效")
    assert [r["role"] for r in out] == ["recommendations", "recommendations"]


def test_pages_of_headings():
    out = extract_sections(analyse(doc(para("一、基本情况", page=2), para("正文。", page=2))))
    assert out[0]["page_start"] == 2
