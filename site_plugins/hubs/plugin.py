"""The ``hubs`` plugin: county home, stations index, township and station pages, feeds.

Which pages there are is decided by :func:`site_plugins.hubs.plans.plan`; this class
only hands that plan to the build.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from site_plugins import priorities
from site_plugins.build import SitePlugin
from site_plugins.hubs.config import HubsConfig
from site_plugins.hubs.plans import HubOptions, plan


class HubsPlugin(SitePlugin[HubsConfig]):  # type: ignore[no-untyped-call]
    """Generates the hub pages from the catalogue; only hubs are in the navigation."""

    plugin_name = "hubs"

    @event_priority(priorities.HUB_FILES)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        build = self.build
        options = HubOptions(
            self.config.per_page,
            self.config.feed_limit,
            build.site_url or "/",
            photos=lambda: build.photos,
        )
        self.build.site.add(files, config, plan(self.catalogue, options))
        return files
