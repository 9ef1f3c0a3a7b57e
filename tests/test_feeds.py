"""Feeds: Atom 1.0 and JSON Feed 1.1 for the county and each station, reproducible.

The Atom feeds are read back with feedparser (what feed readers are built on); the
JSON feeds with json (feedparser 6 does not read JSON Feed) against the 1.1 spec's
required fields.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import feedparser
import pytest
from conftest import SOURCE_DATE_EPOCH, STATION_DIR, STATION_YML, make_county

from site_plugins.content import Catalogue, load_catalogue
from site_plugins.hubs.feeds import build_feeds, summarise

SITE = "https://wmsj.example.gov.cn/"
EMPTY_STATION = "stations/qingshi/lijia"
ATOM = "{http://www.w3.org/2005/Atom}"

LONG_BODY = (
    "今天上午，**张庄村文艺志愿服务小队**在[村文化广场](https://example.com/x)"
    "为老人们表演了快板、秧歌和小品。<script>alert('x')</script>"
    "演出结束后，志愿者们还为行动不便的老人送去了月饼&amp;水果。"
    "<span>老人们说：“这样的活动要常办。”</span>\n\n"
    "## 下一步\n\n- 每月一次送戏下乡\n- 组织青年学唱地方戏\n\n"
    "实践站还将结合重阳节开展敬老活动，邀请更多的志愿者参与进来，"
    "让文明新风吹进千家万户，让乡村生活更加丰富多彩。"
)


def activity(
    title: str, date: str, body: str = "活动正文。", extra: str = "", team: str = "culture"
) -> str:
    return f"---\ntitle: {title}\ndate: {date}\nteam: {team}\n{extra}---\n\n{body}\n"


ACTIVITIES = {
    "2026-03-05-leifeng.md": activity("学雷锋 & 做好事", "2026-03-05", extra="tags: [学雷锋]\n"),
    "2026-06-19-duanwu.md": activity(
        "粽叶飘香 <迎端午>", "2026-06-19", extra="tags: [我们的节日, 端午, 文化文艺]\n"
    ),
    "2026-06-19-anquan.md": activity("防溺水安全课", "2026-06-19", team="theory"),
    "2026-09-25-zhongqiu.md": activity("中秋送戏", "2026-09-25", LONG_BODY),
    "2026-01-10-dongri.md": activity("冬日暖阳", "2026-01-10"),
}
# Newest first; the two on 2026-06-19 by slug.
ORDER = [
    "2026-09-25-zhongqiu",
    "2026-06-19-anquan",
    "2026-06-19-duanwu",
    "2026-03-05-leifeng",
    "2026-01-10-dongri",
]


def url_of(slug: str) -> str:
    return f"{SITE}{STATION_DIR}/activities/{slug}/"


def load(tmp_path: Path) -> Catalogue:
    files: dict[str, str | bytes] = {
        f"{STATION_DIR}/activities/{name}": text for name, text in ACTIVITIES.items()
    }
    files[f"{EMPTY_STATION}/station.yml"] = STATION_YML.replace("张庄村", "李家村")
    project = make_county(tmp_path, files)
    catalogue = load_catalogue(project / "content", SOURCE_DATE_EPOCH)
    assert catalogue.errors == (), [p.format() for p in catalogue.errors]
    return catalogue


@pytest.fixture
def catalogue(tmp_path: Path) -> Catalogue:
    return load(tmp_path)


@pytest.fixture
def feeds(catalogue: Catalogue) -> dict[str, str]:
    return build_feeds(catalogue, SITE)


def parse_atom(text: str) -> Any:
    parsed = feedparser.parse(text.encode("utf-8"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def parse_json_feed(text: str) -> dict[str, Any]:
    document = json.loads(text)
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(document["title"], str)
    assert isinstance(document["items"], list)
    for item in document["items"]:
        assert isinstance(item["id"], str)
        assert "content_text" in item or "content_html" in item
    return document  # type: ignore[no-any-return]


def test_one_atom_and_one_json_feed_for_the_county_and_each_station(
    feeds: dict[str, str],
) -> None:
    assert sorted(feeds) == sorted(
        [
            "feed.xml",
            "feed.json",
            # The centre's own page and each township's (its 所 and its stations).
            "centre/feed.xml",
            "centre/feed.json",
            "stations/qingshi/feed.xml",
            "stations/qingshi/feed.json",
            f"{STATION_DIR}/feed.xml",
            f"{STATION_DIR}/feed.json",
            f"{EMPTY_STATION}/feed.xml",
            f"{EMPTY_STATION}/feed.json",
        ]
    )


def test_county_atom_feed_lists_activities_newest_first(feeds: dict[str, str]) -> None:
    parsed = parse_atom(feeds["feed.xml"])
    assert parsed.feed.title == "示范县新时代文明实践中心"
    assert parsed.feed.id == f"{SITE}feed.xml"
    assert parsed.feed.updated == "2026-09-25T00:00:00+08:00"
    links = {link.rel: link.href for link in parsed.feed.links}
    assert links == {"alternate": SITE, "self": f"{SITE}feed.xml"}
    assert [e.link for e in parsed.entries] == [url_of(slug) for slug in ORDER]
    assert [e.id for e in parsed.entries] == [url_of(slug) for slug in ORDER]
    assert [e.title for e in parsed.entries] == [
        "中秋送戏",
        "防溺水安全课",
        "粽叶飘香 <迎端午>",
        "学雷锋 & 做好事",
        "冬日暖阳",
    ]
    first = parsed.entries[0]
    assert first.published == first.updated == "2026-09-25T00:00:00+08:00"
    assert first.author == "张庄村新时代文明实践站"
    duanwu = parsed.entries[2]
    # The category label first, then the tags, each once.
    assert [t.term for t in duanwu.tags] == ["文化文艺", "我们的节日", "端午"]
    assert [t.term for t in parsed.entries[1].tags] == ["理论宣讲"]


def test_county_json_feed_matches_the_atom_feed(feeds: dict[str, str]) -> None:
    document = parse_json_feed(feeds["feed.json"])
    assert document["title"] == "示范县新时代文明实践中心"
    assert document["home_page_url"] == SITE
    assert document["feed_url"] == f"{SITE}feed.json"
    items = document["items"]
    assert [i["url"] for i in items] == [url_of(slug) for slug in ORDER]
    assert [i["id"] for i in items] == [url_of(slug) for slug in ORDER]
    assert items[0]["date_published"] == "2026-09-25T00:00:00+08:00"
    assert items[0]["authors"] == [{"name": "张庄村新时代文明实践站"}]
    assert items[2]["tags"] == ["文化文艺", "我们的节日", "端午"]
    atom = parse_atom(feeds["feed.xml"])
    assert [i["title"] for i in items] == [e.title for e in atom.entries]
    assert [i["summary"] for i in items] == [e.summary for e in atom.entries]


def test_summaries_are_short_plain_text(feeds: dict[str, str]) -> None:
    entry = parse_atom(feeds["feed.xml"]).entries[0]
    summary = entry.summary
    assert entry.summary_detail.type == "text/plain"
    assert summary.startswith("今天上午，张庄村文艺志愿服务小队在村文化广场为老人们表演了")
    assert "月饼&水果" in summary
    for leftover in ("**", "](", "example.com", "<", "alert", "##"):
        assert leftover not in summary
    assert summary.endswith("…")
    assert 60 <= len(summary) <= 121
    assert parse_atom(feeds["feed.xml"]).entries[1].summary == "活动正文。"


def test_summarise_cuts_long_text_and_strips_markup() -> None:
    assert summarise("短短一句。") == "短短一句。"
    assert summarise("[链接文字](javascript:alert(1)) <b>粗</b> `代码` &lt;b&gt;") == (
        "链接文字 粗 代码 <b>"
    )
    long = "字" * 200
    assert summarise(long) == "字" * 120 + "…"
    sentences = "这是一句话。" * 30
    cut = summarise(sentences)
    assert cut.endswith("。…")
    assert 90 <= len(cut) <= 121


def test_station_feeds_hold_only_that_station(feeds: dict[str, str]) -> None:
    parsed = parse_atom(feeds[f"{STATION_DIR}/feed.xml"])
    assert parsed.feed.title == "张庄村新时代文明实践站"
    assert parsed.feed.id == f"{SITE}{STATION_DIR}/feed.xml"
    assert parsed.feed.link == f"{SITE}{STATION_DIR}/"
    assert [e.link for e in parsed.entries] == [url_of(slug) for slug in ORDER]
    document = parse_json_feed(feeds[f"{STATION_DIR}/feed.json"])
    assert document["feed_url"] == f"{SITE}{STATION_DIR}/feed.json"
    assert len(document["items"]) == len(ORDER)


def test_a_station_without_activities_has_a_valid_empty_feed(feeds: dict[str, str]) -> None:
    parsed = parse_atom(feeds[f"{EMPTY_STATION}/feed.xml"])
    assert parsed.entries == []
    assert parsed.feed.title == "李家村新时代文明实践站"
    assert parsed.feed.author == "李家村新时代文明实践站"
    # No entries to date it by: the build's reference date (SOURCE_DATE_EPOCH), not the clock.
    assert parsed.feed.updated == "2026-12-06T00:00:00+08:00"
    document = parse_json_feed(feeds[f"{EMPTY_STATION}/feed.json"])
    assert document["items"] == []


def test_atom_entries_have_what_rfc_4287_requires(feeds: dict[str, str]) -> None:
    for path in ("feed.xml", f"{STATION_DIR}/feed.xml", f"{EMPTY_STATION}/feed.xml"):
        root = ET.fromstring(feeds[path].encode("utf-8"))
        assert root.tag == f"{ATOM}feed"
        for tag in ("id", "title", "updated"):
            assert len(root.findall(f"{ATOM}{tag}")) == 1
        assert root.find(f"{ATOM}author/{ATOM}name") is not None
        for entry in root.findall(f"{ATOM}entry"):
            for tag in ("id", "title", "updated", "summary", "author"):
                assert len(entry.findall(f"{ATOM}{tag}")) == 1, (path, tag)


def test_limit_keeps_the_newest(catalogue: Catalogue) -> None:
    feeds = build_feeds(catalogue, SITE, limit=2)
    parsed = parse_atom(feeds["feed.xml"])
    assert [e.link for e in parsed.entries] == [url_of(slug) for slug in ORDER[:2]]
    assert parsed.feed.updated == "2026-09-25T00:00:00+08:00"
    assert len(parse_json_feed(feeds[f"{STATION_DIR}/feed.json"])["items"]) == 2


def test_site_url_without_a_trailing_slash(catalogue: Catalogue) -> None:
    feeds = build_feeds(catalogue, SITE.rstrip("/"))
    assert feeds == build_feeds(catalogue, SITE)


def test_output_is_identical_across_calls_and_loads(tmp_path: Path) -> None:
    first = build_feeds(load(tmp_path / "a"), SITE)
    again = build_feeds(load(tmp_path / "a2"), SITE)
    assert first == again
    catalogue = load(tmp_path / "b")
    assert build_feeds(catalogue, SITE) == build_feeds(catalogue, SITE)
    assert first["feed.xml"].startswith(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<?xml-stylesheet type="text/xsl" href="assets/feed.xsl"?>\n<feed '
    )
    station = first[f"{STATION_DIR}/feed.xml"]
    assert '<?xml-stylesheet type="text/xsl" href="../../../assets/feed.xsl"?>' in station
    # Real UTF-8, not character references; XML specials escaped.
    assert "示范县" in first["feed.xml"]
    assert "学雷锋 &amp; 做好事" in first["feed.xml"]
    assert "粽叶飘香 &lt;迎端午&gt;" in first["feed.xml"]
