"""Titles, kinds and years as the genre prints them."""
from extractors.title import kind_of, title_candidates, year_candidates
from tests.helpers import para


def titles(*texts, furniture=()):
    return [(c.value, c.method) for c in title_candidates([para(t) for t in texts], furniture)]


def test_title_joined_only_when_a_line_names_only_the_kind():
    assert titles("2023某某示范项目", "绩效评价报告", "为深入贯彻…。")[0] == ("2023某某示范项目绩效评价报告", "title")
    assert titles("预算绩效管理", "某州数据中心2024年度项目支出绩效单位自评报告")[0][0] == "某州数据中心2024年度项目支出绩效单位自评报告"


def test_title_run_into_the_text_and_a_file_name():
    text = ("2021年某市发展和改革局整体支出绩效自评报告根据《关于开展2022年市级财政资金绩效自评工作的通知》要求，"
            "我单位及时布置自评任务，明确人员分工，落实主体责任，认真开展自评自查工作，形成本评价报告。")
    assert titles(text)[0] == ("2021年某市发展和改革局整体支出绩效自评报告", "text_head")
    found = titles("一、基本情况", furniture=("2021年某局部门整体支出绩效自评报告.pdf", "附件1:某项目绩效评价报告.pdf"))
    assert found == [("2021年某局部门整体支出绩效自评报告", "file_name")]


def test_kinds():
    assert kind_of(["某局2022年部门整体支出绩效自评报告"], "", None, False) == "department_self_evaluation"
    assert kind_of(["某局2021年度部门决算"], "", None, False) == "other"
    # titled 评价报告, written by the unit itself (citations aside)
    opening = "根据《关于做好2018年度预算绩效自评工作的通知》，我局已经对2018年度预算绩效进行自我评价。"
    assert kind_of(["某局2018年度整体支出绩效评价报告"], opening, None, False) == "department_self_evaluation"
    assert kind_of(["某局2018年度整体支出绩效评价报告"], "根据《关于做好绩效自评工作的通知》，受委托评价。", None,
                   False) == "department_evaluation"
    # no title: a notice about evaluations is no report; a form tells its own kind
    assert kind_of([], "我局委托第三方对3个项目进行重点评价，具体报告见附件。", None, False) == "other"
    assert kind_of([], "现对2022年度某某补助资金绩效目标自评如下：", None, False) == "project_self_evaluation"
    assert kind_of([], "单位名称：某镇人民政府", "department_self_evaluation", False) == "department_self_evaluation"


def test_years_from_the_title_a_form_header_and_the_text():
    found = year_candidates([], [para("（2023年度）")], (), "")
    assert [(c.value, c.method) for c in found] == [(2023, "form_header")]
    found = year_candidates([], [], ("首页 > 2021年度部门整体支出绩效",), "对2019年禁毒工作专项经费进行评价。")
    assert (2021, "breadcrumb") in [(c.value, c.method) for c in found]
    assert (2019, "year_tally") in [(c.value, c.method) for c in found]
