"""Vendor Decap CMS's browser bundle from the npm registry into site_plugins/cms/vendor/.

Its download-and-verify steps (:func:`vendor`, :func:`run`) serve every npm package the
project pins: ``vendor_axe.py`` and ``vendor_vnu.py`` only name theirs (:class:`Package`).

The form editor at /admin/ runs Decap CMS, a single JavaScript file. It is copied into
the repository once, by this script, and committed: no build and no reader's browser
ever downloads it from another host. Only Python's standard library is used, because a
fresh machine has Python but not necessarily node or npm.

Steps: read the pinned version's metadata from the registry, check that the registry's
``integrity`` (sha512 of the tarball) is the one pinned here, download the tarball,
check its sha512 again, and extract only ``dist/decap-cms.js`` and the license notices
bundled with it. ``VERSION.json`` beside them records the version, the tarball, its
integrity and each file's sha256 (``--check`` verifies those without the network).

Upgrading: run ``npm view decap-cms@X.Y.Z dist.integrity`` (or read the registry's JSON),
then ``python scripts/vendor_decap.py --version X.Y.Z --integrity sha512-…`` and commit
the result after the browser tests pass.

Usage::

    python scripts/vendor_decap.py [--version 3.16.3 --integrity sha512-…] [--check]
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import sys
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "decap-cms"
VERSION = "3.16.3"
# The registry's dist.integrity of decap-cms@3.16.3: a changed tarball is refused.
INTEGRITY = "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw=="
REGISTRY = "https://registry.npmjs.org"
# The browser bundle and the third-party license notices its first line points to.
FILES = ("dist/decap-cms.js", "dist/decap-cms.js.LICENSE.txt")
VENDOR = Path(__file__).resolve().parent.parent / "site_plugins" / "cms" / "vendor"
MANIFEST = "VERSION.json"
TIMEOUT = 120


class VendorError(Exception):
    """Something to tell the person running the script, in one line."""


def _get(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            data: bytes = response.read()
    except OSError as exc:
        raise VendorError(f"无法下载 {url}：{exc}") from exc
    return data


def sri(data: bytes) -> str:
    """Subresource-integrity string (as npm records it) of ``data``."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def tarball_url(package: str, version: str, integrity: str) -> str:
    """The tarball's address, after checking that the registry agrees on its integrity."""
    meta = json.loads(_get(f"{REGISTRY}/{package}/{version}"))
    dist = meta.get("dist") or {}
    if dist.get("integrity") != integrity:
        raise VendorError(
            f"注册表给出的 integrity 与固定值不同：{dist.get('integrity')} ≠ {integrity}；"
            "如确要升级，请用 --integrity 写明新值"
        )
    url = dist.get("tarball")
    if not isinstance(url, str) or not url.startswith(REGISTRY + "/"):
        raise VendorError(f"注册表没有给出 {REGISTRY} 上的下载地址：{url!r}")
    return url


def extract(tarball: bytes, names: tuple[str, ...]) -> dict[str, bytes]:
    """The named files (paths under ``package/``) out of an npm tarball."""
    found: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for member in archive.getmembers():
            name = member.name.removeprefix("package/")
            if name in names and member.isfile():
                handle = archive.extractfile(member)
                if handle is not None:
                    found[name] = handle.read()
    missing = sorted(set(names) - set(found))
    if missing:
        raise VendorError(f"压缩包中缺少 {', '.join(missing)}")
    return found


def manifest(
    package: Package, version: str, url: str, integrity: str, files: dict[str, bytes]
) -> dict[str, object]:
    return {
        "package": package.package,
        "version": version,
        "license": package.license,
        "tarball": url,
        "integrity": integrity,
        "files": {
            Path(name).name: {"from": f"package/{name}", "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in sorted(files.items())
        },
    }


def write(folder: Path, record: dict[str, object], files: dict[str, bytes]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / Path(name).name).write_bytes(data)
    text = json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    (folder / MANIFEST).write_text(text, encoding="utf-8")


def check(folder: Path) -> list[str]:
    """Problems with the vendored files against their manifest (empty when all is well)."""
    path = folder / MANIFEST
    if not path.is_file():
        return [f"缺少 {path}"]
    record = json.loads(path.read_text(encoding="utf-8"))
    problems = []
    for name, info in sorted(record["files"].items()):
        file = folder / name
        if not file.is_file():
            problems.append(f"缺少 {file}")
        elif hashlib.sha256(file.read_bytes()).hexdigest() != info["sha256"]:
            problems.append(f"{file} 与 {MANIFEST} 记录的 sha256 不符")
    return problems


def vendor(package: Package, version: str, integrity: str, folder: Path) -> dict[str, object]:
    """Download ``package`` at ``version``, check it against ``integrity`` (the registry's
    record, then the tarball itself), and write its files and manifest into ``folder``."""
    url = tarball_url(package.package, version, integrity)
    tarball = _get(url)
    if sri(tarball) != integrity:
        raise VendorError(f"下载的压缩包校验失败：{sri(tarball)} ≠ {integrity}")
    files = extract(tarball, package.files)
    record = manifest(package, version, url, integrity, files)
    write(folder, record, files)
    return record


@dataclass(frozen=True)
class Package:
    """One pinned npm package: what to take from its tarball and where to put it."""

    name: str  # the script's name in messages
    package: str
    version: str
    integrity: str
    folder: Path
    files: tuple[str, ...]  # paths under the tarball's package/, each kept by its own name
    license: str  # as VERSION.json records it


def run(package: Package, description: str, argv: list[str] | None = None) -> int:
    """The command line every vendoring script shares: copy a version, or --check offline."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--version", default=package.version)
    parser.add_argument("--integrity", default=None, help="sha512-…（升级版本时必填）")
    parser.add_argument("--out", type=Path, default=package.folder)
    parser.add_argument("--check", action="store_true", help="只核对已复制的文件，不联网")
    args = parser.parse_args(argv)
    try:
        if args.check:
            problems = check(args.out)
            for problem in problems:
                print(problem, file=sys.stderr)
            if not problems:
                print(f"{args.out}：文件与 {MANIFEST} 一致")
            return 1 if problems else 0
        if args.version != package.version and args.integrity is None:
            raise VendorError("换用其他版本时请同时写明 --integrity（注册表中的 dist.integrity）")
        record = vendor(package, args.version, args.integrity or package.integrity, args.out)
    except VendorError as exc:
        print(f"{package.name}: {exc}", file=sys.stderr)
        return 1
    print(f"已复制 {package.package} {record['version']} 到 {args.out}")
    return 0


DECAP = Package("vendor_decap", PACKAGE, VERSION, INTEGRITY, VENDOR, FILES, "MIT")


def main(argv: list[str] | None = None) -> int:
    return run(DECAP, __doc__.split("\n\n")[0], argv)


if __name__ == "__main__":
    sys.exit(main())
