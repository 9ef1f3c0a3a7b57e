"""The ``honor_roll`` plugin: the searchable 好人榜 at ``/honorees/``.

One generated page lists every published honoree as a card (complete without
JavaScript, and printable); one generated script holds the compact search index, named
by its content hash so a cached copy never pairs with a newer page. Honoree pages get a
link back to the roll with their village chosen. The data comes from :mod:`.index` and
:mod:`.views`; this class only connects them to MkDocs events.
"""

from __future__ import annotations

import hashlib
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from site_plugins.content import Catalogue
from site_plugins.content.catalogue import Honoree
from site_plugins.generated import practice_catalogue
from site_plugins.honor_roll import index, views
from site_plugins.honor_roll.config import HonorRollConfig

ROLL_PAGE = "honorees/index.md"


class HonorRollPlugin(BasePlugin[HonorRollConfig]):  # type: ignore[no-untyped-call]
    """Generates the honor roll page and its search index from the catalogue."""

    def __init__(self) -> None:
        self.catalogue: Catalogue | None = None
        self.roll: index.HonorRoll | None = None
        self.index_path = ""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.catalogue = practice_catalogue(config, "honor_roll")
        return config

    # After practice (50) has made the photo renditions the cards show.
    @event_priority(20)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        roll = index.build_roll(self._catalogue(), self.config.deeds_chars)
        script = index.index_script(roll)
        digest = hashlib.sha256(script.encode("utf-8")).hexdigest()[:10]
        self.roll = roll
        self.index_path = f"{views.ROLL_URL}roll.{digest}.js"
        files.append(File.generated(config, ROLL_PAGE, content=""))
        files.append(File.generated(config, self.index_path, content=script))
        return files

    def on_page_markdown(self, markdown: str, page: Page, **kwargs: Any) -> str:
        if page.file.src_uri == ROLL_PAGE:
            page.meta.update(template="honor-roll.html", title="好人榜", column="好人榜")
        return markdown

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if page.file.src_uri == ROLL_PAGE and self.roll is not None:
            photos = getattr(config.plugins.get("practice"), "photos", {})
            context["roll"] = views.roll_view(self.roll, photos, self.index_path)  # type: ignore[typeddict-unknown-key]
            return context
        entries = getattr(config.plugins.get("practice"), "entries", {})
        record = entries.get(page.file.src_uri)
        if isinstance(record, Honoree):
            context["roll_link"] = views.roll_link(self._catalogue(), record)  # type: ignore[typeddict-unknown-key]
        return context

    def _catalogue(self) -> Catalogue:
        if self.catalogue is None:
            raise PluginError("honor_roll 插件尚未读取内容目录")
        return self.catalogue
