from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class HubsConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options of the ``hubs`` plugin in mkdocs.yml."""

    # Activities per page on station pages and month pages.
    per_page = c.Type(int, default=20)
    # Entries in each feed.
    feed_limit = c.Type(int, default=50)
