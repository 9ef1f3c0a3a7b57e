"""Command line: ``python -m site_plugins validate [DIR] [--format text|github|json]``.

Prints every problem of the content tree at once and exits 1 if any is an error, so a
pull request's check shows the clerk everything to fix in one run.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from site_plugins.content import load_catalogue
from site_plugins.content.problems import Problem, format_github, format_json, format_text


def _print(problems: Sequence[Problem], fmt: str) -> None:
    if fmt == "json":
        print(format_json(problems))
    elif problems:
        print(format_github(problems) if fmt == "github" else format_text(problems))


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
            f"{len(catalogue.honorees)} 位好人可以发布；"
            f"{len(catalogue.errors)} 个错误，{len(catalogue.warnings)} 个提醒。",
            file=sys.stderr,
        )
    return 1 if catalogue.errors else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m site_plugins", description="文明实践公示内容工具"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="检查内容，列出全部问题")
    validate.add_argument(
        "directory", nargs="?", default="content", help="内容文件夹（默认 content）"
    )
    validate.add_argument(
        "--format", choices=("text", "github", "json"), default="text", help="输出格式"
    )
    args = parser.parse_args(argv)
    if args.command == "validate":
        return _validate(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
