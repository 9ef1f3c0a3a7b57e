"""MkDocs plugin ``redirects``: old URLs of renamed station folders keep working.

The logic lives in :mod:`site_plugins.redirects.pages`; this class only finds each
renamed station's pages among the site's files and adds the redirect pages as
generated static files (nothing is written into ``content/``).
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from site_plugins.content import Catalogue
from site_plugins.generated import practice_catalogue
from site_plugins.redirects.pages import redirect_html, station_redirects

log = logging.getLogger("mkdocs.plugins.redirects")


class RedirectsPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Adds a static redirect page at every former URL of every renamed station."""

    def __init__(self) -> None:
        self.catalogue: Catalogue | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.catalogue = practice_catalogue(config, "redirects")
        return config

    # Last among the page makers: practice (50), hubs (40), calendar (30) and the rest
    # must have added every station page before their old addresses are mirrored.
    @event_priority(-50)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        catalogue = self.catalogue or practice_catalogue(config, "redirects")
        pages = [(f.dest_uri, f.url) for f in files.documentation_pages()]
        added = 0
        for station in catalogue.stations:
            if not station.meta.former_ids:
                continue
            mine = [p for p in pages if p[0].startswith(f"stations/{station.key}/")]
            for redirect in station_redirects(
                station.key, station.meta.former_ids, station.full_name, mine
            ):
                if files.get_file_from_path(redirect.source) is not None:
                    continue  # a real page is there; the validator reports such folders
                html = redirect_html(redirect, config.site_url)
                files.append(File.generated(config, redirect.source, content=html))
                added += 1
        if added:
            log.info(f"旧网址跳转页：{added} 个")
        return files
