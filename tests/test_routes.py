"""The routes module: every site address in one place, and nobody else writing them."""

from __future__ import annotations

import ast
import re
from fnmatch import fnmatchcase
from pathlib import Path

import pytest

from site_plugins import routes

ROOT = Path(__file__).resolve().parent.parent / "site_plugins"

# (call, expected URL): written out by hand, so a change of shape is a visible decision.
CASES = [
    (routes.township("qingshi"), "stations/qingshi/"),
    (routes.station("qingshi/zhangzhuang"), "stations/qingshi/zhangzhuang/"),
    (
        routes.station_month("qingshi/zhangzhuang", (2026, 6)),
        "stations/qingshi/zhangzhuang/2026/06/",
    ),
    (
        routes.activity("qingshi/zhangzhuang", "2026-06-19-duanwu"),
        "stations/qingshi/zhangzhuang/activities/2026-06-19-duanwu/",
    ),
    (
        routes.honoree("qingshi/zhangzhuang", "zhang-guifang"),
        "stations/qingshi/zhangzhuang/honorees/zhang-guifang/",
    ),
    (routes.unit("centre"), "centre/"),
    (routes.unit("qingshi"), "stations/qingshi/"),
    (routes.unit("qingshi/zhangzhuang"), "stations/qingshi/zhangzhuang/"),
    (routes.activity("centre", "2026-11-05-xuanjiang"), "centre/activities/2026-11-05-xuanjiang/"),
    (routes.plan("qingshi", "2026-12-20-jizhen"), "stations/qingshi/plans/2026-12-20-jizhen/"),
    (routes.honoree("centre", "li-xia"), "centre/honorees/li-xia/"),
    (routes.team("centre", "theory"), "centre/teams/theory/"),
    (routes.team("qingshi", "culture"), "stations/qingshi/teams/culture/"),
    (routes.photo_folder("centre"), "centre/media/"),
    (routes.listing_page("stations/q/z/", 1), "stations/q/z/"),
    (routes.listing_page("stations/q/z/", 3), "stations/q/z/page/3/"),
    (routes.feed_atom(), "feed.xml"),
    (routes.feed_json("stations/q/z/"), "stations/q/z/feed.json"),
    (routes.theme_year(2026), "themes/2026/"),
    (routes.theme_month((2026, 6)), "themes/2026/06/"),
    (routes.township_theme_month((2026, 6), "qingshi"), "themes/2026/06/qingshi/"),
    (routes.themes_ics(2026), "themes/2026.ics"),
    (routes.bulletin((2026, 6)), "bulletins/2026/06/"),
    (routes.bulletin((2026, 6), "liuhe"), "bulletins/2026/06/liuhe/"),
    (routes.sheets_month((2026, 6)), "sheets/2026/06/"),
    (
        routes.sheet("qingshi/zhangzhuang", (2026, 6), "a3"),
        "sheets/2026/06/qingshi/zhangzhuang/a3/",
    ),
    (routes.honor_roll_script("0123456789"), "honorees/roll.0123456789.js"),
    (routes.guide_page(""), "guide/"),
    (routes.guide_page("form"), "guide/form/"),
    (routes.schema("activity.schema.json"), "schemas/activity.schema.json"),
    (routes.admin_file("index.html"), "admin/index.html"),
    (routes.open_data_file("1", "data.json"), "open-data/v1/data.json"),
    (
        routes.bulletin_workbook("bulletins/2026/06/liuhe/", "2026-06", "liuhe"),
        "bulletins/2026/06/liuhe/tongbao-2026-06-liuhe.xlsx",
    ),
    (routes.unit_menu("centre"), "centre/menu/"),
    (routes.unit_menu("qingshi/zhangzhuang"), "stations/qingshi/zhangzhuang/menu/"),
    (routes.unit_menu_sheet("qingshi"), "stations/qingshi/menu/a4/"),
]


@pytest.mark.parametrize(("url", "expected"), CASES)
def test_route_shapes(url: str, expected: str) -> None:
    assert url == expected


@pytest.mark.parametrize(
    ("url", "source"),
    [
        ("", "index.md"),
        ("stations/", "stations/index.md"),
        ("stations/q/z/", "stations/q/z/index.md"),
        ("stations/q/z/page/2/", "stations/q/z/page/2.md"),
        ("stations/q/z/2026/06/page/12/", "stations/q/z/2026/06/page/12.md"),
        ("guide/form/", "guide/form/index.md"),
    ],
)
def test_source_of_each_page(url: str, source: str) -> None:
    assert routes.source_of(url) == source


def test_former_station_path_moves_only_the_stations_own_files() -> None:
    page = "stations/a/new/activities/x/index.html"
    assert routes.former_station_path("b/old", "a/new", page) == (
        "stations/b/old/activities/x/index.html"
    )
    assert routes.former_station_path("b/old", "a/new", "stations/a/newer/index.html") is None


def _excluded(url: str) -> bool:
    return any(fnmatchcase(url, pattern) for pattern in routes.SEARCH_EXCLUDES)


@pytest.mark.parametrize(
    "url",
    [
        routes.NOT_FOUND,
        routes.listing_page(routes.station("q/z"), 2),
        routes.station_month("q/z", (2026, 6)),
        routes.listing_page(routes.station_month("q/z", (2026, 6)), 2),
        routes.township_theme_month((2026, 6), "qingshi"),
        routes.unit_month("centre", (2026, 6)),
        routes.unit_month("qingshi", (2026, 6)),
        routes.unit_orders("qingshi/z"),
        routes.listing_page(routes.unit_orders("centre"), 2),
    ],
)
def test_search_leaves_out_listings(url: str) -> None:
    assert _excluded(url)


@pytest.mark.parametrize(
    "url",
    [
        routes.HOME,
        routes.station("q/z"),
        routes.township("qingshi"),
        routes.activity("q/z", "2026-06-19-duanwu"),
        routes.honoree("q/z", "zhang-guifang"),
        routes.theme_month((2026, 6)),
        routes.bulletin((2026, 6), "liuhe"),
        routes.guide_page("form"),
        routes.CENTRE,
        routes.activity("centre", "2026-06-19-duanwu"),
        routes.team("qingshi", "culture"),
        routes.unit_menu("qingshi/z"),
    ],
)
def test_search_keeps_entries_and_hubs(url: str) -> None:
    assert not _excluded(url)


# A string that starts like a site path: a top folder of the site and a slash, or a feed.
SITE_PATH = re.compile(
    r"^(stations|themes|honorees|bulletins|sheets|guide|schemas|admin|search)/"
    r"|^feed\.(xml|json)$|^page/"
)
# Content-tree paths look the same, because photos and entries are published where their
# files are; these places mean the content folder, not an address on the site.
CONTENT_PATHS = {
    "media/renditions.py": "walks content/stations/*/*/media/ for the photo cache",
    "practice/guide.py": "names a content folder and file in the clerks' examples",
    "practice/plugin.py": "the content folders whose files are data, not pages",
}


def _string_starts(tree: ast.AST) -> list[tuple[int, str]]:
    """Every string literal, and the literal start of every f-string, but docstrings."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    # An f-string's parts are Constant nodes too: only its literal start counts.
    inside = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in node.values
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in docstrings and id(node) not in inside:
                found.append((node.lineno, node.value))
        elif isinstance(node, ast.JoinedStr) and node.values:
            first = node.values[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append((node.lineno, first.value))
    return found


def site_paths_outside_routes() -> list[str]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if name == "routes.py" or name in CONTENT_PATHS:
            continue
        for line, text in _string_starts(ast.parse(path.read_text(encoding="utf-8"))):
            # Content files (…/station.yml, themes/2026.yml) are not site addresses.
            if SITE_PATH.search(text) and not text.endswith((".yml", ".md")):
                found.append(f"{name}:{line}: {text!r}")
    return found


def test_no_other_module_writes_site_paths() -> None:
    assert site_paths_outside_routes() == []


def test_the_check_finds_a_site_path(tmp_path: Path) -> None:
    tree = ast.parse('"""stations/x/ doc"""\nurl = f"themes/{year}/"\nname = "stations"\n')
    starts = [text for _, text in _string_starts(tree) if SITE_PATH.search(text)]
    assert starts == ["themes/"]


def test_allowed_content_path_modules_exist() -> None:
    # An entry for a module that was renamed or removed would silently allow nothing.
    for name in CONTENT_PATHS:
        assert (ROOT / name).is_file(), name


def test_an_order_is_listed_where_its_position_puts_it() -> None:
    menu = routes.unit_menu("q/z")
    assert routes.order("q/z", "a", 0) == f"{menu}#order-a"
    assert routes.order("q/z", "a", routes.MENU_ORDERS - 1) == f"{menu}#order-a"
    # Past the menu page's share: the order list's page that holds it (it lists them all).
    assert routes.order("q/z", "a", routes.MENU_ORDERS) == f"{routes.unit_orders('q/z')}#order-a"
    last_of_two = 2 * routes.ORDERS_PER_PAGE - 1
    assert routes.order("q/z", "a", last_of_two).startswith(
        routes.listing_page(routes.unit_orders("q/z"), 2)
    )
    assert routes.menu_item("centre", "fanzha") == "centre/menu/#centre-fanzha"
