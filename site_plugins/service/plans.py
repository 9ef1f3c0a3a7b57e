"""Which service pages the site has: the county's ``/menu/``, each unit's menu page
(units with menu items or orders) and an A4 menu sheet per unit with items."""

from __future__ import annotations

from functools import partial

from site_plugins import routes
from site_plugins.content.catalogue import Catalogue
from site_plugins.hubs.pagination import paginate
from site_plugins.plans import UNITS, Dependency, Planned, PlannedPage
from site_plugins.service import units as service_units
from site_plugins.service import views
from site_plugins.service.units import ancestors

COLUMN = "文明实践菜单"
# The county's menu: every unit's items and orders (and the activities that served them).
DEPENDS = frozenset({"service", UNITS, "county"})


def unit_depends(unit_key: str) -> frozenset[Dependency]:
    """A unit's menu page and sheet: its items and orders (a township's also its
    stations' orders, which its figures count; each order with the activity that served
    it: all in ``service``), the menus of the units above it, which it links to
    (site_plugins.incremental.diff), and the unit's own record (its name and teams); a
    所's or the centre's page every station's record (``units``: the stations whose
    orders it lists). Not its activities."""
    higher = {f"menus:{key}" for key in ancestors(unit_key)}
    own = f"unit:{unit_key}" if "/" in unit_key else UNITS
    return frozenset({own, "service", "county", *higher})


def plan(catalogue: Catalogue, site_url: str) -> list[Planned]:
    service = views.records(catalogue)
    if not service.menu_items and not service.orders:
        return []
    pages: list[Planned] = [
        PlannedPage(
            routes.MENU,
            f"{catalogue.county.meta.name}文明实践菜单",
            "menu.html",
            COLUMN,
            partial(views.county_menu_view, catalogue),
            DEPENDS,
        )
    ]
    for unit in views.menu_units(catalogue):
        pages.append(
            PlannedPage(
                routes.unit_menu(unit.key),
                f"{unit.name}文明实践菜单",
                "unit-menu.html",
                COLUMN,
                partial(views.menu_page_view, catalogue, unit.key),
                unit_depends(unit.key),
            )
        )
        pages += order_list_pages(catalogue, unit.key, unit.name)
        if service.menu_of(unit.key):
            pages.append(
                PlannedPage(
                    routes.unit_menu_sheet(unit.key),
                    f"{service_units.own_name(catalogue, unit)}文明实践菜单（A4 张贴）",
                    "menu-sheet.html",
                    COLUMN,
                    partial(views.menu_sheet_view, catalogue, unit.key, site_url),
                    unit_depends(unit.key),
                )
            )
    return pages


def order_list_pages(catalogue: Catalogue, unit_key: str, name: str) -> list[Planned]:
    """A unit's every order, paged, when its menu page cannot show them all."""
    orders = views.records(catalogue).orders_of(unit_key)
    if len(orders) <= routes.MENU_ORDERS:
        return []
    pages: list[Planned] = []
    for piece in paginate(orders, routes.ORDERS_PER_PAGE, routes.unit_orders(unit_key)):
        title = f"{name}点单记录"
        if piece.pager.number > 1:
            title += f"（第{piece.pager.number}页）"
        view = partial(views.order_list_view, catalogue, unit_key, piece.items, piece.pager)
        depends = unit_depends(unit_key)  # the same rows as the unit's menu page shows
        pages.append(PlannedPage(piece.url, title, "unit-orders.html", COLUMN, view, depends))
    return pages
