"""MkDocs plugin: the /admin/ form editor (placeholder, filled in by #7)."""

from __future__ import annotations

from mkdocs.plugins import BasePlugin


class CmsPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    pass
