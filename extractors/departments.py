"""Departments across spellings: a canonical name (bracketed notes removed, abbreviations
spelled out from a small alias file), the administrative region that opens it, and a key
stable across reports and years. departments.parquet has one row per canonical name.

Rules (tested in tests/unit/test_departments.py on spellings printed in real reports):
- NFKC, no spaces, no bracketed note: `广州市科学技术局（本级）` -> `广州市科学技术局`.
- The region is the run of administrative areas that opens the name (`广东省`, `广州市`,
  `黄埔区`, `永德县`, `红河州`); a name without one (`市科技局`) has no region and is not
  merged with a name that has one, since which city it means is not stated in the name.
- What follows the region, when it ends in a short form of the alias file, is spelled out:
  `廊坊市发改委` -> `廊坊市发展和改革委员会`, `广州市科协` -> `广州市科学技术协会`.
"""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

import regex as re

DATA = Path(__file__).parent / "data"
ALIAS_FILE = DATA / "department_aliases.tsv"

# A bracketed note inside or after a name: `（本级）`, `(部门整体)`, `【机关】`
BRACKETED_NOTE = re.compile(r"[（(【\[][^）)】\]]{0,30}[)）】\]]")
# The suffixes of administrative areas, longest first, with the level they give.
AREA_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("特别行政区", "province"), ("自治区", "province"), ("自治州", "city"), ("自治县", "county"),
    ("地区", "city"), ("省", "province"), ("市", "city"), ("州", "city"), ("盟", "city"),
    ("县", "county"), ("区", "county"), ("旗", "county"),
)
# Characters of an area's name before its suffix: at least this many (`广州` + 市, not `城` + 市 of
# 城市管理局); 县, 区 and 旗 may follow a single character (`沛县`).
MIN_AREA_NAME = {"county": 1, "city": 2, "province": 2}
MAX_AREA_NAME = 8
# Words that make a candidate area an organisation instead: `国家税务总局广州市…`
NOT_AN_AREA = re.compile(r"局|委|会|院|校|厅|办|所|站|队|处|馆|部|中心|公司|集团|学|园")


@dataclass(frozen=True)
class Aliases:
    """Short form -> full form of department names, longest short form first."""

    pairs: tuple[tuple[str, str], ...]

    @classmethod
    def from_text(cls, text: str) -> "Aliases":
        """Lines of `full<TAB>short<TAB>short…`; `#` starts a comment line."""
        pairs: list[tuple[str, str]] = []
        for line in text.splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            full, *shorts = [part.strip() for part in line.split("\t") if part.strip()]
            pairs += [(short, full) for short in shorts]
        return cls(tuple(sorted(pairs, key=lambda p: -len(p[0]))))

    def spell_out(self, name: str) -> str:
        """The name with a trailing short form replaced by its full form."""
        for short, full in self.pairs:
            if name.endswith(short):
                return name[: -len(short)] + full
        return name


@lru_cache(maxsize=4)
def load_aliases(path: Path = ALIAS_FILE) -> Aliases:
    """The alias file, read once."""
    return Aliases.from_text(path.read_text(encoding="utf-8"))


def tidy_name(name: str) -> str:
    """NFKC, no spaces, no bracketed notes, no trailing punctuation."""
    text = unicodedata.normalize("NFKC", name)
    text = re.sub(r"\s+", "", text)
    text = BRACKETED_NOTE.sub("", text)
    return text.strip("，,。.、；;：:")


def _area_at(name: str, pos: int) -> tuple[int, str] | None:
    """(end, level) of the shortest administrative area starting at ``pos``."""
    for length in range(1, MAX_AREA_NAME + 1):
        for suffix, level in AREA_SUFFIXES:
            if name.startswith(suffix, pos + length):
                area_name = name[pos: pos + length]
                if length >= MIN_AREA_NAME[level] and not NOT_AN_AREA.search(area_name):
                    return pos + length + len(suffix), level
    return None


def region_of(name: str) -> tuple[str | None, str | None]:
    """(region, level) opening a name: `广州市黄埔区科学技术局` -> (`广州市黄埔区`, `county`);
    (None, None) when the name opens with no area. A 市 inside a 市 is a county-level city."""
    pos, level = 0, None
    while pos < len(name):
        found = _area_at(name, pos)
        if found is None or found[0] >= len(name):  # an area is never the whole name
            break
        end, area_level = found
        level = "county" if (area_level == "city" and level == "city") else area_level
        pos = end
    return (name[:pos], level) if pos else (None, None)


def canonical_department(name: str, aliases: Aliases) -> str:
    """The name a department is known by across reports: tidied, its abbreviation spelled out."""
    text = tidy_name(name)
    region, _ = region_of(text)
    head = region or ""
    return head + aliases.spell_out(text[len(head):])


def key_of(*parts: str) -> str:
    """A stable key: the first 16 hex characters of the SHA-256 of the parts."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def department_key(name: str | None, aliases: Aliases) -> str | None:
    """The key of a department name; None for no name."""
    if not name or not tidy_name(name):
        return None
    return key_of(canonical_department(name, aliases))


def department_rows(reports: Iterable[Mapping[str, Any]], aliases: Aliases) -> list[dict[str, Any]]:
    """Rows of departments.parquet from reports rows (their `department`, `fiscal_year`)."""
    groups: dict[str, dict[str, Any]] = {}
    for report in reports:
        name = report.get("department")
        key = department_key(name, aliases)
        if key is None or name is None:
            continue
        canonical = canonical_department(name, aliases)
        group = groups.setdefault(key, {"canonical": canonical, "spellings": set(), "reports": set(),
                                        "years": set()})
        group["spellings"].add(name)
        group["reports"].add(report.get("report_id"))
        if report.get("fiscal_year") is not None:
            group["years"].add(int(report["fiscal_year"]))
    rows = []
    for key, group in groups.items():
        region, level = region_of(group["canonical"])
        years = sorted(group["years"])
        rows.append({"department_key": key, "canonical_name": group["canonical"], "region": region,
                     "region_level": level, "spellings": sorted(group["spellings"]),
                     "report_count": len(group["reports"]),
                     "first_year": years[0] if years else None, "last_year": years[-1] if years else None})
    return sorted(rows, key=lambda r: r["department_key"])
