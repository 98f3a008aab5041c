"""The Celery app, configured by ``celery_config`` (package defaults, the operator's
``celeryconfig.py`` by path, ``CELERY_<NAME>`` variables)."""

from __future__ import annotations

import functools
from typing import Any

from celery import Celery

from supercharger.tasks import celery_config

app = Celery(
    "supercharger",
    include=["supercharger.tasks.celery_tasks", "supercharger.tasks.worker_hooks"],
)
app.config_from_object(celery_config.load())


def _guard_redis_channel_close() -> None:
    """Keep a worker alive when its broker restarts.

    On a lost connection kombu closes the channel, and closing tries to put the unacked
    messages back through a new client built from ``channel.connection.client`` — which is
    already None then, so kombu 5.x dies with "'NoneType' object has no attribute 'hostname'"
    (celery/kombu#582, #970) and the worker exits. Raising a connection error instead lets
    kombu's own "ignore connection errors on close" path run; the messages stay in the
    unacked set and Redis gives them back after the visibility timeout (the job's sweep does
    not wait for that: its steps are idempotent and re-sent when their worker is gone).
    """
    import redis
    from kombu.transport import redis as kombu_redis

    original = kombu_redis.Channel._connparams
    if getattr(original, "_sc_guarded", False):
        return

    @functools.wraps(original)
    def connparams(self: Any, *args: Any, **kwargs: Any) -> Any:
        if self.connection is None or self.connection.client is None:
            raise redis.ConnectionError("broker connection already closed")
        return original(self, *args, **kwargs)

    connparams._sc_guarded = True  # type: ignore[attr-defined]
    kombu_redis.Channel._connparams = connparams


_guard_redis_channel_close()


def use_broker(broker_url: str) -> None:
    """Send tasks from this process to ``broker_url``. The app lets go of the pools it holds
    (what Celery itself resets after a fork): they keep the URL they were made with, and a task
    sent through them would go to the former broker. They are not closed: kombu shares them
    by URL, and another switch may come back to them."""
    if app.conf.broker_url == broker_url:
        return
    app.conf.broker_url = broker_url
    app._pool = None
    app.amqp._producer_pool = None
