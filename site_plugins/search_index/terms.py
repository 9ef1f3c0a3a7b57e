"""Terms of a text and the varint postings of the term files (see ``index``)."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator, Sequence

from site_plugins import chinese

TITLE, PLACE = 1, 2
FNV_OFFSET, FNV_PRIME = 0x811C9DC5, 0x01000193

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


def varint(value: int, out: bytearray) -> None:
    while value > 0x7F:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)


def _varint_bytes(value: int) -> bytes:
    out = bytearray()
    varint(value, out)
    return bytes(out)


# Gaps below 2**14 (one or two bytes) are looked up rather than encoded: nearly all are.
_SMALL = tuple(_varint_bytes(value) for value in range(1 << 14))


def encode(ids: Sequence[int], previous: int = -4) -> bytes:
    """Postings ``doc << 2 | flags`` (ascending docs) as varints of the doc gaps, the first
    from ``previous`` (a posting before them, or -4: from doc -1)."""
    pieces = encode_each(ids, previous)
    return pieces if isinstance(pieces, bytes) else b"".join(pieces)


def encode_each(ids: Sequence[int], previous: int = -4) -> list[bytes] | bytes:
    """``encode``, one piece per posting: a list of varints, or (when every gap fits one
    byte) the bytes themselves, a byte per posting."""
    if not ids:
        return b""
    gaps = [
        ((value >> 2) - (before >> 2)) << 2 | (value & 3)
        for value, before in zip(ids, [previous, *ids[:-1]], strict=True)
    ]
    if max(gaps) < 0x80:
        return bytes(gaps)  # every gap fits one byte
    small = _SMALL
    return [small[gap] if gap < 16384 else _varint_bytes(gap) for gap in gaps]


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
