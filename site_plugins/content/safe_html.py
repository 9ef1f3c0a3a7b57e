"""Untrusted Markdown made safe: rendered HTML is cleaned to an allowlist with nh3.

nh3 binds the Rust crate ammonia, a maintained allowlist sanitiser. Sanitising the
rendered HTML (not the Markdown source) means no Markdown trick can smuggle markup past
it: whatever the renderer produced is checked last.
"""

from __future__ import annotations

import functools
import re

import markdown
import nh3

from site_plugins.content.external import (
    LOADING_ATTRIBUTES,
    SRCSET_ATTRIBUTES,
    loads_from_elsewhere,
    srcset_urls,
)

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div",
    "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"title", "lang", "id"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "details": {"open"},
}
# Classes only from a fixed list: enough for admonitions (!!! note), never one that
# switches on a Material feature (e.g. "mermaid", which would load a script).
_ADMONITIONS = {
    "admonition", "note", "abstract", "info", "tip", "success", "question", "warning",
    "failure", "danger", "bug", "example", "quote",
}  # fmt: skip
ALLOWED_CLASSES = {
    "div": _ADMONITIONS | {"highlight"},
    "details": _ADMONITIONS,
    "p": {"admonition-title"},
    "summary": set(),
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

_UNSAFE_SOURCE = re.compile(
    r"<\s*(script|iframe|object|embed|form|style|link|meta|base|svg|math)\b"
    r"|\son[a-z]+\s*="
    r"|javascript\s*:"
    r"|\sstyle\s*=",
    re.IGNORECASE,
)


def _keep_local(tag: str, attribute: str, value: str) -> str | None:
    """Drop a URL that would be fetched from another host (``<img src=//…>``).

    The loader refuses such content with EXTERNAL_RESOURCE; this is the second line of
    defence, so that nothing loads from elsewhere even if a check were bypassed. Links
    (``<a href>``) are not loads and stay.
    """
    if attribute in LOADING_ATTRIBUTES and loads_from_elsewhere(value):
        return None
    if attribute in SRCSET_ATTRIBUTES and any(map(loads_from_elsewhere, srcset_urls(value))):
        return None
    return value


def clean_html(html: str) -> str:
    """Keep only allowlisted tags, attributes and URL schemes, and only local loads."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_local,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def find_unsafe_markup(source: str) -> re.Match[str] | None:
    """The first piece of raw HTML that will be removed, to warn the clerk where it is."""
    return _UNSAFE_SOURCE.search(source)


_EXTENSIONS = ["tables", "sane_lists", "admonition"]


_RENDERER = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")


def render_markdown(source: str) -> str:
    """Markdown from a YAML field (intro, guidance) or a body, rendered and cleaned.

    One renderer, reset between uses: building a Markdown instance costs more than
    converting a short text, and feeds convert thousands of bodies per build.
    """
    return clean_html(render_unsanitised(source))


def render_unsanitised(source: str) -> str:
    """The renderer's HTML before cleaning: only for checks, never for a page."""
    html: str = _RENDERER.reset().convert(source)
    return html


# Bodies rendered by another process with this same function (site_plugins.practice.bodies),
# by source: the feeds, made later, summarise them without rendering them again.
RENDERED: dict[str, str] = {}


def render_body(source: str) -> str:
    """An entry's body as ``render_markdown`` makes it, rendered once per build.

    The feeds summarise each activity before its page is drawn; both use this, so a
    county's 30,000 bodies are rendered once, not twice.
    """
    found = RENDERED.get(source)
    return found if found is not None else _render_body(source)


@functools.lru_cache(maxsize=65_536)
def _render_body(source: str) -> str:
    return render_markdown(source)
