"""Measure ``make print`` at county scale: one month's sheets and 通报 as PDFs.

Steps, in one work folder:

1. ``scripts/synth_county.py`` writes a synthetic county (default: 700 stations, 8,400
   activities, 700 honorees, 300 photos).
2. The site is built with that month's sheets (``WM_PRINT=1``, ``WM_PRINT_MONTH``), as
   ``python -m site_plugins print`` does: wall time.
3. Every sheet of the month (one paper size) is printed with one Chromium and
   ``--workers`` pages side by side; then the 通报 (county and townships).

Printed figures: build seconds; per sheet, the seconds from loading the page to its PDF
on disk (median, 95th percentile, max) and its size in bytes (median, max) and pages;
sheets per minute; the total in minutes, each against its budget (a sheet ≤ 1.5 s and
≤ 1.5 MB; all sheets of a 700-station month ≤ 15 minutes). ``--compare`` first prints a
sample of sheets with 1, 2, 3 and 4 workers, to choose the default. Exit status 0 even
when a budget fails (a measuring tool); 1 only when a step fails.

Usage::

    .venv/bin/python scripts/print_benchmark.py [--stations 700] [--activities 8400]
        [--honorees 700] [--photos 300] [--month 2026-06] [--size a4] [--workers 2]
        [--limit N] [--compare] [--workdir DIR] [--keep]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from site_plugins.bulletins import pdf, printing
from site_plugins.bulletins.pdf import Printed
from site_plugins.content import load_catalogue

SCRIPTS = Path(__file__).resolve().parent

SHEET_SECONDS = 1.5
SHEET_BYTES = 1_500_000
TOTAL_MINUTES = 15.0


def synth(opts: argparse.Namespace, project: Path) -> None:
    command = [
        sys.executable, str(SCRIPTS / "synth_county.py"), "--out", str(project), "--force",
        "--stations", str(opts.stations), "--activities", str(opts.activities),
        "--honorees", str(opts.honorees), "--photos", str(opts.photos),
    ]  # fmt: skip
    subprocess.run(command, check=True)


def pages_of(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    line = next(x for x in info.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def verdict(ok: bool) -> str:
    return "符合" if ok else "超出"


def report_sheets(printed: Sequence[Printed], wall: float, workers: int) -> None:
    seconds = sorted(p.seconds for p in printed)
    sizes = sorted(p.size for p in printed)
    pages = [pages_of(p.job.out) for p in printed]
    p95 = seconds[min(len(seconds) - 1, int(len(seconds) * 0.95))]
    print(f"张贴页：{len(printed)} 份，{workers} 个页面并行，用时 {wall:.1f} 秒")
    print(
        f"  每份用时（加载到写完 PDF）：中位 {statistics.median(seconds):.2f} 秒，"
        f"95% {p95:.2f} 秒，最长 {seconds[-1]:.2f} 秒"
        f"（预算 ≤ {SHEET_SECONDS} 秒：{verdict(seconds[-1] <= SHEET_SECONDS)}）"
    )
    print(
        f"  平均每份占用 {wall / len(printed):.2f} 秒墙钟时间，每分钟 {len(printed) / wall * 60:.0f} 份"
    )
    print(
        f"  大小：中位 {statistics.median(sizes) / 1024:.0f} KB，最大 {sizes[-1] / 1024:.0f} KB"
        f"（预算 ≤ {SHEET_BYTES / 1_000_000} MB：{verdict(sizes[-1] <= SHEET_BYTES)}）"
    )
    counts = {n: pages.count(n) for n in sorted(set(pages))}
    print("  页数：" + "，".join(f"{n} 页 {c} 份" for n, c in counts.items()))


def compare(jobs: list[pdf.PrintJob], sample: int) -> None:
    chosen = jobs[:sample]
    print(f"并行页面数对比（{len(chosen)} 份张贴页）：")
    for workers in (1, 2, 3, 4):
        started = time.perf_counter()
        printed = pdf.render(chosen, workers)
        wall = time.perf_counter() - started
        median = statistics.median(p.seconds for p in printed)
        print(
            f"  {workers} 个：{wall:.1f} 秒，每份墙钟 {wall / len(printed):.2f} 秒，"
            f"单份中位 {median:.2f} 秒"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="测量一个月的张贴页和通报打印成 PDF 的用时和大小")
    parser.add_argument("--stations", type=int, default=700)
    parser.add_argument("--activities", type=int, default=8400)
    parser.add_argument("--honorees", type=int, default=700)
    parser.add_argument("--photos", type=int, default=300)
    parser.add_argument("--month", default="2026-06")
    parser.add_argument("--size", choices=printing.SIZES, default="a4")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="只打印前 N 份张贴页（0：全部）")
    parser.add_argument("--compare", action="store_true", help="先用 1–4 个并行页面各打印 60 份")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--keep", action="store_true", help="保留工作文件夹")
    opts = parser.parse_args(argv)

    pdf.check_tools()
    work = opts.workdir or Path(tempfile.mkdtemp(prefix="wm-print-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        project = work / "county"
        started = time.perf_counter()
        synth(opts, project)
        print(f"虚构县生成：{time.perf_counter() - started:.1f} 秒")
        config = printing.read_project(project / "mkdocs.yml")
        catalogue = load_catalogue(config.docs_dir, os.environ.get("SOURCE_DATE_EPOCH"))
        month = printing.choose_month(catalogue, opts.month)
        site = work / "site"
        shutil.rmtree(site, ignore_errors=True)
        build = printing.build_site(config, month, site)
        print(
            f"生成网站（含 {opts.month} 的张贴页，A4 和 A3 各 {len(catalogue.stations)} 页）："
            f"{build:.1f} 秒"
        )
        out = work / "print"
        every = printing.jobs(catalogue, month, site, out, (opts.size,), bulletins=False)
        sheets = every[: opts.limit] if opts.limit else every
        if opts.compare:
            compare(sheets, min(60, len(sheets)))
        started = time.perf_counter()
        printed = pdf.render(sheets, opts.workers)
        wall = time.perf_counter() - started
        report_sheets(printed, wall, opts.workers)
        bulletins = [
            j
            for j in printing.jobs(catalogue, month, site, out, (), bulletins=True)
            if j.out.name == "bulletin.pdf"
        ]
        started = time.perf_counter()
        done = pdf.render(bulletins, opts.workers)
        bulletin_wall = time.perf_counter() - started
        county = done[0]
        print(
            f"通报：{len(done)} 份（全县 1 份 {pages_of(county.job.out)} 页 "
            f"{county.size / 1024:.0f} KB），用时 {bulletin_wall:.1f} 秒"
        )
        scale = len(every) / len(printed)
        total = (build + wall * scale + bulletin_wall) / 60
        note = f"（按 {len(printed)}/{len(every)} 份推算）" if scale != 1 else ""
        print(
            f"合计：{total:.1f} 分钟{note}，预算 ≤ {TOTAL_MINUTES:g} 分钟："
            f"{verdict(total <= TOTAL_MINUTES)}"
        )
    finally:
        if opts.keep or opts.workdir:
            print(f"工作文件夹：{work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
