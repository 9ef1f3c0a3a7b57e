"""Finding personal information that must never reach a public page.

Resident ID numbers (GB 11643, 18 digits with a check character; old 15-digit form) and
mainland mobile numbers. Numbers are matched only where no other digit touches them, so
a long serial number does not look like an ID; an 18-digit run counts as an ID only when
its birth date is real and its check character is right, which keeps false alarms rare.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

_ID18 = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{16}[0-9Xx](?![0-9A-Za-z])")
_ID15 = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{14}(?![0-9A-Za-z])")
# 3-4-4 groups may be written with spaces or hyphens; an optional +86 / 86 prefix.
_MOBILE = re.compile(r"(?<![0-9])(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?![0-9])")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"

NEGATIVE_LIST_WORDS = ("黑榜", "曝光台", "曝光栏", "反面典型", "点名曝光")


@dataclass(frozen=True)
class Finding:
    code: str  # ID_NUMBER | MOBILE_NUMBER | NEGATIVE_LIST
    start: int  # offset in the scanned text
    text: str


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def is_id18(number: str) -> bool:
    """True for an 18-digit resident ID number with a real birth date and check character."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    year, month, day = int(number[6:10]), int(number[10:12]), int(number[12:14])
    if not (1880 <= year <= 2100 and _real_date(year, month, day)):
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS, strict=True))
    return _CHECK[total % 11] == number[17].upper()


def is_id15(number: str) -> bool:
    """True for an old 15-digit ID: area code, then a real YYMMDD birth date (19YY)."""
    if len(number) != 15 or not number.isdigit():
        return False
    return _real_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))


def find_personal_data(text: str) -> Iterator[Finding]:
    """ID numbers and mobile numbers in ``text``, in order of appearance."""
    taken: list[range] = []
    for match in _ID18.finditer(text):
        if is_id18(match.group()):
            taken.append(range(match.start(), match.end()))
            yield Finding("ID_NUMBER", match.start(), match.group())
    for match in _ID15.finditer(text):
        if is_id15(match.group()):
            taken.append(range(match.start(), match.end()))
            yield Finding("ID_NUMBER", match.start(), match.group())
    for match in _MOBILE.finditer(text):
        if not any(match.start() in span for span in taken):
            yield Finding("MOBILE_NUMBER", match.start(), match.group())


def find_negative_lists(text: str) -> Iterator[Finding]:
    for word in NEGATIVE_LIST_WORDS:
        start = text.find(word)
        if start >= 0:
            yield Finding("NEGATIVE_LIST", start, word)


def mask(number: str) -> str:
    """Show enough of a number for the clerk to find it, not enough to leak it."""
    return number[:3] + "*" * max(len(number) - 7, 0) + number[-4:]
