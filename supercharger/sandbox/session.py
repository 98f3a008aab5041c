"""Host side of the warm runner: start it, feed it pairs one by one, survive its death."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from supercharger.errors import SandboxError
from supercharger.sandbox.base import Limits, PairResult, PairSpec, Status
from supercharger.sandbox.verdict import lost, to_result

START_TIMEOUT_S = 60.0
GRACE_S = 5.0  # the runner enforces the wall clock; the host only backs it up
LINE_CAP = 1 << 20


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
        try:
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
            raise SandboxError(f"cannot start the sandbox ({launch.argv[0]}): {e}") from None
        self.buf = b""
        self.config = {"root": launch.root, "pidns": launch.pidns, "limits": limits.model_dump()}

    def handshake(self) -> None:
        self._send(self.config, START_TIMEOUT_S)
        self._receive(START_TIMEOUT_S)

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


def run_all(make: Callable[[], Launch], pairs: list[PairSpec], limits: Limits) -> list[PairResult]:
    """Run pairs through warm runners; a pair that kills or hangs its runner is tried once more
    in a fresh one, then gets KILLED/TIMEOUT; the rest go on in a new warm runner."""
    results: dict[int, PairResult] = {}
    tries = [0] * len(pairs)
    todo = list(range(len(pairs)))
    while todo:
        runner = _start_checked(make, limits)
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
        try:
            raw = runner.run(pair)
        except RunnerDied as e:
            tries[i] += 1
            if tries[i] >= 2:
                status = Status.TIMEOUT if e.hung else Status.KILLED
                results[i] = lost(pair.pair_id, status, f"sandbox runner lost twice: {e}")
                return todo[pos + 1 :]
            return todo[pos:]
        results[i] = to_result(pair.pair_id, raw, limits.output_bytes)
    return []
