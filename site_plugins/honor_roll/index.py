"""The honor roll's data: entries, facets and the compact search index, in plain Python.

The page lists every honoree as a server-rendered card (complete without JavaScript);
the browser then searches those cards. So the index carries only what the cards do not
show: facet codes, pinyin keys and a short excerpt of the deeds. The card text itself
(name, category, honours, place, summary) is read from the page, never sent twice.

:func:`matches` and :func:`facet_counts` state the search rules the browser follows
(``honor-roll.js``), so that they can be read and tested here:

* text and query are normalised alike: NFKC, lower case, every run of punctuation or
  space becomes one space (:data:`SEPARATORS`, shipped in the index so the browser uses
  the very same class);
* the query's words must all match; a word matches a substring of the card text or the
  deeds excerpt, or, if it is Latin letters, the name's pinyin (:mod:`.pinyin`);
* a facet filters on any of a record's values (an honoree with a county and a city
  honour is found under both levels); facet counts follow the query and every *other*
  facet's selection.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from site_plugins import chinese
from site_plugins.content.catalogue import CENTRE_KEY, Catalogue, Honoree
from site_plugins.honor_roll.pinyin import PinyinKeys, from_table, pinyin_keys, reading_table

# Punctuation and spaces (ASCII, Latin-1, general and CJK punctuation, full-width forms).
# One pattern for Python and the browser: written so both regex dialects read it alike.
SEPARATORS = (
    r"[\s!-/:-@\[-`{-~\u00a0-\u00bf\u2000-\u206f\u2e00-\u2e7f\u3000-\u303f"
    r"\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+"
)
_SEPARATORS = re.compile(SEPARATORS)
_TAG = re.compile(r"<[^>]*>")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_LATIN = re.compile(r"[a-z]+")

GROUP_MARK = "（集体）"
# Characters of deeds per honoree in the index; see HonorRollConfig.deeds_chars.
DEEDS_CHARS = 40
FACET_KEYS = ("c", "l", "y", "t", "v")  # category, level, year, township, village


def normalise(text: str) -> str:
    """NFKC, lower case, traditional characters as simplified (誌 → 志), punctuation and
    spaces as single spaces, trimmed."""
    return _SEPARATORS.sub(" ", chinese.fold(text)).strip()


def query_words(query: str) -> list[str]:
    return [w for w in normalise(query).split(" ") if w]


def deeds_excerpt(body: str, known: Sequence[str], cut: Sequence[str], limit: int) -> str:
    """The deeds as search text: normalised, without what the card already says, capped.

    Markup and punctuation go; the words in ``cut`` (the honoree's name, their village
    and township) are cut out of every clause, since the card has them; a piece of one
    character, or one that the card text or an earlier piece already contains, is
    dropped; what is left is cut at ``limit`` characters, keeping the story's beginning.
    """
    return _deeds_excerpt(body, tuple(known), tuple(cut), limit)


# The roll is drawn again whenever an honoree changes (``mkdocs serve``): the excerpts
# of the others are remembered (a pure function of its arguments; 3,000 honorees took
# a second of every rebuild at budget scale).
@functools.lru_cache(maxsize=16_384)
def _deeds_excerpt(body: str, known: tuple[str, ...], cut: tuple[str, ...], limit: int) -> str:
    text = _LINK.sub(r"\1", _TAG.sub(" ", html.unescape(body)))
    said = " ".join(normalise(k) for k in known)
    words = sorted({normalise(c) for c in cut if normalise(c)}, key=len, reverse=True)
    splitter = re.compile("|".join(re.escape(w) for w in words)) if words else None
    kept: list[str] = []
    size = 0
    for clause in normalise(text).split(" "):
        for piece in splitter.split(clause) if splitter else [clause]:
            if len(piece) < 2 or piece in said:
                continue
            room = piece[: max(0, limit - size)]
            if not room:
                return " ".join(kept)
            kept.append(room)
            said += " " + room
            size += len(room) + 1
    return " ".join(kept)


@dataclass(frozen=True)
class FacetValue:
    code: str
    label: str


@dataclass(frozen=True)
class Village:
    key: str  # station key, qingshi/zhangzhuang
    name: str  # 张庄村
    township: str  # township slug


@dataclass(frozen=True)
class RollEntry:
    """One honoree as the roll shows and searches it."""

    honoree: Honoree
    name: str  # as written: 张庄村志愿服务队
    is_group: bool  # shown with （集体） after the name
    category: str  # code
    category_label: str
    levels: tuple[str, ...]  # codes of every honour's level, in the county's order
    years: tuple[int, ...]  # years of every honour, newest first
    honours: str  # 2026年第二季度 县级；2025年度 乡镇级
    township: str  # slug
    village: str  # station key
    place: str  # 青石镇张庄村
    summary: str
    pinyin: PinyinKeys
    deeds: str  # normalised excerpt

    @property
    def card_text(self) -> str:
        """What the card shows, in the order it shows it: what the browser searches."""
        shown = self.name + (GROUP_MARK if self.is_group else "")
        return " ".join([shown, self.category_label, self.honours, self.place, self.summary])

    def facet_values(self, key: str) -> tuple[str, ...]:
        values: dict[str, tuple[str, ...]] = {
            "c": (self.category,),
            "l": self.levels,
            "y": tuple(str(y) for y in self.years),
            "t": (self.township,),
            "v": (self.village,),
        }
        return values[key]


@dataclass(frozen=True)
class HonorRoll:
    """Every published honoree, newest honour first, with the facets' values in order."""

    entries: tuple[RollEntry, ...]
    categories: tuple[FacetValue, ...]
    levels: tuple[FacetValue, ...]
    years: tuple[int, ...]
    townships: tuple[FacetValue, ...]
    villages: tuple[Village, ...]


def roll_entry(catalogue: Catalogue, honoree: Honoree, deeds_chars: int) -> RollEntry:
    labels = catalogue.county.labels
    place_parts = roll_place(catalogue, honoree.unit_key)
    level_order = list(labels.honour_levels.labels)
    newest = sorted(honoree.honours, key=lambda h: h.period.sort_key, reverse=True)
    honours = "；".join(f"{h.period.label} {labels.honour_levels.label(h.level)}" for h in newest)
    name = honoree.name
    category_label = labels.honour_categories.label(honoree.category)
    place = catalogue.place(honoree.unit_key)
    summary = honoree.meta.summary
    return RollEntry(
        honoree=honoree,
        name=name,
        is_group=honoree.is_group,
        category=honoree.category,
        category_label=category_label,
        levels=tuple(
            sorted(
                {h.level for h in honoree.honours},
                key=lambda c: level_order.index(c) if c in level_order else len(level_order),
            )
        ),
        years=tuple(sorted({h.period.year for h in honoree.honours}, reverse=True)),
        honours=honours,
        township=place_parts.township,
        village=place_parts.village,
        place=place,
        summary=summary,
        pinyin=pinyin_keys(honoree.name, is_group=honoree.is_group),
        deeds=deeds_excerpt(
            honoree.body,
            known=[name, category_label, honours, place, summary],
            cut=[name, place, *place_parts.names],
            limit=deeds_chars,
        ),
    )


@dataclass(frozen=True)
class RollPlace:
    """Where an honoree is filed on the roll: the township facet's value (``centre`` for
    the county centre's own), the village facet's (the unit key: a 中心's or 所's own
    honorees are a "village" of their own, 县中心 or 实践所, so the roll's script, which
    reads the township from the village, needs no change)."""

    township: str
    village: str
    names: tuple[str, ...]  # the place's parts, cut from deeds excerpts


def roll_place(catalogue: Catalogue, unit_key: str) -> RollPlace:
    if unit_key == CENTRE_KEY:
        return RollPlace(CENTRE_KEY, CENTRE_KEY, ("中心",))
    if "/" not in unit_key:
        return RollPlace(unit_key, unit_key, (catalogue.township(unit_key).name,))
    station = catalogue.station(unit_key)
    return RollPlace(
        station.township, station.key, (catalogue.township(station.township).name, station.name)
    )


def build_roll(catalogue: Catalogue, deeds_chars: int = DEEDS_CHARS) -> HonorRoll:
    """The roll of every honoree in ``catalogue`` (only published ones ever reach it)."""
    entries = tuple(roll_entry(catalogue, h, deeds_chars) for h in catalogue.honorees_newest_first)
    labels = catalogue.county.labels
    used_categories = {e.category for e in entries}
    used_levels = {code for e in entries for code in e.levels}
    used_villages = {e.village for e in entries}
    used_townships = {e.township for e in entries}
    return HonorRoll(
        entries=entries,
        categories=_values(labels.honour_categories.labels, used_categories),
        levels=_values(labels.honour_levels.labels, used_levels),
        years=tuple(sorted({y for e in entries for y in e.years}, reverse=True)),
        townships=tuple([FacetValue(CENTRE_KEY, "县中心")] if CENTRE_KEY in used_townships else [])
        + tuple(
            FacetValue(t.slug, t.name) for t in catalogue.townships if t.slug in used_townships
        ),
        villages=tuple(
            Village(u.key, _village_name(catalogue, u.key), roll_place(catalogue, u.key).township)
            for u in catalogue.units
            if u.key in used_villages
        ),
    )


def _village_name(catalogue: Catalogue, unit_key: str) -> str:
    if unit_key == CENTRE_KEY:
        return "县中心"
    return catalogue.station(unit_key).name if "/" in unit_key else "实践所"


def _values(labels: Mapping[str, str], used: set[str]) -> tuple[FacetValue, ...]:
    """The used codes in the county's order, then any unknown ones (labels fall back to codes)."""
    ordered = [FacetValue(code, label) for code, label in labels.items() if code in used]
    ordered += [FacetValue(code, code) for code in sorted(used - set(labels))]
    return tuple(ordered)


# --- the search rules, as the browser applies them ---------------------------------------


def pinyin_matches(keys: PinyinKeys, word: str) -> bool:
    """True if ``word`` reads consecutive syllables, each by a prefix of one reading.

    zhangguifang, zgf, guifang, zhanggf all read 张桂芳 (zhang gui fang).
    """
    syllables = keys.syllables
    if not word or len(word) > sum(len(max(s, key=len)) for s in syllables):
        return False
    for start in range(len(syllables)):
        positions = {0}
        for syllable in syllables[start:]:
            following: set[int] = set()
            for pos in positions:
                for reading in syllable:
                    length = _common_prefix(reading, word, pos)
                    if pos + length == len(word) and length:
                        return True
                    following.update(pos + k for k in range(1, length + 1))
            positions = following
            if not positions:
                break
    return False


def _common_prefix(reading: str, word: str, pos: int) -> int:
    length = 0
    while (
        length < len(reading) and pos + length < len(word) and reading[length] == word[pos + length]
    ):
        length += 1
    return length


def kinship_matches(entry: RollEntry, word: str) -> bool:
    """郑大姐, 宋大爷, 王奶奶: a person (not a group) whose name starts with that surname."""
    surname = chinese.kinship_surname(word)
    return surname is not None and not entry.is_group and entry.name.startswith(surname)


def matches(entry: RollEntry, query: str) -> bool:
    """Whether the card of ``entry`` is shown for ``query`` (an empty query shows all)."""
    text = normalise(entry.card_text) + " " + entry.deeds
    return all(
        word in text
        or (_LATIN.fullmatch(word) is not None and pinyin_matches(entry.pinyin, word))
        or kinship_matches(entry, word)
        for word in query_words(query)
    )


def _passes(entry: RollEntry, selected: Mapping[str, str], skip: str | None = None) -> bool:
    return all(
        value in entry.facet_values(key) for key, value in selected.items() if key != skip and value
    )


def filter_roll(roll: HonorRoll, selected: Mapping[str, str], query: str = "") -> list[RollEntry]:
    """The entries shown for a query and a selection (facet key → code)."""
    return [e for e in roll.entries if _passes(e, selected) and matches(e, query)]


def facet_counts(
    roll: HonorRoll, selected: Mapping[str, str], query: str = ""
) -> dict[str, dict[str, int]]:
    """For every facet, how many entries each value would show, given the query and the
    other facets' selections (so choosing a value never hides its alternatives)."""
    found = [e for e in roll.entries if matches(e, query)]
    counts: dict[str, dict[str, int]] = {}
    for key in FACET_KEYS:
        tally: dict[str, int] = {}
        for entry in found:
            if _passes(entry, selected, skip=key):
                for value in entry.facet_values(key):
                    tally[value] = tally.get(value, 0) + 1
        counts[key] = tally
    return counts


# --- the compact index ------------------------------------------------------------------


def compact_index(roll: HonorRoll) -> dict[str, Any]:
    """The index as columns, one position per card, in the cards' order.

    Facet values are numbers into the value tables; township comes from the village.
    """
    category = _positions(v.code for v in roll.categories)
    level = _positions(v.code for v in roll.levels)
    year = _positions(str(y) for y in roll.years)
    township = _positions(v.code for v in roll.townships)
    village = _positions(v.key for v in roll.villages)
    entries = roll.entries
    return {
        "sep": SEPARATORS,
        "cat": [[v.code, v.label] for v in roll.categories],
        "lvl": [[v.code, v.label] for v in roll.levels],
        "yr": list(roll.years),
        "twp": [[v.code, v.label] for v in roll.townships],
        "vil": [[v.key, v.name, township[v.township]] for v in roll.villages],
        "c": [category[e.category] for e in entries],
        "l": [[level[code] for code in e.levels] for e in entries],
        "y": [[year[str(y)] for y in e.years] for e in entries],
        "v": [village[e.village] for e in entries],
        **_pinyin_columns(entries),
        "d": [e.deeds for e in entries],
        **_chinese_columns(entries),
    }


def _chinese_columns(entries: Sequence[RollEntry]) -> dict[str, Any]:
    """Folding pairs whose simplified character the cards use (``tf``), and what a query
    like 郑大姐 needs: kinship terms, compound surnames, words that are no surname, and
    the positions of groups (``grp``), which have no surname."""
    used = {c for e in entries for c in normalise(e.card_text) + e.deeds}
    table = chinese.fold_table()
    return {
        "tf": "".join(t + s for t, s in sorted(table.items()) if s in used),
        "kin": list(chinese.KINSHIP),
        "cs": sorted(chinese.COMPOUND_SURNAMES),
        "ns": "".join(sorted(chinese.NOT_SURNAMES)),
        "grp": [position for position, e in enumerate(entries) if e.is_group],
    }


def _positions(codes: Iterable[str]) -> dict[str, int]:
    return {code: position for position, code in enumerate(codes)}


def _pinyin_columns(entries: Sequence[RollEntry]) -> dict[str, Any]:
    """Pinyin without a copy per name: a character table (``pt``) with which the browser
    reads each card's name, and the syllables of the few names it would read otherwise
    (``px``: card position → syllables; polyphonic surnames, words read in context)."""
    table = reading_table(e.pinyin for e in entries)
    exceptions = {
        str(position): entry.pinyin.compact()
        for position, entry in enumerate(entries)
        if from_table(entry.name, table) != entry.pinyin.syllables
    }
    return {"pt": table, "px": exceptions}


def index_script(roll: HonorRoll, global_name: str = "wmHonorRoll") -> str:
    """The index as a script that sets one global: loadable by ``<script src>`` from disk
    (file://), where ``fetch`` of a JSON file is refused."""
    text = json.dumps(compact_index(roll), ensure_ascii=False, separators=(",", ":"))
    # JSON allows U+2028/U+2029 in strings; JavaScript before ES2019 does not.
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.{global_name}={text};\n"
