"""Compiled page templates kept between builds, like the photo cache.

Jinja compiles every template a build uses (about fifty: Material's and our overrides)
from source each time a build starts, a quarter of a small county's build. Jinja's own
file cache keeps the compiled code and checks each template's source checksum on use,
so an edited template is compiled again and a stale one is never used.

Two differences from Jinja's default key: a template is known by its real path (a project
may reach ``theme_overrides`` through a symbolic link, as the tests' projects do), and the
environment's compile-time settings and Jinja's version are part of the key, so two
differently configured environments never share compiled code.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache


class TemplateCache(FileSystemBytecodeCache):
    def __init__(self, directory: Path, env: Environment) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        super().__init__(str(directory))
        settings = (
            jinja2.__version__,
            sorted(env.extensions),
            env.block_start_string,
            env.variable_start_string,
            env.comment_start_string,
            env.line_statement_prefix,
            env.trim_blocks,
            env.lstrip_blocks,
            env.newline_sequence,
            env.keep_trailing_newline,
            repr(env.autoescape),
            env.optimized,
        )
        self.settings = repr(settings)

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        real = os.path.realpath(filename) if filename is not None else ""
        key = f"{name}|{real}|{self.settings}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()
