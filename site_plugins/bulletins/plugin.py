"""The ``bulletins`` plugin: monthly 通报 pages and, on request, notice-board sheets.

Sheets are made with ``WM_PRINT=1`` (or ``sheets: true``), for every month or for
``WM_PRINT_MONTH`` / ``sheet_month``. Which pages there are is decided by :mod:`.plans`,
the figures by :mod:`.report`, the sheets by :mod:`.sheet`.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from site_plugins import priorities
from site_plugins.build import SitePlugin
from site_plugins.bulletins import report
from site_plugins.bulletins.config import BulletinsConfig
from site_plugins.bulletins.plans import BulletinOptions, plan
from site_plugins.bulletins.report import Month, MonthOutOfRange

SHEETS_ENV = "WM_PRINT"
SHEET_MONTH_ENV = "WM_PRINT_MONTH"


class BulletinsPlugin(SitePlugin[BulletinsConfig]):  # type: ignore[no-untyped-call]
    """Generates the 通报 pages, and the notice-board sheets when asked to."""

    plugin_name = "bulletins"

    def __init__(self) -> None:
        super().__init__()
        self.months: tuple[Month, ...] = ()
        self.sheet_months: tuple[Month, ...] = ()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        super().on_config(config)
        self.months = report.bulletin_months(self.catalogue)
        self.sheet_months = self._sheet_months() if self._sheets_on() else ()
        return config

    def _sheets_on(self) -> bool:
        flag = os.environ.get(SHEETS_ENV, "").strip().lower()
        return bool(self.config.sheets) or flag in {"1", "true", "yes", "on"}

    def _sheet_months(self) -> tuple[Month, ...]:
        if not self.build.site_url:
            raise PluginError(
                "生成张贴页（二维码）需要网站的正式网址：请在 mkdocs.yml 中写上 "
                "site_url，例如 site_url: https://wmsj.example.gov.cn/"
            )
        wanted = os.environ.get(SHEET_MONTH_ENV) or self.config.sheet_month
        if not wanted:
            return self.months
        try:
            month = report.parse_month(wanted)
            report.check_month(self.catalogue, month)
        except MonthOutOfRange as exc:
            raise PluginError(f"张贴页的月份有误：{exc}") from exc
        return (month,)

    @event_priority(priorities.BULLETIN_FILES)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        build = self.build
        options = BulletinOptions(
            self.months, self.sheet_months, build.site_url, photos=lambda: build.photos
        )
        build.site.add(files, config, plan(self.catalogue, options))
        return files
