"""Hostile and careless content, built into a real site: nothing it says becomes markup.

One county where every text field of every file kind (county.yml, township.yml,
station.yml, themes, activity and honoree front matter and bodies) carries quotes, angle
brackets, ampersands, newlines, ``</script>``, a ``<meta>`` attribute breakout, event
handlers, ``javascript:`` links, Jinja syntax and ``]]>`` is built once (module fixture);
the tests read every file it wrote: HTML pages, Atom and JSON feeds, the calendar, the
search index, the honour roll's script and the sitemap. A second, small build with a
tracking pixel must fail with the located error.

Expected values are the strings written here, never output of the code under test.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import STATION_DIR, build_site, make_county, parse_html

from site_plugins.content import load_catalogue

SITE_URL = "https://wmsj.example.gov.cn/"  # mkdocs.yml's site_url
SITE_NAME = "示范县新时代文明实践中心"  # mkdocs.yml's site_name

# An attribute breakout: printed unescaped inside content="…" it becomes a redirect.
BREAKOUT = 'x" http-equiv="refresh" content="1;url=https://evil.example/'
# Plain text fields refuse anything that opens a tag (MARKUP_IN_TEXT), so their hostile
# text is everything else: quotes, a lone "<", ">", "&", entities, Jinja, CDATA's end.
TEXT = "甲\"乙'丙 & 丁 a < b > c {{ 7*7 }} {% raw %} ]]> &lt;b&gt; javascript:alert(1)"
NAME = "张\"三' & <3 {{ 7*7 }}"  # honoree names: at most 40 characters
THEME_TITLE = '主题" onmouseover="alert(1)'  # theme titles: at most 40
DAY_NAME = "纪念日\"&'{{1}}"  # observance names: at most 20
LABEL = "文化\"文艺' & ![](https://evil.example/l.gif) [点](javascript:alert(1))"
CARELESS = "行首　全角空格\t制表符\u200b零宽\u2028行分隔 😀 " + "很长" * 60
# The same with a second line (YAML's "\n").
TEXT_2 = TEXT + "\n第二行"
FOCUS = TEXT + "\nURL:https://evil.example/"


def _dumps(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


# Markdown (bodies, intros, guidance): raw HTML of every dangerous kind.
MARKDOWN = """\
正文 <script>alert(1)</script> 后文 </script> <img src=x onerror=alert(1)>

[点我](javascript:alert(1)) <a href="JaVaScRiPt:alert(1)">二</a> <a href="https://example.org/ok">外链</a>

x" http-equiv="refresh" content="1;url=https://evil.example/

<meta http-equiv="refresh" content="0"> <svg onload=alert(1)></svg> <base href="/x/">

<p style="background:url(media/a.jpg)" onclick="alert(1)">样式</p> {{ 7*7 }} {% raw %} ]]> & < >

<iframe srcdoc="<script>alert(1)</script>"></iframe> <form action="/x"><input></form>
"""

COUNTY = f"""\
name: 示范县
centre: {_dumps(SITE_NAME + " " + BREAKOUT)}
intro: {_dumps(MARKDOWN)}
footer:
  sponsor: {_dumps(BREAKOUT)}
  organizer: {_dumps(TEXT_2)}
  icp: {_dumps(TEXT)}
  police: {_dumps(CARELESS)}
  site_code: '"> x &amp;'
  domain: {_dumps(BREAKOUT)}
labels:
  team_categories: {{culture: {_dumps(LABEL)}, theory: 理论宣讲}}
days:
  - {{month: 6, day: 18, name: {_dumps(DAY_NAME)}}}
"""

TOWNSHIP = f"""\
name: {_dumps("青石镇" + TEXT[:20])}
institute: {_dumps(BREAKOUT)}
intro: {_dumps(MARKDOWN)}
office:
  address: {_dumps(TEXT_2)}
  phone: {_dumps(BREAKOUT)}
"""

STATION = f"""\
name: {_dumps("张庄村" + BREAKOUT)}
kind: 村
full_name: {_dumps(TEXT)}
six_haves: {{venue: true, signage: true, team: true, projects: true, rules: true, display: true}}
teams:
  - id: culture
    name: {_dumps(BREAKOUT)}
    category: culture
    members: 22
office:
  address: {_dumps(CARELESS)}
intro: {_dumps(MARKDOWN)}
"""

THEMES = (
    "year: 2026\nmonths:\n"
    + "".join(f"  - month: {m}\n    title: 主题{m}\n" for m in range(1, 13) if m != 6)
    + (
        f"  - month: 6\n    title: {_dumps(THEME_TITLE)}\n"
        f"    focus: {_dumps(FOCUS)}\n"
        f"    guidance: {_dumps(MARKDOWN)}\n"
    )
)

ACTIVITY = f"""\
---
title: {_dumps(BREAKOUT)}
date: 2026-06-19
team: culture
volunteers: 8
location: {_dumps(TEXT_2)}
tags: [{_dumps(TEXT[:30])}, {_dumps(CARELESS)}]
photos:
  - file: media/scene-1.jpg
    caption: {_dumps(BREAKOUT)}
order: {{requested_by: {_dumps(TEXT)}}}
---

{MARKDOWN}
"""

# Careless too: a byte-order mark and Windows line endings.
HONOREE = (
    "\ufeff"
    + f"""\
---
name: {_dumps(NAME)}
category: 孝老爱亲
honours:
  - level: 县级
    issuer: {_dumps(TEXT)}
    title: {_dumps(BREAKOUT)}
    period: 2026-Q2
summary: {_dumps(BREAKOUT)}
consent: {{given: true, by: 本人, date: 2026-04-02}}
---

{MARKDOWN}
""".replace("\n", "\r\n")
)

ACTIVITY_PAGE = f"{STATION_DIR}/activities/2026-06-19-a/index.html"
HONOREE_PAGE = f"{STATION_DIR}/honorees/h/index.html"

FILES: dict[str, str | bytes] = {
    "county.yml": COUNTY,
    "themes/2026.yml": THEMES,
    "stations/qingshi/township.yml": TOWNSHIP,
    f"{STATION_DIR}/station.yml": STATION,
    f"{STATION_DIR}/activities/2026-06-19-a.md": ACTIVITY,
    f"{STATION_DIR}/honorees/h.md": HONOREE,
    "about.md": "# 关于 &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp;\n\n" + MARKDOWN,
}

# What a successful injection would leave behind; none of it may be markup.
MARKERS = ("alert(", "evil.example", "7*7", "onmouseover", "onerror")
# Loading elements and the attributes they load from.
LOADING = {
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
}
LOADING_LINK_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest"}
# A scheme other than data: (which names no host), or a network path (//host).
ELSEWHERE = re.compile(r"^\s*(?:(?!data:)[a-z][a-z0-9+.-]*:|[/\\]{2})", re.IGNORECASE)
JAVASCRIPT = re.compile(r"^\s*j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.IGNORECASE)


@dataclass
class Tag:
    name: str
    attrs: dict[str, str]


@dataclass
class Page:
    """Every element (tag and attributes) and the text of script elements and the title."""

    tags: list[Tag] = field(default_factory=list)
    scripts: list[tuple[str, str]] = field(default_factory=list)  # (type, text)
    title: str = ""
    h1: str = ""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.inside: str | None = None
        self.h1_seen = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.tags.append(Tag(tag, {k: v or "" for k, v in attrs}))
        if tag in ("script", "title", "h1"):
            self.inside = tag
            if tag == "script":
                self.page.scripts.append((dict(attrs).get("type") or "", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == self.inside:
            self.inside = None
            self.h1_seen = self.h1_seen or tag == "h1"

    def handle_data(self, data: str) -> None:
        if self.inside == "script":
            kind, text = self.page.scripts[-1]
            self.page.scripts[-1] = (kind, text + data)
        elif self.inside == "title":
            self.page.title += data
        elif self.inside == "h1" and not self.h1_seen:  # the first heading only
            self.page.h1 += data


def read_page(path: Path) -> Page:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return reader.page


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_county(tmp_path_factory.mktemp("hostile"), FILES)
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, Page]:
    return {p.relative_to(site).as_posix(): read_page(p) for p in sorted(site.rglob("*.html"))}


def all_tags(pages: dict[str, Page]) -> Iterator[tuple[str, Tag]]:
    for name, page in pages.items():
        for tag in page.tags:
            yield name, tag


def test_every_page_was_built(pages: dict[str, Page]) -> None:
    # The hostile entries are published (escaped), not dropped.
    for name in (ACTIVITY_PAGE, HONOREE_PAGE, "about/index.html", "themes/2026/06/index.html"):
        assert name in pages


def test_no_event_handler_attribute_anywhere(pages: dict[str, Page]) -> None:
    found = [(n, t.name, a) for n, t in all_tags(pages) for a in t.attrs if a.startswith("on")]
    assert found == []


def test_http_equiv_only_where_the_theme_puts_it(pages: dict[str, Page]) -> None:
    # The form pages (admin/<township>/<village>/, and one level up the centre's and the
    # townships' 菜单/点单 forms) forward to the editor: nothing else.
    found = [(n, t.attrs) for n, t in all_tags(pages) if "http-equiv" in t.attrs]
    assert found, "expected the form pages' own forward"
    for name, attrs in found:
        depth = name.count("/")
        assert name.startswith("admin/") and depth in (2, 3), name
        up = "../" * (depth - 1)
        assert attrs["content"].startswith(f"0; url={up}edit/?station="), attrs


def test_no_element_a_clerk_could_have_injected(pages: dict[str, Page]) -> None:
    # The theme has forms, inputs and selects (search, honour roll); never these.
    never = {"iframe", "frame", "object", "embed", "base", "textarea", "applet", "math"}
    assert [(n, t.name) for n, t in all_tags(pages) if t.name in never] == []


# What Markdown may become; everything else was the clerk's raw HTML and must be gone.
MARKDOWN_TAGS = {
    "p", "a", "img", "strong", "em", "code", "pre", "ul", "ol", "li", "blockquote", "br",
    "hr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
    "div", "span", "b", "i",
}  # fmt: skip


def test_bodies_and_intros_hold_only_markdown(site: Path) -> None:
    pages = {
        ACTIVITY_PAGE: "wm-body",
        HONOREE_PAGE: "wm-body",
        "stations/qingshi/index.html": "wm-intro",
        f"{STATION_DIR}/index.html": "wm-intro",
        "themes/2026/06/index.html": "wm-intro",
    }
    for name, cls in pages.items():
        regions = parse_html((site / name).read_text(encoding="utf-8")).find_all("div", cls)
        assert regions, name
        for region in regions:
            tags = {e.tag for e in region.iter()}
            assert tags <= MARKDOWN_TAGS, (name, tags - MARKDOWN_TAGS)
            assert "样式" in region.text()  # the harmless text around the markup stays
            assert all(
                not k.startswith("on") and k != "style" for e in region.iter() for k in e.attrs
            )


def test_scripts_say_nothing_the_content_said(pages: dict[str, Page]) -> None:
    # Data islands (<script type="application/json">) may carry content, as JSON whose
    # strings cannot end the element; code may carry none of it.
    for name, page in pages.items():
        for kind, text in page.scripts:
            if kind == "application/json":
                json.loads(text)
                assert "<" not in text, (name, text[:200])
            else:
                assert not [m for m in MARKERS if m in text], (name, text[:200])


def test_nothing_loads_from_another_host(pages: dict[str, Page]) -> None:
    for name, tag in all_tags(pages):
        urls = [tag.attrs[a] for a in LOADING.get(tag.name, ()) if a in tag.attrs]
        if tag.name == "link" and set(tag.attrs.get("rel", "").split()) & LOADING_LINK_RELS:
            urls.append(tag.attrs.get("href", ""))
        if tag.name == "meta" and tag.attrs.get("http-equiv", "").lower() == "refresh":
            urls.append(tag.attrs.get("content", "").partition("url=")[2])
        for url in urls:
            for one in url.split(","):
                assert not ELSEWHERE.match(one.strip()), (name, tag)


def test_no_javascript_url_anywhere(pages: dict[str, Page]) -> None:
    for name, tag in all_tags(pages):
        for attribute in ("href", "src", "action", "formaction", "xlink:href"):
            assert not JAVASCRIPT.match(tag.attrs.get(attribute, "")), (name, tag)


def test_links_to_other_sites_stay(pages: dict[str, Page]) -> None:
    hrefs = [t.attrs.get("href") for t in pages[ACTIVITY_PAGE].tags if t.name == "a"]
    assert "https://example.org/ok" in hrefs


def meta(page: Page, name: str) -> list[str]:
    return [
        t.attrs["content"] for t in page.tags if t.name == "meta" and t.attrs.get("name") == name
    ]


def test_titles_and_descriptions_read_back_exactly(pages: dict[str, Page]) -> None:
    # Escaped once: the browser shows exactly what the clerk wrote, no &amp;, no tag.
    activity, honoree = pages[ACTIVITY_PAGE], pages[HONOREE_PAGE]
    assert activity.title.strip() == f"{BREAKOUT} - {SITE_NAME}"
    assert meta(activity, "ArticleTitle") == [BREAKOUT]
    assert activity.h1.strip() == BREAKOUT
    assert meta(honoree, "description") == [BREAKOUT]
    assert honoree.title.strip() == f"{NAME} - {SITE_NAME}"
    assert meta(honoree, "SiteName") == [f"{SITE_NAME} {BREAKOUT}"]


def test_a_title_from_a_heading_cannot_close_the_title_element(pages: dict[str, Page]) -> None:
    # MkDocs keeps a heading's entities; Material's striptags would have decoded them.
    about = pages["about/index.html"]
    assert about.title.strip() == f"关于 </title><script>alert(1)</script> & - {SITE_NAME}"
    assert [t.name for t in about.tags].count("title") == 1


def test_jinja_syntax_is_shown_as_written(site: Path) -> None:
    html = (site / ACTIVITY_PAGE).read_text(encoding="utf-8")
    assert "{{ 7*7 }} {% raw %} ]]&gt;" in html
    assert ">49<" not in html


def test_guide_shows_label_names_as_text(pages: dict[str, Page]) -> None:
    guide = pages["guide/reference/index.html"]
    assert not [t for t in guide.tags if t.name == "img" and "evil" in t.attrs.get("src", "")]
    assert not [t for t in guide.tags if JAVASCRIPT.match(t.attrs.get("href", ""))]


def test_feeds_are_well_formed_and_say_it_as_text(site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    allowed = {
        f"{atom}{name}"
        for name in (
            "feed", "id", "title", "subtitle", "updated", "link", "author", "name", "entry",
            "published", "category", "summary",
        )
    }  # fmt: skip
    for path in (site / "feed.xml", site / STATION_DIR / "feed.xml"):
        root = ET.parse(path).getroot()
        assert {e.tag for e in root.iter()} <= allowed
        titles = [e.findtext(f"{atom}title") for e in root.iter(f"{atom}entry")]
        assert titles == [BREAKOUT]
    for path in (site / "feed.json", site / STATION_DIR / "feed.json"):
        feed = json.loads(path.read_text(encoding="utf-8"))
        assert [item["title"] for item in feed["items"]] == [BREAKOUT]
        for item in feed["items"]:  # plain text: what the sanitiser removed is gone
            assert "alert(" not in item["content_text"]
            assert "<script" not in item["content_text"]


def unfold(ics: str) -> list[str]:
    return ics.replace("\r\n ", "").split("\r\n")


def ics_text(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def test_calendar_has_no_injected_line(site: Path) -> None:
    names = {
        "BEGIN", "END", "PRODID", "VERSION", "CALSCALE", "METHOD", "NAME", "X-WR-CALNAME",
        "X-WR-TIMEZONE", "REFRESH-INTERVAL", "X-PUBLISHED-TTL", "UID", "DTSTAMP", "DTSTART",
        "DTEND", "SUMMARY", "TRANSP", "DESCRIPTION", "URL", "CATEGORIES",
    }  # fmt: skip
    files = list(site.rglob("*.ics"))
    assert files
    for path in files:
        lines = [line for line in unfold(path.read_bytes().decode("utf-8")) if line]
        assert {re.split("[;:]", line, maxsplit=1)[0] for line in lines} <= names
        urls = [line.partition(":")[2] for line in lines if line.startswith("URL")]
        assert urls and all(url.startswith(SITE_URL) for url in urls)
        summaries = [
            ics_text(line.partition(":")[2]) for line in lines if line.startswith("SUMMARY")
        ]
        assert f"6月主题：{THEME_TITLE}" in summaries
        assert DAY_NAME in summaries


def strings(value: object) -> list[str]:
    """Every string inside a JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [s for item in value for s in strings(item)] if isinstance(value, list) else []


def test_search_index_and_roll_script_are_data(site: Path) -> None:
    for path in sorted((site / "search").rglob("*.json")):
        json.loads(path.read_text(encoding="utf-8"))
    scripts = list((site / "honorees").glob("roll.*.js"))
    assert len(scripts) == 1
    text = scripts[0].read_text(encoding="utf-8")
    prefix = "window.wmHonorRoll="
    assert text.startswith(prefix) and text.endswith(";\n")
    assert any(BREAKOUT in s for s in strings(json.loads(text[len(prefix) : -2])))


def test_sitemap_lists_only_this_site(site: Path) -> None:
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = [e.text or "" for e in ET.parse(site / "sitemap.xml").getroot().iter(f"{ns}loc")]
    assert locs and all(loc.startswith(SITE_URL) for loc in locs)


# --- refused before anything is built ----------------------------------------------------

PIXEL_ACTIVITY = """\
---
title: 义诊进村
date: 2026-06-19
team: culture
---

志愿者为村民测量血压。

现场照片 ![签到](https://tracker.example/pixel.gif)
"""
PIXEL_STATION_INTRO = (
    "name: 张庄村\nkind: 村\n"
    "six_haves: {venue: true, signage: true, team: true, projects: true, rules: true, display: true}\n"
    "teams:\n  - {id: culture, name: 文艺队, category: 文化文艺, members: 3}\n"
    "intro: |\n  本站简介\n  <img alt=站 src=//tracker.example/p.gif>\n"
)


def test_a_tracking_pixel_fails_the_build_with_located_errors(tmp_path: Path) -> None:
    project = make_county(
        tmp_path,
        {
            f"{STATION_DIR}/activities/2026-06-19-pixel.md": PIXEL_ACTIVITY,
            f"{STATION_DIR}/station.yml": PIXEL_STATION_INTRO,
        },
    )
    result = build_site(project)
    assert result.returncode != 0
    assert (
        f"content/{STATION_DIR}/activities/2026-06-19-pixel.md:9:6  EXTERNAL_RESOURCE  "
        "“![签到](https://tracker.example/pixel.gif)”从其他网站（tracker.example）加载图片："
        "网页不能从其他网站加载内容 — 删除它。照片放进本站的 media/ 文件夹，写在信息块的 "
        "photos 中，例如 photos: [{file: media/scene-1.jpg, caption: 活动现场}]；"
        "想让读者去看那个网站，请改用链接，例如 [查看原文](https://example.org/news)"
    ) in result.stderr
    assert (
        f"content/{STATION_DIR}/station.yml:8:3  EXTERNAL_RESOURCE  "
        "“<img alt=站 src=//tracker.example/p.gif>”从其他网站（tracker.example）加载图片："
        "网页不能从其他网站加载内容 — 删除它，简介和指引里只写文字；照片写在活动的 photos 中。"
        "想让读者去看那个网站，请改用链接，例如 [查看原文](https://example.org/news)"
    ) in result.stderr
    assert not (project / "site" / "index.html").exists()


PLAIN_FIELDS = [
    ("county.yml", COUNTY.replace(f"sponsor: {_dumps(BREAKOUT)}", 'sponsor: "a</script>"')),
    ("stations/qingshi/township.yml", TOWNSHIP.replace("institute:", 'institute: "<b>"\nx:')),
    (
        f"{STATION_DIR}/station.yml",
        STATION.replace(f"full_name: {_dumps(TEXT)}", 'full_name: "</x>"'),
    ),
    ("themes/2026.yml", THEMES.replace("title: 主题1\n", 'title: "<script>"\n')),
    (
        f"{STATION_DIR}/activities/2026-06-19-a.md",
        ACTIVITY.replace("volunteers: 8", 'tags: ["<i>"]'),
    ),
    (
        f"{STATION_DIR}/honorees/h.md",
        HONOREE.replace(f"summary: {_dumps(BREAKOUT)}", 'summary: "<!--"'),
    ),
]


@pytest.mark.parametrize("rel, text", PLAIN_FIELDS, ids=[p for p, _ in PLAIN_FIELDS])
def test_a_tag_in_a_plain_text_field_is_refused(rel: str, text: str, tmp_path: Path) -> None:
    content = make_county(tmp_path, {**FILES, rel: text}) / "content"
    codes = {(p.code, p.path) for p in load_catalogue(content).errors}
    assert ("MARKUP_IN_TEXT", f"content/{rel}") in codes
