"""The ``calendar`` plugin: the twelve monthly themes with the traditional festivals.

Pages: ``/themes/`` (the years), ``/themes/<year>/`` (a twelve-month grid that prints on
one A4 landscape sheet), ``/themes/<year>/<month>/`` (the month's theme, days and every
activity county-wide, by township and station, with 未开展 stations), and a subscribable
``/themes/<year>.ics``.
"""

from __future__ import annotations

import datetime as dt
from functools import cache, partial

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from site_plugins.calendar import festivals, ics, views
from site_plugins.calendar.config import CalendarConfig
from site_plugins.generated import GeneratedPage, GeneratingPlugin

THEMES_INDEX = "themes/index.md"
COLUMN = "月度主题"


class CalendarPlugin(GeneratingPlugin[CalendarConfig]):  # type: ignore[no-untyped-call]
    """Generates the theme calendar pages from the catalogue's theme years."""

    plugin_name = "calendar"
    context_key = "calendar"

    # After practice (50) and hubs (40), so links to their pages can be checked.
    @event_priority(30)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        catalogue = self._catalogue()
        extra = [(d.month, d.day, d.name) for d in catalogue.county.meta.days]
        self.generated.clear()
        self._add(
            files,
            config,
            THEMES_INDEX,
            GeneratedPage("themes.html", "月度主题", COLUMN, partial(views.years_view, catalogue)),
        )
        # Calendar apps need absolute links; without a site_url there is no feed to offer.
        site_url = config.site_url
        for theme_year in catalogue.theme_years:
            try:
                observed = festivals.observances(theme_year.year, extra)
            except ValueError as exc:
                raise PluginError(f"{theme_year.origin.path}:1:1  {exc}") from exc
            by_month = festivals.by_month(observed)
            year = theme_year.year
            self._add(
                files,
                config,
                f"{views.year_url(year)}index.md",
                GeneratedPage(
                    "theme-year.html",
                    f"{year}年月度主题",
                    COLUMN,
                    partial(
                        views.year_view, catalogue, theme_year, by_month, has_ics=bool(site_url)
                    ),
                ),
            )
            for month in range(1, 13):
                theme = theme_year.month(month)
                title = f"{year}年{month}月 · {theme.title if theme else '主题待定'}"
                # One scan of the activities per month, shared by its county and
                # township pages (a county has dozens of townships).
                month_activities = cache(partial(views.theme_activities, catalogue, year, month))
                view = partial(
                    views.month_view,
                    catalogue,
                    theme_year,
                    month,
                    by_month.get(month, []),
                    list_limit=self.config.month_list_limit,
                    activities_of=month_activities,
                )
                self._add(
                    files,
                    config,
                    f"{views.month_url(year, month)}index.md",
                    GeneratedPage("theme-month.html", title, COLUMN, view),
                )
                for township in catalogue.townships:
                    self._add(
                        files,
                        config,
                        f"{views.township_month_url(year, month, township.slug)}index.md",
                        GeneratedPage(
                            "theme-month.html",
                            f"{year}年{month}月 · {township.institute}",
                            COLUMN,
                            partial(view, township=township.slug),
                        ),
                    )
            if not site_url:
                continue
            calendar = ics.build_ics(
                year,
                theme_year.months,
                observed,
                calendar_name=f"{catalogue.county.meta.centre}{year}年月度主题",
                site_url=site_url,
                month_url=partial(views.month_url, year),
                stamp=dt.datetime.combine(catalogue.reference_date, dt.time(), dt.UTC),
            )
            files.append(File.generated(config, views.ics_path(year), content=calendar))
        return files

    def _add(self, files: Files, config: MkDocsConfig, src_uri: str, page: GeneratedPage) -> None:
        self.generated.add(files, config, src_uri, page)
