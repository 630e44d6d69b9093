"""Budget blocks: from table columns, from a line of text, and figures that ran together."""
from extractors.analysis import analyse
from extractors.budget import align, line_block, role_of_title, split_run
from tests.helpers import doc, table


def test_titles_to_roles():
    assert [role_of_title(t) for t in ("全年预算数（A）", "执行率(B/A)", "项目资金（万元）年初预算数", "预算执行数")] == [
        "final", "rate", "initial", "spent"]


def test_figures_run_together_split_by_the_block_arithmetic():
    assert split_run("202010100.00%10", ["final", "spent", "max", "rate", "score"]) == [
        {"final": 20.0, "spent": 20.0, "max": 10.0, "rate": 100.0, "score": 10.0}]
    assert split_run("120.5118.398.17%10", ["final", "spent", "rate", "max"]) == [
        {"final": 120.5, "spent": 118.3, "rate": 98.17, "max": 10.0}]


def test_a_run_with_two_readings_keeps_only_what_they_agree_on():
    values, warnings = align(["final", "spent"], ["1234"], "万元", explicit_empties=False)
    assert values == {} and warnings[0].code.startswith("budget")


def test_line_block_space_separated_and_glued():
    block = line_block("年初预算数(A)全年执行数(B)分值执行率(B/A)得分年度资金总额45 45 10 100% 10", "万元")
    assert block.values == {"initial": 45.0, "spent": 45.0, "max": 10.0, "rate": 100.0, "score": 10.0}
    block = line_block("资金情况(万元)全年预算数(A)全年执行数(B)分值执行率(B/A)得分年度资金总额:202010100.00%10", None)
    assert (block.get("final"), block.get("spent"), block.get("rate")) == (20.0, 20.0, 100.0)
    assert any("ran together" in w.message for w in block.warnings)


def test_line_block_with_cells_and_a_group_title():
    text = ("预算执行情况(10分) | 年度预算数(万元) | 年初预算 | | 项目 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分 "
            "| 原因 | 总额 | 238.93 | 251.89 | 251.89 | 100.00% | 10 | | 注")
    block = line_block(text, None)
    assert block.values == {"initial": 238.93, "final": 251.89, "spent": 251.89, "rate": 100.0, "max": 10.0}


def test_one_amount_under_initial_and_final_is_read_as_both_with_a_warning():
    values, warnings = align(["initial", "final", "spent", "max", "rate", "score"],
                             ["4753.66万元", "3824.26万元", "10", "100%", "10"], "万元", explicit_empties=False)
    assert (values["initial"], values["final"], values["spent"], values["rate"]) == (4753.66, 4753.66, 3824.26, 100.0)
    assert any("merged cell" in w.message for w in warnings)


def test_table_block_whose_header_lacks_the_label_column():
    d = doc(table("预算资金（万元）", "年初预算数|全年预算数|全年执行数|分值|执行率|得分",
                  "年度资金总额|329.77|329.77|338.31|10|102.59%|"))
    block = analyse(d).budget[0]
    assert (block.get("initial"), block.get("spent"), block.get("rate")) == (329.77, 338.31, 102.59)


def test_a_percent_in_a_note_is_no_rate():
    d = doc(table("项目|年初预算|调整后预算数|预算执行数|预算执行率|说明",
                  "总额|10|10|9||执行率未达到90%的需说明原因（万元）"))
    assert all(b.get("rate") is None for b in analyse(d).budget)


def test_a_form_one_cell_a_line_whose_unit_lost_its_bracket():
    """`年度预算申请(万元` then `年初预算数`: the scrape lost the bracket, the unit stands."""
    from tests.helpers import para
    cells = ["2023年度部门整体支出绩效自评表", "预算部门、单位名称", "某乡人民政府", "年度预算申请", "(万元",
             "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "自评得分", "年度资金总额",
             "861.10", "2030.12", "2030.12", "10", "100%", "10"]
    a = analyse(doc(*[para(c) for c in cells]))
    values = a.budget[0].values
    assert (values["initial"], values["final"], values["spent"], values["rate"]) == (861.1, 2030.12, 2030.12, 100.0)


def test_amounts_with_a_wan_suffix_and_a_title_s_note_between_titles():
    block = line_block("资金投入情况(万元) | 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) | 年度资金总额: | 3359.62万 | "
                       "3359.62万 | 100%", None)
    assert block.values == {"final": 3359.62, "spent": 3359.62, "rate": 100.0}
    block = line_block("项目资金(万元)年初预算数(A)全年执行数(B)分值(10分)执行率(B/A)得分年度资金总额:310.2154.741050%5", None)
    assert block.values == {"initial": 310.2, "spent": 154.74, "max": 10.0, "rate": 50.0, "score": 5.0}
