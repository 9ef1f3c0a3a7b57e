"""What a built page says, for the search index: title, place, date and main text.

Only the page's main content is read: the ``<article class="md-content__inner">`` that
Material puts around every template's ``content`` block. Navigation, scripts, pictures and
listings of *other* pages (activity lists, pagers, "上一篇/下一篇") are skipped, so that a
station page is found by what it says about itself, not by the titles it lists.

- title: ``<meta name="ArticleTitle">`` (main.html writes it on every page), else the
  first ``<h1>``;
- place: the breadcrumb (``nav.wm-crumbs``) without its first link (the county or the
  section), e.g. ``柳河镇 · 兴隆村``;
- date: ``<meta name="PubDate">`` (entry pages), ISO ``YYYY-MM-DD`` or empty;
- column: ``<meta name="ColumnName">`` (活动, 好人, 投稿指南, 月度通报 …), which ranks it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import unescape

MAIN_START = '<article class="md-content__inner'
MAIN_END = "</main>"

# Elements whose text is not this page's own words.
SKIP_TAGS = frozenset({"nav", "script", "style", "svg", "template", "button", "noscript"})
# Listings of other pages and widgets, by class (templates may add more with the
# attribute ``data-search-ignore``).
DEFAULT_SKIP_CLASSES = (
    "wm-list",
    "wm-cards",
    "wm-pager",
    "wm-neighbours",
    "wm-station-links",
    "wm-figures",
    "wm-chart-box",
    "wm-year-grid",
    "wm-inactive-list",
    "wm-months",
    "wm-feed",
    "headerlink",
)
INLINE_TAGS = frozenset(
    {"a", "abbr", "b", "code", "em", "i", "mark", "q", "s", "small", "span", "strong", "sub",
     "sup", "time", "u", "wbr"}
)  # fmt: skip
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"}
)  # fmt: skip

_META = re.compile(r'<meta name="(ArticleTitle|PubDate|ColumnName)" content="([^"]*)"')
# A part of a page that is a search result of its own (an item of a unit's menu): an
# element with an id, ``data-search-entry`` (its 栏目) and ``data-search-title``; found at
# ``page#id``, its place the page's title. Such elements hold no element of their own tag.
_ENTRY = re.compile(r'<(li|section|div)\b([^>]*\bdata-search-entry="[^"]*"[^>]*)>')
_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')
PLACE = "Place"
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class PageText:
    """One page as the index sees it. ``url`` is relative to the site root ("" = home)."""

    url: str
    title: str
    place: str
    date: str
    text: str
    column: str = ""


def _squash(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


# One token of the article: a tag (closing?, name, attributes) or a run of text. Comments
# and doctype do not occur inside the article (the sanitiser strips comments).
_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>|([^<]+)|<")
_CLASS = re.compile(r'\bclass="([^"]*)"')


class _MainText:
    """Text of the first main article, minus skipped elements; the crumbs kept apart.

    A regular-expression tokenizer rather than ``html.parser``: our own templates and the
    sanitiser write this HTML (quoted attributes, no comments), and html.parser's
    per-tag Python work was a sixth of the whole build's time.
    """

    def __init__(self, skip_classes: frozenset[str]) -> None:
        self.skip_classes = skip_classes
        self.stack: list[str] = []  # open elements inside the article
        self.skip_depth = 0  # > 0 while inside a skipped element (its stack position + 1)
        self.crumbs_depth = 0
        self.done = False
        self.parts: list[str] = []
        self.crumbs: list[str] = []  # text of each crumb link
        self.crumb: list[str] | None = None
        self.h1: list[str] | None = None
        self.heading = ""

    def feed(self, html: str) -> None:
        for match in _TOKEN.finditer(html):
            if self.done:
                return
            closing, tag, attributes, text = match.groups()
            if text is not None:
                self.handle_data(unescape(text))
            elif tag is None:
                self.handle_data("<")
            elif closing:
                self.handle_endtag(tag.lower())
            else:
                self.handle_starttag(tag.lower(), attributes)

    def handle_starttag(self, tag: str, attributes: str) -> None:
        if tag in VOID_TAGS:
            if tag in {"br", "hr", "img"} and not self.skip_depth:
                self.parts.append("\n")
            return
        self.stack.append(tag)
        depth = len(self.stack)
        found = _CLASS.search(attributes) if attributes else None
        classes = set(found.group(1).split()) if found else set()
        if not self.skip_depth and not self.crumbs_depth and "wm-crumbs" in classes:
            self.crumbs_depth = depth
        elif self.crumbs_depth and tag == "a":
            self.crumb = []
        elif not self.skip_depth and (
            tag in SKIP_TAGS or classes & self.skip_classes or "data-search-ignore" in attributes
        ):
            self.skip_depth = depth
        if tag == "h1" and not self.heading and not self.skip_depth:
            self.h1 = []
        if tag not in INLINE_TAGS and not self.skip_depth:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS or tag not in self.stack:
            return
        while self.stack:
            depth = len(self.stack)
            open_tag = self.stack.pop()
            if depth == self.skip_depth:
                self.skip_depth = 0
            if depth == self.crumbs_depth:
                self.crumbs_depth = 0
            if open_tag == "a" and self.crumb is not None:
                self.crumbs.append(_squash("".join(self.crumb)))
                self.crumb = None
            if open_tag == "h1" and self.h1 is not None:
                self.heading = _squash("".join(self.h1))
                self.h1 = None
            if open_tag == tag:
                break
        if tag not in INLINE_TAGS and not self.skip_depth:
            self.parts.append("\n")
        if not self.stack:
            self.done = True  # the main article has closed

    def handle_data(self, data: str) -> None:
        if self.crumb is not None:
            self.crumb.append(data)
        if self.crumbs_depth or self.skip_depth:
            return
        if self.h1 is not None:
            self.h1.append(data)
        self.parts.append(data)


@dataclass(frozen=True)
class Article:
    """The part of a built page the index reads: its two meta values and main article."""

    url: str
    meta: tuple[tuple[str, str], ...]
    html: str


def article(url: str, html: str) -> Article | None:
    """Cut out what ``read`` needs (cheap: string search and one small regex)."""
    start = html.find(MAIN_START)
    if start < 0:
        return None
    end = html.find(MAIN_END, start)
    meta = tuple(_META.findall(html, 0, start))
    return Article(url, meta, html[start : end if end > 0 else len(html)])


def entries(part: Article) -> list[Article]:
    """The page's parts marked as results of their own, each as an article of its own."""
    if "data-search-entry" not in part.html:
        return []
    page_title = dict(part.meta).get("ArticleTitle", "")
    found = []
    for match in _ENTRY.finditer(part.html):
        tag, attributes = match.groups()
        values = dict(_ATTRIBUTE.findall(attributes))
        end = part.html.find(f"</{tag}>", match.end())
        if "id" not in values or end < 0:
            continue
        meta = (
            ("ArticleTitle", values.get("data-search-title", "")),
            ("ColumnName", values["data-search-entry"]),
            (PLACE, page_title),
        )
        inner = part.html[match.end() : end]
        found.append(
            Article(f"{part.url}#{values['id']}", meta, f'{MAIN_START}">{inner}</article>')
        )
    return found


def read(part: Article, skip_classes: Iterable[str] = DEFAULT_SKIP_CLASSES) -> PageText:
    """The searchable parts of one page's article."""
    parser = _MainText(frozenset(skip_classes))
    parser.feed(part.html)
    meta = {name: unescape(value) for name, value in part.meta}
    title = _squash(meta.get("ArticleTitle", "")) or parser.heading
    date = meta.get("PubDate", "")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        date = ""
    return PageText(
        url=part.url,
        title=title,
        place=" · ".join(c for c in parser.crumbs[1:] if c) or unescape(meta.get(PLACE, "")),
        date=date,
        text=_squash("".join(parser.parts)),
        column=meta.get("ColumnName", ""),
    )


def parts(url: str, html: str) -> list[Article]:
    """Every result one built page gives: its article, then its marked parts."""
    part = article(url, html)
    return [] if part is None else [part, *entries(part)]


def extract(
    url: str, html: str, skip_classes: Iterable[str] = DEFAULT_SKIP_CLASSES
) -> PageText | None:
    """The searchable parts of one built page, or None when it has no main article."""
    part = article(url, html)
    return None if part is None else read(part, skip_classes)
