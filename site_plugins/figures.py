"""Every figure the site shows, defined once: the hubs, the calendar, the 通报, the sheets
and the home page all count with these functions, so a number reads the same everywhere.

Two counts of a month exist and are labelled apart on every page: 活动 (every activity whose
start date is in the month, as the 通报 counts) and 主题活动 (the activities serving the
month's theme: dated in its year and in that month, unless they name another month).
"Now" is always the catalogue's reference date (the build date), never a content date.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from site_plugins.content.catalogue import Activity, Catalogue, Plan

Month = tuple[int, int]  # (year, month)

# A station with no activity in this many days before the reference date is 未开展.
INACTIVE_AFTER_DAYS = 30


@dataclass(frozen=True)
class Totals:
    activities: int
    volunteers: int
    beneficiaries: int
    service_hours: float

    @property
    def hours_text(self) -> str:
        return f"{self.service_hours:g}"


def totals(activities: Iterable[Activity]) -> Totals:
    count = volunteers = beneficiaries = 0
    hours = 0.0
    for activity in activities:
        count += 1
        volunteers += activity.meta.volunteers
        beneficiaries += activity.meta.beneficiaries
        hours += activity.meta.service_hours
    return Totals(count, volunteers, beneficiaries, round(hours, 1))


def in_year(activities: Iterable[Activity], year: int) -> list[Activity]:
    return [a for a in activities if a.date.year == year]


def activity_month(activity: Activity | Plan) -> Month:
    """The month an activity (or a plan) counts in: its start date's (a multi-day one:
    where it began)."""
    return activity.date.year, activity.date.month


def activities_by_month(catalogue: Catalogue) -> Counter[Month]:
    """How many of the catalogue's activities count in each month (:func:`activity_month`),
    counted once per catalogue: the 通报 index asks it for every period."""
    return catalogue.derived(
        (activities_by_month,), lambda: Counter(activity_month(a) for a in catalogue.activities)
    )


def in_month(activities: Iterable[Activity], month: Month) -> list[Activity]:
    return [a for a in activities if activity_month(a) == month]


def serves_theme(activity: Activity, month: Month) -> bool:
    """Whether the activity counts for ``month``'s theme (主题活动)."""
    return activity.date.year == month[0] and activity.theme_month == month[1]


def theme_activities(activities: Iterable[Activity], month: Month) -> list[Activity]:
    return [a for a in activities if serves_theme(a, month)]


def theme_counts(activities: Iterable[Activity], year: int) -> list[int]:
    """主题活动 per month of ``year``, January first."""
    counts = [0] * 12
    for activity in activities:
        if activity.date.year == year:
            counts[activity.theme_month - 1] += 1
    return counts


def monthly_counts(activities: Iterable[Activity], year: int) -> list[int]:
    """Activities per month of ``year``, January first."""
    counts = [0] * 12
    for activity in activities:
        if activity.date.year == year:
            counts[activity.date.month - 1] += 1
    return counts


def category_counts(activities: Iterable[Activity], order: Sequence[str]) -> list[tuple[str, int]]:
    """(category code, count) in the county's label order, omitting empty categories."""
    counter = Counter(a.category for a in activities)
    return [(code, counter[code]) for code in order if counter[code]]


def work_counts(activities: Iterable[Activity], order: Sequence[str]) -> list[tuple[str, int]]:
    """(五项 code, activities classed under it) for every item of the county's set, zeros
    included. An activity under two items counts once under each; one under none, nowhere."""
    counter = Counter(code for a in activities for code in a.work)
    return [(code, counter[code]) for code in order]


def unclassified(activities: Iterable[Activity]) -> int:
    """Activities with no 五项 item written."""
    return sum(1 for a in activities if not a.work)


def as_of(month: Month, today: dt.date) -> dt.date:
    """The day a month's figures are complete to: its last day, or today while it runs."""
    year, number = month
    following = dt.date(year + number // 12, number % 12 + 1, 1)
    return min(following - dt.timedelta(days=1), today)


def last_activity(activities: Iterable[Activity], today: dt.date) -> dt.date | None:
    """The newest activity date not after ``today`` (planned ones do not count)."""
    past = [a.date for a in activities if a.date <= today]
    return max(past) if past else None


def is_inactive(activities: Iterable[Activity], today: dt.date) -> bool:
    last = last_activity(activities, today)
    return last is None or (today - last).days > INACTIVE_AFTER_DAYS


def months_with_activities(activities: Iterable[Activity]) -> list[tuple[int, int, int]]:
    """(year, month, count) for every month that has activities, newest first."""
    counter = Counter(activity_month(a) for a in activities)
    return [(y, m, counter[(y, m)]) for (y, m) in sorted(counter, reverse=True)]
