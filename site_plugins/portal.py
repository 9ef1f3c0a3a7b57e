"""Small pure helpers for the public portal's templates (registered as Jinja filters).

``tel_href``: an office phone as written by a clerk ("0539-6151457", "（0539）615 1457
转 8") becomes the number a phone can dial ("05396151457"), so that the station page can
offer it as a ``tel:`` link; text with no dialable number gives "" and stays plain text.
"""

from __future__ import annotations

import re
import unicodedata

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
