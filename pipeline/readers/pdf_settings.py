"""Every threshold of the PDF reader, in one frozen dataclass.

Lengths are relative to the page (a fraction of its width or height) or to the font size
of the text concerned (``*_em``), never absolute points: reports come with other fonts,
margins and paper sizes than the ones the reader was tuned on.
"""
from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class PdfSettings:
    """Thresholds of the PDF reader; each is checked to be positive when built."""

    # --- glyphs and lines
    space_gap_em: float = 0.15  # a gap wider than this between glyphs is a word space
    segment_gap_em: float = 0.6  # a wider gap splits a line into segments (table cells)
    fake_bold_overlap: float = 0.3  # same glyph again within this share of its width: fake bold

    min_turned_glyphs: int = 20  # text running another way than the page's is read when this long

    # --- scans
    scan_image_cover: float = 0.5  # share of a page an image covers for the page to be a scan
    scan_text_chars: int = 20  # ...when it has fewer chars than this (a page-number stamp)

    # --- page furniture
    furniture_band: float = 0.12  # top/bottom share of the page height where furniture lives
    furniture_repeat: float = 0.4  # a band line on this share of pages is furniture (odd/even)

    # --- newspaper columns
    gutter_zone: float = 0.3  # share of page width on each side where no gutter can be
    gutter_em: float = 1.0  # a gutter is at least this wide
    gutter_crossing: float = 0.08  # share of a page's lines that may cross a gutter (titles)
    min_column_lines: int = 3  # full lines of text a column needs on one side of a gutter
    column_balance: float = 0.15  # share of the text width by which two columns' widths may differ

    # --- paragraphs
    short_line_em: float = 1.5  # a line ending this far before the right margin ends a paragraph
    indent_em: float = 0.8  # a line starting this far right of the left margin starts one
    size_change: float = 0.1  # a relative font-size change between lines starts a paragraph
    gap_factor: float = 1.5  # a line pitch this many times the usual one starts a paragraph
    title_size: float = 1.15  # centred lines this many times the body size are one title

    # --- ruled tables
    snap_tol: float = 0.004  # share of page width: rules closer than this are one rule
    thin_rule: float = 0.005  # share of page width: a filled rectangle this thin is a rule
    min_rule_cover: float = 0.5  # share of a cell side a rule must cover to separate cells
    min_column_width: float = 0.02  # share of page width: a narrower empty column is a double rule

    # --- three-line tables
    min_rule_width: float = 0.25  # share of page width a free rule needs to bound a table
    rule_align: float = 0.02  # share of page width: rules with ends this close share a table
    row_overlap_em: float = 0.3  # table lines whose middles are closer than this are one line

    # --- tables across pages
    column_tol: float = 0.012  # share of page width: column boundaries this close match
    max_header_rows: int = 3

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not value > 0:
                raise ValueError(f"PdfSettings.{f.name} must be positive, got {value!r}")
        for name in ("furniture_band", "furniture_repeat", "min_rule_cover", "scan_image_cover",
                     "gutter_zone", "gutter_crossing", "column_balance"):
            if getattr(self, name) >= 1:
                raise ValueError(f"PdfSettings.{name} must be below 1, got {getattr(self, name)!r}")
