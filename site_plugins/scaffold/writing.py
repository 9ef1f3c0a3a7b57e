"""Writing a new entry and its photos, checking them with the real validator, and
telling the clerk (in Chinese) what was created and what to do next."""

from __future__ import annotations

import argparse
import os
import re
import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import yaml

from site_plugins.content import load_catalogue
from site_plugins.content.checks import check_model
from site_plugins.content.located import Reporter, SourceFile, parse_yaml, split_front_matter
from site_plugins.content.model import Record
from site_plugins.content.problems import Problem, Severity, format_text
from site_plugins.scaffold.command import run
from site_plugins.scaffold.county import CountyInfo, read_county
from site_plugins.scaffold.entries import free_path
from site_plugins.scaffold.photos import PlannedPhoto, copy_photos
from site_plugins.scaffold.prompts import Prompter, enable_line_editing
from site_plugins.scaffold.questions import (
    Answers,
    FlagErrors,
    Step,
    complete,
    missing,
    missing_lines,
    parse_flags,
)

Say = Callable[[str], None]


class Home(Protocol):
    """The unit an entry is written for: its folder, and names for the next steps."""

    @property
    def folder(self) -> Path: ...

    @property
    def branch_slug(self) -> str: ...  # the suggested branch name's start, e.g. hexi

    @property
    def short_name(self) -> str: ...  # in the commit message, e.g. 河西村


@dataclass(frozen=True)
class NewEntry:
    """An entry ready to be written into ``<station>/<kind_folder>/<stem>.md``."""

    station: Home  # a StationInfo or a UnitInfo: the unit whose folder gets the entry
    kind_folder: str  # activities | plans | honorees | menu | orders
    what: str  # 活动 | 好人
    title: str  # for the suggested commit message
    stem: str
    text: str
    model: type[Record]
    photos: Sequence[PlannedPhoto] = ()
    summary: Sequence[str] = ()  # what the entry records, said after it is written

    @property
    def folder(self) -> Path:
        return self.station.folder / self.kind_folder


def shown(content: Path, path: Path) -> str:
    """A path as the validator shows it: ``content/stations/…``."""
    root = content.resolve()
    return f"{root.name}/{path.resolve().relative_to(root).as_posix()}"


def precheck(entry: NewEntry, content: Path) -> list[Problem]:
    """The rendered text through the loader's own front-matter split, YAML parser and
    model: a last guard that what is about to be written reads back as intended."""
    path = shown(content, entry.folder / f"{entry.stem}.md")
    found: list[Problem] = []
    front = split_front_matter(SourceFile(path, entry.text), found)
    doc = parse_yaml(front.yaml_text, path, front.yaml_first_line, found) if front else None
    if doc is not None:
        check_model(entry.model, doc, Reporter(path, found))
    return found


def save(entry: NewEntry) -> list[Path]:
    """Copy the photos, then create the entry (never replacing a file); on failure remove
    what this run wrote and re-raise."""
    written: list[Path] = []
    try:
        written += copy_photos(entry.photos)
        entry.folder.mkdir(parents=True, exist_ok=True)
        while True:
            path = free_path(entry.folder, entry.stem, ".md")
            try:
                with path.open("x", encoding="utf-8", newline="\n") as file:
                    written.append(path)
                    file.write(entry.text)
                break
            except FileExistsError:
                continue  # created meanwhile by someone else: take the next free name
    except OSError:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written


def problems_of(content: Path, paths: Sequence[Path]) -> tuple[list[Problem], int]:
    """The validator's problems about ``paths``, and how many errors concern other files."""
    catalogue = load_catalogue(content, os.environ.get("SOURCE_DATE_EPOCH"))
    mine = {shown(content, p) for p in paths}
    own = [p for p in catalogue.problems if p.path in mine]
    others = sum(1 for p in catalogue.errors if p.path not in mine)
    return own, others


def finish(entry: NewEntry, content: Path, dry_run: bool, say: Say = print) -> int:
    """Write (or, dry run, show) the entry, validate it, and say what to do next."""
    early = precheck(entry, content)
    if early:
        say("生成的内容没有通过检查，没有写入任何文件：")
        say(format_text(early))
        return 1
    if dry_run:
        _show_dry_run(entry, content, say)
        return 0
    try:
        written = save(entry)
    except OSError as exc:
        say(f"写入文件失败（{exc.strerror or exc}），没有写入任何文件。请检查文件夹是否可写。")
        return 1
    entry_path = written[-1]
    _say_created(entry, content, written, say)
    own, others = problems_of(content, written)
    errors = [p for p in own if p.severity is Severity.ERROR]
    if own:
        say("")
        say("检查发现新文件有以下问题：" if errors else "检查提醒：")
        say(format_text(own))
    if errors:
        say("")
        say(
            f"文件已经写入，但有 {len(errors)} 个错误，合并前必须改正：用编辑器打开 "
            f"{_display(content, entry_path)}，按上面每行“—”后面的改法修改，"
            "然后运行 make validate 再检查一遍。"
        )
        return 1
    say("")
    say("检查通过：新文件没有错误。")
    if others:
        say(f"（内容中另有 {others} 个与本次新建无关的错误，运行 make validate 可以查看。）")
    _say_next_steps(entry, content, written, say)
    return 0


def _display(content: Path, path: Path) -> str:
    """The path as the clerk would type it: under the --content folder they gave."""
    return (content / path.resolve().relative_to(content.resolve())).as_posix()


def _show_dry_run(entry: NewEntry, content: Path, say: Say) -> None:
    target = free_path(entry.folder, entry.stem, ".md")
    say(f"（试运行：没有写入文件，也没有复制照片）将新建 {_display(content, target)}：")
    say("")
    say(entry.text.rstrip("\n"))
    say("")
    for photo in entry.photos:
        if photo.copy:
            say(f"将复制照片 {photo.source.path} → {_display(content, photo.target)}")
        else:
            say(f"使用已有照片 {_display(content, photo.target)}")


def _say_created(entry: NewEntry, content: Path, written: Sequence[Path], say: Say) -> None:
    copied = {p.target: p for p in entry.photos if p.copy}
    say("")
    say(f"已新建{entry.what}：")
    for path in written:
        photo = copied.get(path)
        note = f"（照片，复制自 {photo.source.path.name}）" if photo else ""
        say(f"  {_display(content, path)}{note}")
    for photo in entry.photos:
        if not photo.copy:
            say(f"  使用已有照片 {_display(content, photo.target)}")
    for line in entry.summary:
        say(f"  {line}")


def _say_next_steps(entry: NewEntry, content: Path, written: Sequence[Path], say: Say) -> None:
    branch = f"{entry.station.branch_slug}-{written[-1].stem}"
    files = " ".join(shlex.quote(_display(content, p)) for p in written)
    message = shlex.quote(f"{entry.station.short_name}：新增{entry.what}“{entry.title}”")
    say("")
    say("下一步：")
    say(f"  1. 用编辑器打开 {_display(content, written[-1])} 再看一遍，可以继续修改正文；")
    say("     改过之后运行 make validate 检查。")
    say("  2. 本地预览（可选）：运行 make serve，在浏览器打开 http://127.0.0.1:8000/")
    say("  3. 在新分支上提交并推送：")
    say(f"       git switch -c {branch}")
    say(f"       git add {files}")
    say(f"       git commit -m {message}")
    say(f"       git push -u origin {branch}")
    say("  4. 在代码托管平台（GitHub、GitLab 或 Gitea）上为这个分支发起合并请求（Pull Request）。")
    say("     系统会自动检查；县中心编辑审核通过并合并后，网站自动更新。")


def answer_and_write(
    steps: Sequence[Step],
    given: dict[str, str | list[str]],
    *,
    what: str,
    draft: Callable[[Answers], NewEntry],
    content: Path,
    no_input: bool,
    dry_run: bool,
    say: Callable[[str], None],
) -> int:
    """The flow both commands share: flags first, questions for what is still missing
    (unless ``no_input``), then the entry written and checked (``finish``)."""
    answers = parse_flags(steps, given)
    still = missing(steps, answers)
    if still and no_input:
        raise FlagErrors(missing_lines(still))
    prompter = None
    if still:
        say(f"新建{what}：请逐项回答。[ ] 里是默认值，直接回车即可采用；随时按 Ctrl-C 取消。")
        enable_line_editing()
        prompter = Prompter(write=say)
    entry = draft(complete(steps, answers, prompter))
    if prompter is not None and not dry_run and not confirmed(entry, prompter):
        say("已取消，没有写入任何文件。")
        return 1
    return finish(entry, content, dry_run, say)


def entry_command(
    prog: str,
    parser: Callable[[], argparse.ArgumentParser],
    argv: Sequence[str] | None,
    say: Callable[[str], None],
    *,
    what: str,
    steps: Callable[[CountyInfo], Sequence[Step]],
    given: Callable[[argparse.Namespace], dict[str, str | list[str]]],
    draft: Callable[[CountyInfo], Callable[[Answers], NewEntry]],
) -> int:
    """One scaffold command from start to end, as every entry kind runs it: its flags
    parsed, the county read from ``--content``, then :func:`answer_and_write`; every
    refusal on the way is the same Chinese message and exit status (``command.run``)."""

    def command() -> int:
        args = parser().parse_args(argv)
        content = Path(args.content)
        county = read_county(content)
        return answer_and_write(
            steps(county),
            given(args),
            what=what,
            draft=draft(county),
            content=content,
            no_input=args.no_input,
            dry_run=args.dry_run,
            say=say,
        )

    return run(prog, command)


def _label(model: type[Record], key: str) -> str:
    """A field's name for the clerk: its description up to the first note."""
    info = model.model_fields.get(key)
    description = (info.description if info else None) or key
    return re.split("[，；：（]", description, maxsplit=1)[0] or key


def _shown_value(value: object) -> str:
    if isinstance(value, list):
        if value and all(isinstance(item, dict) for item in value):
            return f"{len(value)} 项：" + "；".join(
                "，".join(str(v) for v in item.values()) for item in value
            )
        return "、".join(str(item) for item in value)
    if isinstance(value, dict):
        return "，".join(str(v) for v in value.values())
    return str(value)


def summary(entry: NewEntry) -> list[str]:
    """What the clerk answered, one line a field, in the form's words; then the text."""
    _, front, body = entry.text.split("---\n", 2)
    data = yaml.safe_load(front) or {}
    lines = [f"  {_label(entry.model, key)}：{_shown_value(value)}" for key, value in data.items()]
    text = body.strip()
    if text:
        lines.append(f"  正文：{len(text)} 字，“{text[:30]}{'…' if len(text) > 30 else ''}”")
    return lines


def confirmed(entry: NewEntry, prompter: Prompter) -> bool:
    """Show the summary and ask before anything is written (a wrong answer is cheap here)."""
    prompter.write("")
    prompter.write(f"请核对将要新建的{entry.what}：")
    for line in summary(entry):
        prompter.write(line)
    while True:
        answer = (
            prompter.read("确认无误就写入文件吗？（直接回车或 y 写入，n 取消）：").strip().lower()
        )
        if answer in ("", "y", "yes", "是", "好"):
            return True
        if answer in ("n", "no", "否", "不"):
            return False
        prompter.write("  ✗ 请回答 y（写入）或 n（取消）。")
