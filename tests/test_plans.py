"""Which pages the demo county has, decided by the plan functions alone: no MkDocs build.

Expected counts are worked out here from the content files themselves (file names and
folders), not from the code under test; every link a view shows must lead to a page or
file some plan makes.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import SOURCE_DATE_EPOCH

from site_plugins import routes
from site_plugins.bulletins import report
from site_plugins.bulletins.plans import BulletinOptions
from site_plugins.bulletins.plans import plan as bulletin_plan
from site_plugins.calendar.plans import CalendarOptions
from site_plugins.calendar.plans import plan as calendar_plan
from site_plugins.cms.plans import FormOptions
from site_plugins.cms.plans import plan as form_plan
from site_plugins.content import Catalogue, load_catalogue
from site_plugins.honor_roll.plans import RollOptions
from site_plugins.honor_roll.plans import plan as roll_plan
from site_plugins.hubs import views as hub_views
from site_plugins.hubs.plans import HubOptions
from site_plugins.hubs.plans import plan as hub_plan
from site_plugins.media.renditions import JPEG, WEBP, PhotoSet, Rendition
from site_plugins.plans import Planned, PlannedFile, PlannedPage, View, urls
from site_plugins.practice.plans import plan as entry_plan

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SITE = "https://wmsj.example.gov.cn/"
EPOCH = SOURCE_DATE_EPOCH  # the build date of every test build
PER_PAGE = 20
DATE_NAME = re.compile(r"^(\d{4})-(\d{2})-\d{2}-")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    found = load_catalogue(CONTENT, EPOCH)
    assert not found.errors
    return found


def _stand_in_photos(catalogue: Catalogue) -> dict[str, PhotoSet]:
    """A photo set per referenced photo, so views can be made without rendering any."""
    found = {}
    for src in catalogue.photos:
        both = tuple(Rendition(f"{src}.960.{m[6:]}", 960, 720, m, Path(src)) for m in (WEBP, JPEG))
        found[src] = PhotoSet(src, 960, 720, both, both)
    return found


def _every_plan(catalogue: Catalogue, *, sheets: bool = False) -> list[Planned]:
    months = report.bulletin_months(catalogue)
    photos = _stand_in_photos(catalogue)
    return [
        *entry_plan(catalogue, lambda: photos),
        *hub_plan(catalogue, HubOptions(PER_PAGE, 50, SITE)),
        *calendar_plan(catalogue, CalendarOptions(200, SITE)),
        *roll_plan(catalogue, RollOptions(60, lambda: photos)),
        *bulletin_plan(
            catalogue,
            BulletinOptions(months, months if sheets else (), SITE, photos=lambda: photos),
        ),
        *form_plan(catalogue, FormOptions({"name": "test-repo"}, "content", SITE, "", True)),
    ]


def _stations() -> list[Path]:
    return sorted(p.parent for p in CONTENT.glob("stations/*/*/station.yml"))


def _townships() -> list[Path]:
    return sorted(p.parent for p in CONTENT.glob("stations/*/township.yml"))


def _units() -> list[Path]:
    """Every folder that publishes: the centre, each township's own, each station."""
    return [CONTENT / "centre", *_townships(), *_stations()]


def _teams(unit: Path) -> list[object]:
    """The teams a unit's own file lists (centre.yml, township.yml or station.yml)."""
    for name in ("centre.yml", "township.yml", "station.yml"):
        if (unit / name).is_file():
            data = yaml.safe_load((unit / name).read_text(encoding="utf-8"))
            return list(data.get("teams") or [])
    return []


def _activity_files(station: Path) -> list[Path]:
    return sorted((station / "activities").glob("*.md"))


def test_entry_pages_one_per_file(catalogue: Catalogue) -> None:
    planned = [p for p in entry_plan(catalogue, dict) if isinstance(p, PlannedPage)]
    by_template = Counter(p.template for p in planned)
    activities = sum(len(_activity_files(s)) for s in _units())
    honorees = sum(len(list((s / "honorees").glob("*.md"))) for s in _units())
    assert activities > 100 and honorees > 20  # the demo, not an empty tree
    assert by_template["activity.html"] == activities
    assert by_template["honoree.html"] == honorees
    plans = sum(len(list((s / "plans").glob("*.md"))) for s in _units())
    assert plans >= 3 and by_template["plan.html"] == plans
    # Every level publishes in the demo: the centre's and a 所's own entries have pages.
    urls_made = {p.url for p in planned}
    for unit in (CONTENT / "centre", CONTENT / "stations" / "chengguan"):
        base = unit.relative_to(CONTENT).as_posix()  # centre, stations/chengguan
        for kind in ("activities", "plans"):
            files = sorted((unit / kind).glob("*.md"))
            assert files, f"the demo has {kind} of {base}"
            assert {f"{base}/{kind}/{f.stem}/" for f in files} <= urls_made
    assert by_template[None] == 4  # the guide's four pages, rendered from Markdown
    for page in planned:
        if page.template is None:
            assert page.trusted and page.markdown
        else:
            assert not page.trusted and page.body is not None


def test_hub_pages_from_the_content_files(catalogue: Catalogue) -> None:
    planned = hub_plan(catalogue, HubOptions(PER_PAGE, 50, SITE))
    pages = [p for p in planned if isinstance(p, PlannedPage)]
    expected = 1 + 1 + 1 + len(_townships())  # home, stations index, venues, townships
    centre = CONTENT / "centre"
    # The centre's own page (paginated like a station's) and a page per team of every unit.
    expected += max(1, math.ceil(len(_activity_files(centre)) / PER_PAGE))
    expected += sum(len(_teams(unit)) for unit in (centre, *_townships()))
    for unit in (centre, *_townships()):  # month archives of the 中心's and 所's own
        own = Counter(DATE_NAME.match(f.name).groups() for f in _activity_files(unit))  # type: ignore[union-attr]
        expected += sum(math.ceil(n / (PER_PAGE * 5)) for n in own.values())
    for station in _stations():
        files = _activity_files(station)
        expected += max(1, math.ceil(len(files) / PER_PAGE))
        teams = yaml.safe_load((station / "station.yml").read_text(encoding="utf-8")).get("teams")
        expected += len(teams or [])  # a page per volunteer team
        months = Counter(DATE_NAME.match(f.name).groups() for f in files)  # type: ignore[union-attr]
        expected += sum(math.ceil(n / (PER_PAGE * 5)) for n in months.values())
    # 文明实践菜单: the county's /menu/, a page per unit with menu items or orders, and an
    # A4 menu sheet per unit with items.
    with_menu = {d.parent for d in CONTENT.glob("**/menu") if list(d.glob("*.md"))}
    with_orders = {d.parent for d in CONTENT.glob("**/orders") if list(d.glob("*.md"))}
    expected += 1 + len(with_menu | with_orders) + len(with_menu)
    assert len(pages) == expected
    files = [p.path for p in planned if isinstance(p, PlannedFile)]
    feeds = [path for path in files if not path.endswith("plans.ics")]
    # The county's, the centre's, each township's and each station's.
    assert len(feeds) == 2 * (len(_stations()) + len(_townships()) + 2)
    # The calendar of 活动预告: the county's, and each unit's that has plans (a township's
    # calendar holds its stations' plans too).
    with_plans = [u for u in _units() if list((u / "plans").glob("*.md"))]
    with_plans += [t for t in _townships() if t not in with_plans and list(t.glob("*/plans/*.md"))]
    assert len(files) - len(feeds) == len(with_plans) + 1 and "plans.ics" in files
    assert "centre/plans.ics" in files and "centre/feed.xml" in feeds
    assert "feed.xml" in feeds and "stations/qingshi/zhangzhuang/feed.json" in feeds
    home = pages[0]
    assert (home.url, home.exists, home.title, home.feeds) == ("", True, None, "")


def test_small_pages_split_the_station_listing(catalogue: Catalogue) -> None:
    station = next(s for s in _stations() if len(_activity_files(s)) > 5)
    key = station.relative_to(CONTENT / "stations").as_posix()
    planned = hub_plan(catalogue, HubOptions(5, 50, SITE))
    listing = [
        p.url for p in planned if isinstance(p, PlannedPage) and p.template == "station.html"
    ]
    mine = [url for url in listing if url.startswith(routes.station(key))]
    assert len(mine) == math.ceil(len(_activity_files(station)) / 5)
    assert mine[1] == routes.listing_page(routes.station(key), 2)


def _view(planned: dict[str, Planned], url: str) -> View:
    page = planned[url]
    assert isinstance(page, PlannedPage) and page.view is not None, url
    return page.view()


def test_centre_and_townships_have_month_archives_of_their_own_activities(
    catalogue: Catalogue,
) -> None:
    planned: dict[str, Planned] = {
        p.url: p for p in hub_plan(catalogue, HubOptions(1, 50, SITE)) if isinstance(p, PlannedPage)
    }
    units = [(routes.CENTRE_KEY, CONTENT / "centre"), *((t.name, t) for t in _townships())]
    assert any(_activity_files(folder) for _key, folder in units[1:])  # a 所 publishes too
    for key, folder in units:
        files = _activity_files(folder)
        by_month = Counter(f.name[:7] for f in files)  # 2026-11
        for prefix, count in by_month.items():
            url = routes.unit_month(key, (int(prefix[:4]), int(prefix[5:])))
            view = _view(planned, url)
            assert isinstance(view, hub_views.StationMonth)
            # Every one of the month's own files, and only those (not its stations').
            assert sorted(a.url for a in view.activities) == sorted(
                routes.activity(key, f.stem) for f in files if f.name.startswith(prefix)
            ), url
            assert len(view.activities) == count
        hub = _view(planned, routes.unit(key))
        assert isinstance(hub, (hub_views.CentreHub, hub_views.TownshipHub))
        months = hub.months if isinstance(hub, hub_views.CentreHub) else hub.own_months
        assert sorted((m.url, m.count) for m in months) == sorted(
            (routes.unit_month(key, (int(p[:4]), int(p[5:]))), n) for p, n in by_month.items()
        )


def test_calendar_pages_per_theme_year(catalogue: Catalogue) -> None:
    years = sorted(CONTENT.glob("themes/*.yml"))
    townships = len(_townships())
    planned = calendar_plan(catalogue, CalendarOptions(200, SITE))
    assert len([p for p in planned if isinstance(p, PlannedPage)]) == 1 + len(years) * (
        1 + 12 * (1 + townships)
    )
    assert [p.path for p in planned if isinstance(p, PlannedFile)] == [
        routes.themes_ics(int(y.stem)) for y in years
    ]
    # No address to link from: calendar apps need absolute links, so no .ics.
    without = calendar_plan(catalogue, CalendarOptions(200, ""))
    assert not [p for p in without if isinstance(p, PlannedFile)]


def test_bulletins_per_month_and_sheets_on_request(catalogue: Catalogue) -> None:
    months = report.bulletin_months(catalogue)
    townships = len(_townships())
    assert (2026, 6) in months
    planned = bulletin_plan(catalogue, BulletinOptions(months, (), SITE))
    quarters = {(y, (m - 1) // 3) for y, m in months}
    years = {y for y, _ in months}
    # Each month, quarter and year: the county's 通报 and one per township.
    assert len(planned) == 1 + (len(months) + len(quarters) + len(years)) * (1 + townships)
    urls_made = {p.url for p in planned if isinstance(p, PlannedPage)}
    assert {"bulletins/2026/q2/", "bulletins/2026/annual/liuhe/"} <= urls_made
    with_sheets = bulletin_plan(catalogue, BulletinOptions(months, ((2026, 6),), SITE))
    sheets = [p for p in with_sheets if isinstance(p, PlannedPage) and p.template == "sheet.html"]
    assert len(sheets) == 2 * len(_stations())  # A4 and A3
    assert routes.sheet("qingshi/zhangzhuang", (2026, 6), "a4") in {p.url for p in sheets}


def test_every_address_is_made_once(catalogue: Catalogue) -> None:
    made = urls(_every_plan(catalogue, sheets=True))
    twice = [url for url, n in Counter(made).items() if n > 1]
    assert twice == []


def test_plans_are_deterministic(catalogue: Catalogue) -> None:
    assert urls(_every_plan(catalogue)) == urls(_every_plan(catalogue))


def _links(value: object, field: str = "") -> Iterator[str]:
    """Every site address a view holds: fields named url, …_url, previous, next, ics."""
    if isinstance(value, str):
        if field == "url" or field.endswith("_url") or field in {"previous", "next", "ics"}:
            yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from _links(getattr(value, item.name), item.name)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _links(item, field)


def test_every_link_a_view_shows_has_its_page(catalogue: Catalogue) -> None:
    planned = _every_plan(catalogue, sheets=True)
    made = set(urls(planned))
    views = [p.view() for p in planned if isinstance(p, PlannedPage) and p.view is not None]
    assert len(views) > 500 and all(isinstance(v, View) for v in views)
    # The sheets' QR codes hold absolute addresses.
    # A #fragment names a part of its page (an order's row on its unit's menu page).
    links = {
        link.split("?")[0].split("#")[0].removeprefix(SITE)
        for view in views
        for link in _links(view)
    }
    # Photo renditions are files the photo library makes, not plans; a link to another
    # site (the county's 点单 platform in county.yml) is not ours to make.
    links = {link for link in links if "/media/" not in link and "://" not in link}
    assert len(links) > 300  # the walk finds links, so an empty result cannot pass
    assert sorted(links - made) == []


def test_the_link_walk_sees_nested_views() -> None:
    @dataclasses.dataclass(frozen=True)
    class Row:
        url: str

    @dataclasses.dataclass(frozen=True)
    class Page:
        rows: list[Row]
        month_url: str | None
        title: str

    assert sorted(_links(Page([Row("a/")], "b/", "c/"))) == ["a/", "b/"]


def test_plans_need_no_mkdocs() -> None:
    code = (
        "import sys\n"
        "import site_plugins.hubs.plans, site_plugins.calendar.plans, "
        "site_plugins.bulletins.plans, site_plugins.honor_roll.plans, "
        "site_plugins.practice.plans, site_plugins.redirects.pages, site_plugins.cms.plans\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert done.stdout.strip() == "[]"
