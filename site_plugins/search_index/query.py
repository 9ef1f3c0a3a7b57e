"""The query side of the site search, in Python: what search.js does, step for step.

A query is folded (traditional to simplified, with the pairs in ``meta.json``) and split
into runs of word characters; a page must match every run. A run matches by any of its
*alternatives*, each a list of terms a page must all hold:

- the run's characters and pairs, as written (``index.query_terms``);
- a run of Latin letters read as pinyin (:func:`parse_pinyin`): ``zhangguifang`` as
  ``'zhang gui`` + ``'gui fang``, ``zgf`` as ``^zg`` + ``^gf``, ``zhanggf`` as
  ``^zg`` + ``^gf`` + ``'zhang``; the letters as written are looked up too only when
  they cannot be pinyin (``ktv``) or are three initials or fewer (``zgf``), which saves
  the reader a term file per letter pair;
- surname + kinship term (郑大姐): ``@郑``, a page about a person surnamed 郑; a whole
  name + kinship term (郭志强同志): the name.

When that finds nothing, runs of two or more characters get *near* alternatives too
(fetching the readings of the query's characters from ``p/<i>.json``): the same pinyin
(张贵芳 → ``'zhang gui`` + ``'gui fang``, finds 张桂芳) and one character wrong
(防弱水 → ``防_水``, or 防弱, or 弱水). Those pages follow the exact ones.

Order: pages before guide and bulletin pages; then every run in the title, in title or
place, elsewhere; then the index's order. Among the first page of results, a page whose
title is exactly the query comes first.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from site_plugins.search_index.index import PLACE, TITLE, read_shard, runs, term_hash

NEAR_BELOW = 1  # fewer exact results than this (none): look for near ones too
FIRST_PAGE = 10  # results search.js shows first
MAX_SYLLABLE = 6  # zhuang


@dataclass(frozen=True)
class Meta:
    """What ``meta.json`` tells the query side."""

    raw: Mapping[str, object]

    @cached_property
    def fold(self) -> dict[str, str]:
        text = str(self.raw["fold"])
        return {text[i]: text[i + 1] for i in range(0, len(text), 2)}

    @cached_property
    def syllables(self) -> frozenset[str]:
        return frozenset(str(self.raw["sy"]).split())

    def number(self, key: str) -> int:
        value = self.raw[key]
        assert isinstance(value, int)
        return value

    def strings(self, key: str) -> list[str]:
        value = self.raw[key]
        assert isinstance(value, list)
        return [str(v) for v in value]


def query_runs(query: str, meta: Meta) -> list[str]:
    """The query's runs, folded with the index's pairs, without repeats."""
    folded = "".join(meta.fold.get(c, c) for c in query)
    return list(dict.fromkeys(runs(folded)))


def parse_pinyin(word: str, syllables: frozenset[str]) -> list[tuple[str, bool]] | None:
    """``word`` as syllables (True) and single initials (False): fewest pieces, then fewest
    initials, then the longest first syllable; None when a letter can start nothing."""
    best: list[tuple[int, int, list[tuple[str, bool]]] | None] = [None] * (len(word) + 1)
    best[len(word)] = (0, 0, [])
    for start in range(len(word) - 1, -1, -1):
        choice: tuple[int, int, list[tuple[str, bool]]] | None = None
        for size in range(min(MAX_SYLLABLE, len(word) - start), 0, -1):
            piece = word[start : start + size]
            rest = best[start + size]
            if rest is None:
                continue
            full = piece in syllables
            if not full and (size > 1 or piece in "iuv"):
                continue
            cost = (rest[0] + 1, rest[1] + (0 if full else 1))
            if choice is None or cost < (choice[0], choice[1]):
                choice = (cost[0], cost[1], [(piece, full), *rest[2]])
        best[start] = choice
    found = best[0]
    return None if found is None else found[2]


def pinyin_terms(pieces: Sequence[tuple[str, bool]]) -> list[str]:
    """Index terms for syllables and initials read in order (see the module docstring)."""
    if len(pieces) == 1:
        return ["'" + pieces[0][0]] if pieces[0][1] else []
    wanted: list[str] = []
    paired: set[int] = set()
    for i in range(len(pieces) - 1):
        (a, a_full), (b, b_full) = pieces[i], pieces[i + 1]
        if a_full and b_full:
            wanted.append(f"'{a} {b}")
            paired.update((i, i + 1))
        else:
            wanted.append("^" + a[0] + b[0])
    wanted += ["'" + p for i, (p, full) in enumerate(pieces) if full and i not in paired]
    return list(dict.fromkeys(wanted))


def _literal(run: str) -> list[str]:
    return (
        [run] if len(run) == 1 else list(dict.fromkeys(run[i : i + 2] for i in range(len(run) - 1)))
    )


def _is_latin(run: str) -> bool:
    return run.isascii() and run.isalpha()


def _is_han(run: str) -> bool:
    return all("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in run)


def kinship_head(run: str, meta: Meta) -> str | None:
    """郑大姐 → 郑, 郭志强同志 → 郭志强: what comes before a kinship term, if it can be a
    surname or a name (one to four characters, not 大/小/老…)."""
    for term in sorted(meta.strings("kin"), key=len, reverse=True):
        if run.endswith(term) and len(run) > len(term):
            head = run[: -len(term)]
            if head[0] in str(meta.raw["not"]) or not _is_han(head) or len(head) > 4:
                return None
            return head
    return None


def kinship_surname(run: str, meta: Meta) -> str | None:
    """As ``chinese.kinship_surname``, with the lists from ``meta.json``."""
    head = kinship_head(run, meta)
    if head is not None and (len(head) == 1 or (len(head) == 2 and head in meta.strings("cs"))):
        return head
    return None


def alternatives(run: str, meta: Meta) -> list[list[str]]:
    """The exact ways a run can match."""
    if _is_latin(run):
        pieces = parse_pinyin(run, meta.syllables) or []
        clean = bool(pieces) and all(full for _, full in pieces)
        # Letters as written only for what pinyin cannot be (ktv) or short initials (zgf):
        # every letter pair is a term file the reader would fetch.
        found = [_literal(run)] if not pieces or (len(run) <= 3 and not clean) else []
        if terms := pinyin_terms(pieces):
            found.append(terms)
        return found
    found = [_literal(run)]
    surname = kinship_surname(run, meta)
    head = kinship_head(run, meta)
    if surname is not None:
        found.append(["@" + surname])
    elif head is not None:
        found.append(_literal(head))  # a whole name: 郭志强同志 → 郭志强
    return found


def near_alternatives(run: str, readings: Mapping[str, str]) -> list[list[str]]:
    """The near ways (same pinyin; one character wrong) for a run of characters."""
    if not _is_han(run) or len(run) < 2:
        return []
    found: list[list[str]] = []
    if all(c in readings for c in run):
        found.append(pinyin_terms([(readings[c], True) for c in run]))
    if len(run) >= 3:
        for wrong in range(len(run)):
            terms = [run[j : j + 2] for j in range(len(run) - 1) if wrong not in (j, j + 1)]
            if 0 < wrong < len(run) - 1:
                terms.append(run[wrong - 1] + "_" + run[wrong + 1])
            found.append(list(dict.fromkeys(terms)))
    return found


class Index:
    """The index files of a built site, read as search.js reads them."""

    def __init__(self, files: Mapping[str, bytes]) -> None:
        self.files = files
        self.meta = Meta(json.loads(files["meta.json"]))
        self._shards: dict[int, dict[str, list[tuple[int, int]]]] = {}

    def shard_path(self, term: str) -> str:
        return f"t/{term_hash(term) & (self.meta.number('shards') - 1)}.bin"

    def postings(self, term: str) -> list[tuple[int, int]]:
        number = term_hash(term) & (self.meta.number("shards") - 1)
        if number not in self._shards:
            self._shards[number] = dict(read_shard(self.files[f"t/{number}.bin"]))
        return self._shards[number].get(term, [])

    def row(self, doc: int) -> list[str]:
        chunk = self.meta.number("chunk")
        rows: list[list[str]] = json.loads(self.files[f"d/{doc // chunk}.json"])
        return rows[doc % chunk]

    def _matches(self, alternative: Sequence[str]) -> dict[int, int]:
        """doc → tier (0: every term in the title, 1: in title or place, 2: elsewhere)."""
        found: dict[int, int] | None = None
        for term in alternative:
            flags = dict(self.postings(term))
            if found is None:
                found = dict.fromkeys(flags, 0)
            found = {d: t for d, t in found.items() if d in flags}
            for doc in found:
                flag = flags[doc]
                tier = 0 if flag & TITLE else 1 if flag & (TITLE | PLACE) else 2
                found[doc] = max(found[doc], tier)
        return found or {}

    def _rank(self, runs_alternatives: Sequence[Sequence[Sequence[str]]]) -> list[int]:
        result: dict[int, int] | None = None
        for options in runs_alternatives:
            best: dict[int, int] = {}
            for alternative in options:
                for doc, tier in self._matches(alternative).items():
                    best[doc] = min(best.get(doc, 3), tier)
            result = (
                best
                if result is None
                else {d: max(t, best[d]) for d, t in result.items() if d in best}
            )
        low = self.meta.number("low")
        return sorted(result or {}, key=lambda d: (d >= low, (result or {})[d], d))

    def plan(self, query: str) -> list[list[list[str]]]:
        return [alternatives(run, self.meta) for run in query_runs(query, self.meta)]

    def reading_paths(self, query: str) -> list[str]:
        """The reading files that hold the query's characters."""
        count = self.meta.number("readings")
        chars = [c for run in query_runs(query, self.meta) if _is_han(run) for c in run]
        return list(dict.fromkeys(f"p/{term_hash(c) & (count - 1)}.json" for c in chars))

    def near_plan(self, query: str) -> list[list[list[str]]] | None:
        """Exact and near alternatives per run, or None when no run can have near ones."""
        readings: dict[str, str] = {}
        for path in self.reading_paths(query):
            groups: dict[str, str] = json.loads(self.files[path])
            readings.update({char: read for read, chars in groups.items() for char in chars})
        plan = []
        near = False
        for run in query_runs(query, self.meta):
            # A neighbour by surname (郑大姐) is not a typo: its near forms (大姐) only add noise.
            kin = kinship_head(run, self.meta) is not None
            extra = [] if kin else near_alternatives(run, readings)
            near = near or bool(extra)
            plan.append(alternatives(run, self.meta) + extra)
        return plan if near else None

    def search(self, query: str) -> tuple[list[int], int]:
        """(doc ids in result order, how many of them are exact matches)."""
        plan = self.plan(query)
        if not plan or any(not options for options in plan):
            return [], 0
        ranked = self._rank(plan)
        exact = len(ranked)
        if exact < NEAR_BELOW:
            near_plan = self.near_plan(query)
            if near_plan is not None:
                seen = set(ranked)
                ranked += [d for d in self._rank(near_plan) if d not in seen]
        return self._promote_exact(ranked, query), exact

    def _promote_exact(self, ranked: list[int], query: str) -> list[int]:
        """A result on the first page whose title is the query goes first."""
        wanted = "".join(query_runs(query, self.meta))
        first = ranked[:FIRST_PAGE]
        same = [d for d in first if "".join(query_runs(self.row(d)[1], self.meta)) == wanted]
        return same + [d for d in first if d not in same] + ranked[FIRST_PAGE:]

    def fetched(self, query: str) -> list[str]:
        """The index files search.js fetches before the first results show, in order."""
        wanted = ["meta.json"]
        plan = self.plan(query)
        paths = [self.shard_path(t) for options in plan for alt in options for t in alt]
        ranked = self._rank(plan) if plan and all(plan) else []
        if plan and all(plan) and len(ranked) < NEAR_BELOW:
            near_plan = self.near_plan(query)
            if near_plan is not None:
                paths += self.reading_paths(query)
                paths += [self.shard_path(t) for o in near_plan for alt in o for t in alt]
        found, _ = self.search(query)
        chunk = self.meta.number("chunk")
        paths += [f"d/{doc // chunk}.json" for doc in found[:FIRST_PAGE]]
        return list(dict.fromkeys(wanted + paths))
