"""Host side of the warm runner: start it, feed it pairs one by one, survive its death."""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from supercharger.errors import SandboxError
from supercharger.sandbox.base import Limits, PairResult, PairSpec, Status
from supercharger.sandbox.cgroups import CgroupLimits, make_cgroup
from supercharger.sandbox.verdict import lost, to_result

START_TIMEOUT_S = 60.0
GRACE_S = 5.0  # the runner enforces the wall clock; the host only backs it up
LINE_CAP = 1 << 20
OOM_NOTE = "the sandbox's memory cgroup limit was hit (the kernel killed a process)"


@lru_cache(maxsize=1)
def runner_source() -> str:
    """The runner script's text, passed to the sandbox's interpreter with ``-c``."""
    return (Path(__file__).with_name("runner.py")).read_text(encoding="utf-8")


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
    options: dict[str, Any] = field(default_factory=dict)  # more runner config (``landlock``)
    on_close: Callable[[], None] | None = None  # after the runner is gone (remove a container)


class RunnerDied(Exception):
    """Raised (internally) when the runner exits or stops answering."""

    def __init__(self, why: str, hung: bool) -> None:
        super().__init__(why)
        self.hung = hung


class Runner:
    """One live runner process."""

    def __init__(self, launch: Launch, limits: Limits) -> None:
        self.limits = limits
        self.err = tempfile.TemporaryFile()
        kwargs: dict[str, Any] = dict(launch.popen_extra)
        if launch.user is not None:
            kwargs.update(user=launch.user, group=launch.group, extra_groups=[])
        self.cgroup = make_cgroup(launch.cgroup) if launch.cgroup is not None else None
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
        except OSError as e:
            if self.cgroup is not None:
                self.cgroup.remove()
            raise SandboxError(f"cannot start the sandbox ({launch.argv[0]}): {e}") from None
        finally:
            for fd in launch.popen_extra.get("pass_fds", ()):
                os.close(fd)  # handed over to the sandbox (e.g. the seccomp filter)
        self.on_close = launch.on_close
        self.buf = b""
        self.ready = False
        self.config = {
            **launch.options,
            "root": launch.root,
            "pidns": launch.pidns,
            "limits": limits.model_dump(),
        }

    def handshake(self) -> None:
        self.send_config()
        self.wait_ready()

    def send_config(self) -> None:
        """Start the runner's boot (pytest import, warm-up) without waiting for it."""
        self._send(self.config, START_TIMEOUT_S)

    def wait_ready(self) -> None:
        if not self.ready:
            self._receive(START_TIMEOUT_S)
            self.ready = True

    def run(self, pair: PairSpec) -> dict[str, Any]:
        budget = self.limits.timeout_s + GRACE_S
        self._send(
            {"id": pair.pair_id, "module": pair.module, "code": pair.code, "test": pair.test},
            budget,
        )
        return self._receive(budget + 5.0)

    def _send(self, obj: dict[str, Any], budget: float) -> None:
        data = json.dumps(obj).encode() + b"\n"
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

    def _receive(self, budget: float) -> dict[str, Any]:
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
            obj = json.loads(line)
        except ValueError:
            raise RunnerDied("runner answered garbage", hung=False) from None
        if not isinstance(obj, dict):
            raise RunnerDied("runner answered garbage", hung=False)
        return obj

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


def _start_checked(make: Callable[[], Launch], limits: Limits) -> Runner:
    """Start a runner; if it dies during start-up, raise SandboxError with its last words."""
    runner = Runner(make(), limits)
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
        self._runner: Runner | None = None
        self._key = ""

    def take(self, limits: Limits) -> Runner | None:
        with self._lock:
            runner, key, self._runner = self._runner, self._key, None
        if runner is None:
            return None
        if key == limits.model_dump_json():
            try:
                runner.wait_ready()
                return runner
            except RunnerDied:
                pass
        runner.close()
        return None

    def refill(self, make: Callable[[], Launch], limits: Limits) -> None:
        try:
            runner = Runner(make(), limits)
            runner.send_config()
        except (SandboxError, RunnerDied):
            return  # the next batch starts its own and reports why if it cannot
        with self._lock:
            old, self._runner, self._key = self._runner, runner, limits.model_dump_json()
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


def run_all(
    make: Callable[[], Launch],
    pairs: list[PairSpec],
    limits: Limits,
    standby: Standby | None = None,
) -> list[PairResult]:
    """Run pairs through warm runners; a pair that kills or hangs its runner is tried once more
    in a fresh one, then gets KILLED/TIMEOUT; the rest go on in a new warm runner."""
    results: dict[int, PairResult] = {}
    tries = [0] * len(pairs)
    todo = list(range(len(pairs)))
    first = standby.take(limits) if standby is not None else None
    while todo:
        runner, first = first or _start_checked(make, limits), None
        try:
            todo = _feed(runner, pairs, todo, tries, results, limits)
        finally:
            runner.close()
    return [results[i] for i in range(len(pairs))]


def _feed(
    runner: Runner,
    pairs: list[PairSpec],
    todo: list[int],
    tries: list[int],
    results: dict[int, PairResult],
    limits: Limits,
) -> list[int]:
    """Feed pairs to one runner until done or it dies; returns what is left."""
    for pos, i in enumerate(todo):
        pair = pairs[i]
        if not pair.module.isidentifier():
            results[i] = lost(pair.pair_id, Status.ERROR, "module must be a Python identifier")
            continue
        ooms = runner.oom_kills()
        try:
            raw = runner.run(pair)
        except RunnerDied as e:
            tries[i] += 1
            if runner.oom_kills() > ooms:
                results[i] = lost(pair.pair_id, Status.OOM, f"{OOM_NOTE}; runner lost: {e}")
                return todo[pos + 1 :]
            if tries[i] >= 2:
                status = Status.TIMEOUT if e.hung else Status.KILLED
                results[i] = lost(pair.pair_id, status, f"sandbox runner lost twice: {e}")
                return todo[pos + 1 :]
            return todo[pos:]
        res = to_result(pair.pair_id, raw, limits.output_bytes)
        if runner.oom_kills() > ooms and res.status is not Status.PASSED:
            res = res.model_copy(
                update={"status": Status.OOM, "output": f"{res.output}\n[supercharger] {OOM_NOTE}"}
            )
        results[i] = res
    return []
