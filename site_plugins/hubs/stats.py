"""Figures for hub pages: totals, monthly counts, category breakdowns, 未开展 flags.

Plain functions over catalogue records; "now" is always the catalogue's reference date,
never the wall clock, so the same content builds the same pages.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from site_plugins.content.catalogue import Activity

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


def in_month(activities: Iterable[Activity], year: int, month: int) -> list[Activity]:
    return [a for a in activities if a.date.year == year and a.date.month == month]


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


def last_activity(activities: Iterable[Activity], today: dt.date) -> dt.date | None:
    """The newest activity date not after ``today`` (planned ones do not count)."""
    past = [a.date for a in activities if a.date <= today]
    return max(past) if past else None


def is_inactive(activities: Iterable[Activity], today: dt.date) -> bool:
    last = last_activity(activities, today)
    return last is None or (today - last).days > INACTIVE_AFTER_DAYS


def months_with_activities(activities: Iterable[Activity]) -> list[tuple[int, int, int]]:
    """(year, month, count) for every month that has activities, newest first."""
    counter = Counter((a.date.year, a.date.month) for a in activities)
    return [(y, m, counter[(y, m)]) for (y, m) in sorted(counter, reverse=True)]
