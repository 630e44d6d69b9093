"""The workbook readers on real .xlsx files written with openpyxl (merged ranges, hidden rows
and columns, number formats, several report sheets) and on .xls files LibreOffice makes from
them (skipped where LibreOffice is not installed)."""
from __future__ import annotations

import io
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from pipeline.batch import run
from pipeline.extract import extract_data, report_id_of
from pipeline.options import RunOptions
from pipeline.readers.errors import UnreadableDocument
from pipeline.readers.legacy import soffice_convert, soffice_program
from pipeline.readers.sheets import part_id
from pipeline.readers.shown_numbers import DECIMALS, FORMAT_LITERAL, GROUPING, shown_number
from pipeline.readers.xls import read_xls
from pipeline.readers.xlsx import read_xlsx
from schemas.document import Paragraph, Table

NO_SOFFICE = "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc"


def form_sheet(sheet, title: str, spent: float = 387664.6199999) -> None:
    """A 自评表 laid out as finance bureaus publish them: a title merged across the sheet,
    a unit line, 一级指标 merged down its rows, a hidden working column and a hidden row."""
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=16)
    sheet.merge_cells("A1:F1")
    sheet["F2"] = "单位：元"
    rows = [
        ["项目名称", "义务教育营养改善计划", None, None, "内部备注", None],
        ["年初预算数", "全年预算数", "全年执行数", "执行率", "内部备注", "得分"],
        [387664.62, 387664.62, spent, 0.996, "核对中", 10],
        ["一级指标", "二级指标", "三级指标", "分值", "内部备注", "得分"],
        ["产出指标", "数量指标", "学生受资助人数", 10, "x", 10],
        [None, "质量指标", "营养改善计划覆盖率", 10, "x", 9.5],
        ["删除的行", "", "", "", "", ""],
        ["满意度指标", "服务对象满意度指标", "学生满意度", 10, "x", 10],
        ["总分", None, None, 100, None, 96],
    ]
    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(r, c, value)
    sheet.merge_cells("B3:D3")  # 项目名称 over three columns
    sheet.merge_cells("A7:A8")  # 产出指标 over two rows
    sheet["A5"].number_format = sheet["B5"].number_format = sheet["C5"].number_format = "#,##0.00"
    sheet["D5"].number_format = "0.00%"
    sheet.column_dimensions["E"].hidden = True
    sheet.row_dimensions[9].hidden = True


def workbook_bytes(*titles: str) -> bytes:
    book = Workbook()
    for i, title in enumerate(titles):
        sheet = book.active if i == 0 else book.create_sheet()
        sheet.title = f"Sheet{i + 1}"
        form_sheet(sheet, title, spent=387664.62 - i * 10000)
    hidden = book.create_sheet("隐藏")
    hidden["A1"] = "不应读出的隐藏工作表"
    hidden.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


EXPECTED_GRID = (
    ("项目名称", "义务教育营养改善计划", "义务教育营养改善计划", "义务教育营养改善计划", ""),
    ("年初预算数", "全年预算数", "全年执行数", "执行率", "得分"),
    ("387,664.62", "387,664.62", "387,664.62", "99.60%", "10"),
    ("一级指标", "二级指标", "三级指标", "分值", "得分"),
    ("产出指标", "数量指标", "学生受资助人数", "10", "10"),
    ("产出指标", "质量指标", "营养改善计划覆盖率", "10", "9.5"),
    ("满意度指标", "服务对象满意度指标", "学生满意度", "10", "10"),
    ("总分", "", "", "100", "96"),
)


def test_a_sheet_reads_as_shown_merged_filled_hidden_left_out() -> None:
    (doc,) = read_xlsx(workbook_bytes("2022年度项目支出绩效自评表"), "book.xlsx", "r")
    title, table = list(doc.elements())
    assert isinstance(title, Paragraph) and title.text == "2022年度项目支出绩效自评表" and title.bold
    assert isinstance(table, Table)
    assert table.rows == EXPECTED_GRID
    assert table.caption == "2022年度项目支出绩效自评表" and table.notes == ("单位：元",)
    assert doc.source_format == "xlsx" and doc.page_count is None
    assert "不应读出" not in repr(doc)  # the hidden sheet


def test_a_workbook_of_one_form_gives_its_report_and_scores() -> None:
    data = workbook_bytes("2022年度项目支出绩效自评表")
    result = extract_data(data, "book.xlsx", Path("book.xlsx"))
    assert result.status == "ok" and result.parts == []
    report = result.report
    assert (report["source_file"], report["source_format"]) == ("book.xlsx", "xlsx")
    assert report["total_score"] == 96.0 and report["execution_rate"] == pytest.approx(99.6)
    scores = {(s["level1"], s["name"]): s["score"] for s in result.rows["scores"]}
    assert scores[("产出指标", "营养改善计划覆盖率")] == 9.5


def test_a_workbook_of_several_forms_gives_one_report_per_sheet(tmp_path: Path) -> None:
    data = workbook_bytes("2022年度项目支出绩效自评表", "2022年度项目支出绩效自评表（第二个项目）")
    result = extract_data(data, "book.xlsx", Path("book.xlsx"))
    reports = [e.report for e in result.all()]
    assert [r["source_file"] for r in reports] == ["book.xlsx#Sheet1", "book.xlsx#Sheet2"]
    assert [r["report_id"] for r in reports] == [report_id_of(data), part_id(report_id_of(data), "Sheet2")]
    assert reports[1]["expenditure_wan"] == pytest.approx(37.766462)
    # a run writes both, and the cache gives both back on the next run at another path
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "book.xlsx").write_bytes(data)
    for _ in range(2):
        summary = run([tmp_path / "in"], tmp_path / "out", RunOptions(workers=0, progress="off"))
        rows = pq.read_table(tmp_path / "out" / "reports.parquet").to_pylist()
        assert sorted(r["source_file"] for r in rows) == ["book.xlsx#Sheet1", "book.xlsx#Sheet2"]
        assert summary.reports == 2
    assert summary.cached == 1
    (tmp_path / "in" / "book.xlsx").rename(tmp_path / "in" / "renamed.xlsx")
    run([tmp_path / "in"], tmp_path / "out", RunOptions(workers=0, progress="off"))
    rows = pq.read_table(tmp_path / "out" / "reports.parquet").to_pylist()
    assert sorted(r["source_file"] for r in rows) == ["renamed.xlsx#Sheet1", "renamed.xlsx#Sheet2"]


def test_damaged_workbook_is_refused_with_a_reason() -> None:
    with pytest.raises(UnreadableDocument, match="Excel workbook"):
        read_xlsx(workbook_bytes("x自评表")[:-4000], "book.xlsx", "r")


@pytest.mark.parametrize("value, fmt, shown", [
    (387664.6199999, "#,##0.00", "387,664.62"), (0.996, "0.00%", "99.60%"), (1, "0%", "100%"),
    (10, "General", "10"), (9.5, "General", "9.5"), (387664.62, "0.00_ ", "387664.62"),
    (-1234.5, '#,##0.0;[Red]-#,##0.0', "-1,234.5"), (12.5, '0.0#"元"', "12.5"), (12.345, "0.0#", "12.35"),
    (3, '0"人"', "3"), (0.1 + 0.2, "General", "0.3"), (1234.0, "@", "1234")])
def test_numbers_are_shown_as_their_format_shows_them(value: float, fmt: str, shown: str) -> None:
    assert shown_number(value, fmt) == shown


def test_number_format_pattern_examples() -> None:
    assert FORMAT_LITERAL.sub("", '[Red]#,##0.00"元"_ ') == "#,##0.00"
    assert DECIMALS.search("#,##0.00").group(1) == "00"
    assert GROUPING.search("#,##0") and not GROUPING.search("0.00")


@pytest.fixture(scope="module")
def xls_bytes() -> bytes:
    """An .xls that LibreOffice saves from the .xlsx, as an office would save one."""
    if soffice_program() is None:
        pytest.skip(NO_SOFFICE)
    return soffice_convert(workbook_bytes("2022年度项目支出绩效自评表"), "book.xlsx", "xls", "libreoffice-calc")


def test_an_xls_reads_like_the_xlsx_it_was_saved_from(xls_bytes: bytes) -> None:
    (doc,) = read_xls(xls_bytes, "book.xls", "r")
    title, table = list(doc.elements())
    assert isinstance(title, Paragraph) and title.text == "2022年度项目支出绩效自评表"
    assert isinstance(table, Table) and table.rows == EXPECTED_GRID
    assert table.notes == ("单位：元",) and doc.source_format == "xls"
    result = extract_data(xls_bytes, "book.xls", Path("book.xls"))
    assert result.report["source_format"] == "xls" and result.report["total_score"] == 96.0


SPREADSHEET_2003 = """<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="自评表"><Table>
  <Row><Cell ss:MergeAcross="2"><Data ss:Type="String">2022年度项目支出绩效自评表</Data></Cell></Row>
  <Row><Cell><Data ss:Type="String">一级指标</Data></Cell><Cell><Data ss:Type="String">分值</Data></Cell>
   <Cell><Data ss:Type="String">得分</Data></Cell></Row>
  <Row><Cell><Data ss:Type="String">产出指标</Data></Cell><Cell><Data ss:Type="Number">10</Data></Cell>
   <Cell><Data ss:Type="Number">9.5</Data></Cell></Row>
 </Table></Worksheet>
</Workbook>
"""


def test_an_excel_2003_xml_named_xls_is_read_through_libreoffice() -> None:
    """xlrd reads only binary .xls; what it cannot read, LibreOffice converts (a warning says so)."""
    if soffice_program() is None:
        pytest.skip(NO_SOFFICE)
    (doc,) = read_xls(SPREADSHEET_2003.encode(), "form.xls", "r")
    title, table = list(doc.elements())
    assert isinstance(title, Paragraph) and title.text == "2022年度项目支出绩效自评表"
    assert isinstance(table, Table) and table.rows == (("一级指标", "分值", "得分"), ("产出指标", "10", "9.5"))
    assert doc.source_format == "xls" and doc.warnings[0].code == "converted_by_libreoffice"
    assert doc.warnings[0].message.startswith("read through LibreOffice's conversion (xlrd:")


def test_a_stray_cell_far_out_and_a_sheet_wide_merge_build_no_huge_grid() -> None:
    book = Workbook()
    sheet = book.active
    sheet["A1"] = "2022年度项目支出绩效自评表"
    sheet.merge_cells("A1:XFD1")  # merged over every column Excel has
    sheet["A2"], sheet["B2"], sheet["A3"], sheet["B3"] = "一级指标", "得分", "产出指标", 10
    sheet["XFA3"] = "备注"  # a stray cell in a far column
    buffer = io.BytesIO()
    book.save(buffer)
    (doc,) = read_xlsx(buffer.getvalue(), "book.xlsx", "r")
    table = next(doc.tables())
    assert table.rows == (("一级指标", "得分", ""), ("产出指标", "10", "备注"))
