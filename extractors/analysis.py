"""One document analysed once: its heading tree, its table blocks with their layouts, its score
rows, its budget blocks and the text runs that key-value readers scan. Every extractor reads
this object; none derives the document's structure again."""
from __future__ import annotations

from dataclasses import dataclass

import regex as re

from extractors.budget import MONEY_FIGURE, BudgetBlock, line_block, money_unit, table_block
from extractors.grid import Layout, layout, segments
from extractors.scores import ScoreAnalysis, analyse_scores
from extractors.sections import Heading, find_headings
from schemas.text import split_enumerator
from schemas.document import Document, Element, Paragraph, Table
from schemas.lexicon import COVER_KEY, EMPTY_MARK, is_number_cell

# A paragraph short enough to be one cell of a form flattened to one cell per line.
CELL_CHARS = 30
# A form's row printed as one line, its label then its figures: `年度资金总额5.28 1.96 1.96 10 100.00% 10`
FIGURE_ROW = re.compile(r"^[\p{Han}()（）:：]{2,16}\s*(?:[\d.,%％—-]+\s*){2,}$")
# Sentence punctuation: a paragraph with it is prose, not a cell.
SENTENCE_PUNCT = re.compile(r"[。；;！？]")
# A cell ending in a money unit whose closing bracket the scrape lost: `年度预算申请(万元`
UNCLOSED_UNIT = re.compile(r"[（(]\s*(?:万元|元|千元|亿元)\s*$")


@dataclass(frozen=True)
class TableBlock:
    """One block of a table (a form prints several in one grid) with its layout."""

    table_index: int  # the table's order in the document
    table: Table
    layout: Layout


@dataclass(frozen=True)
class Run:
    """Text that key-value readers scan: a paragraph, a form flattened to one cell per line
    (its cells glued, figures kept apart by ` | `), or a table's cells in reading order."""

    text: str
    page: int | None
    source: str  # paragraph | cells | table


@dataclass(frozen=True)
class Analysis:
    doc: Document
    elements: tuple[Element, ...]
    headings: tuple[Heading, ...]
    blocks: tuple[TableBlock, ...]
    runs: tuple[Run, ...]
    budget: tuple[BudgetBlock, ...]  # in document order, table blocks before line blocks
    scores: ScoreAnalysis

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [e for e in self.elements if isinstance(e, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [e for e in self.elements if isinstance(e, Table)]


def analyse(doc: Document) -> Analysis:
    """The document's structure, computed once."""
    elements = tuple(doc.elements())
    headings = tuple(find_headings(elements))
    tables = [e for e in elements if isinstance(e, Table)]
    blocks = tuple(TableBlock(k, segment, layout(segment))
                   for k, table in enumerate(tables) for segment in segments(table))
    runs = tuple(elements_to_runs(elements))
    budget = tuple(budget_blocks(blocks, runs))
    scores = analyse_scores(elements, headings, [(b.table, b.layout) for b in blocks],
                            budget[0] if budget else None)
    return Analysis(doc=doc, elements=elements, headings=headings, blocks=blocks, runs=runs,
                    budget=budget, scores=scores)


def _is_cell(paragraph: Paragraph) -> bool:
    text = paragraph.text
    return ((len(text) <= CELL_CHARS or bool(FIGURE_ROW.match(text))) and not SENTENCE_PUNCT.search(text)
            and split_enumerator(text)[0] is None)


def _is_figure(text: str) -> bool:
    return is_number_cell(text) or bool(EMPTY_MARK.match(text)) or bool(MONEY_FIGURE.fullmatch(text))  # `3359.62万`


def _glue(cells: list[str]) -> str:
    """Cells of a flattened form as one text: words glued (a title wraps over cells: `年初` +
    `预算数`), figures kept apart by ` | ` so that `43.2`, `43.2`, `37.24` stay three, and so is
    a cell holding a key and its value (`单位名称：某某公司`); a unit that lost its closing bracket
    gets it back, so that the next title does not run into it."""
    out = ""
    for k, cell in enumerate(cells):
        if k and any(_is_figure(c) or COVER_KEY.match(c) for c in (cells[k - 1], cell)):
            out += " | "  # a figure, or a `单位名称：某某公司` cell, is whole: nothing runs into it
        out += cell
        if UNCLOSED_UNIT.search(cell) and not (k + 1 < len(cells) and cells[k + 1].lstrip()[:1] in ")）"):
            out += "）" if "（" in cell[-6:] else ")"
    return out


def elements_to_runs(elements: tuple[Element, ...]) -> list[Run]:
    """Paragraphs as runs, consecutive one-cell paragraphs as one run, tables cell by cell."""
    runs: list[Run] = []
    cells: list[Paragraph] = []

    def flush() -> None:
        if len(cells) >= 3:
            runs.append(Run(_glue([c.text for c in cells]), cells[0].page, "cells"))
        else:
            runs.extend(Run(c.text, c.page, "paragraph") for c in cells)
        cells.clear()

    for element in elements:
        if isinstance(element, Paragraph):
            if _is_cell(element):
                cells.append(element)
                continue
            flush()
            runs.append(Run(element.text, element.page, "paragraph"))
        else:
            flush()
            text = " | ".join(" | ".join(_collapse(row)) for row in element.rows if any(row))
            runs.append(Run(text, element.page, "table"))
    flush()
    return runs


def _collapse(row: tuple[str, ...]) -> list[str]:
    """A row's cells with a merged label's repeats dropped (`总分 | 总分 | 100` -> `总分 | 100`);
    equal figures side by side are two cells (`251.89 | 251.89`: budget and spending)."""
    out: list[str] = []
    for cell in row:
        if not out or cell != out[-1] or not cell or _is_figure(cell):
            out.append(cell)
    return out


def budget_blocks(blocks: tuple[TableBlock, ...], runs: tuple[Run, ...]) -> list[BudgetBlock]:
    """Budget blocks read from table columns, then from runs of text (a table's cells in
    order, a flattened form, a line whose cells lost their borders)."""
    hint = money_unit(r.text for r in runs)
    found: list[BudgetBlock] = []
    for block in blocks:
        read = table_block(block.table, block.layout, hint)
        if read is not None:
            found.append(read)
    for run in runs:
        read = line_block(run.text, hint)
        if read is not None:
            found.append(BudgetBlock(values=read.values, page=run.page, evidence=read.evidence,
                                     method=read.method, warnings=read.warnings))
    return found
