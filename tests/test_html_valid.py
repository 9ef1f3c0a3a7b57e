"""The W3C Nu HTML checker over one page of every kind: 0 errors from our templates.

``vnu.jar`` (npm ``vnu-jar``, pinned by ``scripts/vendor_vnu.py``; ``make test`` fetches it
into tests/vendor/vnu/ and its sha256 is checked against the committed VERSION.json) runs
once on Java 17 over the demo site's pages. The one error left is Material's own and not
in any template of ours: base.html gives its two hidden state checkboxes
``autocomplete="off"`` (so that Firefox does not restore an open drawer on going back),
which the checker allows on text inputs only. It is named here, exactly, and nothing else
is let through.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from ci_guard import under_ci
from page_kinds import KINDS

VNU = Path(__file__).resolve().parent / "vendor" / "vnu"
JAR = VNU / "vnu.jar"
# Page kinds beyond the ones every suite checks (KINDS): a village team, the A4 menu sheet,
# the 404.
MORE_KINDS = {
    "station-team": "stations/*/*/teams/*/index.html",
    "menu-sheet": "centre/menu/a4/index.html",
    "not-found": "404.html",
}
MATERIAL_TOGGLE = "Attribute “autocomplete” is only allowed when the input type is"


def _require_checker() -> str:
    java = shutil.which("java")
    problem = None
    if java is None:
        problem = "java is missing (Debian package openjdk-17-jre-headless)"
    elif not JAR.is_file():
        problem = f"{JAR} is missing: `make test` runs scripts/vendor_vnu.py"
    else:
        pinned = json.loads((VNU / "VERSION.json").read_text(encoding="utf-8"))
        digest = hashlib.sha256(JAR.read_bytes()).hexdigest()
        if digest != pinned["files"]["vnu.jar"]["sha256"]:
            pytest.fail(f"{JAR} is not the pinned vnu.jar (sha256 {digest})")
    if problem is not None:
        if under_ci():
            pytest.fail(problem, pytrace=False)
        pytest.skip(problem)
    assert java is not None
    return java


def is_materials_toggle(message: dict[str, object]) -> bool:
    """Material's base.html state checkboxes (drawer, search): not from our templates."""
    extract = str(message.get("extract", ""))
    return str(message.get("message", "")).startswith(MATERIAL_TOGGLE) and (
        'class="md-toggle"' in extract
        and ('id="__drawer"' in extract or 'id="__search"' in extract)
    )


Messages = dict[str, object]


def check(java: str, pages: list[Path]) -> list[Messages]:
    """The checker's error messages for ``pages`` (warnings and notes left out)."""
    result = subprocess.run(
        [java, "-Xss8m", "-jar", str(JAR), "--format", "json", "--exit-zero-always"]
        + [str(p) for p in pages],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    messages: list[Messages] = json.loads(result.stderr)["messages"]
    return [m for m in messages if m.get("type") in {"error", "non-document-error"}]


# A broken page checked in the same run (one JVM start, ~10 s, for both): the checker
# must report its error, or "no errors" above would mean nothing.
BROKEN = (
    '<!doctype html><html lang="zh"><head><title>x</title></head>'
    '<body><label for="nowhere">标签</label><p><div>块</div></p></body></html>'
)


@pytest.fixture(scope="module")
def checked(demo_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Messages]]:
    """Errors per page kind, and under "broken" those of the deliberately broken page."""
    java = _require_checker()
    kinds = {**KINDS, **MORE_KINDS}
    pages = {kind: sorted(demo_site.glob(pattern)) for kind, pattern in kinds.items()}
    assert all(pages.values()), [kind for kind, found in pages.items() if not found]
    broken = tmp_path_factory.mktemp("vnu") / "broken.html"
    broken.write_text(BROKEN, encoding="utf-8")
    files = {kind: found[0] for kind, found in pages.items()} | {"broken": broken}
    errors = check(java, list(files.values()))
    # The checker names a file "file:/abs/path" (one slash).
    by_path = {str(path.resolve()): kind for kind, path in files.items()}
    out: dict[str, list[Messages]] = {kind: [] for kind in files}
    for message in errors:
        url = str(message.get("url"))
        out[by_path[url.removeprefix("file:").replace("///", "/", 1)]].append(message)
    return out


def test_every_page_kind_is_valid_html(checked: dict[str, list[Messages]]) -> None:
    errors = [m for kind, found in checked.items() if kind != "broken" for m in found]
    # The exemption is real (Material still writes it) and is the only one.
    assert any(is_materials_toggle(m) for m in errors), (
        "Material's toggles changed: drop the exemption"
    )
    ours = [m for m in errors if not is_materials_toggle(m)]
    assert not ours, "\n".join(
        f"{str(m.get('url', '')).rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m.get('message')}"
        f" — {str(m.get('extract', '')).strip()[:120]}"
        for m in ours
    )


def test_checker_reports_a_real_error(checked: dict[str, list[Messages]]) -> None:
    messages = [str(m.get("message")) for m in checked["broken"]]
    assert any("“for” attribute" in m for m in messages), messages
