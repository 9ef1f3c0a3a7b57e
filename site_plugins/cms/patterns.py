"""Decap ``pattern``s and the expression helpers the form's checks are built with.

A Decap field has one JavaScript regular expression (``RegExp(pattern)``, no flags) and
one message, so a plain-text field's pattern says only "not blank, at most N characters"
(the model strips spaces before its ``min_length=1``). The validator's other text rules
(resident ID and mobile numbers in the forms people type, named-negative words, HTML
tags) are checked on saving by wm-cms.js from :mod:`.checks`, which names the one problem
found instead of reciting every rule.

The class of separators people type between digits is here (:data:`JS_SEPARATORS`), with
:func:`js_class` to write it for both languages. Python and JavaScript read these
expressions alike (``(?<!…)`` lookbehind included); named groups are rewritten from
``(?P<name>`` to ``(?<name>``. The form is a little stricter than the validator: it
refuses every 15 or 18 digits that begin with 1–8 (the validator also checks province,
birth date and check character) and it knows only ASCII and full-width digits.
"""

from __future__ import annotations

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


def js_regex(python_regex: str) -> str:
    """A Python regular expression as JavaScript reads it (named groups differ)."""
    return python_regex.replace("(?P<", "(?<")


def _stripped_length(max_length: int | None) -> str:
    """At least one non-space character and at most ``max_length`` between the first and last."""
    if max_length is None:
        return r"\s*\S[\s\S]*$"
    if max_length == 1:
        return r"\s*\S\s*$"
    return r"\s*\S(?:[\s\S]{0," + str(max_length - 2) + r"}\S)?\s*$"


def text_pattern(max_length: int | None = None) -> Pattern:
    """Pattern of a plain-text field: not blank, and at most ``max_length`` characters.

    Only these two rules: a pattern has one message, and a message reciting every rule
    helps no one. Personal numbers, named-negative words and HTML tags are checked on
    saving by wm-cms.js, which names the one problem found (:mod:`.checks`).
    """
    limit = f"，最多 {max_length} 字" if max_length else ""
    return ["^" + _stripped_length(max_length), f"不能只写空格{limit}"]
