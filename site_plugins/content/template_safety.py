"""Page values made safe for templates that print them without escaping.

MkDocs' Jinja environment does not autoescape, and Material prints page values raw:
``base.html`` writes ``page.meta.description`` and ``page.meta.author`` into ``<meta>``
attributes and ``page.meta.title`` or ``page.title`` into ``<title>``;
``partials/header.html``, ``content.html`` and the nav print the title as HTML. A honoree
``summary`` of ``x" http-equiv="refresh" content="1;url=https://…`` would become a
redirecting ``<meta>``. Rather than override each of Material's templates, every string
in a page's meta and its title is replaced by ``markupsafe.escape(value)``: a ``Markup``,
already escaped HTML when printed raw, which ``| e`` in our own templates leaves as it is,
so nothing is escaped twice. ``striptags`` (Material's ``<title>``) would turn a Markup
back into raw text, so the filter is replaced by one that escapes what it returns.

Call :func:`escape_page` once per page after every plugin has set its meta and before
any template is drawn (``on_page_content``: MkDocs reads every page before it renders
the first template, so the nav's titles of other pages are safe too). Code that reads
``page.meta`` or ``page.title`` after that gets escaped HTML: print it, do not escape it
again, and take record values (not page meta) for JSON, feeds and files.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import unescape
from typing import Any

from markupsafe import Markup, escape
from mkdocs.structure.pages import Page

# Meta keys MkDocs looks things up by, never printed.
NOT_PRINTED = frozenset({"template"})


def escape_value(value: Any) -> Any:
    """``value`` with every string in it (inside lists and mappings too) escaped."""
    if isinstance(value, str):
        return escape(value)  # a Markup is returned as it is
    if isinstance(value, list):
        return [escape_value(item) for item in value]
    if isinstance(value, tuple):
        return tuple(escape_value(item) for item in value)
    if isinstance(value, dict):
        return {key: escape_value(item) for key, item in value.items()}
    return value


def escape_meta(meta: Mapping[str, Any]) -> dict[str, Any]:
    """A page's meta with every printed string escaped."""
    return {
        key: value if key in NOT_PRINTED else escape_value(value) for key, value in meta.items()
    }


def safe_title(title: str | None) -> Markup | None:
    """A page title as escaped HTML.

    A Markup (from escaped meta) is kept. Any other title is HTML text already: MkDocs
    takes it from the page's first heading with tags stripped but entities kept, and
    Material prints it raw; so it is unescaped, then escaped, which shows the same
    characters and leaves no tag.
    """
    if title is None or isinstance(title, Markup):
        return title
    return escape(unescape(title))


def escape_page(page: Page) -> None:
    """Escape ``page``'s meta and title in place (see the module's docstring)."""
    page.meta.update(escape_meta(page.meta))
    title = safe_title(page.title)
    if title is not None:
        page.title = title


def safe_striptags(value: object) -> Markup:
    """Jinja's ``striptags``, escaped: tags removed, the text left as escaped HTML.

    The built-in unescapes what remains, so ``&lt;/title&gt;`` in a title would be
    printed as a real ``</title>`` in an environment that does not autoescape.
    """
    return escape(Markup(str(value)).striptags())
