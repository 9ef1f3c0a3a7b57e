from __future__ import annotations

from mkdocs.config import base


class CalendarConfig(base.Config):  # type: ignore[no-untyped-call]
    """The ``calendar`` plugin has no options yet: themes and extra days are content."""
