"""Under CI a skipped test is a failed run: a skip must never be counted as done.

Locally a test may skip with a note when something only ``make test`` installs is
missing (Debian's Chromium, poppler). Under CI (``CI`` set to anything but an empty
string, ``0``, ``false`` or ``no``; GitHub, GitLab and Gitea set ``CI=true``, and so
does ``.ci/run``) every such skip, whether of one test or of a whole module, is listed
at the end and the session's exit status becomes 1. ``tests/conftest.py`` loads this
plugin; ``tests/test_ci_guard.py`` runs it on a sample suite with ``-p ci_guard``.
"""

from __future__ import annotations

import os

import pytest

FALSE_WORDS = {"", "0", "false", "no"}


def under_ci() -> bool:
    """True when the environment says this is a CI run (the common ``CI`` variable)."""
    return os.environ.get("CI", "").strip().lower() not in FALSE_WORDS


def _reason(report: pytest.CollectReport | pytest.TestReport) -> str:
    longrepr = report.longrepr
    # A skip's longrepr is (file, line, "Skipped: why").
    if isinstance(longrepr, tuple):
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


class SkipGuard:
    """Collects every skip of the session and fails the session if there was one."""

    def __init__(self) -> None:
        self.skipped: list[str] = []

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.skipped:
            self.skipped.append(f"{report.nodeid}: {_reason(report)}")

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.skipped and not hasattr(report, "wasxfail"):
            self.skipped.append(f"{report.nodeid}: {_reason(report)}")

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if self.skipped and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if not self.skipped:
            return
        terminalreporter.write_sep("=", "skipped under CI (CI is set): the run fails", red=True)
        for line in self.skipped:
            terminalreporter.write_line(f"SKIPPED {line}")
        terminalreporter.write_line(
            "Install what is missing (`make .venv/.test-installed` as root) instead of skipping."
        )


def pytest_configure(config: pytest.Config) -> None:
    if under_ci():
        config.pluginmanager.register(SkipGuard(), "wm-ci-skip-guard")
