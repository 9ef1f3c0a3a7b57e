"""Work a serve session does between builds (site_plugins.idle)."""

from __future__ import annotations

import threading

from site_plugins.idle import IdleWork


def test_idle_work_runs_aside_and_a_build_waits_for_it() -> None:
    idle = IdleWork()
    done: list[str] = []
    gate = threading.Event()

    def fill() -> None:
        gate.wait()
        done.append("fill")

    idle.start(fill, "测试")
    assert done == []  # the build went on: the work waits for the gate in its own thread
    gate.set()
    idle.start(lambda: done.append("next"), "测试")  # begins once the first is done
    idle.wait()
    assert done == ["fill", "next"]
    idle.wait()  # nothing begun: returns at once
