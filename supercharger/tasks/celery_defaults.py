"""supercharger's Celery settings, one line of why for each. Loaded by module path (see
``celery_config``); an operator changes them in ``celeryconfig.py`` or with ``CELERY_<NAME>``."""

from kombu import Queue

from supercharger.constants import CONTROL_QUEUE, QUEUES, TASK_QUEUE

# Where tasks go; SUPERCHARGER_BROKER_URL replaces it, and `submit` its embedded Redis.
broker_url = "redis://127.0.0.1:6379/0"
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
