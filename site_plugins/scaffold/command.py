"""The commands' common shell: Chinese argument parsing, and exits without a traceback.

argparse speaks English and exits on its own; here its complaints become Chinese
:class:`UsageError` s, and :func:`run` turns every way a run can end (bad flags, a
refusal, Ctrl-C, end of input, an unexpected failure) into a Chinese message and an
exit status.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from site_plugins.scaffold.county import Abort
from site_plugins.scaffold.questions import FlagErrors


class UsageError(Exception):
    """A flag argparse could not take, in Chinese."""


_ARGPARSE_ERRORS: tuple[tuple[str, str], ...] = (
    (r"unrecognized arguments: (.+)", r"不认识的参数：\1"),
    (r"argument (\S+): expected one argument", r"参数 \1 后面要写一个值"),
    (r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)", r"参数 \1 的值 \2 不在可选范围内（可选：\3）"),
    (r"argument (\S+): not allowed with argument (\S+)", r"参数 \1 和 \2 不能同时使用"),
    (r"argument (\S+): ignored explicit argument (.+)", r"参数 \1 不需要写值（写了 \2）"),
    (r"ambiguous option: (\S+)", r"参数 \1 不明确"),
)  # fmt: skip


def chinese_usage_error(message: str) -> str:
    for pattern, replacement in _ARGPARSE_ERRORS:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class _ChineseHelp(argparse.RawDescriptionHelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, prefix or "用法：")


class ChineseParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are Chinese and which never exits on errors."""

    def __init__(self, prog: str, description: str, epilog: str) -> None:
        super().__init__(
            prog=prog,
            description=description,
            epilog=epilog,
            add_help=False,
            allow_abbrev=False,  # --vol must not silently mean --volunteers
            formatter_class=_ChineseHelp,
        )
        # In a group of our own, so argparse's English "options:" section stays empty
        # (empty sections are not printed).
        self.add_argument_group("帮助").add_argument(
            "-h", "--help", action="help", help="显示本帮助"
        )

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(chinese_usage_error(message))


def add_common_flags(parser: ChineseParser, body_label: str) -> None:
    """--content, --station, --body/--body-file, --dry-run and --no-input."""
    where = parser.add_argument_group("放在哪里")
    where.add_argument(
        "--content", default="content", metavar="文件夹", help="内容文件夹（默认 content）"
    )
    where.add_argument("--station", metavar="乡镇/村", help="实践站，写文件夹名，例如 liuhe/hexi")
    text = parser.add_argument_group("正文（二选一）")
    body = text.add_mutually_exclusive_group()
    body.add_argument("--body", metavar="文字", help=f"{body_label}，直接写在命令里")
    body.add_argument(
        "--body-file", metavar="文件", help=f"{body_label}，从文字文件读取（UTF-8 或 GBK）"
    )
    how = parser.add_argument_group("运行方式")
    how.add_argument(
        "--dry-run", action="store_true", help="只显示将要写入的内容，不写文件、不复制照片"
    )
    how.add_argument(
        "--no-input", action="store_true", help="不提问：缺少的参数直接报错（用于脚本）"
    )


def add_unit_flag(group: Any) -> None:
    """--unit: which unit's folder gets the entry (``--station`` says the same)."""
    group.add_argument(
        "--unit",
        metavar="单位",
        help="centre（县中心）、乡镇文件夹名（实践所）或“乡镇/村”（实践站）；与 --station 同义",
    )


def unit_flags(given: dict[str, str | list[str]]) -> dict[str, str | list[str]]:
    """The given flags with ``--station`` read as ``--unit`` (the name before every unit
    could publish); ``--unit`` wins when both are written."""
    station = given.pop("station", None)
    if station is not None and "unit" not in given:
        given["unit"] = station
    return given


def read_body_file(name: str) -> str:
    """A text file's content; UTF-8, else GBK (what Notepad on a Chinese Windows saves)."""
    try:
        raw = Path(name).expanduser().read_bytes()
    except OSError:
        raise FlagErrors(
            [f"--body-file：找不到或无法读取文件“{name}” — 检查文件名和位置"]
        ) from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FlagErrors([f"--body-file：文件“{name}”不是文字文件 — 请另存为 UTF-8 编码的 .txt"])


def run(prog: str, main: Callable[[], int], err: Callable[[str], None] | None = None) -> int:
    """Run ``main``; whatever happens, say it in Chinese and return an exit status."""
    say = err or (lambda text: print(text, file=sys.stderr))
    for stream in (sys.stdout, sys.stderr):
        # A console that cannot show a character (a GBK Windows console and ✓) must cost
        # that character, not the run.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    try:
        return main()
    except UsageError as exc:
        say(f"参数有误：{exc}\n运行 {prog} --help 查看全部参数和例子。")
        return 2
    except FlagErrors as exc:
        say("没有写入任何文件，因为：")
        for line in exc.lines:
            say(f"  {line}")
        return 1
    except Abort as exc:
        say(f"{exc}\n没有写入任何文件。")
        return 1
    except KeyboardInterrupt:
        say("\n已取消（Ctrl-C），没有写入任何文件。")
        return 130
    except EOFError:
        say("\n输入已结束，已取消，没有写入任何文件。")
        return 1
    except Exception as exc:
        # A clerk must never face a traceback; developers can ask for one.
        if os.environ.get("WM_SCAFFOLD_DEBUG"):
            raise
        say(
            f"程序出错（{type(exc).__name__}：{exc}），没有完成。"
            "请把这段话发给县中心的网站管理员（设置 WM_SCAFFOLD_DEBUG=1 可看到详细信息）。"
        )
        return 70


def given_flags(args: argparse.Namespace, keys: Sequence[str]) -> dict[str, str | list[str]]:
    """The flags the clerk actually gave, by answer key."""
    values = {key: getattr(args, key) for key in keys}
    return {key: value for key, value in values.items() if value is not None}
