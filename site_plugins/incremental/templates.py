"""Compiled templates kept from one rebuild of ``mkdocs serve --dirty`` to the next.

MkDocs makes a new Jinja environment for every build, which compiles every template it
renders again (Material's and ours: about 70, a second or more of each rebuild on this
machine). Jinja's bytecode cache keeps the compiled code by template and checks the
source's checksum, so an edited template is compiled again and an unchanged one is not.
"""

from __future__ import annotations

from jinja2.bccache import Bucket, BytecodeCache


class KeptBytecode(BytecodeCache):
    """Jinja's bytecode cache, in this process's memory."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code = {}
