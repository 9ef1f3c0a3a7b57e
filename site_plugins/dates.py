"""How the site writes dates, in one place: every page says a day the same way."""

from __future__ import annotations

import datetime as dt

Month = tuple[int, int]

WEEKDAYS = "一二三四五六日"


def day_text(day: dt.date) -> str:
    """2026年6月19日"""
    return f"{day.year}年{day.month}月{day.day}日"


def day_with_weekday(day: dt.date) -> str:
    """2026年6月19日（星期五）"""
    return f"{day_text(day)}（星期{WEEKDAYS[day.weekday()]}）"


def month_day(day: dt.date) -> str:
    """6月19日, where the year is plain from the page."""
    return f"{day.month}月{day.day}日"


def month_day_with_weekday(day: dt.date) -> str:
    """6月19日（星期五）, where the year is plain from the page."""
    return f"{month_day(day)}（星期{WEEKDAYS[day.weekday()]}）"


def month_text(month: Month) -> str:
    """2026年6月"""
    return f"{month[0]}年{month[1]}月"


def iso(day: dt.date) -> str:
    """2026-06-19: in lists, machine-readable attributes and feeds."""
    return day.isoformat()
