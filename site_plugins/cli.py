"""Command line: ``python -m site_plugins validate [DIR] [--format text|github|json|gitlab]``,
``python -m site_plugins print [--month 2026-06] [--size a4|a3|both] [--out DIR]``,
``python -m site_plugins export [DIR] --out DIR [--site-url URL]``,
``python -m site_plugins kiosk [--site site] [--out kiosk]``,
``python -m site_plugins codeowners [--host github|gitlab|gitea|all] [--check]``,
``python -m site_plugins menu|order [--unit KEY] …`` (new service entries) and
``python -m site_plugins owners --author NAME --changed FILE|- [--content BASE/content]``.

Prints every problem of the content tree at once and exits 1 if any is an error, so a
pull request's check shows the clerk everything to fix in one run.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from site_plugins.content import load_catalogue
from site_plugins.content.problems import FORMATS, Problem, format_problems
from site_plugins.ownership.commands import add_parsers, run_codeowners, run_owners


def _print(problems: Sequence[Problem], fmt: str) -> None:
    # JSON formats always print (an empty list is a valid report); text only when needed.
    if problems or fmt in ("json", "gitlab"):
        print(format_problems(problems, fmt))


def _validate(args: argparse.Namespace) -> int:
    content = Path(args.directory)
    if not content.is_dir():
        missing = Problem(
            str(content),
            1,
            1,
            "NO_CONTENT",
            "找不到内容文件夹",
            "请在仓库根目录运行，或写明路径（例如 python -m site_plugins validate content）",
        )
        _print([missing], args.format)
        return 2
    catalogue = load_catalogue(content, os.environ.get("SOURCE_DATE_EPOCH"))
    _print(catalogue.problems, args.format)
    if args.format == "text":
        print(
            f"检查完毕：{len(catalogue.stations)} 个实践站，{len(catalogue.activities)} 条活动，"
            f"{len(catalogue.plans)} 条活动预告，{len(catalogue.honorees)} 位好人可以发布；"
            f"{len(catalogue.errors)} 个错误，{len(catalogue.warnings)} 个提醒。",
            file=sys.stderr,
        )
    return 1 if catalogue.errors else 0


def _print_pdfs(args: argparse.Namespace) -> int:
    # Imported here: validating content must not need MkDocs' plugins or Playwright.
    from site_plugins.bulletins.pdf import PrintError
    from site_plugins.bulletins.printing import SIZES, run_print

    sizes = SIZES if args.size == "both" else (args.size,)
    started = time.perf_counter()
    try:
        month, printed, build_seconds = run_print(
            Path(args.config),
            args.month,
            sizes,
            Path(args.out),
            workers=args.jobs,
            site_dir=Path(args.site_dir) if args.site_dir else None,
        )
    except PrintError as exc:
        print(f"打印失败：{exc}", file=sys.stderr)
        return 1
    folder = Path(args.out) / f"{month[0]}-{month[1]:02d}"
    sheets = sum(1 for p in printed if p.job.out.name != "bulletin.pdf")
    print(
        f"已生成 {len(printed)} 个 PDF 到 {folder}/：通报 {len(printed) - sheets} 份，"
        f"张贴页 {sheets} 份（{'、'.join(s.upper() for s in sizes)}）；"
        f"生成网站 {build_seconds:.1f} 秒，共用时 {time.perf_counter() - started:.1f} 秒。",
        file=sys.stderr,
    )
    return 0


def _export(args: argparse.Namespace) -> int:
    # Imported here: validating content must not need the export's libraries.
    from site_plugins.open_data.plans import export_files

    content = Path(args.directory)
    if not content.is_dir():
        print(f"找不到内容文件夹 {content}：请写明路径，例如 content", file=sys.stderr)
        return 2
    catalogue = load_catalogue(content, os.environ.get("SOURCE_DATE_EPOCH"))
    if catalogue.errors:
        _print(catalogue.errors, "text")
        print(f"内容有 {len(catalogue.errors)} 个错误，未导出。", file=sys.stderr)
        return 1
    out = Path(args.out)
    for planned in export_files(catalogue, args.site_url):
        # Written under --out as the site has them below open-data/v1/.
        target = out / planned.path.split("/", 2)[-1]
        target.parent.mkdir(parents=True, exist_ok=True)
        data = planned.text if isinstance(planned.text, bytes) else (planned.text or "").encode()
        target.write_bytes(data)
    print(f"已导出开放数据到 {out}/（{len(catalogue.stations)} 个实践站）", file=sys.stderr)
    return 0


def _kiosk(args: argparse.Namespace) -> int:
    from site_plugins.kiosk import make_kiosk

    site, out = Path(args.site), Path(args.out)
    if not (site / "index.html").is_file():
        print(f"找不到生成的网站 {site}/index.html：请先运行 make site", file=sys.stderr)
        return 1
    if out.resolve() == site.resolve():
        print("离线版要放在另一个文件夹（例如 --out kiosk）", file=sys.stderr)
        return 1
    copy = make_kiosk(site, out)
    print(
        f"离线版已生成到 {out}/（{copy.pages} 个页面，搜索索引 {copy.search_files} 个文件）。"
        f"把整个文件夹复制到U盘或电脑上，双击其中的 index.html 即可浏览和搜索。",
        file=sys.stderr,
    )
    return 0


SCAFFOLDS = {
    "menu": "新建一项文明实践菜单服务（逐项提问）",
    "order": "新建一条群众点单记录（逐项提问）",
}


def main(argv: Sequence[str] | None = None) -> int:
    args_given = list(sys.argv[1:] if argv is None else argv)
    if args_given[:1] and args_given[0] in SCAFFOLDS:
        # Their own Chinese parser and questions (site_plugins.scaffold.service).
        from site_plugins.scaffold.service import main as scaffold

        return scaffold(args_given[0], args_given[1:])
    parser = argparse.ArgumentParser(
        prog="python -m site_plugins", description="文明实践公示内容工具"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="检查内容，列出全部问题")
    validate.add_argument(
        "directory", nargs="?", default="content", help="内容文件夹（默认 content）"
    )
    validate.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="输出格式：text 文字，github 行内标注，json，gitlab 代码质量报告",
    )
    printing = commands.add_parser(
        "print", help="生成某月的月度通报和各实践站张贴页 PDF（需要 Chromium 和中文字体）"
    )
    printing.add_argument(
        "--month", help="月份，例如 2026-06（默认：内容中最近的一个月）", default=None
    )
    printing.add_argument(
        "--size", choices=("a4", "a3", "both"), default="a4", help="张贴页纸张（默认 a4）"
    )
    printing.add_argument("--out", default="print", help="PDF 输出文件夹（默认 print）")
    printing.add_argument("--config", default="mkdocs.yml", help="配置文件（默认 mkdocs.yml）")
    printing.add_argument(
        "--jobs", type=int, default=2, help="同时打印的页面数（默认 2，双核机器上最快）"
    )
    printing.add_argument(
        "--site-dir", default=None, help="把生成的网站留在这个文件夹（默认用临时文件夹）"
    )
    export = commands.add_parser(
        "export", help="只导出开放数据（与网站 /open-data/v1/ 中的文件相同），不生成网站"
    )
    export.add_argument("directory", nargs="?", default="content", help="内容文件夹")
    export.add_argument("--out", required=True, help="输出文件夹")
    export.add_argument("--site-url", default="", help="本县网站地址（写入数据，供上级链接）")
    kiosk = commands.add_parser(
        "kiosk", help="把生成的网站复制成双击 index.html 就能用的离线版（U盘、触摸屏）"
    )
    kiosk.add_argument("--site", default="site", help="生成的网站（默认 site）")
    kiosk.add_argument("--out", default="kiosk", help="离线版文件夹（默认 kiosk）")
    add_parsers(commands)
    for name, description in SCAFFOLDS.items():
        commands.add_parser(name, help=f"{description}；--help 查看参数")
    args = parser.parse_args(args_given)
    if args.command == "validate":
        return _validate(args)
    if args.command == "print":
        return _print_pdfs(args)
    if args.command == "export":
        return _export(args)
    if args.command == "kiosk":
        return _kiosk(args)
    if args.command == "codeowners":
        return run_codeowners(args)
    if args.command == "owners":
        return run_owners(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
