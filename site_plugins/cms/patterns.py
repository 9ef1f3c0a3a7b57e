"""The validator's text rules as Decap ``pattern``s, so the form refuses what the PR check does.

Decap checks a field with one JavaScript regular expression (``RegExp(pattern)``, no
flags) and shows one message. Each pattern here is a negative lookahead over the whole
value built from the validator's own expressions, then the length rule:

- resident ID numbers and mobile numbers (:mod:`site_plugins.content.pii`; the form
  refuses every 18- or 15-digit run that stands alone, a little stricter than the
  validator, which also checks the birth date and check character);
- 黑榜, 曝光台 and the other named-negative-list words;
- HTML tags in plain-text fields (the loader's ``TAG_OPENING``);
- not blank: the model strips spaces before its ``min_length=1``;
- at most ``max_length`` characters once the spaces around are stripped.

Python and JavaScript read these expressions alike (``(?<!…)`` lookbehind included);
named groups are rewritten from ``(?P<name>`` to ``(?<name>``.
"""

from __future__ import annotations

import re

from site_plugins.content import pii
from site_plugins.content.loader import TAG_OPENING

Pattern = list[str]  # Decap's [regex, message]

# The validator's own expressions (pii.py), so the two cannot drift apart.
_PERSONAL = (pii._ID18.pattern, pii._ID15.pattern, pii._MOBILE.pattern)
_NEGATIVE = tuple(re.escape(word) for word in pii.NEGATIVE_LIST_WORDS)
_WORDS = "“" + "”“".join(pii.NEGATIVE_LIST_WORDS[:2]) + "”"


def js_regex(python_regex: str) -> str:
    """A Python regular expression as JavaScript reads it (named groups differ)."""
    return python_regex.replace("(?P<", "(?<")


def _forbidden(markup: bool) -> str:
    parts = [*_PERSONAL, *_NEGATIVE, *([TAG_OPENING.pattern] if markup else [])]
    return r"(?![\s\S]*(?:" + "|".join(js_regex(p) for p in parts) + "))"


def _stripped_length(max_length: int | None) -> str:
    """At least one non-space character and at most ``max_length`` between the first and last."""
    if max_length is None:
        return r"\s*\S[\s\S]*$"
    if max_length == 1:
        return r"\s*\S\s*$"
    return r"\s*\S(?:[\s\S]{0," + str(max_length - 2) + r"}\S)?\s*$"


def text_pattern(max_length: int | None = None) -> Pattern:
    """Pattern of a plain-text field (titles, names, places, captions…)."""
    limit = f"须在 {max_length} 字以内，" if max_length else ""
    message = f"{limit}不能只写空格，不能含身份证号、手机号、HTML 标签或{_WORDS}等点名用语"
    return ["^" + _forbidden(markup=True) + _stripped_length(max_length), message]


def body_pattern() -> Pattern:
    """Pattern of the Markdown body: no personal numbers, no named negative lists."""
    message = f"不能含身份证号、手机号或{_WORDS}等点名用语"
    return ["^" + _forbidden(markup=False) + r"[\s\S]*$", message]
