"""Projects and departments of the sample reports: keys that join, one row per project-year."""
from __future__ import annotations


def test_each_department_once_with_its_region(datasets):
    departments = datasets["departments"].set_index("canonical_name")
    assert departments.loc["广州市黄埔区科学技术局", "region"] == "广州市黄埔区"
    assert departments.loc["广州市黄埔区科学技术局", "region_level"] == "county"
    assert departments.loc["永德县教育体育局", "region"] == "永德县"
    assert departments.index.is_unique
    reports = datasets["reports"]
    assert set(reports.department_key.dropna()) == set(departments.department_key)


def test_a_project_evaluated_in_pdf_and_text_is_one_project_year(datasets):
    projects = datasets["projects"]
    row = projects[projects.name_key == "中国创新创业成果交易会"].iloc[0]
    assert (row.fiscal_year, row.source, row.budget_wan, row.total_score) == (2023, "report", 1937.0, 91.48)
    assert len(row.report_ids) == 2  # the PDF and its text extraction
    reports = datasets["reports"]
    assert set(reports[reports.report_id.isin(row.report_ids)].project_key) == {row.project_key}
    assert reports[reports.report_kind.str.startswith("department")].project_key.isna().all()
