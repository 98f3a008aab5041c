"""One Redis client per process for job state, from the broker URL Celery also uses."""

from __future__ import annotations

import threading

import redis
from redis.backoff import ExponentialBackoff
from redis.retry import Retry

from supercharger.errors import BrokerError

_lock = threading.Lock()
_clients: dict[str, redis.Redis] = {}
RETRIES = 14


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
