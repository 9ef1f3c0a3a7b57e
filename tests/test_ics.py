"""The yearly iCalendar feed, parsed back with icalendar and checked line by line."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from icalendar import Calendar

from site_plugins.calendar.festivals import Observance, lunar_festivals, observances
from site_plugins.calendar.ics import build_ics
from site_plugins.content.catalogue import MonthlyTheme

D = dt.date
SITE = "https://wenming.example.gov.cn/qingshan/"
STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
TITLES = (
    "情暖冷冬",
    "新春送福",
    "学雷锋·播撒爱心",
    "清明·清风入户",
    "青春飞扬",
    "牵手文明",
    "红色七月",
    "拥军优属",
    "尊师重教",
    "礼赞祖国",
    "敬老孝亲",
    "志愿同行",
)


def _themes(year: int = 2026) -> list[MonthlyTheme]:
    return [
        MonthlyTheme(
            year=year,
            month=month,
            title=title,
            focus=f"{month}月重点：{title}，走进农家院落，开展一次面对面的宣讲、文艺与志愿服务活动。",
            guidance=None,
            festivals=(),
        )
        for month, title in enumerate(TITLES, start=1)
    ]


def _month_url(month: int) -> str:
    return f"themes/2026/{month:02d}/"


def _build(**overrides: Any) -> bytes:
    args: dict[str, Any] = {
        "calendar_name": "青山县新时代文明实践中心·2026年主题与节日",
        "site_url": SITE,
        "month_url": _month_url,
        "stamp": STAMP,
    }
    args.update(overrides)
    themes = args.pop("themes", _themes())
    items = args.pop("observances", observances(2026))
    return build_ics(2026, themes, items, **args)


def _events(data: bytes) -> list[Any]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def _themes_of(data: bytes) -> list[Any]:
    return [e for e in _events(data) if str(e["uid"]).startswith("theme-")]


def test_calendar_properties() -> None:
    calendar = Calendar.from_ical(_build())
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["prodid"]) == "-//wenming-bulletins//calendar feed//ZH"
    assert str(calendar["x-wr-calname"]) == "青山县新时代文明实践中心·2026年主题与节日"
    assert str(calendar["name"]) == "青山县新时代文明实践中心·2026年主题与节日"
    assert str(calendar["x-wr-timezone"]) == "Asia/Shanghai"
    assert str(calendar["method"]) == "PUBLISH"
    # Subscribing apps re-fetch daily; both spellings must be RFC 5545 durations.
    data = _build().replace(b"\r\n ", b"")
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:P1D\r\n" in data
    assert b"\r\nX-PUBLISHED-TTL:P1D\r\n" in data


def test_twelve_theme_events_span_their_months() -> None:
    themes = _themes_of(_build())
    assert len(themes) == 12
    for month, event in enumerate(themes, start=1):
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert type(start) is dt.date and type(end) is dt.date  # all-day, not date-times
        assert start == D(2026, month, 1)
        assert end == (D(2027, 1, 1) if month == 12 else D(2026, month + 1, 1))
        assert str(event["summary"]) == f"{month}月主题：{TITLES[month - 1]}"
        assert str(event["description"]).startswith(f"{month}月重点：")
        assert str(event["url"]) == f"{SITE}themes/2026/{month:02d}/"
        assert str(event["uid"]) == f"theme-2026-{month:02d}@wenming.example.gov.cn"
    february = themes[1]
    assert (february.decoded("dtstart"), february.decoded("dtend")) == (
        D(2026, 2, 1),
        D(2026, 3, 1),
    )
    assert str(february["summary"]) == "2月主题：新春送福"
    assert str(themes[5]["summary"]) == "6月主题：牵手文明"


def test_every_observance_on_its_day() -> None:
    events = {str(e["summary"]): e for e in _events(_build()) if str(e["uid"]).startswith("day-")}
    expected = observances(2026)
    assert len(events) == len(expected)
    for o in expected:
        event = events[o.name]
        assert event.decoded("dtstart") == o.date
        assert event.decoded("dtend") == o.date + dt.timedelta(days=1)
        assert str(event["description"]) == o.note
    # The festivals by hand, so a wrong date in both festivals.py and here cannot agree.
    assert {name: events[name].decoded("dtstart") for name in ("春节", "除夕", "中秋节")} == {
        "春节": D(2026, 2, 17),
        "除夕": D(2026, 2, 16),
        "中秋节": D(2026, 9, 25),
    }
    assert str(events["除夕"]["description"]) == "腊月廿九（除夕）"
    assert {f.name for f in lunar_festivals(2026)} <= set(events)


def test_uids_unique_ascii_and_stamped() -> None:
    events = _events(_build())
    uids = [str(e["uid"]) for e in events]
    assert len(uids) == len(set(uids)) == 12 + len(observances(2026))
    assert all(uid.isascii() and uid.endswith("@wenming.example.gov.cn") for uid in uids)
    assert all(e.decoded("dtstamp") == STAMP for e in events)


def test_uids_stable_when_content_changes() -> None:
    before = {str(e["summary"]): str(e["uid"]) for e in _events(_build())}
    extra = [*observances(2026), Observance(D(2026, 11, 9), "全国消防日", "day", "11月9日")]
    after = {str(e["summary"]): str(e["uid"]) for e in _events(_build(observances=extra))}
    assert {k: after[k] for k in before} == before


def test_reproducible() -> None:
    assert _build() == _build()
    # Only the stamp passed in changes the bytes; no wall clock.
    assert _build() != _build(stamp=STAMP + dt.timedelta(days=1))


def test_naive_and_aware_stamps_are_utc() -> None:
    naive = _build(stamp=dt.datetime(2026, 1, 1))
    beijing = _build(stamp=dt.datetime(2026, 1, 1, 8, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    assert naive == beijing == _build()
    assert b"DTSTAMP:20260101T000000Z\r\n" in naive


def test_crlf_and_folding() -> None:
    data = _build()
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")  # no bare LF anywhere
    lines = data.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)  # octets, not characters
    for line in lines:
        line.decode("utf-8")  # folding never splits a multi-byte character
    assert any(line.startswith(b" ") for line in lines)  # the long descriptions were folded
    unfolded = data.replace(b"\r\n ", b"").decode("utf-8")
    assert "SUMMARY:6月主题：牵手文明\r\n" in unfolded
    assert "DTSTART;VALUE=DATE:20260201\r\n" in unfolded
    assert "DTEND;VALUE=DATE:20260301\r\n" in unfolded


def test_text_is_escaped() -> None:
    themes = _themes()
    themes[0] = MonthlyTheme(2026, 1, "情暖冷冬", "送温暖, 送春联; 送健康", None, ())
    event = _themes_of(_build(themes=themes))[0]
    assert str(event["description"]) == "送温暖, 送春联; 送健康"
    assert b"DESCRIPTION:\xe9\x80\x81\xe6\xb8\xa9\xe6\x9a\x96\\, " in _build(themes=themes)


def test_missing_focus_and_fewer_themes() -> None:
    themes = [MonthlyTheme(2026, 6, "牵手文明", None, None, ())]
    [event] = _themes_of(_build(themes=themes))
    assert "description" not in event
    assert str(event["summary"]) == "6月主题：牵手文明"


def test_site_url_without_trailing_slash_and_month_url_with_leading_slash() -> None:
    data = _build(site_url=SITE.rstrip("/"), month_url=lambda m: f"/themes/2026/{m:02d}/")
    assert str(_themes_of(data)[0]["url"]) == f"{SITE}themes/2026/01/"


@pytest.mark.parametrize("site_url", ["", "/qingshan/", "wenming.example.gov.cn"])
def test_site_url_must_be_absolute(site_url: str) -> None:
    with pytest.raises(ValueError, match="site_url"):
        _build(site_url=site_url)


def test_wrong_year_or_duplicate_month_rejected() -> None:
    with pytest.raises(ValueError, match="2025年1月的主题"):
        _build(themes=_themes(2025))
    with pytest.raises(ValueError, match="两个主题"):
        _build(themes=[*_themes(), _themes()[0]])
    with pytest.raises(ValueError, match="不在2026年"):
        _build(observances=observances(2027))


def test_duplicate_observance_is_one_event() -> None:
    items = observances(2026)
    data = _build(observances=[*items, items[0]])
    assert len(_events(data)) == 12 + len(items)
