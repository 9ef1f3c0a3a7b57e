"""The year's observances: "我们的节日" computed from the lunar calendar, and fixed days.

The Gregorian dates of the traditional festivals move every year, so they are never typed
in: lunar-python converts each lunar date (and finds the solar term 清明) for the year
asked. Traps this module handles, each pinned by tests/test_festivals.py:

- 清明节 is the solar term 清明 (4–6 April), not a lunar date.
- 除夕 is the day before 春节, the last day of 腊月, which is 廿九 in some years
  (every Gregorian year 2025–2029) and 三十 in others (2023, 2024, 2030).
- Leap months (2025 has 闰六月): lunar-python numbers a leap month negatively, so the
  positive month numbers used here always mean the regular month.

The range is limited to 1901–2099, where lunar-python was cross-checked year by year:
the lunar festivals and 除夕's lunar day against the table-based lunardate package (Hong
Kong Observatory data), 清明 against an independent ephemeris. All agree except on three
dates where the new moon or the solar term falls within minutes of Beijing midnight
(1943's 清明, 1978's 中秋, 2057's 重阳), which are left to the library's computation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

from lunar_python import Lunar, Solar

SUPPORTED_YEARS: Final = range(1901, 2100)

Kind = Literal["festival", "day"]

# (regular lunar month, lunar day, name); 除夕 and 清明节 are computed separately.
LUNAR_FESTIVALS: Final[tuple[tuple[int, int, str], ...]] = (
    (1, 1, "春节"),
    (1, 15, "元宵节"),
    (5, 5, "端午节"),
    (7, 7, "七夕节"),
    (8, 15, "中秋节"),
    (9, 9, "重阳节"),
)
SPRING_FESTIVAL: Final = "春节"
NEW_YEARS_EVE: Final = "除夕"
QINGMING: Final = "清明节"

# (month, day, name): the fixed days that monthly themes hang on. A county adds its own
# through the ``extra`` argument of fixed_days() and observances().
FIXED_DAYS: Final[tuple[tuple[int, int, str], ...]] = (
    (1, 1, "元旦"),
    (3, 5, "学雷锋纪念日"),
    (3, 8, "国际妇女节"),
    (5, 4, "五四青年节"),
    (6, 1, "国际儿童节"),
    (7, 1, "建党纪念日"),
    (8, 1, "建军节"),
    (9, 20, "公民道德宣传日"),
    (10, 1, "国庆节"),
    (12, 5, "国际志愿者日"),
)


@dataclass(frozen=True)
class Observance:
    """One festival or commemorative day on its Gregorian date."""

    date: dt.date
    name: str
    kind: Kind  # "festival": 我们的节日 (and 除夕); "day": a fixed commemorative day
    note: str  # e.g. "农历五月初五", "清明节气", "腊月廿九（除夕）", "3月5日"


def _order(observance: Observance) -> tuple[dt.date, str]:
    return (observance.date, observance.name)


def check_year(year: int) -> None:
    """Raise ValueError (in Chinese, for the build report) for a year outside the range."""
    if year not in SUPPORTED_YEARS:
        first, last = SUPPORTED_YEARS[0], SUPPORTED_YEARS[-1]
        raise ValueError(f"年份 {year} 超出农历计算范围（{first}–{last}）")


def _to_date(solar: Any) -> dt.date:
    return dt.date(int(solar.getYear()), int(solar.getMonth()), int(solar.getDay()))


def _lunar_label(date: dt.date) -> tuple[int, str]:
    """(lunar month, negative if leap; label such as "腊月廿九") of a Gregorian date."""
    lunar = Solar.fromYmd(date.year, date.month, date.day).getLunar()
    return int(lunar.getMonth()), f"{lunar.getMonthInChinese()}月{lunar.getDayInChinese()}"


def lunar_festivals(year: int) -> list[Observance]:
    """我们的节日 and 除夕 whose Gregorian dates fall in ``year``, sorted by date."""
    check_year(year)
    found: list[Observance] = []
    for month, day, name in LUNAR_FESTIVALS:
        # A positive month is the regular month, never the leap one of the same number.
        date = _to_date(Lunar.fromYmd(year, month, day).getSolar())
        lunar_month, label = _lunar_label(date)
        if lunar_month != month:  # a library change in how leap months are numbered
            raise RuntimeError(f"{year}年{name}换算出错：{date} 是农历{label}")
        found.append(Observance(date, name, "festival", f"农历{label}"))

    spring = next(o.date for o in found if o.name == SPRING_FESTIVAL)
    eve = spring - dt.timedelta(days=1)
    _, label = _lunar_label(eve)
    found.append(Observance(eve, NEW_YEARS_EVE, "festival", f"{label}（除夕）"))

    # The solar-term table of the lunar year that contains this April holds its 清明.
    qingming = _to_date(Solar.fromYmd(year, 4, 1).getLunar().getJieQiTable()["清明"])
    found.append(Observance(qingming, QINGMING, "festival", "清明节气"))

    stray = [o for o in found if o.date.year != year]
    if stray:  # cannot happen for these festivals; guards against a library change
        raise RuntimeError(f"{year}年节日换算出错：{stray}")
    return sorted(found, key=_order)


# Days a theme may name besides the observances above: more fixed days, two floating
# Sundays, two more lunar days of 腊月 and the solar terms. Aliases map a theme's wording
# to the observance of the same day (建党节 is 建党纪念日).
MORE_FIXED_DAYS: Final[dict[str, tuple[int, int]]] = {
    "植树节": (3, 12),
    "世界读书日": (4, 23),
    "劳动节": (5, 1),
    "教师节": (9, 10),
    "全国消防日": (11, 9),
    "国家宪法日": (12, 4),
    "全国科普日": (9, 20),
    "国家安全教育日": (4, 15),
    "国际禁毒日": (6, 26),
    "世界环境日": (6, 5),
}
ALIASES: Final[dict[str, str]] = {
    "建党节": "建党纪念日",
    "三八妇女节": "国际妇女节",
    "妇女节": "国际妇女节",
    "儿童节": "国际儿童节",
    "六一儿童节": "国际儿童节",
    "青年节": "五四青年节",
    "志愿者日": "国际志愿者日",
    "清明": "清明节",
    "端午": "端午节",
    "中秋": "中秋节",
    "重阳": "重阳节",
    "元宵": "元宵节",
    "七夕": "七夕节",
}
# (month, which Sunday): 母亲节 the second Sunday of May, 父亲节 the third of June.
SUNDAYS: Final[dict[str, tuple[int, int]]] = {"母亲节": (5, 2), "父亲节": (6, 3)}
# 腊月 days: 腊八节 (初八) and the northern 小年 (廿三).
LA_YUE: Final[dict[str, int]] = {"腊八节": 8, "腊八": 8, "小年": 23}
SOLAR_TERMS: Final = (
    "立春", "雨水", "惊蛰", "春分", "清明", "谷雨", "立夏", "小满", "芒种", "夏至", "小暑",
    "大暑", "立秋", "处暑", "白露", "秋分", "寒露", "霜降", "立冬", "小雪", "大雪", "冬至",
    "小寒", "大寒",
)  # fmt: skip


TERM_KEYS: Final[dict[str, str]] = {
    "冬至": "DONG_ZHI", "小寒": "XIAO_HAN", "大寒": "DA_HAN", "立春": "LI_CHUN",
    "雨水": "YU_SHUI", "惊蛰": "JING_ZHE", "大雪": "DA_XUE",
}  # fmt: skip


def named_day(year: int, name: str, known: Sequence[Observance] = ()) -> Observance | None:
    """The day ``name`` (as a monthly theme writes it) falls on in ``year``, or None.

    ``known`` are the year's observances: a name that is one of them (or an alias of
    one) is that observance.
    """
    check_year(year)
    wanted = ALIASES.get(name, name)
    found = next((o for o in known if o.name == wanted), None)
    if found is not None:
        return found
    if name in MORE_FIXED_DAYS:
        month, day = MORE_FIXED_DAYS[name]
        return Observance(dt.date(year, month, day), name, "day", f"{month}月{day}日")
    if name in SUNDAYS:
        month, nth = SUNDAYS[name]
        first = dt.date(year, month, 1)
        sunday = first + dt.timedelta(days=(6 - first.weekday()) % 7 + 7 * (nth - 1))
        return Observance(sunday, name, "day", f"{month}月第{'一二三四'[nth - 1]}个星期日")
    if name in LA_YUE:
        # 腊月 of the lunar year before (January, February) or of this one (December).
        for lunar_year in (year - 1, year):
            date = _to_date(Lunar.fromYmd(lunar_year, 12, LA_YUE[name]).getSolar())
            if date.year == year:
                _, label = _lunar_label(date)
                return Observance(date, name, "festival", f"农历{label}")
        return None
    if name in SOLAR_TERMS:
        # The table runs from the 冬至 before the lunar year to the terms after it; the
        # later ones carry pinyin keys (DONG_ZHI), so match on the date's year instead.
        table = Solar.fromYmd(year, 7, 1).getLunar().getJieQiTable()
        for key, solar in table.items():
            date = _to_date(solar)
            if date.year == year and key in (name, TERM_KEYS.get(name)):
                return Observance(date, name, "festival", f"{name}节气")
    return None


def with_theme_days(
    year: int, themes: Sequence[tuple[int, Sequence[str]]], known: Sequence[Observance]
) -> tuple[dict[int, list[Observance]], dict[int, list[str]]]:
    """The year's observances by month, with the days each month's theme names added to
    that month (dated by :func:`named_day`), and the names no date is known for."""
    months = by_month(known)
    undated: dict[int, list[str]] = {month: [] for month in range(1, 13)}
    for month, names in themes:
        for name in names:
            day = named_day(year, name, known)
            if day is None:
                undated[month].append(name)
            elif all(_order(o) != _order(day) for o in months[month]):
                months[month] = sorted([*months[month], day], key=_order)
    return months, undated


def fixed_days(year: int, extra: Sequence[tuple[int, int, str]] = ()) -> list[Observance]:
    """FIXED_DAYS plus a county's own ``extra`` days in ``year``, sorted by date then name.

    A date that does not exist in ``year`` (2月30日, or 2月29日 outside a leap year) or a
    blank name raises ValueError; the same day and name given twice appears once.
    """
    days: dict[tuple[dt.date, str], Observance] = {}
    for month, day, raw_name in (*FIXED_DAYS, *extra):
        name = raw_name.strip()
        if not name:
            raise ValueError(f"{month}月{day}日的纪念日缺少名称")
        try:
            date = dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"{year}年没有{month}月{day}日（{name}）") from None
        days.setdefault((date, name), Observance(date, name, "day", f"{month}月{day}日"))
    return sorted(days.values(), key=_order)


def observances(year: int, extra: Sequence[tuple[int, int, str]] = ()) -> list[Observance]:
    """Every festival and fixed day of ``year``, sorted by date then name."""
    merged: dict[tuple[dt.date, str], Observance] = {}
    for observance in (*lunar_festivals(year), *fixed_days(year, extra)):
        merged.setdefault(_order(observance), observance)
    return sorted(merged.values(), key=_order)


def by_month(observances: Iterable[Observance]) -> dict[int, list[Observance]]:
    """One year's observances grouped by month: keys 1–12 always, each list sorted."""
    grouped: dict[int, list[Observance]] = {month: [] for month in range(1, 13)}
    for observance in sorted(observances, key=_order):
        grouped[observance.date.month].append(observance)
    return grouped
