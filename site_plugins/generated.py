"""Generated pages shared by the page-making plugins (hubs, calendar, bulletins).

Each plugin registers the pages it makes with a template, a title, a column (栏目, for
the government metadata) and a zero-argument view; this registry adds them to MkDocs'
files, sets their meta while Markdown is read, and hands the view's data to the template
under the plugin's own context key. Views run lazily, one page at a time, so no
plugin holds every page's data in memory.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from site_plugins.content import Catalogue


class PreparedPage(Page):
    """A generated page whose body HTML we make ourselves: MkDocs' Markdown pass is skipped.

    For every page it renders, MkDocs builds a new Markdown instance with every configured
    extension (about 0.4 ms), more than the rest of a small generated page costs. Hub
    pages have no body (their template draws everything) and entry bodies go through the
    one shared renderer (``render_markdown``), so neither needs that pass. The object is
    made when the file is added; MkDocs keeps a file's page unless the page is in the nav
    (then the nav makes its own, plain Page — a handful of hub pages).
    """

    def __init__(
        self, file: File, config: MkDocsConfig, body: Callable[[], str] | None = None
    ) -> None:
        super().__init__(None, file, config)
        self._body = body

    def read_source(self, config: MkDocsConfig) -> None:
        # Generated files have no front matter: meta comes from the plugins' hooks.
        self.markdown = ""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self._body() if self._body is not None else ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()


class SharedBlocks:
    """Theme blocks rendered once per link set and reused by the prepared pages sharing it.

    Material renders the navigation, footer and app config into every page. On a
    prepared page outside the nav (every entry and most hub pages) nothing in the nav is
    active, there is no previous/next link and the table of contents is empty, so their
    HTML depends only on the relative links from the page to the site root and to each
    nav page: that is the key (``key``). ``main.html`` asks ``get`` first and renders
    (``put``) only on a miss; a test builds with and without and compares the bytes.
    """

    def __init__(self) -> None:
        self.blocks: dict[tuple[str, str], Markup] = {}

    def clear(self) -> None:
        self.blocks = {}

    def bound(self, key: str) -> BoundBlocks:
        return BoundBlocks(self.blocks, key)

    @staticmethod
    def key(page: Page, nav: Navigation, base_url: str) -> str | None:
        """The links the shared blocks hold, seen from ``page``; None if it cannot share."""
        if not isinstance(page, PreparedPage) or page in nav.pages:
            return None
        links = (get_relative_url(item.url, page.url) for item in nav.pages)
        return "\n".join((base_url, *links))


@dataclass(frozen=True)
class BoundBlocks:
    """The shared blocks of one link set, as main.html sees them (``wm_shared``)."""

    blocks: dict[tuple[str, str], Markup]
    key: str

    def get(self, name: str) -> Markup | None:
        return self.blocks.get((name, self.key))

    def put(self, name: str, html: str) -> Markup:
        block = self.blocks[(name, self.key)] = Markup(html)
        return block


@pass_context
def share_block(context: Context, name: str, caller: Callable[[], str]) -> Markup:
    """``{% call wm_share("footer") %}{{ super() }}{% endcall %}`` in main.html: the block's
    HTML from the page's shared blocks, rendered (``caller``) only the first time."""
    shared = context.get("wm_shared")
    if not isinstance(shared, BoundBlocks):
        return Markup(caller())
    kept = shared.get(name)  # "is None": an empty block is kept too, not redrawn per page
    return kept if kept is not None else shared.put(name, caller())


# Stands for the page title in a shared block that shows it (never in real text).
_TITLE_SLOT = "\x00wm-title\x00"


@pass_context
def share_titled_block(
    context: Context, name: str, title: object, caller: Callable[[], str]
) -> Markup:
    """``share_block`` for a block whose only page-dependent part is the page's title
    (Material's header shows it): kept with the title cut out, the page's title put back.

    Kept only when the title occurs exactly once in the block, so that cutting it out
    cannot touch anything else (a site name that contains the title, say).
    """
    shared = context.get("wm_shared")
    if not isinstance(shared, BoundBlocks):
        return Markup(caller())
    text = str(title or "")
    kept = shared.get(name)
    if kept is not None and text:
        return Markup(str.replace(kept, _TITLE_SLOT, text))
    html = str(caller())
    if text and kept is None and html.count(text) == 1:
        shared.put(name, html.replace(text, _TITLE_SLOT))
    return Markup(html)


def add_prepared(
    files: Files, config: MkDocsConfig, src_uri: str, body: Callable[[], str] | None = None
) -> File:
    """Add a generated page file with its ``PreparedPage``."""
    file = File.generated(config, src_uri, content="")
    files.append(file)
    PreparedPage(file, config, body)
    return file


@dataclass(frozen=True)
class GeneratedPage:
    template: str
    title: str
    column: str
    view: Callable[[], dict[str, object]]


class GeneratedPages:
    """The pages one plugin generates, by source URI."""

    def __init__(self, context_key: str) -> None:
        self.context_key = context_key
        self.pages: dict[str, GeneratedPage] = {}

    def clear(self) -> None:
        self.pages = {}

    def add(self, files: Files, config: MkDocsConfig, src_uri: str, page: GeneratedPage) -> None:
        add_prepared(files, config, src_uri)
        self.pages[src_uri] = page

    def get(self, page: Page) -> GeneratedPage | None:
        return self.pages.get(page.file.src_uri)

    def set_meta(self, page: Page) -> None:
        """Template, title and column of a generated page (on_page_markdown)."""
        found = self.get(page)
        if found is not None:
            page.meta.update(template=found.template, title=found.title, column=found.column)

    def add_context(self, context: TemplateContext, page: Page) -> None:
        """The page's data under this plugin's key (on_page_context)."""
        found = self.get(page)
        if found is not None:
            context[self.context_key] = found.view()  # type: ignore[literal-required]


def practice_catalogue(config: MkDocsConfig, plugin: str) -> Catalogue:
    """The catalogue the ``practice`` plugin loaded, for another plugin named ``plugin``."""
    catalogue = getattr(config.plugins.get("practice"), "catalogue", None)
    if not isinstance(catalogue, Catalogue):
        raise PluginError(
            f"{plugin} 插件需要先启用 practice 插件（在 mkdocs.yml 的 plugins 中列在前面）"
        )
    return catalogue


ConfigT = TypeVar("ConfigT", bound=base.Config)


class _NoOptions(base.Config):  # type: ignore[no-untyped-call]
    """Placeholder config until a subclass names its own (GeneratingPlugin[HubsConfig])."""


# MkDocs' BasePlugin[X] builds a subclass whose config_class is X, so it needs a real
# class here; Generic carries the subclass's own config type for the type checker.
class GeneratingPlugin(BasePlugin[_NoOptions], Generic[ConfigT]):  # type: ignore[no-untyped-call]
    """A plugin that makes pages from the catalogue: the hooks every such plugin shares.

    Subclasses name themselves (for messages) and their templates' context key, add
    pages to ``self.generated`` in ``on_files``, and may extend ``on_config``.
    """

    plugin_name: ClassVar[str]
    context_key: ClassVar[str]
    config: ConfigT  # type: ignore[assignment]  # the subclass's own config, see above

    def __init__(self) -> None:
        self.generated = GeneratedPages(self.context_key)
        self.catalogue: Catalogue | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.catalogue = practice_catalogue(config, self.plugin_name)
        return config

    def on_page_markdown(self, markdown: str, page: Page, **kwargs: Any) -> str:
        self.generated.set_meta(page)
        return markdown

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        self.generated.add_context(context, page)
        return context

    def _catalogue(self) -> Catalogue:
        if self.catalogue is None:
            raise PluginError(f"{self.plugin_name} 插件尚未读取内容目录")
        return self.catalogue
