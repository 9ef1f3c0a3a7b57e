"""The ``search_index`` plugin: the header search box's index, written after the build.

Each page's main content is read from its final HTML as it is written (``on_post_page``),
and the index files go into ``<site>/search/`` at the end (``on_post_build``). The
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

from site_plugins.search_index import index
from site_plugins.search_index.config import SearchIndexConfig
from site_plugins.search_index.extract import PageText, extract

log = logging.getLogger("mkdocs.plugins.search_index")

# Where search.js looks for the index, relative to the site root.
FOLDER = "search"


class SearchIndexPlugin(BasePlugin[SearchIndexConfig]):  # type: ignore[no-untyped-call]
    """Collects every page's searchable text and writes the static search index."""

    def __init__(self) -> None:
        self.pages: dict[str, PageText] = {}
        self.seconds = 0.0

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.pages = {}
        self.seconds = 0.0

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        url = page.url
        if any(fnmatchcase(url, pattern) for pattern in self.config.exclude):
            return output
        started = time.perf_counter()
        text = extract(url, output, self.config.skip_classes)
        if text is not None and (text.title or text.text):
            self.pages[url] = text
        self.seconds += time.perf_counter() - started
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.chunk < 1 or self.config.shard_size < 1:
            raise PluginError("search_index：chunk 和 shard_size 必须是正整数")
        started = time.perf_counter()
        built = index.build(
            self.pages.values(), shard_bytes=self.config.shard_size, chunk=self.config.chunk
        )
        folder = Path(config.site_dir) / FOLDER
        # Only our own files: a folder may hold others' (e.g. Material's search_index.json).
        for stale in ("t", "d"):
            shutil.rmtree(folder / stale, ignore_errors=True)
        for rel, data in built.files.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        size = sum(len(data) for data in built.files.values())
        log.info(
            "站内搜索：%d 页，%d 个词，%d 个文件共 %.1f MB；读取 %.1f 秒，建索引 %.1f 秒",
            built.docs,
            built.terms,
            len(built.files),
            size / 1e6,
            self.seconds,
            time.perf_counter() - started,
        )
