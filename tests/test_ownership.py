"""Station ownership: generated CODEOWNERS files and the pull-request ownership check.

Expected owners are worked out here from the station files themselves (plain YAML
reads), and each host's file is read back with that host's own matching rules, so the
tests would catch a generator that wrote the wrong owners or the wrong pattern syntax.
"""

from __future__ import annotations

import fnmatch
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import REPO, copy_demo

from site_plugins.cli import main
from site_plugins.ownership.changes import parse_changes

HOST_FILES = {
    "github": ".github/CODEOWNERS",
    "gitlab": ".gitlab/CODEOWNERS",
    "gitea": ".gitea/CODEOWNERS",
}


# --- what the station files say, read independently of the generator -------------------


def editors_of(content: Path) -> set[str]:
    county = yaml.safe_load((content / "county.yml").read_text(encoding="utf-8"))
    return {"@" + e.lstrip("@").lower() for e in county.get("editors", [])}


def maintainers_of(content: Path) -> dict[str, set[str]]:
    found = {}
    for path in sorted(content.glob("stations/*/*/station.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        key = f"{path.parent.parent.name}/{path.parent.name}"
        found[key] = {"@" + m.lstrip("@").lower() for m in data.get("maintainers", [])}
    return found


# --- each host's matching rules -----------------------------------------------------------


def _rules(text: str) -> list[tuple[str, set[str]]]:
    rules = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        pattern, *owners = line.split()
        rules.append((pattern, {o.lower() for o in owners}))
    return rules


def _glob_matches(pattern: str, path: str) -> bool:
    """GitHub/GitLab: '*' matches everything; '/dir/' matches everything below dir."""
    if pattern == "*":
        return True
    if pattern.startswith("/") and pattern.endswith("/"):
        return path.startswith(pattern[1:])
    return fnmatch.fnmatch(path, pattern.lstrip("/"))


def _gitea_regex(token: str) -> str:
    # Gitea's tokenizer: a backslash takes the next character literally.
    return re.sub(r"\\(.)", r"\1", token)


def owners_on_host(host: str, text: str, path: str) -> set[str]:
    rules = _rules(text)
    if host == "gitea":
        # Every matching rule adds its owners; the regex must match the whole path.
        owners: set[str] = set()
        for pattern, names in rules:
            if re.fullmatch(_gitea_regex(pattern), path):
                owners |= names
        return owners
    last: set[str] = set()
    for pattern, names in rules:  # the last matching rule wins
        if _glob_matches(pattern, path):
            last = names
    return last


# --- CODEOWNERS ---------------------------------------------------------------------------


@pytest.mark.parametrize("host", sorted(HOST_FILES))
def test_committed_codeowners_give_each_station_to_its_maintainers(host: str) -> None:
    content = REPO / "content"
    text = (REPO / HOST_FILES[host]).read_text(encoding="utf-8")
    editors = editors_of(content)
    stations = maintainers_of(content)
    assert editors and stations
    for key, maintainers in stations.items():
        for rel in ("station.yml", "activities/2026-06-01-x.md", "media/a.jpg"):
            path = f"content/stations/{key}/{rel}"
            assert owners_on_host(host, text, path) == maintainers | editors, path
    # A township with maintainers owns its own file and folders, not its villages'.
    township_yml = content / "stations" / "chengguan" / "township.yml"
    clerks = {
        f"@{m}" for m in yaml.safe_load(township_yml.read_text(encoding="utf-8"))["maintainers"]
    }
    assert clerks
    for rel in ("township.yml", "activities/2026-11-28-x.md", "plans/x.md", "media/a.jpg"):
        path = f"content/stations/chengguan/{rel}"
        assert owners_on_host(host, text, path) == clerks | editors, path
    outside = ["mkdocs.yml", "content/county.yml", "content/stations/liuhe/township.yml"]
    outside += ["content/centre/centre.yml", "content/centre/activities/2026-12-05-x.md"]
    outside += ["content/themes/2026.yml", HOST_FILES[host], "site_plugins/cli.py"]
    for path in outside:
        assert owners_on_host(host, text, path) == editors, path


def test_committed_codeowners_are_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["codeowners", "--check", "--content", str(REPO / "content"), "--root", str(REPO)]
    assert main(args) == 0, capsys.readouterr()


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    project = copy_demo(tmp_path / "demo")
    for rel in HOST_FILES.values():
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / rel, project / rel)
    return project


def _codeowners(project: Path, *args: str) -> int:
    return main(
        ["codeowners", "--content", str(project / "content"), "--root", str(project), *args]
    )


def test_check_fails_after_a_maintainer_changes(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    station = demo / "content/stations/liuhe/hexi/station.yml"
    text = station.read_text(encoding="utf-8")
    assert "maintainers: [hexi-clerk]" in text
    station.write_text(text.replace("[hexi-clerk]", "[hexi-clerk, hexi-deputy]"), "utf-8")
    assert _codeowners(demo, "--check") == 1
    out = capsys.readouterr().out
    for rel in HOST_FILES.values():
        line = next(line for line in out.splitlines() if line.startswith(f"{rel}:"))
        assert "CODEOWNERS_STALE" in line and " — " in line
        # The located line is the first that differs: the line of the hexi station.
        number = int(line.split(":")[1])
        old = (demo / rel).read_text(encoding="utf-8").splitlines()
        assert "liuhe/hexi/" in old[number - 1]
    assert _codeowners(demo) == 0
    assert _codeowners(demo, "--check") == 0
    for host, rel in HOST_FILES.items():
        text = (demo / rel).read_text(encoding="utf-8")
        owners = owners_on_host(host, text, "content/stations/liuhe/hexi/station.yml")
        assert "@hexi-deputy" in owners


def test_check_of_one_host_needs_its_file(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (demo / ".gitea/CODEOWNERS").unlink()
    assert _codeowners(demo, "--check") == 0  # --host all: only the files that exist
    assert _codeowners(demo, "--check", "--host", "gitea") == 1
    assert ".gitea/CODEOWNERS:1:1  CODEOWNERS_STALE" in capsys.readouterr().out


def test_station_without_maintainers_is_left_to_the_editors(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    station = demo / "content/stations/qingshi/nanshan/station.yml"
    text = station.read_text(encoding="utf-8")
    station.write_text(re.sub(r"(?m)^maintainers:.*\n", "", text), "utf-8")
    assert _codeowners(demo) == 0
    warning = capsys.readouterr().out
    assert "content/stations/qingshi/nanshan/station.yml:1:1  NO_MAINTAINERS" in warning
    editors = editors_of(demo / "content")
    for host, rel in HOST_FILES.items():
        text = (demo / rel).read_text(encoding="utf-8")
        path = "content/stations/qingshi/nanshan/activities/a.md"
        assert owners_on_host(host, text, path) == editors
        assert "content/stations/qingshi/nanshan/" in text  # named in the closing comment


def test_codeowners_refuses_content_with_errors(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    station = demo / "content/stations/liuhe/hexi/station.yml"
    text = station.read_text(encoding="utf-8")
    station.write_text(text.replace("[hexi-clerk]", "[河西村信息员]"), "utf-8")
    before = (demo / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert _codeowners(demo) == 1
    assert "validate" in capsys.readouterr().err
    assert (demo / ".github/CODEOWNERS").read_text(encoding="utf-8") == before


# --- the ownership check of a pull request ---------------------------------------------------

CLERK = "dongying-clerk"  # maintainer of liuhe/dongying in the demo county
EDITOR = "county-editor"
OWN = "content/stations/liuhe/dongying/activities/2026-06-01-new.md"
FOREIGN = "content/stations/liuhe/hexi/activities/2026-06-01-new.md"


def _owners(
    tmp_path: Path, author: str, listing: str, *args: str, content: Path = REPO / "content"
) -> int:
    changed = tmp_path / "changed.txt"
    changed.write_text(listing, encoding="utf-8")
    return main(
        ["owners", "--author", author, "--changed", str(changed), "--content", str(content), *args]
    )


def _flagged(out: str) -> list[tuple[str, str]]:
    found = []
    for line in out.splitlines():
        match = re.match(r"^(\S+):1:1  ([A-Z_]+)  .+ — .+$", line)
        assert match, line
        found.append((match[1], match[2]))
    return found


@pytest.mark.parametrize(
    ("listing", "flagged"),
    [
        pytest.param(f"M\t{FOREIGN}\n", [(FOREIGN, "FOREIGN_EDIT")], id="foreign-edit"),
        pytest.param(
            f"R091\t{FOREIGN}\t{OWN}\n", [(FOREIGN, "FOREIGN_EDIT")], id="rename-out-of-another"
        ),
        pytest.param(
            f"D\t{FOREIGN}\n", [(FOREIGN, "FOREIGN_EDIT")], id="delete-in-another-station"
        ),
        pytest.param(
            "A\tcontent/stations/liuhe/xincun/station.yml\n",
            [("content/stations/liuhe/xincun/station.yml", "NEW_STATION")],
            id="new-station-folder",
        ),
        pytest.param("M\tmkdocs.yml\n", [("mkdocs.yml", "EDITOR_ONLY")], id="mkdocs-yml"),
        pytest.param(
            "content/stations/liuhe/township.yml\n",
            # A 所's own file: its maintainers' (none in liuhe) or an editor's.
            [("content/stations/liuhe/township.yml", "FOREIGN_EDIT")],
            id="township-file-plain-list",
        ),
        pytest.param(
            "M\t.github/CODEOWNERS\n", [(".github/CODEOWNERS", "EDITOR_ONLY")], id="codeowners"
        ),
        pytest.param(f"M\t{OWN}\nA\t{OWN.replace('new', 'two')}\n", [], id="own-station"),
        pytest.param(f"C075\t{FOREIGN}\t{OWN}\n", [], id="copy-from-another-into-own"),
    ],
)
def test_ownership_check_of_a_clerk(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    listing: str,
    flagged: list[tuple[str, str]],
) -> None:
    status = _owners(tmp_path, CLERK, listing)
    out = capsys.readouterr().out
    assert _flagged(out) == flagged
    assert status == (1 if flagged else 0)


def test_editor_may_change_anything(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listing = f"M\t{FOREIGN}\nA\tcontent/stations/liuhe/xincun/station.yml\nM\tmkdocs.yml\n"
    assert _owners(tmp_path, EDITOR.upper(), listing) == 0
    assert capsys.readouterr().out == ""


def test_ownership_comes_from_the_base_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The pull request adds its author to hexi's maintainers and edits hexi: the base
    # branch does not list them, so both files are flagged.
    station = "content/stations/liuhe/hexi/station.yml"
    assert _owners(tmp_path, "newcomer", f"M\t{station}\nA\t{FOREIGN}\n") == 1
    assert _flagged(capsys.readouterr().out) == [
        (FOREIGN, "FOREIGN_EDIT"),
        (station, "FOREIGN_EDIT"),
    ]
    # With a base where they are a maintainer, the same change passes.
    base = copy_demo(tmp_path / "base") / "content"
    path = base / "stations/liuhe/hexi/station.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[hexi-clerk]", "[hexi-clerk, newcomer]"), encoding="utf-8")
    listing = f"M\t{station}\nA\t{FOREIGN}\n"
    assert _owners(tmp_path, "newcomer", listing, content=base) == 0


def test_github_format_annotates_each_flagged_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _owners(tmp_path, CLERK, f"M\t{FOREIGN}\n", "--format", "github") == 1
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith(f"::error file={FOREIGN},line=1,col=1,title=FOREIGN_EDIT::")
    assert CLERK in line and "hexi-clerk" in line


def test_missing_base_content_is_a_chinese_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = _owners(tmp_path, CLERK, f"M\t{OWN}\n", content=tmp_path / "nowhere")
    assert status == 2
    assert "NO_CONTENT  找不到内容文件夹" in capsys.readouterr().err


def test_changes_parse_git_name_status_and_quoted_paths() -> None:
    listing = (
        "M\tmkdocs.yml\n"
        "R100\told/a.md\tnew/a.md\n"
        '"content/\\344\\270\\255\\346\\226\\207.md"\n'
        "\n"
        "docs/plain path.md\n"
    )
    changes = parse_changes(listing)
    assert [(c.path, c.verb) for c in changes] == [
        ("mkdocs.yml", "修改"),
        ("old/a.md", "移走"),
        ("new/a.md", "移入"),
        ("content/中文.md", "修改"),
        ("docs/plain path.md", "修改"),
    ]
