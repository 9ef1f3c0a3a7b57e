"""The ``honor_roll`` plugin: the searchable 好人榜 at ``/honorees/``.

One page lists every published honoree as a card (complete without JavaScript, and
printable); one script holds the compact search index. Which they are is decided by
:mod:`.plans`, the data by :mod:`.index` and :mod:`.views`.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from site_plugins import priorities
from site_plugins.build import SitePlugin
from site_plugins.honor_roll.config import HonorRollConfig
from site_plugins.honor_roll.plans import RollOptions, plan


class HonorRollPlugin(SitePlugin[HonorRollConfig]):  # type: ignore[no-untyped-call]
    """Generates the honor roll page and its search index from the catalogue."""

    plugin_name = "honor_roll"

    @event_priority(priorities.HONOR_ROLL_FILES)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        build = self.build
        options = RollOptions(self.config.deeds_chars, photos=lambda: build.photos)
        build.site.add(files, config, plan(self.catalogue, options))
        return files
