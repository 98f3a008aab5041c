"""Thin Celery tasks. Each takes ids, reads inputs from job state, writes results back, and
asks the coordinator (``sc.advance``) to decide what comes next. A task whose job is already
done returns at once, so late and redelivered messages are harmless."""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

import redis
from celery import Task, signals

from supercharger.constants import CONTROL_QUEUE, LLM_QUEUE, SANDBOX_QUEUE
from supercharger.policy import Actions, decide
from supercharger.settings import get_settings
from supercharger.tasks import steps
from supercharger.tasks.app import app
from supercharger.tasks.redisconn import get_redis
from supercharger.tasks.store import JobStore, pair_key, split_pair

log = logging.getLogger(__name__)
KINDS = ("code", "test", "improve")
TICK_S = 2.0  # how often a running job checks its time budget and its workers
ALIVE_S = 30.0  # a worker silent this long is dead: its running steps are sent again
GROUP = "+"  # joins the gen: keys of generations sent as one task (their prompts share a batch)
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
            _cache["sandbox"] = get_backend(s.sandbox_backend, **(opts | s.sandbox_options))
        return _cache["sandbox"]


@app.task(name="sc.generate", bind=True)
def generate(self: Task, job_id: str, items: list[tuple[str, int]]) -> None:
    """Candidates of each (kind, slot) in ``items``: their prompts share one batch."""
    items = [(str(kind), int(slot)) for kind, slot in items]
    _run_step(self, job_id, [f"gen:{kind}:{slot}" for kind, slot in items],
              lambda s: steps.generate(s, llm_backend(), job_id, items))  # fmt: skip


@app.task(name="sc.improve", bind=True)
def improve(self: Task, job_id: str, slot: int, code: str, test: str) -> None:
    _run_step(self, job_id, f"gen:improve:{slot}:{pair_key(code, test)}",
              lambda s: steps.improve(s, llm_backend(), job_id, slot, code, test))  # fmt: skip


@app.task(name="sc.judge", bind=True)
def judge(self: Task, job_id: str, code: str, test: str) -> None:
    _run_step(self, job_id, f"judge:{pair_key(code, test)}",
              lambda s: steps.judge(s, llm_backend(), job_id, code, test))  # fmt: skip


@app.task(name="sc.score", bind=True)
def score(self: Task, job_id: str, codes: list[str]) -> None:
    _run_step(self, job_id, [f"score:{c}" for c in codes],
              lambda s: steps.score(s, llm_backend(), job_id, codes))  # fmt: skip


@app.task(name="sc.run_pairs", bind=True)
def run_pairs(self: Task, job_id: str, code: str, tests: list[str]) -> None:
    keys = [f"pair:{pair_key(code, t)}" for t in tests]
    _run_step(self, job_id, keys,
              lambda s: steps.run_pairs(s, sandbox_backend(), job_id, code, tests))  # fmt: skip


def _run_step(
    task: Task, job_id: str, keys: str | list[str], work: Callable[[JobStore], Any]
) -> None:
    """Skip a finished job; say which worker runs the step (so a dead worker's steps can be
    sent again); record a failure as a result; then ask the coordinator what comes next."""
    store = _store()
    keys = [keys] if isinstance(keys, str) else keys
    if not store.is_done(job_id):
        store.mark_running(job_id, keys, task.request.hostname or "?")
        try:
            work(store)
        except Exception as e:  # recorded as a failed step; the job goes on or runs out
            log.exception("%s failed", task.name)
            for key in keys:
                steps.record_failure(store, job_id, key, e)
        store.clear_running(job_id, keys)
    advance.delay(job_id)


@app.task(name="sc.advance")
def advance(job_id: str) -> None:
    """The coordinator: under the job's lock, read state, decide, dispatch."""
    _advance(_store(), job_id, wait_s=120)


def _advance(store: JobStore, job_id: str, wait_s: float) -> bool:
    """One coordinator step; False when the job's lock was busy for ``wait_s`` seconds."""
    lock = store.r.lock(f"sc:lock:{job_id}", timeout=60, blocking_timeout=wait_s)
    if not lock.acquire():
        return False
    try:
        if store.is_done(job_id) or not store.exists(job_id):
            store.forget_active(job_id)
            return True
        alive = store.workers(max_age=ALIVE_S)
        llm_workers = sum(1 for qs in alive.values() if LLM_QUEUE in qs)
        view = steps.build_view(store, job_id, max(1, llm_workers))
        acts = decide(view)
        if not acts.finish:
            _resend_orphans(store, job_id, set(alive))
        _apply(store, job_id, acts)
        return True
    finally:
        with contextlib.suppress(redis.RedisError):
            lock.release()


def sweep(store: JobStore) -> None:
    """What every control worker does every ``TICK_S``: advance each running job (the time
    budget, steps of dead workers, a message lost to a broker restart). It is not a message
    chain, so nothing a crash or a Redis restart drops can stop a job's clock."""
    for job_id in store.active_jobs():
        try:
            _advance(store, job_id, wait_s=0.1)
        except redis.RedisError:
            raise  # the broker itself: the sweeper logs it and sweeps again
        except Exception:  # one broken job (a bad state, a bug) must not stop the others
            log.warning("job %s: sweep failed", job_id, exc_info=True)


def _resend_orphans(store: JobStore, job_id: str, alive: set[str]) -> None:
    """Steps started by a worker that stopped reporting (killed, machine gone) are sent again;
    the step ids make a second run overwrite, never duplicate."""
    orphans = [k for k, worker in store.running(job_id).items() if worker not in alive]
    if orphans:
        log.warning("job %s: re-sending %d steps of dead workers", job_id, len(orphans))
        store.clear_running(job_id, orphans)
        _send(store, job_id, orphans)


def _task_for(job_id: str, key: str) -> tuple[Any, tuple]:
    """The task and arguments that perform the step named by ``key``."""
    head, _, rest = key.partition(":")
    if head == "gen":
        kind, _, more = rest.partition(":")
        if kind == "improve":
            slot, _, pair = more.partition(":")
            return improve, (job_id, int(slot), *split_pair(pair))
        items = [one.split(":")[1:] for one in key.split(GROUP)]  # gen:code:0+gen:test:0
        return generate, (job_id, [(k, int(slot)) for k, slot in items])
    if head == "judge":
        return judge, (job_id, *split_pair(rest))
    if head == "score":
        return score, (job_id, rest.split(","))
    code = split_pair(rest.split(",")[0])[0]
    return run_pairs, (job_id, code, [split_pair(p)[1] for p in rest.split(",")])


def _send(store: JobStore, job_id: str, keys: list[str]) -> None:
    """Record, then send, one task per key (``pair:`` keys may hold several pairs of a code,
    ``gen:`` keys joined by ``GROUP`` several generations that share a batch)."""
    ids = {key: uuid.uuid4().hex for key in keys}
    marks = {}
    for key, tid in ids.items():
        head, _, rest = key.partition(":")
        if head in ("pair", "score"):  # one mark per pair or code, so each is known singly
            for one in rest.split(","):
                marks[f"{head}:{one}"] = tid
        else:
            marks.update({one: tid for one in key.split(GROUP)})
    store.mark_sent(job_id, marks)
    for key, tid in ids.items():
        task, args = _task_for(job_id, key)
        task.apply_async(args=args, task_id=tid)


def _apply(store: JobStore, job_id: str, acts: Actions) -> None:
    if acts.finish:
        best = list(acts.finish.best) if acts.finish.best else None
        if store.finish(job_id, acts.finish.status, acts.finish.reason, best):
            _revoke_outstanding(store, job_id)
        return
    sent = store.sent(job_id)
    slots = {k: sum(1 for s in sent if s.startswith(f"gen:{k}:")) for k in KINDS}
    keys = []
    for kinds in acts.generate:
        keys.append(GROUP.join(f"gen:{kind}:{slots[kind]}" for kind in kinds))
        for kind in kinds:
            slots[kind] += 1
    for code, test in acts.improve:
        keys.append(f"gen:improve:{slots['improve']}:{pair_key(code, test)}")
        slots["improve"] += 1
    keys += ["pair:" + ",".join(pair_key(code, t) for t in tests) for code, tests in acts.run]
    keys += [f"judge:{pair_key(code, test)}" for code, test in acts.judge]
    if acts.score:
        keys.append("score:" + ",".join(acts.score))
    _send(store, job_id, keys)


def _revoke_outstanding(store: JobStore, job_id: str) -> None:
    ids = list(set(store.sent(job_id).values()))
    if ids:
        app.control.revoke(ids)


@app.task(name="sc.ping")
def ping(key: str) -> None:
    """Push to a Redis list: a no-op for health checks and latency benchmarks."""
    _store().r.rpush(key, repr(time.time()))
    _store().r.expire(key, 600)


def start_job(job_id: str) -> None:
    """Kick off a job that the store already holds; the control workers' sweep keeps time."""
    advance.delay(job_id)


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
    if CONTROL_QUEUE in queues:
        threading.Thread(target=_sweeper, args=(store,), name="sc-sweeper", daemon=True).start()


@signals.worker_process_init.connect
def _on_process_init(**_: Any) -> None:
    """A sandbox pool process boots its first runner now, so its first batch does not wait for
    bwrap, the interpreter and pytest (a thread: process init must return quickly)."""
    if SANDBOX_QUEUE in _worker_queues():
        threading.Thread(target=_prepare_sandbox, name="sc-sandbox-boot", daemon=True).start()


def _prepare_sandbox() -> None:
    from supercharger.sandbox import Limits

    s = get_settings()
    try:
        backend = sandbox_backend()
        prepare = getattr(backend, "prepare", None)
        if prepare is not None:
            prepare(Limits(timeout_s=s.sandbox_timeout, memory_mb=s.sandbox_memory_mb))
    except Exception as e:  # the first batch tries again and reports why if it cannot
        log.warning("sandbox not prepared at start: %s", e)


def _sweeper(store: JobStore) -> None:
    while True:
        time.sleep(TICK_S)
        try:
            sweep(store)
        except Exception:  # broker restarting, or a bad job: log it and sweep again
            log.warning("sweep failed", exc_info=True)


@signals.worker_shutdown.connect
def _on_shutdown(sender: Any = None, **_: Any) -> None:
    try:
        _store().unregister_worker(sender.hostname if sender is not None else "worker")
    except Exception:
        log.debug("unregister failed", exc_info=True)
