"""Files no page needs, made by a forked second process while MkDocs renders the pages.

MkDocs renders pages on one core. The 通报 workbooks, the feeds, the form editors'
configurations and the open-data export need no rendered page; at county scale they
were a sixth of a build. So :func:`start` forks a child that inherits the loaded
catalogue (nothing is pickled), makes each file, writes it where MkDocs would have
written it and sends the size and SHA-256 of those a page shows back through a pipe
(no more: a child that filled the pipe would wait for the build to read it); the build goes on
rendering pages meanwhile and waits for the child at the end (:meth:`Offload.wait`),
failing with a Chinese message if the child failed. Where ``os.fork`` is missing or
unsafe (Windows, macOS) :func:`start` returns None and the caller makes the files in
its own process: the same bytes either way.

The child never returns into MkDocs: it ends with ``os._exit``, runs no atexit
handlers and prints nothing. It stops when the build's process is gone, and the build
kills and reaps it when the build fails or the interpreter exits, so neither a zombie
nor an orphan is left behind.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import hashlib
import json
import os
import pickle
import select
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO

from mkdocs.exceptions import PluginError

Maker = Callable[[], str | bytes]

# Where forking a process that already has threads (the photo pool, a server) is not
# known to be safe: macOS system libraries may abort in such a child.
_NO_FORK = ("win32", "cygwin", "darwin")
NICE = 5  # the files' child yields to the build's other processes
_LENGTH = 8  # bytes of the length before each item of a stream
_END = object()


@dataclass(frozen=True)
class Job:
    """One file: its name in messages (the site path), where to write it, how to make it."""

    name: str
    dest: str
    make: Maker
    reported: bool = False  # its size and checksum are sent back (a page shows them)


@dataclass(frozen=True)
class Made:
    """What a made file holds, for a page that shows its size and checksum."""

    size: int
    sha256: str

    @classmethod
    def of(cls, data: str | bytes) -> Made:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        return cls(len(raw), hashlib.sha256(raw).hexdigest())


def can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform not in _NO_FORK


def write(dest: str, data: str | bytes) -> None:
    """The file as MkDocs' ``File.copy_file`` writes a generated file's content."""
    path = Path(dest)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        with path.open("w", encoding="utf-8") as out:
            out.write(data)
    else:
        path.write_bytes(data)


def start(jobs: Sequence[Job]) -> Offload | None:
    """The jobs made in a forked child; None where this platform cannot fork (then the
    caller makes them itself)."""
    forked = _fork(partial(_child, jobs))
    if forked is None:
        return None
    pid, reader = forked
    return Offload(pid, os.fdopen(reader, "rb"), jobs)


def stream(produce: Callable[[], Iterable[object]]) -> Stream | None:
    """``produce``'s items made in a forked child and sent back (pickled, each with its
    length first) as they come; None where this platform cannot fork."""
    forked = _fork(partial(_produce, produce))
    if forked is None:
        return None
    pid, reader = forked
    # Unbuffered: Stream.poll asks the pipe itself whether an item has begun to arrive.
    return Stream(pid, os.fdopen(reader, "rb", buffering=0))


def _fork(child: Callable[[int], None]) -> tuple[int, int] | None:
    """A child running ``child(pipe's writing end)``; its pid and the reading end."""
    if not can_fork():
        return None
    reader, writer = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        return None
    if pid == 0:  # the child
        # Objects that exist now are never collected by the child: its garbage collector
        # would otherwise touch (and so copy) every page of the catalogue's memory. Frozen
        # here, not in the parent around the fork: gc.unfreeze there would also thaw what
        # site_plugins.memory froze, and every later full collection of the build (and the
        # next rebuild's first) would walk the whole catalogue again.
        gc.freeze()
        os.close(reader)
        child(writer)  # never returns
    os.close(writer)
    return pid, reader


def _produce(produce: Callable[[], Iterable[object]], writer: int) -> None:
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # as in _child
        with os.fdopen(writer, "wb") as out:
            for item in produce():
                data = pickle.dumps(item, pickle.HIGHEST_PROTOCOL)
                out.write(len(data).to_bytes(_LENGTH, "big") + data)
                out.flush()
        code = 0
    except BaseException:
        pass  # the parent sees the items end early, and makes the rest itself
    finally:
        os._exit(code)


def _child(jobs: Sequence[Job], writer: int) -> None:
    code = 1
    try:
        # Ctrl-C reaches the whole process group: the build stops, and kills this child.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        # The build waits for these files only at its end, but for the search index's
        # process (on the same second core) at every page: that one goes first.
        os.nice(NICE)
        parent = os.getppid()
        made = 0
        with os.fdopen(writer, "wb") as out:
            for job in jobs:
                if os.getppid() != parent:
                    break  # the build is gone: nobody will read these files
                report, ok = _run(job)
                if report is not None:
                    out.write(report)
                    out.flush()
                made += ok
            else:
                out.write(_line(["=", made]))
                code = 0 if made == len(jobs) else 1
    except BaseException:
        pass  # the parent reports a child that ends without its last line
    finally:
        os._exit(code)


def _run(job: Job) -> tuple[bytes | None, bool]:
    """Make and write one file; the line to report (if any) and whether it was made.

    Lines are JSON: ``["+", name, size, sha256]`` for a reported file, ``["!", name,
    what failed]``, and last ``["=", files made]``."""
    try:
        data = job.make()
        write(job.dest, data)
    except Exception as exc:  # reported to the parent, which fails the build
        return _line(["!", job.name, f"{type(exc).__name__}: {exc}"]), False
    if not job.reported:
        return None, True
    made = Made.of(data)
    return _line(["+", job.name, made.size, made.sha256]), True


def _line(report: list[object]) -> bytes:
    return json.dumps(report).encode() + b"\n"


class _Child:
    """A forked child and the reading end of its pipe: reaped once, killed if need be."""

    def __init__(self, pid: int, reports: BinaryIO) -> None:
        self.pid = pid
        self._reports: BinaryIO | None = reports
        self._status: int | None = None
        atexit.register(self.abort)

    def abort(self) -> None:
        """Kill and reap the child (the build failed, or the interpreter is exiting)."""
        if self._status is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self._reap()
        self._close()

    def _close(self) -> None:
        if self._reports is not None:
            self._reports.close()
            self._reports = None

    def _reap(self) -> None:
        if self._status is not None:
            return
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:  # reaped elsewhere: count it as lost
            status = -1
        self._status = status
        atexit.unregister(self.abort)


class Stream(_Child):
    """The parent's side of :func:`stream`."""

    def poll(self, *, wait: bool = False) -> list[object]:
        """The items that have arrived, without waiting for one to begin unless ``wait``
        (then at least one, or none once the child has ended)."""
        found: list[object] = []
        while self._reports is not None:
            timeout = None if wait and not found else 0
            ready, _, _ = select.select([self._reports], [], [], timeout)
            if not ready:
                break
            item = self._next()
            if item is _END:
                break
            found.append(item)
        return found

    def items(self) -> Iterator[object]:
        """The child's items as they come, waiting for each."""
        while got := self.poll(wait=True):
            yield from got

    @property
    def complete(self) -> bool:
        """Whether the child ended well (known once its items have ended)."""
        return self._status == 0

    def _next(self) -> object:
        head = self._exactly(_LENGTH)
        data = self._exactly(int.from_bytes(head, "big")) if head is not None else None
        if data is None:  # the end, or a child that stopped halfway through an item
            self._close()
            self._reap()
            return _END
        return pickle.loads(data)

    def _exactly(self, size: int) -> bytes | None:
        assert self._reports is not None
        parts: list[bytes] = []
        while size > 0:
            part = self._reports.read(size)
            if not part:
                return None
            parts.append(part)
            size -= len(part)
        return b"".join(parts)


class Offload(_Child):
    """The parent's side of one child: its reports, and waiting for (or killing) it."""

    def __init__(self, pid: int, reports: BinaryIO, jobs: Sequence[Job]) -> None:
        super().__init__(pid, reports)
        self.jobs = {job.name: job for job in jobs}
        self.made: dict[str, Made] = {}
        self.failures: dict[str, str] = {}
        self.count: int | None = None  # files made, from the last line

    def result(self, name: str) -> Made:
        """Size and checksum of one of the child's files, once it is written: sent by
        the child if reported, else read back once the child has ended."""
        job = self.jobs[name]
        if job.reported:
            while name not in self.made and self._read():
                pass
        if name not in self.made:
            self.wait()  # raises if the child failed
            self.made[name] = Made.of(Path(job.dest).read_bytes())
        return self.made[name]

    def wait(self) -> None:
        """Wait for the child to end; a PluginError (in Chinese) if it failed."""
        while self._read():
            pass
        self._reap()
        self._raise_if_failed()

    def _read(self) -> bool:
        """Read one report line (waiting for it); False once the pipe is closed."""
        if self._reports is None:
            return False
        line = self._reports.readline()
        if not line:
            self._close()
            return False
        report = json.loads(line)
        if report[0] == "+":
            self.made[report[1]] = Made(report[2], report[3])
        elif report[0] == "!":
            self.failures[report[1]] = report[2]
        else:
            self.count = report[1]
        return True

    def _raise_if_failed(self) -> None:
        if not self.failures and self.count == len(self.jobs) and self._status == 0:
            return
        lines = [f"  {name}：{what}" for name, what in sorted(self.failures.items())]
        if self.count is None:
            lines.append(f"  {_ending(self._status)}，未生成全部 {len(self.jobs)} 个文件")
        raise PluginError(
            "生成通报表格、订阅源、表单配置等文件的第二个进程出错，网站未生成完整：\n"
            + "\n".join(lines)
            + "\n这是程序的问题，不是投稿内容的问题：请把以上信息告诉维护网站的技术人员。"
        )


def _ending(status: int | None) -> str:
    if status is not None and status >= 0 and os.WIFSIGNALED(status):
        return f"该进程被信号 {os.WTERMSIG(status)} 终止"
    if status is not None and status >= 0 and os.WIFEXITED(status):
        return f"该进程以退出码 {os.WEXITSTATUS(status)} 结束"
    return "该进程已不在"
