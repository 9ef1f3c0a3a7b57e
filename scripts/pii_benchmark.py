"""Measure the personal-data scanner: how much it catches, how often it refuses wrongly, how fast.

Everything is generated from a seed, so two runs print the same rates:

- 1,000 resident IDs (nine in ten of the 18-digit form, one in ten of the old 15-digit
  form), each written in every form of :data:`ID_FORMS`;
- 1,000 mobile numbers, each written in every form of :data:`MOBILE_FORMS`;
- 10,000 strings full of digits that are not personal data (:data:`OTHER_KINDS`): amounts,
  dates, order and tracking numbers, office landlines, 400/800 lines, IDs and mobiles
  with one digit wrong, long runs that begin like a mobile.

A form counts as caught when the scanner reports it with the right code. Then the scanner
is timed over a few MB of text: the demo county's Markdown repeated, with one of the
non-personal strings after every paragraph. ``--compare FILE`` runs the same figures for
another version of ``pii.py`` (for example the one before a change) side by side.

Usage::

    .venv/bin/python scripts/pii_benchmark.py [--seed 2026] [--ids 1000] [--mobiles 1000]
        [--other 10000] [--megabytes 4] [--compare OLD_PII_PY]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import random
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from site_plugins.content import pii  # noqa: E402

Render = Callable[[str, random.Random], str]

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_FULL_WIDTH = str.maketrans("0123456789Xx+-. ()", "０１２３４５６７８９Ｘｘ＋－．　（）")
_SEPARATORS = (" ", "-", ".", "－", "．", "–", "—", "·", "・", "　", "\u200b", " - ")
_PREFIXES = ("+86", "+86 ", "+86-", "0086", "0086 ", "86 ", "86-", "(+86)", "（＋８６）")


# --- generators -------------------------------------------------------------------------


def check_character(body: str) -> str:
    return "10X98765432"[sum(int(d) * w for d, w in zip(body, _WEIGHTS, strict=True)) % 11]


def _birth(rng: random.Random, first: int, last: int) -> dt.date:
    span = (dt.date(last, 12, 31) - dt.date(first, 1, 1)).days
    return dt.date(first, 1, 1) + dt.timedelta(days=rng.randrange(span + 1))


def make_id(rng: random.Random) -> str:
    """A valid resident ID: real province, county digits, birth date, sequence, check."""
    area = rng.choice(pii.PROVINCE_CODES) + f"{rng.randrange(10000):04d}"
    if rng.random() < 0.1:
        return area + _birth(rng, 1900, 1999).strftime("%y%m%d") + f"{rng.randrange(1000):03d}"
    body = area + _birth(rng, 1930, 2020).strftime("%Y%m%d") + f"{rng.randrange(1000):03d}"
    return body + check_character(body)


def make_mobile(rng: random.Random) -> str:
    return "1" + rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(9))


def _groups(number: str, sizes: Iterable[int]) -> list[str]:
    parts, at = [], 0
    for size in sizes:
        parts.append(number[at : at + size])
        at += size
    if at < len(number):
        parts.append(number[at:])
    return [p for p in parts if p]


def _random_groups(number: str, rng: random.Random) -> list[str]:
    cuts = sorted(rng.sample(range(1, len(number)), rng.randint(1, 5)))
    return [number[a:b] for a, b in zip([0, *cuts], [*cuts, len(number)], strict=True)]


def _id_groups(number: str) -> list[str]:
    """The usual reading: area (6), birth date (8 or 6), the rest."""
    return _groups(number, (6, 8 if len(number) == 18 else 6))


ID_FORMS: dict[str, Render] = {
    "plain": lambda n, r: n,
    "lower x / ×": lambda n, r: n.replace("X", r.choice("x×")),
    "full-width": lambda n, r: n.translate(_FULL_WIDTH),
    "6-8-4 spaces": lambda n, r: " ".join(_id_groups(n)),
    "6-8-4 dashes": lambda n, r: "-".join(_id_groups(n)),
    "6-8-4 dots": lambda n, r: ".".join(_id_groups(n)),
    "4-4-4-4-2": lambda n, r: " ".join(_groups(n, (4, 4, 4, 4))),
    "full-width spaced": lambda n, r: "　".join(_id_groups(n)).translate(_FULL_WIDTH),
    "any grouping, any separator": lambda n, r: r.choice(_SEPARATORS).join(_random_groups(n, r)),
    "in a sentence": lambda n, r: f"张大爷（身份证号{n}）行动不便",
    "after a label": lambda n, r: f"身份证：{' '.join(_id_groups(n))}。",
    "zero-width spaces": lambda n, r: "\u200b".join(_groups(n, (3,) * 6)),
}

MOBILE_FORMS: dict[str, Render] = {
    "plain": lambda n, r: n,
    "full-width": lambda n, r: n.translate(_FULL_WIDTH),
    "3-4-4 spaces": lambda n, r: " ".join(_groups(n, (3, 4))),
    "3-4-4 dashes": lambda n, r: "-".join(_groups(n, (3, 4))),
    "3-4-4 dots": lambda n, r: ".".join(_groups(n, (3, 4))),
    "4-3-4 spaces": lambda n, r: " ".join(_groups(n, (4, 3))),
    "3-3-5": lambda n, r: r.choice(_SEPARATORS).join(_groups(n, (3, 3))),
    "en/em dash, middle dot": lambda n, r: r.choice("–—·").join(_groups(n, (3, 4))),
    "full-width separators": lambda n, r: r.choice("　－．").join(_groups(n, (3, 4))),
    "any grouping, any separator": lambda n, r: r.choice(_SEPARATORS).join(_random_groups(n, r)),
    "+86 / 0086 / 86 prefix": lambda n, r: r.choice(_PREFIXES) + n,
    "prefix, grouped, full-width": lambda n, r: (
        r.choice(_PREFIXES) + " ".join(_groups(n, (3, 4)))
    ).translate(_FULL_WIDTH),
    "in a sentence": lambda n, r: f"报名请联系王老师{n}，额满为止",
    "after a label": lambda n, r: r.choice(("电话：", "Tel:", "vx", "微信同号", "手机 ")) + n,
    "zero-width spaces": lambda n, r: "\u200b".join(_groups(n, (3, 4))),
    "line break": lambda n, r: "\n".join(_groups(n, (3, 4))),
}


def _digits(rng: random.Random, count: int, first: str = "123456789") -> str:
    return rng.choice(first) + "".join(rng.choice("0123456789") for _ in range(count - 1))


def _order_number(rng: random.Random) -> str:
    """12–20 digits, often led by a date, never a valid ID."""
    while True:
        length = rng.randint(12, 20)
        if rng.random() < 0.5:
            date = _birth(rng, 2015, 2026).strftime("%Y%m%d")
            number = date + _digits(rng, length - 8, "0123456789")
        else:
            number = _digits(rng, length)
        if not (pii.is_id18(number) or pii.is_id15(number)):
            return number


def _landline(rng: random.Random) -> str:
    area = rng.choice(("010", "021", "0531", "0539", "0755", "0371"))
    local = _digits(rng, 8 if len(area) == 3 or rng.random() < 0.8 else 7, "2345678")
    shapes = (
        f"{area}-{local}",
        f"{area}-{local[:4]} {local[4:]}",
        f"({area}){local}",
        f"（{area}）{local}",
        f"{area} {local}",
        f"{area}-{local}转{rng.randint(100, 999)}",
        f"{area}-{local}".translate(_FULL_WIDTH),
    )
    return rng.choice(shapes)


def _service_line(rng: random.Random) -> str:
    head = rng.choice(("400", "800"))
    tail = _digits(rng, 7, "0123456789")
    return rng.choice(
        (f"{head}-{tail[:3]}-{tail[3:]}", f"{head} {tail[:3]} {tail[3:]}", head + tail)
    )


def _amount(rng: random.Random) -> str:
    big = rng.randrange(10**9, 10**11)
    return rng.choice(
        (
            f"¥{big:,}",
            f"￥{big:,}.00",
            f"{rng.randrange(100, 99999)}.{rng.randrange(100):02d}元",
            f"投入资金 {big} 元",
            f"共计{big}.50元",
            f"RMB {big:,}",
        )
    )


def _date(rng: random.Random) -> str:
    day = _birth(rng, 1950, 2030)
    return rng.choice(
        (
            day.isoformat(),
            day.strftime("%Y.%m.%d"),
            day.strftime("%Y%m%d"),
            f"{day.year}年{day.month}月{day.day}日",
            f"{day.isoformat()} {rng.randint(7, 21)}:{rng.choice(('00', '30'))}",
            f"{day:%Y-%m-%d}至{day + dt.timedelta(days=rng.randint(1, 40)):%Y-%m-%d}",
        )
    )


def _tracking(rng: random.Random) -> str:
    return rng.choice(
        (
            "SF" + _digits(rng, 13),
            "SF" + make_mobile(rng),
            "JD" + _digits(rng, rng.randint(13, 15)),
            "YT" + _digits(rng, 13),
            "EA" + _digits(rng, 9) + "CN",
            "7" + _digits(rng, 11, "0123456789"),
        )
    )


def _long_run(rng: random.Random) -> str:
    """13–16 digits that begin like a mobile: part of a longer number, not one."""
    return make_mobile(rng) + _digits(rng, rng.randint(2, 5), "0123456789")


def _near_id(rng: random.Random) -> str:
    """An 18-digit ID with a wrong check character, or a 15-digit one with a bad region or date."""
    number = make_id(rng)
    if len(number) == 18:
        wrong = rng.choice([c for c in "0123456789X" if c != number[-1]])
        return number[:17] + wrong
    bad_region = rng.choice(("00", "10", "20", "39", "49", "55", "60", "70", "90", "99"))
    return rng.choice((bad_region + number[2:], number[:8] + "13" + number[10:]))


def _counts(rng: random.Random) -> str:
    return (
        f"受益群众 {rng.randint(10, 900)} 人，服务时长 {rng.randint(1, 300)} 小时，"
        f"发放资料 {rng.randint(100, 9999)} 份"
    )


OTHER_KINDS: dict[str, Callable[[random.Random], str]] = {
    "order number (12–20 digits)": _order_number,
    "tracking number": _tracking,
    "office landline": _landline,
    "400/800 line": _service_line,
    "amount": _amount,
    "date": _date,
    "13–16 digits led by 1[3-9]": _long_run,
    "ID with one thing wrong": _near_id,
    "counts in a sentence": _counts,
}


@dataclass(frozen=True)
class Sample:
    kind: str  # the form (personal data) or kind (other strings)
    text: str
    expected: str | None  # the code the scanner must report, None for other strings


def personal_samples(seed: int, ids: int, mobiles: int) -> Iterator[Sample]:
    rng = random.Random(seed)
    for _ in range(ids):
        number = make_id(rng)
        for form, render in ID_FORMS.items():
            yield Sample(f"ID · {form}", render(number, rng), "ID_NUMBER")
    for _ in range(mobiles):
        number = make_mobile(rng)
        for form, render in MOBILE_FORMS.items():
            yield Sample(f"mobile · {form}", render(number, rng), "MOBILE_NUMBER")


def other_samples(seed: int, count: int) -> Iterator[Sample]:
    rng = random.Random(seed + 1)
    kinds = list(OTHER_KINDS.items())
    for index in range(count):
        kind, make = kinds[index % len(kinds)]
        yield Sample(kind, f"{rng.choice(('编号', '', '，', '：'))}{make(rng)}。", None)


# --- measuring --------------------------------------------------------------------------


@dataclass
class Tally:
    total: int = 0
    hits: int = 0

    @property
    def percent(self) -> float:
        return 100.0 * self.hits / self.total if self.total else 0.0


def _codes(scanner: ModuleType, text: str) -> list[str]:
    return [finding.code for finding in scanner.find_personal_data(text)]


def caught(scanner: ModuleType, samples: Iterable[Sample]) -> dict[str, Tally]:
    """Per form: how many were reported with the expected code."""
    tallies: dict[str, Tally] = {}
    for sample in samples:
        tally = tallies.setdefault(sample.kind, Tally())
        tally.total += 1
        tally.hits += sample.expected in _codes(scanner, sample.text)
    return tallies


def refused(scanner: ModuleType, samples: Iterable[Sample]) -> tuple[dict[str, Tally], list[str]]:
    """Per kind: how many were wrongly reported, and the first few of them."""
    tallies: dict[str, Tally] = {}
    examples: list[str] = []
    for sample in samples:
        tally = tallies.setdefault(sample.kind, Tally())
        tally.total += 1
        if _codes(scanner, sample.text):
            tally.hits += 1
            if len(examples) < 10:
                examples.append(sample.text)
    return tallies, examples


def overall(tallies: dict[str, Tally]) -> Tally:
    return Tally(sum(t.total for t in tallies.values()), sum(t.hits for t in tallies.values()))


def corpus(megabytes: float, seed: int) -> str:
    """Demo Markdown repeated to the size asked, a non-personal string after each paragraph."""
    paragraphs = [
        part
        for path in sorted((REPO / "content").rglob("*.md"))
        for part in path.read_text(encoding="utf-8").split("\n\n")
        if part.strip()
    ]
    others = [sample.text for sample in other_samples(seed, 2000)]
    pieces, size, index = [], 0, 0
    limit = int(megabytes * 1024 * 1024)
    while size < limit:
        piece = paragraphs[index % len(paragraphs)] + others[index % len(others)] + "\n\n"
        pieces.append(piece)
        size += len(piece.encode("utf-8"))
        index += 1
    return "".join(pieces)


def seconds_per_scan(scanner: ModuleType, text: str, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for _finding in scanner.find_personal_data(text):
            pass
        best = min(best, time.perf_counter() - start)
    return best


def load_scanner(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("compared_pii", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def report(name: str, scanner: ModuleType, args: argparse.Namespace, text: str) -> None:
    personal = list(personal_samples(args.seed, args.ids, args.mobiles))
    catches = caught(scanner, personal)
    refusals, examples = refused(scanner, other_samples(args.seed, args.other))
    ids = overall({k: t for k, t in catches.items() if k.startswith("ID")})
    mobiles = overall({k: t for k, t in catches.items() if k.startswith("mobile")})
    print(f"\n== {name}")
    for kind, tally in catches.items():
        print(f"  caught   {tally.percent:6.2f}%  {tally.hits:5}/{tally.total:<5}  {kind}")
    for kind, tally in refusals.items():
        print(f"  refused  {tally.percent:6.2f}%  {tally.hits:5}/{tally.total:<5}  {kind}")
    false = overall(refusals)
    print(f"  IDs caught: {ids.percent:.2f}% ({ids.hits}/{ids.total} forms of {args.ids} IDs)")
    print(
        f"  mobiles caught: {mobiles.percent:.2f}% "
        f"({mobiles.hits}/{mobiles.total} forms of {args.mobiles} mobiles)"
    )
    print(f"  falsely refused: {false.percent:.3f}% ({false.hits}/{false.total})")
    for example in examples:
        print(f"    e.g. {example!r}")
    megabytes = len(text.encode("utf-8")) / 1024 / 1024
    took = seconds_per_scan(scanner, text)
    print(f"  speed: {megabytes:.1f} MB in {took * 1000:.0f} ms ({megabytes / took:.1f} MB/s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--ids", type=int, default=1000)
    parser.add_argument("--mobiles", type=int, default=1000)
    parser.add_argument("--other", type=int, default=10000)
    parser.add_argument("--megabytes", type=float, default=4.0)
    parser.add_argument("--compare", type=Path, help="another pii.py to measure the same way")
    args = parser.parse_args(argv)
    text = corpus(args.megabytes, args.seed)
    if args.compare:
        report(f"compared: {args.compare}", load_scanner(args.compare), args, text)
    report("site_plugins/content/pii.py", pii, args, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
