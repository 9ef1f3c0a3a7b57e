from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class CalendarConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options of the ``calendar`` plugin (themes and extra days are content)."""

    # A county month page lists the activities themselves up to this many; above it, it
    # shows the table by township and each township's month page lists its own, so no
    # page grows with the county (700 stations made month pages of 400–590 KB).
    month_list_limit = c.Type(int, default=200)
