"""tests/ci_guard.py: under CI a skip fails the run; elsewhere it is only reported.

A small suite is written into a temporary folder and run by pytest in a subprocess with
the guard loaded (``-p ci_guard``), with and without ``CI=true``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from ci_guard import under_ci

TESTS = Path(__file__).resolve().parent

PASSING = "def test_passes():\n    assert 1 + 1 == 2\n"
SKIPPING = (
    "import pytest\n\n"
    "def test_passes():\n    assert True\n\n"
    "def test_skips():\n    pytest.skip('chromium is missing')\n"
)
MODULE_SKIP = "import pytest\n\npytest.skip('no poppler', allow_module_level=True)\n"


def run_suite(
    folder: Path, files: dict[str, str], ci: str | None
) -> subprocess.CompletedProcess[str]:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PYTHONPATH"] = str(TESTS)
    if ci is not None:
        env["CI"] = ci
    command = [sys.executable, "-m", "pytest", "-p", "ci_guard", "-p", "no:cacheprovider"]
    return subprocess.run(
        [*command, "--rootdir", str(folder), str(folder)],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("files", "skipped"),
    [
        ({"test_a.py": SKIPPING}, "test_a.py::test_skips: chromium is missing"),
        ({"test_a.py": PASSING, "test_b.py": MODULE_SKIP}, "test_b.py: no poppler"),
    ],
    ids=["a-test", "a-module"],
)
def test_a_skip_fails_the_run_under_ci(tmp_path: Path, files: dict[str, str], skipped: str) -> None:
    result = run_suite(tmp_path, files, ci="true")
    assert result.returncode == 1, result.stdout
    assert "skipped under CI" in result.stdout
    assert f"SKIPPED {skipped}" in result.stdout


@pytest.mark.parametrize("ci", [None, "false"])
def test_a_skip_is_only_reported_elsewhere(tmp_path: Path, ci: str | None) -> None:
    result = run_suite(tmp_path, {"test_a.py": SKIPPING}, ci=ci)
    assert result.returncode == 0, result.stdout
    assert "1 passed, 1 skipped" in result.stdout
    assert "skipped under CI" not in result.stdout


def test_a_run_without_skips_passes_under_ci(tmp_path: Path) -> None:
    result = run_suite(tmp_path, {"test_a.py": PASSING}, ci="true")
    assert result.returncode == 0, result.stdout
    assert "1 passed" in result.stdout


def test_under_ci_reads_the_usual_values(monkeypatch: pytest.MonkeyPatch) -> None:
    for value, expected in (("true", True), ("1", True), ("yes", True), ("FALSE", False)):
        monkeypatch.setenv("CI", value)
        assert under_ci() is expected, value
    monkeypatch.delenv("CI")
    assert under_ci() is False
