"""What the plugins of one build share, typed: the catalogue, the planned site, the photos.

The ``practice`` plugin loads the content and owns the build's ``BuildContext``; every
other plugin asks for it with :func:`build_context` (a clear error if ``practice`` is
missing or listed after it) instead of reading another plugin's attributes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar, Generic, TypeVar

from mkdocs.config import base
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from site_plugins.content import Catalogue
from site_plugins.generated import PlannedSite
from site_plugins.media.renditions import PhotoSet


@dataclass
class BuildContext:
    """One build's shared state. ``photos`` is filled by practice's on_files."""

    catalogue: Catalogue
    site_url: str  # as in mkdocs.yml; "" when none is set
    site: PlannedSite = field(default_factory=PlannedSite)
    photos: Mapping[str, PhotoSet] = field(default_factory=dict)
    # mkdocs serve --dirty (site_plugins.incremental): builds follow one another; ``full``
    # when this one draws every page (the first, or county.yml changed); ``kept``: the URLs
    # of the pages left from the last build, neither rendered nor post-processed this time.
    incremental: bool = False
    full: bool = True
    kept: frozenset[str] = frozenset()


class BuildOwner:
    """The plugin that makes the build context (``practice``)."""

    build: BuildContext | None = None


def build_context(config: MkDocsConfig, plugin: str) -> BuildContext:
    """The build's context, for the plugin named ``plugin`` (named in the error)."""
    owner = config.plugins.get("practice")
    if not isinstance(owner, BuildOwner) or owner.build is None:
        raise PluginError(
            f"{plugin} 插件需要先启用 practice 插件（在 mkdocs.yml 的 plugins 中列在前面）"
        )
    return owner.build


ConfigT = TypeVar("ConfigT", bound=base.Config)


class _NoOptions(base.Config):  # type: ignore[no-untyped-call]
    """Placeholder config until a subclass names its own (SitePlugin[HubsConfig])."""


# MkDocs' BasePlugin[X] builds a subclass whose config_class is X, so it needs a real
# class here; Generic carries the subclass's own config type for the type checker.
class SitePlugin(BasePlugin[_NoOptions], Generic[ConfigT]):  # type: ignore[no-untyped-call]
    """A plugin that reads the build context: every plugin but ``practice``."""

    plugin_name: ClassVar[str]
    config: ConfigT  # type: ignore[assignment]  # the subclass's own config, see above

    def __init__(self) -> None:
        self._build: BuildContext | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._build = build_context(config, self.plugin_name)
        return config

    @property
    def build(self) -> BuildContext:
        if self._build is None:
            raise PluginError(f"{self.plugin_name} 插件尚未读取内容目录")
        return self._build

    @property
    def catalogue(self) -> Catalogue:
        return self.build.catalogue
