"""The ``hubs`` plugin: county home, stations index, township and station pages, feeds.

Reads the catalogue the ``practice`` plugin loaded; builds nothing from files itself.
Hub pages are generated (``File.generated``), never written into ``content/``.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from site_plugins.content import Catalogue
from site_plugins.content.catalogue import Activity, Station
from site_plugins.generated import GeneratedPage, GeneratingPlugin
from site_plugins.hubs import feeds, views
from site_plugins.hubs.config import HubsConfig
from site_plugins.hubs.pagination import paginate

log = logging.getLogger("mkdocs.plugins.hubs")

STATIONS_INDEX = "stations/index.md"


class HubsPlugin(GeneratingPlugin[HubsConfig]):  # type: ignore[no-untyped-call]
    """Generates the hub pages from the catalogue and puts only hubs in the navigation."""

    plugin_name = "hubs"
    context_key = "hub"

    # After practice (50) has added the entry pages, before others (0) look at the files.
    @event_priority(40)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        catalogue = self._catalogue()
        self.generated.clear()
        index = partial(views.stations_index_view, catalogue)
        self._add(
            files, config, STATIONS_INDEX, GeneratedPage("stations.html", "实践站", "实践站", index)
        )
        for township in catalogue.townships:
            view = partial(views.township_view, catalogue, township)
            hub = GeneratedPage("township.html", township.institute, "实践所", view)
            self._add(files, config, f"{township.url}index.md", hub)
        for station in catalogue.stations:
            self._add_station(files, config, catalogue, station)
        site_url = config.site_url or "/"
        for path, text in feeds.build_feeds(catalogue, site_url, self.config.feed_limit).items():
            files.append(File.generated(config, path, content=text))
        return files

    def _add_station(
        self, files: Files, config: MkDocsConfig, catalogue: Catalogue, station: Station
    ) -> None:
        activities = catalogue.station_activities(station.key)
        for piece in paginate(activities, self.config.per_page, station.url):
            title = station.full_name
            if piece.pager.number > 1:
                title += f"（第{piece.pager.number}页）"
            view = partial(views.station_view, catalogue, station, piece.items, piece.pager)
            self._add(
                files, config, piece.src_uri, GeneratedPage("station.html", title, "实践站", view)
            )
        months: dict[tuple[int, int], list[Activity]] = {}
        for activity in activities:
            months.setdefault((activity.date.year, activity.date.month), []).append(activity)
        for (year, month), items in months.items():
            base = views.month_url(station, year, month)
            title = f"{station.name} {year}年{month}月活动"
            # Month pages list more per page: they are read as a whole month's record.
            for piece in paginate(items, self.config.per_page * 5, base):
                view = partial(
                    views.month_view,
                    catalogue,
                    station,
                    year,
                    month,
                    items=piece.items,
                    pager=piece.pager,
                )
                hub = GeneratedPage("station-month.html", title, "实践站", view)
                self._add(files, config, piece.src_uri, hub)

    def _add(self, files: Files, config: MkDocsConfig, src_uri: str, hub: GeneratedPage) -> None:
        self.generated.add(files, config, src_uri, hub)

    def on_page_markdown(self, markdown: str, page: Page, **kwargs: Any) -> str:
        markdown = super().on_page_markdown(markdown, page, **kwargs)
        if page.file.src_uri == "index.md":
            page.meta.update(template="home.html", column="首页", column_type="首页")
        return markdown

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        context = super().on_page_context(context, page=page, config=config, nav=nav)
        if page.file.src_uri == "index.md":
            context["hub"] = views.home_view(self._catalogue())  # type: ignore[typeddict-unknown-key]
        return context
