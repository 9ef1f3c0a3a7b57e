from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from site_plugins import routes
from site_plugins.search_index.extract import DEFAULT_SKIP_CLASSES

DEFAULT_EXCLUDE = routes.SEARCH_EXCLUDES


class SearchIndexConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options of the ``search_index`` plugin in mkdocs.yml."""

    # Page URLs (as MkDocs writes them, e.g. "stations/a/b/page/2/") left out, fnmatch globs.
    exclude = c.ListOfItems(c.Type(str), default=list(DEFAULT_EXCLUDE))
    # Elements with one of these classes are not indexed (listings of other pages).
    skip_classes = c.ListOfItems(c.Type(str), default=list(DEFAULT_SKIP_CLASSES))
    # Target size of one term file in bytes: the index is split into a power of two of them.
    shard_size = c.Type(int, default=16_384)
    # Result rows (url, title, place, date) per document file.
    chunk = c.Type(int, default=16)
    # Processes that read and index pages beside the rendering: 1 (a second process) or
    # 0 (in the build's own process; same output, slower on a machine with two cores).
    workers = c.Choice((0, 1), default=1)
