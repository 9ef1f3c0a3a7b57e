"""The CI files for GitHub, GitLab and Gitea/Forgejo: valid YAML whose commands really run.

The run steps are not copied here: they are read from the workflow files and run as
they stand (with the host's variables filled in) in a git clone of the demo county with
a clerk's pull request on a branch. Only one site build runs: every other build step
must be the same command. Installs and deploys are checked for shape, not run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, STATION_DIR, copy_demo, copy_photo_cache, make_county

CLERK = "dongying-clerk"  # maintainer of liuhe/dongying in the demo county
OWN_ACTIVITY = "content/stations/liuhe/dongying/activities/2026-06-28-pr-test.md"
ACTIVITY = """\
---
title: 合并请求测试活动
date: 2026-06-28
category: 文化文艺
volunteers: 3
---

志愿者整理农家书屋。
"""
GITHUB_FILES = sorted((REPO / ".github/workflows").glob("*.yml"))
GITEA_FILES = sorted((REPO / ".gitea/workflows").glob("*.yml"))
GITLAB_FILE = REPO / ".gitlab-ci.yml"
PROJECT_COMMAND = re.compile(r"(python -m site_plugins \w+|mkdocs build)[^\n|>&;]*")
GITLAB_KEYWORDS = {"workflow", "stages", "variables", "default", "include", "image", "cache"}


@dataclass(frozen=True)
class Step:
    host: str
    where: str  # file and step or job, for messages
    script: str
    env: dict[str, str]


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


# --- reading the steps ----------------------------------------------------------------------


def _expression(value: str, context: dict[str, str]) -> str:
    """GitHub/Gitea ``${{ … }}`` in an env value: the test's context, secrets unset."""

    def one(match: re.Match[str]) -> str:
        expr = match.group(1).strip()
        if expr.startswith("secrets."):
            return ""
        assert expr in context, f"no test value for ${{{{ {expr} }}}}"
        return context[expr]

    return re.sub(r"\$\{\{(.*?)\}\}", one, value)


def actions_steps(host: str, path: Path, context: dict[str, str]) -> Iterator[Step]:
    workflow = load(path)
    for job_name, job in workflow["jobs"].items():
        job_env = {k: _expression(str(v), context) for k, v in job.get("env", {}).items()}
        for step in job["steps"]:
            if "run" not in step:
                continue
            env = {k: _expression(str(v), context) for k, v in step.get("env", {}).items()}
            where = f"{path.relative_to(REPO)} {job_name}: {step.get('name', step['run'])}"
            yield Step(host, where, step["run"], {**job_env, **env})


def gitlab_jobs() -> dict[str, dict[str, Any]]:
    ci = load(GITLAB_FILE)
    return {
        name: job
        for name, job in ci.items()
        if name not in GITLAB_KEYWORDS and not name.startswith(".") and isinstance(job, dict)
    }


def gitlab_steps(predefined: dict[str, str]) -> Iterator[Step]:
    ci = load(GITLAB_FILE)
    for name, job in gitlab_jobs().items():
        lines = job["script"]
        assert all(isinstance(line, str) for line in lines), f"{name}: a script line parsed as YAML"
        variables = {**ci.get("variables", {}), **job.get("variables", {})}
        env = {k: _gitlab_value(str(v), predefined) for k, v in variables.items()}
        yield Step("gitlab", f".gitlab-ci.yml {name}", "\n".join(lines), env)


def _gitlab_value(value: str, predefined: dict[str, str]) -> str:
    return re.sub(r"\$(\w+)", lambda m: predefined.get(m.group(1), m.group(0)), value)


def commands(script: str) -> list[str]:
    return [m.group(0).strip() for m in PROJECT_COMMAND.finditer(script)]


def pull_request_steps(author: str) -> list[Step]:
    context = {"github.event.pull_request.user.login": author, "github.base_ref": "main"}
    steps: list[Step] = []
    for host, files in (("github", GITHUB_FILES), ("gitea", GITEA_FILES)):
        for path in files:
            if "pull_request" in load(path)[True]:  # YAML 1.1 reads the key `on` as True
                steps += actions_steps(host, path, context)
    predefined = {
        "GITLAB_USER_LOGIN": author,
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
        "CI_PROJECT_DIR": ".",
    }
    jobs = gitlab_jobs()
    for step in gitlab_steps(predefined):
        job = jobs[step.where.split()[-1]]
        rules = json.dumps(job.get("rules", []))
        if "CI_DEFAULT_BRANCH" not in rules:  # runs in merge request pipelines
            steps.append(step)
    return steps


# --- shape ----------------------------------------------------------------------------------


def test_every_file_parses_and_each_host_has_its_workflows() -> None:
    assert GITHUB_FILES and GITEA_FILES
    for path in [*GITHUB_FILES, *GITEA_FILES]:
        workflow = load(path)
        assert workflow["jobs"] and workflow[True], path
    assert gitlab_jobs()


@pytest.mark.parametrize("host", ["github", "gitea", "gitlab"])
def test_pull_request_checks_cover_everything(host: str) -> None:
    found = [c for s in pull_request_steps(CLERK) if s.host == host for c in commands(s.script)]
    fmt = "gitlab" if host == "gitlab" else "github"
    assert f"python -m site_plugins validate content --format {fmt}" in found
    assert any(c.startswith("python -m site_plugins owners --author") for c in found)
    assert any(c.startswith("python -m site_plugins codeowners --check") for c in found)
    assert "mkdocs build --strict" in found


@pytest.mark.parametrize("path", [*GITHUB_FILES, *GITEA_FILES], ids=lambda p: p.name)
def test_installs_the_project_with_pip_and_caches_it(path: Path) -> None:
    workflow = load(path)
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    runs = [s["run"] for s in steps if "run" in s]
    assert "python -m pip install -e ." in runs
    setup = [s for s in steps if str(s.get("uses", "")).startswith("actions/setup-python")]
    assert setup and setup[0]["with"]["cache"] == "pip"
    uploads = [s for s in steps if "upload-artifact" in str(s.get("uses", ""))]
    # The site, or (the city workflow's county jobs) the open data inside it.
    assert uploads and all(u["with"]["path"].startswith("site/") for u in uploads)


def test_gitlab_caches_pip_and_reports_code_quality() -> None:
    ci = load(GITLAB_FILE)
    assert ci["default"]["before_script"] == ["python -m pip install -e ."]
    assert ".cache/pip" in ci["variables"]["PIP_CACHE_DIR"]
    assert any(".cache/pip" in c["paths"] for c in ci["default"]["cache"])
    jobs = gitlab_jobs()
    report = jobs["validate"]["artifacts"]["reports"]["codequality"]
    assert f"> {report}" in "\n".join(jobs["validate"]["script"])
    assert jobs["pages"]["artifacts"]["paths"] == ["public"]
    assert "merge_request_event" in json.dumps(ci["workflow"]["rules"])


def _deploy_names(text: str) -> set[str]:
    return set(re.findall(r"\bDEPLOY_[A-Z0-9_]+", text))


def test_deploy_steps_use_the_same_secret_names_and_are_skipped_when_unset() -> None:
    texts = {
        "github": (REPO / ".github/workflows/publish.yml").read_text(encoding="utf-8"),
        "gitea": (REPO / ".gitea/workflows/publish.yml").read_text(encoding="utf-8"),
        "gitlab": GITLAB_FILE.read_text(encoding="utf-8"),
    }
    names = {host: _deploy_names(text) for host, text in texts.items()}
    assert names["github"] == names["gitea"] == names["gitlab"]
    assert {"DEPLOY_RSYNC_TARGET", "DEPLOY_S3_BUCKET"} <= names["github"]
    for host in ("github", "gitea"):
        workflow = load(REPO / f".{host}/workflows/publish.yml")
        for step in workflow["jobs"]["publish"]["steps"]:
            run = step.get("run", "")
            if "rsync -" in run or "aws s3" in run:
                assert "steps.targets.outputs" in step["if"], step["name"]
    rules = json.dumps(gitlab_jobs()["deploy"]["rules"])
    assert "$DEPLOY_RSYNC_TARGET" in rules and "$DEPLOY_S3_BUCKET" in rules


# --- running the commands ---------------------------------------------------------------------


def _git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "测试",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "测试",
        "GIT_COMMITTER_EMAIL": "test@example.com",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    result = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def pull_request(tmp_path_factory: pytest.TempPathFactory, demo_site: Path) -> Path:
    """A clone of the demo county with a clerk's pull request branch checked out, and the
    photo cache restored (as the workflows' cache steps do) from the session's build."""
    root = tmp_path_factory.mktemp("ci")
    origin = copy_demo(root / "origin")
    for folder in (".github", ".gitlab", ".gitea"):
        shutil.copytree(REPO / folder, origin / folder)
    shutil.copy(GITLAB_FILE, origin / ".gitlab-ci.yml")
    _git(origin, "init", "--quiet", "--initial-branch=main")
    _git(origin, "add", "--all")
    _git(origin, "commit", "--quiet", "-m", "示范县")
    _git(root, "clone", "--quiet", str(origin), "work")
    work = root / "work"
    _git(work, "checkout", "--quiet", "-b", "clerk-pr")
    (work / OWN_ACTIVITY).write_text(ACTIVITY, encoding="utf-8")
    _git(work, "add", OWN_ACTIVITY)
    _git(work, "commit", "--quiet", "-m", "新增活动")
    copy_photo_cache(demo_site, work)
    return work


def run_step(step: Step, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "NO_MKDOCS_2_WARNING": "1",
        "GITHUB_OUTPUT": str(cwd.parent / "github-output.txt"),
        **step.env,
    }
    # Both Actions (shell: bash -e {0}) and GitLab stop at the first failing command.
    return subprocess.run(
        ["bash", "-e", "-c", step.script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@dataclass(frozen=True)
class PullRequestRun:
    work: Path
    ran: list[str]  # every project command that ran, in order
    built: str  # the one build command that ran
    failures: list[str]


@pytest.fixture(scope="module")
def clerk_run(pull_request: Path) -> PullRequestRun:
    """Every project command of every host's pull-request checks, run once."""
    built: str | None = None
    ran: list[str] = []
    failures = []
    for step in pull_request_steps(CLERK):
        found = commands(step.script)
        if not found:
            continue
        builds = [c for c in found if c.startswith("mkdocs build")]
        if builds:
            if built is not None:  # one build in the test: every other one is the same
                assert builds == [built], step.where
                continue
            built = builds[0]
        result = run_step(step, pull_request)
        if result.returncode != 0 or "Traceback" in result.stderr:
            failures.append(f"{step.where}\n{result.stdout}\n{result.stderr}")
        ran += found
    assert built is not None
    return PullRequestRun(pull_request, ran, built, failures)


def test_pull_request_commands_run_and_pass_on_a_clerks_own_change(
    clerk_run: PullRequestRun,
) -> None:
    assert clerk_run.failures == []
    assert clerk_run.built == "mkdocs build --strict"
    site = clerk_run.work / "site"
    assert (site / "index.html").is_file()
    assert (site / "stations/liuhe/dongying/activities/2026-06-28-pr-test/index.html").is_file()
    report = json.loads((clerk_run.work / "gl-code-quality-report.json").read_text("utf-8"))
    assert report == []  # the demo plus the clerk's activity has no problems
    ran = {c.split()[3] for c in clerk_run.ran if c.startswith("python -m site_plugins")}
    assert ran == {"validate", "owners", "codeowners"}


def test_ownership_step_flags_a_clerk_editing_another_station(pull_request: Path) -> None:
    steps = [s for s in pull_request_steps("hexi-clerk") if "site_plugins owners" in s.script]
    assert {s.host for s in steps} == {"github", "gitea", "gitlab"}
    for step in steps:
        result = run_step(step, pull_request)
        assert result.returncode == 1, step.where
        if step.host == "gitlab":
            line = f"{OWN_ACTIVITY}:1:1  FOREIGN_EDIT  hexi-clerk 不是东营村"
            assert line in result.stdout
            report = json.loads((pull_request / "gl-owners-report.json").read_text("utf-8"))
            assert [(r["check_name"], r["location"]["path"]) for r in report] == [
                ("FOREIGN_EDIT", OWN_ACTIVITY)
            ]
        else:
            assert f"::error file={OWN_ACTIVITY},line=1,col=1,title=FOREIGN_EDIT::" in (
                result.stdout
            )


def test_publish_target_step_says_nothing_is_set(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    for host, path in (("github", ".github"), ("gitea", ".gitea")):
        steps = actions_steps(host, REPO / path / "workflows/publish.yml", {})
        (step,) = [s for s in steps if "GITHUB_OUTPUT" in s.script]
        result = run_step(step, work)
        assert result.returncode == 0
        outputs = (tmp_path / "github-output.txt").read_text(encoding="utf-8").splitlines()
        assert outputs[-2:] == ["rsync=", "s3="]
        assert "::notice::" in result.stdout


def test_gitlab_pages_job_publishes_the_built_site(clerk_run: PullRequestRun) -> None:
    (step,) = [s for s in gitlab_steps({}) if s.where.endswith(" pages")]
    result = run_step(step, clerk_run.work)
    assert result.returncode == 0, result.stderr
    site, public = clerk_run.work / "site", clerk_run.work / "public"
    assert (public / "index.html").read_bytes() == (site / "index.html").read_bytes()


# --- the GitLab Code Quality report ---------------------------------------------------------

BAD = "---\ntitle: 义诊进村\ndate: 2026-02-30\nteam: culture\nvolunteers: 很多\n---\n\n正文。\n"


def _gitlab_report(project: Path) -> list[dict[str, Any]]:
    result = subprocess.run(
        [sys.executable, "-m", "site_plugins", "validate", "content", "--format", "gitlab"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert isinstance(report, list)
    return report


def test_gitlab_report_has_the_required_keys_and_stable_fingerprints(tmp_path: Path) -> None:
    acts = f"{STATION_DIR}/activities/"
    project = make_county(tmp_path / "a", {acts + "a.md": BAD, acts + "b.md": BAD})
    report = _gitlab_report(project)
    assert {r["check_name"] for r in report} >= {"BAD_DATE", "WRONG_TYPE"}
    for item in report:
        assert set(item) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert item["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert item["location"]["path"].startswith("content/")
        assert isinstance(item["location"]["lines"]["begin"], int)
        assert " — " in item["description"]
    fingerprints = [r["fingerprint"] for r in report]
    assert len(set(fingerprints)) == len(fingerprints)
    assert _gitlab_report(project) == report
    # A line added above the problems moves them but keeps their fingerprints.
    moved = BAD.replace("---\ntitle", "---\nlocation: 村卫生室\ntitle")
    (project / "content" / acts / "a.md").write_text(moved, encoding="utf-8")
    after = {(r["check_name"], r["location"]["path"]): r for r in _gitlab_report(project)}
    for item in report:
        same = after[(item["check_name"], item["location"]["path"])]
        assert same["fingerprint"] == item["fingerprint"]
        if item["location"]["path"].endswith("/a.md"):
            assert same["location"]["lines"]["begin"] == item["location"]["lines"]["begin"] + 1
