from dataclasses import replace

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


def test_the_unit_named_alone_above_the_title_is_the_department():
    d = doc(para("某县城市管理局"), para("2020年某某垃圾处理项目"), para("支出绩效评价报告"), para("一、项目概况"),
            para("为加强固体废弃物处置，实施本项目。"))
    row, _ = report(d)
    assert row["title"] == "2020年某某垃圾处理项目支出绩效评价报告"
    assert (row["department"], row["project_name"]) == ("某县城市管理局", "2020年某某垃圾处理项目")
    # a finance bureau heading the page is the site's owner, not the unit evaluated
    d = doc(para("某县财政局"), para("某某补助资金项目绩效评价报告"), para("为加强资金管理，开展评价。"))
    assert report(d)[0]["department"] is None


def test_a_headline_under_the_unit_it_is_from():
    d = doc(table("2024年03月19日星期二"), para("某某产业园区管委会"),
            para("2021年某某产业发展项目支出绩效评价评定等次为优"),
            para("根据通知要求，园区管委会委托第三方机构开展2021年某某产业发展项目支出绩效评价工作，评价得分90.15分。"))
    row, _ = report(d)
    assert row["title"] == "2021年某某产业发展项目支出绩效评价评定等次为优"
    assert row["department"] == "某某产业园区管委会" and row["report_kind"] == "other"
    assert row["total_score"] is None  # the news reports the project's score; it has none of its own


def test_a_title_counting_its_projects_is_a_collection():
    d = doc(para("某县2021年10个重点项目绩效评价报告公开"),
            para("我县选择10个重点项目，委托第三方开展了重点项目绩效评价，现予以公开："),
            para("1、某村道路建设项目。第三方机构最终绩效评价总得分为91.8分，评价等级为优秀。"),
            para("2、某村市场建设项目。第三方机构最终绩效评价总得分为90.76分，评价等级为优秀。"))
    row, _ = report(d)
    assert row["title"] == "某县2021年10个重点项目绩效评价报告公开"
    assert row["report_kind"] == "other" and row["project_name"] is None
    assert (row["total_score"], row["grade"]) == (None, None)


def test_a_title_opening_with_a_government_body_then_its_project():
    d = doc(para("某某省民族宗教事务委员会民族工作经费专项资金(2017-2019年度)绩效评价报告"), para("一、基本情况"))
    row, _ = report(d)
    assert row["department"] == "某某省民族宗教事务委员会"
    assert row["project_name"] == "民族工作经费专项资金(2017-2019年度)"
    # a facility's name opening a project's title is no department
    d = doc(para("某县第一中学教学楼建设项目绩效评价报告"), para("一、基本情况"))
    assert report(d)[0]["department"] is None


def test_a_project_named_before_its_year_and_a_summary_of_all_projects():
    d = doc(para("某省残疾人事业发展补助资金(省对下转移支付)项目2018年度绩效自评报告"), para("一、基本情况"))
    assert report(d)[0]["project_name"] == "某省残疾人事业发展补助资金(省对下转移支付)项目"
    d = doc(para("2022年度项目支出绩效自评总报告"), para("一、基本情况"))
    assert report(d)[0]["project_name"] is None


def test_a_file_named_after_its_evaluator():
    d = doc(para("1、(二)评价方法及评价结论本次评价工作组到某某服务中心进行了现场座谈，得出某某服务中心2020年度"
                 "“市场化运作费项目”绩效评价的最终得分。"))
    d = replace(d, furniture=("《某某联合会计师事务所绩效评价报告.docx》由会员分享,可在线阅读",))
    row, _ = report(d)
    assert row["title"] == "某某联合会计师事务所绩效评价报告" and row["report_kind"] == "project_evaluation"
    assert row["evaluator"] == "某某联合会计师事务所" and row["project_name"] == "市场化运作费项目"


def test_an_evaluating_unit_that_is_the_unit_itself_makes_a_self_evaluation():
    d = doc(para("财政支出项目绩效评价报告"), para("项目名称:植被恢复绿化项目"),
            para("项目承担单位:某区农业农村局项目主管部门:某区农业农村局(公章)填报日期:2020年4月25日"),
            para("评价单位:某区农业农村局"), para("一、项目概况"),
            para("资金来源为财政投入，2019年预算实际安排151.12万元。"))
    row, _ = report(d)
    assert row["report_kind"] == "project_self_evaluation" and row["evaluator"] is None
    assert (row["department"], row["implementing_unit"]) == ("某区农业农村局", "某区农业农村局")
    assert row["budget_final_wan"] == 151.12


def test_a_stated_self_evaluation_without_a_title():
    d = doc(para("按照《关于印发某某管理办法的通知》要求，我单位及时对某某建设项目开展自评，县级自评情况报告如下："),
            para("一、绩效目标分解下达情况"))
    assert report(d)[0]["report_kind"] == "project_self_evaluation"


def test_budget_phrases_a_total_with_its_initial_part():
    d = doc(para("某妇联2022年度部门整体支出绩效自评报告"),
            para("2022年预算收入69.06万元，其中年初预算57.28万元，调整追加11.78万元。2022年支出76.36万元。"))
    row, _ = report(d)
    assert (row["budget_initial_wan"], row["budget_final_wan"]) == (57.28, 69.06)
    d = doc(para("某某部门整体支出绩效自评报告"),
            para("2024年部门预算财政安排公共财政拨款资金共157.71万元，实际支出157.71万元。"))
    assert report(d)[0]["budget_final_wan"] == 157.71


def test_an_evaluation_firm_s_branch():
    d = doc(para("某县2023年农村危房改造项目绩效评价报告"),
            para("某某会计师事务所(特殊普通合伙)河南分所受某县财政局委托，对某县2023年农村危房改造项目开展绩效评价。"))
    assert report(d)[0]["evaluator"] == "某某会计师事务所(特殊普通合伙)河南分所"


def test_a_result_notice_of_one_report_is_that_report():
    """`…评价报告结果公示` publishes one report's result under its name; a notice of several
    results (`…绩效评价结果公示`) is no report."""
    d = doc(para("某乡人民政府部门整体支出绩效评价报告结果公示"),
            para("现将某县某乡人民政府部门整体支出绩效评价报告结果公示如下：本项目评价等级为“合格”，总得分为72.21分。"))
    row, _ = report(d)
    assert row["report_kind"] == "department_evaluation" and (row["total_score"], row["grade"]) == (72.21, "中")
    d = doc(para("某县2023年度项目支出绩效评价结果公示"),
            para("现将2023年度项目支出绩效评价结果公示如下："), table("序号|项目名称|得分|等级", "1|甲项目|92|优", "2|乙项目|81|良"))
    row, _ = report(d)
    assert row["report_kind"] == "other" and row["total_score"] is None and row["grade"] is None


def test_a_form_attached_to_an_untitled_notice_titles_it():
    d = doc(para("某某委："), para("根据有关规定，现下达你单位2020年特别国债资金1760万元，请及时拨付。"),
            para("特此通知。"), para("2020年7月22日"),
            table("附件2||", "特别国债项目绩效目标自评表||", "(2020年度)||",
                  "转移支付(项目)名称|某区2019-2020年度供热补贴项目|", "地方主管部门|某区财政局|资金使用单位|某区城管委"))
    row, _ = report(d)
    assert row["title"] == "特别国债项目绩效目标自评表" and row["report_kind"] == "project_self_evaluation"
    assert row["project_name"] == "某区2019-2020年度供热补贴项目" and row["fiscal_year"] == 2020
    # a list of attached files' names titles nothing
    from extractors.title import title_candidates
    elements = (para("各单位："), *[para(f"第{k}条，各单位按要求办理。") for k in range(8)], para("附件1"),
                para("某项目绩效评价报告"), para("附件2"), para("某某项目绩效评价报告"), para("请遵照执行。"))
    assert title_candidates(elements, ()) == []


def test_an_untitled_report_told_by_its_template_headings():
    d = doc(para("一、绩效目标分解下达情况"), para("（一）中央下达资金预算和绩效目标情况。"),
            para("省财政厅下达我县中央水利发展资金500万元。"),
            para("二、绩效目标完成情况分析"),
            para("某县水务投资有限公司作为项目业主单位，已支付资金139.43万元。"))
    row, _ = report(d)
    assert row["title"] is None  # a section's heading is no headline
    assert row["report_kind"] == "project_self_evaluation"
    assert row["implementing_unit"] == "某县水务投资有限公司"
    assert (row["budget_final_wan"], row["expenditure_wan"]) == (500.0, 139.43)


def test_a_column_title_beside_a_label_is_no_name():
    d = doc(para("某某资金绩效目标表"), table("乡镇名称|项目名称|序号", "金额|备注|1"),
            table("项目名称|某某水利专项资金", "主管部门(单位)名称|某县水利局"))
    row, _ = report(d)
    assert row["project_name"] == "某某水利专项资金"
    d = doc(para("某镇专项债券项目资金绩效评价公开"), table("序号|主管部门|项目名称|发行金额(亿元)|评价结果"))
    assert report(d)[0]["project_name"] is None


def test_the_year_of_the_statement_not_of_the_document_it_cites():
    d = doc(para("某镇专项债券项目资金绩效评价公开"),
            para("根据《某省财政厅关于开展2024年度专项债券项目资金绩效评价工作的通知》要求，"
                 "现将某县某镇人民政府2023年度专项债券项目资金绩效评价情况公示如下："))
    assert report(d)[0]["fiscal_year"] == 2023


def test_a_unit_describing_itself_a_town_government_and_a_page_s_division():
    d = doc(para("目 录"), para("第一部分 2024年度部门决算报表"),
            para("某市某区生态环境局成立于2019年3月25日，其前身是某区环境保护局。"))
    assert report(d)[0]["department"] == "某市某区生态环境局"
    d = doc(para("某镇人民政府隶属于某市某区人民政府管辖，主要负责本镇全面工作。"),
            para("某市某区某镇人民政府内设21个职能处室。"), para("某市某区某镇人民政府所有收入和支出均纳入部门预算管理。"))
    assert report(d)[0]["department"] == "某市某区某镇人民政府"


def test_a_project_in_a_cited_document_s_title_is_not_this_one_s():
    d = doc(para("我厅圆满完成2020年部门整体支出与项目支出绩效自评工作"),
            para("近期，按照财政厅《关于开展2021年部门、政策和项目支出绩效自评工作的通知》要求，我厅完成了自评。"))
    assert report(d)[0]["project_name"] is None


def test_a_cover_s_unit_under_its_superior_and_an_assessment_firm():
    d = doc(para("某市某县污水处理特许经营项目"), para("事前绩效评估报告"),
            para("项目名称:某市某县污水处理特许经营项目"), para("单位名称:某县水发环保有限公司"),
            para("主管部门:某市某县住房和城乡建设局"), para("委托单位:某市某县财政局"),
            para("评估机构:某某信息咨询有限公司"), para("评估方式:财政事前评估"))
    row, _ = report(d)
    assert (row["department"], row["implementing_unit"]) == ("某市某县住房和城乡建设局", "某县水发环保有限公司")
    assert row["project_name"] == "某市某县污水处理特许经营项目" and row["evaluator"] == "某某信息咨询有限公司"
    assert row["report_kind"] == "other"  # an ex-ante assessment evaluates no spending


def test_titles_of_the_genre_s_variants():
    row, _ = report(doc(para("某市卫生健康委员会2022项目绩效自评报告"), para("(春节慰问经费项目)"),
                        para("一、自评结论"), para("项目绩效评分100分，自评为优。")))
    assert row["title"] == "某市卫生健康委员会2022项目绩效自评报告(春节慰问经费项目)"
    assert (row["project_name"], row["total_score"], row["grade"]) == ("春节慰问经费项目", 100.0, "优")
    row, _ = report(doc(para("某市第四中学专项资金绩效自评价报告"), para("一、基本情况我校项目运转正常。")))
    assert row["department"] == "某市第四中学" and row["project_name"] is None
    row, _ = report(doc(para("2023年度某县交通运输局部门公交补贴重点项目支出绩效评价报告"),
                        para("2023年初我局申请预算资金2000万元，年底追加预算资金1000万元。")))
    assert row["project_name"] == "公交补贴重点项目" and row["budget_initial_wan"] == 2000.0
    row, _ = report(doc(para("8 2018 年农业保险 项目绩效评价报告"),
                        para("我单位积极组织抽调专人成立评价小组，对项目开展评价。")))
    assert row["project_name"] == "2018年农业保险项目" and row["report_kind"] == "project_self_evaluation"
    row, _ = report(doc(para("2020年度某省老旧小区改造补助资金全周期跟踪问效报告"), para("一、基本情况")))
    assert row["report_kind"] == "project_evaluation" and row["project_name"] == "2020年度某省老旧小区改造补助资金"
    row, _ = report(doc(para("某局关于2024年政策性农业保险项目绩效评价整改情况报告"),
                        para("2024年政策性农业保险项目绩效再评价得分88.53分，评价等级为“良”。")))
    assert row["report_kind"] == "other" and row["total_score"] is None


def test_a_grade_tier_and_a_year_s_fund_arrangement():
    row, _ = report(doc(para("某市2020年度城市老旧小区改造民生工程绩效评价报告"),
                        para("年度资金安排22,141.47万元，计划投资17,558.00万元。"),
                        para("绩效评价整体得分85.81分，评价等次优秀。排名依次是甲县91.75分，评价等次优秀；乙县81分，评价等次良好。")))
    assert (row["budget_final_wan"], row["total_score"], row["grade"]) == (22141.47, 85.81, "优")


def test_a_total_row_printing_only_the_weights_total_is_no_score():
    d = doc(para("某局部门整体绩效自评报告"), para("我会部门整体支出绩效自评得分为9.5分。"),
            table("一级指标|三级指标|分值|得分", "履职效能|目标完成情况|5|4.5", "管理效率|资产管理|5|5", "合计|||10"))
    row, warnings = report(d)
    assert row["total_score"] == 9.5 and not any("score_table" in w for w in warnings)


def test_an_untitled_evaluation_saying_this_evaluation_and_a_notice_listing_reports():
    row, _ = report(doc(para("本次绩效评价对2023年度残保金专项项目的投入、过程、产出与效益等方面进行了总体分析评价，"
                             "某区2023年度残保金专项项目绩效评价综合评价得分80.10分，评价等次为“良”。")))
    assert (row["report_kind"], row["total_score"], row["grade"]) == ("project_evaluation", 80.1, "良")
    row, _ = report(doc(para("2020年度我厅开展了部门整体支出绩效自评，专项资金绩效自评等次均为优秀。"),
                        para("附件:1.某省某厅2020年度部门整体支出绩效自评报告"),
                        para("2.2020年度“某某专项资金”绩效自评报告")))
    assert row["report_kind"] == "other" and row["title"] is None and row["grade"] is None


def test_a_form_s_title_after_a_note_and_a_name_past_empty_cells():
    row, _ = report(doc(table("详情见附件(注:以下内容为图片识别,个别文字可能不准确)部门预算项目支出绩效自评表(2023年度)|||",
                              "项目名称||51130021T0000-退耕还林工程建设专项工作经费|",
                              "主管部门||某市林业局|")))
    assert row["title"] == "部门预算项目支出绩效自评表(2023年度)"
    assert row["project_name"] == "51130021T0000-退耕还林工程建设专项工作经费"


def test_a_bond_results_table_s_header_words_and_a_title_s_own_words():
    row, _ = report(doc(para("2023年度新增地方政府专项债券项目绩效评价情况"), para("信息来源:区卫生健康局"),
                        para("项目名称"), para("债券性质"), para("截至2023年底已发债券规模"), para("自评分数")))
    assert row["department"] is None or "地方政府" not in row["department"]
    assert row["project_name"] == "2023年度新增地方政府专项债券项目"


def test_a_whole_title_under_another_stands_alone_and_a_glued_row_of_amounts():
    row, _ = report(doc(para("某市统计局某某专项经费项目支出绩效自评表"), para("项目支出绩效自评表"), para("(2023年度)"),
                        para("项目名称某某专项经费"), para("项目资金"), para("(万元)"),
                        para("资金来源年初预算数全年预算数全年执行数分值权重执行率得分"),
                        para("年度资金总额5.28 1.96 1.96 10 100.00% 10")))
    assert row["title"] == "项目支出绩效自评表"
    assert (row["budget_initial_wan"], row["budget_final_wan"], row["expenditure_wan"], row["execution_rate"]) == (
        5.28, 1.96, 1.96, 100.0)


def test_allocated_funds_and_their_parts():
    row, _ = report(doc(para("某市2023年度中央支持地方公共文化服务体系建设专项资金绩效自评情况 报告公开"),
                        para("省级下达我市公共文化服务体系建设专项资金3020万元，其中：一般项目资金1520万元，专项资金360万元。")))
    assert row["budget_final_wan"] == 3020.0
    from extractors.title import project_from_title
    from extractors.fields import Candidate
    title = Candidate("title", "某市2023年度中央支持地方公共文化服务体系建设专项资金绩效自评情况 报告公开", "title", None, "")
    assert project_from_title(title, None).value == "某市2023年度中央支持地方公共文化服务体系建设专项资金"


def test_a_project_scored_in_a_sentence_and_a_unit_before_its_year():
    row, _ = report(doc(para("本次绩效评价对2023年度残保金专项项目的投入、过程、产出与效益等方面进行了总体分析评价，"
                             "某区2023年度残保金专项项目绩效评价综合评价得分80.10分。")))
    assert row["project_name"] == "2023年度残保金专项项目"
    row, _ = report(doc(para("2022年度项目支出绩效自评报告"), para("对我处2022年度项目支出绩效进行了自评。"),
                        para("（一）某市烈士陵园管理处2022年度共有5个项目，预算35.3万元。")))
    assert row["department"] == "某市烈士陵园管理处"


def test_an_evaluation_period_of_one_whole_year_is_the_fiscal_year():
    row, _ = report(doc(para("财政支出项目绩效评价报告"),
                        para("项目名称:某某补助专项资金项目单位:某某管护单位主管部门:某省某某管理中心"
                             "评价时间:2017年1月1日至2017年12月31日")))
    assert row["fiscal_year"] == 2017


def test_a_notice_naming_several_projects_names_none():
    row, _ = report(doc(para("我厅严格按照要求开展绩效自评工作，专项资金绩效自评等次均为优秀。"),
                        para("附 件:1.某某省科学技术厅2020年度部门整体支出绩效自评报告"),
                        para("2.2020年度“甲专项资金”绩效自评报告"), para("3.2020年度“乙专项资金”绩效自评报告")))
    assert row["report_kind"] == "other" and row["project_name"] is None and row["department"] == "某某省科学技术厅"


def test_a_unit_before_its_year_on_a_short_line_of_contents():
    row, _ = report(doc(para("1"), para("第一部分:某市医疗保障局概况"), para("一、本部门职责"),
                        para("第二部分:某市医疗保障局2024年度部门决算报表")))
    assert row["department"] == "某市医疗保障局" and row["report_kind"] == "other"
