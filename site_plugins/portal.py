"""Small pure helpers for the public portal's templates (registered as Jinja filters),
and the one stylesheet the portal's own styles are served as.

``tel_href``: an office phone as written by a clerk ("0539-6151457", "（0539）615 1457
转 8") becomes the number a phone can dial ("05396151457"), so that the station page can
offer it as a ``tel:`` link; text with no dialable number gives "" and stays plain text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# Our stylesheets, in cascade order, served to readers joined as one file (SITE_STYLESHEET,
# linked by main.html): every stylesheet in <head> blocks the first paint, and on a phone's
# HTTP/1.1 connection each one more costs a round trip (Lighthouse, station page: six
# render-blocking files 85, three files 97). They stay separate files in theme_overrides/.
# honor-roll.css is only for /honorees/ but 2 KB gzipped: one request fewer there is worth
# more than the bytes elsewhere (it was the page's fourth render-blocking file). menu.css
# likewise (/menu/ pages, and the 四单 panel on every hub): 1.5 KB gzipped.
SITE_STYLESHEETS = (
    "wenming.css",
    "reading-mode.css",
    "search.css",
    "portal.css",
    "honor-roll.css",
    "menu.css",
)
SITE_STYLESHEET = "assets/stylesheets/wm-site.css"


def join_stylesheets(parts: Sequence[tuple[str, str]]) -> str:
    """(name, css) pairs as one stylesheet, in order, each under a comment naming its file.

    Joining keeps the cascade: later rules win exactly as with separate <link>s in this
    order. The files sit in the same folder, so their relative url()s stay valid.
    """
    return "".join(f"/* --- {name} --- */\n{css.rstrip()}\n" for name, css in parts)


# A number as people write it: digits with spaces, hyphens, dots or brackets between,
# an optional leading +; at least 5 digits (short service numbers like 12345 included).
_NUMBER = re.compile(r"\+?\d[\d\s\-.()（）]{3,}\d")


def tel_href(phone: str | None) -> str:
    """The dialable digits of the first number in ``phone`` (with a leading +), or ""."""
    if not phone:
        return ""
    text = unicodedata.normalize("NFKC", phone)
    match = _NUMBER.search(text)
    if match is None:
        return ""
    number = match.group(0)
    digits = re.sub(r"\D", "", number)
    return ("+" if number.startswith("+") else "") + digits
