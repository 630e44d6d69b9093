from tests.helpers import doc, para, report, table


def test_project_evaluation_report():
    d = doc(para("2023示范交易会项目"), para("绩效评价报告"),
            para("广东某某咨询有限公司受广州市某某协会（以下简称“市协会”）委托，对2023年示范交易会项目开展绩效评价。"
                 "经综合评定，项目绩效评价得分91.48分，评定等级为“优”。"),
            para("一、评价项目概述"),
            para("项目安排年初预算1937万元。项目年度预算合计1,937万元，共计支出1930.75万元，预算支出率为99.60%。"),
            para("①完整性，指标分值2分，评价得分1分。"))
    row, warnings = report(d)
    assert row["title"] == "2023示范交易会项目绩效评价报告"
    assert row["report_kind"] == "project_evaluation" and row["fiscal_year"] == 2023
    assert row["department"] == "广州市某某协会" and row["evaluator"] == "广东某某咨询有限公司"
    assert row["project_name"] == "2023示范交易会项目"
    assert (row["total_score"], row["grade"]) == (91.48, "优")
    assert (row["budget_initial_wan"], row["budget_final_wan"], row["expenditure_wan"], row["execution_rate"]) == (
        1937.0, 1937.0, 1930.75, 99.6)
    assert warnings == []


def test_department_self_evaluation_in_yi_yuan():
    d = doc(para("广州市某某局2021年部门整体支出绩效自评报告"), para("一、基本情况"),
            para("我局支出进度为99.66%。2021年，年度预算56.83亿元，实际支出51.15亿元（含转移支付2.15亿元）。"),
            para("我局部门整体支出绩效自评94.622分，各分项如下："),
            para("本次绩效自评只评分，不评绩效等级，故未进行优良差等级评定。"))
    row, _ = report(d)
    assert row["department"] == "广州市某某局" and row["report_kind"] == "department_self_evaluation"
    assert row["project_name"] is None and row["evaluator"] is None and row["grade"] is None
    assert (row["budget_final_wan"], row["expenditure_wan"]) == (568300.0, 511500.0)
    assert row["budget_initial_wan"] is None and row["total_score"] == 94.622


def test_subtotals_are_not_the_total_and_table_total_is_a_fallback():
    d = doc(para("2022年度某区某某局部门重点项目绩效评价报告(2022年某某工作服务)"),
            para("其中一级指标过程综合得分为20分、产出综合得分为30分。"))
    row, _ = report(d)
    assert row["total_score"] is None
    assert row["project_name"] == "2022年某某工作服务" and row["department"] == "某区某某局"
    d = doc(para("某项目绩效评价报告"), table("序号|评价内容|分值|得分", "1|决策|20|17.5", "合计||100|91.48"))
    assert report(d)[0]["total_score"] == 91.48


def test_two_different_totals_are_warned():
    d = doc(para("某项目绩效评价报告"), para("项目绩效评价得分91.48分。"),
            table("序号|评价内容|分值|得分", "1|决策|20|17.5", "合计||100|90"))
    row, warnings = report(d)
    assert row["total_score"] == 91.48 and any("90" in w for w in warnings)


def test_phrasings_of_other_reports():
    d = doc(para("某县2022年度农村公路养护项目绩效评价报告"),
            para("受某县交通运输局委托，某某会计师事务所（特殊普通合伙）对该项目开展了绩效评价。"),
            para("项目预算资金300万元，已支出285万元，执行进度95%。"),
            para("经评价，项目得分为88.5分，评价等级为良。"))
    row, _ = report(d)
    assert (row["department"], row["evaluator"]) == ("某县交通运输局", "某某会计师事务所（特殊普通合伙）")
    assert (row["budget_final_wan"], row["expenditure_wan"], row["execution_rate"]) == (300.0, 285.0, 95.0)
    assert (row["total_score"], row["grade"]) == (88.5, "良")
    assert row["project_name"] == "某县2022年度农村公路养护项目"


def test_evaluator_named_after_weituo_only_in_an_evaluation_sentence():
    d = doc(para("某项目绩效评价报告"), para("局委托某某咨询有限公司对该项目开展绩效评价。"))
    assert report(d)[0]["evaluator"] == "某某咨询有限公司"
    d = doc(para("某项目绩效评价报告"), para("市局委托某某传媒有限公司完成展会布展工作。"))
    assert report(d)[0]["evaluator"] is None


def test_grade_written_after_the_verb():
    d = doc(para("某项目绩效评价报告"), para("综合评定为“优秀”等级。"))
    assert report(d)[0]["grade"] == "优"


def test_form_like_prose_budget():
    d = doc(para("某单位2023年度项目支出绩效自评报告"),
            para("年初预算数120万元，全年预算数150万元，全年执行数147万元，预算执行率98%。"))
    row, _ = report(d)
    assert (row["budget_initial_wan"], row["budget_final_wan"], row["expenditure_wan"], row["execution_rate"]) == (
        120.0, 150.0, 147.0, 98.0)
