"""The furniture of a government web page in its markup: the elements and class or id names
that hold what sits around a published report on the site's page (navigation, banners,
breadcrumbs, share links, the site's footer), and menus told by their share of link text.
The furniture's words (`您现在的位置`, `发布时间：`, `版权所有` …) are the lexicon's
(schemas/lexicon.toml, [webpage]), shared with the text reader's pages saved as text; the
markup names here are the HTML reader's alone.
"""
from __future__ import annotations

import regex as re

# Elements that never hold the report: scripts, styles, forms, embedded frames and media.
DROPPED_TAGS = frozenset({
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
    "svg", "canvas", "video", "audio", "map", "form", "input", "select", "option", "button",
    "textarea", "label", "head", "title", "meta", "link", "nav", "footer", "aside",
})

# Words of class and id names that mark site furniture: `<div class="nav">`,
# `<div id="footer">`, `<div class="bread-crumb">`, `<div class="bdshare_t">`. Not `header` or
# `top`: an article's own header holds its title (the site's header, above the title, goes
# with everything else the page prints before the report's title).
FURNITURE_NAME_WORDS = frozenset({
    "nav", "navbar", "navi", "menu", "submenu", "topbar", "toolbar", "banner", "logo", "footer",
    "foot", "copyright", "breadcrumb", "breadcrumbs", "crumb", "crumbs", "location", "position",
    "weizhi", "share", "bdshare", "sidebar", "search", "friendlink", "yqlj", "login", "qrcode",
    "ewm",
})
# The words of a class or id: `bread-crumb` -> bread, crumb; `mainNav` -> main, nav.
NAME_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")

# A block whose text is mostly link text is a menu or a list of links: share of characters.
LINK_DENSITY = 0.6
MIN_LINKS = 2


def name_words(name: str) -> set[str]:
    """The lower-case words of a class or id attribute: `bread-crumb mainNav` -> {bread,
    crumb, main, nav}."""
    return {w.lower() for w in NAME_WORD.findall(name)}


def is_furniture_name(name: str) -> bool:
    """A class or id naming site furniture: `nav`, `footer`, `bread-crumb`, `bdshare_t`."""
    return bool(name_words(name) & FURNITURE_NAME_WORDS)
