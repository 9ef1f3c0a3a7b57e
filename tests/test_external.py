"""Loads from other hosts (found in Markdown, dropped by the sanitiser) and the escaping
of page values for templates that print them raw. Pure functions, no build."""

from __future__ import annotations

import pytest
from jinja2 import Environment
from markupsafe import Markup

from site_plugins.content.external import find_external_loads, loads_from_elsewhere
from site_plugins.content.safe_html import clean_html, render_markdown, render_unsanitised
from site_plugins.content.template_safety import escape_meta, safe_striptags, safe_title

ELSEWHERE = [
    "https://evil.example/p.gif",
    "http://evil.example/p.gif",
    "HTTPS://EVIL.EXAMPLE/p.gif",
    "//evil.example/p.gif",
    "\\\\evil.example/p.gif",
    "/\\evil.example/p.gif",
    " \t//evil.example/p.gif",
    "ht\ttps://evil.example/p.gif",  # browsers drop tabs and newlines inside URLs
    "ftp://evil.example/p.gif",
    "https:evil.example/p.gif",
]
LOCAL = [
    "media/a.jpg",
    "../media/a.jpg",
    "/assets/a.png",
    "a.jpg?x=https://evil.example/",
    "#top",
    "data:image/gif;base64,R0lGOD",
    "",
]


@pytest.mark.parametrize("url", ELSEWHERE)
def test_urls_that_load_from_elsewhere(url: str) -> None:
    assert loads_from_elsewhere(url)


@pytest.mark.parametrize("url", LOCAL)
def test_urls_that_stay_on_the_site(url: str) -> None:
    assert not loads_from_elsewhere(url)


# (Markdown, offset of the image or tag it must be reported at, element)
FOUND = [
    ("![a](https://evil.example/p.gif)", 0, "img"),
    ("前文 ![a](//evil.example/p.gif)", 3, "img"),
    ('<img src="&#104;ttps://evil.example/p.gif">', 0, "img"),
    ('x <img\n  src="https://evil.example/p.gif">', 2, "img"),
    ('<video poster="https://evil.example/v.jpg"></video>', 0, "video"),
    ('<audio src="https://evil.example/a.mp3"></audio>', 0, "audio"),
    ('<iframe src="https://evil.example/"></iframe>', 0, "iframe"),
    ('<picture><source srcset="a.jpg 1x, https://evil.example/b.jpg 2x"></picture>', 9, "source"),
    ("<p style=\"background: url('https://evil.example/bg.png')\">x</p>", 0, "p"),
    ("<style>@import 'https://evil.example/s.css';</style>", 16, "style"),  # the URL itself
    ('<link rel="stylesheet" href="//evil.example/s.css">', 0, "link"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', 0, "meta"),
    ('<svg><image href="https://evil.example/i.png"/></svg>', 5, "image"),
]


@pytest.mark.parametrize("source, offset, tag", FOUND)
def test_every_spelling_of_a_load_is_found_and_located(source: str, offset: int, tag: str) -> None:
    found = find_external_loads(source, render_unsanitised)
    assert [(f.offset, f.tag, f.host) for f in found] == [(offset, tag, "evil.example")]


def test_links_and_local_images_are_not_loads() -> None:
    source = (
        "[原文](https://example.org/a) <a href='//example.org/b'>b</a> <https://example.org/c>\n\n"
        "![本站](media/a.jpg) <img src='../media/b.jpg'>"
    )
    assert find_external_loads(source, render_unsanitised) == []


def test_the_same_picture_twice_is_reported_at_both_places() -> None:
    source = "![a](https://evil.example/p.gif)\n\n![b](https://evil.example/p.gif)"
    found = find_external_loads(source, render_unsanitised)
    assert [f.offset for f in found] == [0, source.index("![b]")]


def test_sanitiser_drops_loads_from_elsewhere_but_keeps_links() -> None:
    html = (
        '<p><img src="https://evil.example/p.gif" alt="a"><img src="//evil.example/q.gif">'
        '<img src="media/ok.jpg"><a href="https://example.org/">link</a></p>'
    )
    cleaned = clean_html(html)
    assert "evil.example" not in cleaned
    assert '<img src="media/ok.jpg">' in cleaned
    assert '<a href="https://example.org/" rel="noopener noreferrer">link</a>' in cleaned
    assert "evil.example" not in render_markdown("![a](https://evil.example/p.gif)")


def test_meta_strings_are_escaped_everywhere_but_the_template_name() -> None:
    meta = escape_meta(
        {
            "template": "activity.html",
            "description": 'x" http-equiv="refresh',
            "hide": ["toc", "<b>"],
            "nested": {"a": "&"},
            "count": 3,
        }
    )
    assert meta["template"] == "activity.html" and not isinstance(meta["template"], Markup)
    assert meta["description"] == "x&#34; http-equiv=&#34;refresh"
    assert meta["hide"] == ["toc", "&lt;b&gt;"]
    assert meta["nested"] == {"a": "&amp;"}
    assert meta["count"] == 3


def test_escaping_twice_changes_nothing() -> None:
    once = escape_meta({"title": "a & <b>"})
    assert escape_meta(once) == once
    assert safe_title(once["title"]) == "a &amp; &lt;b&gt;"


def test_a_title_from_a_heading_is_html_text_made_safe() -> None:
    # MkDocs keeps a heading's entities and strips its tags.
    assert safe_title("关于 &lt;/title&gt; &amp; x") == "关于 &lt;/title&gt; &amp; x"
    assert safe_title("a < b") == "a &lt; b"
    assert safe_title(None) is None


def test_our_templates_do_not_escape_an_escaped_value_again() -> None:
    env = Environment(autoescape=False)
    env.filters["striptags"] = safe_striptags
    value = escape_meta({"t": '"&lt;/title&gt;'})["t"]
    assert env.from_string("{{ t | e }}|{{ t }}").render(t=value) == (
        "&#34;&amp;lt;/title&amp;gt;|&#34;&amp;lt;/title&amp;gt;"
    )
    # Material's <title>: {{ page.title | striptags }} must not decode entities into tags.
    heading = "关于 &lt;/title&gt;&lt;script&gt; <b>x</b>"
    assert env.from_string("{{ t | striptags }}").render(t=heading) == (
        "关于 &lt;/title&gt;&lt;script&gt; x"
    )
