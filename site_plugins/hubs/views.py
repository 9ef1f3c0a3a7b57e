"""Data for the hub templates: county home, stations index, township and station pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from markupsafe import Markup

from site_plugins import dates, figures, routes
from site_plugins.content.catalogue import (
    Activity,
    Catalogue,
    Honoree,
    MonthlyTheme,
    Plan,
    Station,
    Township,
    VolunteerTeam,
)
from site_plugins.content.labels import GOOD_PEOPLE
from site_plugins.content.model import CountyFile, Office, Venue
from site_plugins.hubs import charts
from site_plugins.hubs.pagination import Pager
from site_plugins.media.renditions import JPEG, WEBP, PhotoSet
from site_plugins.plans import Crumb, Link, View
from site_plugins.service.views import OrderPanel, hub_order_panel

STAR_NAMES = ("一", "二", "三", "四", "五")
SIX_HAVES = (
    ("venue", "有场所"),
    ("signage", "有标识"),
    ("team", "有队伍"),
    ("projects", "有项目"),
    ("rules", "有制度"),
    ("display", "有展示"),
)


@dataclass(frozen=True)
class Thumb:
    """A 320×240 centre-cropped thumbnail, WebP with a JPEG fallback."""

    webp: str
    jpeg: str
    width: int
    height: int


Photos = Callable[[], Mapping[str, PhotoSet]]


def no_photos() -> Mapping[str, PhotoSet]:
    return {}


@dataclass(frozen=True)
class ActivityItem:
    title: str
    url: str
    date: str  # 2026-06-19
    place: str  # 青石镇张庄村
    category: str
    thumb: Thumb | None = None  # the first photo's 320×240 thumbnail, if any


@dataclass(frozen=True)
class PlanItem:
    title: str
    url: str
    date: str  # 2026-12-12
    when: str  # 12月12日（星期六）上午 9:00
    place: str  # 青石镇张庄村 · 村文化广场


def plan_place(catalogue: Catalogue, plan: Plan) -> str:
    """Where a plan happens, for lists and calendars: 青石镇张庄村 · 村文化广场."""
    return f"{place(catalogue, plan.unit_key)} · {plan.meta.location}"


def plan_items(catalogue: Catalogue, plans: Iterable[Plan]) -> list[PlanItem]:
    items = []
    for p in plans:
        when = dates.month_day_with_weekday(p.date)
        if p.meta.time:
            when += f" {p.meta.time}"
        items.append(PlanItem(p.title, p.url, dates.iso(p.date), when, plan_place(catalogue, p)))
    return items


@dataclass(frozen=True)
class HonoreeItem:
    name: str
    url: str
    category: str
    summary: str
    place: str
    honour: str  # latest honour, e.g. 2026年第二季度 · 县级
    thumb: Thumb | None  # the portrait's 320×240 thumbnail, if any


@dataclass(frozen=True)
class Check:
    label: str
    met: bool


@dataclass(frozen=True)
class StationRow:
    name: str
    url: str
    kind: str
    month: int
    year: int
    last: str  # date text or 无
    inactive: bool


@dataclass(frozen=True)
class MonthLink:
    label: str
    url: str
    count: int


def place(catalogue: Catalogue, unit_key: str) -> str:
    """An entry's unit as lists print it: 中心, 青石镇, 青石镇张庄村."""
    return catalogue.place(unit_key)


def _thumb_of(photo_set: PhotoSet | None) -> Thumb | None:
    if photo_set is None:
        return None
    webp, jpeg = photo_set.thumb(WEBP), photo_set.thumb(JPEG)
    return Thumb(webp.path, jpeg.path, jpeg.width, jpeg.height)


def thumb(activity: Activity, photos: Mapping[str, PhotoSet]) -> Thumb | None:
    """The thumbnail of the activity's first published photo (None without one)."""
    return _thumb_of(photos.get(activity.photos[0].src) if activity.photos else None)


def activity_items(
    catalogue: Catalogue, activities: Iterable[Activity], photos: Photos = no_photos
) -> list[ActivityItem]:
    labels = catalogue.county.labels.team_categories
    published = photos()
    return [
        ActivityItem(
            a.title,
            a.url,
            dates.iso(a.date),
            place(catalogue, a.unit_key),
            labels.label(a.category),
            thumb(a, published),
        )
        for a in activities
    ]


def portrait(honoree: Honoree, photos: Mapping[str, PhotoSet]) -> Thumb | None:
    """The thumbnail of the honoree's published photo (None without one)."""
    return _thumb_of(photos.get(honoree.photo.src) if honoree.photo else None)


def honoree_items(
    catalogue: Catalogue, honorees: Iterable[Honoree], photos: Photos = no_photos
) -> list[HonoreeItem]:
    labels = catalogue.county.labels
    published = photos()
    items = []
    for h in honorees:
        latest = h.latest_honour
        items.append(
            HonoreeItem(
                h.name + ("（集体）" if h.is_group else ""),
                h.url,
                labels.honour_categories.label(h.category),
                h.meta.summary,
                place(catalogue, h.unit_key),
                f"{latest.period.label} · {labels.honour_levels.label(latest.level)}",
                portrait(h, published),
            )
        )
    return items


@dataclass(frozen=True)
class HonourGroup:
    """The honorees of one honour system other than the 好人 (e.g. 志愿服务先进)."""

    name: str
    cards: list[HonoreeItem]


def good_people(catalogue: Catalogue, honorees: Iterable[Honoree]) -> list[Honoree]:
    """The honorees of the 好人 system: pages show the other systems apart."""
    return [h for h in honorees if h.system == GOOD_PEOPLE]


def other_honours(catalogue: Catalogue, honorees: Sequence[Honoree]) -> list[HonourGroup]:
    """The honorees of every other honour system, system by system, none left empty."""
    groups = []
    for system in catalogue.county.labels.other_systems:
        members = [h for h in honorees if h.system == system.id]
        if members:
            groups.append(HonourGroup(system.name, honoree_items(catalogue, members)))
    return groups


@dataclass(frozen=True)
class Figures:
    """This year's totals and charts for a set of activities."""

    year: int
    totals: figures.Totals
    month_chart: Markup
    category_chart: Markup


def year_figures(catalogue: Catalogue, activities: Sequence[Activity], title: str) -> Figures:
    """This year's totals and charts for any set of activities."""
    year = catalogue.reference_date.year
    this_year = figures.in_year(activities, year)
    labels = catalogue.county.labels.team_categories
    categories = [
        (labels.label(code), count)
        for code, count in figures.category_counts(this_year, list(labels.labels))
    ]
    return Figures(
        year,
        figures.totals(this_year),
        Markup(
            charts.monthly_bars(
                figures.monthly_counts(this_year, year), f"{title}{year}年各月活动数"
            )
        ),
        Markup(charts.category_bars(categories, f"{title}{year}年活动按服务类别")),
    )


def month_links(station: Station, activities: Sequence[Activity]) -> list[MonthLink]:
    return unit_month_links(station.key, activities)


def unit_month_links(unit_key: str, activities: Sequence[Activity]) -> list[MonthLink]:
    """A unit's month archives, newest first, with how many activities each holds."""
    return [
        MonthLink(dates.month_text((y, m)), routes.unit_month(unit_key, (y, m)), n)
        for y, m, n in figures.months_with_activities(activities)
    ]


@dataclass(frozen=True)
class VenueItem:
    """One 阵地 as the pages list it."""

    name: str
    kind: str
    address: str | None
    hours: str | None
    offers: str | None
    map: str | None  # a map app's link; never loaded by the site


def venue_items(venues: Sequence[Venue]) -> list[VenueItem]:
    return [VenueItem(v.name, v.kind, v.address, v.hours, v.offers, v.map) for v in venues]


@dataclass(frozen=True)
class Team:
    name: str
    url: str
    category: str
    members: int


@dataclass(frozen=True)
class StationHub(View):
    """A station's page (and the later pages of its activity list)."""

    context_name: ClassVar[str] = "station_hub"
    name: str
    crumbs: list[Crumb]
    kind: str
    star: str | None
    established: str | None
    six_haves: list[Check]
    teams: list[Team]
    platforms: list[str]
    office: Office | None
    intro: str | None
    venues: list[VenueItem]
    plans: list[PlanItem]  # upcoming, soonest first (page 1 only)
    plans_ics: str
    figures: Figures | None
    honorees: list[HonoreeItem]
    activities: list[ActivityItem]
    total: int
    pager: Pager
    months: list[MonthLink]
    other_honours: list[HonourGroup]
    orders: OrderPanel | None = None  # 四单 figures (page 1 only)


def place_crumbs(
    catalogue: Catalogue, station: Station | None = None, township: Township | None = None
) -> list[Crumb]:
    """县 › 镇 (› 村): the county, then the township's and station's hub pages."""
    if station is not None:
        township = catalogue.township(station.township)
    crumbs = [Crumb(catalogue.county.meta.name, routes.HOME)]
    if township is not None:
        crumbs.append(Crumb(township.name, township.url))
    if station is not None:
        crumbs.append(Crumb(station.name, station.url))
    return crumbs


def unit_crumbs(catalogue: Catalogue, unit_key: str) -> list[Crumb]:
    """县 › 中心, or 县 › 镇 (› 村): the breadcrumb down to any unit's hub."""
    if unit_key == routes.CENTRE_KEY:
        return [Crumb(catalogue.county.meta.name, routes.HOME), Crumb("中心", routes.CENTRE)]
    if "/" in unit_key:
        return place_crumbs(catalogue, catalogue.station(unit_key))
    return place_crumbs(catalogue, township=catalogue.township(unit_key))


def team_rows(catalogue: Catalogue, teams: Iterable[VolunteerTeam]) -> list[Team]:
    labels = catalogue.county.labels.team_categories
    return [Team(t.name, t.url, labels.label(t.category), t.members) for t in teams]


def station_view(
    catalogue: Catalogue,
    station: Station,
    items: Sequence[Activity],
    pager: Pager,
    photos: Photos = no_photos,
) -> StationHub:
    meta = station.meta
    labels = catalogue.county.labels
    activities = catalogue.station_activities(station.key)
    first = pager.number == 1  # the station's own facts and figures show on page 1 only
    honorees = catalogue.station_honorees(station.key)
    return StationHub(
        name=station.full_name,
        crumbs=place_crumbs(catalogue, station)[:2],
        kind=meta.kind,
        star=f"{'★' * meta.star}{'☆' * (5 - meta.star)}（{STAR_NAMES[meta.star - 1]}星）"
        if meta.star
        else None,
        established=dates.day_text(meta.established) if meta.established else None,
        six_haves=[Check(label, getattr(meta.six_haves, key)) for key, label in SIX_HAVES],
        teams=team_rows(catalogue, station.teams),
        platforms=[labels.platforms.label(code) for code in station.platforms],
        office=meta.office,
        intro=meta.intro,
        venues=venue_items(meta.venues),
        plans=plan_items(catalogue, catalogue.upcoming(catalogue.station_plans(station.key)))
        if first
        else [],
        plans_ics=routes.plans_ics(station.url),
        figures=year_figures(catalogue, activities, station.name) if first else None,
        honorees=honoree_items(catalogue, good_people(catalogue, honorees), photos)
        if first
        else [],
        activities=activity_items(catalogue, items, photos),
        total=len(activities),
        pager=pager,
        months=month_links(station, activities),
        other_honours=other_honours(catalogue, honorees) if first else [],
        orders=hub_order_panel(catalogue, station.key) if first else None,
    )


@dataclass(frozen=True)
class StationMonth(View):
    """One month of a station's activities."""

    context_name: ClassVar[str] = "station_month"
    name: str
    crumbs: list[Crumb]
    theme: MonthlyTheme | None
    activities: list[ActivityItem]
    pager: Pager


def month_view(
    catalogue: Catalogue,
    station: Station,
    month: dates.Month,
    *,
    items: Sequence[Activity],
    pager: Pager,
    photos: Photos = no_photos,
) -> StationMonth:
    return StationMonth(
        name=f"{station.full_name} · {dates.month_text(month)}",
        crumbs=place_crumbs(catalogue, station),
        theme=catalogue.theme(*month),
        activities=activity_items(catalogue, items, photos),
        pager=pager,
    )


def unit_month_view(
    catalogue: Catalogue,
    unit_key: str,
    month: dates.Month,
    *,
    items: Sequence[Activity],
    pager: Pager,
    photos: Photos = no_photos,
) -> StationMonth:
    """One month of the centre's or a township 所's own activities (a station's is
    :func:`month_view`)."""
    return StationMonth(
        name=f"{catalogue.unit(unit_key).name} · {dates.month_text(month)}",
        crumbs=unit_crumbs(catalogue, unit_key),
        theme=catalogue.theme(*month),
        activities=activity_items(catalogue, items, photos),
        pager=pager,
    )


def township_rows(catalogue: Catalogue, township: Township) -> list[StationRow]:
    today = catalogue.reference_date
    rows = []
    for station in catalogue.stations_of(township.slug):
        activities = catalogue.station_activities(station.key)
        last = figures.last_activity(activities, today)
        rows.append(
            StationRow(
                station.name,
                station.url,
                station.meta.kind,
                len(figures.in_month(activities, (today.year, today.month))),
                len(figures.in_year(activities, today.year)),
                dates.iso(last) if last else "无",
                figures.is_inactive(activities, today),
            )
        )
    return rows


@dataclass(frozen=True)
class TownshipHub(View):
    """A township's page: its institute, its stations' activity, its figures."""

    context_name: ClassVar[str] = "township_hub"
    name: str
    crumbs: list[Crumb]
    intro: str | None
    office: Office | None
    venues: list[VenueItem]
    venues_url: str
    rows: list[StationRow]
    figures: Figures
    today: str
    month_label: str
    inactive_days: int
    latest: list[ActivityItem]
    # The 所's own work beside its stations' (units.md): its own activities, the
    # upcoming plans of the 所 and its stations, its teams, and honorees of the township.
    own: list[ActivityItem]
    own_total: int
    own_months: list[MonthLink]  # the 所's own activities by month, all of them
    plans: list[PlanItem]
    plans_ics: str | None
    teams: list[Team]
    honorees: list[HonoreeItem]
    other_honours: list[HonourGroup]
    orders: OrderPanel | None = None  # 四单 figures of the 实践所 and its stations


def township_view(catalogue: Catalogue, township: Township) -> TownshipHub:
    # Figures count the 所's own activities with its stations' (figures.py).
    activities = catalogue.township_activities(township.slug)
    own = catalogue.unit_activities(township.slug)
    plans = catalogue.township_plans(township.slug)
    honorees = catalogue.township_honorees(township.slug)
    today = catalogue.reference_date
    return TownshipHub(
        name=township.institute,
        crumbs=[Crumb(catalogue.county.meta.name, routes.HOME), Crumb("实践站", routes.STATIONS)],
        intro=township.meta.intro,
        office=township.meta.office,
        venues=venue_items(township.meta.venues),
        venues_url=routes.VENUES,
        rows=township_rows(catalogue, township),
        figures=year_figures(catalogue, activities, township.name),
        today=dates.day_text(today),
        month_label=f"{today.month}月",
        inactive_days=figures.INACTIVE_AFTER_DAYS,
        latest=activity_items(catalogue, _up_to(activities, today)[:10]),
        own=activity_items(catalogue, own[:20]),
        own_total=len(own),
        own_months=unit_month_links(township.slug, own),
        plans=plan_items(catalogue, catalogue.upcoming(plans)),
        plans_ics=routes.plans_ics(township.url) if plans else None,
        teams=team_rows(catalogue, township.teams),
        honorees=honoree_items(catalogue, good_people(catalogue, honorees)),
        other_honours=other_honours(catalogue, honorees),
        orders=hub_order_panel(catalogue, township.slug),
    )


@dataclass(frozen=True)
class CentreHub(View):
    """The county centre's own page (/centre/): its own activities, plans, teams and
    honorees; the county's totals stay on the home page."""

    context_name: ClassVar[str] = "centre_hub"
    name: str
    crumbs: list[Crumb]
    intro: str | None
    office: Office | None
    venues: list[VenueItem]
    plans: list[PlanItem]  # upcoming, soonest first (page 1 only)
    plans_ics: str | None
    teams: list[Team]
    figures: Figures | None
    honorees: list[HonoreeItem]
    activities: list[ActivityItem]
    total: int
    pager: Pager
    other_honours: list[HonourGroup]
    orders: OrderPanel | None = None  # 四单 figures of the centre's own menu (page 1 only)
    months: list[MonthLink] = field(default_factory=list)  # its month archives


def centre_view(
    catalogue: Catalogue, items: Sequence[Activity], pager: Pager, photos: Photos = no_photos
) -> CentreHub:
    key = routes.CENTRE_KEY
    centre = catalogue.centre
    meta = centre.meta if centre else None
    activities = catalogue.unit_activities(key)
    first = pager.number == 1
    plans = catalogue.unit_plans(key)
    honorees = catalogue.unit_honorees(key)
    return CentreHub(
        name=catalogue.county.meta.centre,
        crumbs=[Crumb(catalogue.county.meta.name, routes.HOME)],
        intro=(meta.intro if meta else None) or catalogue.county.meta.intro,
        office=meta.office if meta else None,
        venues=venue_items(meta.venues) if meta else [],
        plans=plan_items(catalogue, catalogue.upcoming(plans)) if first else [],
        plans_ics=routes.plans_ics(routes.CENTRE) if plans else None,
        teams=team_rows(catalogue, catalogue.unit_teams(key)) if first else [],
        figures=year_figures(catalogue, activities, "中心") if first else None,
        honorees=honoree_items(catalogue, good_people(catalogue, honorees), photos)
        if first
        else [],
        activities=activity_items(catalogue, items, photos),
        total=len(activities),
        pager=pager,
        other_honours=other_honours(catalogue, honorees) if first else [],
        orders=hub_order_panel(catalogue, key) if first else None,
        months=unit_month_links(key, activities),
    )


@dataclass(frozen=True)
class TownshipStations:
    township: Township
    stations: list[Link]


@dataclass(frozen=True)
class StationList(View):
    """Every township with its stations."""

    context_name: ClassVar[str] = "station_list"
    townships: list[TownshipStations]
    venues_url: str


def stations_index_view(catalogue: Catalogue) -> StationList:
    return StationList(
        [
            TownshipStations(t, [Link(s.name, s.url) for s in catalogue.stations_of(t.slug)])
            for t in catalogue.townships
        ],
        routes.VENUES,
    )


@dataclass(frozen=True)
class TownshipCount:
    township: Township
    stations: int


@dataclass(frozen=True)
class Home(View):
    """The county's home page."""

    context_name: ClassVar[str] = "home"
    county: CountyFile
    figures: Figures
    stations: int
    honoree_count: int
    theme: MonthlyTheme | None
    theme_url: str
    calendar_url: str
    latest: list[ActivityItem]
    plans: list[PlanItem]  # the next announced activities county-wide
    plans_ics: str
    honorees: list[HonoreeItem]
    townships: list[TownshipCount]
    centre_url: str  # the centre's own page (its activities, plans, teams)
    other_honours: list[HonourGroup]  # volunteer honours etc., apart from the 好人
    orders: OrderPanel | None = None  # the county's 四单 figures


def home_view(
    catalogue: Catalogue, latest: int = 10, honorees: int = 6, photos: Photos = no_photos
) -> Home:
    today = catalogue.reference_date
    return Home(
        county=catalogue.county.meta,
        figures=year_figures(catalogue, catalogue.activities, "全县"),
        stations=len(catalogue.stations),
        honoree_count=len(good_people(catalogue, catalogue.honorees)),
        theme=catalogue.theme(today.year, today.month),
        theme_url=routes.theme_month((today.year, today.month)),
        calendar_url=routes.THEMES,
        latest=activity_items(catalogue, latest_activities(catalogue, latest), photos),
        plans=plan_items(catalogue, catalogue.upcoming(catalogue.plans_soonest_first)[:latest]),
        plans_ics=routes.plans_ics(),
        honorees=honoree_items(
            catalogue, good_people(catalogue, catalogue.honorees_newest_first)[:honorees], photos
        ),
        townships=[
            TownshipCount(t, len(catalogue.stations_of(t.slug))) for t in catalogue.townships
        ],
        centre_url=routes.CENTRE,
        other_honours=other_honours(catalogue, catalogue.honorees_newest_first),
        orders=hub_order_panel(catalogue, None),
    )


@dataclass(frozen=True)
class TeamPage(View):
    """A volunteer team: what it does, how many it has, how to join, what it did."""

    context_name: ClassVar[str] = "team_page"
    name: str
    crumbs: list[Crumb]
    station: str  # the owning unit's full name (a 中心, 所 or 站)
    level: str  # 中心, 所 or 站: the template says 所属实践站 / 所属实践所 / 所属单位
    category: str
    members: int
    leader: str | None
    join_link: str | None  # the team's own page on a platform, else the county's platform
    join_name: str | None  # the platform's name, when the link is the county's
    activities: list[ActivityItem]


def team_view(catalogue: Catalogue, team: VolunteerTeam) -> TeamPage:
    unit = catalogue.unit(team.unit_key)
    platform = catalogue.county.meta.volunteer_platform
    join_link = team.join or (platform.url if platform else None)
    return TeamPage(
        name=team.name,
        crumbs=unit_crumbs(catalogue, team.unit_key),
        station=unit.name,
        level=unit.level,
        category=catalogue.county.labels.team_categories.label(team.category),
        members=team.members,
        leader=team.leader,
        join_link=join_link,
        join_name=platform.name if platform and not team.join else None,
        activities=activity_items(catalogue, catalogue.team_activities(team)),
    )


@dataclass(frozen=True)
class PlaceVenues:
    """The 阵地 of one 实践所 or 实践站."""

    name: str
    url: str
    venues: list[VenueItem]


@dataclass(frozen=True)
class TownshipVenues:
    name: str
    url: str
    places: list[PlaceVenues]  # the 实践所's own first, then its stations', none left empty


@dataclass(frozen=True)
class VenueDirectory(View):
    """Every 阵地 of the county, by township."""

    context_name: ClassVar[str] = "venue_directory"
    townships: list[TownshipVenues]
    total: int


def venues_view(catalogue: Catalogue) -> VenueDirectory:
    townships = []
    for township in catalogue.townships:
        places = [PlaceVenues(township.institute, township.url, venue_items(township.meta.venues))]
        places += [
            PlaceVenues(s.full_name, s.url, venue_items(s.meta.venues))
            for s in catalogue.stations_of(township.slug)
        ]
        townships.append(
            TownshipVenues(township.institute, township.url, [p for p in places if p.venues])
        )
    total = sum(len(p.venues) for t in townships for p in t.places)
    return VenueDirectory([t for t in townships if t.places], total)


def latest_activities(catalogue: Catalogue, latest: int = 10) -> list[Activity]:
    """The home page's latest activities: the newest that have happened by the build date
    (its plan names them, site_plugins.hubs.plans.home_depends)."""
    return _up_to(catalogue.activities_newest_first, catalogue.reference_date)[:latest]


def _up_to(activities: Sequence[Activity], today: dt.date) -> list[Activity]:
    """Activities that have happened by ``today``: planned ones are not 'latest'."""
    return [a for a in activities if a.date <= today]
