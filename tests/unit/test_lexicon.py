"""The lexicon: its file loads and checks itself, and each named pattern matches its example."""
import pytest

from schemas import lexicon as lx


def test_every_field_has_labels_and_known_methods():
    for spec in lx.FIELDS.values():
        assert spec.labels and spec.value in lx.VALUE_TYPES and spec.methods


@pytest.mark.parametrize("pattern, text", [
    (lx.PAGE_NUMBER, "— 3 —"), (lx.PAGE_NUMBER, "第 3 页 共 19 页"), (lx.CAPTION, "表1 2023年重点工作任务绩效目标表"),
    (lx.UNIT_LINE, "（单位：元）"), (lx.NUMBER_CELL, "1,930.75"), (lx.NUMBER_CELL, "5分"),
    (lx.TITLE_END, "某某项目支出绩效自评表"), (lx.TITLE_LINE, "某某项目绩效评价报告(2022年某某服务)"),
    (lx.GRAND_TOTAL, "总分"), (lx.NAME_TITLE, "三级指标"), (lx.MONEY_UNIT, "项目资金（万元）"),
    (lx.GRADE_WORD, "良好"), (lx.BREADCRUMB, "您现在的位置：首页 > 政务公开"),
    (lx.BREADCRUMB, "政务公开 > 财政 > 财政专题 > 2021市级部门决算专题"),
    (lx.WEB_FURNITURE, "发布时间：2023-05-06 10:00"), (lx.EDGE_FURNITURE, "【打印】【关闭】"),
    (lx.FILE_NAME_LINE, "2021年某局部门整体支出绩效自评报告.pdf"), (lx.SOURCE_URL, "https://www.example.gov.cn/a.html"),
    (lx.WRAPPER_LINE, "《某某自评表.docx》由会员分享,可在线阅读"), (lx.META_KEY, "发布机构：某某局"),
    (lx.SELF_EVALUATION, "我局已经对2018年度预算绩效进行自我评价"), (lx.REPORT_STATEMENT, "现将有关情况报告如下"),
    (lx.COMMISSIONER, "某县财政局"), (lx.NOT_DEPARTMENT, "某县人民政府"),
])
def test_examples_match(pattern, text):
    assert pattern.search(text)


@pytest.mark.parametrize("pattern, text", [
    (lx.CAPTION, "表明"), (lx.NAME_TITLE, "产出指标"), (lx.GRAND_TOTAL, "合计数"), (lx.TITLE_END, "报告如下：")])
def test_near_misses_do_not_match(pattern, text):
    assert not pattern.fullmatch(text) if pattern is lx.GRAND_TOTAL else not pattern.search(text)


def test_phrases_take_their_placeholders():
    department = lx.FIELDS["department"]
    assert department.phrases[0].search("受某市某某协会（以下简称“市协会”）委托").group("value") == "某市某某协会"
    evaluator = lx.FIELDS["evaluator"]
    assert evaluator.phrases[0].search("某某会计师事务所（特殊普通合伙）受某局委托").group("value") == \
        "某某会计师事务所（特殊普通合伙）"


def test_kinds_are_checked_other_first():
    assert lx.REPORT_KINDS[0] == "other"
    assert {"project_evaluation", "project_self_evaluation", "department_evaluation",
            "department_self_evaluation"} <= set(lx.REPORT_KINDS)


def test_budget_labels_are_budget_column_titles():
    role = next(p for r, p in lx.COLUMN_ROLES if r == "budget")
    assert role.search("年初预算") and role.search("调整后预算数")


def test_a_wrong_value_type_is_refused(tmp_path):
    bad = tmp_path / "lexicon.toml"
    bad.write_text(lx.LEXICON_FILE.read_text(encoding="utf-8").replace('value = "org"', 'value = "organisation"', 1),
                   encoding="utf-8")
    with pytest.raises(ValueError, match="value type 'organisation'"):
        lx._load(bad)


def test_skeleton_kind_needs_two_headings_of_a_template():
    assert lx.skeleton_kind(["绩效目标分解下达情况", "绩效目标完成情况分析", "其他"]) == "project_self_evaluation"
    assert lx.skeleton_kind(["项目自评步骤及方法", "项目资金申报及使用情况"]) == "project_self_evaluation"
    assert lx.skeleton_kind(["绩效目标完成情况分析", "基本情况"]) is None
