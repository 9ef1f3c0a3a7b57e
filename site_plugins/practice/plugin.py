"""The ``practice`` plugin: one catalogue per build, entry pages, photos, guide, schemas.

Thin by design: loading and checking live in :mod:`site_plugins.content`, which pages
there are in :mod:`.plans`, page data in :mod:`.views`, photo handling in
:mod:`site_plugins.media`. It owns the build's :class:`~site_plugins.build.BuildContext`
and, for every planned page of every plugin, sets the meta and hands the view over.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from site_plugins import memory, priorities
from site_plugins.build import BuildContext, BuildOwner
from site_plugins.content import Catalogue, load_catalogue
from site_plugins.content.loader import PHOTO_SIZE_LIMIT, PHOTO_SUFFIXES, EntryMemo
from site_plugins.content.safe_html import clean_html, render_body, render_markdown
from site_plugins.content.template_safety import escape_page, safe_striptags
from site_plugins.generated import PageFiles, PlannedSite, PreparedPage, ViewUndefined
from site_plugins.idle import IDLE
from site_plugins.incremental.docs_view import DocsView
from site_plugins.incremental.rebuild import Rebuilds
from site_plugins.incremental.watch import use_inotify
from site_plugins.media.renditions import CacheWarmer, WarmedPhotos
from site_plugins.portal import SITE_STYLESHEET, SITE_STYLESHEETS, join_stylesheets, tel_href
from site_plugins.practice import photos, plans
from site_plugins.practice.bodies import Bodies
from site_plugins.practice.config import PracticeConfig
from site_plugins.shared_blocks import SharedBlocks, share_block, share_titled_block
from site_plugins.template_cache import TemplateCache

log = logging.getLogger("mkdocs.plugins.practice")

# Content files that are data, not pages: read through the catalogue, never copied raw.
DATA_PREFIXES = ("stations/", "themes/", "centre/")
DATA_FILES = ("county.yml",)


class PracticePlugin(BuildOwner, BasePlugin[PracticeConfig]):  # type: ignore[no-untyped-call]
    """Loads and validates the content tree, then publishes what is valid."""

    def __init__(self) -> None:
        self.build: BuildContext | None = None
        self.shared = SharedBlocks()
        self.warmer: CacheWarmer | None = None
        self.warmed: WarmedPhotos = {}  # the serve session's, see CacheWarmer
        self.rebuilds = Rebuilds()
        self.entry_memo = EntryMemo()
        self.page_files = PageFiles()  # mkdocs serve --dirty: page files kept between builds
        self.docs_view = DocsView()  # mkdocs serve --dirty: what MkDocs lists of content/
        self.bodies: Bodies | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Having this hook keeps the plugin for the whole `mkdocs serve`, so that each
        # rebuild can compare with the last (site_plugins.incremental).
        self.rebuilds.start(command, dirty)

    @event_priority(priorities.LOAD_CONTENT)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        started = time.monotonic()
        IDLE.wait()  # what the last build left to fill meanwhile (site_plugins.idle)
        # Photos are rendered into the cache while the content is read (a cold cache
        # costs about as much as the reading); on_files then takes them from there. A
        # serve rebuild warms only its published photos changed since, after the reading
        # (a few at most, which should not compete with it).
        rebuild = self.rebuilds.enabled and self.rebuilds.last is not None
        if not rebuild:
            self.warmer = self._warmer(config, None).start()
        # In mkdocs serve --dirty, unchanged entry files are not read again (the memo).
        memo = self.entry_memo if self.rebuilds.enabled else None
        self._drop_build()
        # mkdocs serve keeps memos of every file read: no collection walks them while loading.
        memory.before_loading(pause=self.rebuilds.enabled)
        catalogue = load_catalogue(Path(config.docs_dir), os.environ.get("SOURCE_DATE_EPOCH"), memo)
        for problem in catalogue.warnings:
            log.warning(problem.format())
        for problem in catalogue.errors:
            log.error(problem.format())
        if catalogue.errors:
            raise PluginError(
                f"内容检查发现 {len(catalogue.errors)} 个错误（见上方列表），网站未生成。"
                "请逐条改正；运行 python -m site_plugins validate 可只做检查。"
            )
        if rebuild:
            self.warmer = self._warmer(config, catalogue.photos).start()
        page_files = self.page_files if self.rebuilds.enabled else None
        if page_files is not None:
            page_files.begin()
        site = PlannedSite(deferred=True, workers=self.config.workers, page_files=page_files)
        self.rebuilds.begin(config, catalogue, started)
        # The entries' bodies are rendered beside the planning when every page is drawn
        # (a build, mkdocs serve's first); not in a rebuild of mkdocs serve --dirty, which
        # draws a few pages.
        workers = self.config.workers if self.rebuilds.full else 0
        self.bodies = Bodies.of(catalogue, workers=workers)
        self.build = BuildContext(catalogue, config.site_url or "", site)
        memory.after_loading(pause=self.rebuilds.enabled and not self.rebuilds.full)
        self.build.incremental = self.rebuilds.enabled
        self.build.full = self.rebuilds.full
        return config

    def _clean(self, *, config: MkDocsConfig) -> None:
        self.rebuilds.clean(config)

    @event_priority(priorities.VIEW_DOCS)
    def _view_docs(self, *, config: MkDocsConfig) -> None:
        # In mkdocs serve --dirty, MkDocs lists content/ without the data it would only
        # list for on_files to take out (site_plugins.incremental.docs_view).
        if self.rebuilds.enabled:
            self.docs_view.enter(config, self._project(config) / self.config.docs_view, _is_data)

    on_pre_build = CombinedEvent(_clean, _view_docs)

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        env.filters["safe_markdown"] = lambda text: Markup(render_markdown(text or ""))
        env.filters["tel_href"] = tel_href  # office phones as tel: links (portal.py)
        env.filters["striptags"] = safe_striptags  # Material's <title>: see template_safety
        # Every template (404 included) shows the county's name and footer.
        env.globals["site_county"] = self._catalogue().county.meta
        env.globals["wm_share"] = share_block
        env.globals["wm_share_titled"] = share_titled_block
        env.undefined = ViewUndefined
        env.bytecode_cache = TemplateCache(self._project(config) / self.config.template_cache, env)
        self.shared.clear()  # a new build (mkdocs serve) starts with no shared blocks
        if self.rebuilds.sitemap_unchanged:
            # The same pages at the same addresses on the same day: the sitemap (47,000
            # entries at budget scale, a third of a second) is left as the last build wrote it.
            config.theme.static_templates.discard("sitemap.xml")
        # Every page has been read: the files no page needs are made beside the rendering.
        self._build().site.launch()
        return env

    @event_priority(priorities.REAL_DOCS)
    def _real_docs(self, files: Files, config: MkDocsConfig) -> Files:
        self.docs_view.leave()
        return files

    @event_priority(priorities.ENTRY_FILES)
    def _add_files(self, files: Files, config: MkDocsConfig) -> Files:
        build = self._build()
        for file in list(files):
            if file.src_uri.startswith(DATA_PREFIXES) or file.src_uri in DATA_FILES:
                files.remove(file)
        build.site.clear()
        render = self.bodies.render if self.bodies is not None else render_body
        build.site.add(files, config, plans.plan(build.catalogue, lambda: build.photos, render))
        warmed = self.warmer.wait() if self.warmer is not None else frozenset()
        self.warmer = None
        build.photos = photos.publish(
            files, config, build.catalogue, self._photo_cache(config), warmed
        )
        _add_site_stylesheet(files, config)
        return files

    @event_priority(priorities.CHOOSE_REBUILT)
    def _choose_rebuilt(self, files: Files, config: MkDocsConfig) -> Files:
        build = self._build()
        files, build.kept = self.rebuilds.choose(
            files, config, build.site, build.catalogue, build.photos
        )
        self.page_files.end()
        if build.incremental and not build.full:
            # The files no page needs are made from here on, not from on_env: a rebuild
            # renders no body ahead for the child to inherit (PlannedSite.launch).
            build.site.launch()
        return files

    on_files = CombinedEvent(_real_docs, _add_files, _choose_rebuilt)

    def _project(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent

    def _photo_cache(self, config: MkDocsConfig) -> Path:
        return self._project(config) / self.config.photo_cache

    def _warmer(self, config: MkDocsConfig, sources: tuple[str, ...] | None) -> CacheWarmer:
        return CacheWarmer(
            self._photo_cache(config),
            Path(config.docs_dir),
            PHOTO_SIZE_LIMIT,
            PHOTO_SUFFIXES,
            sources=sources,
            warmed=self.warmed if self.rebuilds.enabled else None,
        )

    def on_page_markdown(self, markdown: str, page: Page, **kwargs: Any) -> str:
        self._build().site.set_meta(page)
        return markdown

    @event_priority(priorities.SANITISE)
    def on_page_content(self, html: str, page: Page, **kwargs: Any) -> str:
        escape_page(page)
        planned = self._build().site.get(page)
        if planned is not None and planned.trusted:
            return html
        if isinstance(page, PreparedPage) and html is page.content:
            return html  # unchanged since the plan's body, which is already safe
        return clean_html(html)

    @event_priority(priorities.FILL_PAGE)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        return self._build().site.fill(page, output)

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        key = SharedBlocks.key(page, nav, context["base_url"]) if self.config.share_blocks else None
        if key is not None:
            context["wm_shared"] = self.shared.bound(key)  # type: ignore[typeddict-unknown-key]
        self._build().site.add_context(context, page)
        return context

    def on_template_context(
        self, context: TemplateContext, /, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        if template_name == "sitemap.xml":  # pages left from the last build are listed too
            context["pages"] = self.rebuilds.sitemap_pages(context["pages"])  # type: ignore[typeddict-item]
        return context

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., None]
    ) -> LiveReloadServer:
        if self.rebuilds.enabled:  # edits noticed by the kernel, not by polling
            use_inotify(server)
        return server

    def on_build_error(self, *, error: Exception) -> None:
        self.docs_view.leave()
        if self.build is not None:
            self.build.site.abort()  # no second process outlives a failed build
        self._stop_bodies()
        self.rebuilds.failed()
        IDLE.drop()
        self.page_files.forget()
        memory.after_build()

    @event_priority(priorities.OFFLOAD_WAIT)
    def _wait_for_files(self, config: MkDocsConfig) -> None:
        self._stop_bodies()
        self._build().site.finish()  # raises (in Chinese) if the second process failed

    def _stop_bodies(self) -> None:
        if self.bodies is not None:
            self.bodies.forget()
            self.bodies = None

    @event_priority(priorities.BUILD_REPORT)
    def _report(self, config: MkDocsConfig) -> None:
        outcome = self.rebuilds.finish(config)
        memory.after_build(later=self.rebuilds.enabled and not outcome.full)
        if self.rebuilds.enabled:
            log.info(outcome.message())
        catalogue = self._catalogue()
        # Each station's line once per serve session, not after every edit (700 lines).
        if outcome.full:
            for station in catalogue.stations:
                activities, honorees = catalogue.published_count(station.key)
                log.info(
                    "已发布 %s：活动 %d 条，好人 %d 位", station.full_name, activities, honorees
                )
        log.info(
            "共发布 %d 个实践站、%d 条活动、%d 条活动预告、%d 位好人",
            len(catalogue.stations),
            len(catalogue.activities),
            len(catalogue.plans),
            len(catalogue.honorees),
        )

    @event_priority(priorities.IDLE_WORK)
    def _idle(self, config: MkDocsConfig) -> None:
        IDLE.begin()  # what this build left for after it (site_plugins.idle)

    on_post_build = CombinedEvent(_wait_for_files, _report, _idle)

    def _drop_build(self) -> None:
        """Let the previous build's plans and photos go (mkdocs serve) before the cycle
        collector runs: the other plugins still hold its context until their on_config."""
        if self.build is not None:
            self.build.site.clear()
            self.build.photos = {}
        self.build = None

    def _build(self) -> BuildContext:
        if self.build is None:
            raise PluginError("practice 插件尚未加载内容（on_config 未运行）")
        return self.build

    def _catalogue(self) -> Catalogue:
        return self._build().catalogue


def _is_data(entry: os.DirEntry[str]) -> bool:
    """A top-level entry of content/ read by the loader, not by MkDocs."""
    if entry.is_dir():
        return f"{entry.name}/" in DATA_PREFIXES
    return entry.name in DATA_FILES


def _add_site_stylesheet(files: Files, config: MkDocsConfig) -> None:
    """Our theme stylesheets joined into the one file main.html links (portal.py says why)."""
    parts = []
    for name in SITE_STYLESHEETS:
        file = files.get_file_from_path(f"assets/stylesheets/{name}")
        if file is None:
            raise PluginError(f"theme_overrides/assets/stylesheets/{name} is missing")
        parts.append((name, file.content_string))
    files.append(File.generated(config, SITE_STYLESHEET, content=join_stylesheets(parts)))
