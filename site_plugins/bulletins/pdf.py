"""PDFs from built pages with Debian's headless Chromium, driven through Playwright.

Why Chromium and not WeasyPrint: the pages are already laid out for Chromium (grid,
``aspect-ratio``, ``object-fit``, ``@page`` margin boxes, ``zoom`` for A3), it embeds a
JPEG photo in the PDF as it is (WebP and PNG are re-encoded, so sheets link JPEGs), and
one browser kept open renders a sheet in a few tenths of a second; measured figures are
in the README and come from ``scripts/print_benchmark.py``.

One browser, and ``workers`` pages side by side working through one queue, each in its
own context with JavaScript off (printing needs none, and Material's script would start
loading the search index on every page). A context per worker gets its own renderer
process, so two cores are kept busy while Python waits; more workers than cores only
make each sheet slower (see the README for the measured figures).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = Path(os.environ.get("WM_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--font-render-hinting=none",
)
CJK_FONT_PACKAGE = "fonts-noto-cjk"
PAGE_TIMEOUT_MS = 60_000


class PrintError(RuntimeError):
    """Something the person running the print command must fix; the message says how."""


@dataclass(frozen=True)
class PrintJob:
    source: Path  # a built page's index.html
    out: Path  # the PDF to write


@dataclass(frozen=True)
class Printed:
    job: PrintJob
    seconds: float  # from starting to load the page to the PDF on disk
    size: int  # bytes


def check_tools(chromium: Path = CHROMIUM) -> None:
    """Raise :class:`PrintError` (in Chinese, with the fix) unless PDFs can be made here."""
    problems = []
    try:
        import playwright  # noqa: F401
    except ImportError:
        problems.append(
            "缺少 Python 包 playwright：运行 make print（会自动安装），"
            "或 .venv/bin/pip install -e '.[print]'"
        )
    if not chromium.exists():
        problems.append(
            f"找不到浏览器 {chromium}：请以 root 运行 apt-get install chromium"
            "（或运行 make print，以 root 身份时会自动安装）"
        )
    if not has_cjk_font():
        problems.append(
            f"没有中文字体，PDF 里的中文会印成方框：请以 root 运行 apt-get install {CJK_FONT_PACKAGE}"
            "（或运行 make print，以 root 身份时会自动安装）"
        )
    if problems:
        raise PrintError("无法生成 PDF：\n" + "\n".join(f"  - {p}" for p in problems))


def has_cjk_font() -> bool:
    """True when fontconfig knows a font covering Chinese (what Chromium will use)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    found = subprocess.run(
        [fc_list, ":lang=zh-cn", "family"], capture_output=True, text=True, check=False
    )
    return found.returncode == 0 and bool(found.stdout.strip())


def render(jobs: Sequence[PrintJob], workers: int = 2, chromium: Path = CHROMIUM) -> list[Printed]:
    """Print every job to its PDF; results in the order of ``jobs``."""
    if not jobs:
        return []

    def run() -> list[Printed]:
        return asyncio.run(_render(list(jobs), max(1, workers), chromium))

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return run()
    # Called from inside an event loop (Playwright's sync API keeps one): a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


async def _render(jobs: list[PrintJob], workers: int, chromium: Path) -> list[Printed]:
    from playwright.async_api import async_playwright

    queue: asyncio.Queue[int] = asyncio.Queue()
    for index in range(len(jobs)):
        queue.put_nowait(index)
    results: list[Printed | None] = [None] * len(jobs)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(chromium), args=list(CHROMIUM_ARGS), headless=True
        )
        try:

            async def work() -> None:
                # A context (and so a renderer process) per worker: pages of one context
                # share a renderer and would take turns instead of running side by side.
                context = await browser.new_context(java_script_enabled=False, locale="zh-CN")
                context.set_default_timeout(PAGE_TIMEOUT_MS)
                page = await context.new_page()
                try:
                    while not queue.empty():
                        index = queue.get_nowait()
                        job = jobs[index]
                        started = time.perf_counter()
                        job.out.parent.mkdir(parents=True, exist_ok=True)
                        await page.goto(job.source.resolve().as_uri(), wait_until="load")
                        # Tagged (a structure tree: headings, lists, tables, reading
                        # order) for screen readers and reflow; the outline is the PDF's
                        # bookmarks from the page's headings.
                        await page.pdf(
                            path=str(job.out),
                            prefer_css_page_size=True,
                            print_background=True,
                            tagged=True,
                            outline=True,
                        )
                        results[index] = Printed(
                            job, time.perf_counter() - started, job.out.stat().st_size
                        )
                finally:
                    await context.close()

            await asyncio.gather(*(work() for _ in range(min(workers, len(jobs)))))
        finally:
            await browser.close()
    return [r for r in results if r is not None]
