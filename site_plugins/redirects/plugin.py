"""MkDocs plugin: redirect pages for renamed station folders (placeholder, filled in by #7)."""

from __future__ import annotations

from mkdocs.plugins import BasePlugin


class RedirectsPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    pass
