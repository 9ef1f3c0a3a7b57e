"""The ``open_data`` plugin: the county's export (``/open-data/``) and each 通报's .xlsx.

Listed after ``bulletins`` in mkdocs.yml. Which files there are is decided by
:mod:`.plans`; what they hold, by :mod:`.tables`.
"""

from __future__ import annotations

from functools import partial

from mkdocs.config import base
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from site_plugins import priorities
from site_plugins.build import SitePlugin
from site_plugins.content.catalogue import Catalogue
from site_plugins.idle import IDLE
from site_plugins.offload import Made
from site_plugins.open_data.memo import ExportMemo
from site_plugins.open_data.plans import export_files, plan


class OpenDataConfig(base.Config):  # type: ignore[no-untyped-call]
    """No options: every county publishes the same export."""


class OpenDataPlugin(SitePlugin[OpenDataConfig]):  # type: ignore[no-untyped-call]
    plugin_name = "open_data"

    def __init__(self) -> None:
        super().__init__()
        self.memo = ExportMemo()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Having this hook keeps the plugin, and so its memo, for the whole mkdocs serve.
        pass

    # With the 通报's own files: its workbooks sit beside its pages.
    @event_priority(priorities.BULLETIN_FILES)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        build = self.build
        site = build.site
        if not build.incremental or build.full:
            # The export is made beside the pages, by the second process (offload).
            site.add(files, config, plan(self.catalogue, build.site_url, site.made))
            return files
        # mkdocs serve --dirty: any edit changes the export (30,000 activities at budget
        # scale, 4 s to make afresh), and a rebuild draws too few pages to hide it. It
        # is made here, through the session's memo, which keeps what the edit left as it
        # was (a rebuild after an activity edit: a tenth of the work); the memo is
        # filled once a full build of the session is served (on_post_build). Made here,
        # so that the memo is the next rebuild's.
        export = export_files(self.catalogue, build.site_url, self.memo)
        made = {f.path: Made.of(f.text or "") for f in export}

        def made_or_planned(path: str) -> Made:
            return made[path] if path in made else site.made(path)

        site.add(files, config, plan(self.catalogue, build.site_url, made_or_planned, export))
        return files

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        build = self.build
        if build.incremental and build.full:
            # A full build of mkdocs serve made the export in its second process, as a
            # plain build does: the memo the rebuilds need is filled while the site is
            # served (site_plugins.idle), not before.
            IDLE.later(partial(self._fill, build.catalogue, build.site_url), "export memo")

    def _fill(self, catalogue: Catalogue, site_url: str) -> None:
        try:
            export_files(catalogue, site_url, self.memo)
        except Exception:
            self.memo = ExportMemo()  # a rebuild then makes the export afresh (and fails)
            raise
