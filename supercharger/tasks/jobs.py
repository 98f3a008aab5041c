"""Thin Celery tasks. Each takes ids, reads inputs from job state, writes results back, and
asks the coordinator (``sc.advance``) to decide what comes next. A task whose job is already
done returns at once, so late and redelivered messages are harmless."""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from typing import Any

from celery import signals

from supercharger.constants import LLM_QUEUE
from supercharger.policy import Actions, decide
from supercharger.settings import get_settings
from supercharger.tasks import steps
from supercharger.tasks.app import app
from supercharger.tasks.redisconn import get_redis
from supercharger.tasks.store import JobStore, pair_key

log = logging.getLogger(__name__)
KINDS = ("code", "test", "improve")
_cache: dict[str, Any] = {}
_cache_lock = threading.Lock()


def _store() -> JobStore:
    return JobStore(get_redis(app.conf.broker_url))


def llm_backend() -> Any:
    """The model, loaded once per worker process."""
    with _cache_lock:
        if "llm" not in _cache:
            from supercharger.llm import get_backend

            s = get_settings()
            _cache["llm"] = get_backend(
                s.llm_backend, model=s.model, options=s.llm_options, cache_dir=s.data_dir / "models"
            )
        return _cache["llm"]


def sandbox_backend() -> Any:
    with _cache_lock:
        if "sandbox" not in _cache:
            from supercharger.sandbox import get_backend

            s = get_settings()
            opts = {"python": str(s.sandbox_python)} if s.sandbox_python else {}
            _cache["sandbox"] = get_backend(s.sandbox_backend, **opts)
        return _cache["sandbox"]


@app.task(name="sc.generate")
def generate(job_id: str, kind: str, slot: int) -> None:
    store = _store()
    if not store.is_done(job_id):
        try:
            steps.generate(store, llm_backend(), job_id, kind, slot)
        except Exception as e:  # recorded as a failed step; the job goes on or runs out
            log.exception("generate failed")
            steps.record_failure(store, job_id, f"gen:{kind}:{slot}", e)
    advance.delay(job_id)


@app.task(name="sc.improve")
def improve(job_id: str, slot: int, code: str, test: str) -> None:
    store = _store()
    if not store.is_done(job_id):
        try:
            steps.improve(store, llm_backend(), job_id, slot, code, test)
        except Exception as e:
            log.exception("improve failed")
            steps.record_failure(store, job_id, f"gen:improve:{slot}:{code}|{test}", e)
    advance.delay(job_id)


@app.task(name="sc.judge")
def judge(job_id: str, code: str, test: str) -> None:
    store = _store()
    if not store.is_done(job_id):
        try:
            steps.judge(store, llm_backend(), job_id, code, test)
        except Exception as e:
            log.exception("judge failed")
            steps.record_failure(store, job_id, f"judge:{code}|{test}", e)
    advance.delay(job_id)


@app.task(name="sc.run_pairs")
def run_pairs(job_id: str, code: str, tests: list[str]) -> None:
    store = _store()
    if not store.is_done(job_id):
        try:
            steps.run_pairs(store, sandbox_backend(), job_id, code, tests)
        except Exception as e:
            log.exception("sandbox run failed")
            for t in tests:
                steps.record_failure(store, job_id, f"pair:{code}|{t}", e)
    advance.delay(job_id)


@app.task(name="sc.advance")
def advance(job_id: str) -> None:
    """The coordinator: under the job's lock, read state, decide, dispatch."""
    store = _store()
    with store.r.lock(f"sc:lock:{job_id}", timeout=60, blocking_timeout=120):
        if store.is_done(job_id) or not store.exists(job_id):
            return
        llm_workers = sum(1 for qs in store.workers().values() if LLM_QUEUE in qs)
        view = steps.build_view(store, job_id, max(1, llm_workers))
        _apply(store, job_id, decide(view))


def _apply(store: JobStore, job_id: str, acts: Actions) -> None:
    if acts.finish:
        best = list(acts.finish.best) if acts.finish.best else None
        if store.finish(job_id, acts.finish.status, acts.finish.reason, best):
            _revoke_outstanding(store, job_id)
        return
    sends: list[tuple[str, Any, tuple]] = []
    sent = store.sent(job_id)
    slots = {k: sum(1 for s in sent if s.startswith(f"gen:{k}:")) for k in KINDS}
    for kind in acts.generate:
        sends.append((f"gen:{kind}:{slots[kind]}", generate, (job_id, kind, slots[kind])))
        slots[kind] += 1
    for code, test in acts.improve:
        key = f"gen:improve:{slots['improve']}:{pair_key(code, test)}"
        sends.append((key, improve, (job_id, slots["improve"], code, test)))
        slots["improve"] += 1
    for code, tests in acts.run:
        key = "pair:" + ",".join(pair_key(code, t) for t in tests)
        sends.append((key, run_pairs, (job_id, code, tests)))
    for code, test in acts.judge:
        sends.append((f"judge:{pair_key(code, test)}", judge, (job_id, code, test)))
    ids = {key: uuid.uuid4().hex for key, _, _ in sends}
    marks = {}
    for key, tid in ids.items():
        if key.startswith("pair:"):  # one mark per pair, so in-flight pairs are known singly
            for pk in key[5:].split(","):
                marks[f"pair:{pk}"] = tid
        else:
            marks[key] = tid
    store.mark_sent(job_id, marks)
    for key, task, args in sends:
        task.apply_async(args=args, task_id=ids[key])


def _revoke_outstanding(store: JobStore, job_id: str) -> None:
    ids = list(set(store.sent(job_id).values()))
    if ids:
        app.control.revoke(ids)


def start_job(job_id: str, budget_seconds: float) -> None:
    """Kick off a job that the store already holds, plus its deadline."""
    advance.apply_async(args=(job_id,))
    advance.apply_async(args=(job_id,), countdown=budget_seconds + 0.5)


# ---- worker lifecycle: registry heartbeat and model preload ----------------------------------
_HEARTBEAT_S = 10.0


def _worker_queues() -> list[str]:
    return sorted(app.amqp.queues.consume_from.keys())


@signals.worker_ready.connect
def _on_ready(sender: Any = None, **_: Any) -> None:
    name = sender.hostname if sender is not None else "worker"
    queues = _worker_queues()
    if LLM_QUEUE in queues:
        t0 = time.monotonic()
        try:
            llm_backend()
        except Exception as e:  # a worker without its model must not look ready
            log.critical("cannot load the model: %s", e)
            os._exit(3)
        log.warning("model loaded in %.1f s", time.monotonic() - t0)
    store = _store()
    store.register_worker(name, queues)

    def beat() -> None:
        while True:
            time.sleep(_HEARTBEAT_S)
            try:
                store.register_worker(name, queues)
            except Exception:  # broker restarting: try again next beat
                log.debug("heartbeat failed", exc_info=True)

    threading.Thread(target=beat, name="sc-heartbeat", daemon=True).start()


@signals.worker_shutdown.connect
def _on_shutdown(sender: Any = None, **_: Any) -> None:
    try:
        _store().unregister_worker(sender.hostname if sender is not None else "worker")
    except Exception:
        log.debug("unregister failed", exc_info=True)
