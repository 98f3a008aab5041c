"""The runner's side of a forked child: fork it with its pipes, feed it, read what it writes."""

from __future__ import annotations

import json
import os
import select
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from .child import run_pair_child
from .pipes import CACHE_CAP, END, REPORT_CAP, TailBuffer, read_into
from .protocol import RunnerConfig
from .signing import verified

if TYPE_CHECKING:
    from .server import ProtocolServer


class ChildProcess:
    """A forked child with its pipes; it is set up (limits, Landlock, capture) before it reads
    its pair (``run_pair_child``) or its unit (``run_group_child``) from the ``go`` pipe."""

    def __init__(
        self,
        cfg: RunnerConfig,
        server: ProtocolServer,
        target: Callable[..., None] = run_pair_child,
    ) -> None:
        out_r, out_w = os.pipe()
        rep_r, rep_w = os.pipe()
        go_r, go_w = os.pipe()
        pyc_r, pyc_w = os.pipe()
        sys.stdout.flush()
        self.pid = os.fork()
        if self.pid == 0:
            try:
                target(cfg, (out_w, rep_w, go_r, pyc_w), server)
            finally:
                os._exit(70)
        for fd in (out_w, rep_w, go_r, pyc_w):
            os.close(fd)
        self.out, self.rep, self.go, self.pyc = out_r, rep_r, go_w, pyc_r
        self.pidfd = os.pidfd_open(self.pid)

    def start(self, msg: dict) -> None:
        try:
            os.write(self.go, json.dumps(msg).encode())  # far below the pipe's buffer
        except OSError:
            pass  # it died: its pair reads as such
        os.close(self.go)
        self.go = -1

    def send(self, msg: dict, deadline: float) -> bool:
        """One line to a group child, which reads them as it goes; False if it cannot take it
        (it died, or does not read) before the deadline."""
        data = json.dumps(msg).encode() + b"\n"
        os.set_blocking(self.go, False)
        while data:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([], [self.go], [], left)[1]:
                return False
            try:
                data = data[os.write(self.go, data[:65536]) :]
            except BlockingIOError:
                continue
            except OSError:
                return False
        return True

    def close(self) -> None:
        for fd in (self.out, self.rep, self.go, self.pyc, self.pidfd):
            if fd >= 0:
                os.close(fd)


class GroupChildReader:
    """A group child's pipes, read as they come: its output and report for the pair it runs
    now, the pycs it sends before its first pair."""

    def __init__(self, child: ChildProcess, cap: int) -> None:
        self.child, self.cap = child, cap
        self.out, self.rep, self.pyc = (
            TailBuffer(cap),
            TailBuffer(REPORT_CAP),
            TailBuffer(CACHE_CAP),
        )
        self.open = [child.out, child.rep, child.pyc]
        self.exited = False
        for fd in self.open:
            os.set_blocking(fd, False)

    def next_pair(self) -> None:
        self.out, self.rep = TailBuffer(self.cap), TailBuffer(REPORT_CAP)

    def sink(self, fd: int) -> TailBuffer:
        return self.out if fd == self.child.out else self.rep if fd == self.child.rep else self.pyc

    def read(self, fd: int) -> int:
        """Read what is there (one read); returns how many bytes came, -1 on EOF."""
        sink = self.sink(fd)
        before = sink.total
        if not read_into(fd, sink):
            self.open.remove(fd)
            return -1
        return sink.total - before

    def until(self, deadline: float, done) -> str:  # noqa: ANN001
        """Read until ``done()`` ("done"), the child's exit ("exit") or the deadline."""
        while not done():
            if self.exited:
                return "exit"
            left = deadline - time.monotonic()
            if left <= 0:
                return "timeout"
            ready = select.select([*self.open, self.child.pidfd], [], [], left)[0]
            for fd in ready:
                if fd == self.child.pidfd:
                    self.exited = True
                else:
                    self.read(fd)
            if self.exited:
                self.drain()  # what it wrote before it exited
        return "done"

    def gone(self) -> bool:
        """Whether the child has exited (without waiting)."""
        self.exited = self.exited or bool(select.select([self.child.pidfd], [], [], 0)[0])
        return self.exited

    def drain(self) -> None:
        """Take what is in the pipes now, without waiting for more."""
        for fd in list(self.open):
            for _ in range(256):
                if self.read(fd) <= 0:
                    break

    def ended(self) -> bool:
        """Whether the report pipe holds an end mark (the child's, or one the pair forged)."""
        at = self.rep.buf.find(END)
        return at >= 0 and len(self.rep.buf) >= at + len(END) + 2

    def end(self, key: bytes) -> tuple[dict | None, bool]:
        """The pair's report, if what came before the first end mark (or, with none, all that
        came) is exactly one report signed with ``key`` (anything else a pair wrote to the
        pipe spoils it: None), and whether the child can go on (an end mark saying so)."""
        buf = bytes(self.rep.buf)
        at = buf.find(END)
        flag = buf[at + len(END) : at + len(END) + 2] if at >= 0 else b""
        if self.rep.total != len(buf) or not buf.startswith(b"\n"):
            return None, False
        return verified(buf[1 : at if at >= 0 else len(buf)], key), flag == b"0\n"


def wait_child(child: ChildProcess, timeout: float, cap: int) -> tuple:
    """Pump the pipes until the child exits or the wall clock runs out."""
    out, rep, pyc = TailBuffer(cap), TailBuffer(REPORT_CAP), TailBuffer(CACHE_CAP)
    fds = {child.out: out, child.rep: rep, child.pyc: pyc}
    deadline = time.monotonic() + timeout
    exited = False
    while not exited:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        ready, _, _ = select.select([*fds, child.pidfd], [], [], left)
        for fd in ready:
            if fd == child.pidfd:
                exited = True
            elif not read_into(fd, fds[fd]):
                del fds[fd]
    return exited, out, rep, pyc, fds


def drain_after_sweep(fds: dict) -> None:
    """After the sweep: take what is left in the pipes without ever blocking."""
    deadline = time.monotonic() + 0.5
    for fd, sink in fds.items():
        os.set_blocking(fd, False)
        while time.monotonic() < deadline and read_into(fd, sink):
            if not select.select([fd], [], [], 0.01)[0]:
                break
