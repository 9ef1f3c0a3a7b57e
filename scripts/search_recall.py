"""Recall of the site search per kind of query, and kilobytes fetched per query.

Reads a query set (``scripts/search_queries.tsv`` by default: kind, query, expected
pages — see that file) and, for a built site, prints per kind how many queries find an
expected page among the first five results, and per query the index bytes fetched before
the first results show (raw, and gzip-compressed as a compressing server sends them).

The results come from ``search_index.query``, the Python copy of search.js; with
``--browser`` they are taken from search.js itself in headless Chromium at phone size
(Debian's /usr/bin/chromium), bytes counted from the requests the page makes.

Usage::

    .venv/bin/mkdocs build
    .venv/bin/python scripts/search_recall.py site [--browser] [--queries FILE] [--min 0.95]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import sys
from collections import defaultdict
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from site_plugins.search_index.query import Index  # noqa: E402

QUERIES = REPO / "scripts" / "search_queries.tsv"
TOP = 5


@dataclass(frozen=True)
class Case:
    kind: str
    query: str
    expected: tuple[str, ...]  # url globs, or title:TEXT


@dataclass(frozen=True)
class Outcome:
    case: Case
    found: bool
    top: list[str]  # titles of the first results
    raw: int  # bytes fetched
    packed: int  # the same, gzip-compressed


def read_cases(path: Path) -> list[Case]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, query, expected = line.split("\t")
        cases.append(Case(kind, query, tuple(e.strip() for e in expected.split("|"))))
    return cases


def hit(case: Case, results: list[tuple[str, str]]) -> bool:
    """Whether one of ``results`` (url, title), the first five, is an expected page."""
    for url, title in results[:TOP]:
        for wanted in case.expected:
            if wanted.startswith("title:"):
                if wanted[6:] in title and fnmatchcase(url, "stations/*"):
                    return True
            elif fnmatchcase(url, wanted):
                return True
    return False


def load_files(site: Path) -> dict[str, bytes]:
    folder = site / "search"
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def run_python(site: Path, cases: list[Case]) -> list[Outcome]:
    files = load_files(site)
    outcomes = []
    for case in cases:
        index = Index(files)  # a reader's fresh visit: nothing cached
        docs, _ = index.search(case.query)
        results = [(index.row(d)[0], index.row(d)[1]) for d in docs[:TOP]]
        fetched = index.fetched(case.query)
        raw = sum(len(files[p]) for p in fetched)
        packed = sum(len(gzip.compress(files[p], mtime=0)) for p in fetched)
        outcomes.append(Outcome(case, hit(case, results), [t for _, t in results], raw, packed))
    return outcomes


def _record(loads: list[Any], request: Any) -> None:
    loads.append(request)


def run_browser(site: Path, cases: list[Case]) -> list[Outcome]:
    from browser import PHONE, launch, serve  # type: ignore[import-not-found]
    from playwright.sync_api import sync_playwright

    files = load_files(site)
    outcomes = []
    with serve(site) as url, sync_playwright() as playwright:
        chromium = launch(playwright)
        for case in cases:
            context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
            page = context.new_page()
            page.goto(url + "/", wait_until="networkidle")
            loads: list[Any] = []
            page.on("requestfinished", functools.partial(_record, loads))
            page.click("[data-wm-search-open]")
            page.fill("#wm-search-input", case.query)
            page.wait_for_function(
                """(q) => { const t = document.querySelector(".wm-search__status").textContent;
                           return t.includes("“" + q + "”") && /找到/.test(t); }""",
                arg=case.query.strip(),
            )
            links = page.eval_on_selector_all(
                ".wm-search__link",
                "a => a.map(e => [e.getAttribute('href'), e.querySelector('.wm-search__title').textContent])",
            )
            prefix = page.evaluate("document.getElementById('wm-search').dataset.base")
            results = [(href.removeprefix(prefix).lstrip("/"), title) for href, title in links]
            paths = [r.url.removeprefix(url + "/search/").split("?")[0] for r in loads]
            raw = sum(r.sizes()["responseBodySize"] for r in loads)
            packed = sum(len(gzip.compress(files[p], mtime=0)) for p in paths if p in files)
            outcomes.append(
                Outcome(case, hit(case, results), [t for _, t in results[:TOP]], raw, packed)
            )
            context.close()
        chromium.close()
    return outcomes


def report(outcomes: list[Outcome]) -> dict[str, float]:
    by_kind: defaultdict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_kind[outcome.case.kind].append(outcome)
    print(f"{'查询':<16} {'类别':<12} {'前五':<4} {'下载 KB':>8} {'gzip KB':>8}  前几条结果")
    for outcome in outcomes:
        mark = "✓" if outcome.found else "✗"
        print(
            f"{outcome.case.query:<16} {outcome.case.kind:<12} {mark:<4} "
            f"{outcome.raw / 1024:8.1f} {outcome.packed / 1024:8.1f}  {' / '.join(outcome.top[:3])}"
        )
    print()
    recall = {}
    for kind, items in by_kind.items():
        found = sum(o.found for o in items)
        recall[kind] = found / len(items)
        largest = max(o.raw for o in items) / 1024
        largest_packed = max(o.packed for o in items) / 1024
        print(
            f"{kind:<12} 查全 {found}/{len(items)} = {recall[kind]:.0%}；"
            f"最多下载 {largest:.1f} KB（gzip {largest_packed:.1f} KB）"
        )
    total = sum(o.found for o in outcomes)
    print(f"{'全部':<12} 查全 {total}/{len(outcomes)} = {total / len(outcomes):.0%}")
    return recall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="站内搜索各类查询的查全率和每次查询的下载量")
    parser.add_argument("site", type=Path, help="已生成的网站文件夹（含 search/）")
    parser.add_argument("--queries", type=Path, default=QUERIES, help="查询集（制表符分隔）")
    parser.add_argument("--browser", action="store_true", help="在 Chromium 中用 search.js 实测")
    parser.add_argument("--min", type=float, default=0.0, help="任一类低于此查全率时返回 1")
    args = parser.parse_args(argv)
    cases = read_cases(args.queries)
    outcomes = run_browser(args.site, cases) if args.browser else run_python(args.site, cases)
    recall = report(outcomes)
    return 1 if any(value < args.min for value in recall.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
