"""Pinyin keys of names, made at build time so the browser needs no pinyin table.

A name's key is its syllables in order, each with the readings a reader may type:
张桂芳 → ``zhang gui fang``, matched in the browser by full pinyin (zhangguifang), by
initials (zgf) or by any mix of syllable prefixes (zhanggf). Readings come from pypinyin
(toneless, ``heteronym=False``), except a person's surname: pypinyin has no surname mode,
so polyphonic surnames are read from :data:`SURNAME_READINGS` (单 is shan, 曾 is zeng),
keeping pypinyin's everyday reading as a second choice for readers who type that.
Characters outside pypinyin's table (生僻字) get no syllable: they stay searchable as
characters in the card text, and the rest of the name keeps its pinyin.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# Surnames whose reading as a surname differs from pypinyin's everyday (toneless) reading.
# Compound surnames first: they are matched before single characters.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "万俟": ("mo", "qi"),
    "尉迟": ("yu", "chi"),
    "单于": ("chan", "yu"),
    "长孙": ("zhang", "sun"),
    "澹台": ("tan", "tai"),
    "乐正": ("yue", "zheng"),
    "单": ("shan",),
    "曾": ("zeng",),
    "解": ("xie",),
    "仇": ("qiu",),
    "区": ("ou",),
    "查": ("zha",),
    "朴": ("piao",),
    "盖": ("ge",),
    "翟": ("zhai",),
    "覃": ("qin",),
    "繁": ("po",),
    "缪": ("miao",),
    "秘": ("bi",),
    "折": ("she",),
    "乐": ("yue",),
    "种": ("chong",),
    "重": ("chong",),
    "阚": ("kan",),
    "召": ("shao",),
    "句": ("gou",),
    "隗": ("wei",),
    "员": ("yun",),
    "贠": ("yun",),
    "粘": ("nian",),
    "藏": ("zang",),
    "扎": ("za",),
    "都": ("du",),
    "六": ("lu",),
    "薄": ("bo",),
    "乜": ("nie",),
    "卜": ("bu",),
    "佴": ("nai",),
    "长": ("chang",),
    "祭": ("zhai",),
    "能": ("nai",),
    "蕃": ("pi",),
}
_ASCII_WORD = re.compile(r"[0-9a-z]+")
# Han characters, including the supplementary planes where many 生僻字 live.
_HAN = "\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_RUNS = re.compile(f"[{_HAN}]+|[^{_HAN}]+")


Syllable = tuple[str, ...]  # the readings of one syllable, the most likely first


@dataclass(frozen=True)
class PinyinKeys:
    """A name's syllables, and the character (or ASCII word) each was read from."""

    syllables: tuple[Syllable, ...]
    tokens: tuple[str, ...] = ()

    @property
    def full(self) -> str:
        """zhangguifang: the first reading of every syllable, run together."""
        return "".join(s[0] for s in self.syllables)

    @property
    def initials(self) -> str:
        """zgf: the first letter of every syllable."""
        return "".join(s[0][0] for s in self.syllables)

    def compact(self) -> str:
        """The syllables as text: ``shan/dan xiong xin``."""
        return compact(self.syllables)


def compact(syllables: Iterable[Syllable]) -> str:
    return " ".join("/".join(s) for s in syllables)


def _aligned(text: str) -> list[tuple[str, Syllable]]:
    """(token, readings) for each Han character and ASCII word of ``text``, in order.

    Han characters pypinyin does not know (生僻字) get no readings; punctuation and other
    characters are no token at all.
    """
    pairs: list[tuple[str, Syllable]] = []
    for run in _RUNS.findall(text):
        if _is_han(run[0]):
            # Imported on first use, as in site_plugins.chinese.
            from pypinyin import Style, lazy_pinyin

            read = lazy_pinyin(run, style=Style.NORMAL, errors=_no_syllables)
            pairs += [(char, (s,) if s else ()) for char, s in zip(run, read, strict=True)]
        else:
            pairs += [(w, (w,)) for w in _ASCII_WORD.findall(run.lower())]
    return pairs


def _no_syllables(chunk: str) -> Any:
    # One empty item per unknown character keeps the readings aligned with the text.
    # (pypinyin accepts a list here; its type stubs only say str.)
    return [""] * len(chunk)


def _is_han(char: str) -> bool:
    return re.fullmatch(f"[{_HAN}]", char) is not None


def _surname(name: str) -> str | None:
    """The polyphonic surname a person's name starts with, if any (compound ones first).

    A compound surname needs a given name after it: 单于 alone is 单 + 于.
    """
    if len(name) > 2 and name[:2] in SURNAME_READINGS:
        return name[:2]
    if name[:1] in SURNAME_READINGS:
        return name[:1]
    return None


# Remembered: the roll reads every name again whenever one honoree changes (mkdocs serve).
@functools.lru_cache(maxsize=16_384)
def pinyin_keys(name: str, *, is_group: bool = False) -> PinyinKeys:
    """The pinyin keys of a person's or a group's name.

    A person's name starts with a surname, read as a surname; a group's name is read as
    ordinary words (单位志愿服务队 is not the surname 单).
    """
    name = name.strip()
    pairs = _aligned(name)
    surname = None if is_group else _surname(name)
    if surname is not None:
        for position, reading in enumerate(SURNAME_READINGS[surname]):
            char, everyday = pairs[position]
            both = (reading, *(r for r in everyday if r != reading))
            pairs[position] = (char, both)
    kept = [(token, readings) for token, readings in pairs if readings]
    return PinyinKeys(tuple(r for _, r in kept), tuple(t for t, _ in kept))


# --- the compact form: one table for all names, and the exceptions ----------------------


def reading_table(keys: Iterable[PinyinKeys]) -> dict[str, str]:
    """Each Han character's most frequent readings across ``keys``, as ``zeng/ceng``.

    With this table the browser reads the names on the page itself, so the index needs
    no pinyin per name, only for the few names the table reads otherwise (see
    :func:`from_table`).
    """
    seen: dict[str, Counter[Syllable]] = {}
    for key in keys:
        for token, readings in zip(key.tokens, key.syllables, strict=True):
            if _is_han(token[0]):
                seen.setdefault(token, Counter())[readings] += 1
    return {
        char: "/".join(min(counts.items(), key=lambda item: (-item[1], item[0]))[0])
        for char, counts in sorted(seen.items())
    }


def from_table(name: str, table: Mapping[str, str]) -> tuple[Syllable, ...]:
    """The syllables the browser makes of ``name`` with ``table`` (honor-roll.js does
    the same): ASCII words as they are, characters in the table by it, others skipped."""
    syllables: list[Syllable] = []
    word = ""
    for char in name.strip().lower():
        if "0" <= char <= "9" or "a" <= char <= "z":
            word += char
            continue
        if word:
            syllables.append((word,))
            word = ""
        if char in table:
            syllables.append(tuple(table[char].split("/")))
    if word:
        syllables.append((word,))
    return tuple(syllables)
