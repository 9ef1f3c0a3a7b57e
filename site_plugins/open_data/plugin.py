"""The ``open_data`` plugin: the county's export (``/open-data/``) and each 通报's .xlsx.

Listed after ``bulletins`` in mkdocs.yml. Which files there are is decided by
:mod:`.plans`; what they hold, by :mod:`.tables`.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from site_plugins import priorities
from site_plugins.build import SitePlugin
from site_plugins.open_data.plans import export_makers, plan


class OpenDataConfig(base.Config):  # type: ignore[no-untyped-call]
    """No options: every county publishes the same export."""


class OpenDataPlugin(SitePlugin[OpenDataConfig]):  # type: ignore[no-untyped-call]
    plugin_name = "open_data"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        found = super().on_config(config)
        build = self.build
        if build.incremental and not build.full:
            # An incremental rebuild of mkdocs serve --dirty draws a few pages, too few to
            # hide the export (all 30,000 activities, 3 s at budget scale) behind them,
            # and any edit changes it: it is made from now on, beside the plans, by a
            # process of its own (PlannedSite.start_early); the open-data page, drawn
            # after the entry, hub and 通报 pages, then finds its sizes and checksums ready.
            build.site.start_early(export_makers(self.catalogue, build.site_url), config.site_dir)
        return found

    # With the 通报's own files: its workbooks sit beside its pages.
    @event_priority(priorities.BULLETIN_FILES)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        site = self.build.site
        site.add(files, config, plan(self.catalogue, self.build.site_url, site.made))
        return files
