"""Which calendar pages and files the site has: the years, each year's twelve-month sheet,
each month's county page and township pages, and each year's ``.ics``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache, partial

from site_plugins import dates, figures, routes
from site_plugins.calendar import festivals, ics, views
from site_plugins.content.catalogue import Catalogue, ThemeYear
from site_plugins.plans import (
    COUNTED,
    UNITS,
    Planned,
    PlannedFile,
    PlannedPage,
    theme_month_dependency,
    theme_units_dependency,
    township_theme_month_dependency,
)

COLUMN = "月度主题"


@dataclass(frozen=True)
class CalendarOptions:
    month_list_limit: int | None = 200
    site_url: str = ""  # calendar apps need absolute links: no site_url, no .ics


class CalendarError(ValueError):
    """A theme year whose calendar cannot be computed, with the file and position."""


def plan(catalogue: Catalogue, options: CalendarOptions) -> list[Planned]:
    pages: list[Planned] = [
        PlannedPage(
            routes.THEMES,
            "月度主题",
            "themes.html",
            COLUMN,
            partial(views.years_view, catalogue),
            frozenset({"themes", COUNTED}),  # each year's activity count
        )
    ]
    extra = [(d.month, d.day, d.name) for d in catalogue.county.meta.days]
    for theme_year in catalogue.theme_years:
        try:
            observed = festivals.observances(theme_year.year, extra)
        except ValueError as exc:
            raise CalendarError(f"{theme_year.origin.path}:1:1  {exc}") from exc
        pages += year_pages(catalogue, theme_year, observed, options)
    return pages


def year_pages(
    catalogue: Catalogue,
    theme_year: ThemeYear,
    observed: list[festivals.Observance],
    options: CalendarOptions,
) -> list[Planned]:
    year = theme_year.year
    # The year's sheet counts each theme month's activities; its .ics shows no activity.
    depends = frozenset({f"themes:{year}", COUNTED, "county"})
    named = [(theme.month, theme.festivals) for theme in theme_year.months]
    by_month, undated = festivals.with_theme_days(year, named, observed)
    counts = figures.theme_counts(catalogue.activities, year)
    limit = options.month_list_limit
    view = partial(views.year_view, catalogue, theme_year, by_month, has_ics=bool(options.site_url))
    pages: list[Planned] = [
        PlannedPage(
            routes.theme_year(year), f"{year}年月度主题", "theme-year.html", COLUMN, view, depends
        )
    ]
    for month in range(1, 13):
        theme = theme_year.month(month)
        title = f"{dates.month_text((year, month))} · {theme.title if theme else '主题待定'}"
        # One scan of the activities per month, shared by its county and township pages
        # (a county has dozens of townships).
        month_activities = cache(partial(views.theme_activities, catalogue, year, month))
        month_view = partial(
            views.month_view,
            catalogue,
            theme_year,
            month,
            by_month.get(month, []),
            undated=undated.get(month, []),
            list_limit=options.month_list_limit,
            activities_of=month_activities,
        )
        url = routes.theme_month((year, month))
        # The county's month page shows that month's theme activities, every station's
        # name and the months that have a 通报: an edit in May leaves the other months.
        # Too many to list (views.month_view), it shows only how many each unit has.
        listed = views.lists_county_month(counts[month - 1], limit)
        activities = (theme_month_dependency if listed else theme_units_dependency)(year, month)
        shown = frozenset({f"themes:{year}", activities, UNITS, "months"})
        pages.append(
            PlannedPage(url, title, "theme-month.html", COLUMN, month_view, shown | {"county"})
        )
        for township in catalogue.townships:
            # A township's page lists only its own 所's and stations' theme activities,
            # with its stations' names and its month's 通报 link.
            theme_month = township_theme_month_dependency(year, month, township.slug)
            own = frozenset({f"themes:{year}", theme_month, UNITS, "months", "county"})
            pages.append(
                PlannedPage(
                    routes.township_theme_month((year, month), township.slug),
                    f"{dates.month_text((year, month))} · {township.institute}",
                    "theme-month.html",
                    COLUMN,
                    partial(month_view, township=township.slug),
                    own,
                )
            )
    if options.site_url:
        text = ics.build_ics(
            year,
            theme_year.months,
            [day for days in by_month.values() for day in days],
            calendar_name=f"{catalogue.county.meta.centre}{year}年月度主题",
            site_url=options.site_url,
            month_url=lambda month: routes.theme_month((year, month)),
            stamp=dt.datetime.combine(catalogue.reference_date, dt.time(), dt.UTC),
        )
        pages.append(PlannedFile(routes.themes_ics(year), text, depends=depends))
    return pages
