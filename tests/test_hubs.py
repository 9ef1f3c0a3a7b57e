"""Hub pages: stations index, township, station (paginated, by month) and county home.

Built from one small county whose stations each hold one case (``county``), plus the demo.
conftest's build_site fixes the build date at 2026-12-06 (SOURCE_DATE_EPOCH), so "this year"
is 2026 and "近30天无活动" means no activity since 2026-11-06.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import REPO, STATION_DIR, Element, build_site, make_county, parse_html

from site_plugins import routes
from site_plugins.hubs.pagination import page_url, paginate

STATION_YML = """\
name: {name}
kind: 村
six_haves: {{venue: true, signage: false, team: true, projects: true, rules: true, display: true}}
teams:
  - {{id: culture, name: 文艺队, category: 文化文艺, members: 9}}
"""


def activity(title: str, date: str, **extra: object) -> str:
    lines = [f"title: {title}", f"date: {date}", "category: 文化文艺", "volunteers: 3"]
    lines += [f"{k}: {v}" for k, v in extra.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n正文。\n"


def many(count: int, station_dir: str = STATION_DIR) -> dict[str, str]:
    """``count`` activities on distinct days of 2025, numbered from the oldest."""
    files = {}
    for n in range(1, count + 1):
        month, day = 1 + (n - 1) // 28, 1 + (n - 1) % 28
        date = f"2025-{month:02d}-{day:02d}"
        files[f"{station_dir}/activities/{date}-a{n}.md"] = activity(f"活动第{n}号", date)
    return files


def page(site: Path, path: str) -> Element:
    return parse_html((site / path / "index.html").read_text("utf-8"))


def listed_titles(root: Element) -> list[str]:
    return [li.find("a").text() for li in root.find("ol", "wm-list").find_all("li")]


# --- pagination as a pure function ------------------------------------------------------


@pytest.mark.parametrize(("items", "pages"), [(0, 1), (1, 1), (20, 1), (21, 2), (40, 2), (41, 3)])
def test_paginate_page_counts(items: int, pages: int) -> None:
    slices = paginate(list(range(items)), 20, "stations/q/z/")
    assert len(slices) == pages
    assert sum(len(s.items) for s in slices) == items
    assert [s.pager.number for s in slices] == list(range(1, pages + 1))


def test_page_urls_are_stable() -> None:
    assert page_url("stations/q/z/", 1) == "stations/q/z/"
    assert page_url("stations/q/z/", 3) == "stations/q/z/page/3/"
    last = paginate(list(range(41)), 20, "stations/q/z/")[-1]
    assert (last.pager.previous, last.pager.next) == ("stations/q/z/page/2/", None)
    assert last.url == "stations/q/z/page/3/"
    assert routes.source_of(last.url) == "stations/q/z/page/3.md"


def test_pager_links_elide_far_pages() -> None:
    middle = paginate(list(range(200)), 10, "b/")[9].pager  # page 10 of 20
    numbers = [n for n, _ in middle.links]
    assert numbers == [1, 0, 8, 9, 10, 11, 12, 0, 20]


# --- one small county, each station one case ---------------------------------------------

# Township qingshi: stations with 0, 1, 20, 21 and 30 activities, one with the 六有 partly
# met, one with two same-titled activities on one day. Township hexi: stations with a
# recent, an old and no activity (the 未开展 flags). Township liuhe: no station at all.
# One build for all the tests below (each station's pages are its own case).
QINGSHI = "stations/qingshi"
HEXI = "stations/hexi"
CASES = {
    "empty": 0,
    "one": 1,
    "twenty": 20,
    "twentyone": 21,
    "thirty": 30,  # 28 in January 2025, 2 in February
    "three": 3,
}


def _station(folder: str, name: str, count: int = 0) -> dict[str, str]:
    return {f"{folder}/station.yml": STATION_YML.format(name=name), **many(count, folder)}


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files: dict[str, str] = {}
    for slug, count in CASES.items():
        files |= _station(f"{QINGSHI}/{slug}", f"{slug}村", count)
    files |= {
        f"{STATION_DIR}/activities/2025-12-20-yizhen.md": activity("义诊", "2025-12-20"),
        f"{STATION_DIR}/activities/2025-12-20-yizhen-2.md": activity("义诊", "2025-12-20"),
        # The build date is 2026-12-06: 30 days back is 2026-11-06.
        f"{HEXI}/township.yml": "name: 河西镇\n",
        **_station(f"{HEXI}/dongtou", "东头村"),
        f"{HEXI}/dongtou/activities/2026-11-20-recent.md": activity("近期活动", "2026-11-20"),
        **_station(f"{HEXI}/nanshan", "南山村"),
        f"{HEXI}/nanshan/activities/2026-11-01-old.md": activity("旧活动", "2026-11-01"),
        **_station(f"{HEXI}/shiqiao", "石桥村"),
        f"{HEXI}/shiqiao/activities/2026-12-05-new.md": activity("昨天的活动", "2026-12-05"),
        "stations/liuhe/township.yml": "name: 柳河镇\n",
    }
    project = make_county(tmp_path_factory.mktemp("hubs"), files)
    # Not --strict: the base county's unreferenced photo is a (deliberate) warning.
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


# --- station pages ----------------------------------------------------------------------


def test_station_without_activities_says_so(county: Path) -> None:
    station = page(county, f"{QINGSHI}/empty")
    assert "暂无活动" in station.find("article", "wm-station").text()
    assert not (county / QINGSHI / "empty" / "page").exists()


@pytest.mark.parametrize(("slug", "pages"), [("one", 1), ("twenty", 1), ("twentyone", 2)])
def test_station_pagination_boundaries(county: Path, slug: str, pages: int) -> None:
    count, station = CASES[slug], f"{QINGSHI}/{slug}"
    first = page(county, station)
    shown = listed_titles(first)
    assert shown[0] == f"活动第{count}号"  # newest first
    assert len(shown) == min(count, 20)
    for number in range(2, pages + 1):
        later = listed_titles(page(county, f"{station}/page/{number}"))
        assert later == [f"活动第{n}号" for n in range(count - 20 * (number - 1), 0, -1)][:20]
    assert not (county / station / "page" / str(pages + 1)).exists()
    pager = first.find_all("nav", "wm-pager")
    assert bool(pager) == (pages > 1)


def test_station_page_shows_its_facts_and_six_haves(county: Path) -> None:
    article = page(county, f"{QINGSHI}/three").find("article", "wm-station")
    checks = {li.text().strip() for li in article.find("ul", "wm-checks").find_all("li")}
    assert "☐ 有标识（未达标）" in checks
    assert "☑ 有场所（已达标）" in checks
    assert "three村新时代文明实践站" in article.find("h1").text()
    # Reference year is 2026 and all three activities are in 2025: this year has none.
    assert "0 次活动" in " ".join(article.find("ul", "wm-totals").text().split())


def test_month_archive_lists_exactly_that_month(county: Path) -> None:
    station = f"{QINGSHI}/thirty"
    january = listed_titles(page(county, f"{station}/2025/01"))
    february = listed_titles(page(county, f"{station}/2025/02"))
    assert len(january) == 28 and february == ["活动第30号", "活动第29号"]
    months = page(county, station).find("ul", "wm-months").text()
    assert "2025年2月（2）" in months and "2025年1月（28）" in months


def test_same_title_same_day_get_distinct_pages(county: Path) -> None:
    links = [a.attrs["href"] for a in page(county, STATION_DIR).find("ol", "wm-list").find_all("a")]
    assert len(set(links)) == 2


# --- activity pages ---------------------------------------------------------------------


def test_activity_breadcrumb_and_neighbours(county: Path) -> None:
    here = f"/{QINGSHI}/three/activities/2025-01-02-a2/"
    middle = page(county, here.strip("/"))
    crumbs = [
        urljoin(here, a.attrs["href"]).rstrip("/") + "/"
        for a in middle.find("nav", "wm-crumbs").find_all("a")
    ]
    assert crumbs == ["/", f"/{QINGSHI}/", f"/{QINGSHI}/three/"]
    neighbours = {
        a.attrs["rel"]: a.text() for a in middle.find("nav", "wm-neighbours").find_all("a")
    }
    assert neighbours == {"prev": "上一篇：活动第1号", "next": "下一篇：活动第3号"}


# --- township pages ---------------------------------------------------------------------


def test_township_flags_stations_without_recent_activity(county: Path) -> None:
    rows = page(county, HEXI).find("table", "wm-stations").find("tbody").find_all("tr")
    status = {r.find("a").text(): r.find_all("td")[-1].text() for r in rows}
    assert status == {"东头村": "正常", "南山村": "近30天无活动", "石桥村": "正常"}
    last = {r.find("a").text(): r.find_all("td")[3].text() for r in rows}
    assert last == {"东头村": "2026-11-20", "南山村": "2026-11-01", "石桥村": "2026-12-05"}
    silent = page(county, QINGSHI).find("table", "wm-stations").find("tbody").find_all("tr")
    assert {r.find("a").text(): r.find_all("td")[3].text() for r in silent}["empty村"] == "无"
    assert {r.find("a").text(): r.find_all("td")[-1].text() for r in silent}["empty村"] == (
        "近30天无活动"
    )


def test_township_without_stations(county: Path) -> None:
    assert "暂无实践站" in page(county, "stations/liuhe").find("article", "wm-township").text()
    index = page(county, "stations").find("article", "wm-stations-index").text()
    assert "柳河镇新时代文明实践所" in index and "张庄村" in index


# --- county home ------------------------------------------------------------------------


def test_home_lists_latest_activities_newest_first(county: Path) -> None:
    home = page(county, "").find("article", "wm-home")
    assert listed_titles(home)[:4] == ["昨天的活动", "近期活动", "旧活动", "义诊"]
    townships = home.find("ul", "wm-station-links").text()
    assert "青石镇新时代文明实践所（7 个实践站）" in townships
    assert "河西镇新时代文明实践所（3 个实践站）" in townships


def test_venues_on_their_pages_and_in_the_county_directory(demo_site: Path) -> None:
    directory = page(demo_site, "venues").find("article", "wm-venue-directory")
    names = [s.text() for s in directory.find_all("strong")]
    assert names == ["河西村大棚田间课堂", "青石镇红色教育基地", "张庄村文化广场", "张庄村农家书屋"]
    links = [a.attrs["href"] for a in directory.find_all("a") if "amap" in a.attrs["href"]]
    assert len(links) == 2 and all(link.startswith("https://uri.amap.com/") for link in links)
    station = page(demo_site, "stations/qingshi/zhangzhuang").find("ul", "wm-venues")
    assert "开放时间：每天 6:00–21:00" in station.text()
    township = page(demo_site, "stations/qingshi").find("ul", "wm-venues")
    assert "青石镇红色教育基地" in township.text()


def test_a_team_page_lists_what_the_team_did_and_how_to_join(demo_site: Path) -> None:
    station = REPO / "content" / STATION_DIR
    with_team = [
        f for f in (station / "activities").glob("*.md")
        if "\nteam: culture\n" in f.read_text(encoding="utf-8")
    ]  # fmt: skip
    assert with_team, "the demo station's culture team took part in nothing"
    team = page(demo_site, f"{STATION_DIR}/teams/culture").find("article", "wm-team")
    assert team.find("h1").text() == "张庄村文化文艺志愿服务小队"
    assert len(team.find("ol", "wm-list").find_all("li")) == len(with_team)
    assert "由村妇联主席担任" in team.text()
    join = team.find("p", "wm-join").find("a")
    assert join.attrs["href"] == "https://chinavolunteer.mca.gov.cn/"
    assert join.text() == "报名加入（中国志愿服务网）"
    listing = page(demo_site, STATION_DIR).find("article", "wm-station")
    assert "teams/culture/" in [a.attrs.get("href") for a in listing.find_all("a")]


def test_the_centre_and_the_townships_publish_on_the_demo(demo_site: Path) -> None:
    content = REPO / "content"
    centre = page(demo_site, "centre").find("article", "wm-centre")
    own = sorted((content / "centre" / "activities").glob("*.md"))
    assert f"中心活动（共 {len(own)} 次）" in centre.text()
    # The "1+10+n" county teams, each with its own page.
    teams = centre.find("ul", "wm-teams").find_all("li")
    assert len(teams) >= 11
    assert (demo_site / "centre/teams/theory/index.html").is_file()
    # The county's 最美志愿者 is shown under its own honour system, not as a 好人.
    groups = centre.find_all("section", "wm-honour-group")
    assert [g.find("h2").text() for g in groups] == ["志愿服务先进"]
    # A county team's page lists its activity in a village.
    theory = page(demo_site, "centre/teams/theory").find("article", "wm-team")
    assert "柳河镇兴隆村" in theory.text() and "所属单位" in theory.text()
    # A township page shows the 所's own activities and teams beside its stations'.
    township = page(demo_site, "stations/chengguan").find("article", "wm-township")
    own_township = sorted((content / "stations/chengguan/activities").glob("*.md"))
    assert f"实践所活动（共 {len(own_township)} 次）" in township.text()
    assert "城关街道“银龄”关爱志愿服务支队" in township.text()
    # Centre entries reach the feeds and the calendar; the home page links the centre.
    assert "县理论宣讲支队进乡镇" in (demo_site / "feed.xml").read_text(encoding="utf-8")
    assert "迎新春" in (demo_site / "centre/plans.ics").read_text(encoding="utf-8")
    home = page(demo_site, "").find("article", "wm-home")
    assert "centre/" in [a.attrs.get("href") for a in home.find_all("a")]
    assert not (demo_site / "centre/centre.yml").exists()  # data, never copied raw


def test_a_station_page_says_how_to_order_before_its_details(demo_site: Path) -> None:
    """The 四单 panel (how to 点单) follows the activities; 六有 and teams come last, and
    the teams are a list (a three-column table wrapped every name on a phone)."""
    station = page(demo_site, "stations/chengguan/binhe").find("article", "wm-station")
    headings = [h.text() for h in station.find_all("h2")]
    orders, roll, details = (
        headings.index("群众点单（四单）"),
        headings.index("身边好人"),
        headings.index("本站概况"),
    )
    assert headings[0].startswith("最新活动") and orders < roll < details
    teams = station.find("ul", "wm-teams").find_all("li")
    assert teams and all(" 人" in li.find("span", "wm-meta").text() for li in teams)
    assert station.find_all("table") == []
