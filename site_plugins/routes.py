"""Every address of the site, in one place.

Each function returns a page's URL relative to the site root, as MkDocs writes it with
``use_directory_urls`` (``stations/qingshi/zhangzhuang/``; the home page is ``""``), or a
file's path (``feed.xml``). No other module writes a site path as a string: it asks here
(``tests/test_routes.py`` enforces that). Plain functions over plain values (slugs, keys,
years), so the catalogue, the views, the plans and the scripts can all use them without
importing one another.

A unit key (单位) names the county centre (``centre``), a township's 实践所 (``<township>``)
or a village's 实践站 (``<township>/<village>``, the station's folder under ``stations/``).
Entry routes (activity, plan, honoree, team, photo folder) take any unit key.
"""

from __future__ import annotations

from typing import Final

Month = tuple[int, int]

HOME: Final = ""
STATIONS: Final = "stations/"
CENTRE: Final = "centre/"  # the county centre's own page (the county hub is the home page)
CENTRE_KEY: Final = "centre"
THEMES: Final = "themes/"
HONOR_ROLL: Final = "honorees/"
BULLETINS: Final = "bulletins/"
SHEETS: Final = "sheets/"
GUIDE: Final = "guide/"
VENUES: Final = "venues/"  # the county's directory of 阵地
MENU: Final = "menu/"  # the county's 文明实践菜单, every level together
SCHEMAS: Final = "schemas/"
SEARCH: Final = "search/"
ADMIN: Final = "admin/"
OPEN_DATA: Final = "open-data/"  # the page explaining the county's open data
# The city portal (site_plugins.city): its merged plans calendar and its search index.
CITY_PLANS: Final = "plans/"
CITY_SEARCH: Final = "search/city.json"
NOT_FOUND: Final = "404.html"

FEED_ATOM: Final = "feed.xml"
FEED_JSON: Final = "feed.json"
# The XSL stylesheet that shows an Atom feed opened in a browser as a Chinese page.
FEED_STYLE: Final = "assets/feed.xsl"


def _month(month: Month) -> str:
    return f"{month[0]}/{month[1]:02d}/"


# --- places --------------------------------------------------------------------------


def township(slug: str) -> str:
    return f"{STATIONS}{slug}/"


def station(key: str) -> str:
    return f"{STATIONS}{key}/"


def unit(key: str) -> str:
    """A unit's hub: ``centre/``, ``stations/<township>/`` or ``stations/<t>/<village>/``."""
    return CENTRE if key == CENTRE_KEY else station(key)


def station_month(key: str, month: Month) -> str:
    """A station's activities of one month."""
    return f"{station(key)}{_month(month)}"


def unit_month(key: str, month: Month) -> str:
    """A unit's own activities of one month: ``centre/2026/06/``,
    ``stations/<t>/2026/06/`` (the 所's own, not its stations'), a station's as above."""
    return f"{unit(key)}{_month(month)}"


def activity(unit_key: str, slug: str) -> str:
    return f"{unit(unit_key)}activities/{slug}/"


def plan(unit_key: str, slug: str) -> str:
    """An announced activity (活动预告)."""
    return f"{unit(unit_key)}plans/{slug}/"


def plans_ics(page: str = HOME) -> str:
    """The calendar of announced activities: the county's, or a station page's."""
    return f"{page}plans.ics"


def honoree(unit_key: str, slug: str) -> str:
    return f"{unit(unit_key)}honorees/{slug}/"


def team(unit_key: str, team_id: str) -> str:
    """A volunteer team's page, under its unit (centre, township or station)."""
    return f"{unit(unit_key)}teams/{team_id}/"


def photo_folder(unit_key: str) -> str:
    """Where a unit's photo renditions are published."""
    return f"{unit(unit_key)}media/"


# --- service menus (文明实践菜单) -------------------------------------------------------


def unit_menu(key: str) -> str:
    """One unit's 文明实践菜单 with its 四单 record."""
    return f"{unit(key)}{MENU}"


def unit_menu_sheet(key: str) -> str:
    """The unit's menu laid out on A4 for the notice board."""
    return f"{unit_menu(key)}a4/"


def menu_anchor(key: str, slug: str) -> str:
    """The id of a menu item on the menu pages (unique across units)."""
    return f"{key.replace('/', '-')}-{slug}"


def menu_item(key: str, slug: str) -> str:
    """A menu item: its entry on its unit's menu page."""
    return f"{unit_menu(key)}#{menu_anchor(key, slug)}"


# A unit's menu page lists its newest orders; all of them are on its paged order list.
MENU_ORDERS: Final = 20
ORDERS_PER_PAGE: Final = 50


def unit_orders(key: str) -> str:
    """Every order a unit took, newest first, paged (``…/menu/orders/page/2/``)."""
    return f"{unit_menu(key)}orders/"


def order_anchor(slug: str) -> str:
    """The id of an order's row (file names are unique within a unit's orders/)."""
    return f"order-{slug}"


def order(key: str, slug: str, position: int) -> str:
    """Where an order is listed: its row on its unit's menu page when it is one of the
    newest ``MENU_ORDERS`` (``position`` counts from 0, newest first), else on the page
    of the unit's order list that holds it."""
    if position < MENU_ORDERS:
        return f"{unit_menu(key)}#{order_anchor(slug)}"
    page = listing_page(unit_orders(key), position // ORDERS_PER_PAGE + 1)
    return f"{page}#{order_anchor(slug)}"


# --- listings ------------------------------------------------------------------------


def listing_page(base: str, number: int) -> str:
    """Page ``number`` of a listing whose first page is at ``base`` (a page URL)."""
    return base if number == 1 else f"{base}page/{number}/"


# --- feeds ---------------------------------------------------------------------------


def feed_atom(page: str = HOME) -> str:
    """The Atom feed of the county (``page`` = home) or of a station page."""
    return f"{page}{FEED_ATOM}"


def feed_style(feed: str) -> str:
    """The feed stylesheet's address relative to the feed file ``feed`` (a site path)."""
    return "../" * feed.count("/") + FEED_STYLE


def feed_json(page: str = HOME) -> str:
    return f"{page}{FEED_JSON}"


# --- the theme calendar --------------------------------------------------------------


def theme_year(year: int) -> str:
    return f"{THEMES}{year}/"


def theme_month(month: Month) -> str:
    return f"{THEMES}{_month(month)}"


def township_theme_month(month: Month, township_slug: str) -> str:
    return f"{theme_month(month)}{township_slug}/"


def themes_ics(year: int) -> str:
    return f"{THEMES}{year}.ics"


# --- 通报 and notice-board sheets ------------------------------------------------------


def bulletin(month: Month, township_slug: str | None = None) -> str:
    """The county's 通报 of a month, or with ``township_slug`` that township's."""
    base = f"{BULLETINS}{_month(month)}"
    return f"{base}{township_slug}/" if township_slug else base


def quarter_bulletin(year: int, quarter: int, township_slug: str | None = None) -> str:
    """A quarter's 通报 (季通报): ``bulletins/2026/q2/``, a township's under it."""
    base = f"{BULLETINS}{year}/q{quarter}/"
    return f"{base}{township_slug}/" if township_slug else base


def annual_bulletin(year: int, township_slug: str | None = None) -> str:
    """A year's 通报 (年度通报): ``bulletins/2026/annual/``, a township's under it."""
    base = f"{BULLETINS}{year}/annual/"
    return f"{base}{township_slug}/" if township_slug else base


def sheets_month(month: Month) -> str:
    return f"{SHEETS}{_month(month)}"


def sheet(station_key: str, month: Month, paper: str) -> str:
    return f"{sheets_month(month)}{station_key}/{paper}/"


def bulletin_workbook(bulletin_url: str, key: str, township_slug: str | None = None) -> str:
    """A 通报's .xlsx, beside its page: ``bulletins/2026/06/tongbao-2026-06.xlsx``."""
    suffix = f"-{township_slug}" if township_slug else ""
    return f"{bulletin_url}tongbao-{key}{suffix}.xlsx"


# --- open data -----------------------------------------------------------------------


def open_data_file(major: str, name: str) -> str:
    """A file of the open-data export, version ``major``: ``open-data/v1/data.json``."""
    return f"{OPEN_DATA}v{major}/{name}"


# --- the honor roll, the guide, schemas, the form editor -----------------------------


def honor_roll_script(digest: str) -> str:
    """The roll's search index, named by its content hash."""
    return f"{HONOR_ROLL}roll.{digest}.js"


def guide_page(name: str) -> str:
    """A page of the contributor guide; ``name`` "" is its first page."""
    return f"{GUIDE}{name}/" if name else GUIDE


def guide_file(name: str) -> str:
    return f"{GUIDE}{name}"


def schema(name: str) -> str:
    return f"{SCHEMAS}{name}"


def admin_file(name: str) -> str:
    return f"{ADMIN}{name}"


# --- renamed stations ----------------------------------------------------------------


def former_station_path(former_key: str, current_key: str, dest_path: str) -> str | None:
    """Where ``dest_path`` (a file of the station now at ``current_key``) used to be.

    None when the file is not the station's.
    """
    here = station(current_key)
    if not dest_path.startswith(here):
        return None
    return station(former_key) + dest_path[len(here) :]


# --- MkDocs' side --------------------------------------------------------------------


def source_of(url: str) -> str:
    """The generated Markdown file MkDocs turns into the page at ``url``.

    With ``use_directory_urls``, ``a/b/index.md`` and ``a/b.md`` both become ``a/b/``;
    the ``index.md`` form is used, except for later listing pages (``…/page/2.md``), whose
    folder holds no other page.
    """
    if url == HOME:
        return "index.md"
    parts = url.rstrip("/").split("/")
    if len(parts) >= 2 and parts[-2] == "page" and parts[-1].isdigit():
        return "/".join(parts) + ".md"
    return f"{url}index.md"


# --- search --------------------------------------------------------------------------

# Pages that only list other pages (later pages of a list, a unit's month pages, a
# township's theme-month page) or are not pages at all (404): they would bury the entries they
# list. fnmatch globs over page URLs; tests/test_routes.py checks them against the shapes
# above.
SEARCH_EXCLUDES: Final = (
    NOT_FOUND,
    "*/page/*",
    f"{STATIONS}*/*/[0-9][0-9][0-9][0-9]/*",
    f"{STATIONS}*/[0-9][0-9][0-9][0-9]/[0-9][0-9]/*",
    f"{CENTRE}[0-9][0-9][0-9][0-9]/*",
    f"*{MENU}orders/",  # a unit's every order: its menu page is what search should find
    f"{THEMES}[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/",
)
