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
        if not build.incremental:
            # The export is made beside the pages, by the second process (offload).
            site.add(files, config, plan(self.catalogue, build.site_url, site.made))
            return files
        # mkdocs serve --dirty: any edit changes the export (30,000 activities at budget
        # scale, 4 s to make afresh), and a rebuild draws too few pages to hide it. It
        # is made here, through the session's memo, which keeps what the edit left as it
        # was (a rebuild after an activity edit: a tenth of the work); the session's
        # first build fills the memo. Made here, so that the memo is the next rebuild's.
        export = export_files(self.catalogue, build.site_url, self.memo)
        made = {f.path: Made.of(f.text or "") for f in export}

        def made_or_planned(path: str) -> Made:
            return made[path] if path in made else site.made(path)

        site.add(files, config, plan(self.catalogue, build.site_url, made_or_planned, export))
        return files
