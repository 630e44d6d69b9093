"""Spreadsheet numbers as the cell shows them: a number format applied to the stored value, so
that `387664.62` kept as 387664.6199999 prints `387664.62`, and 0.996 under `0.00%` prints
`99.60%` — the text a reader of the form sees, and what the PDF of the same form would hold."""
from __future__ import annotations

import datetime as dt

import regex as re

# The parts of a number format that print no digit: quoted text `"元"`, escapes `\-`,
# colours and locales `[Red]` `[$-804]`, spacing `_)` and fill `*-`.
FORMAT_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
# The decimal places of a format's number: `.00` in `#,##0.00`, `.0#` in `0.0#`.
DECIMALS = re.compile(r"\.([0#?]+)")
# Digit placeholders with a thousands separator between them: `#,##0`.
GROUPING = re.compile(r"[0#?],[0#?]")
GENERAL_DIGITS = 11  # Excel's General format shows at most this many significant digits


def _general(value: float) -> str:
    """A number in Excel's General format: integers whole, others to 11 significant digits."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.{GENERAL_DIGITS}g}"
    return text if "e" not in text else f"{value:.{GENERAL_DIGITS}f}".rstrip("0").rstrip(".")


def shown_number(value: float, number_format: str | None) -> str:
    """A cell's number as its format shows it: `0.00` -> 2 decimals, `0%` -> a percent,
    `#,##0.00` -> thousands separators, `General` -> as typed."""
    section = (number_format or "General").split(";")[0]
    core = FORMAT_LITERAL.sub("", section)
    if core.strip().lower() in ("general", "") or "@" in core or not any(ch in core for ch in "0#?"):
        return _general(value)
    if "e+" in core.lower() or "e-" in core.lower():
        m = DECIMALS.search(core)
        return f"{value:.{len(m.group(1)) if m else 0}E}"
    percent = "%" in core
    m = DECIMALS.search(core)
    most = len(m.group(1)) if m else 0
    least = m.group(1).count("0") if m else 0
    shown = abs(value) * (100 if percent else 1)
    text = f"{shown:,.{most}f}" if GROUPING.search(core) else f"{shown:.{most}f}"
    if most > least and "." in text:
        text = text.rstrip("0")
        decimals = len(text.split(".")[1])
        text = text + "0" * max(0, least - decimals)
        text = text.rstrip(".")
    negative = value < 0 and any(ch not in "0.," for ch in text)
    return ("-" if negative else "") + text + ("%" if percent else "")


def shown_date(value: dt.datetime | dt.date | dt.time) -> str:
    """A date cell as an ISO date (`2023-06-30`), with the time when it has one."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    return value.isoformat()
