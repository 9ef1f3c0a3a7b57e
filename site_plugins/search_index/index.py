"""The search index: character unigrams and bigrams, sharded by term, fetched lazily.

Chinese has no spaces, and word segmenters disagree (the one that indexed a page and the
one in the reader's browser split 重阳 differently, and the query finds nothing). So no
segmenter at all: every run of word characters is indexed by its single characters and
its adjacent pairs. A query term matches a page that has every pair of the term (a single
character: that character), which finds every page that contains the term, whatever the
words around it. Two terms separated by a space must both match.

Files (under ``search/`` of the site; ``search.js`` reads them):

``meta.json``
    ``{"version": 2, "build": <hash of the index>, "shards": N, "chunk": K, "docs": D,
    "low": L, "fold": "誌志願愿…", "sy": "a ai an …", "kin": […], "cs": […]}``: documents
    from L on are guide and bulletin pages (ranked after entries); ``fold`` the
    traditional→simplified pairs whose simplified character is in the index; ``sy`` the
    pinyin syllables (to read a query typed in pinyin); ``kin`` and ``cs`` the kinship
    terms and compound surnames (郑大姐 → a person surnamed 郑).
``p/<i>.json`` for i < R (``"readings": R`` in meta.json)
    ``{"gui": "贵柜…", …}``: the reading of each common character and each character of
    the index whose FNV-1a hash ends in i; fetched only for the characters of a query that
    finds nothing (homophones), about a kilobyte each.
``t/<i>.bin`` for i < N (N a power of two)
    the terms whose FNV-1a hash (32 bit, over code points) ends in i, sorted; each is
    ``[len u8][term UTF-8][size varint][postings]``, postings being varints of
    ``(doc id − previous doc id) << 2 | flags`` (first previous id: −1) with flag 1 = the
    term is in the title, 2 = in the place. Unsigned LEB128 varints. Binary, because many
    small-town servers do not compress ``.json`` and these files are most of a query's bytes.
``d/<j>.json``
    documents j·K … j·K+K−1: ``[[url, title, place, date], …]``, url relative to the site
    root. Doc ids order the results within a tier: undated pages (stations, townships,
    sections) first, then entries newest first.

Everything is sorted and hashed from content only: the same pages give the same bytes.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import re
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial

from site_plugins import chinese
from site_plugins.search_index.extract import PageText

VERSION = 2
# Ranking classes by 栏目: entries first, guide and bulletins last, other sections between.
ENTRY_COLUMNS = frozenset({"活动", "好人", "实践站", "实践所", "中心", "菜单"})
LOW_COLUMNS = frozenset({"投稿指南", "月度通报"})
TITLE, PLACE = 1, 2
FNV_OFFSET, FNV_PRIME = 0x811C9DC5, 0x01000193
MAX_SHARDS = 4096
READING_FILES = 16  # the character readings for homophones, ~1 KB a file

# Word characters: ASCII letters and digits, 〇, and the CJK ideograph blocks of the
# Basic Multilingual Plane. Everything else separates terms. search.js has the same list.
_RUN = re.compile("[0-9a-z\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def normalise(text: str) -> str:
    """Full-width forms to plain ones (ＡＢＣ１２３), lower case, traditional to simplified."""
    return chinese.fold(text)


def runs(text: str) -> list[str]:
    """The runs of word characters in ``text``, normalised."""
    return _RUN.findall(normalise(text))


def terms(text: str) -> set[str]:
    """Every character and adjacent pair of characters of every run: what a page holds."""
    found: set[str] = set()
    for run in runs(text):
        found.update(run)
        found.update(map(str.__add__, run, run[1:]))
    return found


@functools.lru_cache(maxsize=65_536)
def _name_terms(span: str) -> frozenset[str]:
    """Pinyin, initials and one-between pairs of a run of Han characters (titles, places)."""
    found = {a + "_" + c for a, c in zip(span, span[2:], strict=False)}
    reads = chinese.readings(span)
    for readings in reads:
        found.update("'" + r for r in readings)
    for first, second in itertools.pairwise(reads):
        for a in first:
            for b in second:
                found.add(f"'{a} {b}")
                found.add("^" + a[0] + b[0])
    return frozenset(found)


_HAN_SPAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")


def name_terms(text: str) -> set[str]:
    """The terms titles and places have beside ``terms``: see the module's docstring."""
    found: set[str] = set()
    for run in runs(text):
        for span in _HAN_SPAN.findall(run):
            found |= _name_terms(span)
    return found


def query_terms(query: str) -> list[str]:
    """What a page must hold to match ``query``: the pairs of each run (a lone character:
    itself), without repeats, in order."""
    wanted: list[str] = []
    for run in runs(query):
        pieces = [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]
        wanted += [p for p in pieces if p not in wanted]
    return wanted


def term_hash(term: str) -> int:
    """32-bit FNV-1a over the code points of ``term`` (search.js computes the same)."""
    value = FNV_OFFSET
    for char in term:
        value = ((value ^ ord(char)) * FNV_PRIME) & 0xFFFFFFFF
    return value


def _varint(value: int, out: bytearray) -> None:
    while value > 0x7F:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)


def _varint_bytes(value: int) -> bytes:
    out = bytearray()
    _varint(value, out)
    return bytes(out)


# Gaps below 2**14 (one or two bytes) are looked up rather than encoded: nearly all are.
_SMALL = tuple(_varint_bytes(value) for value in range(1 << 14))


def _encode(ids: list[int]) -> bytes:
    """Postings ``doc << 2 | flags`` (ascending docs) as varints of the doc gaps."""
    gaps = [
        ((value >> 2) - (previous >> 2)) << 2 | (value & 3)
        for value, previous in zip(ids, [-4, *ids[:-1]], strict=True)
    ]
    if max(gaps) < 0x80:
        return bytes(gaps)  # every gap fits one byte
    small = _SMALL
    return b"".join(small[gap] if gap < 16384 else _varint_bytes(gap) for gap in gaps)


def rank_class(page: PageText) -> int:
    """0: entries (stations, townships, honorees, activities); 1: sections; 2: guide, bulletins."""
    return 0 if page.column in ENTRY_COLUMNS else 2 if page.column in LOW_COLUMNS else 1


def _ordered(pages: Iterable[PageText]) -> list[PageText]:
    """By class; in each, undated pages first, then newest first; the url breaks ties."""
    ordered = sorted(pages, key=lambda page: page.url)
    ordered.sort(key=lambda page: page.date, reverse=True)
    ordered.sort(key=lambda page: (rank_class(page), bool(page.date)))
    return ordered


@dataclass(frozen=True)
class IndexFiles:
    """The index as file path (relative to the site root) → bytes, and its figures."""

    files: dict[str, bytes]
    docs: int
    terms: int
    postings: int


_NONE: array[int] = array("l")


class IndexBuilder:
    """Pages are added as they come (``add``) and numbered when all are in (``finish``).

    Terms are counted per page on arrival, so the work can run beside the page
    rendering (see ``worker``); postings hold arrival numbers until ``finish`` knows the
    final order (undated pages first, then newest first) and renumbers them. Postings are
    ``array("l")`` of ``number << 2 | flags``: tens of millions of them at county scale.
    """

    def __init__(self) -> None:
        self.rows: list[PageText] = []  # by arrival number, text dropped
        self.numbers: dict[str, int] = {}  # url → arrival number of its latest version
        self.postings: defaultdict[str, array[int]] = defaultdict(partial(array, "l"))

    def add(self, page: PageText) -> None:
        number = len(self.rows)
        self.numbers[page.url] = number  # a repeated url: its latest version counts
        self.rows.append(replace(page, text=""))
        title = terms(page.title) | name_terms(page.title)
        place = terms(page.place) | name_terms(page.place)
        value = number << 2
        postings = self.postings
        for term in terms(page.text).difference(title, place):
            postings[term].append(value)
        for term in title | place:
            postings[term].append(
                value | (TITLE if term in title else 0) | (PLACE if term in place else 0)
            )

    def drop(self, urls: Iterable[str]) -> None:
        """Pages that are gone (a rebuild in mkdocs serve): none of their versions counts."""
        for url in urls:
            self.numbers.pop(url, None)

    def finish(
        self,
        shard_bytes: int = 16_384,
        chunk: int = 16,
        people: Mapping[str, Sequence[str]] | None = None,
        honor_roll: str = "",
    ) -> IndexFiles:
        """The index files; the arguments as in ``build``."""
        # The surnames' postings are kept apart, so that finish can run again after more
        # pages came in (mkdocs serve keeps one builder across rebuilds).
        people_postings: defaultdict[str, array[int]] = defaultdict(partial(array, "l"))
        for url, surnames in sorted((people or {}).items()):
            if url in self.numbers:
                value = self.numbers[url] << 2 | TITLE
                for surname in sorted(set(surnames)):
                    people_postings["@" + normalise(surname)].append(value)
        live = [self.rows[number] for number in sorted(self.numbers.values())]
        ordered = _ordered(live)
        final = [-1] * len(self.rows)  # arrival number → doc id (-1: replaced version)
        for doc, row in enumerate(ordered):
            final[self.numbers[row.url]] = doc
        encoded: dict[str, bytes] = {}
        count = 0
        postings = self.postings
        extra = [term for term in people_postings if term not in postings]
        for term in itertools.chain(postings, extra):
            arrivals = postings.get(term, _NONE)
            if term in people_postings:
                arrivals = arrivals + people_postings[term]  # a new array: never in place
            ids = sorted(
                final[value >> 2] << 2 | (value & 3) for value in arrivals if final[value >> 2] >= 0
            )
            if ids:
                count += len(ids)
                encoded[term] = _encode(ids)
        return _files(ordered, encoded, count, shard_bytes, chunk, honor_roll)


def build(
    pages: Iterable[PageText],
    shard_bytes: int = 16_384,
    chunk: int = 16,
    people: Mapping[str, Sequence[str]] | None = None,
    honor_roll: str = "",
) -> IndexFiles:
    """The index files for ``pages`` (any order; duplicates by url keep the last).

    ``people``: page url → surnames of the people it is about (an honoree's page, an
    activity whose title names an honoree), for queries like 郑大姐. ``honor_roll``: the
    honor roll's url, offered when nothing is found ("" if the site has none).
    """
    builder = IndexBuilder()
    for page in pages:
        builder.add(page)
    return builder.finish(shard_bytes, chunk, people, honor_roll)


def _files(  # noqa: PLR0917  (one private call site)
    ordered: list[PageText],
    encoded: dict[str, bytes],
    count: int,
    shard_bytes: int,
    chunk: int,
    honor_roll: str,
) -> IndexFiles:
    total = sum(len(t.encode()) + len(p) + 4 for t, p in encoded.items())
    shards = 1
    while shards < MAX_SHARDS and total / shards > shard_bytes:
        shards *= 2
    buckets: list[list[str]] = [[] for _ in range(shards)]
    for term in encoded:
        buckets[term_hash(term) & (shards - 1)].append(term)
    files: dict[str, bytes] = {}
    for number, bucket in enumerate(buckets):
        out = bytearray()
        for term in sorted(bucket):
            raw = term.encode()
            out.append(len(raw))
            out += raw
            _varint(len(encoded[term]), out)
            out += encoded[term]
        files[f"t/{number}.bin"] = bytes(out)
    for start in range(0, len(ordered), chunk):
        rows = [[p.url, p.title, p.place, p.date] for p in ordered[start : start + chunk]]
        text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
        files[f"d/{start // chunk}.json"] = text.encode()
    present = "".join(sorted(t for t in encoded if len(t) == 1 and chinese.is_han(t)))
    readings = chinese.character_readings(present)
    for number in range(READING_FILES):
        groups: dict[str, str] = {}
        for char, read in readings.items():
            if term_hash(char) & (READING_FILES - 1) == number:
                groups[read] = groups.get(read, "") + char
        files[f"p/{number}.json"] = _json(dict(sorted(groups.items())))
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + files[path] + b"\0")
    have = set(present)
    meta = {
        "version": VERSION,
        "build": digest.hexdigest()[:12],
        "shards": shards,
        "chunk": chunk,
        "docs": len(ordered),
        "readings": READING_FILES,
        "low": next((n for n, p in enumerate(ordered) if rank_class(p) == 2), len(ordered)),
        "fold": "".join(t + s for t, s in sorted(chinese.fold_table().items()) if s in have),
        "sy": " ".join(chinese.syllables()),
        "kin": list(chinese.KINSHIP),
        "cs": sorted(chinese.COMPOUND_SURNAMES),
        "not": "".join(sorted(chinese.NOT_SURNAMES)),
        "roll": honor_roll,
    }
    files["meta.json"] = _json(meta)
    return IndexFiles(files=files, docs=len(ordered), terms=len(encoded), postings=count)


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def read_shard(data: bytes) -> Iterator[tuple[str, list[tuple[int, int]]]]:
    """Decode a ``t/<i>.bin`` file: (term, [(doc id, flags), …]) — for tests and tools."""
    position = 0

    def varint() -> int:
        nonlocal position
        value = shift = 0
        while True:
            byte = data[position]
            position += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return value

    while position < len(data):
        size = data[position]
        term = data[position + 1 : position + 1 + size].decode()
        position += 1 + size
        end = varint() + position
        docs: list[tuple[int, int]] = []
        previous = -1
        while position < end:
            value = varint()
            previous += value >> 2
            docs.append((previous, value & 3))
        yield term, docs
