"""Aliased YAML cannot make the loader build forever or explode in memory."""

from __future__ import annotations

import time

import pytest

from site_plugins.content.located import NODE_LIMIT, parse_yaml
from site_plugins.content.problems import Problem

LAUGHS = "\n".join(
    ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]" for i in range(8)]
)


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("recursive sequence", "title: x\nitems: &loop [1, *loop]\n", 2),
        ("recursive mapping", "title: x\nnext: &loop\n  again: *loop\n", 2),
        ("billion laughs", LAUGHS, 1),
    ],
)
def test_aliases_that_never_end_are_refused_with_a_located_message(
    name: str, text: str, line: int
) -> None:
    sink: list[Problem] = []
    started = time.perf_counter()
    doc = parse_yaml(text, "content/x.yml", 1, sink)
    assert time.perf_counter() - started < 5, name
    assert doc is None
    assert [p.code for p in sink] == ["YAML_SYNTAX"]
    assert "锚点" in sink[0].message
    assert sink[0].line >= line


def test_a_document_within_the_limit_keeps_shared_values() -> None:
    sink: list[Problem] = []
    items = ", ".join(["*a"] * 50)
    doc = parse_yaml(f"base: &a [1, 2]\nmany: [{items}]\n", "content/x.yml", 1, sink)
    assert sink == []
    assert doc is not None
    assert doc.data["many"] == [[1, 2]] * 50
    assert NODE_LIMIT > 50 * 3
