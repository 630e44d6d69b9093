"""Bar charts as inline SVG, for the summary page: no library, no script, no network; the
labels are text the browser lays out with its own CJK fonts (and a reader can select)."""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Sequence

from schemas.text import display_width

PALETTE = ("#3b6ea8", "#e08a2c", "#4f9a55", "#b6483f", "#7d5ba6", "#8c6d46", "#c9609e", "#6f7a86")
FONT_PX = 12
CHAR_PX = FONT_PX * 0.55  # width of one half-em column of the label font
ROW_PX = 22
BAR_PX = 14


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value, the text printed after it, the series it belongs to."""

    label: str
    value: float
    note: str = ""
    series: int = 0


def _text_px(text: str) -> float:
    return display_width(text) * CHAR_PX


def bar_chart(bars: Sequence[Bar], *, title: str, max_value: float | None = None, width: int = 720,
              legend: Sequence[str] = (), css_class: str = "chart") -> str:
    """Horizontal bars, one row each, scaled to ``max_value`` (default: the largest value);
    ``legend`` names the series when there are several."""
    if not bars:
        return f'<p class="empty">{escape(title)}: no data</p>'
    label_px = min(max(_text_px(b.label) for b in bars) + 12, width * 0.45)
    note_px = max(_text_px(b.note) for b in bars) + 10
    plot_px = max(width - label_px - note_px - 10, 80)
    top = ROW_PX if legend else 4
    height = top + ROW_PX * len(bars) + 6
    scale = max_value if max_value else max((b.value for b in bars), default=1.0) or 1.0
    parts = [f'<svg class="{css_class}" role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" '
             f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
             f'font-size="{FONT_PX}" font-family="inherit">',
             f"<title>{escape(title)}</title>"]
    x = label_px
    for i, name in enumerate(legend):
        colour = PALETTE[i % len(PALETTE)]
        parts.append(f'<rect x="{x:.0f}" y="4" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{x + 14:.0f}" y="13">{escape(name)}</text>')
        x += 24 + _text_px(name)
    for row, bar in enumerate(bars):
        y = top + row * ROW_PX
        length = max(bar.value, 0.0) / scale * plot_px
        colour = PALETTE[bar.series % len(PALETTE)]
        label = bar.label if _text_px(bar.label) <= label_px - 12 else _clip(bar.label, label_px - 12)
        parts.append(
            f'<g class="bar" data-label="{escape(bar.label)}" data-value="{bar.value:g}">'
            f"<title>{escape(bar.label)}: {escape(bar.note or f'{bar.value:g}')}</title>"
            f'<text x="{label_px - 6:.0f}" y="{y + 14}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_px:.0f}" y="{y + 3}" width="{length:.1f}" height="{BAR_PX}" fill="{colour}"/>'
            f'<text x="{label_px + length + 4:.1f}" y="{y + 14}" fill="#333">{escape(bar.note)}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def _clip(text: str, px: float) -> str:
    out = ""
    for ch in text:
        if _text_px(out + ch + "…") > px:
            return out + "…"
        out += ch
    return out
