"""Theme blocks rendered once per link set and shared by the pages that have that set.

Material renders the navigation, footer, app config and more into every page; on the
many generated pages outside the nav they are the same for every page with the same
links to the root and to the nav pages. ``main.html`` calls ``wm_share`` around them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from site_plugins.generated import PreparedPage


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
