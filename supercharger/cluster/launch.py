"""`supercharger worker ROLE`: one Celery worker per role, configured for what it runs."""

from __future__ import annotations

import os
import socket
import time
import urllib.parse

from supercharger.constants import LLM_ROLES, ROLE_QUEUE, role_queue
from supercharger.errors import BrokerError, ConfigError, UserError
from supercharger.settings import Settings, get_settings

# llm: threads, model loaded once in the worker process, never forked after CUDA init; with
# --concurrency N its N tasks run at once and their rows share one batch (llm/batcher.py);
# unset, as many as fill that batch (llm_concurrency).
# sandbox: prefork, one process per core. control: a few threads; the coordinator is I/O.
POOLS = {"llm": ("threads", 1), "sandbox": ("prefork", 0), "control": ("threads", 4)}
# A worker that cannot reach its Redis says so and exits instead of retrying for ever.
PREFLIGHT_TRIES = 3
PREFLIGHT_WAIT_S = 1.0
PREFLIGHT_TIMEOUT_S = 3.0


def worker_queues(role: str, roles: list[str] | None, routed: list[str]) -> list[str]:
    """The queues a worker of ``role`` consumes: the role's own, or for ``llm --roles`` the
    queue of each LLM role named, each of which the settings must route to its own queue."""
    if role not in POOLS:
        raise UserError(f"unknown worker role {role!r}; known: {', '.join(POOLS)}")
    if not roles:
        return [ROLE_QUEUE[role]]
    if role != "llm":
        raise UserError("--roles is for llm workers")
    for name in roles:
        if name not in LLM_ROLES:
            raise UserError(f"unknown LLM role {name!r}; known: {', '.join(LLM_ROLES)}")
        if name not in routed:
            raise UserError(
                f"nothing routes the {name} role to a queue of its own, so this worker would "
                f"serve nothing: set SUPERCHARGER_ROUTED_ROLES (e.g. {','.join(roles)}) on "
                "every node"
            )
    return sorted({role_queue(name, routed) for name in roles})


def parse_roles(text: str | None) -> list[str] | None:
    """``judge,score`` as a list; None when not given."""
    if text is None:
        return None
    roles = [part.strip() for part in text.split(",") if part.strip()]
    if not roles:
        raise UserError("--roles needs at least one LLM role, e.g. --roles judge,score")
    return roles


def llm_concurrency(settings: Settings) -> int:
    """Tasks an llm worker runs at once: the setting, else as many as fill the backend's shared
    batch (``batch_rows`` rows; a generation task brings ``batch_size`` rows per prompt), so
    several jobs' calls decode together; 1 where the backend does not batch (one call at a
    time, as on a GPU the fake backend stands in for)."""
    if settings.llm_concurrency:
        return settings.llm_concurrency
    rows = getattr(settings.llm_options, "batch_rows", 0)
    if settings.llm_backend != "transformers" or rows <= 0:
        return 1
    return -(-rows // settings.batch_size)  # rounded up: the batch is full


def worker_argv(
    role: str,
    concurrency: int | None,
    name: str | None,
    loglevel: str,
    queues: list[str] | None = None,
) -> list[str]:
    if role not in POOLS:
        raise UserError(f"unknown worker role {role!r}; known: {', '.join(POOLS)}")
    pool, default_c = POOLS[role]
    c = concurrency or default_c or (os.cpu_count() or 1)
    return [
        "worker",
        "-Q", ",".join(queues or [ROLE_QUEUE[role]]),
        "-P", pool,
        "-c", str(c),
        "-n", name or f"{role}@{socket.gethostname()}-{os.getpid()}",
        "-l", loglevel,
        "-E",
        "--without-mingle",
        "--without-gossip",
    ]  # fmt: skip


def redacted(url: str) -> str:
    """``url`` with its password replaced by ``***`` (for messages)."""
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.netloc.rsplit("@", 1)[1]
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


def preflight(broker_url: str) -> None:
    """Reach the broker's Redis and log in, a few tries in a few seconds: a wrong password or
    an unreachable Redis is one BrokerError line, not a worker retrying in silence."""
    import redis

    from supercharger.tasks.redisconn import redis_py_url

    client = redis.Redis.from_url(
        redis_py_url(broker_url),
        socket_connect_timeout=PREFLIGHT_TIMEOUT_S,
        socket_timeout=PREFLIGHT_TIMEOUT_S,
        retry_on_timeout=False,
    )
    try:
        for attempt in range(PREFLIGHT_TRIES):
            try:
                client.ping()
                return
            except (redis.AuthenticationError, redis.ResponseError) as e:  # will not get better
                raise BrokerError(f"Redis at {redacted(broker_url)} refused us: {e}") from None
            except redis.RedisError as e:
                if attempt == PREFLIGHT_TRIES - 1:
                    raise BrokerError(
                        f"cannot reach Redis at {redacted(broker_url)} "
                        f"({PREFLIGHT_TRIES} tries): {e}"
                    ) from None
                time.sleep(PREFLIGHT_WAIT_S)
    finally:
        client.close()


def run_worker(
    role: str,
    concurrency: int | None,
    name: str | None,
    gpus: str | None,
    loglevel: str,
    roles: str | None = None,
) -> None:
    settings = get_settings()
    queues = worker_queues(role, parse_roles(roles), list(settings.routed_roles))
    if role == "llm" and not concurrency:
        concurrency = llm_concurrency(settings)
    argv = worker_argv(role, concurrency, name, loglevel, queues)
    if not settings.broker_url:
        raise UserError("a worker needs SUPERCHARGER_BROKER_URL (the Redis of the cluster)")
    if gpus is not None:
        if role != "llm":
            raise ConfigError("--gpus is for llm workers")
        # must be set before torch initialises CUDA in this process
        os.environ["CUDA_VISIBLE_DEVICES"] = gpus
    preflight(settings.broker_url)
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
