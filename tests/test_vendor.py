"""The vendoring scripts share one download-and-verify path (scripts/vendor_decap.py).

Offline: a fake npm registry serves a tarball made here, so these tests check what the
scripts do with what they are given (integrity checks, the files taken, the manifest)
without the network.
"""

from __future__ import annotations

import importlib.util
import io
import json
import sys
import tarfile
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent


def _script(name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    # Registered first, as an import would: its dataclasses look their module up there.
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _tarball(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


class FakeRegistry:
    """Serves one package's metadata and tarball, as registry.npmjs.org would."""

    def __init__(self, decap: ModuleType, package: str, version: str, tarball: bytes) -> None:
        self.url = f"{decap.REGISTRY}/{package}/-/{package}-{version}.tgz"
        self.meta_url = f"{decap.REGISTRY}/{package}/{version}"
        self.tarball = tarball
        self.integrity = decap.sri(tarball)
        self.asked: list[str] = []

    def get(self, url: str) -> bytes:
        self.asked.append(url)
        if url == self.meta_url:
            dist = {"integrity": self.integrity, "tarball": self.url}
            return json.dumps({"dist": dist}).encode()
        assert url == self.url, url
        return self.tarball


@pytest.mark.parametrize("script", ["vendor_decap", "vendor_axe", "vendor_vnu"])
def test_each_script_vendors_its_files_through_the_shared_path(
    script: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    decap = _script("vendor_decap")
    package = {
        "vendor_decap": decap.DECAP,
        "vendor_axe": _script("vendor_axe").AXE,
        "vendor_vnu": _script("vendor_vnu").VNU,
    }[script]
    contents = {name: f"contents of {name}".encode() for name in package.files}
    contents["README.md"] = b"not taken"
    registry = FakeRegistry(decap, package.package, "1.2.3", _tarball(contents))
    monkeypatch.setattr(decap, "_get", registry.get)
    folder = tmp_path / "out"
    argv = ["--version", "1.2.3", "--integrity", registry.integrity, "--out", str(folder)]
    assert decap.run(package, "test", argv) == 0
    assert registry.asked == [registry.meta_url, registry.url]
    kept = {Path(name).name for name in package.files}
    assert {p.name for p in folder.iterdir()} == kept | {"VERSION.json"}
    for name in package.files:
        assert (folder / Path(name).name).read_bytes() == contents[name]
    record = json.loads((folder / "VERSION.json").read_text(encoding="utf-8"))
    assert (record["package"], record["version"]) == (package.package, "1.2.3")
    assert (record["license"], record["tarball"]) == (package.license, registry.url)
    assert decap.run(package, "test", ["--check", "--out", str(folder)]) == 0
    (folder / Path(package.files[0]).name).write_bytes(b"changed")
    assert decap.run(package, "test", ["--check", "--out", str(folder)]) == 1


def test_a_tarball_that_is_not_the_pinned_one_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    decap = _script("vendor_decap")
    package = _script("vendor_vnu").VNU
    registry = FakeRegistry(decap, package.package, "1.2.3", _tarball({"LICENSE": b"x"}))
    registry.tarball = _tarball({"LICENSE": b"y"})  # swapped after the registry's record
    monkeypatch.setattr(decap, "_get", registry.get)
    argv = ["--version", "1.2.3", "--integrity", registry.integrity, "--out", str(tmp_path)]
    assert decap.run(package, "test", argv) == 1
    assert "校验失败" in capsys.readouterr().err
    assert not (tmp_path / "VERSION.json").exists()


def test_the_pinned_versions_match_the_committed_manifests() -> None:
    for script, name in (("vendor_axe", "AXE"), ("vendor_vnu", "VNU")):
        package = getattr(_script(script), name)
        record = json.loads((package.folder / "VERSION.json").read_text(encoding="utf-8"))
        assert (record["version"], record["integrity"]) == (package.version, package.integrity)
        assert sorted(record["files"]) == sorted(Path(name).name for name in package.files)
