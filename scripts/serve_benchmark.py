"""Edit-to-visible seconds of ``mkdocs serve --dirty`` (what ``make serve`` runs).

For each scale (``demo``: the repository's demo county; ``budget``: the synthetic county
of ``scripts/synth_county.py``, 700 stations and 30,000 activities by default) this
copies or generates the project into a work folder, starts ``mkdocs serve --dirty`` on
it, waits for the first page (start-up), and then, ``--runs`` times each, makes one
edit and polls the served HTTP page until the change shows:

- an activity's title edited (its page shows the new title),
- an honoree's summary edited (the honoree's page shows it),
- a new activity (its page answers with its title),
- that activity deleted (its page answers 404),
- county.yml's footer edited (the home page shows it: a full rebuild).

After each change it also waits for the rebuild's own line (``预览已更新…``) so that
the next edit starts on an idle server. It prints the median (and the range) of each,
and the pages each rebuild redrew. A measuring tool: the exit status is 0 unless the
server fails or a change never shows.

Usage::

    .venv/bin/python scripts/serve_benchmark.py [--scale demo|budget|both] [--runs 5]
        [--county-runs N] [--stations 700] [--activities 30000] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from site_plugins import routes  # noqa: E402  (the repository is put on the path first)

REBUILT = re.compile(r"预览已更新（(\S+)）：重新生成 (\d+) 个页面（共 (\d+) 个），用时 ([\d.]+) 秒")
# 2026-12-31 12:00 UTC: the synthetic county's activities run to the end of 2026.
EPOCH = "1798718400"
POLL = 0.05


@dataclass
class Server:
    """A running ``mkdocs serve --dirty`` and the rebuild lines it has printed."""

    process: subprocess.Popen[str]
    url: str
    lines: list[str] = field(default_factory=list)
    rebuilds: list[tuple[str, int, int, float]] = field(default_factory=list)

    def read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)
            if match := REBUILT.search(line):
                kind, count, total, seconds = match.groups()
                self.rebuilds.append((kind, int(count), int(total), float(seconds)))

    def last_line(self) -> str:
        found = [line.strip() for line in self.lines if REBUILT.search(line)]
        return found[-1].split("INFO", 1)[-1].strip(" -") if found else ""

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def wait_for(check: Callable[[], bool], timeout: float, what: str) -> float:
    started = time.perf_counter()
    while not check():
        if time.perf_counter() - started > timeout:
            raise SystemExit(f"serve_benchmark: {what} did not show within {timeout:.0f} s")
        time.sleep(POLL)
    return time.perf_counter() - started


def start(project: Path, port: int, timeout: float) -> tuple[Server, float]:
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH}
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
    )
    server = Server(process, f"http://127.0.0.1:{port}/")
    threading.Thread(target=server.read, daemon=True).start()
    wait_for(lambda: bool(server.rebuilds) or process.poll() is not None, timeout, "start-up")
    if process.poll() is not None:
        raise SystemExit("serve_benchmark: mkdocs serve stopped:\n" + "".join(server.lines[-30:]))
    wait_for(lambda: fetch(server.url)[0] == 200, timeout, "the home page")
    return server, time.perf_counter() - started


@dataclass(frozen=True)
class Measure:
    name: str
    seconds: list[float]
    pages: list[int]

    def line(self) -> str:
        low, high = min(self.seconds), max(self.seconds)
        pages = statistics.median(self.pages) if self.pages else 0
        return (
            f"  {self.name:<14} 中位数 {statistics.median(self.seconds):6.2f} 秒"
            f"（{low:.2f}–{high:.2f}，{len(self.seconds)} 次），重新生成约 {pages:.0f} 个页面"
        )


def timed_edit(
    server: Server, change: Callable[[], object], visible: Callable[[], bool], timeout: float
) -> tuple[float, int]:
    """Seconds from the edit until ``visible``; then wait for the rebuild's line."""
    before = len(server.rebuilds)
    started = time.perf_counter()
    change()
    wait_for(visible, timeout, "the change")
    seconds = time.perf_counter() - started
    wait_for(lambda: len(server.rebuilds) > before, timeout, "the rebuild line")
    time.sleep(0.3)  # the watcher's debounce: let it see no further change
    return seconds, server.rebuilds[-1][1]


def page_url(server: Server, content: Path, entry: Path) -> str:
    station = entry.parent.parent.relative_to(content / "stations").as_posix()
    make = routes.activity if entry.parent.name == "activities" else routes.honoree
    return server.url + make(station, entry.stem)


def shows(url: str, text: str) -> Callable[[], bool]:
    return lambda: text in fetch(url)[1]


def gone(url: str) -> Callable[[], bool]:
    return lambda: fetch(url)[0] == 404


def write(path: Path, text: str) -> Callable[[], object]:
    return partial(path.write_text, text, encoding="utf-8")


@dataclass
class Scenario:
    """The files one benchmark edits (restored to their first text at the end)."""

    server: Server
    content: Path
    timeout: float
    results: dict[str, tuple[list[float], list[int]]] = field(default_factory=dict)

    def record(self, name: str, change: Callable[[], object], visible: Callable[[], bool]) -> None:
        seconds, pages = timed_edit(self.server, change, visible, self.timeout)
        found = self.results.setdefault(name, ([], []))
        found[0].append(seconds)
        found[1].append(pages)
        # Each run as it ends, with the server's own line: a long benchmark shows progress.
        print(f"    {name}：{seconds:.2f} 秒；{self.server.last_line()}", flush=True)

    def entry_round(self, run: int, activity: Path, honoree: Path) -> None:
        original = activity.read_text(encoding="utf-8")
        mark = f"改过第{run}遍"
        url = page_url(self.server, self.content, activity)
        text = original.replace("title: ", f"title: {mark}", 1)
        self.record("活动修改", write(activity, text), shows(url, mark))

        mark = f"事迹更新第{run}遍"
        url = page_url(self.server, self.content, honoree)
        body = honoree.read_text(encoding="utf-8") + f"\n{mark}。\n"
        self.record("好人修改", write(honoree, body), shows(url, mark))

        new = activity.with_name(f"{activity.stem}-xin{run}.md")
        mark = f"新增活动第{run}条"
        url = page_url(self.server, self.content, new)
        self.record(
            "新增活动",
            write(new, original.replace("title: ", f"title: {mark}", 1)),
            shows(url, mark),
        )
        self.record("删除活动", new.unlink, gone(url))

    def county_round(self, run: int) -> None:
        county = self.content / "county.yml"
        mark = f"测试主办单位{run}"
        text = re.sub(r"(?m)^(  sponsor: ).*$", rf"\g<1>{mark}", county.read_text(encoding="utf-8"))
        self.record("county.yml", write(county, text), shows(self.server.url, mark))

    def measures(self) -> list[Measure]:
        return [Measure(name, s, p) for name, (s, p) in self.results.items()]


def measure(
    server: Server, project: Path, runs: int, county_runs: int, timeout: float
) -> list[Measure]:
    content = project / "content"
    activities = sorted(content.glob("stations/*/*/activities/*.md"))
    honorees = sorted(content.glob("stations/*/*/honorees/*.md"))
    scenario = Scenario(server, content, timeout)
    for run in range(1, runs + 1):
        scenario.entry_round(run, activities[len(activities) // 2], honorees[len(honorees) // 2])
    for run in range(1, county_runs + 1):
        scenario.county_round(run)
    return scenario.measures()


def prepare(scale: str, opts: argparse.Namespace, work: Path) -> Path:
    project = work / scale
    if scale == "demo":
        shutil.rmtree(project, ignore_errors=True)
        project.mkdir(parents=True)
        shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
        shutil.copytree(REPO / "content", project / "content")
        (project / "theme_overrides").symlink_to(REPO / "theme_overrides")
        return project
    command = [
        sys.executable, str(REPO / "scripts" / "synth_county.py"), "--out", str(project),
        "--force", "--stations", str(opts.stations), "--activities", str(opts.activities),
        "--honorees", str(opts.honorees),
    ]  # fmt: skip
    subprocess.run(command, check=True)
    return project


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="make serve 的修改到可见用时")
    parser.add_argument("--scale", choices=("demo", "budget", "both"), default="both")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--county-runs", type=int, default=None, help="默认与 --runs 相同")
    parser.add_argument("--stations", type=int, default=700)
    parser.add_argument("--activities", type=int, default=30_000)
    parser.add_argument("--honorees", type=int, default=3_000)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--timeout", type=float, default=1800.0)
    parser.add_argument("--workdir", type=Path, default=None)
    opts = parser.parse_args(argv)
    county_runs = opts.runs if opts.county_runs is None else opts.county_runs
    work = opts.workdir or Path(tempfile.mkdtemp(prefix="serve-bench-"))
    scales = ("demo", "budget") if opts.scale == "both" else (opts.scale,)
    print(
        f"负载（1/5/15 分钟）：{' '.join(f'{x:.1f}' for x in os.getloadavg())}，CPU {os.cpu_count()} 核"
    )
    for scale in scales:
        project = prepare(scale, opts, work)
        server, startup = start(project, opts.port, opts.timeout)
        try:
            first = server.rebuilds[0]
            print(
                f"{scale}：启动 {startup:.1f} 秒（首次生成 {first[3]:.1f} 秒，{first[2]} 个页面）",
                flush=True,
            )
            for result in measure(server, project, opts.runs, county_runs, opts.timeout):
                print(result.line())
        finally:
            server.stop()
    print(f"负载（1/5/15 分钟）：{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
