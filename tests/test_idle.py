"""Work a serve session does between builds (site_plugins.idle)."""

from __future__ import annotations

import threading

from site_plugins.idle import IdleWork


def test_left_work_runs_after_the_build_and_the_next_build_waits_for_it() -> None:
    idle = IdleWork()
    done: list[str] = []
    gate = threading.Event()

    def fill() -> None:
        gate.wait()
        done.append("fill")

    idle.later(fill, "memo")
    idle.later(lambda: done.append("digests"), "digests")
    assert done == []  # left for after the build
    idle.begin()
    assert done == []  # the build ended: its work waits for the gate in its own thread
    gate.set()
    idle.wait()  # the next build begins
    assert done == ["fill", "digests"]


def test_failing_work_is_logged_and_the_rest_done() -> None:
    idle = IdleWork()
    done: list[str] = []

    def broken() -> None:
        raise RuntimeError("坏了")

    idle.later(broken, "broken")
    idle.later(lambda: done.append("after"), "after")
    idle.begin()
    idle.wait()
    assert done == ["after"]


def test_a_failed_build_leaves_nothing_to_do() -> None:
    idle = IdleWork()
    done: list[str] = []
    idle.later(lambda: done.append("left"), "left")
    idle.drop()
    idle.begin()
    idle.wait()
    assert done == []
