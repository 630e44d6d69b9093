"""A report typeset unlike the samples (three-line tables, merged names left blank, a
centred title) read end to end: PDF reader, then every extractor."""
from pathlib import Path

from pipeline.extract import extract_data
from tests.unit.test_pdf_reader import Sheet


def three_line_report() -> bytes:
    sheet = Sheet()
    sheet.centred("某县农业农村局2022年度", 18)
    sheet.centred("部门整体支出绩效自评报告", 18)
    sheet.paragraph("一、基本情况", indent=0)
    sheet.paragraph("2022年部门年初预算1,200.00万元，全年预算数1,350.00万元，全年实际支出1,323.00万元，"
                    "预算执行率为98%。")
    sheet.paragraph("二、自评结论", indent=0)
    sheet.paragraph("经自评，我局2022年度部门整体支出绩效自评得分为93.5分，评价等级为“优”。")
    sheet.paragraph("表1 绩效自评指标得分表", indent=0)
    sheet.threeline_table([["一级指标", "二级指标", "三级指标", "分值", "得分"],
                           ["投入", "预算编制", "预算编制科学性", "10", "9"],
                           ["", "", "绩效目标合理性", "10", "10"],
                           ["过程", "预算执行", "预算执行率", "20", "19.5"]], [80, 80, 140, 50, 50])
    sheet.paragraph("表2 绩效目标完成情况表", indent=0)
    sheet.threeline_table([["指标名称", "年度目标值", "实际完成值"],
                           ["培训农民人次", "不少于2000人次", "2150人次"],
                           ["项目资金到位率", "≥95%", "100%"]], [160, 120, 120])
    sheet.paragraph("三、存在的主要问题", indent=0)
    sheet.paragraph("部分项目绩效目标设置不够细化。")
    return sheet.pdf()


def test_a_three_line_table_report_reads_end_to_end():
    result = extract_data(three_line_report(), "r.pdf", Path("r.pdf"))
    report = result.report
    assert (report["status"], report["source_format"], report["page_count"]) == ("ok", "pdf", 1)
    assert report["title"] == "某县农业农村局2022年度部门整体支出绩效自评报告"
    assert (report["department"], report["fiscal_year"], report["report_kind"]) == (
        "某县农业农村局", 2022, "department_self_evaluation")
    assert (report["total_score"], report["grade"]) == (93.5, "优")
    assert (report["budget_initial_wan"], report["budget_final_wan"], report["expenditure_wan"],
            report["execution_rate"]) == (1200.0, 1350.0, 1323.0, 98.0)
    scores = {r["name"]: r for r in result.rows["scores"]}
    assert (scores["绩效目标合理性"]["level1"], scores["绩效目标合理性"]["level2"]) == ("投入", "预算编制")
    assert (scores["预算执行率"]["max_score"], scores["预算执行率"]["score"], scores["预算执行率"]["page"]) == (
        20.0, 19.5, 1)
    targets = {r["name"]: r for r in result.rows["indicators"]}
    assert (targets["培训农民人次"]["target_op"], targets["培训农民人次"]["target_value"],
            targets["培训农民人次"]["actual_value"]) == (">=", 2000.0, 2150.0)
    assert [s["heading"] for s in result.rows["sections"]] == ["基本情况", "自评结论", "存在的主要问题"]
    captions = {r["caption"] for r in result.rows["tables"]}
    assert captions == {"表1绩效自评指标得分表", "表2绩效目标完成情况表"}
