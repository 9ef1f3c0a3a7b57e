"""Markdown that would make a page load something from another host, found and located.

The site promises to load nothing from other hosts: a tracking pixel in a body
(``![](https://…/pixel.gif)``, ``<img src=//…>``) would report every reader's visit to
whoever owns it, and breaks the page offline. Links (``<a href>``) do not load anything
and stay allowed.

The check reads what the renderer actually makes of the Markdown (before sanitising), so
no Markdown spelling (reference images, entities, raw HTML) slips past it; each URL is
then looked up in the source to point the clerk at the image. The sanitiser drops such
URLs as well (``safe_html.clean_html``), so a page stays clean even if this check were
bypassed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

# Attributes whose URL the browser fetches by itself, on any element that has them.
# (``href`` only loads on the elements in LOADING_HREF; on <a> it is a link.)
LOADING_ATTRIBUTES = frozenset(
    {"src", "poster", "data", "background", "lowsrc", "dynsrc", "codebase", "formaction"}
)
SRCSET_ATTRIBUTES = frozenset({"srcset", "imagesrcset"})
LOADING_HREF = frozenset({"link", "image", "use", "feimage", "base", "script"})

# A scheme (``https:``, ``ftp:``…) or a network path: browsers read ``//``, ``\\``, ``/\``
# and ``\/`` alike at the start of a URL.
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_NETWORK_PATH = re.compile(r"^[/\\]{2}")
# Browsers drop ASCII tab and newlines anywhere in a URL and trim controls and spaces.
_URL_NOISE = re.compile(r"[\t\n\r]")
_TRIMMED = "".join(map(chr, range(0x21)))  # C0 controls and space
# Schemes that name no host to load from; anything else is refused.
_LOCAL_SCHEMES = frozenset({"data", "blob", "about", "javascript", "vbscript", "mailto", "tel"})
_CSS_URL = re.compile(
    r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))|@import\s*(?:"([^"]*)"|'([^']*)')""",
    re.IGNORECASE,
)
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"\s;]+)", re.IGNORECASE)
# Only an image or raw HTML can make the renderer write a loading element: text without
# either is not rendered at all (a county's thousands of bodies stay cheap to check).
_MAY_LOAD = re.compile(r"!\[|<[A-Za-z]")
_HOST = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?[/\\]*([^/\\?#\s]*)")


def loads_from_elsewhere(url: str) -> bool:
    """Whether a browser fetching ``url`` from our page would contact another host.

    Relative paths (``media/a.jpg``, ``../x.png``, ``/x.png``) stay on the site; a
    scheme with a host (``https:``, ``ftp:``…) or a network path (``//host/…``) does not.
    Schemes without a host (``data:``, ``javascript:``) are not loads from elsewhere:
    the sanitiser's scheme list deals with them.
    """
    cleaned = _URL_NOISE.sub("", url).strip(_TRIMMED)
    if _NETWORK_PATH.match(cleaned):
        return True
    scheme = _SCHEME.match(cleaned)
    return scheme is not None and scheme.group(1).lower() not in _LOCAL_SCHEMES


def srcset_urls(value: str) -> list[str]:
    """The URLs of a ``srcset`` (``a.jpg 1x, b.jpg 2x``)."""
    return [part.split()[0] for part in value.split(",") if part.split()]


def css_urls(text: str) -> list[str]:
    """The URLs in CSS (``url(…)``, ``@import "…"``)."""
    return [next(g for g in match.groups() if g is not None) for match in _CSS_URL.finditer(text)]


def loaded_urls(tag: str, attributes: list[tuple[str, str | None]]) -> Iterator[str]:
    """Every URL that one start tag makes the browser fetch (or go to, for a refresh)."""
    values = {name.lower(): value or "" for name, value in attributes}
    for name, value in values.items():
        if name in LOADING_ATTRIBUTES:
            yield value
        elif name in SRCSET_ATTRIBUTES:
            yield from srcset_urls(value)
        elif name == "style":
            yield from css_urls(value)
        elif name in ("href", "xlink:href") and tag in LOADING_HREF:
            yield value
    if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
        found = _REFRESH_URL.search(values.get("content", ""))
        if found:
            yield found.group(1)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []  # (tag, url)
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls.extend((tag, url) for url in loaded_urls(tag, attrs) if loads_from_elsewhere(url))
        self.in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.in_style = False

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self.urls.extend(("style", url) for url in css_urls(data) if loads_from_elsewhere(url))


def external_urls(html: str) -> list[tuple[str, str]]:
    """(tag, URL) of every load from another host that ``html`` asks for, in order."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.urls


@dataclass(frozen=True)
class ExternalLoad:
    """One image or medium from another host, found in a Markdown text."""

    offset: int  # where the image (``![`` or ``<tag``) starts in the text
    tag: str  # the element that would load it: img, iframe, video, …
    url: str

    @property
    def host(self) -> str:
        found = _HOST.match(_URL_NOISE.sub("", self.url).strip())
        return found.group(1) if found and found.group(1) else self.url

    @property
    def what(self) -> str:
        return _KINDS.get(self.tag, "内容")


_KINDS = {
    "img": "图片",
    "image": "图片",
    "picture": "图片",
    "source": "图片或音视频",
    "video": "视频",
    "audio": "音频",
    "track": "字幕",
    "iframe": "内嵌网页",
    "frame": "内嵌网页",
    "embed": "内嵌内容",
    "object": "内嵌内容",
    "script": "脚本",
    "link": "样式或资源",
    "style": "样式",
    "meta": "跳转",
}


def find_external_loads(source: str, render: Callable[[str], str]) -> list[ExternalLoad]:
    """Loads from other hosts in Markdown ``source``, as ``render`` turns it into HTML.

    Each URL is looked up in the source after the previous one (the same picture twice
    is reported twice, at each place) and the position moved back to the start of its
    image or tag on that line; a URL the source spells differently (with entities, say)
    is reported at the first image or tag after the previous one.
    """
    if not may_load(source):
        return []
    found: list[ExternalLoad] = []
    cursor = 0
    for tag, url in external_urls(render(source)):
        position = source.find(url, cursor) if url else -1
        if position < 0:
            opening = _MAY_LOAD.search(source, cursor)
            position = opening.start() if opening else cursor
        found.append(ExternalLoad(image_start(source, position), tag, url))
        cursor = position + 1
    return found


ENTRY_FIX = (
    "删除它。照片放进本站的 media/ 文件夹，写在信息块的 photos 中，"
    "例如 photos: [{file: media/scene-1.jpg, caption: 活动现场}]；"
    "想让读者去看那个网站，请改用链接，例如 [查看原文](https://example.org/news)"
)
FIELD_FIX = (
    "删除它，简介和指引里只写文字；照片写在活动的 photos 中。"
    "想让读者去看那个网站，请改用链接，例如 [查看原文](https://example.org/news)"
)


def problem_text(source: str, load: ExternalLoad) -> str:
    """What is wrong, in Chinese, for the EXTERNAL_RESOURCE problem."""
    return (
        f"“{excerpt(source, load.offset)}”从其他网站（{load.host}）加载{load.what}："
        "网页不能从其他网站加载内容"
    )


def may_load(source: str) -> bool:
    """False when ``source`` cannot render to anything that loads (no image, no tag)."""
    return _MAY_LOAD.search(source) is not None


def image_start(text: str, position: int) -> int:
    """The ``![`` (on the same line) or the open tag's ``<`` around ``position``."""
    image = text.rfind("![", text.rfind("\n", 0, position) + 1, position)
    tag = text.rfind("<", 0, position)
    inside_tag = tag >= 0 and ">" not in text[tag:position]
    opening = max(image, tag if inside_tag else -1)
    return opening if opening >= 0 else position


def excerpt(text: str, start: int, length: int = 60) -> str:
    """The image's source from ``start`` to its end (``)`` or ``>``), on one line."""
    line_end = text.find("\n", start)
    piece = text[start : line_end if line_end >= 0 else len(text)]
    end = piece.find(")" if piece.startswith("![") else ">")
    piece = piece[: end + 1] if end >= 0 else piece
    return piece if len(piece) <= length else piece[: length - 1] + "…"
