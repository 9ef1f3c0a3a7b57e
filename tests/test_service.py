"""Service menus and the 四单 loop: loading, the person check, the figures, the pages.

Pure tests on small counties (no build), and one test on the shared demo build that ties
every 四单 number on the hub and menu pages to the content files, counted here with
PyYAML, not by the code under test.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from conftest import SOURCE_DATE_EPOCH, Element, build_site, parse_html
from service_cases import GOOD_ACTIVITY, GOOD_ORDER, ORDER, STATION, files

from site_plugins import routes
from site_plugins.content import load_catalogue
from site_plugins.plans import PlannedPage, urls
from site_plugins.service import figures, people, plans, views
from site_plugins.service.records import ServiceRecords


def _service(catalogue: object) -> ServiceRecords:
    service = getattr(catalogue, "service", None)
    assert isinstance(service, ServiceRecords)
    return service


def test_a_valid_menu_item_and_order_are_published_resolved(
    county_factory: Callable[..., Path],
) -> None:
    catalogue = load_catalogue(county_factory(files()) / "content", SOURCE_DATE_EPOCH)
    assert catalogue.errors == ()
    service = _service(catalogue)
    (item,) = service.menu_items
    assert (item.unit_key, item.slug, item.category, item.work) == (
        "centre",
        "fanzha",
        "law",
        ("policy",),
    )
    assert item.team.name == "县法律服务志愿服务支队"  # the centre.yml team it names
    (order,) = service.orders
    assert order.menu_item is item
    assert order.team is not None and order.team.name == "张庄村文艺志愿服务小队"
    assert order.activity is not None and order.activity.slug == "2026-06-19-yizhen"
    assert order.days_to_serve == 9
    assert order.review is not None and order.review.total == 23
    assert service.order_served_by(order.activity) is order


def test_a_past_order_without_service_is_open_not_an_error(
    county_factory: Callable[..., Path],
) -> None:
    text = "---\ntitle: 想学包饺子\ndate: 2026-11-01\ngroup: 老年协会\n---\n"
    content = county_factory({STATION + "orders/2026-11-01-jiaozi.md": text}) / "content"
    catalogue = load_catalogue(content, SOURCE_DATE_EPOCH)
    assert catalogue.errors == ()
    numbers = figures.order_figures(_service(catalogue).orders)
    assert (numbers.received, numbers.served, numbers.open) == (1, 0, 1)
    assert (numbers.median_text, numbers.satisfaction_text) == ("—", "—")


def test_a_refused_order_keeps_its_siblings(county_factory: Callable[..., Path]) -> None:
    bad = GOOD_ORDER.replace("group: 二组群众", "group: 王奶奶")
    content = county_factory({**files(), STATION + "orders/2026-06-10-b.md": bad})
    catalogue = load_catalogue(content / "content", SOURCE_DATE_EPOCH)
    assert [p.code for p in catalogue.errors] == ["PERSON_NAME"]
    assert [o.slug for o in _service(catalogue).orders] == ["2026-06-10-yizhen"]


@pytest.mark.parametrize(
    ("group", "person"),
    [
        ("村民赵大爷", "赵大爷"),
        ("返乡青年小张", "小张"),
        ("果农代表刘某", "刘某"),
        ("张桂芳", "张桂芳"),
        ("欧阳奶奶", "欧阳奶奶"),
        ("王书记", "王书记"),
        ("二组群众", None),
        ("东组老年协会", None),
        ("润泽苑小区居民", None),
        ("留守儿童家长", None),
        ("田间果农", None),
        ("小学生", None),
        ("老年协会", None),
    ],
)
def test_person_like_groups(group: str, person: str | None) -> None:
    assert people.person_in(group) == person


def test_figures_of_orders_worked_by_hand(county_factory: Callable[..., Path]) -> None:
    # Three orders: served after 9 and 4 days (reviews 20/2/1 and 10/0/2), one open.
    second = GOOD_ORDER.replace("2026-06-10", "2026-06-15").replace("2026-06-11", "2026-06-15")
    second = second.replace(
        "satisfied: 20, basic: 2, unsatisfied: 1", "satisfied: 10, basic: 0, unsatisfied: 2"
    )
    third = "---\ntitle: 想看电影\ndate: 2026-07-02\ngroup: 三组群众\n---\n"
    content = county_factory(
        {
            **files(),
            STATION + "orders/2026-06-15-b.md": second,
            STATION + "orders/2026-07-02-c.md": third,
        }
    )
    service = _service(load_catalogue(content / "content", SOURCE_DATE_EPOCH))
    numbers = figures.order_figures(service.orders)
    assert (numbers.received, numbers.served, numbers.open) == (3, 2, 1)
    assert numbers.median_days == 6.5  # (9 + 4) / 2
    assert (numbers.voters, numbers.satisfied, numbers.basic) == (35, 30, 2)
    assert numbers.satisfaction_text == "91.4%"  # 32 / 35
    june = figures.period_orders(service.orders, {(2026, 6)})
    assert (june.received, june.served, june.open_at_end, june.reviews) == (2, 2, 0, 2)
    july = figures.period_orders(service.orders, {(2026, 7)})
    assert (july.received, july.served, july.open_at_end, july.reviews) == (1, 0, 1, 0)
    assert july.satisfaction_text == "—"


def test_service_pages_are_planned_per_unit(county_factory: Callable[..., Path]) -> None:
    catalogue = load_catalogue(county_factory(files()) / "content", SOURCE_DATE_EPOCH)
    planned = urls(plans.plan(catalogue, "https://wmsj.example.gov.cn/"))
    assert planned == [
        routes.MENU,
        routes.unit_menu("centre"),
        routes.unit_menu_sheet("centre"),
        routes.unit_menu("qingshi/zhangzhuang"),  # orders, no menu of its own: no sheet
    ]
    sheet = views.menu_sheet_view(catalogue, "centre", "https://wmsj.example.gov.cn/")
    assert sheet.qr_url == "https://wmsj.example.gov.cn/centre/menu/"  # no platform set
    assert "<svg" in sheet.qr_svg
    page = views.menu_page_view(catalogue, "qingshi/zhangzhuang")
    assert [link.url for link in page.higher] == [routes.unit_menu("centre")]
    assert [row.status for row in page.orders] == ["已评单"]


# --- the demo: every 四单 number on the pages, from the files ---------------------------


def _front(path: Path) -> dict[str, object]:
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert isinstance(front, dict)
    return front


def _truth(content: Path, scope: str | None) -> dict[str, str]:
    """received / served / median days / satisfaction of a scope, from the files."""
    orders = []
    for path in sorted(content.glob("**/orders/*.md")):
        unit = path.parent.parent.relative_to(content).as_posix().removeprefix("stations/")
        if scope is None or unit == scope or unit.startswith(f"{scope}/"):
            orders.append((unit, _front(path)))
    days = []
    good = voters = 0
    for unit, front in orders:
        served = front.get("served")
        if isinstance(served, dict):
            activity = content / "stations" / unit / "activities" / f"{served['activity']}.md"
            when = _front(activity)["date"]
            assert isinstance(when, dt.date) and isinstance(front["date"], dt.date)
            days.append((when - front["date"]).days)
        review = front.get("review")
        if isinstance(review, dict):
            good += review["satisfied"] + review["basic"]
            voters += review["satisfied"] + review["basic"] + review["unsatisfied"]
    median = f"{float(statistics.median(days)):g}" if days else "—"
    rate = f"{round(good * 100 / voters, 1):g}%" if voters else "—"
    return {
        "received": str(len(orders)),
        "served": str(len(days)),
        "median-days": median,
        "satisfaction": rate,
    }


def _shown(page: Path) -> dict[str, str]:
    text = page.read_text(encoding="utf-8")
    found = dict(re.findall(r'data-figure="([a-z-]+)">([^<]*)<', text))
    assert found, f"no 四单 figures on {page}"
    return found


def test_every_order_figure_on_the_demo_pages_matches_the_files(demo_site: Path) -> None:
    content = demo_site.parent / "content"
    assert len(list(content.glob("centre/menu/*.md"))) >= 30
    reviewed = [p for p in content.glob("stations/*/*/orders/*.md") if "review" in _front(p)]
    assert len(reviewed) >= 40
    checked = 0
    for page, scope in [
        (demo_site / "index.html", None),
        (demo_site / routes.MENU / "index.html", None),
        *[
            (demo_site / routes.township(t.name) / "index.html", t.name)
            for t in sorted((content / "stations").iterdir())
            if t.is_dir()
        ],
        *[
            (
                demo_site / routes.station(f"{s.parent.name}/{s.name}") / "index.html",
                f"{s.parent.name}/{s.name}",
            )
            for s in sorted(content.glob("stations/*/*"))
            if (s / "station.yml").is_file()
        ],
        *[
            (
                demo_site
                / routes.unit_menu(f"{s.parent.parent.name}/{s.parent.name}")
                / "index.html",
                f"{s.parent.parent.name}/{s.parent.name}",
            )
            for s in sorted(content.glob("stations/*/*/orders"))
        ],
    ]:
        if scope is not None and "/" not in scope and _truth(content, scope)["received"] == "0":
            continue  # a township without orders shows no panel
        assert _shown(page) == _truth(content, scope), page
        checked += 1
    assert checked > 20


def test_the_demo_activity_page_no_longer_shows_the_old_order_text(demo_site: Path) -> None:
    content = demo_site.parent / "content"
    assert not [p for p in content.glob("stations/*/*/activities/*.md") if "order" in _front(p)]
    assert "requested_by" not in GOOD_ACTIVITY + GOOD_ORDER
    assert ORDER.startswith(STATION)


def _period_truth(content: Path, months: set[tuple[int, int]]) -> dict[str, str]:
    received = served = reviews = 0
    for path in sorted(content.glob("**/orders/*.md")):
        front = _front(path)
        day = front["date"]
        assert isinstance(day, dt.date)
        received += (day.year, day.month) in months
        served_ref = front.get("served")
        if isinstance(served_ref, dict):
            unit = path.parent.parent
            when = _front(unit / "activities" / f"{served_ref['activity']}.md")["date"]
            assert isinstance(when, dt.date)
            served += (when.year, when.month) in months
        review = front.get("review")
        if isinstance(review, dict):
            reviews += (review["date"].year, review["date"].month) in months
    return {"received": str(received), "served": str(served), "reviews": str(reviews)}


@pytest.mark.parametrize(
    ("url", "months"),
    [
        ("bulletins/2026/11/", {(2026, 11)}),
        ("bulletins/2026/q3/", {(2026, 7), (2026, 8), (2026, 9)}),
        ("bulletins/2026/annual/", {(2026, m) for m in range(1, 13)}),
    ],
)
def test_the_bulletins_count_orders_and_reviews_from_the_files(
    demo_site: Path, url: str, months: set[tuple[int, int]]
) -> None:
    text = (demo_site / url / "index.html").read_text(encoding="utf-8")
    shown = dict(re.findall(r'data-order="([a-z-]+)">([^<]*)<', text))
    truth = _period_truth(demo_site.parent / "content", months)
    assert {k: shown[k] for k in truth} == truth
    assert "统计口径" in text or "满意率 =" in text


# --- the loop as a reader follows it ------------------------------------------------------


def _href_target(page: Path, href: str) -> tuple[Path, str]:
    """The built file a relative link on ``page`` opens, and its #fragment."""
    path, _, fragment = href.partition("#")
    return (page.parent / path / "index.html").resolve(), fragment


def test_activity_pages_link_the_order_they_served(demo_site: Path) -> None:
    content = demo_site.parent / "content"
    checked = 0
    for path in sorted(content.glob("stations/*/*/orders/*.md")):
        front = _front(path)
        served = front.get("served")
        if not isinstance(served, dict):
            continue
        unit = path.parent.parent.relative_to(content / "stations").as_posix()
        page = demo_site / routes.activity(unit, served["activity"]) / "index.html"
        html = page.read_text(encoding="utf-8")
        found = re.search(r"<dt>响应群众点单</dt><dd><a href=\"([^\"]+)\">([^<]+)</a>", html)
        assert found, page
        assert f"“{front['title']}”" in found.group(2) and str(front["group"]) in found.group(2)
        target, fragment = _href_target(page, found.group(1))
        assert target == (demo_site / routes.unit_menu(unit) / "index.html").resolve()
        assert fragment == f"order-{path.stem}"
        assert f'id="{fragment}"' in target.read_text(encoding="utf-8")
        checked += 1
    assert checked >= 40


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def test_demo_orders_name_menu_items_that_match_the_activity() -> None:
    """An order's menu item is the service its activity gave: same kind of team, same 五项
    work, or words in common (防溺水安全教育 / 防溺水演练进村)."""
    catalogue = load_catalogue(Path(__file__).parent.parent / "content", SOURCE_DATE_EPOCH)
    pairs = [
        (o.menu_item, o.activity)
        for o in _service(catalogue).orders
        if o.menu_item is not None and o.activity is not None
    ]
    assert len(pairs) >= 30
    unlike = [
        (item.title, activity.title)
        for item, activity in pairs
        if item.category != activity.category
        and not set(item.work) & set(activity.work)
        and not _bigrams(item.title) & _bigrams(activity.title)
    ]
    assert unlike == []


def test_readers_find_the_menu_from_home_and_the_station_page(demo_site: Path) -> None:
    home = demo_site / "index.html"
    panel = re.search(r'<section class="wm-orders".*?</section>', home.read_text("utf-8"), re.S)
    assert panel and "怎么点单" in panel.group(0)
    assert 'href="menu/"' in panel.group(0)
    station = demo_site / routes.station("taoyuan/xiaoxi") / "index.html"
    html = station.read_text(encoding="utf-8")
    how = re.search(r'<h3 id="how-to-order">怎么点单</h3>\s*<p[^>]*>(.*?)</p>', html, re.S)
    assert how, station
    links = {
        name: _href_target(station, href)[0]
        for href, name in re.findall(r'<a href="([^"]+)">([^<]+)</a>', how.group(1))
    }
    assert links == {
        "本站菜单": (demo_site / routes.unit_menu("taoyuan/xiaoxi") / "index.html").resolve(),
        "桃源乡新时代文明实践所菜单": (
            demo_site / routes.unit_menu("taoyuan") / "index.html"
        ).resolve(),
        "示范县新时代文明实践中心菜单": (
            demo_site / routes.unit_menu("centre") / "index.html"
        ).resolve(),
        "全县文明实践菜单（县、乡、村三级）": (demo_site / routes.MENU / "index.html").resolve(),
    }
    assert all(path.is_file() for path in links.values())
    # A menu page says how to order once, in its own section (怎样点单), not twice.
    for url in (routes.MENU, routes.unit_menu("taoyuan/xiaoxi")):
        html = (demo_site / url / "index.html").read_text(encoding="utf-8")
        assert "怎么点单" not in html and html.count("<h2>怎样点单</h2>") == 1, url


def test_a_long_level_of_the_county_menu_links_each_units_menu() -> None:
    """Past the limit a level lists its units (with counts), not every item: the county
    page must stay light on a phone when 700 stations have menus."""
    catalogue = load_catalogue(Path(__file__).parent.parent / "content", SOURCE_DATE_EPOCH)
    full = views.county_menu_view(catalogue)
    assert all(level.groups and not level.units for level in full.levels)
    short = views.county_menu_view(catalogue, inline_limit=5)
    by_name = {level.name: level for level in short.levels}
    village = by_name["村级菜单"]
    assert village.groups == [] and village.count == 6
    counts = [int(re.search(r"（(\d+) 项）", link.name).group(1)) for link in village.units]
    assert sum(counts) == village.count
    assert routes.unit_menu("taoyuan/xiaoxi") in [link.url for link in village.units]
    assert by_name["乡镇级菜单"].groups == [] and by_name["县级菜单"].groups == []


def test_a_busy_menu_page_shows_the_newest_orders_and_links_the_rest(
    county_factory: Callable[..., Path],
) -> None:
    # The served order of 6月10日, then 60 open orders, one a day from 6月11日 on.
    extra = 60
    busy = files()
    for day in range(extra):
        date = dt.date(2026, 6, 11) + dt.timedelta(days=day)
        busy[f"{STATION}orders/{date.isoformat()}-dian{day:02d}.md"] = (
            f"---\ntitle: 第{day}次点单\ndate: {date.isoformat()}\ngroup: 二组群众\n---\n\n登记。\n"
        )
    catalogue = load_catalogue(county_factory(busy) / "content", "1798675200")  # 2026-12-31
    assert not catalogue.errors
    key = "qingshi/zhangzhuang"
    page = views.menu_page_view(catalogue, key)
    assert len(page.orders) == routes.MENU_ORDERS and page.orders_total == extra + 1
    assert page.orders[0].title == f"第{extra - 1}次点单"  # newest first
    assert page.all_orders == routes.unit_orders(key)
    # The whole list, paged: every order once, the oldest (the served one) last.
    listed = [
        p
        for p in plans.plan(catalogue, "")
        if isinstance(p, PlannedPage) and p.url.startswith(routes.unit_orders(key))
    ]
    assert [p.url for p in listed] == [
        routes.unit_orders(key),
        routes.listing_page(routes.unit_orders(key), 2),
    ]
    lists = [p.view() for p in listed if p.view is not None]
    rows = [row for view in lists if isinstance(view, views.OrderList) for row in view.orders]
    assert len(rows) == extra + 1 and rows[-1].title == "想请民警讲讲防诈骗"
    # The activity that served the oldest order links the page that lists it.
    activity = catalogue.unit_activities(key)[0]
    served = views.served_order(catalogue, activity)
    assert served is not None
    assert (
        served.url == f"{routes.listing_page(routes.unit_orders(key), 2)}#order-2026-06-10-yizhen"
    )
    # A unit with few orders has no list of its own.
    few = load_catalogue(county_factory(files()) / "content", SOURCE_DATE_EPOCH)
    assert views.menu_page_view(few, key).all_orders is None
    assert not [p for p in plans.plan(few, "") if "/orders/" in p.url]


def test_a_small_built_county_shows_the_capped_orders_and_the_centres_months(
    county_factory: Callable[..., Path],
) -> None:
    # One small build (about 3 s): what readers see of the order list and the archives.
    busy = files()
    for day in range(routes.MENU_ORDERS + 5):
        date = dt.date(2026, 6, 11) + dt.timedelta(days=day)
        busy[f"{STATION}orders/{date.isoformat()}-dian{day:02d}.md"] = (
            f"---\ntitle: 第{day}次点单\ndate: {date.isoformat()}\ngroup: 二组群众\n---\n\n登记。\n"
        )
    for month, title in ((9, "九月宣讲"), (10, "十月宣讲")):
        busy[f"centre/activities/2026-{month:02d}-05-xuanjiang.md"] = (
            f"---\ntitle: {title}\ndate: 2026-{month:02d}-05\ncategory: 理论宣讲\n"
            "volunteers: 3\nbeneficiaries: 30\n---\n\n内容。\n"
        )
    project = county_factory(busy)
    done = build_site(project)
    assert done.returncode == 0, done.stderr
    site = project / "site"
    key = STATION.removeprefix("stations/").rstrip("/")

    def page(url: str) -> Element:
        return parse_html((site / url / "index.html").read_text(encoding="utf-8"))

    menu = page(routes.unit_menu(key))
    assert len(menu.find_all("li", "wm-order")) == routes.MENU_ORDERS
    more = next(a for a in menu.find_all("a") if "查看全部" in a.text())
    assert more.text() == f"查看全部 {routes.MENU_ORDERS + 6} 件点单记录"
    assert urljoin(f"/{routes.unit_menu(key)}", more.attrs["href"]) == f"/{routes.unit_orders(key)}"
    listed = page(routes.unit_orders(key)).find_all("li", "wm-order")
    assert (
        len(listed) == routes.MENU_ORDERS + 6
        and listed[-1].attrs["id"] == "order-2026-06-10-yizhen"
    )
    month = routes.unit_month("centre", (2026, 10))
    assert "十月宣讲" in page(month).find("ol").text()
    assert "九月宣讲" not in page(month).find("ol").text()
    hub_months = page(routes.CENTRE).find("ul", "wm-months").find_all("a")
    assert [urljoin(f"/{routes.CENTRE}", a.attrs["href"]) for a in hub_months] == [
        f"/{routes.unit_month('centre', m)}" for m in ((2026, 10), (2026, 9))
    ]


def test_the_county_menu_lists_each_units_menu_under_its_township() -> None:
    catalogue = load_catalogue(Path(__file__).parent.parent / "content", SOURCE_DATE_EPOCH)
    menu = views.county_menu_view(catalogue)
    groups = {group.name: [link.name for link in group.units] for group in menu.unit_groups}
    assert groups["示范县"] == ["县中心"]
    assert groups["城关街道"][:2] == ["实践所", "滨河社区"]
    # The same links as the flat list, in its order, each once.
    grouped = [link.url for group in menu.unit_groups for link in group.units]
    assert grouped == [link.url for link in menu.units]


@pytest.mark.parametrize(
    ("count", "layout"),
    [(1, "large"), (4, "large"), (5, "medium"), (8, "medium"), (9, "titles"), (42, "titles"),
     (43, "titles3")],
)  # fmt: skip
def test_a_menu_sheet_is_laid_out_by_its_number_of_items(count: int, layout: str) -> None:
    assert views.menu_sheet_layout(count) == layout


def test_the_demo_menu_sheets_say_how_to_order_beside_the_code(demo_site: Path) -> None:
    centre = (demo_site / routes.unit_menu_sheet("centre") / "index.html").read_text("utf-8")
    items = re.search(r'<ol class="wm-menu-sheet__items">(.*?)</ol>', centre, re.S)
    assert items and items.group(1).count("<li>") == 32
    assert (
        "wm-menu-sheet--titles" in centre and "打点单电话 <strong>0539-6100001</strong>" in centre
    )
    station = routes.unit_menu_sheet("chengguan/jiefang")
    html = (demo_site / station / "index.html").read_text("utf-8")
    assert "wm-menu-sheet--large" in html and "<h2>怎么点单</h2>" in html and "<svg" in html
    # The footer prints the menu page's address; the page's own is not printed again.
    assert "wm-print-url" not in html
