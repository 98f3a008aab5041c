"""One Redis client per process for job state, from the broker URL Celery also uses."""

from __future__ import annotations

import threading

import redis

from supercharger.errors import BrokerError

_lock = threading.Lock()
_clients: dict[str, redis.Redis] = {}


def redis_py_url(broker_url: str) -> str:
    """kombu spells a unix socket ``redis+socket:///path``; redis-py spells it ``unix:///path``."""
    if broker_url.startswith("redis+socket://"):
        return "unix://" + broker_url[len("redis+socket://") :]
    if broker_url.startswith(("redis://", "rediss://", "unix://")):
        return broker_url
    raise BrokerError(f"unsupported broker URL {broker_url!r}: use redis://, rediss:// or unix://")


def get_redis(broker_url: str) -> redis.Redis:
    """A shared, thread-safe client (redis-py pools connections) for ``broker_url``."""
    with _lock:
        client = _clients.get(broker_url)
        if client is None:
            client = redis.Redis.from_url(
                redis_py_url(broker_url),
                decode_responses=True,
                socket_connect_timeout=5,
                health_check_interval=30,
                retry_on_timeout=True,
            )
            _clients[broker_url] = client
        return client


def check_reachable(client: redis.Redis, broker_url: str) -> None:
    try:
        client.ping()
    except redis.RedisError as e:
        raise BrokerError(f"cannot reach Redis at {broker_url}: {e}") from None
