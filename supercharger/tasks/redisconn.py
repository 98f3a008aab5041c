"""One Redis client per process for job state, from the broker URL Celery also uses."""

from __future__ import annotations

import socket
import threading

import redis
from redis.backoff import ExponentialBackoff
from redis.retry import Retry

from supercharger.errors import BrokerError

_lock = threading.Lock()
_clients: dict[str, redis.Redis] = {}
RETRIES = 14
# A connection whose peer stops answering (the node was cut off the network, the Redis machine
# died) fails after this long with data unacknowledged, and the command is retried on a new
# connection; without it a command waits out the kernel's retransmissions (many minutes), and a
# worker's heartbeat stuck behind it makes the worker look dead long after it is back.
STALL_MS = 15_000


def keepalive_options() -> dict[int, int]:
    """TCP keepalive (an idle connection to a peer that is gone is noticed too) and, where the
    platform has it, the limit on unacknowledged data above."""
    options = {}
    for name, value in (("TCP_KEEPIDLE", 30), ("TCP_KEEPINTVL", 5), ("TCP_KEEPCNT", 3),
                        ("TCP_USER_TIMEOUT", STALL_MS)):  # fmt: skip
        if hasattr(socket, name):
            options[getattr(socket, name)] = value
    return options


def redis_py_url(broker_url: str) -> str:
    """kombu spells a unix socket ``redis+socket:///path``; redis-py spells it ``unix:///path``."""
    if broker_url.startswith("redis+socket://"):
        return "unix://" + broker_url[len("redis+socket://") :]
    if broker_url.startswith(("redis://", "rediss://", "unix://")):
        return broker_url
    raise BrokerError(f"unsupported broker URL {broker_url!r}: use redis://, rediss:// or unix://")


def _tcp_options(broker_url: str) -> dict[str, object]:
    """Keepalive options for a TCP connection (a unix socket takes none)."""
    if redis_py_url(broker_url).startswith("unix://"):
        return {}
    return {"socket_keepalive": True, "socket_keepalive_options": keepalive_options()}


def get_redis(broker_url: str) -> redis.Redis:
    """A shared, thread-safe client (redis-py pools connections) for ``broker_url``."""
    with _lock:
        client = _clients.get(broker_url)
        if client is None:
            client = redis.Redis.from_url(
                redis_py_url(broker_url),
                decode_responses=True,
                socket_connect_timeout=5,
                **_tcp_options(broker_url),
                health_check_interval=30,
                # ride out a Redis restart (about 20 s) instead of failing the step
                retry=Retry(ExponentialBackoff(cap=2.0, base=0.1), RETRIES),
                retry_on_error=[redis.ConnectionError, redis.TimeoutError],
            )
            _clients[broker_url] = client
        return client


def check_reachable(client: redis.Redis, broker_url: str) -> None:
    try:
        client.ping()
    except redis.RedisError as e:
        raise BrokerError(f"cannot reach Redis at {broker_url}: {e}") from None
