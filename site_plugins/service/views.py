"""What the menu pages, the menu sheets and the hubs' 四单 panels show."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from site_plugins import dates, routes
from site_plugins.bulletins.sheet import qr_svg
from site_plugins.content.catalogue import (
    CENTRE_LEVEL,
    STATION_LEVEL,
    TOWNSHIP_LEVEL,
    Activity,
    Catalogue,
    Unit,
    VolunteerTeam,
)
from site_plugins.hubs.pagination import Pager
from site_plugins.plans import Crumb, Link, View
from site_plugins.service import figures
from site_plugins.service.figures import DEFINITIONS, OrderFigures
from site_plugins.service.records import CENTRE, MenuItem, ServiceOrder, ServiceRecords
from site_plugins.service.units import LEVEL_NAMES, ancestors, own_name, place

LEVELS = ((CENTRE_LEVEL, "县级菜单"), (TOWNSHIP_LEVEL, "乡镇级菜单"), (STATION_LEVEL, "村级菜单"))


def records(catalogue: Catalogue) -> ServiceRecords:
    return catalogue.service or ServiceRecords()


def team_url(team: VolunteerTeam) -> str | None:
    """A team's page (every registered team has one, at its unit)."""
    return team.url if team.unit_key else None


def scope_orders(catalogue: Catalogue, scope: str | None) -> tuple[ServiceOrder, ...]:
    """The orders a hub counts: a station's, a township's (its 所 and stations) or, with
    ``scope`` None, the county's (every unit)."""
    service = records(catalogue)
    if scope is None:
        return service.orders
    if "/" in scope or scope == CENTRE:
        return service.orders_of(scope)
    return service.orders_in_township(scope)


# --- the hubs' panel ------------------------------------------------------------------


@dataclass(frozen=True)
class OrderPanel:
    """四单 figures for a hub page, with where to see the menu and every order."""

    figures: OrderFigures
    menu_url: str
    definitions: tuple[str, ...] = DEFINITIONS
    # 怎么点单: the menus a resident of the scope can order from, nearest first, ending
    # with the county's /menu/ (every level in one page).
    menus: tuple[Link, ...] = ()


def has_menu_page(service: ServiceRecords, unit_key: str) -> bool:
    """Whether a unit has a menu page of its own (see plans: its own items or orders)."""
    return bool(service.menu_of(unit_key) or service.orders_of(unit_key))


def menus_to_order_from(catalogue: Catalogue, scope: str | None) -> tuple[Link, ...]:
    service = records(catalogue)
    links = []
    for key in ancestors(scope) if scope is not None else []:
        unit = catalogue.find_unit(key)
        if unit is not None and service.menu_of(key):
            own = {STATION_LEVEL: "本站", TOWNSHIP_LEVEL: "本所"}.get(unit.level, unit.name)
            name = own if key == scope else unit.name
            links.append(Link(f"{name}菜单", routes.unit_menu(key)))
    links.append(Link("全县文明实践菜单（县、乡、村三级）", routes.MENU))
    return tuple(links)


def order_panel(catalogue: Catalogue, scope: str | None, with_menus: bool = True) -> OrderPanel:
    """``with_menus`` False on the menu pages, which say how to order in their own words."""
    service = records(catalogue)
    # A unit without items or orders has no menu page of its own: link the county's.
    own = scope is not None and has_menu_page(service, scope)
    menu = routes.unit_menu(scope) if own and scope is not None else routes.MENU
    return OrderPanel(
        figures.order_figures(scope_orders(catalogue, scope)),
        menu,
        menus=menus_to_order_from(catalogue, scope) if with_menus else (),
    )


def hub_order_panel(catalogue: Catalogue, scope: str | None) -> OrderPanel | None:
    """A hub's panel, or None in a county without menus or orders (no /menu/ to link)."""
    service = records(catalogue)
    if not service.menu_items and not service.orders:
        return None
    return order_panel(catalogue, scope)


# --- menu entries and orders as listed ------------------------------------------------


@dataclass(frozen=True)
class MenuEntry:
    anchor: str
    title: str
    summary: str
    work: str  # 五项 labels, joined
    team: str
    team_url: str | None
    available: str
    how: str  # where, when and phone, when the item says
    unit: Link | None  # the unit offering it, in lists across units
    body: str


@dataclass(frozen=True)
class WorkGroup:
    label: str  # a 五项 label
    items: list[MenuEntry]


def _entry(catalogue: Catalogue, item: MenuItem, with_unit: bool) -> MenuEntry:
    labels = catalogue.county.labels
    how = item.meta.order
    parts = []
    if how is not None:
        parts = [x for x in (how.where, how.when, f"电话 {how.phone}" if how.phone else None) if x]
    unit = catalogue.find_unit(item.unit_key)
    return MenuEntry(
        anchor=routes.menu_anchor(item.unit_key, item.slug),
        title=item.title,
        summary=item.meta.summary,
        work="、".join(labels.five_items.label(code) for code in item.work),
        team=item.team.name,
        team_url=team_url(item.team),
        available=item.meta.available,
        how="；".join(parts),
        unit=Link(place(catalogue, unit), routes.unit_menu(unit.key))
        if with_unit and unit
        else None,
        body=item.body,
    )


def work_groups(
    catalogue: Catalogue, items: Iterable[MenuItem], with_unit: bool = False
) -> list[WorkGroup]:
    """Items under the 五项 item they name first, in the county's order of the 五项."""
    labels = catalogue.county.labels.five_items
    grouped: dict[str, list[MenuEntry]] = {code: [] for code in labels.labels}
    for item in items:
        grouped[item.work[0]].append(_entry(catalogue, item, with_unit))
    return [WorkGroup(labels.label(code), entries) for code, entries in grouped.items() if entries]


def order_anchor(order: ServiceOrder) -> str:
    """The id of an order's row on its unit's menu page (file names are unique per unit)."""
    return routes.order_anchor(order.slug)


def order_url(service: ServiceRecords, order: ServiceOrder) -> str:
    """Where an order is listed: its row on its unit's menu page (the newest ones) or on
    the page of the unit's order list that holds it."""
    return routes.order(order.unit_key, order.slug, service.orders_of(order.unit_key).index(order))


@dataclass(frozen=True)
class ServedOrder:
    """What an activity page says about the order it served (响应群众点单)."""

    text: str  # 二组群众点单“想听一堂防电信诈骗讲座”（11月5日）
    url: str  # the order's row on its unit's menu page


def served_order(catalogue: Catalogue, activity: Activity) -> ServedOrder | None:
    service = records(catalogue)
    order = service.order_served_by(activity)
    if order is None:
        return None
    text = f"{order.meta.group}点单“{order.meta.title}”（{dates.month_day(order.date)}）"
    return ServedOrder(text, order_url(service, order))


@dataclass(frozen=True)
class OrderRow:
    anchor: str
    date: str
    title: str
    group: str
    menu: Link | None
    team: str | None
    served: Link | None  # the serving activity
    days: int | None
    review: str | None  # 满意 25 · 基本满意 3 · 不满意 0
    comment: str | None
    status: str  # 待配单 / 已配单 / 已送单 / 已评单


def order_rows(catalogue: Catalogue, orders: Iterable[ServiceOrder]) -> list[OrderRow]:
    rows = []
    for order in orders:
        menu = None
        if order.menu_item is not None:
            item = order.menu_item
            menu = Link(item.title, routes.menu_item(item.unit_key, item.slug))
        served = Link(order.activity.title, order.activity.url) if order.activity else None
        review = order.review
        status = (
            "已评单" if review else "已送单" if served else "已配单" if order.team else "待配单"
        )
        rows.append(
            OrderRow(
                order_anchor(order),
                dates.iso(order.date),
                order.meta.title,
                order.meta.group,
                menu,
                order.team.name if order.team else None,
                served,
                order.days_to_serve,
                f"满意 {review.satisfied} · 基本满意 {review.basic} · 不满意 {review.unsatisfied}"
                if review
                else None,
                review.comment if review else None,
                status,
            )
        )
    return rows


# --- how to order ---------------------------------------------------------------------


@dataclass(frozen=True)
class HowToOrder:
    phone: str | None  # the unit's office phone
    address: str | None
    platform: Link | None  # the county's 点单 platform
    platform_note: str | None


def how_to_order(catalogue: Catalogue, unit: Unit | None) -> HowToOrder:
    platform = catalogue.county.meta.order_platform
    office = unit.office if unit else None
    return HowToOrder(
        office.phone if office else None,
        office.address if office else None,
        Link(platform.name, platform.url) if platform else None,
        platform.note if platform else None,
    )


# --- a unit's menu page ---------------------------------------------------------------


@dataclass(frozen=True)
class MenuPage(View):
    """One unit's 文明实践菜单, the menus above it, and its 四单 record."""

    context_name: ClassVar[str] = "menu_page"
    name: str
    crumbs: list[Crumb]
    level: str
    how: HowToOrder
    groups: list[WorkGroup]
    count: int
    higher: list[Link]  # the township's and the county's menus
    panel: OrderPanel
    orders: list[OrderRow]  # the newest routes.MENU_ORDERS
    sheet_url: str | None
    orders_total: int = 0
    all_orders: str | None = None  # the unit's order list, when it has more than are shown


def menus_above(catalogue: Catalogue, unit_key: str) -> list[Unit]:
    """The units above ``unit_key`` (its township's 所, the centre) that have menu items."""
    service = records(catalogue)
    above = (catalogue.find_unit(key) for key in ancestors(unit_key)[1:])
    return [u for u in above if u is not None and service.menu_of(u.key)]


def unit_crumbs(catalogue: Catalogue, unit: Unit) -> list[Crumb]:
    crumbs = [Crumb(catalogue.county.meta.name, routes.HOME), Crumb("文明实践菜单", routes.MENU)]
    if unit.level == STATION_LEVEL:
        township = catalogue.township(unit.key.split("/")[0])
        crumbs.append(Crumb(township.name, township.url))
    crumbs.append(Crumb(own_name(catalogue, unit), unit.url))
    return crumbs


def menu_page_view(catalogue: Catalogue, unit_key: str) -> MenuPage:
    unit = catalogue.unit(unit_key)  # planned only for units of the catalogue
    service = records(catalogue)
    items = service.menu_of(unit_key)
    orders = service.orders_of(unit_key)
    higher = [
        Link(f"{u.name}菜单", routes.unit_menu(u.key)) for u in menus_above(catalogue, unit_key)
    ]
    return MenuPage(
        name=f"{unit.name}文明实践菜单",
        crumbs=unit_crumbs(catalogue, unit),
        level=LEVEL_NAMES[unit.level],
        how=how_to_order(catalogue, unit),
        groups=work_groups(catalogue, items),
        count=len(items),
        higher=higher,
        panel=order_panel(catalogue, unit_key, with_menus=False),
        orders=order_rows(catalogue, orders[: routes.MENU_ORDERS]),
        sheet_url=routes.unit_menu_sheet(unit_key) if items else None,
        orders_total=len(orders),
        all_orders=routes.unit_orders(unit_key) if len(orders) > routes.MENU_ORDERS else None,
    )


@dataclass(frozen=True)
class OrderList(View):
    """One page of every order a unit took, newest first (its menu page shows the newest)."""

    context_name: ClassVar[str] = "order_list"
    name: str
    crumbs: list[Crumb]
    menu_url: str
    total: int
    orders: list[OrderRow]
    pager: Pager


def order_list_view(
    catalogue: Catalogue, unit_key: str, items: Sequence[ServiceOrder], pager: Pager
) -> OrderList:
    unit = catalogue.unit(unit_key)  # planned only for units of the catalogue
    menu = routes.unit_menu(unit_key)
    return OrderList(
        name=f"{unit.name}点单记录",
        crumbs=[*unit_crumbs(catalogue, unit), Crumb(f"{own_name(catalogue, unit)}菜单", menu)],
        menu_url=menu,
        total=len(records(catalogue).orders_of(unit_key)),
        orders=order_rows(catalogue, items),
        pager=pager,
    )


# --- the county's menu ----------------------------------------------------------------


# Beyond this many items a level is listed as links to each unit's menu, not item by item:
# 700 stations' items would make the county page half a megabyte on a reader's phone.
INLINE_LIMIT = 60


@dataclass(frozen=True)
class LevelGroup:
    name: str  # 县级菜单
    count: int
    groups: list[WorkGroup]  # empty when the level is listed by unit (``units``)
    units: list[Link] = field(default_factory=list)  # 张庄村（3 项）→ its menu page


@dataclass(frozen=True)
class UnitGroup:
    """The menu pages of one place: the centre's, or a township's 所 and its stations'."""

    name: str  # 示范县 / 城关街道
    units: list[Link]  # 县中心 / 实践所 / 滨河社区 → that unit's menu page


@dataclass(frozen=True)
class CountyMenu(View):
    context_name: ClassVar[str] = "county_menu"
    name: str
    crumbs: list[Crumb]
    how: HowToOrder
    levels: list[LevelGroup]
    units: list[Link]  # every unit's own menu page
    panel: OrderPanel
    unit_groups: list[UnitGroup] = field(default_factory=list)  # ``units`` by township


def county_menu_view(catalogue: Catalogue, inline_limit: int = INLINE_LIMIT) -> CountyMenu:
    service = records(catalogue)
    levels = []
    for level, name in LEVELS:
        items = [m for u in catalogue.units if u.level == level for m in service.menu_of(u.key)]
        if len(items) > inline_limit:
            links = [
                Link(
                    f"{place(catalogue, u)}（{len(service.menu_of(u.key))} 项）",
                    routes.unit_menu(u.key),
                )
                for u in catalogue.units
                if u.level == level and service.menu_of(u.key)
            ]
            levels.append(LevelGroup(name, len(items), [], links))
            continue
        with_unit = level != CENTRE_LEVEL
        groups = work_groups(catalogue, items, with_unit=with_unit)
        levels.append(LevelGroup(name, len(items), groups))
    return CountyMenu(
        name=f"{catalogue.county.meta.name}文明实践菜单",
        crumbs=[Crumb(catalogue.county.meta.name, routes.HOME)],
        how=how_to_order(catalogue, None),
        levels=[lv for lv in levels if lv.count],
        units=[Link(u.name, routes.unit_menu(u.key)) for u in menu_units(catalogue)],
        panel=order_panel(catalogue, None, with_menus=False),
        unit_groups=unit_groups(catalogue, menu_units(catalogue)),
    )


# Short names under a place's heading: the place is said once, by the heading.
SHORT_LEVEL_NAMES = {CENTRE_LEVEL: "县中心", TOWNSHIP_LEVEL: "实践所"}


def unit_groups(catalogue: Catalogue, with_menus: Iterable[Unit]) -> list[UnitGroup]:
    """``with_menus`` (in the units' order) grouped by their township; the centre alone.
    Seventeen full names in one run of links read as a wall; 城关街道: 实践所 · 滨河社区
    tells a reader where to tap."""
    groups: dict[str, list[Link]] = {}
    for unit in with_menus:
        place = unit.key.split("/")[0]
        name = SHORT_LEVEL_NAMES.get(unit.level) or own_name(catalogue, unit)
        groups.setdefault(place, []).append(Link(name, routes.unit_menu(unit.key)))
    return [
        UnitGroup(own_name(catalogue, catalogue.unit(place)), links)
        for place, links in groups.items()
    ]


def menu_units(catalogue: Catalogue) -> list[Unit]:
    """Units that have a menu page: their own items or orders."""
    service = records(catalogue)
    return [u for u in catalogue.units if service.menu_of(u.key) or service.orders_of(u.key)]


# --- the notice-board sheet -----------------------------------------------------------


@dataclass(frozen=True)
class SheetItem:
    title: str
    summary: str
    team: str
    available: str
    work: str


@dataclass(frozen=True)
class MenuSheet(View):
    """A unit's menu on one A4 page for the 公开栏, with a QR code to order by."""

    context_name: ClassVar[str] = "menu_sheet"
    unit: str
    centre: str
    items: list[SheetItem]
    higher: list[str]  # 青石镇新时代文明实践所菜单 3 项
    phone: str | None
    platform: str | None
    platform_note: str | None
    qr_svg: str
    qr_url: str
    qr_caption: str
    page_url: str
    as_of: str

    @property
    def layout(self) -> str:
        return menu_sheet_layout(len(self.items))


def menu_sheet_layout(count: int) -> str:
    """How a menu of ``count`` items fills one A4 page (menu-sheet.html, sheet.css) with
    body text of 14 pt or more, readable at a metre: ``large`` (1–4 items, each in a box
    in large type), ``medium`` (5–8, title, summary, team and time), ``titles`` (9–42,
    the titles alone in two columns: the code and the web page have the rest) and
    ``titles3`` (more, three columns; beyond about 63 the list goes on overleaf).
    Measured: 32 items with their summaries at 14 pt took 1⅓ pages."""
    if count <= 4:
        return "large"
    if count <= 8:
        return "medium"
    return "titles" if count <= 42 else "titles3"


def _absolute(site_url: str, path: str) -> str:
    base = site_url if site_url.endswith("/") else f"{site_url}/"
    return base + path


def menu_sheet_view(catalogue: Catalogue, unit_key: str, site_url: str) -> MenuSheet:
    unit = catalogue.unit(unit_key)
    service = records(catalogue)
    labels = catalogue.county.labels.five_items
    platform = catalogue.county.meta.order_platform
    page = _absolute(site_url, routes.unit_menu(unit_key))
    # The code says how to order: the county's platform when there is one, else this page.
    target, caption = (platform.url, "微信扫码点单") if platform else (page, "扫码查看菜单")
    higher = [
        f"{u.name}菜单 {len(service.menu_of(u.key))} 项" for u in menus_above(catalogue, unit_key)
    ]
    return MenuSheet(
        unit=unit.name,
        centre=catalogue.county.meta.centre,
        items=[
            SheetItem(
                m.title,
                m.meta.summary,
                m.team.name,
                m.meta.available,
                "、".join(labels.label(c) for c in m.work),
            )
            for m in service.menu_of(unit_key)
        ],
        higher=higher,
        phone=unit.office.phone if unit.office else None,
        platform=platform.name if platform else None,
        platform_note=platform.note if platform else None,
        qr_svg=qr_svg(target),
        qr_url=target,
        qr_caption=caption,
        page_url=page,
        as_of=dates.day_text(catalogue.reference_date),
    )
