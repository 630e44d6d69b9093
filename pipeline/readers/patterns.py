"""The named patterns of the readers (text and PDF); each comment's example is also a unit test."""
from __future__ import annotations

import regex as re

# A page number alone on its line: `— 3 —`, `- 3 -`, `3`, `第3页`, `第 3 页 共 19 页`, `3/19`.
PAGE_NUMBER = re.compile(
    r"^[\s\-－—–_~·•]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4})?"
    r"(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?[\s\-－—–_~·•]*$")

# A table caption: `表1 2023年重点工作任务绩效目标表`, `表 2 综合评定结果`, `续表3`, `附表1`, `表2-1`;
# not `表明` or `表示`.
CAPTION = re.compile(r"^(?:续|附)?表\s*[0-9０-９一二三四五六七八九十]+(?:\s*[-－.．]\s*\d+)?(?!\d)")

# A unit line printed with a table: `单位：万元`, `（单位：元）`, `金额单位：万元`.
UNIT_LINE = re.compile(r"^[（(]?\s*(?:金额|计量)?单位\s*[:：]")

# A caption and its unit on one line: `表3 预算执行情况 单位：万元`.
CAPTION_WITH_UNIT = re.compile(r"^(?P<caption>.+?)\s*(?P<unit>[（(]?\s*(?:金额|计量)?单位\s*[:：].*)$")

# A note printed under a table, not one of its rows: `注：1.得分率=得分/分值`, `说明：…`,
# `数据来源：财务系统`, `备注：`.
TABLE_NOTE = re.compile(r"^[（(]?\s*(?:注|说明|备注|数据来源|资料来源)\s*\d?\s*[:：]")

# A cell that is only a number: `91.48`, `1,930.75`, `99.60%`, `-3`.
NUMERIC_CELL = re.compile(r"^[-+−]?\d[\d,，]*(?:\.\d+)?\s*[%％]?$")

# Words of column titles: `序号`, `一级指标`, `分值`, `得分`, `项目名称`, `年初预算数`, `权重（%）`.
HEADER_TERMS = ("序号", "指标", "分值", "得分", "名称", "预算", "权重", "目标", "完成", "实际",
                "评分", "备注", "类别", "内容", "单位", "年度", "金额", "执行", "决算", "标准",
                "说明", "原因", "偏差", "科目", "性质", "计量", "预期", "满分", "来源", "要点")
HEADER_CELL_MAX_CHARS = 12  # a column title is short; a data cell naming an 指标 is longer
