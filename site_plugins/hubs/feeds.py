"""Activity feeds: Atom 1.0 and JSON Feed 1.1, for the county and for every station.

People follow a station in a feed reader (or a WeChat mini-program that reads feeds)
instead of checking the site. Each feed lists the newest activities: title, absolute
link, date, a plain-text summary, the station as author, and the service category and
tags as categories.

Written with ``xml.etree.ElementTree`` and ``json`` rather than a feed library: feedgen
(the usual choice) stamps the wall clock into ``updated`` unless told otherwise, adds its
own generator version, needs lxml, and writes no JSON Feed. Here every date comes from
the content (an entry's is its activity date at 00:00 China time; a feed's is its newest
entry's), so the same content always gives byte-for-byte the same feeds.

Plain Python with no MkDocs imports: :func:`build_feeds` returns site path → text and
the caller decides how to publish it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from html import unescape
from xml.sax.saxutils import escape

from site_plugins import dates, routes
from site_plugins.content.catalogue import Activity, Catalogue
from site_plugins.content.safe_html import render_body

ATOM_NS = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
LANGUAGE = "zh-CN"
SUBTITLE = "新时代文明实践活动公示"
SUMMARY_LENGTH = 120
CHINA_OFFSET = "+08:00"

# Characters XML 1.0 forbids even escaped (C0 controls other than tab, LF, CR; lone
# surrogates; U+FFFE/U+FFFF). A clerk's pasted text can carry them; they are dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class FeedEntry:
    title: str
    url: str  # absolute; also the entry's id
    date: dt.date
    summary: str
    author: str
    categories: tuple[str, ...]

    @property
    def timestamp(self) -> str:
        return rfc3339(self.date)


@dataclass(frozen=True)
class Feed:
    title: str
    home_url: str  # the page the feed belongs to
    atom_url: str
    json_url: str
    author: str
    updated: dt.date
    entries: tuple[FeedEntry, ...]


def rfc3339(day: dt.date) -> str:
    """The start of ``day`` in China, e.g. ``2026-06-19T00:00:00+08:00``."""
    return f"{dates.iso(day)}T00:00:00{CHINA_OFFSET}"


@dataclass(frozen=True)
class FeedTexts:
    """One page's two feeds, made only when asked (mkdocs serve --dirty writes only the
    feeds whose activities changed)."""

    unit: str | None  # the unit whose activities they list (its key); None: the county
    atom_path: str
    atom: Callable[[], str]
    json_path: str
    json: Callable[[], str]


def feed_texts(catalogue: Catalogue, site_url: str, limit: int = 50) -> list[FeedTexts]:
    """The feeds, ``feed.xml`` and ``feed.json``, of the county, the centre's own page,
    each township (its 所 and stations) and each station.

    ``site_url`` should be absolute (``https://…/``): feed readers need absolute links.
    Entries are activities, newest first (same day: by slug, then station), at most
    ``limit`` per feed. A station without activities gets a valid, empty feed dated
    with the catalogue's reference date.
    """
    base = site_url if site_url.endswith("/") else f"{site_url}/"
    summaries: dict[tuple[str, str], str] = {}

    def entry(activity: Activity) -> FeedEntry:
        key = (activity.unit_key, activity.slug)
        if key not in summaries:
            summaries[key] = summarise(activity.body)
        return FeedEntry(
            title=activity.title,
            url=base + activity.url,
            date=activity.date,
            summary=summaries[key],
            author=catalogue.unit(activity.unit_key).name,
            categories=_unique(
                [
                    catalogue.county.labels.team_categories.label(activity.category),
                    *activity.meta.tags,
                ]
            ),
        )

    def feed(title: str, path: str, activities: Iterable[Activity]) -> Feed:
        newest = sorted(activities, key=lambda a: (-a.date.toordinal(), a.slug, a.unit_key))
        entries = tuple(entry(a) for a in newest[: max(limit, 0)])
        return Feed(
            title=title,
            home_url=base + path,
            atom_url=base + routes.feed_atom(path),
            json_url=base + routes.feed_json(path),
            author=title,
            updated=entries[0].date if entries else catalogue.reference_date,
            entries=entries,
        )

    def texts(
        title: str, path: str, unit: str | None, activities: Callable[[], Iterable[Activity]]
    ) -> FeedTexts:
        made: list[Feed] = []

        def one() -> Feed:  # made once for both files, when the first is written
            if not made:
                made.append(feed(title, path, activities()))
            return made[0]

        atom_path = routes.feed_atom(path)
        return FeedTexts(
            unit,
            atom_path,
            lambda: atom(one(), routes.feed_style(atom_path)),
            routes.feed_json(path),
            lambda: json_feed(one()),
        )

    centre = catalogue.county.meta.centre
    found = [texts(centre, routes.HOME, None, lambda: catalogue.activities)]
    # The centre's own work, and each township's (the 所's own and its stations').
    found.append(
        texts(centre, routes.CENTRE, "centre", lambda: catalogue.unit_activities("centre"))
    )
    for township in catalogue.townships:
        found.append(
            texts(
                township.institute,
                township.url,
                township.slug,
                partial(catalogue.township_activities, township.slug),
            )
        )
    for station in catalogue.stations:
        found.append(
            texts(
                station.full_name,
                station.url,
                station.key,
                partial(catalogue.station_activities, station.key),
            )
        )
    return found


def build_feeds(catalogue: Catalogue, site_url: str, limit: int = 50) -> dict[str, str]:
    """Site path → feed text, every feed of :func:`feed_texts`."""
    out: dict[str, str] = {}
    for one in feed_texts(catalogue, site_url, limit):
        out[one.atom_path] = one.atom()
        out[one.json_path] = one.json()
    return out


# --- Atom 1.0 (RFC 4287) ----------------------------------------------------------------


def atom(feed: Feed, stylesheet: str | None = None) -> str:
    """The feed as an Atom 1.0 document (UTF-8 declared; attributes in a fixed order).

    ``stylesheet``: an XSL file (relative address) that a browser opening the feed uses to
    show it as a readable page; feed readers ignore the processing instruction."""
    root = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": LANGUAGE})
    _text(root, "id", feed.atom_url)
    _text(root, "title", feed.title)
    _text(root, "subtitle", SUBTITLE)
    _text(root, "updated", rfc3339(feed.updated))
    ET.SubElement(root, "link", {"rel": "alternate", "type": "text/html", "href": feed.home_url})
    ET.SubElement(
        root, "link", {"rel": "self", "type": "application/atom+xml", "href": feed.atom_url}
    )
    _text(ET.SubElement(root, "author"), "name", feed.author)
    for item in feed.entries:
        node = ET.SubElement(root, "entry")
        _text(node, "id", item.url)
        _text(node, "title", item.title)
        ET.SubElement(node, "link", {"rel": "alternate", "type": "text/html", "href": item.url})
        _text(node, "published", item.timestamp)
        _text(node, "updated", item.timestamp)
        _text(ET.SubElement(node, "author"), "name", item.author)
        for category in item.categories:
            ET.SubElement(node, "category", {"term": _xml_safe(category)})
        summary = _text(node, "summary", item.summary)
        summary.set("type", "text")
    ET.indent(root, space="  ")
    head = '<?xml version="1.0" encoding="utf-8"?>\n'
    if stylesheet:
        head += f'<?xml-stylesheet type="text/xsl" href="{escape(stylesheet)}"?>\n'
    return head + ET.tostring(root, "unicode") + "\n"


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    node = ET.SubElement(parent, tag)
    node.text = _xml_safe(text)
    return node


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


# --- JSON Feed 1.1 ----------------------------------------------------------------------


def json_feed(feed: Feed) -> str:
    """The feed as JSON Feed 1.1 (keys in a fixed order, UTF-8 text, not \\u escapes)."""
    document = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "description": SUBTITLE,
        "home_page_url": feed.home_url,
        "feed_url": feed.json_url,
        "language": LANGUAGE,
        "authors": [{"name": feed.author}],
        "items": [
            {
                "id": item.url,
                "url": item.url,
                "title": item.title,
                # JSON Feed needs content_html or content_text: the summary, as plain text.
                "content_text": item.summary,
                "summary": item.summary,
                "date_published": item.timestamp,
                "authors": [{"name": item.author}],
                "tags": list(item.categories),
            }
            for item in feed.entries
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# --- summaries --------------------------------------------------------------------------


# A tag (closing?, name) or a run of text. The input is our sanitiser's output: quoted
# attributes, no comments, so a regular expression reads it (html.parser was slower than
# rendering the Markdown).
_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>|([^<]+)|<")
# Inline tags join their text to the next (Chinese has no spaces between words); any
# other tag is a block and leaves a space.
_INLINE = frozenset(
    {
        "a", "abbr", "b", "code", "del", "em", "i", "ins", "kbd", "mark", "q", "s",
        "small", "span", "strong", "sub", "sup", "u",
    }
)  # fmt: skip
_SKIP = frozenset({"script", "style", "template", "svg", "math"})


def plain_text(markdown_source: str) -> str:
    """Markdown (with any raw HTML in it) as one line of plain text.

    The body goes through the site's own renderer and allowlist sanitiser first, so the
    text is what a reader sees on the page: no link targets, no emphasis marks, nothing
    from a script. The result is text, escaped again by whoever writes it out.
    """
    parts: list[str] = []
    skipping = 0
    for match in _TOKEN.finditer(render_body(markdown_source)):
        closing, tag, text = match.groups()
        if tag is None:
            if not skipping:
                parts.append(unescape(text) if text is not None else "<")
            continue
        tag = tag.lower()
        if tag in _SKIP:
            skipping = max(skipping - 1, 0) if closing else skipping + 1
        if tag not in _INLINE:
            parts.append(" ")
    return " ".join("".join(parts).split())


_SENTENCE_ENDS = "。！？；!?;"


def summarise(markdown_source: str, length: int = SUMMARY_LENGTH) -> str:
    """About the first ``length`` characters of the body as plain text.

    Cut after the last sentence end in the final quarter if there is one, else at
    ``length``; an ellipsis marks a cut.
    """
    text = plain_text(markdown_source)
    if len(text) <= length:
        return text
    cut = text[:length]
    end = max(cut.rfind(mark) for mark in _SENTENCE_ENDS)
    if end >= length * 3 // 4:
        cut = cut[: end + 1]
    return cut.rstrip() + "…"


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))
