"""``python -m site_plugins print``: one month's 通报 and notice-board sheets as PDFs.

1. Check the month and the tools (Chromium, a Chinese font, Playwright) before the slow
   part: a month without a bulletin, a missing ``site_url``, content errors or a missing
   tool stop here with a Chinese message.
2. Build the site with sheets on (``WM_PRINT=1``, ``WM_PRINT_MONTH``) into a temporary
   folder, in a subprocess, as CI builds it.
3. Print the county bulletin, each township's bulletin and every station's sheet:

   ``OUT/2026-06/bulletin.pdf``, ``OUT/2026-06/<乡镇>/bulletin.pdf``,
   ``OUT/2026-06/<乡镇>/<村>.a4.pdf`` (and ``.a3.pdf``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from site_plugins.bulletins import pdf, report, sheet, views
from site_plugins.bulletins.pdf import Printed, PrintError, PrintJob
from site_plugins.bulletins.plugin import SHEET_MONTH_ENV, SHEETS_ENV
from site_plugins.bulletins.report import Month, MonthOutOfRange
from site_plugins.content import Catalogue, load_catalogue

SIZES = ("a4", "a3")


@dataclass(frozen=True)
class Project:
    config_file: Path
    docs_dir: Path
    site_url: str


def read_project(config_file: Path) -> Project:
    """docs_dir and site_url from mkdocs.yml (through MkDocs' own loader)."""
    if not config_file.is_file():
        raise PrintError(f"找不到配置文件 {config_file}：请在仓库根目录运行，或用 --config 指明")
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    if not config.site_url:
        raise PrintError(
            f"{config_file} 中没有 site_url：张贴页的二维码指向网站的正式网址，"
            "请写上，例如 site_url: https://wmsj.example.gov.cn/"
        )
    return Project(config_file, Path(config.docs_dir), config.site_url)


def choose_month(catalogue: Catalogue, wanted: str | None) -> Month:
    """The month asked for (checked), or the newest month that has a bulletin."""
    try:
        if wanted:
            month = report.parse_month(wanted)
            report.check_month(catalogue, month)
            return month
        months = report.bulletin_months(catalogue)
        if not months:
            raise MonthOutOfRange("内容中还没有活动或月度主题，没有可以打印的月份")
        return months[-1]
    except MonthOutOfRange as exc:
        raise PrintError(str(exc)) from exc


def load(project: Project) -> Catalogue:
    catalogue = load_catalogue(project.docs_dir, os.environ.get("SOURCE_DATE_EPOCH"))
    if catalogue.errors:
        raise PrintError(
            f"内容检查发现 {len(catalogue.errors)} 个错误：请先运行 make validate 逐条改正"
        )
    return catalogue


def build_site(project: Project, month: Month, site_dir: Path) -> float:
    """``mkdocs build`` with the month's sheets into ``site_dir``; seconds taken."""
    env = {
        **os.environ,
        SHEETS_ENV: "1",
        SHEET_MONTH_ENV: f"{month[0]}-{month[1]:02d}",
        "NO_MKDOCS_2_WARNING": "1",
    }
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "-q",
        "-f",
        str(project.config_file),
        "-d",
        str(site_dir),
    ]
    started = time.perf_counter()
    done = subprocess.run(
        command,
        cwd=project.config_file.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise PrintError("网站生成失败：\n" + done.stderr[-4000:])
    return time.perf_counter() - started


def jobs(
    catalogue: Catalogue,
    month: Month,
    site_dir: Path,
    out_dir: Path,
    sizes: Sequence[str] = ("a4",),
    *,
    bulletins: bool = True,
) -> list[PrintJob]:
    """Every PDF of the month: bulletins first, then each station's sheets."""
    folder = out_dir / f"{month[0]}-{month[1]:02d}"
    found = []
    if bulletins:
        found.append(_job(site_dir, views.bulletin_url(month), folder / "bulletin.pdf"))
        for township in catalogue.townships:
            url = views.bulletin_url(month, township.slug)
            found.append(_job(site_dir, url, folder / township.slug / "bulletin.pdf"))
    for station in catalogue.stations:
        for size in sizes:
            url = sheet.sheet_url(station, month, size)
            target = folder / station.township / f"{station.slug}.{size}.pdf"
            found.append(_job(site_dir, url, target))
    return found


def _job(site_dir: Path, url: str, out: Path) -> PrintJob:
    return PrintJob(site_dir / url / "index.html", out)


def run_print(
    config_file: Path,
    month_text: str | None,
    sizes: Sequence[str],
    out_dir: Path,
    *,
    workers: int = 2,
    site_dir: Path | None = None,
) -> tuple[Month, list[Printed], float]:
    """The whole command; returns the month, what was printed and the build's seconds.

    The site is built into ``site_dir`` when given (and kept), else a temporary folder.
    """
    project = read_project(config_file)
    catalogue = load(project)
    month = choose_month(catalogue, month_text)
    pdf.check_tools()
    with tempfile.TemporaryDirectory(prefix="wm-print-") as tmp:
        site = site_dir or Path(tmp) / "site"
        seconds = build_site(project, month, site)
        todo = jobs(catalogue, month, site, out_dir, sizes)
        missing = [j.source for j in todo if not j.source.is_file()]
        if missing:
            raise PrintError(f"生成的网站缺少页面：{missing[0]}（共 {len(missing)} 个）")
        printed = pdf.render(todo, workers)
    return month, printed, seconds
