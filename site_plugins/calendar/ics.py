"""A subscribable iCalendar (RFC 5545) feed of one year's monthly themes and observances.

Every event is all-day (DATE values, no time zone needed); UIDs are derived from the
year, month, date and name only, so a calendar app that re-fetches the feed updates
events in place. DTSTAMP is the build's reference time passed in by the caller, never the
wall clock, so the same content always gives the same bytes. The icalendar library does
the escaping, CRLF line endings and 75-octet folding (never inside a UTF-8 character).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final
from urllib.parse import quote, urljoin, urlsplit

from icalendar import Calendar, Event, vDuration

from site_plugins.calendar.festivals import Observance
from site_plugins.content.catalogue import MonthlyTheme

PRODID: Final = "-//wenming-bulletins//calendar feed//ZH"
TIMEZONE: Final = "Asia/Shanghai"
REFRESH: Final = dt.timedelta(days=1)
THEME_CATEGORY: Final = "月度主题"
CATEGORIES: Final = {"festival": "我们的节日", "day": "纪念日"}
# Characters left as they are when a URL is made ASCII: the reserved set plus "%".
_URL_SAFE: Final = ":/?#[]@!$&'()*+,;=%~"


def _host(site_url: str) -> str:
    parts = urlsplit(site_url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError(
            f"site_url 必须是完整的网址（如 https://wenming.example.gov.cn/）：{site_url!r}"
        )
    return parts.hostname


def _utc(stamp: dt.datetime) -> dt.datetime:
    """DTSTAMP must be UTC: a naive stamp is taken as UTC, an aware one converted."""
    if stamp.tzinfo is None:
        return stamp.replace(tzinfo=dt.UTC)
    return stamp.astimezone(dt.UTC)


def _next_month(year: int, month: int) -> dt.date:
    return dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)


def _name_key(name: str) -> str:
    """An ASCII stand-in for a (Chinese) name inside a UID."""
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]


def theme_uid(year: int, month: int, host: str) -> str:
    return f"theme-{year}-{month:02d}@{host}"


def observance_uid(observance: Observance, host: str) -> str:
    return f"day-{observance.date.isoformat()}-{_name_key(observance.name)}@{host}"


def _calendar(name: str) -> Calendar:
    """An empty published calendar named ``name``, refreshed daily by subscribers."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)  # RFC 7986
    calendar.add("x-wr-calname", name)  # the de-facto name most apps read
    calendar.add("x-wr-timezone", TIMEZONE)
    # Explicit vDuration: icalendar 6 knows no type for these two and would str() a timedelta.
    calendar.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    return calendar


def _all_day(uid: str, stamp: dt.datetime, start: dt.date, end: dt.date, summary: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", summary)
    event.add("transp", "TRANSPARENT")  # informational: never blocks anyone's free time
    return event


def build_ics(
    year: int,
    themes: Sequence[MonthlyTheme],
    observances: Sequence[Observance],
    *,
    calendar_name: str,
    site_url: str,
    month_url: Callable[[int], str],
    stamp: dt.datetime,
) -> bytes:
    """The year's feed: one event per theme, spanning its month, and one per observance.

    ``site_url`` must be an absolute http(s) URL (its host goes into every UID);
    ``month_url(month)`` is the theme page's path relative to it. Themes or observances of
    another year, or two themes for one month, raise ValueError. The same observance
    (date and name) given twice becomes one event.
    """
    host = _host(site_url)
    base = site_url if site_url.endswith("/") else site_url + "/"
    dtstamp = _utc(stamp)

    calendar = _calendar(calendar_name)

    seen_months: set[int] = set()
    for theme in sorted(themes, key=lambda t: t.month):
        if theme.year != year:
            raise ValueError(f"{theme.year}年{theme.month}月的主题不能放进{year}年的日历")
        if theme.month in seen_months:
            raise ValueError(f"{year}年{theme.month}月有两个主题")
        seen_months.add(theme.month)
        event = _all_day(
            theme_uid(year, theme.month, host),
            dtstamp,
            dt.date(year, theme.month, 1),
            _next_month(year, theme.month),
            f"{theme.month}月主题：{theme.title}",
        )
        if theme.focus:
            event.add("description", theme.focus)
        event.add("url", quote(urljoin(base, month_url(theme.month).lstrip("/")), safe=_URL_SAFE))
        event.add("categories", [THEME_CATEGORY])
        calendar.add_component(event)

    seen_uids: set[str] = set()
    for observance in sorted(observances, key=lambda o: (o.date, o.name)):
        if observance.date.year != year:
            raise ValueError(f"{observance.date}（{observance.name}）不在{year}年")
        uid = observance_uid(observance, host)
        if uid in seen_uids:
            continue
        seen_uids.add(uid)
        event = _all_day(
            uid,
            dtstamp,
            observance.date,
            observance.date + dt.timedelta(days=1),
            observance.name,
        )
        event.add("description", observance.note)
        event.add("categories", [CATEGORIES[observance.kind]])
        calendar.add_component(event)

    feed: bytes = calendar.to_ical()
    return feed


@dataclass(frozen=True)
class PlanEvent:
    """One announced activity as a calendar event: all day (its time is in the text)."""

    key: str  # unique and stable: <station key>/<plan slug>
    title: str
    start: dt.date
    end: dt.date  # the last day, inclusive
    location: str
    description: str
    url: str  # the plan's page, relative to the site


def plans_ics(
    plans: Sequence[PlanEvent], *, calendar_name: str, site_url: str, stamp: dt.datetime
) -> bytes:
    """A subscribable calendar of announced activities (活动预告)."""
    host = _host(site_url)
    base = site_url if site_url.endswith("/") else f"{site_url}/"
    calendar = _calendar(calendar_name)
    for plan in sorted(plans, key=lambda p: (p.start, p.key)):
        event = _all_day(
            f"plan-{_name_key(plan.key)}@{host}",
            _utc(stamp),
            plan.start,
            plan.end + dt.timedelta(days=1),
            plan.title,
        )
        event.add("location", plan.location)
        event.add("description", plan.description)
        event.add("url", quote(urljoin(base, plan.url), safe=_URL_SAFE))
        event.add("categories", ["活动预告"])
        calendar.add_component(event)
    feed: bytes = calendar.to_ical()
    return feed
