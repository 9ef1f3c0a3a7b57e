"""``python -m site_plugins codeowners`` and ``python -m site_plugins owners``.

The command-line faces of the ownership module: read the content, call the pure
functions, print located Chinese problems and return an exit status.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from site_plugins.content import Catalogue, load_catalogue
from site_plugins.content.problems import FORMATS, Problem, Severity, format_problems
from site_plugins.ownership.changes import parse_changes, review_changes
from site_plugins.ownership.codeowners import HOSTS, REGENERATE, codeowners_text
from site_plugins.ownership.owners import Ownership, ownership_of


def add_parsers(commands: Any) -> None:
    """Add both subcommands to the CLI's subparsers (argparse's type is private)."""
    codeowners = commands.add_parser(
        "codeowners", help="根据 county.yml 的 editors 和各站 maintainers 生成 CODEOWNERS"
    )
    codeowners.add_argument(
        "--host",
        choices=(*HOSTS, "all"),
        default="all",
        help="代码托管平台：github、gitlab、gitea（含 Forgejo）或 all（默认）",
    )
    codeowners.add_argument(
        "--check", action="store_true", help="只检查已有的文件是否最新，过期时以状态 1 退出"
    )
    codeowners.add_argument("--content", default="content", help="内容文件夹（默认 content）")
    codeowners.add_argument("--root", default=".", help="仓库根目录（默认当前目录）")
    codeowners.add_argument("--format", choices=FORMATS, default="text", help="问题的输出格式")

    owners = commands.add_parser("owners", help="检查合并请求改动的文件是否都在作者负责的实践站内")
    owners.add_argument("--author", required=True, help="合并请求作者的用户名")
    owners.add_argument(
        "--changed",
        required=True,
        help="改动的文件清单，每行一个路径，或 git diff --name-status 的输出；- 表示标准输入",
    )
    owners.add_argument(
        "--content",
        default="content",
        help="目标分支（合并进去的分支）的内容文件夹，例如用 git worktree 取出的 ../base/content",
    )
    owners.add_argument("--format", choices=FORMATS, default="text", help="输出格式")


def _load(content: Path) -> Catalogue | None:
    if not content.is_dir():
        print(
            f"{content}:1:1  NO_CONTENT  找不到内容文件夹 — 在仓库根目录运行，或用 --content 写明路径",
            file=sys.stderr,
        )
        return None
    return load_catalogue(content, os.environ.get("SOURCE_DATE_EPOCH"))


def _emit(problems: list[Problem], fmt: str) -> None:
    if problems or fmt in ("json", "gitlab"):
        print(format_problems(problems, fmt))


# --- codeowners -------------------------------------------------------------------------


def run_codeowners(args: argparse.Namespace) -> int:
    root, content = Path(args.root), Path(args.content)
    catalogue = _load(content)
    if catalogue is None:
        return 2
    if catalogue.errors:
        print(
            f"内容有 {len(catalogue.errors)} 个错误，CODEOWNERS 未生成：先运行 "
            "python -m site_plugins validate 逐条改正（出错的 station.yml 会丢掉本站的信息员）",
            file=sys.stderr,
        )
        return 1
    prefix = _relative(content, root)
    if prefix is None:
        print(
            f"内容文件夹 {content} 不在仓库 {root} 之内：请用 --root 写明仓库根目录",
            file=sys.stderr,
        )
        return 2
    ownership = ownership_of(catalogue, prefix)
    warnings = _unattended(catalogue, ownership)
    hosts = list(HOSTS.values()) if args.host == "all" else [HOSTS[args.host]]
    texts = {host.path: codeowners_text(ownership, host) for host in hosts}
    if args.check:
        stale = _stale(root, texts, required=args.host != "all")
        _emit([*stale, *warnings], args.format)
        return 1 if stale else 0
    _emit(warnings, args.format)
    for path, text in texts.items():
        target = root / path
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            print(f"{path} 已是最新", file=sys.stderr)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        print(f"已写入 {path}", file=sys.stderr)
    return 0


def _relative(content: Path, root: Path) -> str | None:
    try:
        return content.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


def _unattended(catalogue: Catalogue, ownership: Ownership) -> list[Problem]:
    problems = []
    for station in ownership.stations:
        if station.maintainers:
            continue
        record = catalogue.station(station.key)
        mark = record.origin.at("maintainers")
        problems.append(
            Problem(
                station.source,
                mark.line,
                mark.col,
                "NO_MAINTAINERS",
                f"{station.name}没有登记信息员，本站文件夹只由县中心编辑审核",
                f"写上信息员的用户名，例如 maintainers: [zhangzhuang-clerk]，再运行 {REGENERATE}",
                Severity.WARNING,
            )
        )
    return problems


def _stale(root: Path, texts: dict[str, str], *, required: bool) -> list[Problem]:
    """A problem for every CODEOWNERS file that differs from what the content says."""
    problems = []
    present = {path: root / path for path in texts if (root / path).is_file()}
    if not present and not required:
        return [
            Problem(
                ".github/CODEOWNERS",
                1,
                1,
                "CODEOWNERS_STALE",
                "仓库里没有任何 CODEOWNERS 文件（.github/、.gitlab/、.gitea/ 下）",
                f"运行 {REGENERATE} 生成后提交；不用 CODEOWNERS 的平台请删去 CI 中的这一步",
            )
        ]
    for path, text in texts.items():
        if path not in present:
            if required:
                problems.append(
                    Problem(
                        path,
                        1,
                        1,
                        "CODEOWNERS_STALE",
                        f"没有 {path}",
                        f"运行 {REGENERATE} 生成后提交",
                    )
                )
            continue
        old = present[path].read_text(encoding="utf-8")
        if old != text:
            line = _first_difference(old, text)
            problems.append(
                Problem(
                    path,
                    line,
                    1,
                    "CODEOWNERS_STALE",
                    f"{path} 与 county.yml 的 editors 和各站 station.yml 的 maintainers 不一致（从第 {line} 行起）",
                    f"运行 {REGENERATE} 重新生成，并把它和 station.yml 的改动一起提交",
                )
            )
    return problems


def _first_difference(old: str, new: str) -> int:
    old_lines, new_lines = old.splitlines(), new.splitlines()
    for number, (a, b) in enumerate(zip(old_lines, new_lines, strict=False), start=1):
        if a != b:
            return number
    return min(len(old_lines), len(new_lines)) + 1


# --- owners -----------------------------------------------------------------------------


def run_owners(args: argparse.Namespace) -> int:
    content = Path(args.content)
    catalogue = _load(content)
    if catalogue is None:
        return 2
    try:
        if args.changed == "-":
            listing = sys.stdin.read()
        else:
            listing = Path(args.changed).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"读不到改动清单 {args.changed}：{exc}", file=sys.stderr)
        return 2
    author = args.author.strip().lstrip("@")
    if not author:
        print("--author 不能为空：写合并请求作者的用户名", file=sys.stderr)
        return 2
    # Changed paths are relative to the repository, where content/ keeps its own name.
    ownership = ownership_of(catalogue, content.resolve().name)
    changes = parse_changes(listing)
    problems = review_changes(ownership, author, changes, _station_folders(content))
    _emit(problems, args.format)
    if args.format == "text":
        role = "县中心编辑" if ownership.is_editor(author) else "信息员"
        print(
            f"所有权检查：{author}（{role}）改动 {len(changes)} 个文件，"
            f"{len(problems)} 个需要县中心编辑审核。",
            file=sys.stderr,
        )
    return 1 if problems else 0


def _station_folders(content: Path) -> set[str]:
    stations = content / "stations"
    if not stations.is_dir():
        return set()
    return {
        f"{township.name}/{village.name}"
        for township in stations.iterdir()
        if township.is_dir()
        for village in township.iterdir()
        if village.is_dir()
    }
