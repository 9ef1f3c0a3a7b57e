"""The validator's text rules as Decap ``pattern``s, so the form refuses what the PR check does.

Decap checks a field with one JavaScript regular expression (``RegExp(pattern)``, no
flags) and shows one message. Each pattern here is a negative lookahead over the whole
value built from the validator's own expressions, then the length rule:

- resident ID numbers and mobile numbers in the forms people type (full-width digits,
  spaces, dots, dashes or middle dots in any grouping, a 86/0086 prefix), from
  :func:`site_plugins.content.pii.number_shapes`. The form is a little stricter than the
  validator: it refuses every 15 or 18 digits that begin with 1–8 (the validator also
  checks province, birth date and check character) and it does not let amounts or codes
  glued to letters through; it knows only ASCII and full-width digits;
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

# The separators people really type, beside JavaScript's \s (every space, the line break,
# U+3000, the BOM): dots, dashes, en and em dashes, middle dots, their full-width forms and
# the zero-width characters. The validator knows a few more; this class is repeated six
# times in every text field of every station's configuration, so it stays short.
JS_SEPARATORS = "-.\u00b7\u2013\u2014\u200b\u200c\u200d\u30fb\uff0d\uff0e"


def js_class(chars: str, prefix: str = "") -> str:
    """A character class with ranges and \\u escapes, readable by Python and JavaScript."""
    codes = sorted({ord(c) for c in chars})
    parts: list[str] = []
    index = 0
    while index < len(codes):
        end = index
        while end + 1 < len(codes) and codes[end + 1] == codes[end] + 1:
            end += 1
        first, last = _js_char(codes[index]), _js_char(codes[end])
        parts.append(
            first if end == index else f"{first}-{last}" if end > index + 1 else first + last
        )
        index = end + 1
    return "[" + prefix + "".join(parts) + "]"


def _js_char(code: int) -> str:
    char = chr(code)
    if char in "\\]^-[":
        return "\\" + char
    return char if 32 < code < 127 else f"\\u{code:04x}"


# The validator's own number shapes (pii.py), so the two cannot drift apart.
_SHAPES = pii.number_shapes(
    js_class("0123456789\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19"),
    js_class(JS_SEPARATORS, prefix="\\s"),
    js_class("Xx\uff38\uff58\u00d7"),
)
_PERSONAL = (_SHAPES["ID_NUMBER"], _SHAPES["MOBILE_NUMBER"])
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
