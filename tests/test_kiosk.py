"""The offline copy (``make kiosk``): links to folders name their index.html, and the
search index exists as scripts. Pure functions; the browser test that opens the copy from
disk is in tests/test_offline_browser.py."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest

from site_plugins.kiosk import folder_link_to_file, make_kiosk, rewrite_links, search_script


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("../binhe/", "../binhe/index.html"),
        ("stations/", "stations/index.html"),
        ("./", "./index.html"),
        (".", "./index.html"),
        ("..", "../index.html"),
        ("../..", "../../index.html"),
        ("../honorees/?q=张", "../honorees/index.html?q=张"),
        ("../themes/2026/#m06", "../themes/2026/index.html#m06"),
        # Left alone: files, same-page anchors, other schemes and hosts, absolute paths.
        ("media/a.jpg", "media/a.jpg"),
        ("../feed.xml", "../feed.xml"),
        ("#wm-main", "#wm-main"),
        ("", ""),
        ("https://wmsj.example.gov.cn/stations/", "https://wmsj.example.gov.cn/stations/"),
        ("tel:0123-4567890", "tel:0123-4567890"),
        ("mailto:a@b.cn", "mailto:a@b.cn"),
        ("/stations/", "/stations/"),
    ],
)
def test_folder_link_to_file(href: str, expected: str) -> None:
    assert folder_link_to_file(href) == expected


def test_rewrite_links_touches_href_only() -> None:
    html = (
        '<a href="../binhe/">滨河</a><link rel="canonical" href="https://x.cn/a/">'
        '<img src="media/a/" alt=""><div data-base="../../">'
    )
    assert rewrite_links(html) == (
        '<a href="../binhe/index.html">滨河</a><link rel="canonical" href="https://x.cn/a/">'
        '<img src="media/a/" alt=""><div data-base="../../">'
    )


def _payload(script: str) -> tuple[str, object]:
    match = re.fullmatch(r"wmSearchFile\((\"[^\"]*\"),(.*)\);\n", script, re.S)
    assert match, script
    return json.loads(match.group(1)), json.loads(match.group(2))


def test_search_script_json_and_binary() -> None:
    key, value = _payload(search_script("d/3.json", '{"a": ["义诊"]}'.encode()))
    assert (key, value) == ("d/3.json", {"a": ["义诊"]})
    data = bytes(range(256))
    key, value = _payload(search_script("t/7.bin", data))
    assert key == "t/7.bin" and isinstance(value, str)
    assert base64.b64decode(value) == data


def test_make_kiosk_copies_rewrites_and_scripts(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "search" / "t").mkdir(parents=True)
    (site / "a").mkdir()
    (site / "index.html").write_text('<a href="a/">A</a>', encoding="utf-8")
    (site / "a" / "index.html").write_text('<a href="../">首页</a>', encoding="utf-8")
    (site / "search" / "meta.json").write_text('{"version": 2}', encoding="utf-8")
    (site / "search" / "t" / "0.bin").write_bytes(b"\x00\xff")
    out = tmp_path / "kiosk"
    (out / "stale").mkdir(parents=True)  # an older copy is replaced, not merged

    copy = make_kiosk(site, out)

    assert (copy.pages, copy.search_files) == (2, 2)
    assert (out / "index.html").read_text(encoding="utf-8") == '<a href="a/index.html">A</a>'
    assert (out / "a" / "index.html").read_text(
        encoding="utf-8"
    ) == '<a href="../index.html">首页</a>'
    assert _payload((out / "search" / "meta.json.js").read_text(encoding="utf-8")) == (
        "meta.json",
        {"version": 2},
    )
    assert _payload((out / "search" / "t" / "0.bin.js").read_text(encoding="utf-8")) == (
        "t/0.bin",
        "AP8=",
    )
    assert not (out / "stale").exists()
    # The served site is untouched.
    assert (site / "index.html").read_text(encoding="utf-8") == '<a href="a/">A</a>'


def test_kiosk_command_says_what_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from site_plugins.cli import main

    assert main(["kiosk", "--site", str(tmp_path / "nowhere"), "--out", str(tmp_path / "k")]) == 1
    assert "请先运行 make site" in capsys.readouterr().err
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<a href="a/">A</a>', encoding="utf-8")
    assert main(["kiosk", "--site", str(site), "--out", str(site)]) == 1
    assert "另一个文件夹" in capsys.readouterr().err
    assert main(["kiosk", "--site", str(site), "--out", str(tmp_path / "k")]) == 0
    assert "双击其中的 index.html" in capsys.readouterr().err
    assert (tmp_path / "k" / "index.html").read_text(
        encoding="utf-8"
    ) == '<a href="a/index.html">A</a>'
