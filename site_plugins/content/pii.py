"""Finding personal information that must never reach a public page.

Resident ID numbers (GB 11643: 18 digits with a check character, and the old 15-digit
form) and mainland mobile numbers, in the forms people really type: full-width digits
(``１３８…``), groups split by spaces, dots, dashes or middle dots in any grouping
(``186.2290.7315``, ``1381 234 5678``, ``370302 19640817 2316``), a ``+86``/``0086``/``86``
prefix, even invisible characters between the digits.

How it stays fast and exact:

1. One pass over the original text finds *chains*: runs of at least 11 digits (any
   Unicode decimal digit) joined by short separator runs. Ordinary prose has none, so
   almost all of a county's text is dismissed by that single regular expression.
2. Each chain is folded to ASCII one code point for one code point (NFKC for full-width
   forms, the decimal value for other scripts' digits, one canonical character for
   every separator), so offsets in the folded chain are offsets in the source: the
   located error points at the original line and column with no mapping table.
3. Inside a chain a number is made of whole digit groups (never the middle of a longer
   run), and is then checked: an ID needs a real province code and birth date (and the
   18-digit form its check character); context rules let amounts (``¥…``, ``…元``) and
   codes glued to letters (``SF1234567890123``) through.

Circled and superscript digits (①, ²) are not digits here although NFKC folds them:
they are list and footnote marks, and folding them would hide a number written right
after one.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

# --- the characters people put between digits, and how each one folds ----------------

# Spaces (including full-width U+3000 and no-break), invisible characters (zero-width
# space and joiners, word joiner, BOM, soft hyphen, variation selectors, the keycap mark)
# that make "138<ZWSP>1234…" show as one number, dashes of every width, dots and middle dots.
_SPACES = "\t \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\ufe0e\ufe0f\u20e3"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DOTS = ".\u00b7\u2022\u2027\u2219\u22c5\u30fb\uff0e\uff65"
_X = "Xx\uff38\uff58\u00d7"  # the ID's check character X, also typed as × by some IMEs

SEPARATOR_CHARS = _SPACES + _INVISIBLE + _DASHES + _DOTS


def _escape_class(chars: str) -> str:
    return "".join("\\" + c if c in "\\]^-[" else c for c in chars)


class _Fold(dict[int, str]):
    """``str.translate`` table, filled on first use: one code point always gives one."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char.isdecimal():  # ０-９ and every script's digits; not ① or ²
            folded = str(unicodedata.decimal(char))
        elif char in _SPACES or char in _INVISIBLE:
            folded = " "
        elif char in _DASHES:
            folded = "-"
        elif char in _DOTS:
            folded = "."
        elif char in _X:
            folded = "X"
        else:
            folded = unicodedata.normalize("NFKC", char)
            folded = folded if len(folded) == 1 else char
        self[code] = folded
        return folded


_FOLD = _Fold()


def fold(text: str) -> str:
    """``text`` with digits, letters, signs and separators in ASCII, same length."""
    return text.translate(_FOLD)


# --- the patterns ---------------------------------------------------------------------


def separator_run(sep: str) -> str:
    """1–3 separators, or one line break among at most two on each side.

    One line break is allowed because Markdown shows a single line break as a space, so
    a number broken over two lines still reaches the page whole; a blank line does not.
    """
    return rf"(?:{sep}{{1,3}}|{sep}{{0,2}}\n{sep}{{0,2}})"


def number_patterns(digit: str, sep: str, check: str) -> dict[str, str]:
    """ID-18, ID-15 and mobile expressions over one alphabet.

    The validator uses them over folded ASCII; the form editor (JavaScript) over the raw
    value with wider classes. A number starts and ends where no digit touches it, with
    any separators between its digits: so it is made of whole digit groups.
    """
    s = separator_run(sep) + "?"
    region = "(?:" + "|".join(f"{r[0]}{s}{r[1]}" for r in PROVINCE_CODES) + ")"
    month = rf"(?:0{s}[1-9]|1{s}[0-2])"
    day = rf"(?:0{s}[1-9]|[12]{s}{digit}|3{s}[01])"
    date = rf"{month}{s}{day}"
    start, end = rf"(?<!{digit})", rf"(?!{digit}|{check})"
    return {
        # region (2) + county (4) + born YYYY MMDD + sequence (3) + check character
        "ID_NUMBER_18": rf"{start}{region}(?:{s}{digit}){{4}}{s}(?:1{s}[89]|2{s}0)"
        rf"(?:{s}{digit}){{2}}{s}{date}(?:{s}{digit}){{3}}{s}(?:{digit}|{check}){end}",
        # region (2) + county (4) + born YYMMDD + sequence (3)
        "ID_NUMBER_15": rf"{start}{region}(?:{s}{digit}){{6}}{s}{date}(?:{s}{digit}){{3}}{end}",
        "MOBILE_NUMBER": rf"{start}(?:(?:00)?86{s})?1{s}[3-9](?:{s}{digit}){{9}}(?!{digit})",
    }


def number_shapes(digit: str, sep: str, check: str) -> dict[str, str]:
    """Looser shapes of the same numbers, for a form editor's one short expression.

    A Decap field has one regular expression, repeated in every field of every station's
    configuration, so it cannot afford the province and date alternatives: an ID is any
    15 or 18 digits that begin with 1–8. ``sep`` is one separator class; up to three of
    them may stand between two digits.
    """
    s = f"{sep}{{0,3}}"
    d = f"(?:{s}{digit})"
    return {
        "ID_NUMBER": rf"(?<!{digit})[1-8\uff11-\uff18]{d}{{14}}(?:{d}{{2}}{s}(?:{digit}|{check}))?"
        rf"(?!{digit}|{check})",
        # The prefix as written: 86, 0086, or their full-width forms.
        "MOBILE_NUMBER": rf"(?<!{digit})(?:(?:[0\uff10]{{2}})?[8\uff18][6\uff16]{s})?"
        rf"[1\uff11]{s}[3-9\uff13-\uff19]{d}{{9}}(?!{digit})",
    }


# First two digits of a resident ID: the province-level division (GB/T 2260).
PROVINCE_CODES = tuple(
    f"{code:02d}"
    for code in (
        *range(11, 16),
        *range(21, 24),
        *range(31, 38),
        *range(41, 47),
        *range(50, 55),
        *range(61, 66),
        71,
        81,
        82,
        83,
    )
)
_PROVINCES = frozenset(PROVINCE_CODES)

_SEP = r"[ .\-]"
_PATTERNS = {
    code: re.compile(pattern) for code, pattern in number_patterns("[0-9]", _SEP, "X").items()
}
# Chains in the original text: at least 11 digits (the shortest number we look for).
_SRC_SEP = "[" + _escape_class(SEPARATOR_CHARS) + "]"
_CHAIN = re.compile(
    rf"\d(?:{separator_run(_SRC_SEP)}?\d){{10,}}(?:{separator_run(_SRC_SEP)}?[{_X}])?"
)
# A superset of chains that one character class finds about ten times faster than the
# chain expression can reject a date: runs of 11 or more digits and separators.
_RUN = re.compile(r"\d[\d\n" + _escape_class(SEPARATOR_CHARS + _X) + "]{10,}")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
# Letters glued to the digits make a code (SF1234567890123, JD…), except these labels.
_LABELS = frozenset(
    {"tel", "phone", "mobile", "mob", "cell", "call", "qq", "id", "sfz"}  # sfz: 身份证
    | {"wx", "vx", "v", "wechat", "weixin"}  # a WeChat ID that is the mobile number
)
_LETTERS_BEFORE = re.compile(r"[A-Za-z]+$")
_MONEY_BEFORE = re.compile(r"(?:[¥$]|rmb|cny)\s*$", re.IGNORECASE)
_MONEY_AFTER = re.compile(r"(?:\.[0-9]+)?\s*[元圆块万亿]")
_CONTEXT = 8  # characters of context read on each side of a chain

NEGATIVE_LIST_WORDS = ("黑榜", "曝光台", "曝光栏", "反面典型", "点名曝光")


@dataclass(frozen=True)
class Finding:
    code: str  # ID_NUMBER | MOBILE_NUMBER | NEGATIVE_LIST
    start: int  # offset in the scanned text
    text: str  # the characters as written (full-width, separators and all)
    number: str = ""  # digits only: 11-digit mobile without prefix, or the ID


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def is_id18(number: str) -> bool:
    """True for an 18-digit ID: province code, real birth date, right check character."""
    if len(number) != 18 or not number[:17].isdigit() or number[:2] not in _PROVINCES:
        return False
    year, month, day = int(number[6:10]), int(number[10:12]), int(number[12:14])
    if not (1880 <= year <= 2100 and _real_date(year, month, day)):
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS, strict=True))
    return _CHECK[total % 11] == number[17].upper()


def is_id15(number: str) -> bool:
    """True for an old 15-digit ID: province code, then a real YYMMDD birth date (19YY)."""
    if len(number) != 15 or not number.isdigit() or number[:2] not in _PROVINCES:
        return False
    return _real_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))


def is_mobile(number: str) -> bool:
    return len(number) == 11 and number.isdigit() and number[0] == "1" and number[1] in "3456789"


_SHORTEST = {"ID_NUMBER_18": 17, "ID_NUMBER_15": 15, "MOBILE_NUMBER": 11}  # digits, not X
_REPORTED = {
    "ID_NUMBER_18": "ID_NUMBER",
    "ID_NUMBER_15": "ID_NUMBER",
    "MOBILE_NUMBER": "MOBILE_NUMBER",
}
_VALID = {"ID_NUMBER_18": is_id18, "ID_NUMBER_15": is_id15, "MOBILE_NUMBER": is_mobile}


def _digits(code: str, folded: str) -> str:
    digits = "".join(c for c in folded if c.isdigit() or c == "X")
    return digits[-11:] if code == "MOBILE_NUMBER" else digits


def _in_context(folded: str, start: int, end: int, before: str, after: str) -> bool:
    """False when the digits are a code glued to letters or an amount of money."""
    if start == 0:
        letters = _LETTERS_BEFORE.search(before)
        if letters and letters.group().lower() not in _LABELS:
            return False
        if _MONEY_BEFORE.search(before):
            return False
    if end == len(folded) and after[:1].isascii() and after[:1].isalpha():
        return False
    return not _MONEY_AFTER.match(folded[end:] + after)


class _Spans:
    """Non-overlapping spans, sorted, so a long chain of numbers costs n log n, not n²."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self.starts, start)
        if index and self.ends[index - 1] > start:
            return False
        return index == len(self.starts) or self.starts[index] >= end

    def add(self, start: int, end: int) -> None:
        index = bisect.bisect_right(self.starts, start)
        self.starts.insert(index, start)
        self.ends.insert(index, end)


def _numbers_in_chain(folded: str, before: str, after: str) -> Iterator[tuple[str, int, int, str]]:
    """(code, start, end, number) of every valid number in one folded chain."""
    taken = _Spans()
    digits = sum(c.isdigit() for c in folded)
    for code, pattern in _PATTERNS.items():  # IDs first: a mobile inside one is not reported
        if digits < _SHORTEST[code]:
            continue
        pos = 0
        while match := pattern.search(folded, pos):
            start, end = match.span()
            number = _digits(code, match.group())
            free = taken.free(start, end)
            if free and _VALID[code](number) and _in_context(folded, start, end, before, after):
                taken.add(start, end)
                yield _REPORTED[code], start, end, number
                pos = end
            else:
                pos = start + 1


def find_personal_data(text: str) -> Iterator[Finding]:
    """ID numbers and mobile numbers in ``text``, in order of appearance."""
    found: list[Finding] = []
    chains = (
        (run.start() + chain.start(), run.start() + chain.end())
        for run in _RUN.finditer(text)
        for chain in _CHAIN.finditer(run.group())
    )
    for first, last in chains:
        before = fold(text[max(first - _CONTEXT, 0) : first])
        after = fold(text[last : last + _CONTEXT])
        folded = fold(text[first:last])
        for code, start, end, number in _numbers_in_chain(folded, before, after):
            found.append(Finding(code, first + start, text[first + start : first + end], number))
    yield from sorted(found, key=lambda finding: finding.start)


def find_negative_lists(text: str) -> Iterator[Finding]:
    for word in NEGATIVE_LIST_WORDS:
        start = text.find(word)
        if start >= 0:
            yield Finding("NEGATIVE_LIST", start, word)


def mask(number: str) -> str:
    """Show enough of a number for the clerk to find it, not enough to leak it.

    ``number`` is a finding's ``number`` (digits only); any separators are dropped first
    so that a number as written is masked the same way.
    """
    digits = "".join(c for c in fold(number) if c.isdigit() or c == "X")
    return digits[:3] + "*" * max(len(digits) - 7, 4) + digits[-4:]


def mask_numbers(text: str) -> str:
    """``text`` with every ID and mobile number in it masked."""
    found = list(find_personal_data(text))
    for finding in reversed(found):
        end = finding.start + len(finding.text)
        text = text[: finding.start] + mask(finding.number) + text[end:]
    return text
