"""CODEOWNERS files for GitHub, GitLab and Gitea/Forgejo, generated from the ownership.

Each station folder is owned by its maintainers and the county editors (so an editor
can always approve); each township's own files (township.yml, its activities/, plans/,
honorees/, media/…) by the township's maintainers and the editors; everything else,
the county centre's centre/ folder included, by the editors. The hosts read different files
with different rules:

- GitHub ``.github/CODEOWNERS`` and GitLab ``.gitlab/CODEOWNERS``: gitignore-style
  patterns, the last matching line wins, so the catch-all ``*`` comes first.
- Gitea and Forgejo ``.gitea/CODEOWNERS``: each pattern is a Go regular expression that
  must match the whole path (Gitea wraps it in ``^…$``), every matching line adds its
  owners, and the file's tokenizer takes ``\\`` as an escape, so a regex backslash is
  written twice (docs.gitea.com/usage/code-owners; models/issues/pull.go).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from site_plugins.ownership.owners import Ownership, StationOwners, handle

REGENERATE = "python -m site_plugins codeowners"


@dataclass(frozen=True)
class Host:
    name: str  # as the CLI's --host names it
    label: str  # as people call it
    path: str  # where the host reads the file, relative to the repository root
    everything: str  # the pattern for every path
    folder: Callable[[str], str]  # the pattern for everything under one folder
    rule: str  # how the host combines matching lines, for the header


def _glob_folder(folder: str) -> str:
    # A leading / anchors at the repository root; a trailing / takes the whole tree.
    return f"/{folder}"


# Go's regexp metacharacters: escaped for the regex, and that backslash again for
# Gitea's tokenizer. A space or # only needs the tokenizer's escape.
_GO_META = re.compile(r"[.+*?()|\[\]{}^$\\]")
_TOKEN_META = re.compile(r"[#\s]")


def _gitea_folder(folder: str) -> str:
    escaped = _GO_META.sub(lambda m: "\\\\" + m.group(), folder)
    return _TOKEN_META.sub(lambda m: "\\" + m.group(), escaped) + ".*"


HOSTS: dict[str, Host] = {
    "github": Host(
        "github",
        "GitHub",
        ".github/CODEOWNERS",
        "*",
        _glob_folder,
        "最后一条匹配的规则生效，所以“全部文件”一行在最前。",
    ),
    "gitlab": Host(
        "gitlab",
        "GitLab",
        ".gitlab/CODEOWNERS",
        "*",
        _glob_folder,
        "最后一条匹配的规则生效，所以“全部文件”一行在最前。",
    ),
    "gitea": Host(
        "gitea",
        "Gitea / Forgejo",
        ".gitea/CODEOWNERS",
        ".*",
        _gitea_folder,
        "规则是 Go 正则表达式，须匹配整个路径；所有匹配的规则的审核人都会被请求审核。",
    ),
}


def codeowners_text(ownership: Ownership, host: Host) -> str:
    """The whole CODEOWNERS file for ``host``; the same ownership gives the same bytes."""
    editors = " ".join(handle(e) for e in ownership.editors)
    lines = [
        f"# {host.label} CODEOWNERS：由 {REGENERATE} 根据",
        f"# {ownership.content_prefix}/county.yml 的 editors（县中心编辑）和各实践站 station.yml 的",
        "# maintainers（信息员）生成，请勿手改；改了 editors 或 maintainers 后重新运行上面的命令。",
        f"# {host.rule}",
        "",
        "# 全部文件：县中心编辑",
        f"{host.everything} {editors}".rstrip() if editors else "# （county.yml 没有 editors）",
        "",
        "# 实践站文件夹：本站信息员和县中心编辑",
    ]
    unattended: list[StationOwners] = []
    for station in ownership.stations:
        if not station.maintainers:
            unattended.append(station)
            continue
        folder = host.folder(ownership.station_dir(station.key))
        lines.append(f"{folder} {' '.join(ownership.owners_of_station(station.key))}")
    attended = [t for t in ownership.townships if t.maintainers]
    if attended:
        lines += [
            "",
            "# 实践所自己的文件（township.yml 和活动、预告、好人等）：本所信息员和县中心编辑",
        ]
    for township in attended:
        owners = " ".join(ownership.owners_of_township(township.key))
        lines += [
            f"{host.folder(path)} {owners}" for path in ownership.township_paths(township.key)
        ]
    lines += ["", f"# 县中心文件夹 {ownership.content_prefix}/centre/：县中心编辑（见“全部文件”）"]
    if unattended:
        lines += ["", "# 没有登记信息员的实践站（只由县中心编辑审核）："]
        lines += [f"#   {ownership.station_dir(s.key)}  {s.name}" for s in unattended]
    return "\n".join(lines) + "\n"
