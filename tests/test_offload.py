"""Files made by a forked second process while pages render (site_plugins.offload), and
the planned site handing its lazily made files to it."""

from __future__ import annotations

import gc
import hashlib
import os
import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from site_plugins import offload
from site_plugins.content.safe_html import render_body
from site_plugins.generated import PlannedSite
from site_plugins.offload import Job, Made
from site_plugins.plans import PlannedFile, PlannedPage
from site_plugins.practice.bodies import CHUNK, Bodies

pytestmark = pytest.mark.skipif(not offload.can_fork(), reason="no fork on this platform")

TEXT = "第一行\n第二行：订阅源\n"
DATA = bytes(range(256)) * 3


def _reaped(pid: int) -> bool:
    """No zombie and no running child left with this pid."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def _fail() -> str:
    raise ValueError("坏了")


def _die() -> str:
    os.kill(os.getpid(), signal.SIGKILL)
    return ""  # never reached


def _sleep() -> str:
    time.sleep(60)
    return ""


def test_child_writes_the_bytes_and_reports_checksums(tmp_path: Path) -> None:
    jobs = [
        Job("a/feed.xml", str(tmp_path / "a" / "feed.xml"), lambda: TEXT),
        Job("b/book.xlsx", str(tmp_path / "b" / "c" / "book.xlsx"), lambda: DATA, True),
    ]
    started = offload.start(jobs)
    assert started is not None
    made = started.result("b/book.xlsx")
    assert made == Made(len(DATA), hashlib.sha256(DATA).hexdigest())
    # A file not reported is measured from what the child wrote, once it has ended.
    assert started.result("a/feed.xml") == Made.of(TEXT.encode("utf-8"))
    started.wait()
    assert (tmp_path / "a" / "feed.xml").read_text(encoding="utf-8") == TEXT
    assert (tmp_path / "b" / "c" / "book.xlsx").read_bytes() == DATA
    assert _reaped(started.pid)


def test_a_failing_maker_fails_the_build_in_chinese_and_the_rest_is_written(
    tmp_path: Path,
) -> None:
    jobs = [
        Job("bad.xlsx", str(tmp_path / "bad.xlsx"), _fail),
        Job("good.xml", str(tmp_path / "good.xml"), lambda: TEXT),
    ]
    started = offload.start(jobs)
    assert started is not None
    with pytest.raises(PluginError) as caught:
        started.wait()
    message = str(caught.value)
    assert "bad.xlsx：ValueError: 坏了" in message
    assert "第二个进程出错" in message and "技术人员" in message
    assert "Traceback" not in message
    assert (tmp_path / "good.xml").read_text(encoding="utf-8") == TEXT
    assert not (tmp_path / "bad.xlsx").exists()
    assert _reaped(started.pid)


def test_a_killed_child_fails_the_build(tmp_path: Path) -> None:
    jobs = [
        Job("one.xml", str(tmp_path / "one.xml"), _die),
        Job("two.xml", str(tmp_path / "two.xml"), lambda: TEXT),
    ]
    started = offload.start(jobs)
    assert started is not None
    with pytest.raises(PluginError, match=r"被信号 9 终止，未生成全部 2 个文件"):
        started.wait()
    assert not (tmp_path / "two.xml").exists()
    assert _reaped(started.pid)


def test_a_page_waiting_for_a_checksum_fails_when_its_file_failed(tmp_path: Path) -> None:
    started = offload.start([Job("bad.xlsx", str(tmp_path / "bad.xlsx"), _fail, True)])
    assert started is not None
    with pytest.raises(PluginError, match="ValueError: 坏了"):
        started.result("bad.xlsx")
    assert _reaped(started.pid)


def test_abort_kills_and_reaps_a_running_child(tmp_path: Path) -> None:
    started = offload.start([Job("slow.xml", str(tmp_path / "slow.xml"), _sleep)])
    assert started is not None
    began = time.monotonic()
    started.abort()
    assert time.monotonic() - began < 30  # not waited out: killed
    assert _reaped(started.pid)
    started.abort()  # twice is harmless


def _config(tmp_path: Path) -> MkDocsConfig:
    (tmp_path / "d").mkdir(parents=True, exist_ok=True)
    config = MkDocsConfig()
    config.load_dict(
        {"site_name": "示范", "docs_dir": str(tmp_path / "d"), "site_dir": str(tmp_path / "s")}
    )
    errors, _ = config.validate()
    assert not errors
    config.plugins._current_plugin = "test"  # File.generated records it
    return config


def _site_bytes(tmp_path: Path, workers: int) -> tuple[dict[str, bytes], str]:
    """Build a tiny planned site as MkDocs would (copy the files, write the page after
    its ``fill``) and return the written files and the page's filled HTML."""
    config = _config(tmp_path)
    files = Files([])
    site = PlannedSite(deferred=True, workers=workers)

    def fill(html: str) -> str:
        return html.replace("TOKEN", site.made("data/a.csv").sha256[:16])

    site.add(
        files,
        config,
        [
            PlannedPage("data/", "数据", None, "开放数据", markdown="# 数据\n\nTOKEN\n", fill=fill),
            PlannedFile("data/a.csv", make=lambda: "甲,乙\r\n", checksummed=True),
            PlannedFile("data/b.xlsx", make=lambda: DATA),
            PlannedFile("data/c.txt", "eager"),
        ],
    )
    site.prepare(files, config)
    site.launch()  # practice's on_env, once MkDocs has read every page
    page_file = files.get_file_from_path("data/index.md")
    assert page_file is not None
    html = site.fill(Page(None, page_file, config), "<p>TOKEN</p>")  # MkDocs makes this page
    files.copy_static_files()
    site.finish()
    out = Path(config.site_dir)
    written = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    return written, html


def test_planned_site_writes_the_same_files_with_or_without_the_second_process(
    tmp_path: Path,
) -> None:
    forked, page = _site_bytes(tmp_path / "one", workers=1)
    inline, page_inline = _site_bytes(tmp_path / "zero", workers=0)
    assert forked == inline
    assert forked["data/a.csv"] == "甲,乙\r\n".encode()
    assert forked["data/b.xlsx"] == DATA and forked["data/c.txt"] == b"eager"
    assert page == page_inline
    assert hashlib.sha256("甲,乙\r\n".encode()).hexdigest()[:16] in page


def test_finish_raises_when_the_second_process_failed(tmp_path: Path) -> None:
    config = _config(tmp_path)
    files = Files([])
    site = PlannedSite(deferred=True, workers=1)
    site.add(files, config, [PlannedFile("x/broken.json", make=_fail)])
    site.prepare(files, config)
    assert site.offload is None  # not before every page has been read
    site.launch()
    assert site.offload is not None
    pid = site.offload.pid
    files.copy_static_files()  # MkDocs must not write the child's file (empty) itself
    with pytest.raises(PluginError, match=re.escape("x/broken.json：ValueError: 坏了")):
        site.finish()
    assert not (Path(config.site_dir) / "x" / "broken.json").exists()
    assert _reaped(pid) and site.offload is None


def test_a_second_launch_keeps_the_child_the_first_started(tmp_path: Path) -> None:
    # An incremental rebuild launches once its files are chosen; practice's on_env then
    # launches again, which must neither start a second child nor lose the first.
    config = _config(tmp_path)
    files = Files([])
    site = PlannedSite(deferred=True, workers=1)
    site.add(files, config, [PlannedFile("x/a.csv", make=lambda: "甲\r\n", checksummed=True)])
    site.prepare(files, config)
    site.launch()
    started = site.offload
    assert started is not None
    site.launch()
    assert site.offload is started
    assert site.made("x/a.csv") == Made.of("甲\r\n")
    files.copy_static_files()
    site.finish()
    assert (Path(config.site_dir) / "x" / "a.csv").read_bytes() == "甲\r\n".encode()
    assert _reaped(started.pid)


def _count_then_fail() -> Iterator[list[int]]:
    yield [1, 2]
    yield [3]
    raise RuntimeError("停")


def test_a_stream_ends_early_when_its_child_fails() -> None:
    started = offload.stream(_count_then_fail)
    assert started is not None
    assert list(started.items()) == [[1, 2], [3]]
    assert not started.complete
    assert _reaped(started.pid)
    finished = offload.stream(lambda: iter([["甲"], ["乙"]]))
    assert finished is not None
    assert list(finished.items()) == [["甲"], ["乙"]]
    assert finished.complete and _reaped(finished.pid)


# The object the child looks at: made by the test itself, so that no build run earlier in
# this process (every build freezes what is alive: site_plugins.memory) has frozen it.
_SENTINEL: list[object] = []


def _watched(thing: object) -> bool:
    """Whether the cycle collector walks ``thing`` (frozen objects are not listed)."""
    return any(o is thing for o in gc.get_objects())


def _sentinel_watched_in_child() -> Iterator[list[bool]]:
    yield [_watched(_SENTINEL[0])]


def test_a_child_freezes_what_it_inherits_and_the_parent_keeps_its_frozen() -> None:
    """The child's collector never walks (so never copies) the parent's memory, and the
    parent's catalogue, frozen by site_plugins.memory, stays frozen after the fork."""
    sentinel: list[object] = []  # tracked until frozen
    _SENTINEL[:] = [sentinel]
    assert _watched(sentinel)
    gc.freeze()
    try:
        assert not _watched(sentinel)
        child = offload.stream(_sentinel_watched_in_child)
        assert child is not None
        assert list(child.items()) == [[False]]
        assert not _watched(sentinel)
    finally:
        gc.unfreeze()
    assert _watched(sentinel)


BODIES = [
    "第一段，**加粗**。\n\n- 一\n- 二\n",
    "<script>alert(1)</script>正文<a href='javascript:x'>链接</a>",
    "| 表 | 头 |\n| --- | --- |\n| 1 | 2 |\n",
    "!!! note\n    提示\n",
] * 200  # more than one message, and the same text many times


@pytest.mark.parametrize("workers", [1, 0])
def test_bodies_from_the_second_process_are_render_bodys_own(workers: int) -> None:
    sources = [f"{text}\n\n第{n}篇" for n, text in enumerate(BODIES)]
    bodies = Bodies(sources, workers=workers)
    assert (bodies._stream is not None) == bool(workers)
    # The child renders from the last body: asking for that one first waits for at least
    # its first message, and (the two have met) stops it.
    assert bodies.render(sources[-1]) == render_body(sources[-1])
    assert bodies.received >= CHUNK if workers else bodies.received == 0
    assert bodies._stream is None
    for source in sources:  # the rest rendered here, the last CHUNK taken from the child
        assert bodies.render(source) == render_body(source)
    # A text the second process was never given is rendered here.
    assert bodies.render("没给过的正文") == render_body("没给过的正文")
    bodies.forget()


def test_bodies_are_rendered_here_when_the_second_process_is_gone() -> None:
    bodies = Bodies(BODIES, workers=1)
    stream = bodies._stream
    assert stream is not None
    bodies.abort()
    assert _reaped(stream.pid)
    assert [bodies.render(s) for s in BODIES[:4]] == [render_body(s) for s in BODIES[:4]]
    assert bodies.received == 0
