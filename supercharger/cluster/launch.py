"""`supercharger worker ROLE`: one Celery worker per role, configured for what it runs."""

from __future__ import annotations

import os
import socket

from supercharger.constants import ROLE_QUEUE
from supercharger.errors import ConfigError, UserError
from supercharger.settings import get_settings

# llm: threads, model loaded once in the worker process, never forked after CUDA init; with
# --concurrency N its N tasks run at once and their rows share one batch (llm/batcher.py).
# sandbox: prefork, one process per core. control: a few threads; the coordinator is I/O.
POOLS = {"llm": ("threads", 1), "sandbox": ("prefork", 0), "control": ("threads", 4)}


def worker_argv(role: str, concurrency: int | None, name: str | None, loglevel: str) -> list[str]:
    if role not in POOLS:
        raise UserError(f"unknown worker role {role!r}; known: {', '.join(POOLS)}")
    pool, default_c = POOLS[role]
    c = concurrency or default_c or (os.cpu_count() or 1)
    return [
        "worker",
        "-Q", ROLE_QUEUE[role],
        "-P", pool,
        "-c", str(c),
        "-n", name or f"{role}@{socket.gethostname()}-{os.getpid()}",
        "-l", loglevel,
        "-E",
        "--without-mingle",
        "--without-gossip",
    ]  # fmt: skip


def run_worker(
    role: str, concurrency: int | None, name: str | None, gpus: str | None, loglevel: str
) -> None:
    argv = worker_argv(role, concurrency, name, loglevel)
    if not get_settings().broker_url:
        raise UserError("a worker needs SUPERCHARGER_BROKER_URL (the Redis of the cluster)")
    if gpus is not None:
        if role != "llm":
            raise ConfigError("--gpus is for llm workers")
        # must be set before torch initialises CUDA in this process
        os.environ["CUDA_VISIBLE_DEVICES"] = gpus
    from supercharger.tasks.app import app

    app.worker_main(argv)


def run_flower(port: int, address: str) -> None:
    """Flower's API can run any task, so it never starts without basic auth."""
    s = get_settings()
    if not s.broker_url:
        raise UserError("flower needs SUPERCHARGER_BROKER_URL (the Redis of the cluster)")
    if not s.flower_basic_auth or ":" not in s.flower_basic_auth:
        raise UserError("set SUPERCHARGER_FLOWER_BASIC_AUTH=user:password: Flower can run tasks")
    try:
        import flower  # noqa: F401
    except ImportError:
        raise UserError("Flower is not installed: pip install 'supercharger[flower]'") from None
    from supercharger.tasks.app import app

    app.start(
        ["flower", f"--port={port}", f"--address={address}", f"--basic-auth={s.flower_basic_auth}"]
    )
