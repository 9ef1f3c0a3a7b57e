"""Check a pull request's changed paths against the ownership of its base branch.

For hosts (or plans) that do not enforce CODEOWNERS: a clerk may change only the folders
of stations that list them as maintainers; county editors may change anything; a new
station folder and anything outside the station folders need an editor. Ownership must
come from the base branch, or a pull request could make its author a maintainer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from site_plugins.content.problems import Problem
from site_plugins.ownership.owners import Ownership, handle, is_team, same_user

# One line of `git diff --name-status`: a status letter (with a similarity score for
# renames and copies), then one path, or the old and the new path.
_STATUS = re.compile(r"^(?P<status>[ACDMRTUXB])(?P<score>\d*)$")
_VERBS = {
    "A": "新增",
    "C": "复制出",
    "D": "删除",
    "M": "修改",
    "T": "修改",
    "U": "修改",
    "X": "修改",
    "B": "修改",
    "R-": "移走",
    "R+": "移入",
}
_OCTAL = re.compile(rb"\\([0-7]{3})")


@dataclass(frozen=True)
class Change:
    path: str  # relative to the repository root
    verb: str  # what the pull request does to it, in Chinese


def parse_changes(text: str) -> list[Change]:
    """Changed paths from plain lines or ``git diff --name-status`` output.

    A rename counts twice, as a removal from its old place and an addition at its new
    place, because both folders' owners are concerned; a copy leaves its source alone.
    """
    changes: list[Change] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        fields = line.split("\t")
        match = _STATUS.match(fields[0]) if len(fields) > 1 else None
        if match is None:
            changes.append(Change(_unquote(line.strip()), _VERBS["M"]))
            continue
        status, paths = match["status"], [_unquote(f) for f in fields[1:]]
        if status == "R" and len(paths) == 2:
            changes += [Change(paths[0], _VERBS["R-"]), Change(paths[1], _VERBS["R+"])]
        else:
            changes.append(Change(paths[-1], _VERBS[status]))
    return changes


def _unquote(path: str) -> str:
    """Undo git's C-style quoting of unusual paths ("content/\\344\\270\\255.md")."""
    if not (len(path) >= 2 and path.startswith('"') and path.endswith('"')):
        return path
    raw = path[1:-1].encode("utf-8")
    raw = _OCTAL.sub(lambda m: bytes([int(m.group(1), 8)]), raw)
    simple = {b'\\"': b'"', b"\\\\": b"\\", b"\\t": b"\t", b"\\n": b"\n"}
    for escaped, plain in simple.items():
        raw = raw.replace(escaped, plain)
    return raw.decode("utf-8", errors="replace")


def review_changes(
    ownership: Ownership, author: str, changes: Iterable[Change], base_folders: set[str]
) -> list[Problem]:
    """Every change ``author`` may not make alone, as located problems.

    ``base_folders`` holds the station folders (``township/village``) that exist on the
    base branch, valid or not, so that a broken station.yml is not taken for a new station.
    """
    if ownership.is_editor(author):
        return []
    problems: list[Problem] = []
    seen: set[str] = set()
    for change in changes:
        if change.path in seen:
            continue
        seen.add(change.path)
        found = _problem(ownership, author, change, base_folders)
        if found is not None:
            problems.append(Problem(change.path, 1, 1, *found))
    return sorted(problems)


def _problem(
    ownership: Ownership, author: str, change: Change, base_folders: set[str]
) -> tuple[str, str, str] | None:
    editors = _names(ownership.editors) or "（county.yml 尚未登记 editors）"
    key = ownership.station_key_of(change.path)
    township = ownership.township_key_of(change.path) if key is None else None
    if township is not None:
        return _township_problem(ownership, author, change, township, editors)
    if key is None:
        where = "实践站文件夹以外" if _in_content(ownership, change.path) else "内容文件夹以外"
        return (
            "EDITOR_ONLY",
            f"{author} {change.verb}了{where}的文件，这只能由县中心编辑改动",
            f"把这个文件的改动移出本次合并请求，或请县中心编辑（{editors}）审核合并",
        )
    station = ownership.station(key)
    if station is None and key not in base_folders:
        return (
            "NEW_STATION",
            f"{author} 新建了实践站文件夹 {key}/，新实践站需要县中心编辑建立",
            f"请县中心编辑（{editors}）审核合并，并在 station.yml 的 maintainers 中登记信息员",
        )
    if station is None:
        return (
            "EDITOR_ONLY",
            f"目标分支上 {key}/station.yml 无效，这个实践站暂时只能由县中心编辑改动",
            f"请县中心编辑（{editors}）审核合并，或先修好 station.yml",
        )
    if any(same_user(author, m) for m in station.maintainers):
        return None
    clerks = _names(station.maintainers) or "本站尚未登记信息员"
    return (
        "FOREIGN_EDIT",
        f"{author} 不是{station.name}（{key}）的信息员，却{change.verb}了该站的文件",
        f"把这个文件的改动移出本次合并请求，交给该站信息员（{clerks}），"
        f"或请县中心编辑（{editors}）审核合并",
    )


def _township_problem(
    ownership: Ownership, author: str, change: Change, slug: str, editors: str
) -> tuple[str, str, str] | None:
    """A 所's own file: its maintainers (or an editor, checked by the caller) may change it."""
    township = ownership.township(slug)
    if township is not None and any(same_user(author, m) for m in township.maintainers):
        return None
    clerks = _names(township.maintainers) if township else ""
    name = township.name if township else slug
    return (
        "FOREIGN_EDIT",
        f"{author} 不是{name}（{slug}）的信息员，却{change.verb}了该所的文件",
        f"把这个文件的改动移出本次合并请求，交给该所信息员（{clerks or '本所尚未登记信息员'}），"
        f"或请县中心编辑（{editors}）审核合并",
    )


def _in_content(ownership: Ownership, path: str) -> bool:
    prefix = PurePosixPath(ownership.content_prefix).parts
    return PurePosixPath(path).parts[: len(prefix)] == prefix


def _names(names: Iterable[str]) -> str:
    return "、".join(handle(n) if is_team(n) else n.lstrip("@") for n in names)
