"""What a worker does around its tasks: load its model before it says it is ready, keep a
heartbeat in Redis, boot a sandbox runner per pool process, and (control workers) sweep."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from typing import Any

from celery import signals
from celery.worker import state as worker_state

from supercharger.constants import CONTROL_QUEUE, SANDBOX_QUEUE, is_llm_queue, served_roles
from supercharger.settings import get_settings
from supercharger.tasks import coordinator
from supercharger.tasks.app import app
from supercharger.tasks.backends import llm_backend, sandbox_backend
from supercharger.tasks.store import JobStore

log = logging.getLogger(__name__)
HEARTBEAT_S = 10.0


class _NoBackendToMark(logging.Filter):
    """Drops Celery's two-line warning for every revoked task that it could not mark as revoked
    in a result backend: supercharger has none by design (job state lives under its own keys),
    and a job that ends revokes every outstanding step, so the warning buried the worker logs."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, tuple) else ()
        return not (
            str(record.msg).startswith("Failed to mark task")
            and any("No result backend is configured" in str(a) for a in args)
        )


logging.getLogger("celery.worker.control").addFilter(_NoBackendToMark())
_loaded: dict[str, Any] = {}  # what this worker's model reports once loaded (device map)
# Set at shutdown before the heartbeat is removed, which waits for a beat under way: no beat
# may write the worker back, alive for ALIVE_S after it has gone.
_stopping = threading.Event()
_beat_lock = threading.Lock()


def _worker_queues() -> list[str]:
    return sorted(app.amqp.queues.consume_from.keys())


@signals.worker_ready.connect
def _on_ready(sender: Any = None, **_: Any) -> None:
    name = sender.hostname if sender is not None else "worker"
    queues = _worker_queues()
    if any(is_llm_queue(q) for q in queues):
        t0 = time.monotonic()
        try:
            _loaded["device_map"] = device_map(llm_backend())
        except Exception as e:  # a worker without its model must not look ready
            log.critical("cannot load the model: %s", e)
            os._exit(3)
        log.warning("model loaded in %.1f s", time.monotonic() - t0)
    store = coordinator.store()
    started = time.time()
    store.register_worker(name, queues, **heartbeat(queues, started))

    def beat() -> None:
        while not _stopping.wait(HEARTBEAT_S):
            try:
                with _beat_lock:
                    if not _stopping.is_set():
                        store.register_worker(name, queues, **heartbeat(queues, started))
            except Exception:  # broker restarting: try again next beat
                log.debug("heartbeat failed", exc_info=True)

    threading.Thread(target=beat, name="sc-heartbeat", daemon=True).start()
    if CONTROL_QUEUE in queues:
        threading.Thread(target=_sweeper, args=(store,), name="sc-sweeper", daemon=True).start()


def heartbeat(queues: list[str], started: float) -> dict[str, Any]:
    """What a worker tells in each heartbeat besides its queues: the roles it serves, its
    host and pid, its load (tasks running now, tasks taken since it started) and, for an llm
    worker, the backend, model, ``CUDA_VISIBLE_DEVICES`` and the device map it loaded."""
    s = get_settings()
    info: dict[str, Any] = {
        "roles": served_roles(queues, s.routed_roles),
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "started": started,
        "active": len(worker_state.active_requests),
        "done": sum(worker_state.total_count.values()),
    }
    if any(is_llm_queue(q) for q in queues):
        info |= {
            "backend": s.llm_backend,
            "model": s.model,
            # what CUDA in this process sees (set by --gpus, or by the node's unit): not a setting
            "cuda_visible_devices": os.environ.get("CUDA_VISIBLE_DEVICES"),
            "device_map": _loaded.get("device_map"),
        }
    if CONTROL_QUEUE in queues:
        info["routed_roles"] = list(s.routed_roles)
    return info


def device_map(backend: Any) -> dict[str, str] | None:
    """Where a loaded model's layers are: accelerate's map, else the one device its weights
    are on; None for a backend without local weights (openai, fake)."""
    model = getattr(backend, "model", None)
    mapping = getattr(model, "hf_device_map", None)
    if isinstance(mapping, dict) and mapping:
        return {str(k): str(v) for k, v in mapping.items()}
    device = getattr(model, "device", None)
    return None if device is None else {"": str(device)}


@signals.worker_process_init.connect
def _on_process_init(**_: Any) -> None:
    """A sandbox pool process boots its first runner now, so its first batch does not wait for
    bwrap, the interpreter and pytest (a thread: process init must return quickly)."""
    if SANDBOX_QUEUE in _worker_queues():
        threading.Thread(target=_prepare_sandbox, name="sc-sandbox-boot", daemon=True).start()


def _prepare_sandbox() -> None:
    from supercharger.sandbox import Limits
    from supercharger.sandbox.environments import EMPTY

    s = get_settings()
    try:
        backend = sandbox_backend()
        prepare = getattr(backend, "prepare", None)
        if prepare is not None:
            limits = Limits(timeout_s=s.sandbox_timeout, memory_mb=s.sandbox_memory_mb)
            prepare(limits, EMPTY)  # a job without requirements: the clean interpreter
    except Exception as e:  # the first batch tries again and reports why if it cannot
        log.warning("sandbox not prepared at start: %s", e)


def _sweeper(store: JobStore) -> None:
    while True:
        time.sleep(coordinator.TICK_S)
        try:
            coordinator.sweep(store)
        except Exception:  # broker restarting, or a bad job: log it and sweep again
            log.warning("sweep failed", exc_info=True)


@signals.worker_shutdown.connect
def _on_shutdown(sender: Any = None, **_: Any) -> None:
    """A worker that stops says so at once: jobs stop counting it among their llm workers."""
    _stopping.set()
    held = _beat_lock.acquire(timeout=5.0)  # a beat stuck on a dead connection: go on anyway
    try:
        coordinator.store().unregister_worker(sender.hostname if sender is not None else "worker")
    except Exception:
        log.debug("unregister failed", exc_info=True)
    finally:
        if held:
            _beat_lock.release()
