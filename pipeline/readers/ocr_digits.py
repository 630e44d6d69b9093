"""OCR slips inside numbers: fixed where only one reading makes sense, warned otherwise.

A recogniser reads `0` as `O`/`o` and `1` as `l`/`I` now and then, and a decimal point or a
thousands separator as a full-width `，`/`。`. A fix is made only where the text around it
leaves one reading (`2O22年` is a year, `58，526.63` a thousands separator); a run that could
be either (`O2O`, `1，2`) is left as printed and reported, never changed silently.
"""
from __future__ import annotations

import regex as re

# Letters a recogniser confuses with digits, and the digit each stands for.
CONFUSABLE = {"O": "0", "o": "0", "l": "1", "I": "1"}

# A run of digits and look-alike letters with at least one real digit, not part of a Latin
# word: `2O22`, `1O0`, `l2`, `O2O` (not `ISO9001`, not `CO2`).
NUMBER_RUN = re.compile(r"(?<![A-Za-z])[0-9OolI]*[0-9][0-9OolI]*(?![A-Za-z])")

# A full-width comma between digits followed by exactly three: a thousands separator.
# `58，526.63` -> `58,526.63`
FULLWIDTH_THOUSANDS = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")

# A full-width comma or full stop between digits followed by one or two and a unit: a
# decimal point. `99，60%` -> `99.60%`, `12。5分` -> `12.5分`, `3．5万元` -> `3.5万元`
FULLWIDTH_DECIMAL = re.compile(r"(?<=\d)[，。．](?=\d{1,2}\s*(?:%|％|万元|元|分))")

# A page number between dashes where a dash was read as `一` (one): `—15一`, `一3—`
DASHED_PAGE_NUMBER = re.compile(r"^[-－—–一]+\s*\d{1,4}\s*[-－—–一]+$")

# Any other full-width comma or full stop between digits: `1，2` (a list, or a decimal?)
DOUBTFUL_SEPARATOR = re.compile(r"\d[，。．]\d")


def fix_run(run: str) -> str | None:
    """The digits a run of digits and look-alike letters stands for, or None when doubtful
    (as many letters as digits: `O2O`, `l2`)."""
    letters = sum(ch in CONFUSABLE for ch in run)
    if letters == 0:
        return run
    digits = len(run) - letters
    if digits <= letters:
        return None
    return "".join(CONFUSABLE.get(ch, ch) for ch in run)


def fix_digits(text: str) -> tuple[str, list[str]]:
    """The text with unambiguous slips inside numbers fixed, and a note for each doubtful one."""
    notes: list[str] = []
    if DASHED_PAGE_NUMBER.match(text):
        return text.replace("一", "—"), notes

    def fix(match: re.Match[str]) -> str:
        fixed = fix_run(match.group())
        if fixed is None:
            notes.append(f"'{match.group()}' may hold misread digits; left as recognised")
            return match.group()
        return fixed

    text = NUMBER_RUN.sub(fix, text)
    text = FULLWIDTH_THOUSANDS.sub(",", text)
    text = FULLWIDTH_DECIMAL.sub(".", text)
    for match in DOUBTFUL_SEPARATOR.finditer(text):
        notes.append(f"'{match.group()}' may be a misread decimal point; left as recognised")
    return text, notes
