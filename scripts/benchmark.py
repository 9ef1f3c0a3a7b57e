"""Measure a full build of a synthetic county against plain Material and the page budgets.

Steps, all in one work folder:

1. ``scripts/synth_county.py`` writes the synthetic county (``ours/``) with the project's
   real mkdocs.yml and plugins.
2. ``mkdocs build -q`` of ``ours/`` from a cold photo cache: wall time, peak RSS of the
   child process, pages (``index.html`` files) and page sizes against the budgets
   (activity page ≤ 60 KB, station page ≤ 150 KB, each page of a paged station list too).
3. Unless ``--skip-plain``: the same number of plain Markdown pages (the synthetic
   entries' own bodies, so the text length matches) built with plain Material
   (``language: zh``, ``font: false``, the default search plugin, only the index in the
   nav, no custom plugins) for comparison.
4. Unless ``--skip-rebuild``: a second build of ``ours/`` with the photos unchanged,
   logged at INFO level, to read how many photos the practice plugin reprocessed and how
   many it took from its cache.

Every build runs in its own subprocess (``python -m mkdocs build``) with
``NO_MKDOCS_2_WARNING=1`` and a fixed ``SOURCE_DATE_EPOCH``; the peak RSS is that
child's own (``os.wait4``), so one build's peak never hides another's. The exit status
is 0 even when a budget fails (this is a measuring tool); it is 1 only when a build fails.

Usage::

    .venv/bin/python scripts/benchmark.py [--stations 700] [--activities 30000]
        [--honorees 3000] [--photos 200] [--busy-station N] [--workdir DIR] [--keep]
        [--skip-plain] [--skip-rebuild]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
KB = 1024
ACTIVITY_BUDGET = 60 * KB
STATION_BUDGET = 150 * KB
PLAIN_PAGES_PER_FOLDER = 100
LOAD_LIMIT = 3.0  # a 1-minute load average above this before a build: a busy machine
PHOTO_LINE = re.compile(r"照片：(\d+) 张重新处理，(\d+) 张使用缓存")
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
TITLE_LINE = re.compile(r"^(?:title|name): *(.+)$", re.MULTILINE)

PLAIN_MKDOCS_YML = """\
site_name: 纯 Material 对照站
site_url: https://wmsj.example.gov.cn/
use_directory_urls: true
theme:
  name: material
  language: zh
  font: false
plugins:
  - search
nav:
  - 首页: index.md
"""


@dataclass(frozen=True)
class Build:
    """One ``mkdocs build`` subprocess: how long, how much memory, what it logged."""

    seconds: float
    peak_rss: int  # bytes
    cpu_seconds: float  # user + system, the build and the processes it waited for
    returncode: int
    log: str
    load: float = 0.0  # the machine's 1-minute load average when the build started

    @property
    def warnings(self) -> int:
        return sum(1 for line in self.log.splitlines() if line.startswith("WARNING"))


@dataclass(frozen=True)
class Sizes:
    """Sizes of a group of pages, in bytes, and which page is the largest."""

    count: int
    total: int
    median: float
    p95: int
    largest: int
    largest_page: str
    pages: frozenset[str] = frozenset()  # paths inside the site

    @classmethod
    def of(cls, site: Path, pages: Sequence[Path]) -> Sizes:
        if not pages:
            return cls(0, 0, 0.0, 0, 0, "")
        sized = sorted((p.stat().st_size, p.relative_to(site).as_posix()) for p in pages)
        ordered = [size for size, _ in sized]
        return cls(
            len(ordered), sum(ordered), statistics.median(ordered), percentile(ordered, 95),
            ordered[-1], sized[-1][1], frozenset(path for _, path in sized),
        )  # fmt: skip


def percentile(ordered: Sequence[int], pct: float) -> int:
    """Nearest-rank percentile of already sorted values."""
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


# --- running things ---------------------------------------------------------------------


def source_date_epoch(year: int) -> str:
    return str(int(dt.datetime(year, 12, 31, 12, tzinfo=dt.UTC).timestamp()))


def run_build(config: Path, site: Path, log: Path, *, quiet: bool, epoch: str) -> Build:
    """``python -m mkdocs build`` in a child process; its own peak RSS via ``os.wait4``."""
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)]
    if quiet:
        command.append("-q")  # otherwise INFO, where the practice plugin reports photos
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": epoch}
    load = os.getloadavg()[0]
    with log.open("wb") as out:
        started = time.perf_counter()
        child = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=config.parent
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    rss = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * KB
    cpu = usage.ru_utime + usage.ru_stime
    log_text = log.read_text(encoding="utf-8", errors="replace")
    return Build(seconds, rss, cpu, child.returncode, log_text, load)


def generate(opts: argparse.Namespace, out: Path) -> float:
    command = [
        sys.executable, str(SCRIPTS / "synth_county.py"), "--out", str(out), "--force",
        "--townships", str(opts.townships), "--stations", str(opts.stations),
        "--activities", str(opts.activities), "--honorees", str(opts.honorees),
        "--photos", str(opts.photos), "--busy-station", str(opts.busy_station),
        "--year", str(opts.year), "--seed", str(opts.seed),
    ]  # fmt: skip
    started = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - started


def fail(name: str, build: Build) -> int:
    print(f"\n构建失败：{name}（退出码 {build.returncode}）。日志最后 40 行：", file=sys.stderr)
    print("\n".join(build.log.splitlines()[-40:]), file=sys.stderr)
    return 1


# --- the plain Material twin ------------------------------------------------------------


def entry_pages(content: Path) -> list[tuple[str, str]]:
    """(title, body) of every synthetic activity and honoree, in a stable order."""
    pages = []
    for path in sorted(content.glob("stations/*/*/*/*.md")):
        text = path.read_text(encoding="utf-8")
        match = FRONT_MATTER.match(text)
        if match is None:
            continue
        title = TITLE_LINE.search(match.group(1))
        pages.append((title.group(1) if title else path.stem, text[match.end() :].strip()))
    return pages


def write_plain(folder: Path, count: int, sources: list[tuple[str, str]]) -> None:
    """``count`` pages: index.md plus ``count - 1`` plain pages with our entries' text."""
    if folder.exists():
        shutil.rmtree(folder)
    docs = folder / "docs"
    docs.mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(PLAIN_MKDOCS_YML, encoding="utf-8")
    (docs / "index.md").write_text("# 纯 Material 对照站\n\n只有首页在导航中。\n", "utf-8")
    fallback = [("空白页", "这一页没有正文。")]
    for number in range(1, count):
        title, body = (sources or fallback)[(number - 1) % len(sources or fallback)]
        sub = docs / f"p{number // PLAIN_PAGES_PER_FOLDER:04d}"
        sub.mkdir(exist_ok=True)
        (sub / f"page-{number}.md").write_text(f"# {title}\n\n{body}\n", encoding="utf-8")


# --- measuring a site ---------------------------------------------------------------------


def page_count(site: Path) -> int:
    """Pages drawn with the theme: not the /admin/ form editor's small static pages nor
    the redirects of renamed stations, which cost next to nothing and would flatter the
    per-page figure (plain Material builds this many real pages)."""
    admin = site / "admin"
    return sum(
        1
        for p in site.rglob("index.html")
        if admin not in p.parents and b'http-equiv="refresh"' not in p.read_bytes()[:2048]
    )


def html_sizes(site: Path) -> tuple[int, Sizes]:
    """Bytes of all HTML, and the size spread of the ``index.html`` pages."""
    total = sum(p.stat().st_size for p in site.rglob("*.html"))
    return total, Sizes.of(site, list(site.rglob("index.html")))


def other_sizes(site: Path, *groups: Sizes) -> Sizes:
    """Every other page (home, hubs, theme months, guide…): no budget, shown for reference."""
    known = {page for group in groups for page in group.pages}
    pages = [p for p in site.rglob("index.html") if p.relative_to(site).as_posix() not in known]
    return Sizes.of(site, pages)


def activity_sizes(site: Path) -> Sizes:
    pages = site.glob("stations/*/*/activities/*/index.html")
    return Sizes.of(site, [p for p in pages if p.parent.name != "page"])


def station_sizes(site: Path) -> Sizes:
    """The station page and every page of its paged list (``page/N/``)."""
    first = [p for p in site.glob("stations/*/*/index.html") if p.parent.name != "page"]
    more = [p for p in site.glob("stations/*/*/page/*/index.html") if p.parts[-4] != "page"]
    return Sizes.of(site, [*first, *more])


def month_sizes(site: Path) -> Sizes:
    """A station's month archives (``<year>/<MM>/``, and their ``page/N/``), if built."""
    month = "stations/*/*/[0-9][0-9][0-9][0-9]/[0-9][0-9]"
    pages = [*site.glob(f"{month}/index.html"), *site.glob(f"{month}/page/*/index.html")]
    return Sizes.of(site, pages)


def photo_counts(log: str) -> tuple[int, int] | None:
    match = PHOTO_LINE.search(log)
    return (int(match.group(1)), int(match.group(2))) if match else None


# --- the report ---------------------------------------------------------------------------


def kb(value: float) -> str:
    return f"{value / KB:,.1f} KB"


def mb(value: float) -> str:
    return f"{value / KB / KB:,.1f} MB"


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int, *, right: bool) -> str:
    space = " " * max(width - display_width(text), 0)
    return space + text if right else text + space


def row(label: str, *cells: str) -> str:
    return "  " + pad(label, 22, right=False) + "".join(pad(c, 14, right=True) for c in cells)


def report_builds(ours: Build, ours_pages: int, plain: Build | None, plain_pages: int) -> None:
    print("\n构建（冷缓存，-q）")
    print(row("", "本项目", "纯 Material"))
    print(row("页面数（index.html）", f"{ours_pages:,}", f"{plain_pages:,}" if plain else "—"))
    print(row("总耗时", f"{ours.seconds:,.1f} s", f"{plain.seconds:,.1f} s" if plain else "—"))
    ours_ms = ours.seconds * 1000 / max(ours_pages, 1)
    plain_ms = plain.seconds * 1000 / max(plain_pages, 1) if plain else 0.0
    print(row("每页", f"{ours_ms:.2f} ms", f"{plain_ms:.2f} ms" if plain else "—"))
    print(row("峰值内存（RSS）", mb(ours.peak_rss), mb(plain.peak_rss) if plain else "—"))
    # The build uses a second process (search) and threads (photos); plain Material one
    # core. CPU time shows the work done, whatever the cores.
    print(
        row(
            "CPU 时间（用户+系统）",
            f"{ours.cpu_seconds:.1f} s",
            f"{plain.cpu_seconds:.1f} s" if plain else "—",
        )
    )
    print(row("日志中的 WARNING", str(ours.warnings), str(plain.warnings) if plain else "—"))
    # Another build on a shared machine takes cores from ours: a run that started above
    # LOAD_LIMIT is not a figure to quote.
    print(row("开始时负载（1 分钟）", f"{ours.load:.2f}", f"{plain.load:.2f}" if plain else "—"))
    if max(ours.load, plain.load if plain else 0.0) > LOAD_LIMIT:
        print(f"  注意：开始时负载高于 {LOAD_LIMIT:g}，机器上另有任务，本次耗时不可作为结论。")
    if plain and plain_ms > 0:
        print(f"  每页耗时之比 本项目/纯 Material：{ours_ms / plain_ms:.2f}×")
        print(f"  总耗时之比 本项目/纯 Material：{ours.seconds / plain.seconds:.2f}×")
    if plain and plain.cpu_seconds > 0:
        # CPU time moves less than wall time on a shared, loaded machine.
        ours_cpu = ours.cpu_seconds / max(ours_pages, 1)
        plain_cpu = plain.cpu_seconds / max(plain_pages, 1)
        print(f"  每页 CPU 时间之比 本项目/纯 Material：{ours_cpu / plain_cpu:.2f}×")


def budget_line(name: str, sizes: Sizes, budget: int) -> str:
    line = row(name, f"{sizes.count:,} 页", kb(sizes.largest), kb(sizes.median), f"≤ {kb(budget)}")
    if sizes.count == 0:
        return line + "  （未生成，无法检查）"
    verdict = "PASS" if sizes.largest <= budget else "FAIL  <<< 超出预算"
    return f"{line}  {verdict}  最大：{sizes.largest_page}"


def report_sizes(site: Path) -> bool:
    total, pages = html_sizes(site)
    print("\n本项目页面大小")
    print(f"  全部 HTML {mb(total)}；index.html 页面 {pages.count:,} 个，"
          f"中位数 {kb(pages.median)}，95 分位 {kb(pages.p95)}，"
          f"最大 {kb(pages.largest)}（{pages.largest_page}）")  # fmt: skip
    activities, stations = activity_sizes(site), station_sizes(site)
    print(row("", "页数", "最大", "中位数", "预算"))
    print(budget_line("活动页", activities, ACTIVITY_BUDGET))
    print(budget_line("实践站页（含分页）", stations, STATION_BUDGET))
    months = month_sizes(site)
    if months.count:
        print(budget_line("站内月份页（参考）", months, STATION_BUDGET))
    others = other_sizes(site, activities, stations, months)
    if others.count:
        print(
            row("其他页面（无预算）", f"{others.count:,} 页", kb(others.largest), kb(others.median))
            + f"{'':16}最大：{others.largest_page}"
        )
    return activities.largest <= ACTIVITY_BUDGET and stations.largest <= STATION_BUDGET


def report_rebuild(build: Build) -> None:
    print(f"  耗时 {build.seconds:,.1f} s，峰值内存 {mb(build.peak_rss)}")
    counts = photo_counts(build.log)
    if counts is None:
        print("  日志中没有“照片：N 张重新处理，M 张使用缓存”这一行")
    else:
        print(f"  照片：{counts[0]} 张重新处理，{counts[1]} 张使用缓存")


# --- main -------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="规模测试：虚构县 vs 纯 Material，页面大小预算")
    parser.add_argument("--townships", type=int, default=25)
    parser.add_argument("--stations", type=int, default=700)
    parser.add_argument("--activities", type=int, default=30_000)
    parser.add_argument("--honorees", type=int, default=3_000)
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--busy-station", type=int, default=0)
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="工作文件夹（默认临时文件夹）")
    parser.add_argument("--keep", action="store_true", help="保留临时工作文件夹")
    parser.add_argument("--skip-plain", action="store_true", help="不构建纯 Material 对照站")
    parser.add_argument(
        "--skip-rebuild", action="store_true", help="不做第二次构建（照片缓存检查）"
    )
    args = parser.parse_args(argv)
    args.townships = min(args.townships, args.stations)
    return args


def benchmark(opts: argparse.Namespace, work: Path) -> int:
    ours_dir, epoch = work / "ours", source_date_epoch(opts.year)
    print(f"工作文件夹：{work}")
    generated = generate(opts, ours_dir)
    print(f"生成虚构县用时 {generated:.1f} s")
    shutil.rmtree(ours_dir / ".cache", ignore_errors=True)  # a cold photo cache
    shutil.rmtree(ours_dir / "site", ignore_errors=True)
    config = ours_dir / "mkdocs.yml"
    print("构建本项目……", flush=True)
    ours = run_build(config, ours_dir / "site", work / "ours-build.log", quiet=True, epoch=epoch)
    if ours.returncode != 0:
        return fail("本项目", ours)
    ours_pages, status = page_count(ours_dir / "site"), 0
    plain, plain_pages = None, 0
    if not opts.skip_plain:
        plain = build_plain(work, ours_dir, ours_pages, epoch)
        if plain.returncode != 0:
            status, plain = fail("纯 Material", plain), None
        else:
            plain_pages = page_count(work / "plain" / "site")
    report_builds(ours, ours_pages, plain, plain_pages)
    within = report_sizes(ours_dir / "site")  # before the second build replaces the site
    if not opts.skip_rebuild:
        print("\n第二次构建本项目（照片未变）……", flush=True)
        rebuild = run_build(
            config, ours_dir / "site", work / "ours-rebuild.log", quiet=False, epoch=epoch
        )
        if rebuild.returncode != 0:
            status = fail("本项目（第二次）", rebuild)
        else:
            report_rebuild(rebuild)
    print("\n结论：页面大小" + ("全部在预算内（PASS）" if within else "有超出预算的页面（FAIL）"))
    return status


def build_plain(work: Path, ours_dir: Path, pages: int, epoch: str) -> Build:
    print(f"构建纯 Material 对照站（{pages:,} 页）……", flush=True)
    plain_dir = work / "plain"
    write_plain(plain_dir, pages, entry_pages(ours_dir / "content"))
    return run_build(
        plain_dir / "mkdocs.yml", plain_dir / "site", work / "plain-build.log",
        quiet=True, epoch=epoch,
    )  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    opts = parse_args(argv)
    temporary = opts.workdir is None
    work = Path(tempfile.mkdtemp(prefix="wm-bench-")) if temporary else opts.workdir.resolve()
    work.mkdir(parents=True, exist_ok=True)
    try:
        return benchmark(opts, work)
    finally:
        if temporary and not opts.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"（工作文件夹已保留：{work}）")


if __name__ == "__main__":
    sys.exit(main())
