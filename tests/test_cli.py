"""``python -m site_plugins validate``: every problem, in the shape CI and clerks read."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import STATION_DIR, make_county

ACT = f"{STATION_DIR}/activities/"
# Lines: 1 ---, 2 title, 3 date, 4 team, 5 volunteers, 6 ---.
BAD_TYPE = (
    "---\ntitle: 义诊进村\ndate: 2026-06-19\nteam: culture\nvolunteers: 很多\n---\n\n正文。\n"
)
BAD_DATE = "---\ntitle: 送春联\ndate: 2026-02-30\nteam: culture\nvolunteers: 5\n---\n\n正文。\n"
# (path shown, line, col, code): worked out by hand from the texts above.
EXPECTED = [
    (f"content/{ACT}bad-date.md", 3, 7, "BAD_DATE"),
    (f"content/{ACT}bad-type.md", 5, 13, "WRONG_TYPE"),
]
TEXT_LINE = re.compile(
    r"^(?P<path>\S+):(?P<line>\d+):(?P<col>\d+)  (?P<code>[A-Z_]+)  (?P<message>.+) — (?P<fix>.+)$"
)
GITHUB_LINE = re.compile(
    r"^::(?P<kind>error|warning) file=(?P<path>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+)(?:,[^:]*)?::(?P<text>.+)$"
)


def validate(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "site_plugins", "validate", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture(scope="module")
def two_errors(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_county(
        tmp_path_factory.mktemp("cli"),
        {ACT + "bad-type.md": BAD_TYPE, ACT + "bad-date.md": BAD_DATE},
    )


def test_text_lists_both_errors_and_exits_1(two_errors: Path) -> None:
    result = validate(two_errors, "content")
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines
    parsed = [TEXT_LINE.match(line) for line in lines]
    assert [line for line, m in zip(lines, parsed, strict=True) if m is None] == []
    errors = [
        (m["path"], int(m["line"]), int(m["col"]), m["code"])
        for m in parsed
        if m is not None and m["code"] in {"BAD_DATE", "WRONG_TYPE"}
    ]
    assert errors == EXPECTED
    assert "Traceback" not in result.stderr


def test_github_format_annotates_each_error(two_errors: Path) -> None:
    result = validate(two_errors, "content", "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    parsed = [GITHUB_LINE.match(line) for line in lines]
    assert [line for line, m in zip(lines, parsed, strict=True) if m is None] == []
    errors = [
        (m["path"], int(m["line"]), int(m["col"]))
        for m in parsed
        if m is not None and m["kind"] == "error"
    ]
    assert errors == [(path, line, col) for path, line, col, _ in EXPECTED]
    # Messages are on one line each: GitHub ends a command at the first newline.
    assert len(lines) == len([m for m in parsed if m])


def test_github_format_escapes_commas_and_colons_in_paths(tmp_path: Path) -> None:
    # GitHub splits properties at "," and ends them at "::"; values must escape "," and
    # ":" as %2C and %3A (https://github.com/actions/toolkit, core/src/command.ts).
    project = make_county(tmp_path, {ACT + "a,b.md": BAD_TYPE})
    result = validate(project, "content", "--format", "github")
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert errors  # BAD_SLUG for the name, WRONG_TYPE for the value
    assert [e for e in errors if f"file=content/{ACT}a%2Cb.md,line=" not in e] == []


def test_json_format_has_every_field(two_errors: Path) -> None:
    result = validate(two_errors, "content", "--format", "json")
    assert result.returncode == 1
    items = json.loads(result.stdout)
    assert isinstance(items, list)
    for item in items:
        assert set(item) == {"path", "line", "col", "code", "message", "fix", "severity"}
        assert item["severity"] in ("error", "warning")
        assert isinstance(item["line"], int)
        assert isinstance(item["col"], int)
        assert item["message"]
        assert item["fix"]
    errors = [
        (i["path"], i["line"], i["col"], i["code"]) for i in items if i["severity"] == "error"
    ]
    assert errors == EXPECTED


def test_clean_tree_exits_0(tmp_path: Path) -> None:
    good = "---\ntitle: 义诊进村\ndate: 2026-06-19\nteam: culture\nphotos: [media/scene-1.jpg]\n---\n\n正文。\n"
    project = make_county(tmp_path, {ACT + "2026-06-19-yizhen.md": good})
    result = validate(project, "content")
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    for fmt in ("github", "json"):
        assert validate(project, "content", "--format", fmt).returncode == 0
    assert json.loads(validate(project, "content", "--format", "json").stdout) == []


def test_warnings_alone_do_not_fail(tmp_path: Path) -> None:
    # The base county's scene-1.jpg is referenced by nothing: an UNUSED_PHOTO warning.
    project = make_county(tmp_path)
    result = validate(project, "content")
    assert result.returncode == 0
    assert "UNUSED_PHOTO" in result.stdout


def test_missing_directory_exits_2_without_a_traceback(tmp_path: Path) -> None:
    result = validate(tmp_path, "no-such-folder")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    assert "no-such-folder" in result.stdout + result.stderr


def test_missing_directory_is_a_coded_problem_in_every_format(tmp_path: Path) -> None:
    text = validate(tmp_path, "no-such-folder")
    assert "no-such-folder:1:1  NO_CONTENT  " in text.stdout
    as_json = validate(tmp_path, "no-such-folder", "--format", "json")
    assert [p["code"] for p in json.loads(as_json.stdout)] == ["NO_CONTENT"]
