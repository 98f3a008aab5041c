"""Host side of the warm runner: start it, feed it units (the pairs of one code, or single
pairs), read one answer per pair, survive its death."""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from supercharger.errors import SandboxError
from supercharger.sandbox.base import Limits, PairResult, PairSpec, Status
from supercharger.sandbox.cgroups import CgroupLimits, make_cgroup
from supercharger.sandbox.inside.protocol import (
    Message,
    PairLimits,
    ProtocolError,
    RawResult,
    Ready,
    RunnerConfig,
    Tick,
    Unit,
    UnitPair,
    from_json,
)
from supercharger.sandbox.verdict import lost, to_result, with_coverage

START_TIMEOUT_S = 60.0
GRACE_S = 5.0  # the runner enforces the wall clock; the host only backs it up
LINE_CAP = 1 << 20
OOM_NOTE = "the sandbox's memory cgroup limit was hit (the kernel killed a process)"


@dataclass
class Launch:
    """How to start one runner process."""

    argv: list[str]
    env: dict[str, str]
    root: str  # the scratch root as the runner sees it
    pidns: bool  # the runner is alone in its own pid namespace (may sweep with kill(-1))
    user: int | None = None
    group: int | None = None
    cwd: str = "/"
    popen_extra: dict[str, Any] = field(default_factory=dict)
    cgroup: CgroupLimits | None = None  # put the whole sandbox in a cgroup with these limits
    options: dict[str, Any] = field(default_factory=dict)  # more RunnerConfig (``landlock``)
    on_close: Callable[[], None] | None = None  # after the runner is gone (remove a container,
    # give its uid slot back); also when it could not be started


class RunnerDied(Exception):
    """Raised (internally) when the runner exits or stops answering."""

    def __init__(self, why: str, hung: bool) -> None:
        super().__init__(why)
        self.hung = hung


class RunnerProcess:
    """One live process running the runner (``supercharger.sandbox.inside``)."""

    def __init__(self, launch: Launch, limits: Limits) -> None:
        self.limits = limits
        self.err = tempfile.TemporaryFile()
        kwargs: dict[str, Any] = dict(launch.popen_extra)
        if launch.user is not None:
            kwargs.update(user=launch.user, group=launch.group, extra_groups=[])
        self.cgroup = make_cgroup(launch.cgroup) if launch.cgroup is not None else None
        # the runner reads the cgroup's OOM-kill count itself, before and after every pair
        oom_fd = self.cgroup.oom_fd() if self.cgroup is not None else None
        passed = tuple(launch.popen_extra.get("pass_fds", ()))
        if oom_fd is not None:
            kwargs["pass_fds"] = (*passed, oom_fd)
        try:
            with self.cgroup.spawning() if self.cgroup else contextlib.nullcontext():
                self.proc = subprocess.Popen(
                    launch.argv,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=self.err,
                    env=launch.env,
                    cwd=launch.cwd,
                    start_new_session=True,
                    **kwargs,
                )
        except BaseException as e:
            if self.cgroup is not None:
                self.cgroup.remove()
            if launch.on_close is not None:
                launch.on_close()  # e.g. give the uid slot back
            if isinstance(e, OSError):
                raise SandboxError(f"cannot start the sandbox ({launch.argv[0]}): {e}") from None
            raise
        finally:
            for fd in (*passed, *([] if oom_fd is None else [oom_fd])):
                os.close(fd)  # handed over to the sandbox (the seccomp filter, the OOM count)
        self.on_close = launch.on_close
        self.buf = b""
        self.ready = False
        self.config = RunnerConfig(
            root=launch.root,
            pidns=launch.pidns,
            limits=PairLimits(**limits.model_dump()),
            oom_fd=oom_fd,
            **launch.options,
        )

    def handshake(self) -> None:
        self.send_config()
        self.wait_ready()

    def send_config(self) -> None:
        """Start the runner's boot (pytest import, warm-up) without waiting for it."""
        self._send(self.config, START_TIMEOUT_S)

    def wait_ready(self) -> None:
        if not self.ready:
            if not isinstance(self.receive(START_TIMEOUT_S), Ready):
                raise RunnerDied("runner answered out of order", hung=False)
            self.ready = True

    def send_unit(self, unit: list[PairSpec], budget: float) -> None:
        """Pairs with the same module and code; the runner answers each, in order."""
        head = unit[0]
        tests = tuple(UnitPair(p.pair_id, p.test, p.coverage) for p in unit)
        self._send(Unit(head.module, head.code, tests), budget)

    def _send(self, message: Message, budget: float) -> None:
        data = message.to_json().encode() + b"\n"
        fd = self.proc.stdin.fileno()  # type: ignore[union-attr]
        deadline = time.monotonic() + budget
        while data:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([], [fd], [], left)[1]:
                raise RunnerDied("runner did not take input", hung=True)
            try:
                data = data[os.write(fd, data[:65536]) :]
            except (BrokenPipeError, OSError):
                raise RunnerDied("runner closed its input", hung=False) from None

    def receive(self, budget: float) -> Message:
        fd = self.proc.stdout.fileno()  # type: ignore[union-attr]
        deadline = time.monotonic() + budget
        while b"\n" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise RunnerDied("runner did not answer in time", hung=True)
            chunk = os.read(fd, 65536)
            if not chunk:
                raise RunnerDied("runner exited", hung=False)
            self.buf += chunk
            if len(self.buf) > LINE_CAP:
                raise RunnerDied("runner answer too long", hung=False)
        line, _, self.buf = self.buf.partition(b"\n")
        try:
            return from_json(line)
        except ProtocolError:
            raise RunnerDied("runner answered garbage", hung=False) from None

    def oom_kills(self) -> int:
        return self.cgroup.oom_kills() if self.cgroup is not None else 0

    def stderr_tail(self, n: int = 2000) -> str:
        self.err.seek(0, os.SEEK_END)
        size = self.err.tell()
        self.err.seek(max(0, size - n))
        return self.err.read().decode("utf-8", "replace").strip()

    def close(self) -> None:
        """Close input, give the runner a moment to exit, then kill its whole group."""
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()  # type: ignore[union-attr]
            except OSError:
                pass
        try:
            self.proc.wait(timeout=2.0)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.proc.wait()
        self.err.close()
        if self.cgroup is not None:
            self.cgroup.remove()
        if self.on_close is not None:
            self.on_close()


def _start_checked(make: Callable[[], Launch], limits: Limits) -> RunnerProcess:
    """Start a runner; if it dies during start-up, raise SandboxError with its last words."""
    runner = RunnerProcess(make(), limits)
    try:
        runner.handshake()
    except RunnerDied as e:
        tail = runner.stderr_tail()
        runner.close()
        last = tail.splitlines()[-1] if tail else str(e)
        raise SandboxError(f"the sandbox runner failed to start: {last}") from None
    return runner


class Standby:
    """At most one runner booted ahead of need. A runner is never used for two batches: the
    next batch takes the standby (if its limits match) and a new one is booted right after,
    so a batch does not wait for pytest to import and warm up."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._runner: RunnerProcess | None = None
        self._key = ""

    def take(self, limits: Limits, tag: str = "") -> RunnerProcess | None:
        """The standby runner if it was booted for ``limits`` and ``tag`` (the environment)."""
        with self._lock:
            runner, key, self._runner = self._runner, self._key, None
        if runner is None:
            return None
        if key == limits.model_dump_json() + tag:
            try:
                runner.wait_ready()
                return runner
            except RunnerDied:
                pass
        runner.close()
        return None

    def refill(self, make: Callable[[], Launch], limits: Limits, tag: str = "") -> None:
        try:
            runner = RunnerProcess(make(), limits)
        except SandboxError:
            return  # the next batch starts its own and reports why if it cannot
        try:
            runner.send_config()
        except RunnerDied:
            runner.close()
            return
        with self._lock:
            old, self._runner, self._key = self._runner, runner, limits.model_dump_json() + tag
        if old is not None:
            old.close()

    def wait(self) -> None:
        """Block until the standby runner has booted (if there is one)."""
        with self._lock:
            runner = self._runner
            if runner is not None:
                try:
                    runner.wait_ready()
                except RunnerDied:
                    self._runner = None
                    runner.close()

    def close(self) -> None:
        with self._lock:
            runner, self._runner = self._runner, None
        if runner is not None:
            runner.close()


def units_of(pairs: list[PairSpec], group: bool) -> list[list[int]]:
    """Indices of the pairs that go to the runner together: with ``group``, all pairs with the
    same module and code (in the order their code first appears), else each pair alone."""
    if not group:
        return [[i] for i in range(len(pairs))]
    units: dict[tuple[str, str], list[int]] = {}
    for i, pair in enumerate(pairs):
        units.setdefault((pair.module, pair.code), []).append(i)
    return list(units.values())


def split_units(units: list[list[int]], n: int) -> list[list[int]]:
    """Pair indices for ``n`` shards, each unit (the pairs of one code) whole in one shard:
    every unit goes to the shard with the fewest pairs so far (units of one pair: round-robin)."""
    n = max(1, min(n, len(units)))
    shards: list[list[int]] = [[] for _ in range(n)]
    for unit in units:
        min(shards, key=len).extend(unit)
    return [sorted(s) for s in shards if s]


def run_sharded(
    make: Callable[[], Launch],
    pairs: list[PairSpec],
    limits: Limits,
    parallel: int,
    group: bool,
    standby: Standby | None = None,
    tag: str = "",
) -> list[PairResult]:
    """``run_all`` over up to ``parallel`` runners side by side, a code's pairs in one of them;
    results in the order of ``pairs``."""
    shards = split_units(units_of(pairs, group), parallel)
    if len(shards) == 1:
        return run_all(make, pairs, limits, standby, group, tag)
    out: list[PairResult | None] = [None] * len(pairs)
    with ThreadPoolExecutor(len(shards)) as pool:
        futures = {
            pool.submit(run_all, make, [pairs[i] for i in s], limits, standby, group, tag): s
            for s in shards
        }
        for fut, shard in futures.items():
            for i, res in zip(shard, fut.result(), strict=True):
                out[i] = res
    return [r for r in out if r is not None]


def run_all(
    make: Callable[[], Launch],
    pairs: list[PairSpec],
    limits: Limits,
    standby: Standby | None = None,
    group: bool = False,
    tag: str = "",
) -> list[PairResult]:
    """Run pairs through warm runners, with ``group`` the pairs of one code in one group child
    (see ``supercharger.sandbox.inside``); a pair that kills or hangs its runner is tried once
    more in a fresh one, then gets KILLED/TIMEOUT; the rest go on in a new warm runner."""
    results: dict[int, PairResult] = {}
    tries = [0] * len(pairs)
    todo = units_of(pairs, group)
    first = standby.take(limits, tag) if standby is not None else None
    while todo:
        runner, first = first or _start_checked(make, limits), None
        try:
            todo = _feed(runner, pairs, todo, tries, results, limits)
        finally:
            runner.close()
    return [with_coverage(pairs[i], results[i]) for i in range(len(pairs))]


def _feed(
    runner: RunnerProcess,
    pairs: list[PairSpec],
    todo: list[list[int]],
    tries: list[int],
    results: dict[int, PairResult],
    limits: Limits,
) -> list[list[int]]:
    """Feed units to one runner until done or it dies; returns what is left."""
    budget = limits.timeout_s + GRACE_S
    for u, unit in enumerate(todo):
        if not pairs[unit[0]].module.isidentifier():
            for i in unit:
                why = "module must be a Python identifier"
                results[i] = lost(pairs[i].pair_id, Status.ERROR, why)
            continue
        pos = 0
        ooms = runner.oom_kills()
        try:
            runner.send_unit([pairs[i] for i in unit], budget)
            while pos < len(unit):
                raw = runner.receive(budget + 5.0)
                if isinstance(raw, Tick):  # the runner starts over on a pair: a new deadline
                    ooms = runner.oom_kills()
                    continue
                pair = pairs[unit[pos]]
                if not isinstance(raw, RawResult) or raw.pair_id != pair.pair_id:
                    raise RunnerDied("runner answered out of order", hung=False)
                results[unit[pos]] = _verdict(runner, pair, raw, ooms, limits)
                ooms = runner.oom_kills()
                pos += 1
        except RunnerDied as e:
            i = unit[pos]
            tries[i] += 1
            rest = todo[u + 1 :]
            if runner.oom_kills() > ooms:
                results[i] = lost(pairs[i].pair_id, Status.OOM, f"{OOM_NOTE}; runner lost: {e}")
            elif tries[i] >= 2:
                status = Status.TIMEOUT if e.hung else Status.KILLED
                results[i] = lost(pairs[i].pair_id, status, f"sandbox runner lost twice: {e}")
            else:
                return [unit[pos:], *rest]
            return [unit[pos + 1 :], *rest] if pos + 1 < len(unit) else rest
    return []


def _verdict(
    runner: RunnerProcess, pair: PairSpec, raw: RawResult, ooms: int, limits: Limits
) -> PairResult:
    """The pair's verdict; OOM if the sandbox's memory cgroup killed a process while it ran
    (the runner counts that itself where it can; else the count since the last answer)."""
    res = to_result(pair.pair_id, raw, limits.output_bytes, pair.coverage, pair.module)
    hit = raw.cgroup_oom
    if hit is None:
        hit = runner.oom_kills() > ooms
    if hit and res.status is not Status.PASSED:
        res = res.model_copy(
            update={"status": Status.OOM, "output": f"{res.output}\n[supercharger] {OOM_NOTE}"}
        )
    return res
