"""The catalogue: every valid record of one build, immutable, with its lookups.

One loader builds one Catalogue per build; every plugin reads it and none re-parses
content. Records keep the validated file model (``meta``) beside what the path and the
county's label sets resolve (station, codes), so templates never resolve anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, TypeVar

from site_plugins import routes
from site_plugins.content.labels import CountyLabels
from site_plugins.content.located import Mark, YamlDoc, YamlPath
from site_plugins.content.model import (
    ActivityFile,
    CountyFile,
    HonoreeFile,
    PlanFile,
    StationFile,
    TownshipFile,
)
from site_plugins.content.problems import Problem, Severity

if TYPE_CHECKING:
    from site_plugins.service.records import ServiceRecords

QUARTER_NAMES = ("一", "二", "三", "四")


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
class Township:
    slug: str
    meta: TownshipFile
    source: str
    origin: Origin

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
class VolunteerTeam:
    id: str
    name: str
    category: str  # code in the county's team-category label set
    members: int
    station_key: str = ""  # the station the team belongs to
    leader: str | None = None  # a role, never a person
    join: str | None = None  # the team's page on a volunteer platform

    @property
    def url(self) -> str:
        return routes.team(self.station_key, self.id)


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
    station_key: str
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
        return self.station_key.split("/")[0]

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
        return routes.activity(self.station_key, self.slug)


@dataclass(frozen=True)
class Plan:
    """An announced activity (活动预告): what, when, where, who may come, what to bring."""

    station_key: str
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
        return routes.plan(self.station_key, self.slug)


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
    station_key: str
    slug: str
    meta: HonoreeFile
    category: str  # honoree-category code
    honours: tuple[Honour, ...]
    photo: PhotoRef | None
    body: str
    source: str
    origin: Origin

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
        return routes.honoree(self.station_key, self.slug)


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
        by_key = sorted(self.activities, key=lambda a: (a.station_key, a.slug))
        return tuple(sorted(by_key, key=lambda a: a.date, reverse=True))

    @cached_property
    def _activities_by_station(self) -> dict[str, tuple[Activity, ...]]:
        return _group(self.activities_newest_first, lambda a: a.station_key)

    def station_activities(self, station_key: str) -> tuple[Activity, ...]:
        """One station's activities, newest first."""
        return self._activities_by_station.get(station_key, ())

    @cached_property
    def _activities_by_station_month(self) -> dict[str, tuple[Activity, ...]]:
        return _group(
            self.activities_newest_first,
            lambda a: f"{a.station_key}|{a.meta.date.year}|{a.meta.date.month}",
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
        return tuple(sorted(self.plans, key=lambda p: (p.date, p.station_key, p.slug)))

    def station_plans(self, station_key: str) -> tuple[Plan, ...]:
        """One station's plans, soonest first."""
        return self._plans_by_station.get(station_key, ())

    @cached_property
    def _plans_by_station(self) -> dict[str, tuple[Plan, ...]]:
        return _group(self.plans_soonest_first, lambda p: p.station_key)

    def upcoming(self, plans: Iterable[Plan]) -> list[Plan]:
        """The plans still ahead on the build date (today's included), soonest first."""
        return [p for p in plans if (p.meta.end_date or p.date) >= self.reference_date]

    @cached_property
    def reports_of_plans(self) -> dict[tuple[str, str], Activity]:
        """The report of each plan that has one, by (station key, plan slug)."""
        return {
            (a.station_key, a.meta.plan): a for a in self.activities_newest_first if a.meta.plan
        }

    def report_of(self, plan: Plan) -> Activity | None:
        return self.reports_of_plans.get((plan.station_key, plan.slug))

    def team_activities(self, team: VolunteerTeam) -> tuple[Activity, ...]:
        """The activities a team took part in, newest first."""
        return tuple(
            a
            for a in self.station_activities(team.station_key)
            if a.team is not None and a.team.id == team.id
        )

    @cached_property
    def _listing_position(self) -> dict[tuple[str, str], int]:
        return {
            (a.station_key, a.slug): index
            for listing in self._activities_by_station.values()
            for index, a in enumerate(listing)
        }

    def neighbours(self, activity: Activity) -> tuple[Activity | None, Activity | None]:
        """(newer, older) activity of the same station, in its newest-first listing."""
        listing = self.station_activities(activity.station_key)
        index = self._listing_position[(activity.station_key, activity.slug)]
        newer = listing[index - 1] if index > 0 else None
        older = listing[index + 1] if index + 1 < len(listing) else None
        return newer, older

    @cached_property
    def honorees_newest_first(self) -> tuple[Honoree, ...]:
        """Honorees by their latest honour, newest first; ties by station and slug."""
        by_key = sorted(self.honorees, key=lambda h: (h.station_key, h.slug))
        return tuple(sorted(by_key, key=lambda h: h.latest_honour.period.sort_key, reverse=True))

    @cached_property
    def _honorees_by_station(self) -> dict[str, tuple[Honoree, ...]]:
        return _group(self.honorees_newest_first, lambda h: h.station_key)

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


T = TypeVar("T")


def _group(items: Iterable[T], key: Callable[[T], str]) -> dict[str, tuple[T, ...]]:
    """Items by key, each group keeping the order the items came in."""
    grouped: dict[str, list[T]] = {}
    for item in items:
        grouped.setdefault(key(item), []).append(item)
    return {name: tuple(group) for name, group in grouped.items()}
