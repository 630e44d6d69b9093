"""The furniture of a government web page: what sits around a published report on the site's
page and is not part of it (navigation, banners, breadcrumbs, the article's publication line,
share links, the site's footer). One named place for these words, so that they can move into
the shared lexicon with the text reader's furniture for pages already saved as text.
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
# `<div id="footer">`, `<div class="bread-crumb">`, `<div class="bdshare_t">`.
FURNITURE_NAME_WORDS = frozenset({
    "nav", "navbar", "navi", "menu", "submenu", "header", "head", "topbar", "top", "toolbar",
    "banner", "logo", "footer", "foot", "bottom", "copyright", "breadcrumb", "breadcrumbs",
    "crumb", "crumbs", "location", "position", "weizhi", "share", "bdshare", "sidebar", "side",
    "search", "links", "friendlink", "yqlj", "login", "skip", "wza", "print", "qrcode", "ewm",
})
# The words of a class or id: `bread-crumb` -> bread, crumb; `mainNav` -> main, nav.
NAME_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")

# A line of site furniture inside the article's block, by its opening words:
# `您现在的位置：首页 > 政务公开`, `当前位置：`, `发布时间：2023-05-12 来源：县财政局 浏览次数：128`,
# `【字体：大 中 小】`, `分享到：`, `【打印本页】【关闭窗口】`, `上一篇：`, `主办单位：某某县人民政府`,
# `版权所有`, `Copyright © 2023`, `滇ICP备05001234号`, `网站标识码：5309230001`, `扫一扫在手机打开当前页`.
FURNITURE_LINE = re.compile(
    r"^[\s【\[（(]*(?:您现在的位置|您的位置|您当前的位置|当前位置|所在位置|现在位置|位置\s*[:：]\s*首页"
    r"|发布(?:时间|日期|机构|单位)\s*[:：]|更新时间\s*[:：]|信息来源\s*[:：]|来源\s*[:：]|文章来源\s*[:：]"
    r"|作者\s*[:：]|浏览(?:次数|量)\s*[:：]|点击(?:数|次数|量|率)\s*[:：]|阅读(?:次数|量)\s*[:：]"
    r"|访问(?:次数|量)\s*[:：]|字(?:体|号)\s*[:：]|分享到|打印(?:本页|此页)?[】\]]|关闭(?:本页|窗口)"
    r"|上一篇|下一篇|上一条|下一条|相关(?:链接|文章|阅读|附件)\s*[:：]?$|责任编辑|主办单位|承办单位"
    r"|协办单位|技术支持|维护单位|版权所有|Copyright|©|网站标识码|网站地图|联系我们\s*$|扫一扫"
    r"|【\s*我要纠错|【\s*收藏|.{0,30}ICP备|.{0,30}公网安备)", re.I)
FURNITURE_LINE_MAX_CHARS = 200  # a furniture line is short; a paragraph that opens alike is text

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


def is_furniture_line(text: str) -> bool:
    """A short line of page furniture: a breadcrumb, the publication line, share links."""
    return len(text) <= FURNITURE_LINE_MAX_CHARS and bool(FURNITURE_LINE.match(text))
