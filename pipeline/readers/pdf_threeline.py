"""Three-line tables (三线表): only horizontal rules, columns found from text alignment.

Free horizontal rules (touching no vertical rule) that share an x-range bound a table; the
rule below the header, when there is one, tells the header rows. Columns are the x-ranges
the body text covers, separated by "rivers" no text crosses; rows are text lines chained by
vertical overlap (a vertically centred cell overlaps the lines of a wrapped neighbour) and
never across a rule. Tables ruled between every row but without vertical rules read the same.
"""
from __future__ import annotations

from typing import Sequence

from extractors.text import clean
from pipeline.readers.pdf_glyphs import TextLine, line_segments
from schemas.lexicon import CAPTION
from pipeline.readers.pdf_rules import Rule
from pipeline.readers.pdf_settings import PdfSettings
from pipeline.readers.pdf_tables import TableDraft, rows_to_header_count


def rules_to_groups(rules: Sequence[Rule], page_width: float, settings: PdfSettings) -> list[list[Rule]]:
    """Free rules wide enough to bound a table, grouped by shared x-range, top to bottom (a
    lone rule may still be the bottom of a table continued from the page before)."""
    tol = settings.rule_align * page_width
    groups: list[list[Rule]] = []
    for rule in sorted(rules):
        if rule.end - rule.start < settings.min_rule_width * page_width:
            continue
        for group in groups:
            if abs(group[0].start - rule.start) <= tol and abs(group[0].end - rule.end) <= tol:
                group.append(rule)
                break
        else:
            groups.append([rule])
    return groups


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


def segments_to_columns(segments: Sequence[TextLine], x0: float, x1: float) -> list[float]:
    """Column boundaries from the x-ranges text covers: a gap no segment crosses splits columns."""
    spans = sorted((s.x0, s.x1) for s in segments)
    covered: list[list[float]] = []
    for a, b in spans:
        if covered and a <= covered[-1][1]:
            covered[-1][1] = max(covered[-1][1], b)
        else:
            covered.append([a, b])
    inner = [(left[1] + right[0]) / 2 for left, right in zip(covered, covered[1:])]
    return [x0] + inner + [x1]


def lines_to_rows(lines: Sequence[TextLine], rule_ys: Sequence[float], settings: PdfSettings) -> list[list[TextLine]]:
    """Table rows: lines chained while they overlap vertically, never across a rule."""
    rows: list[list[TextLine]] = []
    bottom = 0.0
    for ln in sorted(lines, key=lambda ln: ln.top):
        overlaps = rows and ln.top < bottom - settings.row_overlap_em * ln.size
        crosses = rows and any(rows[-1][0].mid_y < y < ln.mid_y for y in rule_ys)
        if overlaps and not crosses:
            rows[-1].append(ln)
            bottom = max(bottom, ln.bottom)
        else:
            rows.append([ln])
            bottom = ln.bottom
    return rows


def row_to_cells(row: Sequence[TextLine], col_xs: Sequence[float], settings: PdfSettings) -> tuple[str, ...]:
    """Cell texts of one row: each segment goes to every column it mostly covers."""
    n = len(col_xs) - 1
    parts: list[list[TextLine]] = [[] for _ in range(n)]
    for ln in row:
        for seg in line_segments(ln, settings):
            width = max(seg.x1 - seg.x0, 1e-6)
            hit = False
            for c in range(n):
                overlap = min(seg.x1, col_xs[c + 1]) - max(seg.x0, col_xs[c])
                if overlap >= 0.5 * min(width, col_xs[c + 1] - col_xs[c]):
                    parts[c].append(seg)
                    hit = True
            if not hit:  # narrower than half of both columns it touches: take its centre
                centre = (seg.x0 + seg.x1) / 2
                c = next((k for k in range(n) if centre < col_xs[k + 1]), n - 1)
                parts[c].append(seg)
    return tuple(clean("\n".join(s.text for s in sorted(p, key=lambda s: (s.top, s.x0)))) for p in parts)


def region_to_table(x0: float, x1: float, top: float, bottom: float, inner: Sequence[float],
                    lines: Sequence[TextLine], page: int,
                    settings: PdfSettings) -> tuple[TableDraft, list[TextLine]] | None:
    """A three-line table in a region bounded by rules (or the page's text), with the lines it used."""
    inside = lines_between(lines, top, bottom, x0, x1)
    if not inside:
        return None
    # the header is what lies above the first inner rule; columns come from the body below it
    head_end = inner[0] if inner else top
    body = [ln for ln in inside if ln.mid_y > head_end] or inside
    segments = [s for ln in body for s in line_segments(ln, settings)]
    col_xs = segments_to_columns(segments, x0, x1)
    rows = lines_to_rows(inside, inner, settings)
    if len(col_xs) < 3 or len(rows) < 2:
        return None  # one column or one row: ruled prose, not a table
    cells = tuple(row_to_cells(row, col_xs, settings) for row in rows)
    n_head = sum(1 for row in rows if row[0].mid_y < head_end) if inner else 0
    if not 0 < n_head < len(rows):
        n_head = rows_to_header_count(cells, [all(ln.bold for ln in row) for row in rows], settings)
    draft = TableDraft(rows=cells, col_xs=tuple(col_xs), bbox=(x0, top, x1, bottom), page=page,
                       row_pages=(page,) * len(cells), header_rows=n_head, kind="threeline",
                       cell_ids=tuple(tuple(r * len(cells[0]) + c for c in range(len(cells[0])))
                                      for r in range(len(cells))))
    return draft, inside


def opens_table(lines: Sequence[TextLine], x0: float, x1: float, settings: PdfSettings) -> bool:
    """True when the lines between a rule and the page's edge of text can be rows of the
    table the rule belongs to: all inside its x-range, the one next to the rule in cells."""
    return bool(lines) and all(ln.x0 >= x0 - ln.size and ln.x1 <= x1 + ln.size for ln in lines) \
        and len(line_segments(lines[0], settings)) >= 2


def run_to_table(run: Sequence[Rule], lines: Sequence[TextLine], page: int, page_height: float,
                 open_top: bool, open_bottom: bool,
                 settings: PdfSettings) -> tuple[TableDraft, list[TextLine]] | None:
    """The table of a run of rules; a table cut by a page break lacks its top or bottom rule,
    so rows may run from the last rule to the foot of the page (or from its head to the first)."""
    x0, x1 = min(r.start for r in run), max(r.end for r in run)
    top, bottom = run[0].pos, run[-1].pos
    inner = [r.pos for r in run[1:-1]]
    band = settings.furniture_band * page_height
    body = [ln for ln in lines if band < ln.mid_y < page_height - band]
    above = sorted((ln for ln in body if ln.mid_y < top), key=lambda ln: -ln.top) if open_top else []
    below = sorted((ln for ln in body if ln.mid_y > bottom), key=lambda ln: ln.top) if open_bottom else []
    if above and opens_table(above, x0, x1, settings):
        inner, top = [top] + inner, min(ln.top for ln in above) - 1
    if below and opens_table(below, x0, x1, settings):
        inner, bottom = inner + [bottom], max(ln.bottom for ln in below) + 1
    if bottom - top <= 0 or (len(run) < 2 and not inner):
        return None
    return region_to_table(x0, x1, top, bottom, inner, lines, page, settings)


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
