"""What the entry templates show: plain data made from catalogue records.

Templates get data, not logic: labels are resolved, numbers formatted and optional
fields dropped here, so ``activity.html`` and ``honoree.html`` only lay things out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from site_plugins import dates, routes
from site_plugins.content.catalogue import Activity, Catalogue, Honoree, PhotoRef, Plan
from site_plugins.content.labels import GOOD_PEOPLE
from site_plugins.honor_roll.views import RollLink, roll_link
from site_plugins.hubs.views import unit_crumbs
from site_plugins.media.renditions import JPEG, WEBP, PhotoSet
from site_plugins.plans import Crumb, View
from site_plugins.service.views import served_order

Photos = Callable[[], Mapping[str, PhotoSet]]


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


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def breadcrumb(catalogue: Catalogue, unit_key: str) -> list[Crumb]:
    """县 › 镇 › 村 (or 县 › 中心, 县 › 镇), each linking to its hub page."""
    return unit_crumbs(catalogue, unit_key)


UNIT_FACT = {"中心": "单位", "所": "实践所", "站": "实践站"}


def unit_fact(catalogue: Catalogue, unit_key: str) -> Fact:
    """实践站: 张庄村新时代文明实践站 (实践所: …, 单位: …中心), linked to its hub."""
    unit = catalogue.unit(unit_key)
    return Fact(UNIT_FACT[unit.level], unit.name, unit.url)


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
    when = dates.day_with_weekday(meta.date)
    if meta.end_date and meta.end_date != meta.date:
        when += f" 至 {dates.day_with_weekday(meta.end_date)}"
    facts = [
        Fact("时间", when),
        unit_fact(catalogue, activity.unit_key),
        Fact("服务类别", labels.team_categories.label(activity.category)),
    ]
    if activity.team:
        facts.append(Fact("志愿服务队", activity.team.name, activity.team.url))
    if activity.platform:
        facts.append(Fact("实践平台", labels.platforms.label(activity.platform)))
    if activity.work:
        work = "、".join(labels.five_items.label(code) for code in activity.work)
        facts.append(Fact("工作内容", work))
    if meta.location:
        facts.append(Fact("地点", meta.location))
    theme = catalogue.theme(meta.date.year, activity.theme_month)
    if theme:
        month_page = routes.theme_month((theme.year, theme.month))
        facts.append(Fact("月度主题", f"{theme.month}月 · {theme.title}", month_page))
    facts += [
        Fact("参与志愿者", f"{meta.volunteers} 人"),
        Fact("受益群众", f"{meta.beneficiaries} 人次"),
        Fact("服务时长", f"{_number(meta.service_hours)} 小时"),
    ]
    if meta.order:
        ordered = f"{meta.order.requested_by}点单"
        if meta.order.requested_on:
            ordered += f"（{dates.month_day(meta.order.requested_on)}）"
        facts.append(Fact("点单服务", ordered + "，派单后志愿者接单"))
    served = served_order(catalogue, activity)
    if served is not None:
        facts.append(Fact("响应群众点单", served.text, served.url))
    return facts


@dataclass(frozen=True)
class PlanView(View):
    """An announced activity's own page."""

    context_name: ClassVar[str] = "plan"
    title: str
    crumbs: list[Crumb]
    status: str  # 即将开展 / 已开展 / 已结束
    facts: list[Fact]
    report: Neighbour | None  # the activity report, once there is one


def plan_facts(catalogue: Catalogue, plan: Plan) -> list[Fact]:
    labels = catalogue.county.labels
    meta = plan.meta
    when = dates.day_with_weekday(meta.date)
    if meta.end_date and meta.end_date != meta.date:
        when += f" 至 {dates.day_with_weekday(meta.end_date)}"
    if meta.time:
        when += f" {meta.time}"
    facts = [
        Fact("时间", when),
        Fact("地点", meta.location),
        unit_fact(catalogue, plan.unit_key),
        Fact("服务类别", labels.team_categories.label(plan.category)),
    ]
    if plan.team:
        facts.append(Fact("志愿服务队", plan.team.name, plan.team.url))
    if plan.work:
        facts.append(Fact("工作内容", "、".join(labels.five_items.label(c) for c in plan.work)))
    if meta.who:
        facts.append(Fact("谁可以参加", meta.who))
    if meta.bring:
        facts.append(Fact("请带", meta.bring))
    return facts


def plan_view(catalogue: Catalogue, plan: Plan) -> PlanView:
    report = catalogue.report_of(plan)
    if report is not None:
        status = "已开展"
    elif catalogue.upcoming([plan]):
        status = "即将开展"
    else:
        status = "已结束"
    return PlanView(
        title=plan.title,
        crumbs=breadcrumb(catalogue, plan.unit_key),
        status=status,
        facts=plan_facts(catalogue, plan),
        report=Neighbour(report.title, report.url) if report else None,
    )


@dataclass(frozen=True)
class ActivityView(View):
    """An activity's own page."""

    context_name: ClassVar[str] = "activity"
    title: str
    crumbs: list[Crumb]
    facts: list[Fact]
    photos: list[PhotoView]
    tags: list[str]
    newer: Neighbour | None
    older: Neighbour | None


def activity_view(catalogue: Catalogue, activity: Activity, photos: Photos) -> ActivityView:
    newer, older = neighbours(catalogue, activity)
    found = photos()
    return ActivityView(
        title=activity.title,
        crumbs=breadcrumb(catalogue, activity.unit_key),
        facts=activity_facts(catalogue, activity),
        photos=[_photo(p, found, activity.title) for p in activity.photos],
        tags=list(activity.meta.tags),
        newer=newer,
        older=older,
    )


def honoree_facts(catalogue: Catalogue, honoree: Honoree) -> list[Fact]:
    labels = catalogue.county.labels
    meta = honoree.meta
    system = labels.system_of(honoree.category)
    category = system.categories.label(honoree.category)
    if honoree.system != GOOD_PEOPLE:  # another system: say which, it is not a 好人 category
        category = f"{system.name} · {category}"
    facts = [Fact("类别", category)]
    if honoree.is_group:
        facts.append(Fact("类型", "先进集体"))
    else:
        if meta.gender:
            facts.append(Fact("性别", meta.gender))
        if meta.birth_year:
            facts.append(Fact("出生年份", f"{meta.birth_year}年"))
    facts.append(Fact("所在地", catalogue.place(honoree.unit_key)))
    return facts


def honour_lines(catalogue: Catalogue, honoree: Honoree) -> list[str]:
    levels = catalogue.county.labels.honour_levels
    lines = []
    for honour in sorted(honoree.honours, key=lambda h: h.period.sort_key, reverse=True):
        what = f"{honour.title}（{honour.issuer}）" if honour.title else f"{honour.issuer}表彰"
        lines.append(f"{honour.period.label} · {levels.label(honour.level)} · {what}")
    return lines


@dataclass(frozen=True)
class HonoreeView(View):
    """An honoree's own page."""

    context_name: ClassVar[str] = "honoree"
    name: str
    is_group: bool
    crumbs: list[Crumb]
    summary: str
    facts: list[Fact]
    honours: list[str]
    photo: PhotoView | None
    roll_link: RollLink


def honoree_view(catalogue: Catalogue, honoree: Honoree, photos: Photos) -> HonoreeView:
    return HonoreeView(
        name=honoree.name,
        is_group=honoree.is_group,
        crumbs=breadcrumb(catalogue, honoree.unit_key),
        summary=honoree.meta.summary,
        facts=honoree_facts(catalogue, honoree),
        honours=honour_lines(catalogue, honoree),
        photo=_photo(honoree.photo, photos(), honoree.name) if honoree.photo else None,
        roll_link=roll_link(catalogue, honoree),
    )
