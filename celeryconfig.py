"""Celery settings for operators: uncomment a line to change that setting.

Every line below holds supercharger's default (the reasons are in
supercharger/tasks/celery_defaults.py). supercharger reads this file by its path, after its
defaults; SUPERCHARGER_CELERY_CONFIG=/path/to/file.py names another file instead. A variable
CELERY_<NAME> (e.g. CELERY_WORKER_PREFETCH_MULTIPLIER=2; JSON, else text) overrides both. It is
never imported by the name ``celeryconfig``: another module of that name on sys.path is ignored.
"""

# broker_url = "redis://127.0.0.1:6379/0"  # set here, it beats SUPERCHARGER_BROKER_URL
# task_ignore_result = True  # job state lives in Redis under supercharger's own keys
# result_backend = None  # tasks return nothing through Celery
# task_serializer = "json"  # JSON only: a pickle from anyone who can write to Redis runs code
# accept_content = ["json"]
# result_serializer = "json"
# result_accept_content = ["json"]
# task_queues = [Queue(q) for q in QUEUES]  # llm, sandbox, control (supercharger.constants)
# task_default_queue = "control"
# task_routes = {name: {"queue": queue} for name, queue in TASK_QUEUE.items()}
# task_acks_late = True  # ack after the task ran: a dead worker's task is re-queued
# task_reject_on_worker_lost = True
# worker_prefetch_multiplier = 1  # long tasks: one message at a time per worker process
# broker_transport_options = {"visibility_timeout": 3600, "queue_order_strategy": "priority"}
# task_time_limit = 1800  # seconds, hard limit (prefork pools)
# task_soft_time_limit = 1700
# worker_send_task_events = True  # Flower shows tasks by name
# task_send_sent_event = True
# worker_cancel_long_running_tasks_on_connection_loss = False  # a broker restart cancels nothing
# broker_connection_retry_on_startup = True  # a restarted Redis comes back
# worker_hijack_root_logger = False
# worker_proc_alive_timeout = 120  # model loads can take a while
