"""The ``practice`` plugin: one catalogue per build, entry pages, photos, guide, schemas.

Thin by design: loading and checking live in :mod:`site_plugins.content`, page data in
:mod:`.views`, photo handling in :mod:`site_plugins.media.photos`. This class only
connects them to MkDocs events.
"""

from __future__ import annotations

import logging
import os
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from site_plugins.content import Catalogue, load_catalogue
from site_plugins.content.catalogue import Activity, Honoree
from site_plugins.content.loader import PHOTO_SIZE_LIMIT, PHOTO_SUFFIXES
from site_plugins.content.safe_html import clean_html, render_body, render_markdown
from site_plugins.content.template_safety import escape_page, safe_striptags
from site_plugins.generated import (
    PreparedPage,
    SharedBlocks,
    add_prepared,
    share_block,
    share_titled_block,
)
from site_plugins.media.photos import PhotoError
from site_plugins.media.renditions import CacheWarmer, PhotoLibrary, PhotoSet
from site_plugins.practice import guide, schemas
from site_plugins.practice.config import PracticeConfig
from site_plugins.practice.views import activity_view, honoree_view

log = logging.getLogger("mkdocs.plugins.practice")

# Content files that are data, not pages: read through the catalogue, never copied raw.
DATA_PREFIXES = ("stations/", "themes/")
DATA_FILES = ("county.yml",)


class PracticePlugin(BasePlugin[PracticeConfig]):  # type: ignore[no-untyped-call]
    """Loads and validates the content tree, then publishes what is valid."""

    def __init__(self) -> None:
        self.catalogue: Catalogue | None = None
        self.entries: dict[str, Activity | Honoree] = {}
        self.trusted_pages: set[str] = set()
        self.photos: dict[str, PhotoSet] = {}
        self.shared = SharedBlocks()
        self.warmer: CacheWarmer | None = None

    # Load first so that every later plugin's on_config can read the catalogue.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Photos are rendered into the cache while the content is read (a cold cache
        # costs about as much as the reading); _add_photos then takes them from there.
        self.warmer = CacheWarmer(
            self._photo_cache(config), Path(config.docs_dir), PHOTO_SIZE_LIMIT, PHOTO_SUFFIXES
        ).start()
        catalogue = load_catalogue(Path(config.docs_dir), os.environ.get("SOURCE_DATE_EPOCH"))
        for problem in catalogue.warnings:
            log.warning(problem.format())
        for problem in catalogue.errors:
            log.error(problem.format())
        if catalogue.errors:
            raise PluginError(
                f"内容检查发现 {len(catalogue.errors)} 个错误（见上方列表），网站未生成。"
                "请逐条改正；运行 python -m site_plugins validate 可只做检查。"
            )
        self.catalogue = catalogue
        return config

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        env.filters["safe_markdown"] = lambda text: Markup(render_markdown(text or ""))
        env.filters["striptags"] = safe_striptags  # Material's <title>: see template_safety
        # Every template (404 included) shows the county's name and footer.
        env.globals["site_county"] = self._catalogue().county.meta
        env.globals["wm_share"] = share_block
        env.globals["wm_share_titled"] = share_titled_block
        self.shared.clear()  # a new build (mkdocs serve) starts with no shared blocks
        return env

    # Runs before other plugins add their pages so they see our entries among the files.
    @event_priority(50)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        catalogue = self._catalogue()
        for file in list(files):
            if file.src_uri.startswith(DATA_PREFIXES) or file.src_uri in DATA_FILES:
                files.remove(file)
        self.entries = {}
        for activity in catalogue.activities:
            self._add_entry(files, config, f"{activity.url.rstrip('/')}.md", activity)
        for honoree in catalogue.honorees:
            self._add_entry(files, config, f"{honoree.url.rstrip('/')}.md", honoree)
        for src_uri, text in guide.pages(catalogue).items():
            files.append(File.generated(config, src_uri, content=text))
            self.trusted_pages.add(src_uri)
        for src_uri, path in guide.image_files().items():
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))
        for name, text in schemas.schema_files().items():
            files.append(File.generated(config, f"schemas/{name}", content=text))
        self._add_photos(files, config, catalogue)
        return files

    def _add_photos(self, files: Files, config: MkDocsConfig, catalogue: Catalogue) -> None:
        """Every referenced photo as responsive renditions; the original is never copied.

        Done before pages render because templates need each rendition's size.
        """
        warmed = self.warmer.wait() if self.warmer is not None else frozenset()
        self.warmer = None
        library = PhotoLibrary(self._photo_cache(config), Path(config.docs_dir))
        try:
            photo_sets = library.get_many(catalogue.photos)
        except PhotoError as exc:
            raise PluginError(f"照片处理失败：{exc}") from exc
        self.photos = {photo_set.src: photo_set for photo_set in photo_sets}
        for photo_set in photo_sets:
            for rendition in photo_set.renditions:
                files.append(
                    File.generated(config, rendition.path, abs_src_path=str(rendition.file))
                )
        # Photos the warmer rendered are found in the cache by the library: count them as
        # processed, not reused.
        made = len(warmed.intersection(catalogue.photos))
        log.info(
            "照片：%d 张重新处理，%d 张使用缓存", library.processed + made, library.reused - made
        )

    def _photo_cache(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.photo_cache

    def _add_entry(
        self, files: Files, config: MkDocsConfig, src_uri: str, record: Activity | Honoree
    ) -> None:
        add_prepared(files, config, src_uri, partial(render_body, record.body))
        self.entries[src_uri] = record

    def on_page_markdown(self, markdown: str, page: Page, **kwargs: Any) -> str:
        record = self.entries.get(page.file.src_uri)
        if page.file.src_uri in self.trusted_pages:
            page.meta.update(column="投稿指南", column_type="文章页")
        if isinstance(record, Activity):
            page.meta.update(
                template="activity.html", title=record.title, column="活动", column_type="文章页"
            )
        elif isinstance(record, Honoree):
            page.meta.update(
                template="honoree.html", title=record.name, column="好人", column_type="文章页"
            )
            page.meta.setdefault("description", record.meta.summary)
        return markdown

    # Last, so that nothing another plugin adds to a page escapes the sanitiser, and every
    # plugin has set the page's meta before it is escaped for the templates.
    @event_priority(-100)
    def on_page_content(self, html: str, page: Page, **kwargs: Any) -> str:
        escape_page(page)
        if page.file.src_uri in self.trusted_pages:
            return html
        if isinstance(page, PreparedPage) and html is page.content:
            return html  # unchanged since render_body, which sanitised it
        return clean_html(html)

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        catalogue = self._catalogue()
        key = SharedBlocks.key(page, nav, context["base_url"]) if self.config.share_blocks else None
        if key is not None:
            context["wm_shared"] = self.shared.bound(key)  # type: ignore[typeddict-unknown-key]
        record = self.entries.get(page.file.src_uri)
        if isinstance(record, Activity):
            context["entry"] = activity_view(catalogue, record, self.photos)  # type: ignore[typeddict-unknown-key]
        elif isinstance(record, Honoree):
            context["entry"] = honoree_view(catalogue, record, self.photos)  # type: ignore[typeddict-unknown-key]
        return context

    def on_post_build(self, config: MkDocsConfig) -> None:
        self._log_summary(self._catalogue())

    def _log_summary(self, catalogue: Catalogue) -> None:
        for station in catalogue.stations:
            activities, honorees = catalogue.published_count(station.key)
            log.info("已发布 %s：活动 %d 条，好人 %d 位", station.full_name, activities, honorees)
        log.info(
            "共发布 %d 个实践站、%d 条活动、%d 位好人",
            len(catalogue.stations),
            len(catalogue.activities),
            len(catalogue.honorees),
        )

    def _catalogue(self) -> Catalogue:
        if self.catalogue is None:
            raise PluginError("practice 插件尚未加载内容（on_config 未运行）")
        return self.catalogue
