"""What a Word paragraph inherits from its style (styles.xml): outline level, list numbering,
bold and size, following the style's ``basedOn`` chain and the document defaults."""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BODY_TEXT_LEVEL = 9  # w:outlineLvl 9 is "body text": no outline level
FALSE_VALUES = ("0", "false", "off", "none")


def on_off(element: etree._Element | None) -> bool | None:
    """A WordprocessingML toggle (`<w:b/>`, `<w:b w:val="0"/>`): True, False, or None if absent."""
    if element is None:
        return None
    return element.get(W + "val", "true").lower() not in FALSE_VALUES


def int_val(element: etree._Element | None) -> int | None:
    """The integer ``w:val`` of an element, or None when absent or not a number."""
    if element is None:
        return None
    try:
        return int(element.get(W + "val", ""))
    except ValueError:
        return None


@dataclass(frozen=True)
class RunLook:
    """Bold and size (points) of text, each None where not stated at this level."""

    bold: bool | None = None
    size: float | None = None

    def over(self, below: "RunLook") -> "RunLook":
        """This look with what it does not state taken from ``below``."""
        return RunLook(self.bold if self.bold is not None else below.bold,
                       self.size if self.size is not None else below.size)


def run_look(rpr: etree._Element | None) -> RunLook:
    """The look a ``w:rPr`` states (``w:sz`` is in half points)."""
    if rpr is None:
        return RunLook()
    size = int_val(rpr.find(W + "sz"))
    return RunLook(on_off(rpr.find(W + "b")), size / 2 if size else None)


@dataclass(frozen=True)
class Style:
    """One paragraph or character style as styles.xml states it (not yet inherited)."""

    based_on: str | None = None
    name: str = ""  # the built-in name (`heading 1`, `toc 1`), whatever the UI language shows
    outline_level: int | None = None
    num_id: str | None = None
    ilvl: int | None = None
    look: RunLook = RunLook()


@dataclass
class Styles:
    """The styles of a document by id, with inheritance resolved on demand."""

    by_id: dict[str, Style] = field(default_factory=dict)
    default_look: RunLook = RunLook()
    default_paragraph: str | None = None  # the id of the default paragraph style (Normal)

    def chain(self, style_id: str | None) -> list[Style]:
        """The style and its ancestors, nearest first (a cycle is cut)."""
        out: list[Style] = []
        seen: set[str] = set()
        sid = style_id if style_id is not None else self.default_paragraph
        while sid and sid not in seen and sid in self.by_id:
            seen.add(sid)
            out.append(self.by_id[sid])
            sid = self.by_id[sid].based_on
        return out

    def is_contents(self, style_id: str | None) -> bool:
        """Whether a paragraph style is a table-of-contents entry (`toc 1`, `TOC Heading`)."""
        return any(style.name.lower().startswith("toc") for style in self.chain(style_id))

    def outline_level(self, style_id: str | None) -> int | None:
        for style in self.chain(style_id):
            if style.outline_level is not None:
                return style.outline_level
        return None

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        """(numId, level) of a style's list numbering, each None where the style is silent."""
        num_id, ilvl = None, None
        for style in self.chain(style_id):
            num_id = num_id if num_id is not None else style.num_id
            ilvl = ilvl if ilvl is not None else style.ilvl
        return num_id, ilvl

    def look(self, style_id: str | None) -> RunLook:
        look = RunLook()
        for style in self.chain(style_id):
            look = look.over(style.look)
        return look.over(self.default_look)


def read_styles(root: etree._Element | None) -> Styles:
    """The styles of a styles.xml tree (None: a document without one)."""
    styles = Styles()
    if root is None:
        return styles
    defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    styles.default_look = run_look(defaults)
    for el in root.iter(W + "style"):
        sid = el.get(W + "styleId")
        if not sid:
            continue
        ppr = el.find(W + "pPr")
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        level = int_val(ppr.find(W + "outlineLvl")) if ppr is not None else None
        based = el.find(W + "basedOn")
        name = el.find(W + "name")
        styles.by_id[sid] = Style(
            based_on=based.get(W + "val") if based is not None else None,
            name=name.get(W + "val", "") if name is not None else "",
            outline_level=level,
            num_id=_num_id(num_pr),
            ilvl=int_val(num_pr.find(W + "ilvl")) if num_pr is not None else None,
            look=run_look(el.find(W + "rPr")))
        if el.get(W + "type") == "paragraph" and el.get(W + "default") in ("1", "true", "on"):
            styles.default_paragraph = sid
    return styles


def _num_id(num_pr: etree._Element | None) -> str | None:
    if num_pr is None:
        return None
    el = num_pr.find(W + "numId")
    return el.get(W + "val") if el is not None else None
