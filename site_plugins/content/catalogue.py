"""The catalogue: every valid record of one build, immutable, with its lookups.

One loader builds one Catalogue per build; every plugin reads it and none re-parses
content. Records keep the validated file model (``meta``) beside what the path and the
county's label sets resolve (station, codes), so templates never resolve anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, TypeVar, cast

from site_plugins import routes
from site_plugins.content.labels import GOOD_PEOPLE, CountyLabels
from site_plugins.content.located import Mark, YamlDoc, YamlPath
from site_plugins.content.model import (
    ActivityFile,
    CentreFile,
    CountyFile,
    HonoreeFile,
    Office,
    PlanFile,
    StationFile,
    TownshipFile,
)
from site_plugins.content.problems import Problem, Severity

if TYPE_CHECKING:
    from site_plugins.service.records import ServiceRecords

QUARTER_NAMES = ("一", "二", "三", "四")
CENTRE_KEY = routes.CENTRE_KEY
# The three levels of units (单位), as the county names them.
CENTRE_LEVEL, TOWNSHIP_LEVEL, STATION_LEVEL = "中心", "所", "站"


def unit_level(key: str) -> str:
    """中心, 所 or 站, read from the shape of a unit key."""
    if key == CENTRE_KEY:
        return CENTRE_LEVEL
    return STATION_LEVEL if "/" in key else TOWNSHIP_LEVEL


def unit_parent(key: str) -> str | None:
    """The unit above: a station's township, a township's centre, the centre's none."""
    if key == CENTRE_KEY:
        return None
    return key.split("/", maxsplit=1)[0] if "/" in key else CENTRE_KEY


def township_of(key: str) -> str | None:
    """The township a unit belongs to (itself for a township), None for the centre."""
    return None if key == CENTRE_KEY else key.split("/", maxsplit=1)[0]


@dataclass(frozen=True)
class Origin:
    """Where a record came from, so later checks can point at the exact line and column."""

    path: str  # as problems show it, e.g. content/stations/qingshi/zhangzhuang/station.yml
    marks: Mapping[YamlPath, Mark]
    body_line: int = 0  # first line of the Markdown body, 0 for YAML files

    def at(self, *keys: str | int) -> Mark:
        for end in range(len(keys), -1, -1):
            mark = self.marks.get(tuple(keys[:end]))
            if mark is not None:
                return mark
        return Mark(1, 1)

    @classmethod
    def of(cls, path: str, doc: YamlDoc, body_line: int = 0) -> Origin:
        return cls(path, MappingProxyType(dict(doc.value_marks)), body_line)


@dataclass(frozen=True)
class County:
    meta: CountyFile
    labels: CountyLabels
    source: str


@dataclass(frozen=True)
class Unit:
    """A unit (单位) that publishes: the county 中心, a township 所 or a village 站.

    Entries carry a unit key; this is what pages need to name and link their unit."""

    key: str  # centre, <township> or <township>/<village>
    level: str  # 中心, 所 or 站
    name: str  # full name, e.g. 示范县新时代文明实践中心, 青石镇新时代文明实践所
    short_name: str  # 中心, 青石镇, 青石镇张庄村: what lists print as an entry's place
    url: str
    parent: str | None  # the unit above, None for the centre
    office: Office | None = None  # address and phone, from the unit's own YAML file


@dataclass(frozen=True)
class VolunteerTeam:
    id: str
    name: str
    category: str  # code in the county's team-category label set
    members: int
    unit_key: str = ""  # the unit (centre, township or station) the team belongs to
    leader: str | None = None  # a role, never a person
    join: str | None = None  # the team's page on a volunteer platform

    @property
    def station_key(self) -> str:
        """The owning unit's key (a name kept from when only stations had teams)."""
        return self.unit_key

    @property
    def ref(self) -> str:
        """How an entry of another unit names this team: ``centre:theory``."""
        return f"{self.unit_key}:{self.id}"

    @property
    def url(self) -> str:
        return routes.team(self.unit_key, self.id)


@dataclass(frozen=True)
class Centre:
    """content/centre/centre.yml: the county centre's own intro, office, venues, teams."""

    meta: CentreFile
    teams: tuple[VolunteerTeam, ...]
    source: str
    origin: Origin | None

    def team(self, team_id: str) -> VolunteerTeam | None:
        return next((t for t in self.teams if t.id == team_id), None)


@dataclass(frozen=True)
class Township:
    slug: str
    meta: TownshipFile
    source: str
    origin: Origin
    teams: tuple[VolunteerTeam, ...] = ()

    @property
    def key(self) -> str:
        return self.slug

    def team(self, team_id: str) -> VolunteerTeam | None:
        return next((t for t in self.teams if t.id == team_id), None)

    @property
    def name(self) -> str:
        return self.meta.name

    @property
    def institute(self) -> str:
        return self.meta.institute or f"{self.meta.name}新时代文明实践所"

    @property
    def url(self) -> str:
        return routes.township(self.slug)


@dataclass(frozen=True)
class Station:
    township: str
    slug: str
    meta: StationFile
    teams: tuple[VolunteerTeam, ...]
    platforms: tuple[str, ...]  # codes
    source: str
    origin: Origin

    @property
    def key(self) -> str:
        return f"{self.township}/{self.slug}"

    @property
    def name(self) -> str:
        return self.meta.name

    @property
    def full_name(self) -> str:
        return self.meta.full_name or f"{self.meta.name}新时代文明实践站"

    @property
    def url(self) -> str:
        return routes.station(self.key)

    def team(self, team_id: str) -> VolunteerTeam | None:
        return next((t for t in self.teams if t.id == team_id), None)


@dataclass(frozen=True)
class PhotoRef:
    src: str  # path inside content/, e.g. stations/qingshi/zhangzhuang/media/scene-1.jpg
    caption: str | None


@dataclass(frozen=True)
class Activity:
    unit_key: str  # centre, <township> or <township>/<village>
    slug: str
    meta: ActivityFile
    category: str  # team-category code
    team: VolunteerTeam | None
    platform: str | None  # platform code
    work: tuple[str, ...]  # 五项工作内容 codes, in the order written
    photos: tuple[PhotoRef, ...]
    body: str
    source: str
    origin: Origin

    @property
    def township(self) -> str:
        """The township the activity's unit belongs to ('' for the centre's own)."""
        return township_of(self.unit_key) or ""

    @property
    def station_key(self) -> str:
        """The unit key (a name kept from when only stations published)."""
        return self.unit_key

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def date(self) -> dt.date:
        return self.meta.date

    @property
    def theme_month(self) -> int:
        """The month whose theme this activity serves: its own, unless it names another."""
        return self.meta.theme_month or self.meta.date.month

    @property
    def url(self) -> str:
        return routes.activity(self.unit_key, self.slug)


@dataclass(frozen=True)
class Plan:
    """An announced activity (活动预告): what, when, where, who may come, what to bring."""

    unit_key: str  # centre, <township> or <township>/<village>
    slug: str
    meta: PlanFile
    category: str  # team-category code
    team: VolunteerTeam | None
    work: tuple[str, ...]  # 五项工作内容 codes
    body: str
    source: str
    origin: Origin

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def date(self) -> dt.date:
        return self.meta.date

    @property
    def url(self) -> str:
        return routes.plan(self.unit_key, self.slug)

    @property
    def station_key(self) -> str:
        """The unit key (a name kept from when only stations published)."""
        return self.unit_key


@dataclass(frozen=True, order=True)
class Period:
    """When an honour was given: a year, a month or a quarter."""

    year: int
    month: int | None = None
    quarter: int | None = None

    @property
    def sort_key(self) -> tuple[int, int]:
        if self.month:
            return (self.year, self.month)
        if self.quarter:
            return (self.year, self.quarter * 3)
        return (self.year, 12)

    @property
    def key(self) -> str:
        """``2026-06``, ``2026-Q2`` or ``2026``: the period in the 通报 index, open data and
        the city's reading of it."""
        if self.month:
            return f"{self.year}-{self.month:02d}"
        if self.quarter:
            return f"{self.year}-Q{self.quarter}"
        return str(self.year)

    @property
    def label(self) -> str:
        if self.month:
            return f"{self.year}年{self.month}月"
        if self.quarter:
            return f"{self.year}年第{QUARTER_NAMES[self.quarter - 1]}季度"
        return f"{self.year}年度"

    @property
    def months(self) -> tuple[tuple[int, int], ...]:
        """Every (year, month) the period spans."""
        if self.month:
            return ((self.year, self.month),)
        if self.quarter:
            first = self.quarter * 3 - 2
            return tuple((self.year, m) for m in range(first, first + 3))
        return tuple((self.year, m) for m in range(1, 13))

    @property
    def previous(self) -> Period:
        """The period of the same kind just before this one."""
        if self.month:
            return (
                Period(self.year - 1, 12) if self.month == 1 else Period(self.year, self.month - 1)
            )
        if self.quarter:
            if self.quarter == 1:
                return Period(self.year - 1, quarter=4)
            return Period(self.year, quarter=self.quarter - 1)
        return Period(self.year - 1)

    @property
    def kind(self) -> str:
        """月 / 季度 / 年, as the 通报 name their period."""
        return "月" if self.month else "季度" if self.quarter else "年"


@dataclass(frozen=True)
class Honour:
    level: str  # honour-level code
    issuer: str
    title: str | None
    period: Period


@dataclass(frozen=True)
class Honoree:
    unit_key: str  # centre, <township> or <township>/<village>
    slug: str
    meta: HonoreeFile
    category: str  # honoree-category code
    honours: tuple[Honour, ...]
    photo: PhotoRef | None
    body: str
    source: str
    origin: Origin
    system: str = GOOD_PEOPLE  # the honour system its category belongs to

    @property
    def station_key(self) -> str:
        """The unit key (a name kept from when only stations published)."""
        return self.unit_key

    @property
    def name(self) -> str:
        return self.meta.name

    @property
    def is_group(self) -> bool:
        return self.meta.kind == "集体"

    @property
    def latest_honour(self) -> Honour:
        return max(self.honours, key=lambda h: h.period.sort_key)

    @property
    def url(self) -> str:
        return routes.honoree(self.unit_key, self.slug)


@dataclass(frozen=True)
class MonthlyTheme:
    year: int
    month: int
    title: str
    focus: str | None
    guidance: str | None
    festivals: tuple[str, ...]


@dataclass(frozen=True)
class ThemeYear:
    year: int
    draft: bool
    months: tuple[MonthlyTheme, ...]
    source: str
    origin: Origin

    def month(self, month: int) -> MonthlyTheme | None:
        return next((m for m in self.months if m.month == month), None)


@dataclass(frozen=True)
class Catalogue:
    """Everything valid in one content tree, plus every problem found in it."""

    county: County
    townships: tuple[Township, ...]
    stations: tuple[Station, ...]
    activities: tuple[Activity, ...]
    plans: tuple[Plan, ...]
    honorees: tuple[Honoree, ...]
    theme_years: tuple[ThemeYear, ...]
    pages: tuple[str, ...]  # other Markdown pages, paths inside content/
    photos: tuple[str, ...]  # every referenced photo, paths inside content/
    reference_date: dt.date
    problems: tuple[Problem, ...]
    centre: Centre | None = None  # None only when county.yml itself is missing
    # Menus and orders (site_plugins.service); None in catalogues made before it existed.
    service: ServiceRecords | None = None

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    @cached_property
    def _stations_by_key(self) -> dict[str, Station]:
        return {s.key: s for s in self.stations}

    @cached_property
    def _townships_by_slug(self) -> dict[str, Township]:
        return {t.slug: t for t in self.townships}

    def station(self, key: str) -> Station:
        return self._stations_by_key[key]

    @cached_property
    def units(self) -> tuple[Unit, ...]:
        """Every unit: the centre, then each township followed by its stations."""
        county = self.county.meta
        office = self.centre.meta.office if self.centre else None
        units = [
            Unit(CENTRE_KEY, CENTRE_LEVEL, county.centre, "县中心", routes.CENTRE, None, office)
        ]
        for t in self.townships:
            units.append(
                Unit(t.slug, TOWNSHIP_LEVEL, t.institute, t.name, t.url, CENTRE_KEY, t.meta.office)
            )
            for s in self.stations_of(t.slug):
                short = t.name + s.name
                units.append(
                    Unit(s.key, STATION_LEVEL, s.full_name, short, s.url, t.slug, s.meta.office)
                )
        return tuple(units)

    @cached_property
    def _units_by_key(self) -> dict[str, Unit]:
        return {u.key: u for u in self.units}

    def unit(self, key: str) -> Unit:
        return self._units_by_key[key]

    def find_unit(self, key: str) -> Unit | None:
        """The unit of ``key``, or None when no valid unit has that key."""
        return self._units_by_key.get(key)

    def unit_teams(self, key: str) -> tuple[VolunteerTeam, ...]:
        """The teams a unit registered (centre.yml, township.yml or station.yml)."""
        if key == CENTRE_KEY:
            return self.centre.teams if self.centre else ()
        if "/" in key:
            station = self._stations_by_key.get(key)
            return station.teams if station else ()
        township = self._townships_by_slug.get(key)
        return township.teams if township else ()

    @cached_property
    def teams(self) -> tuple[VolunteerTeam, ...]:
        """Every team of every unit, county first, in unit order."""
        return tuple(t for u in self.units for t in self.unit_teams(u.key))

    def resolve_team(self, unit_key: str, ref: str) -> VolunteerTeam | None:
        """The team ``ref`` names on an entry of ``unit_key``: ``theory`` is a team of that
        unit, ``centre:theory`` / ``chengguan:culture`` / ``chengguan/binhe:theory`` one of
        the named unit. The one place a team reference is resolved (the loader uses the
        same function over the teams it has loaded)."""
        return resolve_team_ref(self.unit_teams, unit_key, ref)

    def place(self, unit_key: str) -> str:
        """Where an entry belongs, as lists print it: 中心, 青石镇, 青石镇张庄村."""
        return self.unit(unit_key).short_name

    def unit_activities(self, unit_key: str) -> tuple[Activity, ...]:
        """One unit's own activities (not its stations'), newest first."""
        return self._activities_by_station.get(unit_key, ())

    def unit_plans(self, unit_key: str) -> tuple[Plan, ...]:
        return self._plans_by_station.get(unit_key, ())

    def unit_honorees(self, unit_key: str) -> tuple[Honoree, ...]:
        return self._honorees_by_station.get(unit_key, ())

    def township_activities(self, slug: str) -> tuple[Activity, ...]:
        """A township's activities: the 所's own and its stations', newest first. This is
        what a township's figures count (figures.py)."""
        return tuple(a for a in self.activities_newest_first if township_of(a.unit_key) == slug)

    def township_plans(self, slug: str) -> tuple[Plan, ...]:
        return tuple(p for p in self.plans_soonest_first if township_of(p.unit_key) == slug)

    def township_honorees(self, slug: str) -> tuple[Honoree, ...]:
        return tuple(h for h in self.honorees_newest_first if township_of(h.unit_key) == slug)

    def township(self, slug: str) -> Township:
        return self._townships_by_slug[slug]

    def stations_of(self, township: str) -> tuple[Station, ...]:
        return self._stations_by_township.get(township, ())

    @cached_property
    def _stations_by_township(self) -> dict[str, tuple[Station, ...]]:
        return _group(self.stations, lambda s: s.township)

    @cached_property
    def activity_months(self) -> frozenset[tuple[int, int]]:
        """(year, month) of every activity's date, computed once per build."""
        return frozenset((a.date.year, a.date.month) for a in self.activities)

    @cached_property
    def activities_newest_first(self) -> tuple[Activity, ...]:
        """Every activity, newest first; same-day ones in a fixed order (by station, slug)."""
        by_key = sorted(self.activities, key=lambda a: (a.unit_key, a.slug))
        return tuple(sorted(by_key, key=lambda a: a.date, reverse=True))

    @cached_property
    def _activities_by_station(self) -> dict[str, tuple[Activity, ...]]:
        return _group(self.activities_newest_first, lambda a: a.unit_key)

    def station_activities(self, station_key: str) -> tuple[Activity, ...]:
        """One station's activities, newest first."""
        return self._activities_by_station.get(station_key, ())

    @cached_property
    def _activities_by_station_month(self) -> dict[str, tuple[Activity, ...]]:
        return _group(
            self.activities_newest_first,
            lambda a: f"{a.unit_key}|{a.meta.date.year}|{a.meta.date.month}",
        )

    def station_month_activities(
        self, station_key: str, year: int, month: int
    ) -> tuple[Activity, ...]:
        """One station's activities that began in one month, newest first: the 通报 ask
        this for every station and month, so it is looked up, not filtered."""
        return self._activities_by_station_month.get(f"{station_key}|{year}|{month}", ())

    @cached_property
    def plans_soonest_first(self) -> tuple[Plan, ...]:
        """Every plan by date, soonest first; same-day ones by station and slug."""
        return tuple(sorted(self.plans, key=lambda p: (p.date, p.unit_key, p.slug)))

    def station_plans(self, station_key: str) -> tuple[Plan, ...]:
        """One station's plans, soonest first."""
        return self._plans_by_station.get(station_key, ())

    @cached_property
    def _plans_by_station(self) -> dict[str, tuple[Plan, ...]]:
        return _group(self.plans_soonest_first, lambda p: p.unit_key)

    def upcoming(self, plans: Iterable[Plan]) -> list[Plan]:
        """The plans still ahead on the build date (today's included), soonest first."""
        return [p for p in plans if (p.meta.end_date or p.date) >= self.reference_date]

    @cached_property
    def reports_of_plans(self) -> dict[tuple[str, str], Activity]:
        """The report of each plan that has one, by (station key, plan slug)."""
        return {(a.unit_key, a.meta.plan): a for a in self.activities_newest_first if a.meta.plan}

    def report_of(self, plan: Plan) -> Activity | None:
        return self.reports_of_plans.get((plan.unit_key, plan.slug))

    @cached_property
    def _activities_by_team(self) -> dict[str, tuple[Activity, ...]]:
        return _group(
            (a for a in self.activities_newest_first if a.team is not None),
            lambda a: a.team.ref if a.team else "",
        )

    def team_activities(self, team: VolunteerTeam) -> tuple[Activity, ...]:
        """The activities a team took part in, in any unit, newest first."""
        return self._activities_by_team.get(team.ref, ())

    @cached_property
    def _listing_position(self) -> dict[tuple[str, str], int]:
        return {
            (a.unit_key, a.slug): index
            for listing in self._activities_by_station.values()
            for index, a in enumerate(listing)
        }

    def neighbours(self, activity: Activity) -> tuple[Activity | None, Activity | None]:
        """(newer, older) activity of the same station, in its newest-first listing."""
        listing = self.station_activities(activity.unit_key)
        index = self._listing_position[(activity.unit_key, activity.slug)]
        newer = listing[index - 1] if index > 0 else None
        older = listing[index + 1] if index + 1 < len(listing) else None
        return newer, older

    @cached_property
    def honorees_newest_first(self) -> tuple[Honoree, ...]:
        """Honorees by their latest honour, newest first; ties by station and slug."""
        by_key = sorted(self.honorees, key=lambda h: (h.unit_key, h.slug))
        return tuple(sorted(by_key, key=lambda h: h.latest_honour.period.sort_key, reverse=True))

    @cached_property
    def _honorees_by_station(self) -> dict[str, tuple[Honoree, ...]]:
        return _group(self.honorees_newest_first, lambda h: h.unit_key)

    def station_honorees(self, station_key: str) -> tuple[Honoree, ...]:
        return self._honorees_by_station.get(station_key, ())

    def theme(self, year: int, month: int) -> MonthlyTheme | None:
        for theme_year in self.theme_years:
            if theme_year.year == year:
                return theme_year.month(month)
        return None

    def published_count(self, station_key: str) -> tuple[int, int]:
        """(activities, honorees) published for one station, for the build summary."""
        return (len(self.station_activities(station_key)), len(self.station_honorees(station_key)))

    @cached_property
    def _derived(self) -> dict[Hashable, object]:
        return {}

    def derived(self, key: Hashable, make: Callable[[], T]) -> T:
        """``make()``, computed once per catalogue for ``key``: figures several plugins
        read (a period's 通报 serves its page, its workbook and the open data).

        The memo lives on this catalogue, not in a module: a rebuild (``mkdocs serve``)
        loads a new catalogue and starts empty, and two catalogues never share an entry.
        Keys should start with the function that makes the value, so that two callers
        cannot collide. Values must be immutable, as the catalogue is.
        """
        memo = self._derived
        if key not in memo:
            memo[key] = make()
        return cast(T, memo[key])


T = TypeVar("T")


def resolve_team_ref(
    teams_of: Callable[[str], Iterable[VolunteerTeam]], unit_key: str, ref: str
) -> VolunteerTeam | None:
    """The team ``ref`` names from an entry of ``unit_key`` (see Catalogue.resolve_team)."""
    owner, _, team_id = ref.rpartition(":")
    return next((t for t in teams_of(owner or unit_key) if t.id == team_id), None)


def _group(items: Iterable[T], key: Callable[[T], str]) -> dict[str, tuple[T, ...]]:
    """Items by key, each group keeping the order the items came in."""
    grouped: dict[str, list[T]] = {}
    for item in items:
        grouped.setdefault(key(item), []).append(item)
    return {name: tuple(group) for name, group in grouped.items()}
