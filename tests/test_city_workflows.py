"""The city's CI matrix (GitHub, Gitea/Forgejo, GitLab): valid, the same commands on every
host, and run locally as tests/test_workflows.py runs the county workflows: two tiny
counties built by the county job's own step, a third whose build fails, and the city
job's steps collecting what arrived and building the portal, the failed county stale.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import REPO
from test_workflows import _git, actions_steps, commands, run_step

GITHUB = REPO / ".github/workflows/city.yml"
GITEA = REPO / ".gitea/workflows/city.yml"
GITLAB = REPO / ".gitlab/city.gitlab-ci.yml"
COUNTIES = ["dongxian", "nanxian", "xixian"]


def _load(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_each_host_runs_one_job_per_county_that_may_fail_alone() -> None:
    city = yaml.safe_load((REPO / "city/city.yml").read_text(encoding="utf-8"))
    slugs = [c["slug"] for c in city["counties"]]
    assert slugs == COUNTIES
    for path in (GITHUB, GITEA):
        jobs = _load(path)["jobs"]
        assert isinstance(jobs, dict)
        assert jobs["county"]["strategy"] == {"fail-fast": False, "matrix": {"county": slugs}}
        assert jobs["city"]["needs"] == "county" and "always()" in jobs["city"]["if"]
    gitlab = _load(GITLAB)
    county, city_job = gitlab["county"], gitlab["city"]
    assert isinstance(county, dict) and isinstance(city_job, dict)
    assert county["parallel"]["matrix"] == [{"COUNTY": slugs}] and county["allow_failure"]
    assert city_job["when"] == "always"


def _commands(script: str) -> list[str]:
    return [c for c in commands(script) if c.startswith("mkdocs build")]


def test_every_host_builds_with_the_same_commands() -> None:
    found = {}
    for host, path in (("github", GITHUB), ("gitea", GITEA)):
        found[host] = [c for s in actions_steps(host, path, {}) for c in _commands(s.script)]
    gitlab = _load(GITLAB)
    found["gitlab"] = [
        c
        for job in ("county", "city")
        for line in gitlab[job]["script"]
        for c in _commands(line)  # type: ignore[index]
    ]
    assert (
        found["github"]
        == found["gitea"]
        == found["gitlab"]
        == [
            "mkdocs build --strict",
            "mkdocs build --strict -f mkdocs.city.yml -d site",
        ]
    )


def _county(root: Path, slug: str, name: str, seed: int, broken: bool) -> Path:
    import make_city
    import synth_county

    project = root / slug
    synth_county.name_county(name)
    today = dt.datetime.now(tz=dt.timezone(dt.timedelta(hours=8))).date()
    synth_county.main(
        ["--out", str(project), "--county", name, "--seed", str(seed), "--townships", "2",
         "--stations", "3", "--activities", "12", "--honorees", "2", "--photos", "0",
         "--until", today.isoformat(), "--year", str(today.year)]
    )  # fmt: skip
    shutil.copy(REPO / "pyproject.toml", project / "pyproject.toml")
    if broken:  # a clerk's bad file reached this county's main branch
        (project / "content/county.yml").write_text("name: [\n", encoding="utf-8")
    _git(project, "init", "--quiet", "--initial-branch=main")
    _git(project, "add", "--all")
    _git(project, "commit", "--quiet", "-m", name)
    assert make_city.COUNTIES  # the demo's names and the CI's slugs are the same three
    return project


@pytest.mark.parametrize("path", [GITHUB], ids=["github"])
def test_the_matrix_runs_locally_and_a_failed_county_is_shown_stale(
    tmp_path: Path, path: Path
) -> None:
    import sys

    sys.path.insert(0, str(REPO / "scripts"))
    steps = list(actions_steps("github", path, {}))
    build = next(s for s in steps if "county:" in s.where and "mkdocs build" in s.script)
    collect = next(s for s in steps if "downloads/export-" in s.script)
    city_build = next(s for s in steps if "mkdocs.city.yml" in s.script)
    downloads = tmp_path / "city/downloads"
    downloads.mkdir(parents=True)
    # 南县's job never ran (no artifact, nothing cached): shown as without data.
    for seed, (slug, name, broken) in enumerate(
        [("dongxian", "东县", False), ("xixian", "西县", True)]
    ):
        project = _county(tmp_path / "counties", slug, name, 20 + seed, broken)
        result = run_step(build, project)
        assert (result.returncode != 0) == broken, result.stderr[-2000:]
        if not broken:  # upload-artifact, then download-artifact: downloads/export-<slug>/
            shutil.copytree(project / "site/open-data/v1", downloads / f"export-{slug}")
    city = tmp_path / "city"
    (city / "city").mkdir()
    for name in ("city.yml", "content"):
        source = REPO / "city" / name
        target = city / "city" / name
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy(source, target)
    shutil.copy(REPO / "mkdocs.city.yml", city / "mkdocs.city.yml")
    (city / "theme_overrides").symlink_to(REPO / "theme_overrides")
    # The cache restored 西县's export of an earlier, successful run.
    old = city / "city/exports/xixian"
    shutil.copytree(downloads / "export-dongxian", old)
    (old / "received.txt").write_text("2026-01-05\n", encoding="utf-8")
    for step in (collect, city_build):
        result = run_step(step, city)
        assert result.returncode == 0, result.stderr[-3000:]
    home = (city / "site/index.html").read_text(encoding="utf-8")
    assert "数据未更新：自 2026-01-05 起" in home
    assert "未取得数据（没有导出文件）" in home
    received = (city / "city/exports/dongxian/received.txt").read_text("utf-8").strip()
    assert received == dt.datetime.now(tz=dt.UTC).date().isoformat()
    doc = json.loads((city / "city/exports/dongxian/data.json").read_text("utf-8"))
    assert doc["county"]["name"] == "东县"
    assert not (city / "city/exports/nanxian").exists()
