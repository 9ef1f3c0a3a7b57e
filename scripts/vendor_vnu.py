"""Fetch the W3C Nu HTML checker (``vnu.jar``, npm package ``vnu-jar``) for the tests.

Like axe-core (``scripts/vendor_axe.py``), the version and the tarball's sha512 are pinned
here and ``tests/vendor/vnu/VERSION.json`` (committed) records the jar's sha256. Unlike
axe-core the jar itself (30 MB) is not committed: ``make test`` runs this script once
when ``tests/vendor/vnu/vnu.jar`` is missing, and ``tests/test_html_valid.py`` refuses a
jar whose sha256 differs from the manifest. It runs on the system's Java 17.

Upgrading: ``npm view vnu-jar@X.Y.Z dist.integrity``, then
``python scripts/vendor_vnu.py --version X.Y.Z --integrity sha512-…`` and commit the new
VERSION.json; ``--check`` verifies the jar against it without the network.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from vendor_decap import Package, run

PACKAGE = "vnu-jar"
VERSION = "26.9.27"
# The registry's dist.integrity of vnu-jar@26.9.27: a changed tarball is refused.
INTEGRITY = "sha512-TkQd5DFfOaWC9ebtvozTsrH2Vaod3jYg+vrOeREzIXxBexLz9+rS2DNtjn7+RPUiZhgli0SghgBX6RJRNea0KA=="
FILES = ("build/dist/vnu.jar", "LICENSE")
VENDOR = Path(__file__).resolve().parent.parent / "tests" / "vendor" / "vnu"


VNU = Package("vendor_vnu", PACKAGE, VERSION, INTEGRITY, VENDOR, FILES, "MIT")


def main(argv: list[str] | None = None) -> int:
    return run(VNU, __doc__.split("\n\n")[0], argv)


if __name__ == "__main__":
    sys.exit(main())
