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
from site_plugins.open_data.plans import plan


class OpenDataConfig(base.Config):  # type: ignore[no-untyped-call]
    """No options: every county publishes the same export."""


class OpenDataPlugin(SitePlugin[OpenDataConfig]):  # type: ignore[no-untyped-call]
    plugin_name = "open_data"

    # With the 通报's own files: its workbooks sit beside its pages.
    @event_priority(priorities.BULLETIN_FILES)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        site = self.build.site
        site.add(files, config, plan(self.catalogue, self.build.site_url, site.made))
        return files
