"""Celery settings for supercharger, one line of why for each. Ops may edit this file.

Every value can also be overridden with an environment variable of the same name in
upper case prefixed with ``CELERY_`` (e.g. ``CELERY_WORKER_PREFETCH_MULTIPLIER=2``).
"""

import json
import os

from kombu import Queue

from supercharger.constants import CONTROL_QUEUE, QUEUES, TASK_QUEUE
from supercharger.settings import get_settings

_s = get_settings()

# Where tasks go; `submit` sets this to its embedded Redis when no cluster is configured.
broker_url = _s.broker_url or "redis://127.0.0.1:6379/0"
# Job state lives in Redis under our own keys; tasks return nothing through Celery.
task_ignore_result = True
result_backend = None
# JSON only: anyone who can write to Redis could otherwise inject a pickle.
task_serializer = "json"
accept_content = ["json"]
result_serializer = "json"
result_accept_content = ["json"]
# One queue per kind of work: the model (llm), pytest runs (sandbox), the coordinator (control).
task_queues = [Queue(q) for q in QUEUES]
task_default_queue = CONTROL_QUEUE
task_routes = {name: {"queue": queue} for name, queue in TASK_QUEUE.items()}
# Ack after the task ran, and re-queue it when its worker dies mid-task (tasks are idempotent).
task_acks_late = True
task_reject_on_worker_lost = True
# Long tasks: take one message at a time so a second worker can take the next.
worker_prefetch_multiplier = 1
# Redis re-delivers unacked messages after this many seconds: above the longest wait + run.
broker_transport_options = {"visibility_timeout": 3600, "queue_order_strategy": "priority"}
# Hard/soft time limits (enforced by prefork pools; llm and sandbox tasks also limit themselves).
task_time_limit = 1800
task_soft_time_limit = 1700
# Task events so Flower can show tasks by name.
worker_send_task_events = True
task_send_sent_event = True
# A broker restart does not cancel running tasks: their results reach Redis once it is back.
worker_cancel_long_running_tasks_on_connection_loss = False
# Keep retrying the broker at start-up instead of dying (a restarted Redis comes back).
broker_connection_retry_on_startup = True
# No rich hijacking of the root logger inside workers.
worker_hijack_root_logger = False
# Model loads can take a while: don't kill a prefork child that is still starting.
worker_proc_alive_timeout = 120


def _override_from_env() -> None:
    for name in list(globals()):
        if name.startswith("_") or not name.islower():
            continue
        env = os.environ.get("CELERY_" + name.upper())
        if env is not None:
            try:
                globals()[name] = json.loads(env)
            except ValueError:
                globals()[name] = env


_override_from_env()
