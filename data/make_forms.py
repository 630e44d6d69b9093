"""Write the 自评表 sample (<stem>.txt, a form scraped from a web page) as the other
formats such forms are published in: a Word document, an Excel workbook and a web page, each
from the grid jixiao's text reader rebuilds from the text.

    .venv/bin/python data/make_forms.py [STEM] [--out DIR]

A cell that the text leaves empty at the start of a row, under a name, is a cell merged with
the one above (text_scrape's reading of a scrape); the files written merge such cells (Word
vMerge, Excel merged ranges, HTML rowspan), as the published originals do. Needs python-docx
(a dev dependency) besides jixiao's own openpyxl.
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import re
import zipfile
from pathlib import Path
from typing import Sequence

from pipeline.readers.text import read_text
from schemas.document import Paragraph, Table

RAW = Path(__file__).resolve().parent / "raw"
STEM = "yongde-minglang-2022-project-selfeval"
FIXED_TIME = dt.datetime(2023, 5, 12, 9, 30)  # written into the files' properties: reproducible bytes


def rezip(path: Path) -> None:
    """Rewrite an Office file's zip with fixed entry times, so the same text gives the same
    bytes (and the same report_id) on every run."""
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    # openpyxl stamps the time of saving as the modified date, whatever it was given
    entries = [(name, re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
                if name == "docProps/core.xml" else data) for name, data in entries]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            target.writestr(zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6]), data,
                            compress_type=zipfile.ZIP_DEFLATED)
    path.write_bytes(buffer.getvalue())


def text_of(stem: str) -> Path:
    """The sample's text: beside the other samples, or among the test fixtures."""
    places = (RAW, RAW.parents[1] / "tests" / "fixtures" / "text")
    found = next((folder / f"{stem}.txt" for folder in places if (folder / f"{stem}.txt").exists()), None)
    if found is None:
        raise SystemExit(f"no {stem}.txt in " + " or ".join(str(p) for p in places))
    return found


def form_of(stem: str) -> tuple[str, Table]:
    """The form's title and its grid, as the text reader reads the sample's text."""
    path = text_of(stem)
    doc = read_text(path.read_bytes(), path.name, "")
    title = next(e.text for e in doc.elements() if isinstance(e, Paragraph))
    table = next(e for e in doc.elements() if isinstance(e, Table))
    return title, table


def row_spans(rows: Sequence[Sequence[str]]) -> dict[tuple[int, int], int]:
    """Row spans of the cells merged downwards: {(row, col): rows covered} for each anchor; an
    empty cell before a row's first text, under a text, continues the cell above."""
    spans: dict[tuple[int, int], int] = {}
    anchor: dict[int, tuple[int, int]] = {}
    for r, row in enumerate(rows):
        first_text = next((c for c, cell in enumerate(row) if cell), len(row))
        for c, cell in enumerate(row):
            if cell:
                anchor[c] = (r, c)
                spans[(r, c)] = 1
            elif c < first_text and c in anchor and first_text < len(row):
                spans[anchor[c]] += 1
            else:
                anchor.pop(c, None)
    return spans


def covered(spans: dict[tuple[int, int], int]) -> set[tuple[int, int]]:
    """Grid positions inside a merged cell below its anchor."""
    return {(r + k, c) for (r, c), n in spans.items() for k in range(1, n)}


def write_docx(title: str, table: Table, out: Path) -> None:
    from docx import Document as WordDocument
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc = WordDocument()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    props = doc.core_properties
    props.author = props.last_modified_by = "Administrator"
    props.created = props.modified = FIXED_TIME
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run(title)
    run.bold, run.font.size = True, Pt(18)
    rows = table.rows
    grid = doc.add_table(rows=len(rows), cols=table.n_cols)
    grid.style = "Table Grid"
    spans = row_spans(rows)
    for (r, c), n in spans.items():
        cell = grid.cell(r, c)
        if n > 1:
            cell = cell.merge(grid.cell(r + n - 1, c))
        cell.text = rows[r][c]
    doc.add_paragraph()  # Word always ends a document with a paragraph; LibreOffice's .doc needs it
    doc.save(str(out))
    rezip(out)


def write_xlsx(title: str, table: Table, out: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    book = Workbook()
    sheet = book.active
    sheet.title = "自评表"
    book.properties.created = book.properties.modified = FIXED_TIME
    sheet.cell(1, 1, title).font = Font(bold=True, size=16)
    sheet.cell(1, 1).alignment = Alignment(horizontal="center")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=table.n_cols)
    thin = Side(style="thin")
    spans = row_spans(table.rows)
    hidden = covered(spans)
    for r, row in enumerate(table.rows):
        for c, text in enumerate(row):
            cell = sheet.cell(r + 2, c + 1)
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            value, number_format = typed(text)
            if value is not None and (r, c) not in hidden:
                cell.value, cell.number_format = value, number_format
    for (r, c), n in spans.items():
        if n > 1:
            sheet.merge_cells(start_row=r + 2, start_column=c + 1, end_row=r + n + 1, end_column=c + 1)
    book.save(str(out))
    rezip(out)


def typed(text: str) -> tuple[float | str | None, str]:
    """A cell's value as a spreadsheet stores it: `387664.62` a number shown with 2 decimals,
    `98%` the number 0.98 shown as a percent, anything else text."""
    if not text:
        return None, "General"
    number = text.rstrip("%")
    try:
        value = float(number)
    except ValueError:
        return text, "General"
    decimals = len(number.split(".")[1]) if "." in number else 0
    places = "0" + ("." + "0" * decimals if decimals else "")
    if text.endswith("%"):
        return value / 100, places + "%"
    return (int(value) if value.is_integer() and not decimals else value), places


PAGE = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>{title}_县人民政府门户网站</title>
<link rel="stylesheet" href="/css/style.css" />
<script type="text/javascript">var siteId = 12; function doZoom(size) {{ document.getElementById('zoom').style.fontSize = size + 'px'; }}</script>
</head>
<body>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="县人民政府门户网站" /></div>
<div class="search"><input type="text" value="请输入关键字" /><button>搜索</button></div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjxq/">走进县情</a></li></ul></div>
<div class="main">
<div class="location">您现在的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/czyjs/">财政预决算</a></div>
<div class="article">
<h1 class="article-title">{title}</h1>
<div class="article-info">发布时间：2023-05-12 09:30　来源：县教育体育局　浏览次数：<span id="hits">128</span>　【字体：<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a>】</div>
<div class="article-content" id="zoom">
{table}
</div>
<div class="article-share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
<div class="article-tools">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/a/1.html">2022年度部门决算公开</a></li><li><a href="/a/2.html">2022年度部门整体支出绩效自评报告</a></li></ul></div>
</div>
<div class="footer"><p>主办单位：县人民政府办公室　承办单位：县融媒体中心</p><p>网站标识码：0000000000　滇ICP备00000000号</p></div>
</body>
</html>
"""


def write_html(title: str, table: Table, out: Path) -> None:
    """The form as a county government site publishes it: GB2312, the site's header, menu,
    breadcrumb, publication line, share links and footer around the article, the form a
    `<table>` with rowspan and colspan."""
    spans = row_spans(table.rows)
    hidden = covered(spans)
    lines = ['<table border="1" cellspacing="0" cellpadding="0" width="100%">']
    for r, row in enumerate(table.rows):
        cells = []
        c = 0
        while c < len(row):
            if (r, c) in hidden:
                c += 1
                continue
            # a run of empty cells is one cell spanning them, as web editors write it
            width = 1
            while not row[c] and c + width < len(row) and not row[c + width] and (r, c + width) not in hidden:
                width += 1
            attrs = (f' rowspan="{spans[(r, c)]}"' if spans.get((r, c), 1) > 1 else "") + \
                    (f' colspan="{width}"' if width > 1 else "")
            text = html.escape(row[c]) if row[c] else "&nbsp;"
            cells.append(f"<td{attrs}><p align=\"center\"><span>{text}</span></p></td>")
            c += width
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.append("</table>")
    page = PAGE.format(title=html.escape(title), table="\n".join(lines))
    out.write_bytes(page.encode("gb18030"))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stem", nargs="?", default=STEM)
    parser.add_argument("--out", type=Path, default=RAW)
    args = parser.parse_args(argv)
    title, table = form_of(args.stem)
    args.out.mkdir(parents=True, exist_ok=True)
    write_docx(title, table, args.out / f"{args.stem}.docx")
    write_xlsx(title, table, args.out / f"{args.stem}.xlsx")
    write_html(title, table, args.out / f"{args.stem}.html")
    print(f"wrote {args.stem}.docx, .xlsx and .html to {args.out}")


if __name__ == "__main__":
    main()
