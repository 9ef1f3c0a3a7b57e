"""Which service pages the site has: the county's ``/menu/``, each unit's menu page
(units with menu items or orders) and an A4 menu sheet per unit with items."""

from __future__ import annotations

from functools import partial

from site_plugins import routes
from site_plugins.content.catalogue import Catalogue
from site_plugins.plans import Planned, PlannedPage
from site_plugins.service import units as service_units
from site_plugins.service import views

COLUMN = "文明实践菜单"
DEPENDS = frozenset({"service", "stations", "activities", "county"})


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
                DEPENDS,
            )
        )
        if service.menu_of(unit.key):
            pages.append(
                PlannedPage(
                    routes.unit_menu_sheet(unit.key),
                    f"{service_units.own_name(catalogue, unit)}文明实践菜单（A4 张贴）",
                    "menu-sheet.html",
                    COLUMN,
                    partial(views.menu_sheet_view, catalogue, unit.key, site_url),
                    DEPENDS,
                )
            )
    return pages
