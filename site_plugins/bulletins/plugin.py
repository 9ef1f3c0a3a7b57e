"""The ``bulletins`` plugin: monthly 通报 pages and, on request, notice-board sheets.

Pages: ``/bulletins/`` (every month), ``/bulletins/<year>/<month>/`` (the county) and
``/bulletins/<year>/<month>/<township>/``; with sheets on (``WM_PRINT=1`` or
``sheets: true``), ``/sheets/<year>/<month>/`` and one sheet per station and paper size,
``/sheets/<year>/<month>/<township>/<village>/a4/`` and ``…/a3/``. The figures come from
:mod:`.report`, the sheets from :mod:`.sheet`; this class only connects them to MkDocs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from functools import partial

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from site_plugins.bulletins import report, sheet, views
from site_plugins.bulletins.config import BulletinsConfig
from site_plugins.bulletins.report import Month, MonthOutOfRange
from site_plugins.content import Catalogue
from site_plugins.content.catalogue import Station
from site_plugins.generated import GeneratedPage, GeneratingPlugin
from site_plugins.media.renditions import PhotoSet

SHEETS_ENV = "WM_PRINT"
SHEET_MONTH_ENV = "WM_PRINT_MONTH"
COLUMN = "月度通报"


class BulletinsPlugin(GeneratingPlugin[BulletinsConfig]):  # type: ignore[no-untyped-call]
    """Generates the 通报 pages, and the notice-board sheets when asked to."""

    plugin_name = "bulletins"
    context_key = "bulletin"

    def __init__(self) -> None:
        super().__init__()
        self.months: tuple[Month, ...] = ()
        self.sheet_months: tuple[Month, ...] = ()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        super().on_config(config)
        catalogue = self._catalogue()
        self.months = report.bulletin_months(catalogue)
        self.sheet_months = self._sheet_months(config, catalogue) if self._sheets_on() else ()
        return config

    def _sheets_on(self) -> bool:
        flag = os.environ.get(SHEETS_ENV, "").strip().lower()
        return bool(self.config.sheets) or flag in {"1", "true", "yes", "on"}

    def _sheet_months(self, config: MkDocsConfig, catalogue: Catalogue) -> tuple[Month, ...]:
        if not config.site_url:
            raise PluginError(
                "生成张贴页（二维码）需要网站的正式网址：请在 mkdocs.yml 中写上 "
                "site_url，例如 site_url: https://wmsj.example.gov.cn/"
            )
        wanted = os.environ.get(SHEET_MONTH_ENV) or self.config.sheet_month
        if not wanted:
            return self.months
        try:
            month = report.parse_month(wanted)
            report.check_month(catalogue, month)
        except MonthOutOfRange as exc:
            raise PluginError(f"张贴页的月份有误：{exc}") from exc
        return (month,)

    # After practice (50: entry pages, photos), hubs (40) and calendar (30).
    @event_priority(20)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        catalogue = self._catalogue()
        self.generated.clear()
        index = partial(views.index_view, catalogue, self.months)
        self._add(
            files, config, views.INDEX, GeneratedPage("bulletins.html", COLUMN, COLUMN, index)
        )
        for month in self.months:
            label = report.month_label(month)
            self._add_bulletin(files, config, month, None, title=f"{label}工作通报")
            for township in catalogue.townships:
                title = f"{township.name}{label}工作通报"
                self._add_bulletin(files, config, month, township.slug, title=title)
        photos = self._photos(config)
        for month in self.sheet_months:
            label = report.month_label(month)
            sheets = partial(views.sheets_index_view, catalogue, month)
            url = views.sheets_month_url(month)
            self._add(
                files, config, url, GeneratedPage("sheets.html", f"{label}张贴公示", COLUMN, sheets)
            )
            for station in catalogue.stations:
                for paper in sheet.PAPERS:
                    self._add_sheet(files, config, station, month, paper=paper, photos=photos)
        return files

    def _add_bulletin(
        self, files: Files, config: MkDocsConfig, month: Month, township: str | None, *, title: str
    ) -> None:
        catalogue = self._catalogue()

        def view() -> dict[str, object]:
            found = report.monthly_report(catalogue, *month, township=township)
            return views.bulletin_view(catalogue, found, self.months)

        page = GeneratedPage("bulletin.html", title, COLUMN, view)
        self._add(files, config, views.bulletin_url(month, township), page)

    def _add_sheet(
        self,
        files: Files,
        config: MkDocsConfig,
        station: Station,
        month: Month,
        *,
        paper: str,
        photos: Callable[[], Mapping[str, PhotoSet]],
    ) -> None:
        catalogue = self._catalogue()
        site_url = config.site_url or ""

        def view() -> dict[str, object]:
            made = sheet.station_sheet(
                catalogue, station, month, paper, photos=photos(), site_url=site_url
            )
            return {"sheet": made}

        title = f"{station.name}{report.month_label(month)}公示（{sheet.PAPERS[paper].name}）"
        url = sheet.sheet_url(station, month, paper)
        self._add(files, config, url, GeneratedPage("sheet.html", title, COLUMN, view))

    @staticmethod
    def _photos(config: MkDocsConfig) -> Callable[[], Mapping[str, PhotoSet]]:
        """The practice plugin's renditions, read when a sheet renders (filled by then)."""
        practice = config.plugins.get("practice")
        return lambda: getattr(practice, "photos", {})

    def _add(self, files: Files, config: MkDocsConfig, url: str, page: GeneratedPage) -> None:
        self.generated.add(files, config, f"{url}index.md", page)
