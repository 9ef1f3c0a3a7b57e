"""What the entry templates show: plain data made from catalogue records.

Templates get data, not logic: labels are resolved, numbers formatted and optional
fields dropped here, so ``activity.html`` and ``honoree.html`` only lay things out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from site_plugins.content.catalogue import Activity, Catalogue, Honoree, PhotoRef
from site_plugins.media.renditions import JPEG, WEBP, PhotoSet

WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    url: str | None = None


@dataclass(frozen=True)
class PhotoView:
    """A responsive photo: WebP and JPEG sources at several widths, a JPEG fallback."""

    webp: tuple[tuple[str, int], ...]  # (site path, width) for srcset
    jpeg: tuple[tuple[str, int], ...]
    src: str  # the largest JPEG, for browsers without srcset
    width: int
    height: int
    caption: str
    alt: str


@dataclass(frozen=True)
class Crumb:
    name: str
    url: str | None  # None until the page it would link to exists


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日（星期{WEEKDAYS[day.weekday()]}）"


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def breadcrumb(catalogue: Catalogue, station_key: str) -> list[Crumb]:
    """县 › 镇 › 村, each linking to its hub page."""
    station = catalogue.station(station_key)
    township = catalogue.township(station.township)
    return [
        Crumb(catalogue.county.meta.name, ""),
        Crumb(township.name, township.url),
        Crumb(station.name, station.url),
    ]


@dataclass(frozen=True)
class Neighbour:
    title: str
    url: str


def neighbours(
    catalogue: Catalogue, activity: Activity
) -> tuple[Neighbour | None, Neighbour | None]:
    """(newer, older) activity of the same station, in its newest-first listing order."""
    newer, older = catalogue.neighbours(activity)
    return (
        Neighbour(newer.title, newer.url) if newer else None,
        Neighbour(older.title, older.url) if older else None,
    )


def _photo(photo: PhotoRef, photos: Mapping[str, PhotoSet], fallback_alt: str) -> PhotoView:
    photo_set = photos[photo.src]
    webp = tuple((r.path, r.width) for r in photo_set.sizes if r.mime == WEBP)
    jpeg = tuple((r.path, r.width) for r in photo_set.sizes if r.mime == JPEG)
    fallback = photo_set.fallback
    return PhotoView(
        webp,
        jpeg,
        fallback.path,
        fallback.width,
        fallback.height,
        photo.caption or "",
        photo.caption or fallback_alt,
    )


def activity_facts(catalogue: Catalogue, activity: Activity) -> list[Fact]:
    labels = catalogue.county.labels
    meta = activity.meta
    when = chinese_date(meta.date)
    if meta.end_date and meta.end_date != meta.date:
        when += f" 至 {chinese_date(meta.end_date)}"
    facts = [
        Fact("时间", when),
        Fact("实践站", catalogue.station(activity.station_key).full_name),
        Fact("服务类别", labels.team_categories.label(activity.category)),
    ]
    if activity.team:
        facts.append(Fact("志愿服务队", activity.team.name))
    if activity.platform:
        facts.append(Fact("实践平台", labels.platforms.label(activity.platform)))
    if meta.location:
        facts.append(Fact("地点", meta.location))
    theme = catalogue.theme(meta.date.year, activity.theme_month)
    if theme:
        month_page = f"themes/{theme.year}/{theme.month:02d}/"
        facts.append(Fact("月度主题", f"{theme.month}月 · {theme.title}", month_page))
    facts += [
        Fact("参与志愿者", f"{meta.volunteers} 人"),
        Fact("受益群众", f"{meta.beneficiaries} 人次"),
        Fact("服务时长", f"{_number(meta.service_hours)} 小时"),
    ]
    if meta.order:
        ordered = f"{meta.order.requested_by}点单"
        if meta.order.requested_on:
            ordered += f"（{meta.order.requested_on.month}月{meta.order.requested_on.day}日）"
        facts.append(Fact("点单服务", ordered + "，实践站派单，志愿者接单"))
    return facts


def activity_view(
    catalogue: Catalogue, activity: Activity, photos: Mapping[str, PhotoSet]
) -> dict[str, object]:
    return {
        "title": activity.title,
        "crumbs": breadcrumb(catalogue, activity.station_key),
        "facts": activity_facts(catalogue, activity),
        "photos": [_photo(p, photos, activity.title) for p in activity.photos],
        "tags": list(activity.meta.tags),
        "date_iso": activity.meta.date.isoformat(),
        "neighbours": neighbours(catalogue, activity),
    }


def honoree_facts(catalogue: Catalogue, honoree: Honoree) -> list[Fact]:
    labels = catalogue.county.labels
    meta = honoree.meta
    station = catalogue.station(honoree.station_key)
    township = catalogue.township(station.township)
    facts = [Fact("类别", labels.honoree_categories.label(honoree.category))]
    if honoree.is_group:
        facts.append(Fact("类型", "先进集体"))
    else:
        if meta.gender:
            facts.append(Fact("性别", meta.gender))
        if meta.birth_year:
            facts.append(Fact("出生年份", f"{meta.birth_year}年"))
    facts.append(Fact("所在地", f"{township.name}{station.name}"))
    return facts


def honour_lines(catalogue: Catalogue, honoree: Honoree) -> list[str]:
    levels = catalogue.county.labels.honour_levels
    lines = []
    for honour in sorted(honoree.honours, key=lambda h: h.period.sort_key, reverse=True):
        what = f"{honour.title}（{honour.issuer}）" if honour.title else f"{honour.issuer}表彰"
        lines.append(f"{honour.period.label} · {levels.label(honour.level)} · {what}")
    return lines


def honoree_view(
    catalogue: Catalogue, honoree: Honoree, photos: Mapping[str, PhotoSet]
) -> dict[str, object]:
    return {
        "name": honoree.name,
        "is_group": honoree.is_group,
        "crumbs": breadcrumb(catalogue, honoree.station_key),
        "summary": honoree.meta.summary,
        "facts": honoree_facts(catalogue, honoree),
        "honours": honour_lines(catalogue, honoree),
        "photo": _photo(honoree.photo, photos, honoree.name) if honoree.photo else None,
    }
