"""What the menu pages, the menu sheets and the hubs' 四单 panels show."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import ClassVar

from site_plugins import dates, routes
from site_plugins.bulletins.sheet import qr_svg
from site_plugins.content.catalogue import Activity, Catalogue
from site_plugins.plans import Crumb, Link, View
from site_plugins.service import figures
from site_plugins.service.figures import DEFINITIONS, OrderFigures
from site_plugins.service.records import CENTRE, MenuItem, ServiceOrder, ServiceRecords
from site_plugins.service.units import Unit, Units, ancestors

LEVELS = (("centre", "县级菜单"), ("township", "乡镇级菜单"), ("station", "村级菜单"))


def records(catalogue: Catalogue) -> ServiceRecords:
    return catalogue.service or ServiceRecords()


_UNITS = "_service_units"


def units_of(catalogue: Catalogue) -> Units:
    """The catalogue's units, built once per catalogue: every hub page asks (700 stations).

    Kept in the catalogue's own ``__dict__``, the way ``functools.cached_property`` keeps
    its values on the frozen record.
    """
    cached = catalogue.__dict__.get(_UNITS)
    if not isinstance(cached, Units):
        cached = Units(
            catalogue.county,
            catalogue.townships,
            catalogue.stations,
            catalogue.unit_teams,
            catalogue.centre.meta.office if catalogue.centre else None,
        )
        catalogue.__dict__[_UNITS] = cached
    return cached


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
    units = units_of(catalogue)
    links = []
    for key in ancestors(scope) if scope is not None else []:
        unit = units.get(key)
        if unit is not None and service.menu_of(key):
            own = {"station": "本站", "township": "本所"}.get(unit.level, unit.full_name)
            name = own if key == scope else unit.full_name
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


def _entry(catalogue: Catalogue, units: Units, item: MenuItem, with_unit: bool) -> MenuEntry:
    labels = catalogue.county.labels
    how = item.meta.order
    parts = []
    if how is not None:
        parts = [x for x in (how.where, how.when, f"电话 {how.phone}" if how.phone else None) if x]
    unit = units.get(item.unit_key)
    return MenuEntry(
        anchor=f"{item.unit_key.replace('/', '-')}-{item.slug}",
        title=item.title,
        summary=item.meta.summary,
        work="、".join(labels.five_items.label(code) for code in item.work),
        team=item.team.name,
        team_url=units.team_url(item.team),
        available=item.meta.available,
        how="；".join(parts),
        unit=Link(unit.place, routes.unit_menu(unit.key)) if with_unit and unit else None,
        body=item.body,
    )


def work_groups(
    catalogue: Catalogue, units: Units, items: Iterable[MenuItem], with_unit: bool = False
) -> list[WorkGroup]:
    """Items under the 五项 item they name first, in the county's order of the 五项."""
    labels = catalogue.county.labels.five_items
    grouped: dict[str, list[MenuEntry]] = {code: [] for code in labels.labels}
    for item in items:
        grouped[item.work[0]].append(_entry(catalogue, units, item, with_unit))
    return [WorkGroup(labels.label(code), entries) for code, entries in grouped.items() if entries]


def order_anchor(order: ServiceOrder) -> str:
    """The id of an order's row on its unit's menu page (file names are unique per unit)."""
    return f"order-{order.slug}"


def order_url(order: ServiceOrder) -> str:
    """Where an order is listed: its row on the menu page of the unit that took it."""
    return f"{routes.unit_menu(order.unit_key)}#{order_anchor(order)}"


@dataclass(frozen=True)
class ServedOrder:
    """What an activity page says about the order it served (响应群众点单)."""

    text: str  # 二组群众点单“想听一堂防电信诈骗讲座”（11月5日）
    url: str  # the order's row on its unit's menu page


def served_order(catalogue: Catalogue, activity: Activity) -> ServedOrder | None:
    order = records(catalogue).order_served_by(activity)
    if order is None:
        return None
    text = f"{order.meta.group}点单“{order.meta.title}”（{dates.month_day(order.date)}）"
    return ServedOrder(text, order_url(order))


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
            anchor = f"{item.unit_key.replace('/', '-')}-{item.slug}"
            menu = Link(item.title, f"{routes.unit_menu(item.unit_key)}#{anchor}")
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
    orders: list[OrderRow]
    sheet_url: str | None


def unit_crumbs(catalogue: Catalogue, unit: Unit) -> list[Crumb]:
    crumbs = [Crumb(catalogue.county.meta.name, routes.HOME), Crumb("文明实践菜单", routes.MENU)]
    if unit.level == "station":
        township = catalogue.township(unit.key.split("/")[0])
        crumbs.append(Crumb(township.name, township.url))
    if unit.url is not None:
        crumbs.append(Crumb(unit.name, unit.url))
    return crumbs


def menu_page_view(catalogue: Catalogue, unit_key: str) -> MenuPage:
    units = units_of(catalogue)
    unit = units.get(unit_key)
    assert unit is not None  # planned only for units of the catalogue
    service = records(catalogue)
    items = service.menu_of(unit_key)
    higher = [
        Link(f"{u.full_name}菜单", routes.unit_menu(u.key))
        for key in ancestors(unit_key)[1:]
        if (u := units.get(key)) is not None and service.menu_of(key)
    ]
    return MenuPage(
        name=f"{unit.full_name}文明实践菜单",
        crumbs=unit_crumbs(catalogue, unit),
        level=unit.level_name,
        how=how_to_order(catalogue, unit),
        groups=work_groups(catalogue, units, items),
        count=len(items),
        higher=higher,
        panel=order_panel(catalogue, unit_key, with_menus=False),
        orders=order_rows(catalogue, service.orders_of(unit_key)),
        sheet_url=routes.unit_menu_sheet(unit_key) if items else None,
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
    units = units_of(catalogue)
    service = records(catalogue)
    levels = []
    for level, name in LEVELS:
        items = [m for u in units.ordered if u.level == level for m in service.menu_of(u.key)]
        if len(items) > inline_limit:
            links = [
                Link(f"{u.place}（{len(service.menu_of(u.key))} 项）", routes.unit_menu(u.key))
                for u in units.ordered
                if u.level == level and service.menu_of(u.key)
            ]
            levels.append(LevelGroup(name, len(items), [], links))
            continue
        with_unit = level != "centre"
        groups = work_groups(catalogue, units, items, with_unit=with_unit)
        levels.append(LevelGroup(name, len(items), groups))
    return CountyMenu(
        name=f"{catalogue.county.meta.name}文明实践菜单",
        crumbs=[Crumb(catalogue.county.meta.name, routes.HOME)],
        how=how_to_order(catalogue, None),
        levels=[lv for lv in levels if lv.count],
        units=[Link(u.full_name, routes.unit_menu(u.key)) for u in menu_units(catalogue, units)],
        panel=order_panel(catalogue, None, with_menus=False),
        unit_groups=unit_groups(units, menu_units(catalogue, units)),
    )


# Short names under a place's heading: the place is said once, by the heading.
SHORT_LEVEL_NAMES = {"centre": "县中心", "township": "实践所"}


def unit_groups(units: Units, with_menus: Iterable[Unit]) -> list[UnitGroup]:
    """``with_menus`` (in the units' order) grouped by their township; the centre alone.
    Seventeen full names in one run of links read as a wall; 城关街道: 实践所 · 滨河社区
    tells a reader where to tap."""
    groups: dict[str, list[Link]] = {}
    for unit in with_menus:
        place = unit.key.split("/")[0]
        name = SHORT_LEVEL_NAMES.get(unit.level, unit.name)
        groups.setdefault(place, []).append(Link(name, routes.unit_menu(unit.key)))
    return [
        UnitGroup(head.name if (head := units.get(place)) else place, links)
        for place, links in groups.items()
    ]


def menu_units(catalogue: Catalogue, units: Units) -> list[Unit]:
    """Units that have a menu page: their own items or orders."""
    service = records(catalogue)
    return [u for u in units.ordered if service.menu_of(u.key) or service.orders_of(u.key)]


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
    units = units_of(catalogue)
    unit = units.get(unit_key)
    assert unit is not None
    service = records(catalogue)
    labels = catalogue.county.labels.five_items
    platform = catalogue.county.meta.order_platform
    page = _absolute(site_url, routes.unit_menu(unit_key))
    # The code says how to order: the county's platform when there is one, else this page.
    target, caption = (platform.url, "微信扫码点单") if platform else (page, "扫码查看菜单")
    higher = [
        f"{u.full_name}菜单 {len(service.menu_of(key))} 项"
        for key in ancestors(unit_key)[1:]
        if (u := units.get(key)) is not None and service.menu_of(key)
    ]
    return MenuSheet(
        unit=unit.full_name,
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
