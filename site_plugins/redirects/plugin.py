"""MkDocs plugin ``redirects``: old URLs of renamed station folders keep working.

Which redirect pages there are is decided by :func:`site_plugins.redirects.pages.plan`
over the site's pages; this class only hands it the files and adds what it plans
(nothing is written into ``content/``).
"""

from __future__ import annotations

import logging

from mkdocs.config import base
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from site_plugins import priorities
from site_plugins.build import SitePlugin
from site_plugins.redirects.pages import plan

log = logging.getLogger("mkdocs.plugins.redirects")


class RedirectsConfig(base.Config):  # type: ignore[no-untyped-call]
    """The ``redirects`` plugin has no options."""


class RedirectsPlugin(SitePlugin[RedirectsConfig]):  # type: ignore[no-untyped-call]
    """Adds a static redirect page at every former URL of every renamed station."""

    plugin_name = "redirects"

    @event_priority(priorities.REDIRECT_FILES)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if not any(s.meta.former_ids for s in self.catalogue.stations):
            return files  # nothing renamed: no need to list 46,000 pages on every build
        pages = [(f.dest_uri, f.url) for f in files.documentation_pages()]
        planned = plan(
            self.catalogue,
            pages,
            lambda path: files.get_file_from_path(path) is not None,
            config.site_url,
        )
        self.build.site.add(files, config, planned)
        if planned:
            log.info(f"旧网址跳转页：{len(planned)} 个")
        return files
