"""Measure the site search on a built site: index time, index size, bytes per query.

For a site built with the ``search_index`` plugin (e.g. a synthetic county from
``scripts/synth_county.py``), this re-indexes the built pages the way the plugin does and
prints how long that took, how big the index is, and for each query how many bytes a
reader fetches before the first results show (meta.json, the term files of the query,
the result rows of the first 10 results) — raw, and gzip-compressed for servers that
compress. ``--browser`` checks the same figures in Chromium from the requests the page
makes (raw bytes as served by a plain static server). ``--material-index FILE`` adds, for
comparison, the size of a Material ``search/search_index.json``, which every reader
downloads whole before the first result.

Usage::

    .venv/bin/python scripts/synth_county.py --out /tmp/county --stations 700 \\
        --activities 30000 --honorees 3000 --photos 0
    .venv/bin/mkdocs build -f /tmp/county/mkdocs.yml
    .venv/bin/python scripts/search_benchmark.py /tmp/county/site [--browser] \\
        [--query 垃圾分类 --query 义诊 --query 重阳] [--material-index FILE]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from browser import serve  # type: ignore[import-not-found]  # noqa: E402

from site_plugins.search_index import index  # noqa: E402
from site_plugins.search_index.config import DEFAULT_EXCLUDE  # noqa: E402
from site_plugins.search_index.extract import PageText, extract  # noqa: E402
from site_plugins.search_index.query import Index  # noqa: E402

QUERIES = ("垃圾分类", "义诊", "重阳")
FIRST_PAGE = 10  # results search.js shows first
ASSETS = ("assets/javascripts/search.js", "assets/stylesheets/search.css")


def _kb(size: float) -> str:
    return f"{size / 1024:,.1f} KB"


def read_pages(site: Path) -> tuple[list[PageText], float]:
    """Every page the plugin would index, and the seconds it took to read them."""
    started = time.perf_counter()
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        url = rel.removesuffix("index.html")
        if rel.startswith("search/") or any(fnmatchcase(url, p) for p in DEFAULT_EXCLUDE):
            continue
        page = extract(url, path.read_text(encoding="utf-8"))
        if page is not None and (page.title or page.text):
            pages.append(page)
    return pages, time.perf_counter() - started


def first_results(files: dict[str, bytes], query: str) -> tuple[int, list[str]]:
    """(number of results, index files fetched until the first results show)."""
    found = Index(files)
    return len(found.search(query)[0]), found.fetched(query)


def browser_bytes(site: Path, queries: list[str]) -> dict[str, tuple[int, int, list[str]]]:
    """query → (bytes, requests, other hosts asked) measured in Chromium, page loaded first."""
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("WM_CHROMIUM", "/usr/bin/chromium")
    out: dict[str, tuple[int, int, list[str]]] = {}
    loads: list[Any] = []

    def record(request: Any) -> None:
        loads.append(request)

    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu"], headless=True
        )
        for query in queries:
            context = browser.new_context(viewport={"width": 412, "height": 900})
            page = context.new_page()
            page.goto(url + "/", wait_until="networkidle")
            loads.clear()
            page.on("requestfinished", record)
            page.click("[data-wm-search-open]")
            page.fill("#wm-search-input", query)
            page.wait_for_function(
                """(q) => { const t = document.querySelector(".wm-search__status").textContent;
                           return t.includes("“" + q + "”") && /找到/.test(t); }""",
                arg=query,
            )
            size = sum(r.sizes()["responseBodySize"] for r in loads)
            foreign = [r.url for r in loads if not r.url.startswith(url)]
            out[query] = (size, len(loads), foreign)
            context.close()
        browser.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="站内搜索的索引时间、大小和每次查询的下载量")
    parser.add_argument("site", type=Path, help="已生成的网站文件夹（含 search/）")
    parser.add_argument("--query", action="append", help="查询词（可重复）")
    parser.add_argument("--browser", action="store_true", help="同时在 Chromium 中实测")
    parser.add_argument("--material-index", type=Path, help="Material 的 search_index.json")
    args = parser.parse_args(argv)
    site: Path = args.site
    queries: list[str] = args.query or list(QUERIES)

    pages, read_seconds = read_pages(site)
    started = time.perf_counter()
    built = index.build(pages)
    build_seconds = time.perf_counter() - started
    files = built.files
    total = sum(len(data) for data in files.values())
    largest = max(len(data) for data in files.values())
    meta = json.loads(files["meta.json"])
    print(f"页面：{built.docs:,} 页（{built.terms:,} 个词，{built.postings:,} 条倒排记录）")
    print(f"建索引：读取页面 {read_seconds:.1f} 秒 + 写索引 {build_seconds:.1f} 秒")
    print(
        f"索引：{len(files):,} 个文件，共 {total / 1e6:.1f} MB；"
        f"{meta['shards']} 个词文件，最大文件 {_kb(largest)}"
    )
    on_disk = site / "search" / "meta.json"
    if on_disk.exists() and on_disk.read_bytes() != files["meta.json"]:
        print("注意：网站里的 search/ 与本次重建的索引不同（插件设置不同或网站已过期）")
    assets = sum((site / a).stat().st_size for a in ASSETS if (site / a).exists())
    print(f"搜索脚本和样式（每页都加载、可缓存）：{_kb(assets)}")
    print(f"\n首屏结果（前 {FIRST_PAGE} 条）之前下载的索引：")
    for query in queries:
        count, wanted = first_results(files, query)
        raw = sum(len(files[p]) for p in wanted)
        packed = sum(len(gzip.compress(files[p], mtime=0)) for p in wanted)
        print(
            f"  {query}：{count:,} 条结果，{len(wanted)} 个文件，{_kb(raw)}（gzip 后 {_kb(packed)}）"
        )
    if args.browser:
        print("\nChromium 实测（打开搜索框之后的全部请求，原始字节）：")
        for query, (size, requests, foreign) in browser_bytes(site, queries).items():
            hosts = f"，其他主机 {len(foreign)} 个请求！" if foreign else "，无其他主机"
            print(f"  {query}：{requests} 个请求，{_kb(size)}{hosts}")
    if args.material_index:
        data = args.material_index.read_bytes()
        packed = len(gzip.compress(data, mtime=0))
        print(
            f"\n对照 Material 搜索：search_index.json {data.__len__() / 1e6:.1f} MB"
            f"（gzip 后 {packed / 1e6:.2f} MB），每位读者第一次搜索前都要整个下载"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
