"""我们的节日 against dates written by hand from published calendars, never from the library.

The expected table below was written by hand from published calendars (万年历; for 2025
and 2026 the State Council's holiday arrangements agree with it), not copied from
lunar-python's output: the library must agree with it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from lunar_python import Lunar

from site_plugins.calendar import festivals
from site_plugins.calendar.festivals import (
    FIXED_DAYS,
    SUPPORTED_YEARS,
    Observance,
    by_month,
    fixed_days,
    lunar_festivals,
    observances,
)

D = dt.date

PUBLISHED: dict[int, dict[str, dt.date]] = {
    2025: {
        "除夕": D(2025, 1, 28),
        "春节": D(2025, 1, 29),
        "元宵节": D(2025, 2, 12),
        "清明节": D(2025, 4, 4),
        "端午节": D(2025, 5, 31),
        "七夕节": D(2025, 8, 29),
        "中秋节": D(2025, 10, 6),
        "重阳节": D(2025, 10, 29),
    },
    2026: {
        "除夕": D(2026, 2, 16),
        "春节": D(2026, 2, 17),
        "元宵节": D(2026, 3, 3),
        "清明节": D(2026, 4, 5),
        "端午节": D(2026, 6, 19),
        "七夕节": D(2026, 8, 19),
        "中秋节": D(2026, 9, 25),
        "重阳节": D(2026, 10, 18),
    },
    2027: {
        "除夕": D(2027, 2, 5),
        "春节": D(2027, 2, 6),
        "元宵节": D(2027, 2, 20),
        "清明节": D(2027, 4, 5),
        "端午节": D(2027, 6, 9),
        "七夕节": D(2027, 8, 8),
        "中秋节": D(2027, 9, 15),
        "重阳节": D(2027, 10, 8),
    },
}


def _festival(year: int, name: str) -> Observance:
    return next(o for o in lunar_festivals(year) if o.name == name)


@pytest.mark.parametrize("year", sorted(PUBLISHED))
def test_festival_dates_match_published_calendars(year: int) -> None:
    computed = {o.name: o.date for o in lunar_festivals(year)}
    assert computed == PUBLISHED[year]


@pytest.mark.parametrize("year", sorted(PUBLISHED))
def test_every_festival_is_a_festival_in_its_year(year: int) -> None:
    for o in lunar_festivals(year):
        assert o.kind == "festival"
        assert o.date.year == year


def test_lunar_notes() -> None:
    notes = {o.name: o.note for o in lunar_festivals(2026)}
    assert notes == {
        "除夕": "腊月廿九（除夕）",
        "春节": "农历正月初一",
        "元宵节": "农历正月十五",
        "清明节": "清明节气",
        "端午节": "农历五月初五",
        "七夕节": "农历七月初七",
        "中秋节": "农历八月十五",
        "重阳节": "农历九月初九",
    }


# 2025–2029 have no 年三十 (除夕 is 腊月廿九); 2023, 2024 and 2030 do.
@pytest.mark.parametrize(
    ("year", "eve", "note"),
    [
        (2023, D(2023, 1, 21), "腊月三十（除夕）"),
        (2024, D(2024, 2, 9), "腊月三十（除夕）"),
        (2025, D(2025, 1, 28), "腊月廿九（除夕）"),
        (2026, D(2026, 2, 16), "腊月廿九（除夕）"),
        (2027, D(2027, 2, 5), "腊月廿九（除夕）"),
        (2029, D(2029, 2, 12), "腊月廿九（除夕）"),
        (2030, D(2030, 2, 2), "腊月三十（除夕）"),
    ],
)
def test_new_years_eve_is_the_last_day_of_the_twelfth_month(
    year: int, eve: dt.date, note: str
) -> None:
    observance = _festival(year, "除夕")
    assert (observance.date, observance.note) == (eve, note)
    assert observance.date == _festival(year, "春节").date - dt.timedelta(days=1)


def test_qingming_is_the_solar_term_not_a_lunar_date() -> None:
    # 清明 stays on 4–6 April while the lunar festivals move by weeks.
    dates = [_festival(year, "清明节").date for year in range(2000, 2051)]
    assert all(d.month == 4 and 4 <= d.day <= 6 for d in dates)
    assert {d.day for d in dates} >= {4, 5}
    assert {o.note for o in lunar_festivals(2025) if o.name == "清明节"} == {"清明节气"}


def test_leap_sixth_month_of_2025_is_skipped() -> None:
    # 2025 has 闰六月 (2025-07-25 to 2025-08-22). Taking it for 七月 would put 七夕 on
    # 2025-07-31 (闰六月初七) and 中秋 on 2025-09-06; the regular months give these.
    assert _festival(2025, "七夕节").date == D(2025, 8, 29)
    assert _festival(2025, "中秋节").date == D(2025, 10, 6)
    assert _festival(2025, "重阳节").date == D(2025, 10, 29)
    # Festivals before the leap month are unaffected.
    assert _festival(2025, "端午节").date == D(2025, 5, 31)
    # The trap is real: lunar-python numbers the leap month negatively.
    assert Lunar.fromYmd(2025, -6, 7).getSolar().toYmd() == "2025-07-31"


def test_fixed_days_default() -> None:
    days = fixed_days(2026)
    assert [(o.date, o.name) for o in days] == [
        (D(2026, 1, 1), "元旦"),
        (D(2026, 3, 5), "学雷锋纪念日"),
        (D(2026, 3, 8), "国际妇女节"),
        (D(2026, 5, 4), "五四青年节"),
        (D(2026, 6, 1), "国际儿童节"),
        (D(2026, 7, 1), "建党纪念日"),
        (D(2026, 8, 1), "建军节"),
        (D(2026, 9, 20), "公民道德宣传日"),
        (D(2026, 10, 1), "国庆节"),
        (D(2026, 12, 5), "国际志愿者日"),
    ]
    assert all(o.kind == "day" for o in days)
    assert next(o for o in days if o.name == "学雷锋纪念日").note == "3月5日"
    assert len(FIXED_DAYS) == len(days)


def test_fixed_days_with_a_countys_own() -> None:
    days = fixed_days(
        2026, [(11, 9, "全国消防日"), (3, 5, "学雷锋纪念日"), (3, 5, "本县志愿服务日")]
    )
    fire = next(o for o in days if o.name == "全国消防日")
    assert fire == Observance(D(2026, 11, 9), "全国消防日", "day", "11月9日")
    # A repeated default collapses into one; a second name on the same day is kept.
    assert [o.name for o in days if o.date == D(2026, 3, 5)] == ["学雷锋纪念日", "本县志愿服务日"]
    assert len(days) == len(FIXED_DAYS) + 2


@pytest.mark.parametrize(
    ("extra", "year", "message"),
    [
        ((2, 30, "不存在的日子"), 2026, "2026年没有2月30日"),
        ((2, 29, "闰日"), 2026, "2026年没有2月29日"),
        ((13, 1, "十三月"), 2026, "2026年没有13月1日"),
        ((5, 1, "  "), 2026, "缺少名称"),
    ],
)
def test_fixed_days_rejects_invalid(extra: tuple[int, int, str], year: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        fixed_days(year, [extra])


def test_leap_day_exists_in_a_leap_year() -> None:
    assert fixed_days(2028, [(2, 29, "闰日")])[1].date == D(2028, 2, 29)


@pytest.mark.parametrize("year", [1800, 1900, 2100, 2200])
def test_year_out_of_range(year: int) -> None:
    with pytest.raises(ValueError, match=f"年份 {year} 超出农历计算范围（1901–2099）"):
        lunar_festivals(year)
    with pytest.raises(ValueError, match="超出农历计算范围"):
        observances(year)


def test_range_edges() -> None:
    assert SUPPORTED_YEARS[0] == 1901
    assert SUPPORTED_YEARS[-1] == 2099
    assert _festival(1901, "春节").date == D(1901, 2, 19)
    assert _festival(2099, "春节").date == D(2099, 1, 21)


def test_observances_sorted_by_date_then_name() -> None:
    extra = [(10, 1, "本县文明实践日"), (2, 17, "新春走基层")]
    items = observances(2026, extra)
    assert items == sorted(items, key=lambda o: (o.date, o.name))
    assert len(items) == 8 + len(FIXED_DAYS) + 2
    same_day = [o.name for o in items if o.date == D(2026, 10, 1)]
    assert same_day == sorted(["国庆节", "本县文明实践日"])
    assert [o.name for o in items if o.date == D(2026, 2, 17)] == sorted(["春节", "新春走基层"])
    assert items[0] == Observance(D(2026, 1, 1), "元旦", "day", "1月1日")
    assert items[-1].name == "国际志愿者日"


def test_observances_merge_a_duplicate_of_a_festival() -> None:
    items = observances(2026, [(6, 19, "端午节")])
    assert [o.kind for o in items if o.name == "端午节"] == ["festival"]


def test_by_month() -> None:
    grouped = by_month(reversed(observances(2026)))
    assert list(grouped) == list(range(1, 13))
    assert [o.name for o in grouped[2]] == ["除夕", "春节"]
    assert [o.name for o in grouped[3]] == ["元宵节", "学雷锋纪念日", "国际妇女节"]
    assert [o.name for o in grouped[11]] == []
    assert [o.name for o in grouped[10]] == ["国庆节", "重阳节"]
    assert sum(len(v) for v in grouped.values()) == len(observances(2026))


def test_observance_is_frozen() -> None:
    o = observances(2026)[0]
    with pytest.raises(AttributeError):
        o.name = "x"  # type: ignore[misc]


# Dates worked out by hand: 2026's 除夕 is 2026-02-16 (腊月廿九), so 腊月初一 is 2026-01-19;
# 2026-05-01 is a Friday and 2026-06-01 a Monday; 冬至 2026 is 21 Dec 20:50 UTC.
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("腊八节", dt.date(2026, 1, 26)),
        ("小年", dt.date(2026, 2, 10)),
        ("植树节", dt.date(2026, 3, 12)),
        ("世界读书日", dt.date(2026, 4, 23)),
        ("劳动节", dt.date(2026, 5, 1)),
        ("母亲节", dt.date(2026, 5, 10)),
        ("父亲节", dt.date(2026, 6, 21)),
        ("建党节", dt.date(2026, 7, 1)),  # an alias of 建党纪念日
        ("三八妇女节", dt.date(2026, 3, 8)),
        ("教师节", dt.date(2026, 9, 10)),
        ("全国消防日", dt.date(2026, 11, 9)),
        ("国家宪法日", dt.date(2026, 12, 4)),
        ("冬至", dt.date(2026, 12, 22)),
        ("小寒", dt.date(2026, 1, 5)),
        ("端午节", dt.date(2026, 6, 19)),
    ],
)
def test_a_themes_named_days_get_their_dates(name: str, expected: dt.date) -> None:
    day = festivals.named_day(2026, name, festivals.observances(2026))
    assert day is not None and day.date == expected


def test_unknown_names_stay_undated_in_their_themes_month() -> None:
    known = festivals.observances(2026)
    months, undated = festivals.with_theme_days(
        2026, [(1, ["腊八节", "小年", "村晚"]), (12, ["冬至", "国际志愿者日"])], known
    )
    assert undated[1] == ["村晚"] and undated[12] == []
    # Listed in the month of the theme that names them, 小年 (10 Feb) included, once each.
    assert [d.name for d in months[1]] == ["元旦", "腊八节", "小年"]
    assert [d.name for d in months[12]].count("国际志愿者日") == 1
    assert "冬至" in [d.name for d in months[12]]
