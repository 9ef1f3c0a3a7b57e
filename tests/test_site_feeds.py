"""Feeds and the sitemap of the built demo county, read with a real feed parser."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import yaml
from conftest import REPO

SITE_URL = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))["site_url"]


def activities(content: Path, station: str = "*/*") -> list[tuple[str, str, str]]:
    """(date, station folder, title) of every activity file, read independently."""
    found = []
    for path in (content / "stations").glob(f"{station}/activities/*.md"):
        meta = yaml.safe_load(path.read_text("utf-8").split("---")[1])
        found.append((str(meta["date"]), path.parent.parent.name, meta["title"]))
    return found


def test_county_feed_lists_the_newest_activities(demo_site: Path) -> None:
    feed = feedparser.parse((demo_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "示范县新时代文明实践中心"
    newest = max(activities(REPO / "content"))
    assert len(feed.entries) == 50
    # Any unit's: a station's, a 所's own or the centre's.
    assert feed.entries[0].link.startswith((SITE_URL + "stations/", SITE_URL + "centre/"))
    dates = [e.updated[:10] for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    assert dates[0] == newest[0]


def test_station_feeds_hold_only_their_own_activities(demo_site: Path) -> None:
    station = "qingshi/zhangzhuang"
    feed = feedparser.parse((demo_site / "stations" / station / "feed.xml").read_bytes())
    own = activities(REPO / "content", station)
    assert own, f"the demo's {station} has no activities to compare"
    assert sorted(e.title for e in feed.entries) == sorted(t for _, _, t in own)
    assert all(f"/stations/{station}/activities/" in e.link for e in feed.entries)
    as_json = json.loads((demo_site / "stations" / station / "feed.json").read_text("utf-8"))
    assert as_json["version"] == "https://jsonfeed.org/version/1.1"
    assert [i["title"] for i in as_json["items"]] == [e.title for e in feed.entries]


def test_pages_link_their_feeds(demo_site: Path) -> None:
    home = (demo_site / "index.html").read_text("utf-8")
    assert 'type="application/atom+xml"' in home and 'href="feed.xml"' in home


def test_every_indexable_page_is_in_the_sitemap(demo_site: Path) -> None:
    """Every page but those that ask search engines to skip them (redirects, /admin/)."""
    tree = ElementTree.parse(demo_site / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {loc.text for loc in tree.getroot().findall("s:url/s:loc", ns)}
    pages = {
        SITE_URL + str(p.parent.relative_to(demo_site)).removeprefix(".") + "/"
        for p in demo_site.rglob("index.html")
        if '<meta name="robots" content="noindex' not in p.read_text(encoding="utf-8")
    }
    pages = {p.replace(SITE_URL + "/", SITE_URL) for p in pages}
    assert len(pages) > 200  # the demo's entries alone are more: a full site was read
    assert pages - listed == set()
