"""Three-line tables (三线表): only horizontal rules, columns found from text alignment.

Free horizontal rules (touching no vertical rule) that share an x-range bound a table; the
rule below the header, when there is one, tells the header rows. Columns are the x-ranges
the body text covers, separated by "rivers" no text crosses; rows are cut from the text's
bands by what each column's lines say (pdf_rows), never across a rule, and merged group
names spread over their rows (pdf_groups). LibreOffice draws a bottom rule under only the
cells that end there, and a table cut by a page break lacks its top or bottom rule: both
are read. Tables ruled between every row but without vertical rules read the same, and
region_to_table also reads the tables pdf_borderless finds without any rule.
"""
from __future__ import annotations

from typing import Sequence

from schemas.text import clean
from pipeline.readers.pdf_glyphs import TextLine, line_segments
from pipeline.readers.pdf_groups import spread_group_names
from pipeline.readers.pdf_rows import (Band, best_cut, column_text, lines_to_bands, open_columns,
                                      rows_to_cells)
from schemas.lexicon import CAPTION, NUMBER_CELL, PAGE_NUMBER, TABLE_NOTE
from pipeline.readers.pdf_rules import Rule
from pipeline.readers.pdf_settings import PdfSettings
from pipeline.readers.pdf_tables import TableDraft, is_header_cell, rows_to_header_count


def rules_to_groups(rules: Sequence[Rule], page_width: float, settings: PdfSettings) -> list[list[Rule]]:
    """Free rules wide enough to bound a table, grouped by shared x-range, top to bottom (a
    lone rule may still be the bottom of a table continued from the page before).

    A shorter rule inside a group's x-range below its first rule joins it: a rule under part
    of a two-level header (三级指标 over 名称 | 权重), or a header rule that LibreOffice draws
    only under some header cells. Such a partial rule never ends a group.
    """
    tol = settings.rule_align * page_width
    groups: list[list[Rule]] = []
    for rule in sorted(rules):
        if rule.end - rule.start < settings.min_rule_width * page_width / 2:
            continue
        for group in groups:
            if abs(group[0].start - rule.start) <= tol and abs(group[0].end - rule.end) <= tol:
                group.append(rule)
                break
            if group[0].start - tol <= rule.start and rule.end <= group[0].end + tol:
                group.append(rule)
                break
        else:
            if rule.end - rule.start >= settings.min_rule_width * page_width:
                groups.append([rule])
    return groups


def is_partial(rule: Rule, full: Rule, tol: float) -> bool:
    """True for a rule covering only part of a table's width."""
    return rule.end - rule.start < full.end - full.start - 2 * tol


def lines_between(lines: Sequence[TextLine], top: float, bottom: float, x0: float, x1: float) -> list[TextLine]:
    """Lines whose middle lies between two rules and inside their x-range."""
    return [ln for ln in lines if top < ln.mid_y < bottom and ln.x0 >= x0 - (ln.size) and ln.x1 <= x1 + ln.size]


def band_is_prose(lines: Sequence[TextLine], width: float, settings: PdfSettings) -> bool:
    """True when a band between rules holds running text or a caption, not table rows."""
    for ln in lines:
        if CAPTION.match(clean(ln.text)):
            return True
        if ln.x1 - ln.x0 >= 0.85 * width and len(line_segments(ln, settings)) == 1:
            return True
    return False


def segments_to_columns(segments: Sequence[TextLine], x0: float, x1: float,
                        titles: Sequence[TextLine] = ()) -> list[float]:
    """Column boundaries from the x-ranges text covers: a gap no segment crosses splits columns.

    A column title left of all body text (一级指标 on a page continuing its merged cells, whose
    names were printed on the page before) is a column too; other titles may span several
    columns, or sit centred over short body text (年度目标值 over `105人`).
    """
    spans = sorted((s.x0, s.x1) for s in segments)
    if spans:
        spans = sorted(spans + [(t.x0, t.x1) for t in titles if t.x1 < spans[0][0]])
    covered: list[list[float]] = []
    for a, b in spans:
        if covered and a <= covered[-1][1]:
            covered[-1][1] = max(covered[-1][1], b)
        else:
            covered.append([a, b])
    inner = [(left[1] + right[0]) / 2 for left, right in zip(covered, covered[1:])]
    return [x0] + inner + [x1]


def ruled_rows(bands: Sequence[Band], rule_ys: Sequence[float]) -> list[list[Band]]:
    """Bands grouped by the rules between them (a table ruled between rows, without verticals)."""
    rows: dict[int, list[Band]] = {}
    for band in bands:
        rows.setdefault(sum(1 for y in rule_ys if y < band.top), []).append(band)
    return [rows[k] for k in sorted(rows)]


def region_to_table(x0: float, x1: float, top: float, bottom: float, inner: Sequence[float],
                    lines: Sequence[TextLine], page: int, settings: PdfSettings,
                    ruled_between_rows: bool = False) -> tuple[TableDraft, list[TextLine]] | None:
    """A three-line table in a region bounded by rules (or the page's text), with the lines it used."""
    inside = lines_between(lines, top, bottom, x0, x1)
    if not inside:
        return None
    # the header is what lies above the first inner rule; columns come from the body below it
    head_end = inner[0] if inner else top
    body = [ln for ln in inside if ln.mid_y > head_end] or inside
    head = [ln for ln in inside if ln.mid_y <= head_end] if body is not inside else []
    segments = [s for ln in body for s in line_segments(ln, settings)]
    col_xs = segments_to_columns(segments, x0, x1, [s for ln in head for s in line_segments(ln, settings)])
    n_cols = len(col_xs) - 1
    bands = lines_to_bands(body, inner[1:], col_xs, settings)
    if ruled_between_rows:  # the rules are the row boundaries
        rows = ruled_rows(bands, inner[1:])
        body_cells = [list(r) for r in rows_to_cells(rows, n_cols)]
    elif not head and all(is_header_band(b) for b in bands):
        # only column titles: the head of a table whose rows begin on the next page
        return header_only(bands, col_xs, (x0, top, x1, bottom), page, inside)
    else:
        cut = best_cut(bands, col_xs, settings)
        rows = [list(bands[first:last + 1]) for first, last in cut.rows]
        body_cells = [list(r) for r in rows_to_cells(rows, n_cols)]
        spread_group_names(bands, cut.rows, body_cells, col_xs, cut.centred, settings)
    if head:
        rows = [lines_to_bands(head, (), col_xs, settings)] + rows
        body_cells = [list(rows_to_cells(rows[:1], n_cols)[0])] + body_cells
    if n_cols < 2 or len(rows) < 2:
        return None  # one column or one row: ruled prose, not a table
    cells = tuple(tuple(r) for r in body_cells)
    n_head = 1 if head else rows_to_header_count(
        cells, [all(ln.bold for band in row for ln in band.lines) for row in rows], settings)
    draft = TableDraft(rows=cells, col_xs=tuple(col_xs), bbox=(x0, top, x1, bottom), page=page,
                       row_pages=(page,) * len(cells), header_rows=n_head, kind="threeline",
                       cell_ids=tuple(tuple(r * n_cols + c for c in range(n_cols)) for r in range(len(cells))),
                       col_text=column_text(bands, n_cols),
                       open_cells=open_columns(bands, rows[-1], col_xs, settings) if len(rows) > 1 else ())
    return draft, inside


def is_header_band(band: Band) -> bool:
    """True for a band of column titles: bold, or title words only, and no figures."""
    cells = [t for t in band.cells.values() if t]
    return bool(cells) and not any(NUMBER_CELL.match(t) for t in cells) and (
        all(ln.bold for ln in band.lines) or all(is_header_cell(t) for t in cells))


def header_only(bands: Sequence[Band], col_xs: Sequence[float], bbox: tuple[float, float, float, float],
                page: int, inside: list[TextLine]) -> tuple[TableDraft, list[TextLine]] | None:
    """A table of nothing but its column titles (at the foot of a page, its rows on the next)."""
    n_cols = len(col_xs) - 1
    if n_cols < 2 or sum(len(b.cells) for b in bands) < 2:
        return None
    (cells,) = rows_to_cells([list(bands)], n_cols)
    return TableDraft(rows=(cells,), col_xs=tuple(col_xs), bbox=bbox, page=page, row_pages=(page,),
                      header_rows=1, kind="threeline", cell_ids=(tuple(range(n_cols)),),
                      col_text=column_text(bands, n_cols)), inside


def opens_table(lines: Sequence[TextLine], x0: float, x1: float, settings: PdfSettings) -> bool:
    """True when the lines between a rule and the page's edge of text can be rows of the
    table the rule belongs to: all inside its x-range, none of the first few running text
    across the table's width or a caption, and some set in cells (the first lines may all be
    the end of one tall cell, continued from the page before)."""
    return bool(lines) and all(ln.x0 >= x0 - ln.size and ln.x1 <= x1 + ln.size for ln in lines) \
        and not band_is_prose(lines[:OPENING_LINES], x1 - x0, settings) \
        and any(len(line_segments(ln, settings)) >= 2 for ln in lines)


OPENING_LINES = 4  # a table's rows do not start with running text within this many lines


def adjacent_block(lines: Sequence[TextLine], edge: float) -> list[TextLine]:
    """The lines next to a rule, nearest first, while no wider gap than a blank line separates
    them (a page number or a running header stands apart from the rows of a table cut by the
    page break; a fixed band at the page's edge would also cut off rows under a low margin)."""
    out: list[TextLine] = []
    for ln in lines:
        near = out[-1] if out else None
        gap = (ln.top - near.bottom if ln.top > (near.top if near else edge) else near.top - ln.bottom) \
            if near else abs(ln.mid_y - edge)
        # a page number stands apart; a number in a cell sits among the rows' lines
        if gap > BLOCK_GAP_EM * ln.size or (PAGE_NUMBER.match(clean(ln.text)) and gap > ln.size):
            break
        out.append(ln)
    return out


BLOCK_GAP_EM = 2.5  # a wider gap between lines is a blank line or more: the table's rows end


def run_to_table(run: Sequence[Rule], lines: Sequence[TextLine], page: int, page_height: float,
                 open_top: bool, open_bottom: bool,
                 settings: PdfSettings) -> tuple[TableDraft, list[TextLine]] | None:
    """The table of a run of rules; a table cut by a page break lacks its top or bottom rule,
    so rows may run from the last rule to the foot of the page (or from its head to the first)."""
    x0, x1 = min(r.start for r in run), max(r.end for r in run)
    # a partial last rule is no bottom when rows follow it: it lies under a header continued
    # below it; with no rows below, it is a bottom rule drawn under only some cells (LibreOffice
    # draws a table's bottom border under the cells that end on that page)
    partial_end = len(run) > 1 and is_partial(run[-1], run[0], settings.rule_align * (x1 - x0))
    top, bottom = run[0].pos, run[-1].pos
    # rows of a table cut by the page break run to the page's edge of text; in the top and
    # bottom bands only lines set in cells can be rows (a running header or a page number is not)
    band = settings.furniture_band * page_height
    body = [ln for ln in lines if band < ln.mid_y < page_height - band or len(line_segments(ln, settings)) >= 2]
    above = adjacent_block(sorted((ln for ln in body if ln.mid_y < top), key=lambda ln: -ln.top), top) \
        if open_top else []
    below = adjacent_block(sorted((ln for ln in body if ln.mid_y > bottom), key=lambda ln: ln.top), bottom) \
        if open_bottom or partial_end else []
    # a note under the table (注：…) and whatever follows it are not rows
    below = below[:next((k for k, ln in enumerate(below) if TABLE_NOTE.match(clean(ln.text))), len(below))]
    rows_below = bool(below) and opens_table(below, x0, x1, settings)
    partial_end = partial_end and rows_below
    inner_rules = list(run[1:]) if partial_end else list(run[1:-1])
    # the header rule is the first inner rule across the whole table (a partial one above it
    # lies inside a two-level header), else the first inner rule
    full = [r for r in inner_rules if r.end - r.start >= 0.9 * (x1 - x0)]
    head = full[0] if full else (inner_rules[0] if inner_rules else None)
    inner = [r.pos for r in inner_rules if head is not None and r.pos >= head.pos]
    full_width = len(full) > 1 and len(full) == len(inner)
    if above and opens_table(above, x0, x1, settings):
        inner, top = [top] + inner, min(ln.top for ln in above) - 1
    if rows_below:
        inner = inner if partial_end else inner + [bottom]
        bottom = max(ln.bottom for ln in below) + 1
    if bottom - top <= 0 or (len(run) < 2 and not inner):
        return None
    return region_to_table(x0, x1, top, bottom, inner, lines, page, settings, full_width)


def rules_to_threeline_tables(rules: Sequence[Rule], lines: Sequence[TextLine], page: int,
                              page_width: float, page_height: float,
                              settings: PdfSettings) -> tuple[list[TableDraft], list[TextLine]]:
    """Three-line tables of a page from its free rules, and the lines left for paragraphs."""
    tables: list[TableDraft] = []
    used: set[int] = set()
    for group in rules_to_groups(rules, page_width, settings):
        width = group[0].end - group[0].start
        # split the group where a band between two rules holds prose (two tables, or a
        # header rule and a footer rule around the whole page)
        runs: list[list[Rule]] = [[group[0]]]
        for upper, lower in zip(group, group[1:]):
            band = lines_between(lines, upper.pos, lower.pos, upper.start, upper.end)
            if band_is_prose(band, width, settings):
                runs.append([lower])
            else:
                runs[-1].append(lower)
        for k, run in enumerate(runs):
            free = [ln for ln in lines if id(ln) not in used]
            found = run_to_table(run, free, page, page_height, k == 0, k == len(runs) - 1, settings)
            if found:
                tables.append(found[0])
                used.update(id(ln) for ln in found[1])
    return tables, [ln for ln in lines if id(ln) not in used]
