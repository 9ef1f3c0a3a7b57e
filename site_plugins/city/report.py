"""The city's 通报: each county's own 通报 figures side by side, summed and ranked.

Nothing is recomputed from records: a county's figures for a period are the row of its
export's ``figures`` table with an empty ``township`` — the numbers of that county's own
通报 page — so the city's totals are the sums of its counties' 通报 (tested). The
ranking rule is a constant shown on the page word for word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from site_plugins.city.exports import CountyExport, Row
from site_plugins.content.catalogue import Period

RANK_RULE = (
    "各县（市、区）排序：按实践站开展率（本期开展过活动的实践站占实践站总数的比例）从高到低，"
    "开展率相同的按站均活动次数从多到少，再相同的按受益群众人次从多到少。"
)
SOURCE_RULE = (
    "数字取自各县（市、区）网站公开的开放数据，即各县本期通报上的数字，市里不重新计算；"
    "全市合计是各县数字之和。"
)
STALE_RULE = (
    "数据超过规定天数未更新的县（市、区）标注“数据未更新”并写明最后更新日期；"
    "未取得数据的县不参加排序。"
)
RULES = (SOURCE_RULE, RANK_RULE, STALE_RULE)

_KEY = re.compile(r"^(\d{4})(?:-(\d{2})|-Q([1-4]))?$")
SUMMED = ("stations", "active", "activities", "volunteers", "beneficiaries", "honorees")


def parse_period(key: str) -> Period | None:
    match = _KEY.match(key)
    if match is None:
        return None
    year, month, quarter = match.groups()
    if month is not None:
        return Period(int(year), month=int(month)) if 1 <= int(month) <= 12 else None
    return Period(int(year), quarter=int(quarter)) if quarter else Period(int(year))


def _number(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


@dataclass(frozen=True)
class CountyFigures:
    """One county's figures of one period (its own 通报's), or none."""

    slug: str
    name: str
    stations: int
    active: int
    activities: int
    volunteers: int
    beneficiaries: int
    service_hours: float
    honorees: int
    quota_done: int | None
    bulletin: str | None  # the county's own 通报 page
    has_data: bool
    stale: bool

    @property
    def active_rate(self) -> float:
        return self.active / self.stations if self.stations else 0.0

    @property
    def per_station(self) -> float:
        return self.activities / self.stations if self.stations else 0.0


def county_row(export: CountyExport, key: str) -> Row | None:
    """The county-wide ``figures`` row of period ``key``, if the export has one."""
    for row in export.tables.get("figures", ()):
        if row.get("period") == key and row.get("township") == "":
            return row
    return None


def county_figures(export: CountyExport, key: str, stale: bool) -> CountyFigures:
    row = county_row(export, key) or {}
    hours = row.get("service_hours")
    done = row.get("quota_done")
    url = row.get("url")
    return CountyFigures(
        slug=export.entry.slug,
        name=export.entry.name,
        stations=_number(row.get("stations")),
        active=_number(row.get("active")),
        activities=_number(row.get("activities")),
        volunteers=_number(row.get("volunteers")),
        beneficiaries=_number(row.get("beneficiaries")),
        service_hours=float(hours) if isinstance(hours, int | float) else 0.0,
        honorees=_number(row.get("honorees")),
        quota_done=done if isinstance(done, int) else None,
        bulletin=export.link(url) if isinstance(url, str) else None,
        has_data=bool(row),
        stale=stale,
    )


def ranked(rows: Sequence[CountyFigures]) -> tuple[CountyFigures, ...]:
    """Counties with data by :data:`RANK_RULE`, best first (ties: by slug)."""
    return tuple(
        sorted(
            (r for r in rows if r.has_data),
            key=lambda r: (-r.active_rate, -r.per_station, -r.beneficiaries, r.slug),
        )
    )


@dataclass(frozen=True)
class CityFigures:
    period: Period
    key: str
    counties: tuple[CountyFigures, ...]  # ranked, then those without data (city order)
    totals: dict[str, float]
    without_data: tuple[str, ...]  # county names


def city_figures(exports: Sequence[CountyExport], key: str, stale: set[str]) -> CityFigures:
    period = parse_period(key)
    assert period is not None, key
    rows = [county_figures(e, key, e.entry.slug in stale) for e in exports]
    order = ranked(rows)
    missing = tuple(r for r in rows if not r.has_data)
    totals: dict[str, float] = {name: sum(getattr(r, name) for r in order) for name in SUMMED}
    totals["service_hours"] = round(sum(r.service_hours for r in order), 1)
    return CityFigures(period, key, (*order, *missing), totals, tuple(r.name for r in missing))


def periods(exports: Sequence[CountyExport]) -> tuple[Period, ...]:
    """Every period some county has a 通报 of: months, then quarters, then years."""
    found = {
        p
        for e in exports
        for row in e.tables.get("figures", ())
        if isinstance(row.get("period"), str) and (p := parse_period(row["period"]))
    }
    order = {"月": 0, "季度": 1, "年": 2}
    return tuple(sorted(found, key=lambda p: (order[p.kind], p.sort_key)))
