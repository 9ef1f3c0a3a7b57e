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
    documents j·K … j·K+K−1 (those that exist): ``[[url, title, place, date], …]``, url
    relative to the site root. Doc ids order the results within a tier: undated pages
    (stations, townships, sections) first, then entries newest first; they leave room
    between days (``layout``), so that an edit in mkdocs serve renumbers few pages.

Everything is sorted and hashed from content only: the same pages give the same bytes,
whether built at once or kept and changed page by page (``IndexBuilder``, mkdocs serve).
"""

from __future__ import annotations

import hashlib
import json
from array import array
from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from itertools import chain

from site_plugins import chinese
from site_plugins.search_index.extract import PageText
from site_plugins.search_index.layout import Layout, Slot, in_order, members, rank_class, slot
from site_plugins.search_index.terms import (
    PLACE,
    TITLE,
    encode,
    encode_each,
    name_terms,
    normalise,
    query_terms,
    read_shard,
    runs,
    term_hash,
    terms,
    varint,
)

# What query.py, the tools and the tests read from here.
__all__ = [
    "PLACE",
    "TITLE",
    "IndexBuilder",
    "IndexFiles",
    "build",
    "name_terms",
    "normalise",
    "page_terms",
    "query_terms",
    "rank_class",
    "read_shard",
    "runs",
    "term_hash",
    "terms",
]

VERSION = 2
MAX_SHARDS = 4096
READING_FILES = 16  # the character readings for homophones, ~1 KB a file


def page_terms(page: PageText) -> dict[str, int]:
    """Term → flags (``TITLE``, ``PLACE``) of everything ``page`` holds."""
    title = terms(page.title) | name_terms(page.title)
    place = terms(page.place) | name_terms(page.place)
    found = dict.fromkeys(terms(page.text).difference(title, place), 0)
    for term in title | place:
        found[term] = (TITLE if term in title else 0) | (PLACE if term in place else 0)
    return found


@dataclass(frozen=True)
class IndexFiles:
    """The index as file path (relative to the site root) → bytes, and its figures.

    ``partial`` (mkdocs serve): ``files`` holds only what changed since the last finish,
    and ``removed`` the files that are gone.
    """

    files: dict[str, bytes]
    docs: int
    terms: int
    postings: int
    partial: bool = False
    removed: tuple[str, ...] = ()


def _page_url(url: str) -> str:
    """The page an entry (``page#id``) belongs to; a page's own url."""
    return url.partition("#")[0]


def _surnames(people: Mapping[str, Sequence[str]] | None) -> dict[str, tuple[str, ...]]:
    return {
        url: tuple(sorted({normalise(s) for s in names})) for url, names in (people or {}).items()
    }


def _people_postings(
    surnames: Mapping[str, Sequence[str]], ids: Mapping[str, int]
) -> dict[str, tuple[int, ...]]:
    """``@surname`` → postings of the pages about a person of that surname (郑大姐)."""
    found: defaultdict[str, list[int]] = defaultdict(list)
    for url, names in surnames.items():
        if url in ids:
            for name in names:
                found["@" + name].append(ids[url] << 2 | TITLE)
    return {term: tuple(sorted(values)) for term, values in found.items()}


def _arrange(pages: Iterable[PageText], chunk: int) -> tuple[Layout, dict[Slot, list[str]]]:
    groups = members(pages)
    layout = Layout.of({where: len(group) for where, group in groups.items()}, chunk)
    return layout, {where: [page.url for page in group] for where, group in groups.items()}


def _ids(layout: Layout, slots: Mapping[Slot, Sequence[str]]) -> dict[str, int]:
    return {
        url: layout.start(where) + number
        for where, urls in slots.items()
        for number, url in enumerate(urls)
    }


def _segments(values: Sequence[int], layout: Layout) -> dict[int, bytes]:
    """A term's postings encoded in runs of ids (``Layout.run``), to re-encode one run."""
    pieces = encode_each(values)
    found: dict[int, bytes] = {}
    start, width = 0, layout.run << 2
    while start < len(values):
        segment = values[start] // width
        end = bisect_left(values, (segment + 1) * width, start)
        part = pieces[start:end]
        found[segment] = part if isinstance(part, bytes) else b"".join(part)
        start = end
    return found


def _reencode(
    values: array[int], segments: dict[int, bytes], layout: Layout, touched: set[int]
) -> None:
    """Encode again the runs in ``touched`` and each one's next (its first gap changed)."""
    width = layout.run
    again = set(touched)
    for segment in touched:
        after = bisect_left(values, (segment + 1) * width << 2)
        if after < len(values):
            again.add((values[after] >> 2) // width)
    new = False
    for segment in again:
        low = bisect_left(values, segment * width << 2)
        high = bisect_left(values, (segment + 1) * width << 2)
        if low == high:
            segments.pop(segment, None)
        else:
            new = new or segment not in segments
            segments[segment] = encode(values[low:high], values[low - 1] if low else -4)
    if new:  # keep the runs in id order: _payload joins them as they are
        ordered = sorted(segments.items())
        segments.clear()
        segments.update(ordered)


def _payload(segments: Mapping[int, bytes]) -> bytes:
    return b"".join(segments.values())


def _size(term: str, payload: int) -> int:
    """A term's share of the index, which sets the number of term files."""
    return len(term.encode()) + payload + 4


def _shard_count(total: int, shard_bytes: int) -> int:
    shards = 1
    while shards < MAX_SHARDS and total / shards > shard_bytes:
        shards *= 2
    return shards


def _term_file(terms_in_file: Iterable[str], payload: Mapping[str, bytes]) -> bytes:
    out = bytearray()
    for term in terms_in_file:
        raw = term.encode()
        data = payload[term]
        out.append(len(raw))
        out += raw
        varint(len(data), out)
        out += data
    return bytes(out)


def _doc_files(layout: Layout, where: Slot, pages: Sequence[PageText]) -> dict[str, bytes]:
    """The document files of one slot: rows of ``chunk`` pages from the slot's first id."""
    start, chunk = layout.start(where), layout.chunk
    files: dict[str, bytes] = {}
    for offset in range(0, len(pages), chunk):
        rows = [[p.url, p.title, p.place, p.date] for p in pages[offset : offset + chunk]]
        files[f"d/{(start + offset) // chunk}.json"] = _json(rows)
    return files


def _doc_paths(layout: Layout, where: Slot, count: int) -> list[str]:
    start, chunk = layout.start(where), layout.chunk
    return [f"d/{(start + offset) // chunk}.json" for offset in range(0, count, chunk)]


def _reading_files(present: str) -> dict[str, bytes]:
    readings = chinese.character_readings(present)
    files: dict[str, bytes] = {}
    for number in range(READING_FILES):
        groups: dict[str, str] = {}
        for char, read in readings.items():
            if term_hash(char) & (READING_FILES - 1) == number:
                groups[read] = groups.get(read, "") + char
        files[f"p/{number}.json"] = _json(dict(sorted(groups.items())))
    return files


def _is_present(term: str) -> bool:
    return len(term) == 1 and chinese.is_han(term)


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _meta(  # noqa: PLR0917  (private; one value per field of meta.json)
    digests: Mapping[str, bytes],
    shards: int,
    layout: Layout,
    docs: int,
    present: str,
    honor_roll: str,
) -> bytes:
    build = hashlib.sha256()
    for path in sorted(digests):
        if path != "meta.json":
            build.update(path.encode() + b"\0" + digests[path] + b"\0")
    have = set(present)
    meta = {
        "version": VERSION,
        "build": build.hexdigest()[:12],
        "shards": shards,
        "chunk": layout.chunk,
        "docs": docs,
        "readings": READING_FILES,
        "low": layout.low,
        "fold": "".join(t + s for t, s in sorted(chinese.fold_table().items()) if s in have),
        "sy": " ".join(chinese.syllables()),
        "kin": list(chinese.KINSHIP),
        "cs": sorted(chinese.COMPOUND_SURNAMES),
        "not": "".join(sorted(chinese.NOT_SURNAMES)),
        "roll": honor_roll,
    }
    return _json(meta)


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


@dataclass
class _Kept:
    """The index as the last finish left it, for the next (mkdocs serve)."""

    layout: Layout
    shard_bytes: int
    pages: dict[str, PageText]  # url → page, text and all
    entries: dict[str, set[str]]  # page url → the urls of its entries (page#id)
    slots: dict[Slot, list[str]]  # urls in id order
    ids: dict[str, int]
    values: dict[str, array[int]]  # term → postings doc << 2 | flags, ascending
    segments: dict[str, dict[int, bytes]]  # term → its postings encoded, by run of ids
    unsegmented: list[str]  # terms not yet in ``segments``
    payload: dict[str, bytes]  # term → its postings encoded, all runs
    sizes: dict[str, int]  # term → _size
    total: int
    shards: list[list[str]]  # each term file's terms, sorted
    people: dict[str, tuple[int, ...]]
    surnames: Mapping[str, Sequence[str]]  # the people's postings were made from these
    present: set[str]
    files: dict[str, bytes]
    digests: dict[str, bytes]
    postings: int


class IndexBuilder:
    """Pages are added as they come (``add``) and numbered when all are in (``finish``).

    Terms are counted per page on arrival, so the work can run beside the page
    rendering (see ``worker``); postings hold arrival numbers until ``finish`` knows the
    final ids and renumbers them. Postings are ``array("l")`` of ``number << 2 | flags``:
    tens of millions of them at county scale.

    ``keep`` (mkdocs serve): after ``finish`` the index stays, pages and all; pages added
    or dropped later change only the postings, term files and document files they touch
    (``layout``), and the next ``finish`` gives the same bytes a fresh builder would.
    """

    def __init__(self, keep: bool = True) -> None:
        self.keep = keep
        self.rows: list[PageText] = []  # by arrival number (text dropped unless keep)
        self.numbers: dict[str, int] = {}  # url → arrival number of its latest version
        self.postings: defaultdict[str, array[int]] = defaultdict(partial(array, "l"))
        self.dropped: set[str] = set()
        self.kept: _Kept | None = None
        self.people_in: dict[str, Sequence[str]] = {}
        self.surnames: dict[str, tuple[str, ...]] = {}
        # The paths the last finish changed (None: all are new) and removed.
        self.changed: set[str] | None = None
        self.removed: tuple[str, ...] = ()

    def add(self, page: PageText) -> None:
        number = len(self.rows)
        self.numbers[page.url] = number  # a repeated url: its latest version counts
        self.dropped.discard(page.url)
        self.rows.append(page if self.keep else replace(page, text=""))
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
        """Pages that are gone (a rebuild in mkdocs serve), with their entries (page#id)."""
        for url in urls:
            self.numbers.pop(url, None)
            self.dropped.add(url)

    def finish(
        self,
        shard_bytes: int = 16_384,
        chunk: int = 16,
        people: Mapping[str, Sequence[str]] | None = None,
        honor_roll: str = "",
    ) -> IndexFiles:
        """The index files; the arguments as in ``build``."""
        if people != self.people_in:  # mkdocs serve: nearly always the same as last time
            self.people_in, self.surnames = dict(people or {}), _surnames(people)
        surnames = self.surnames
        kept = self.kept
        if kept is not None and (kept.shard_bytes, kept.layout.chunk) != (shard_bytes, chunk):
            # Other settings than the kept index's (never in mkdocs serve): start again.
            for url, page in kept.pages.items():
                if url not in self.numbers and _page_url(url) not in self.dropped:
                    self.add(page)
            self.kept = kept = None
        if kept is None:
            files = self._first(shard_bytes, chunk, surnames, honor_roll)
        else:
            files = self._again(kept, surnames, honor_roll)
        self.rows, self.numbers, self.dropped = [], {}, set()
        self.postings = defaultdict(partial(array, "l"))
        return files

    def segment_some(self, count: int = 50) -> bool:
        """Cut ``count`` more kept terms into runs (see ``_segments``); False when all are.
        The second process does this while it waits for the next rebuild."""
        kept = self.kept
        if kept is None:
            return False
        while kept.unsegmented and count > 0:
            term = kept.unsegmented.pop()
            if term in kept.values and term not in kept.segments:
                kept.segments[term] = _segments(kept.values[term], kept.layout)
                count -= 1
        return bool(kept.unsegmented)

    def _live(self) -> dict[str, PageText]:
        """The pages added since the last finish that count: the latest version of each,
        and entries (page#id) only if added after the latest version of their page."""
        numbers = self.numbers
        live: dict[str, PageText] = {}
        for url, number in numbers.items():
            page = _page_url(url)
            if page in self.dropped or (page != url and numbers.get(page, -1) > number):
                continue
            live[url] = self.rows[number]
        return live

    def _fresh(self, urls: Iterable[str]) -> dict[str, dict[str, int]]:
        """Term → flags of the latest added version of each of ``urls``."""
        wanted = {self.numbers[url]: url for url in urls}
        found: dict[str, dict[str, int]] = {url: {} for url in wanted.values()}
        for term, values in self.postings.items():
            for value in values:
                url = wanted.get(value >> 2)
                if url is not None:
                    found[url][term] = value & 3
        return found

    def _first(
        self,
        shard_bytes: int,
        chunk: int,
        surnames: Mapping[str, Sequence[str]],
        honor_roll: str,
    ) -> IndexFiles:
        pages = self._live()
        layout, slots = _arrange(pages.values(), chunk)
        ids = _ids(layout, slots)
        final = [-1] * len(self.rows)
        for url, number in self.numbers.items():
            final[number] = ids.get(url, -1)

        def values() -> Iterator[tuple[str, list[int]]]:
            for term, arrivals in self.postings.items():
                found = sorted(
                    final[value >> 2] << 2 | (value & 3)
                    for value in arrivals
                    if final[value >> 2] >= 0
                )
                if found:
                    yield term, found

        return self._install(pages, layout, slots, ids, values(), surnames, shard_bytes, honor_roll)

    def _install(  # noqa: PLR0917  (private: the two ways to a whole index)
        self,
        pages: dict[str, PageText],
        layout: Layout,
        slots: dict[Slot, list[str]],
        ids: dict[str, int],
        values: Iterable[tuple[str, Sequence[int]]],
        surnames: Mapping[str, Sequence[str]],
        shard_bytes: int,
        honor_roll: str,
    ) -> IndexFiles:
        """Every file of the index from every term's postings; kept if ``keep``."""
        people = _people_postings(surnames, ids)
        payload: dict[str, bytes] = {}
        kept_values: dict[str, array[int]] = {}
        count = 0
        for term, found in chain(values, people.items()):
            count += len(found)
            payload[term] = encode(found)
            if self.keep:
                # Cut into runs later, between rebuilds (``segment_some``) or when first
                # touched: a full build takes no longer in mkdocs serve than without.
                kept_values[term] = array("q", found)
        sizes = {term: _size(term, len(data)) for term, data in payload.items()}
        total = sum(sizes.values())
        shards = _shard_count(total, shard_bytes)
        buckets: list[list[str]] = [[] for _ in range(shards)]
        for term in payload:
            buckets[term_hash(term) & (shards - 1)].append(term)
        files: dict[str, bytes] = {}
        for number, bucket in enumerate(buckets):
            bucket.sort()
            files[f"t/{number}.bin"] = _term_file(bucket, payload)
        for where, urls in slots.items():
            files.update(_doc_files(layout, where, [pages[url] for url in urls]))
        present = {t for t in payload if _is_present(t)}
        files.update(_reading_files("".join(sorted(present))))
        digests = {path: _digest(data) for path, data in files.items()}
        files["meta.json"] = _meta(
            digests, shards, layout, len(pages), "".join(sorted(present)), honor_roll
        )
        digests["meta.json"] = _digest(files["meta.json"])
        self.changed, self.removed = None, ()
        if self.keep:
            entries: dict[str, set[str]] = {}
            for url in pages:
                if "#" in url:
                    entries.setdefault(_page_url(url), set()).add(url)
            self.kept = _Kept(
                layout, shard_bytes, pages, entries, slots, ids, kept_values, {}, sorted(payload),
                payload, sizes, total, buckets, people, surnames, present, files, digests,
                count,
            )  # fmt: skip
        return IndexFiles(files=dict(files), docs=len(pages), terms=len(payload), postings=count)

    def _again(
        self, kept: _Kept, surnames: Mapping[str, Sequence[str]], honor_roll: str
    ) -> IndexFiles:
        """The kept index with this round's pages added and dropped (mkdocs serve)."""
        pages = kept.pages
        # Drawn again unchanged (most pages of a rebuild): nothing to do.
        live = self._live()
        added = {url: page for url, page in live.items() if pages.get(url) != page}
        gone = {url for url in self.dropped if url in pages}
        # Entries go with their page: dropped, or drawn again without them.
        for url in [*self.dropped, *(u for u in live if "#" not in u)]:
            gone |= {e for e in kept.entries.get(url, ()) if e not in live}
        fresh = self._fresh(added)
        new_slots = {url: slot(page) for url, page in added.items()}
        affected = {slot(pages[url]) for url in gone} | set(new_slots.values())
        affected |= {slot(pages[url]) for url in added if url in pages}
        groups: dict[Slot, list[str]] = {}
        for where in affected:
            staying = [u for u in kept.slots.get(where, ()) if u not in gone and u not in added]
            coming = [u for u, w in new_slots.items() if w == where]
            group = [added[u] if u in added else pages[u] for u in staying + coming]
            in_order(group)
            groups[where] = [page.url for page in group]
        counts = {where: len(urls) for where, urls in kept.slots.items()}
        counts.update({where: len(urls) for where, urls in groups.items()})
        layout = Layout.of({w: n for w, n in counts.items() if n}, kept.layout.chunk)
        if layout != kept.layout:
            # A slot outgrew its room: every id moves (rare; as costly as a full build).
            for url in gone:
                del pages[url]
            pages.update(added)
            return self._rekey(kept, fresh, surnames, honor_roll)
        return self._patch(kept, added, gone, fresh, groups, layout, surnames, honor_roll)

    def _rekey(
        self,
        kept: _Kept,
        fresh: Mapping[str, Mapping[str, int]],
        surnames: Mapping[str, Sequence[str]],
        honor_roll: str,
    ) -> IndexFiles:
        """Every id anew (the layout changed): the kept postings renumbered, as ``_first``."""
        pages = kept.pages
        layout, slots = _arrange(pages.values(), kept.layout.chunk)
        ids = _ids(layout, slots)
        moved = {old: ids[url] for url, old in kept.ids.items() if url in ids and url not in fresh}
        additions: defaultdict[str, list[int]] = defaultdict(list)
        for url, found in fresh.items():
            for term, flags in found.items():
                additions[term].append(ids[url] << 2 | flags)

        def values() -> Iterator[tuple[str, list[int]]]:
            for term in sorted(kept.values.keys() | additions.keys()):
                if term.startswith("@"):
                    continue  # the people's postings: _install makes them again
                found = [
                    moved[value >> 2] << 2 | (value & 3)
                    for value in kept.values.get(term, ())
                    if value >> 2 in moved
                ]
                found += additions.get(term, ())
                if found:
                    found.sort()
                    yield term, found

        before = kept.digests
        result = self._install(
            pages, layout, slots, ids, values(), surnames, kept.shard_bytes, honor_roll
        )
        assert self.kept is not None
        after = self.kept.digests
        self.changed = {path for path, digest in after.items() if before.get(path) != digest}
        self.removed = tuple(sorted(before.keys() - after.keys()))
        return result

    def _patch(  # noqa: PLR0917  (private; the parts of one finish)
        self,
        kept: _Kept,
        added: Mapping[str, PageText],
        gone: set[str],
        fresh: Mapping[str, Mapping[str, int]],
        groups: Mapping[Slot, list[str]],
        layout: Layout,
        surnames: Mapping[str, Sequence[str]],
        honor_roll: str,
    ) -> IndexFiles:
        """The kept index with the postings of the pages added, dropped or moved changed."""
        pages = kept.pages
        removals: defaultdict[str, list[int]] = defaultdict(list)
        additions: defaultdict[str, list[int]] = defaultdict(list)
        for url in gone:
            _diff(kept.ids[url], page_terms(pages[url]), None, {}, removals, additions)
        new_ids = _ids(layout, groups)
        for url, new in new_ids.items():
            old = kept.ids.get(url)
            if url in added:
                before = page_terms(pages[url]) if url in pages else {}
                _diff(old, before, new, fresh[url], removals, additions)
            elif old != new:  # moved by a page added or removed before it in its day
                found = page_terms(pages[url])
                _diff(old, found, new, found, removals, additions)
        for url in gone:
            del pages[url]
            del kept.ids[url]
            if "#" in url:
                kept.entries.get(_page_url(url), set()).discard(url)
        pages.update(added)
        kept.ids.update(new_ids)
        for url in added:
            if "#" in url:
                kept.entries.setdefault(_page_url(url), set()).add(url)
        # The people's postings change with the people, or when one of their pages moves.
        people = kept.people
        if surnames is not kept.surnames or any(
            url in surnames for url in chain(gone, added, new_ids)
        ):
            people = _people_postings(surnames, kept.ids)
            kept.surnames = surnames
        replaced = {
            term
            for term in people.keys() | kept.people.keys()
            if people.get(term) != kept.people.get(term)
        }
        for term in removals.keys() | additions.keys():
            values = kept.values.setdefault(term, array("q"))
            if term not in kept.segments:
                kept.segments[term] = _segments(values, layout)
            touched: set[int] = set()
            for value in removals.get(term, ()):
                at = bisect_left(values, value)
                assert at < len(values) and values[at] == value, (term, value)
                del values[at]
                touched.add((value >> 2) // layout.run)
            for value in additions.get(term, ()):
                insort(values, value)
                touched.add((value >> 2) // layout.run)
            _reencode(values, kept.segments[term], layout, touched)
        for term in replaced:
            named = people.get(term, ())
            kept.postings += len(named) - len(kept.people.get(term, ()))
            kept.values[term] = array("q", named)
            kept.segments[term] = _segments(named, layout)
        kept.people = people
        kept.postings += sum(map(len, additions.values())) - sum(map(len, removals.values()))
        files: dict[str, bytes] = {}
        dropped_paths = self._term_files(kept, removals.keys() | additions.keys() | replaced, files)
        for where, urls in groups.items():
            now = _doc_files(layout, where, [pages[url] for url in urls])
            files.update(now)
            dropped_paths |= (
                set(_doc_paths(layout, where, len(kept.slots.get(where, ())))) - now.keys()
            )
            if urls:
                kept.slots[where] = urls
            else:
                kept.slots.pop(where, None)
        return self._commit(kept, files, dropped_paths, len(pages), honor_roll)

    def _term_files(self, kept: _Kept, dirty: set[str], files: dict[str, bytes]) -> set[str]:
        """The term files that hold a term of ``dirty`` (all, if their number changed)."""
        created: set[str] = set()
        deleted: set[str] = set()
        for term in dirty:
            old = kept.sizes.pop(term, 0)
            size = 0
            if kept.values[term]:
                kept.payload[term] = _payload(kept.segments[term])
                size = _size(term, len(kept.payload[term]))
                kept.sizes[term] = size
            else:
                del kept.values[term], kept.segments[term]
                kept.payload.pop(term, None)
            kept.total += size - old
            if size and not old:
                created.add(term)
            elif old and not size:
                deleted.add(term)
        shards = _shard_count(kept.total, kept.shard_bytes)
        dropped: set[str] = set()
        if shards != len(kept.shards):
            dropped = {f"t/{n}.bin" for n in range(shards, len(kept.shards))}
            kept.shards = [[] for _ in range(shards)]
            for term in sorted(kept.sizes):
                kept.shards[term_hash(term) & (shards - 1)].append(term)
            redo: Iterable[int] = range(shards)
        else:
            redo = {term_hash(term) & (shards - 1) for term in dirty}
            for term in created:
                insort(kept.shards[term_hash(term) & (shards - 1)], term)
            for term in deleted:
                kept.shards[term_hash(term) & (shards - 1)].remove(term)
        for number in redo:
            names = kept.shards[number]
            files[f"t/{number}.bin"] = _term_file(names, kept.payload)
        present = (kept.present | {t for t in created if _is_present(t)}) - deleted
        if present != kept.present:
            kept.present = present
            files.update(_reading_files("".join(sorted(present))))
        return dropped

    def _commit(
        self,
        kept: _Kept,
        files: Mapping[str, bytes],
        dropped: set[str],
        docs: int,
        honor_roll: str,
    ) -> IndexFiles:
        """Keep the files that changed, forget those ``dropped``; meta.json anew."""
        changed: set[str] = set()
        for path, data in files.items():
            digest = _digest(data)
            if kept.digests.get(path) != digest:
                kept.digests[path], kept.files[path] = digest, data
                changed.add(path)
        removed = dropped - files.keys()
        for path in removed:
            kept.files.pop(path, None)
            kept.digests.pop(path, None)
        meta = _meta(
            kept.digests,
            len(kept.shards),
            kept.layout,
            docs,
            "".join(sorted(kept.present)),
            honor_roll,
        )
        if kept.files.get("meta.json") != meta:
            kept.files["meta.json"], kept.digests["meta.json"] = meta, _digest(meta)
            changed.add("meta.json")
        self.changed, self.removed = changed, tuple(sorted(removed))
        return IndexFiles(
            files=dict(kept.files), docs=docs, terms=len(kept.values), postings=kept.postings
        )


def _diff(  # noqa: PLR0917  (private)
    old: int | None,
    before: Mapping[str, int],
    new: int | None,
    after: Mapping[str, int],
    removals: defaultdict[str, list[int]],
    additions: defaultdict[str, list[int]],
) -> None:
    """The postings to take out and put in when a page at ``old`` (None: none) with terms
    ``before`` becomes one at ``new`` with terms ``after``: only the difference."""
    same = old == new
    if old is not None:
        for term, flags in before.items():
            if not same or after.get(term, -1) != flags:
                removals[term].append(old << 2 | flags)
    if new is not None:
        for term, flags in after.items():
            if not same or before.get(term, -1) != flags:
                additions[term].append(new << 2 | flags)


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
    builder = IndexBuilder(keep=False)
    for page in pages:
        builder.add(page)
    return builder.finish(shard_bytes, chunk, people, honor_roll)
