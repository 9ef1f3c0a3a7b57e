"""The ``city`` plugin: a city's portal built from its counties' open-data exports.

Used alone in ``mkdocs.city.yml`` (no ``practice``: a city has no content tree of its
own, only ``city/city.yml`` and a folder of exports). It does for its pages what
``practice`` does for a county's: the same planned-site adapter, the same escaping of
page meta, the same template globals (the footer reads ``site_county``: the city file
has the county file's ``centre`` and ``footer``).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from site_plugins import priorities
from site_plugins.city import plans
from site_plugins.city.exports import CityFile, CountyExport, load_exports, read_city
from site_plugins.content.loader import build_date
from site_plugins.content.safe_html import clean_html
from site_plugins.content.template_safety import escape_page, safe_striptags
from site_plugins.generated import PlannedSite, PreparedPage, ViewUndefined
from site_plugins.shared_blocks import share_block, share_titled_block

log = logging.getLogger("mkdocs.plugins.city")


class CityConfig(base.Config):  # type: ignore[no-untyped-call]
    """``city``: the city file; ``exports``: one folder per county (its slug) holding
    that county's ``/open-data/v1/`` files; ``stale_after_days``: after how many days
    without new data a county is shown as 数据未更新."""

    city = c.Type(str, default="city/city.yml")
    exports = c.Type(str, default="city/exports")
    stale_after_days = c.Type(int, default=3)


class CityPlugin(BasePlugin[CityConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.site = PlannedSite()
        self.city: CityFile | None = None
        self.exports: tuple[CountyExport, ...] = ()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        city, problems = read_city(root / self.config.city)
        if city is None:
            for problem in problems:
                log.error(problem)
            raise PluginError(f"市的配置文件有 {len(problems)} 个问题（见上方），网站未生成。")
        self.city = city
        self.exports = load_exports(root / self.config.exports, city)
        for export in self.exports:
            # Info, not a warning: CI builds with --strict, and one county without data
            # must not stop the city's portal (its pages say which county and why).
            if not export.has_data:
                log.info("%s：%s", export.entry.name, export.problem)
        return config

    def _city(self) -> CityFile:
        if self.city is None:
            raise PluginError("city 插件尚未读取市的配置文件")
        return self.city

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        env.filters["striptags"] = safe_striptags
        env.globals["site_county"] = self._city()
        env.globals["wm_share"] = share_block
        env.globals["wm_share_titled"] = share_titled_block
        env.undefined = ViewUndefined
        return env

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        today = build_date(os.environ.get("SOURCE_DATE_EPOCH"))
        self.site.clear()
        planned = plans.plan(self._city().name, self.exports, today, self.config.stale_after_days)
        self.site.add(files, config, planned)
        return files

    def on_page_markdown(self, markdown: str, page: Page, **kwargs: Any) -> str:
        self.site.set_meta(page)
        return markdown

    @event_priority(priorities.SANITISE)
    def on_page_content(self, html: str, page: Page, **kwargs: Any) -> str:
        escape_page(page)
        if isinstance(page, PreparedPage) and html is page.content:
            return html
        return clean_html(html)

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        self.site.add_context(context, page)
        return context
