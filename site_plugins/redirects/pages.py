"""Redirect pages for renamed station folders: pure functions over paths and names.

A station whose folder moved (villages merged or renamed) lists its former folder
paths in ``former_ids``. Every page it has today — its hub, listing pages, month
archives, activities and honorees — gets a small static page at the same place under
each former path, pointing at today's page. Plain HTML with a meta refresh, a canonical
link and a visible link: no JavaScript, no theme, and ``noindex`` so search engines
keep only the new address.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from site_plugins import routes
from site_plugins.content.catalogue import Catalogue
from site_plugins.plans import PlannedFile


@dataclass(frozen=True)
class Redirect:
    source: str  # the redirect page's file in the site, e.g. stations/a/old/index.html
    target: str  # today's page URL relative to the site root, e.g. stations/a/new/
    station_name: str


def station_redirects(
    station_key: str, former_ids: Iterable[str], name: str, pages: Iterable[tuple[str, str]]
) -> list[Redirect]:
    """One redirect per (former path, page) of a station.

    ``pages`` are (dest_uri, url) pairs of the station's pages in the built site, such as
    ``("stations/a/new/page/2/index.html", "stations/a/new/page/2/")``.
    """
    redirects = []
    for former in former_ids:
        for dest_uri, url in pages:
            source = routes.former_station_path(former, station_key, dest_uri)
            if source is not None:
                redirects.append(Redirect(source, url, name))
    return sorted(redirects, key=lambda r: r.source)


def plan(
    catalogue: Catalogue,
    pages: Sequence[tuple[str, str]],
    taken: Callable[[str], bool],
    site_url: str | None,
) -> list[PlannedFile]:
    """A redirect page at every former address of every renamed station's pages.

    ``pages`` are (dest_uri, url) of every page of the site; ``taken`` says whether a
    file is already at a path (a real page there wins; the validator reports it).
    """
    planned = []
    for station in catalogue.stations:
        if not station.meta.former_ids:
            continue
        mine = [p for p in pages if p[0].startswith(station.url)]
        for redirect in station_redirects(
            station.key, station.meta.former_ids, station.full_name, mine
        ):
            if not taken(redirect.source):
                planned.append(
                    PlannedFile(
                        redirect.source,
                        redirect_html(redirect, site_url),
                        depends=frozenset({f"station:{station.key}"}),
                    )
                )
    return planned


def relative_url(target: str, source: str) -> str:
    """``target`` (a site URL path) as seen from the page written at ``source``."""
    path = posixpath.relpath(target, posixpath.dirname(source) or ".")
    return path + "/" if target.endswith("/") else path


def redirect_html(redirect: Redirect, site_url: str | None) -> str:
    """The whole redirect page; the same redirect gives the same bytes."""
    href = html.escape(relative_url(redirect.target, redirect.source), quote=True)
    absolute = f"{site_url.rstrip('/')}/{redirect.target}" if site_url else None
    shown = html.escape(absolute or redirect.target)
    name = html.escape(redirect.station_name)
    canonical = (
        f'<link rel="canonical" href="{html.escape(absolute, quote=True)}">\n' if absolute else ""
    )
    return (
        "<!doctype html>\n"
        '<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{name}：网址已更改</title>\n"
        '<meta name="robots" content="noindex">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"{canonical}"
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        "</head>\n<body>\n"
        f"<p>{name}的网址已经更改，本页已迁到新网址：</p>\n"
        f'<p><a href="{href}">{shown}</a></p>\n'
        "</body>\n</html>\n"
    )
