"""Department names across spellings: rules tested on spellings printed in real reports."""
from __future__ import annotations

import pytest

from extractors.departments import (BRACKETED_NOTE, NOT_AN_AREA, Aliases, canonical_department, department_key,
                                    department_rows, load_aliases, region_of)

ALIASES = load_aliases()


def test_named_patterns_match_their_examples():
    assert BRACKETED_NOTE.search("广州市科学技术局（本级）").group(0) == "（本级）"
    assert NOT_AN_AREA.search("国家税务总局广州")


@pytest.mark.parametrize("short, full", [
    ("廊坊市发改委", "廊坊市发展和改革委员会"),  # as printed on a 2019 Langfang form
    ("茂名市发改局", "茂名市发展和改革局"),
    ("广州市科技局", "广州市科学技术局"),
    ("广州市科协", "广州市科学技术协会"),  # `（以下简称“市科协”）`
    ("永德县教体局", "永德县教育体育局"),
    ("广州市科学技术局（本级）", "广州市科学技术局"),
    ("广州市 黄埔区 科学技术局", "广州市黄埔区科学技术局"),
])
def test_spellings_of_one_department_share_its_key(short, full):
    assert canonical_department(short, ALIASES) == full
    assert department_key(short, ALIASES) == department_key(full, ALIASES)


def test_different_departments_keep_different_keys():
    keys = {department_key(n, ALIASES) for n in ("广州市科学技术局", "广州市黄埔区科学技术局", "市科技局",
                                                  "广州市科学技术协会", "茂名市发展和改革局")}
    assert len(keys) == 5
    assert department_key(None, ALIASES) is None and department_key("（ ）", ALIASES) is None


@pytest.mark.parametrize("name, region, level", [
    ("广州市黄埔区科学技术局", "广州市黄埔区", "county"),
    ("永德县教育体育局", "永德县", "county"),
    ("红河州数据发展中心", "红河州", "city"),
    ("金寨县茶谷和美丽乡村建设服务中心", "金寨县", "county"),
    ("广东省财政厅", "广东省", "province"),
    ("四川省遂宁市大英县司法局", "四川省遂宁市大英县", "county"),
    ("苏州市昆山市教育局", "苏州市昆山市", "county"),
    ("广州市城市管理局", "广州市", "city"),  # 城市 is no city
    ("国家税务总局广州市税务局", None, None),
    ("省发展研究中心", None, None),
])
def test_region_is_the_run_of_areas_that_opens_the_name(name, region, level):
    assert region_of(name) == (region, level)


def test_alias_file_lines_and_comments():
    aliases = Aliases.from_text("# comment\n科学技术局\t科技局\n\n教育体育局\t教体局\t教育体育部门\n")
    assert aliases.spell_out("某县教体局") == "某县教育体育局"
    assert aliases.spell_out("某县教育体育局") == "某县教育体育局"


def test_department_rows_gather_spellings_years_and_reports():
    reports = [{"report_id": "a", "department": "江门市科技局", "fiscal_year": 2021},
               {"report_id": "b", "department": "江门市科学技术局", "fiscal_year": 2022},
               {"report_id": "c", "department": None, "fiscal_year": 2022}]
    [row] = department_rows(reports, ALIASES)
    assert row["canonical_name"] == "江门市科学技术局" and row["region"] == "江门市"
    assert row["spellings"] == ["江门市科学技术局", "江门市科技局"]
    assert (row["report_count"], row["first_year"], row["last_year"]) == (2, 2021, 2022)
