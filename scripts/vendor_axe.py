"""Vendor axe-core (the accessibility checker the browser tests run) from the npm registry.

Like Decap CMS (``scripts/vendor_decap.py``, whose helpers this reuses), the file is
copied once, pinned by version and sha512, and committed under ``tests/vendor/axe-core/``:
the tests never download anything, and the site never ships it (it is a test tool).

Upgrading: ``npm view axe-core@X.Y.Z dist.integrity``, then
``python scripts/vendor_axe.py --version X.Y.Z --integrity sha512-…``; ``--check``
verifies the committed files without the network.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from vendor_decap import Package, run

PACKAGE = "axe-core"
VERSION = "4.10.3"
# The registry's dist.integrity of axe-core@4.10.3: a changed tarball is refused.
INTEGRITY = "sha512-Xm7bpRXnDSX2YE2YFfBk2FnF0ep6tmG7xPh8iHee8MIcrgq762Nkce856dYtJYLkuIoYZvGfTs/PbZhideTcEg=="
FILES = ("axe.min.js", "LICENSE")
VENDOR = Path(__file__).resolve().parent.parent / "tests" / "vendor" / "axe-core"


AXE = Package("vendor_axe", PACKAGE, VERSION, INTEGRITY, VENDOR, FILES, "MPL-2.0")


def main(argv: list[str] | None = None) -> int:
    return run(AXE, __doc__.split("\n\n")[0], argv)


if __name__ == "__main__":
    sys.exit(main())
