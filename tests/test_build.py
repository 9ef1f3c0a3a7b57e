"""The demo county end to end: ``mkdocs build --strict`` and what lands in site/.

Expected values come from the content files themselves, read here with
``yaml.safe_load`` independently of the project's loader, and from label lists written
out below, never from the code under test.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import (
    DEMO_MIN_PAGES,
    REPO,
    Element,
    build_site,
    demo_pages_expected,
    entry_article,
    facts,
    make_county,
    parse_html,
)
from PIL import Image

from site_plugins.content.problems import CODES

# The national lists (中央文明办) the demo county uses; county.yml may rename some.
TEAM_CATEGORIES = {
    "theory": "理论宣讲",
    "education": "教育服务",
    "culture": "文化文艺",
    "science": "科技科普",
    "health": "健康促进和体育",
    "law": "法律服务",
    "customs": "乡风文明",
    "environment": "卫生环保",
    "poverty": "扶贫帮困",
    "enterprise": "创业富民",
}
HONOREE_CATEGORIES = {
    "helping": "助人为乐",
    "bravery": "见义勇为",
    "honesty": "诚实守信",
    "dedication": "敬业奉献",
    "filial": "孝老爱亲",
}
HONOUR_LEVELS = {
    "national": "国家级",
    "provincial": "省级",
    "city": "市级",
    "county": "县级",
    "township": "乡镇级",
    "village": "村级",
}
WEEKDAYS = "一二三四五六日"
QUARTERS = "一二三四"


@dataclass(frozen=True)
class Entry:
    kind: str  # "activities" or "honorees"
    township: str
    station: str
    slug: str
    meta: dict[str, Any]

    @property
    def page(self) -> str:
        return f"stations/{self.township}/{self.station}/{self.kind}/{self.slug}/index.html"

    @property
    def title(self) -> str:
        return str(self.meta["title" if self.kind == "activities" else "name"])


def front_matter(path: Path) -> dict[str, Any]:
    lines = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")
    assert lines[0].strip() == "---", path
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    meta = yaml.safe_load("\n".join(lines[1:end]))
    assert isinstance(meta, dict), path
    return meta


def demo_entries(content: Path) -> list[Entry]:
    entries = []
    for kind in ("activities", "honorees"):
        for path in sorted(content.glob(f"stations/*/*/{kind}/*.md")):
            township, station = path.parts[-4], path.parts[-3]
            entries.append(Entry(kind, township, station, path.stem, front_matter(path)))
    return entries


@pytest.fixture(scope="session")
def content(demo_site: Path) -> Path:
    return demo_site.parent / "content"


@pytest.fixture(scope="session")
def entries(content: Path) -> list[Entry]:
    found = demo_entries(content)
    assert found, "the demo county has no activities or honorees"
    return found


@pytest.fixture(scope="session")
def county(content: Path) -> dict[str, Any]:
    meta = yaml.safe_load((content / "county.yml").read_text(encoding="utf-8"))
    assert isinstance(meta, dict)
    return meta


@pytest.fixture(scope="session")
def pages(demo_site: Path, content: Path) -> dict[str, Element]:
    """Every HTML page of the demo site, parsed once: site-relative path → tree."""
    found = {
        p.relative_to(demo_site).as_posix(): parse_html(p.read_text(encoding="utf-8"))
        for p in sorted(demo_site.rglob("*.html"))
        # Redirect pages at renamed stations' former addresses and the /admin/ form editor
        # are plain HTML by design (tests/test_redirects.py and tests/test_cms.py check them).
        if not is_redirect_page(p) and not is_admin_page(p.relative_to(demo_site))
    }
    # The tests below hold for every page; on an empty or half-built site they would
    # pass over nothing. Every page the content calls for must be among these.
    expected = demo_pages_expected(content)
    assert len(expected) >= DEMO_MIN_PAGES
    assert [page for page in expected if page not in found] == []
    return found


def is_admin_page(rel: Path) -> bool:
    return rel.parts[0] == "admin"


def is_redirect_page(path: Path) -> bool:
    return '<meta http-equiv="refresh"' in path.read_text(encoding="utf-8")


@cache
def station_teams(content: Path, township: str, station: str) -> dict[str, str]:
    meta = yaml.safe_load(
        (content / "stations" / township / station / "station.yml").read_text(encoding="utf-8")
    )
    return {team["id"]: team["category"] for team in meta.get("teams", [])}


def unit_teams(content: Path, unit: str) -> dict[str, str]:
    """Team id → category of another unit named as ``unit:id`` (centre, a township, a station)."""
    if unit == "centre":
        path = content / "centre" / "centre.yml"
    elif "/" in unit:
        path = content / "stations" / unit / "station.yml"
    else:
        path = content / "stations" / unit / "township.yml"
    meta = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {team["id"]: team["category"] for team in meta.get("teams", [])}


def label(value: str, labels: dict[str, str]) -> str:
    """A label written either as its code or as its name, shown as the name."""
    return labels.get(value, value)


def county_labels(county: dict[str, Any], key: str, national: dict[str, str]) -> dict[str, str]:
    """The county's own list from county.yml, or the national list when it has none."""
    own = (county.get("labels") or {}).get(key)
    return dict(own) if own else national


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日（星期{WEEKDAYS[day.weekday()]}）"


def period_label(period: int | str) -> str:
    text = str(period)
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})|-Q(\d))?", text)
    assert match, text
    year, month, quarter = match.groups()
    if month:
        return f"{year}年{int(month)}月"
    if quarter:
        return f"{year}年第{QUARTERS[int(quarter) - 1]}季度"
    return f"{year}年度"


def metas(page: Element) -> dict[str, str]:
    return {
        m.attrs["name"]: m.attrs.get("content", "")
        for m in page.find_all("meta")
        if "name" in m.attrs
    }


# --- entry pages ------------------------------------------------------------------------


def test_every_entry_has_a_page_titled_as_in_its_file(
    demo_site: Path, entries: list[Entry], pages: dict[str, Element]
) -> None:
    missing = [e.page for e in entries if e.page not in pages]
    assert missing == []
    for entry in entries:
        headings = pages[entry.page].find_all("h1")
        assert len(headings) == 1, entry.page
        # A group's heading adds <small>（集体）</small> after the name.
        assert headings[0].own_text().strip() == entry.title, entry.page
        if entry.meta.get("kind") == "集体":
            assert headings[0].find("small").text() == "（集体）"
    published = [
        p
        for p in pages
        if re.fullmatch(r"stations/[^/]+/[^/]+/(activities|honorees)/[^/]+/index\.html", p)
    ]
    assert len(published) == len(entries)


def test_activity_pages_show_date_category_and_numbers(
    content: Path, county: dict[str, Any], entries: list[Entry], pages: dict[str, Element]
) -> None:
    categories = county_labels(county, "team_categories", TEAM_CATEGORIES)
    activities = [e for e in entries if e.kind == "activities"]
    assert activities
    for entry in activities:
        meta = entry.meta
        shown = facts(entry_article(pages[entry.page]))
        assert shown["时间"].startswith(chinese_date(meta["date"])), entry.page
        if "category" in meta:
            category = label(meta["category"], categories)
        else:
            owner, _, team_id = str(meta["team"]).rpartition(":")
            teams = (
                unit_teams(content, owner)
                if owner
                else station_teams(content, entry.township, entry.station)
            )
            category = label(teams[team_id], categories)
        assert shown["服务类别"] == category, entry.page
        assert shown["参与志愿者"] == f"{meta.get('volunteers', 0)} 人", entry.page
        assert shown["受益群众"] == f"{meta.get('beneficiaries', 0)} 人次", entry.page


def test_a_known_activity_page_reads_as_expected(pages: dict[str, Element]) -> None:
    # Written out by hand from content/stations/qingshi/zhangzhuang/activities/2026-06-19-duanwu-zongzi.md
    page = pages["stations/qingshi/zhangzhuang/activities/2026-06-19-duanwu-zongzi/index.html"]
    shown = facts(entry_article(page))
    assert "2026年6月19日" in shown["时间"]
    assert shown["服务类别"] == "文化文艺"
    assert shown["参与志愿者"] == "20 人"
    assert shown["受益群众"] == "130 人次"


def test_honoree_pages_show_summary_category_and_honours(
    county: dict[str, Any], entries: list[Entry], pages: dict[str, Element]
) -> None:
    categories = county_labels(county, "honoree_categories", HONOREE_CATEGORIES)
    levels = county_labels(county, "honour_levels", HONOUR_LEVELS)
    honorees = [e for e in entries if e.kind == "honorees"]
    assert honorees
    for entry in honorees:
        meta = entry.meta
        article = entry_article(pages[entry.page])
        assert article.find("p", "wm-summary").text().strip() == meta["summary"].strip()
        assert facts(article)["类别"] == label(meta["category"], categories), entry.page
        lines = [li.text() for li in article.find("ul", "wm-honours").find_all("li")]
        assert len(lines) == len(meta["honours"]), entry.page
        for honour in meta["honours"]:
            wanted = [
                period_label(honour["period"]),
                label(honour["level"], levels),
                honour["issuer"],
                *([honour["title"]] if honour.get("title") else []),
            ]
            assert any(all(w in line for w in wanted) for line in lines), (entry.page, wanted)


# --- every page ---------------------------------------------------------------------------


def test_every_page_is_in_chinese(pages: dict[str, Element]) -> None:
    wrong = [path for path, page in pages.items() if page.find("html").attrs.get("lang") != "zh"]
    assert wrong == []


def test_navigation_holds_only_the_hub_pages(
    content: Path, entries: list[Entry], pages: dict[str, Element]
) -> None:
    # Hubs only: townships, stations and entries are reached from the 实践站 page.
    expected = ["首页", "实践站", "月度主题", "好人榜", "月度通报", "投稿指南"]
    titles = {e.title for e in entries}
    long_titles = {t for t in titles if len(t) >= 6}  # safe to look for as substrings
    for path, page in pages.items():
        primary = page.find("nav", "md-nav--primary")
        # The current page's table of contents is folded into the primary nav for small
        # screens; its links are fragments of this page, not other pages.
        hubs = [
            a.text().strip()
            for a in primary.find_all("a", "md-nav__link")
            if not a.attrs.get("href", "").startswith("#")
        ]
        assert hubs == expected, path
        for nav in page.find_all(cls="md-nav"):
            link_texts = {a.text().strip() for a in nav.find_all("a")}
            assert not link_texts & titles, path
            nav_text = nav.text()
            assert not [t for t in long_titles if t in nav_text], path


def test_footer_and_government_metadata(
    county: dict[str, Any], entries: list[Entry], pages: dict[str, Element]
) -> None:
    footer = county["footer"]
    for path, page in pages.items():
        box = page.find(cls="md-copyright")
        links = {a.attrs.get("href"): a.text().strip() for a in box.find_all("a")}
        assert links.get("https://beian.miit.gov.cn/") == footer["icp"], path
        assert f"主办：{footer['sponsor']}" in box.text(), path
    for entry in (e for e in entries if e.kind == "activities"):
        meta = metas(pages[entry.page])
        assert meta.get("SiteName") == county["centre"], entry.page
        assert meta.get("SiteIDCode") == str(footer["site_code"]), entry.page
        assert meta.get("ArticleTitle") == entry.title, entry.page
        assert meta.get("PubDate") == entry.meta["date"].isoformat(), entry.page


def test_guide_lists_every_code_and_a_template(demo_site: Path, pages: dict[str, Element]) -> None:
    assert (demo_site / "guide" / "reference" / "index.html").is_file()
    guide = pages["guide/reference/index.html"]
    # Each code stands in its own <code> cell of the table, not merely somewhere in a word.
    shown = {c.text().strip() for c in guide.find_all("code")}
    assert [code for code in CODES if code not in shown] == []
    assert any("title:" in pre.text() for pre in guide.find_all("pre"))


def test_json_schemas_are_published(demo_site: Path) -> None:
    kinds = ("county", "township", "station", "activity", "honoree", "themes")
    for kind in kinds:
        path = demo_site / "schemas" / f"{kind}.schema.json"
        assert path.is_file(), path
        schema = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(schema.get("properties"), dict), path
    activity = json.loads((demo_site / "schemas" / "activity.schema.json").read_text("utf-8"))
    assert {"title", "date", "volunteers", "photos"} <= set(activity["properties"])


# --- nothing is loaded from another host ------------------------------------------------

SITE_HOST = urlsplit(yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))["site_url"]).netloc
# rel values that name another document rather than load one into this page.
NON_LOADING_RELS = {"canonical", "alternate", "sitemap"}
CDN_HOSTS = ("fonts.googleapis", "fonts.gstatic", "cdn.jsdelivr", "unpkg.com", "cdnjs")
# Material's bundle names unpkg.com for exactly two scripts, each fetched only on a
# condition this site never meets (both conditions are checked below):
# - resize-observer-polyfill: only when window.ResizeObserver is missing, and main.html
#   writes our vendored copy into the page first, so the bundle finds it defined;
# - mermaid: only when a page has a .mermaid element, and the sanitiser's class
#   allowlist drops that class from clerks' Markdown.
# The bundle also names api.github.com, used only for a repository link (repo_url),
# which this site does not configure. The lunr language files contain http URLs only in
# licence comments. So for JS the rule is: no CDN host at all, except those two; a
# file's leading comment (a licence header, such as the vendored polyfill's note that it
# replaces the unpkg.com copy) is not code and is not scanned.
MATERIAL_UNPKG = re.compile(
    r"https://unpkg\.com/(resize-observer-polyfill|mermaid@\d+/dist/mermaid\.min\.js)\b"
)
LEADING_COMMENT = re.compile(r"\A\s*/\*.*?\*/", re.DOTALL)
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""")
SCRIPT_SRC = re.compile(r"""src=\\?["']([^"'\\]+)""")


def is_local(url: str, *, own_host_ok: bool = True) -> bool:
    """Relative, root-relative or data: URLs; and the site's own host when allowed."""
    parts = urlsplit(url.strip())
    if parts.scheme == "data" or (not parts.scheme and not parts.netloc):
        return True
    return own_host_ok and parts.scheme in ("http", "https", "") and parts.netloc == SITE_HOST


def css_urls(css: str) -> list[str]:
    urls = ["".join(m.groups(default="")) for m in CSS_URL.finditer(css)]
    return urls + CSS_IMPORT.findall(css)


def external_loads(page: Element) -> list[str]:
    found = []
    for element in page.iter():
        attrs = element.attrs
        # src covers <img>, <script>, <iframe>, <source>, <embed>, <video>, <audio>.
        for name in ("src", "data", "poster"):
            if name in attrs and not is_local(attrs[name]):
                found.append(f"<{element.tag} {name}={attrs[name]}>")
        for candidate in attrs.get("srcset", "").split(","):
            url = candidate.strip().split(" ")[0]
            if url and not is_local(url):
                found.append(f"<{element.tag} srcset={url}>")
        if element.tag == "link":
            rels = set(attrs.get("rel", "").lower().split())
            if not rels <= NON_LOADING_RELS and not is_local(attrs.get("href", "")):
                found.append(f"<link rel={attrs.get('rel')} href={attrs.get('href')}>")
        found += [f"style url({u})" for u in css_urls(attrs.get("style", "")) if not is_local(u)]
        if element.tag == "style":
            found += [f"<style> url({u})" for u in css_urls(element.text()) if not is_local(u)]
        if element.tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            target = attrs.get("content", "").partition("=")[2].strip(" '\"")
            if target and not is_local(target):
                found.append(f"meta refresh {target}")
        if element.tag == "script" and "src" not in attrs:
            code = element.text()
            found += [f"inline script src={u}" for u in SCRIPT_SRC.findall(code) if not is_local(u)]
            found += [f"inline script names {h}" for h in CDN_HOSTS if h in code]
    return found


def test_html_loads_nothing_from_other_hosts(pages: dict[str, Element]) -> None:
    problems = {path: found for path, page in pages.items() if (found := external_loads(page))}
    assert problems == {}


def test_css_loads_nothing_from_other_hosts(demo_site: Path) -> None:
    sheets = sorted(demo_site.rglob("*.css"))
    assert sheets
    problems = {
        p.relative_to(demo_site).as_posix(): bad
        for p in sheets
        if (
            bad := [u for u in css_urls(p.read_text("utf-8")) if not is_local(u, own_host_ok=False)]
        )
    }
    assert problems == {}


def test_javascript_names_no_cdn(demo_site: Path) -> None:
    scripts = sorted(demo_site.rglob("*.js"))
    assert scripts
    problems = {}
    for path in scripts:
        code = LEADING_COMMENT.sub("", path.read_text("utf-8"), count=1)
        if re.fullmatch(r"bundle\.[0-9a-f]+\.min\.js", path.name):
            code = MATERIAL_UNPKG.sub("", code)
        if named := [h for h in CDN_HOSTS if h in code]:
            problems[path.relative_to(demo_site).as_posix()] = named
    assert problems == {}


def test_material_never_meets_its_cdn_conditions(
    demo_site: Path, pages: dict[str, Element]
) -> None:
    """The conditions under which the bundle's two unpkg.com URLs would be fetched."""
    assert (demo_site / "assets/javascripts/vendor/resize-observer.js").is_file()
    assert "repo_url" not in yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))
    for path, page in pages.items():
        scripts = page.find_all("script")
        # Material's bundle, loaded after the first paint (partials/wm-late-scripts.html).
        bundle = next(
            i
            for i, s in enumerate(scripts)
            if "/bundle." in s.attrs.get("src", s.attrs.get("data-wm-late", ""))
        )
        polyfill = [
            i
            for i, s in enumerate(scripts)
            if "window.ResizeObserver||" in s.text() and "vendor/resize-observer.js" in s.text()
        ]
        assert polyfill and polyfill[0] < bundle, path
        assert page.find_all(cls="mermaid") == [], path
        assert [e for e in page.iter() if e.attrs.get("data-md-component") == "source"] == [], path


# --- what is published ------------------------------------------------------------------


def test_no_raw_content_files_are_published(demo_site: Path) -> None:
    raw = [
        p.relative_to(demo_site).as_posix()
        for p in demo_site.rglob("*")
        # admin/<乡镇>/<村>/config.yml: the form editor's generated Decap configuration.
        if p.suffix.lower() in (".yml", ".yaml", ".md")
        and not is_admin_page(p.relative_to(demo_site))
    ]
    assert raw == []


def test_published_photos_carry_no_exif(demo_site: Path) -> None:
    photos = sorted(p for p in demo_site.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg"))
    assert photos, "the demo county publishes no photos"
    with_exif = []
    for path in photos:
        with Image.open(path) as image:
            if len(image.getexif()) or "exif" in image.info:
                with_exif.append(path.relative_to(demo_site).as_posix())
    assert with_exif == []


def test_build_is_reproducible(demo_site: Path, demo_site_again: Path) -> None:
    """A second build from a fresh copy gives the same bytes. It has its own (empty) photo
    cache, so photo processing runs again too, and its pages draw Material's navigation,
    footer and config themselves (``share_blocks: false``) instead of sharing them
    (site_plugins.generated.SharedBlocks), so sharing is shown to change no byte either."""
    again = demo_site_again
    first = {p.relative_to(demo_site).as_posix() for p in demo_site.rglob("*") if p.is_file()}
    second = {p.relative_to(again).as_posix() for p in again.rglob("*") if p.is_file()}
    assert sorted(first ^ second) == []
    differing = sorted(
        name for name in first if (demo_site / name).read_bytes() != (again / name).read_bytes()
    )
    assert differing == [], "differ between builds, or between shared and unshared blocks"
    # The comparison means something for sharing only if pages did share: every page drawn
    # with the theme (not the standalone /admin/ and redirect pages) carries the shared nav.
    config = (again.parent / "mkdocs.yml").read_text("utf-8")
    assert "share_blocks: false" in config
    themed = [
        html
        for name in first
        if name.endswith(".html")
        and b'class="md-header' in (html := (demo_site / name).read_bytes())
    ]
    assert len(themed) > 300
    assert all(b"md-nav--primary" in html for html in themed)


def test_bad_content_fails_the_build_with_every_error_logged(tmp_path: Path) -> None:
    bad = {
        "stations/qingshi/zhangzhuang/activities/a.md": "---\ntitle: 义诊\ndate: 2026-02-30\n---\n",
        "stations/qingshi/zhangzhuang/activities/b.md": "---\ntitle: 讲座\n---\n电话13912345678\n",
    }
    project = make_county(tmp_path / "bad", bad)
    result = build_site(project)
    assert result.returncode != 0
    log = result.stderr
    assert "activities/a.md:3:7  BAD_DATE" in log
    assert "activities/b.md:4:3  MOBILE_NUMBER" in log
    assert "activities/a.md:2:1  REQUIRED  缺少 category" in log  # despite its bad date
    # b.md also lacks its date; both lack a team or category.
    assert "内容检查发现 5 个错误" in log
    assert "Traceback" not in log
    assert not (project / "site" / "index.html").exists()
