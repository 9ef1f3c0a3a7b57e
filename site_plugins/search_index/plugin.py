"""The ``search_index`` plugin: the header search box's index, written after the build.

Each page's main article is cut from its final HTML as it is written (``on_post_page``)
and read and indexed in a second process beside the rendering (``worker``); the index
files go into ``<site>/search/`` at the end (``on_post_build``); in mkdocs serve only
those a rebuild changed are written (and those it removed deleted). The
reader's side is ``theme_overrides/assets/javascripts/search.js`` with the header button
and dialog of ``theme_overrides/partials/wm-search.html``.
"""

from __future__ import annotations

import logging
import shutil
import time
from fnmatch import fnmatchcase
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page

from site_plugins import routes
from site_plugins.build import build_context
from site_plugins.search_index.config import SearchIndexConfig
from site_plugins.search_index.extract import article
from site_plugins.search_index.people import person_surnames
from site_plugins.search_index.worker import IndexWorker, WorkerError

log = logging.getLogger("mkdocs.plugins.search_index")

# Where search.js looks for the index, relative to the site root.
FOLDER = routes.SEARCH.rstrip("/")
_GONE = (
    "站内搜索：建立索引的进程意外退出（可能是内存不足），网站未生成完整；"
    "请重新运行，或在 mkdocs.yml 的 search_index 下写 workers: 0"
)


class SearchIndexPlugin(BasePlugin[SearchIndexConfig]):  # type: ignore[no-untyped-call]
    """Collects every page's searchable text and writes the static search index."""

    def __init__(self) -> None:
        self.worker: IndexWorker | None = None
        self.seconds = 0.0
        # mkdocs serve --dirty keeps the worker, and the pages in it, from one rebuild to
        # the next (site_plugins.incremental): ``indexed`` are their URLs, ``added`` those
        # added by this build.
        self.indexed: set[str] = set()
        self.added: set[str] = set()
        self.serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Having this hook keeps the plugin (and its worker) for the whole mkdocs serve.
        self._close()

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.config.chunk < 1 or self.config.shard_size < 1:
            raise PluginError("search_index：chunk 和 shard_size 必须是正整数")
        self.seconds = 0.0
        self.added = set()
        build = build_context(config, "search_index")
        self.serving = build.incremental
        if build.incremental and not build.full and self.worker is not None:
            return  # a rebuild: only the pages drawn again are added (and replace their own)
        self._close()
        self.worker = IndexWorker(
            self.config.skip_classes,
            self.config.shard_size,
            self.config.chunk,
            processes=self.config.workers,
            keep=build.incremental,
        )

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        url = page.url
        if self.worker is None or any(fnmatchcase(url, p) for p in self.config.exclude):
            return output
        started = time.perf_counter()
        part = article(url, output)
        if part is not None:
            try:
                self.worker.add(part)  # with its entries (e.g. each item of a unit's menu)
            except WorkerError as exc:
                raise PluginError(_GONE) from exc
            self.added.add(url)
        self.seconds += time.perf_counter() - started
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.worker is None:
            return
        started = time.perf_counter()
        build = build_context(config, "search_index")
        roll = routes.HONOR_ROLL if "honor_roll" in config.plugins else ""
        # Pages from an earlier build that were neither left as they were nor added again
        # (gone, or drawn again without an article) leave the index.
        keep = build.incremental
        gone = self.indexed - build.kept - self.added
        self.indexed = (self.indexed & build.kept) | self.added if keep else set()
        try:
            self.worker.drop(sorted(gone))
            built = self.worker.finish(person_surnames(build.catalogue), roll, keep=keep)
        except WorkerError as exc:
            self._close()
            raise PluginError(_GONE) from exc
        if not keep:
            self.worker = None
        folder = Path(config.site_dir) / FOLDER
        if built.partial:
            # A rebuild: the worker sends only the files that changed since the last one.
            for rel in built.removed:
                (folder / rel).unlink(missing_ok=True)
        else:
            # Only our own files: a folder may hold others' (e.g. Material's search_index.json).
            for stale in ("t", "d"):
                shutil.rmtree(folder / stale, ignore_errors=True)
        for rel, data in built.files.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        size = sum(len(data) for data in built.files.values())
        log.info(
            "站内搜索：%d 页，%d 个词，%d 个文件共 %.1f MB；页面处理 %.1f 秒，最后一步等待 %.1f 秒",
            built.docs,
            built.terms,
            len(built.files),
            size / 1e6,
            self.seconds,
            time.perf_counter() - started,
        )

    def on_build_error(self, *, error: Exception) -> None:
        # In mkdocs serve --dirty the worker stays: a build stopped by a content error
        # added nothing to it, and after any later failure the next build is a full one,
        # which starts a new worker (on_pre_build).
        if not self.serving:
            self._close()

    def on_shutdown(self) -> None:
        self._close()

    def _close(self) -> None:
        self.indexed = set()
        if self.worker is not None:
            self.worker.close()
            self.worker = None
