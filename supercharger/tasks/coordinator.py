"""The coordinator: under a job's lock, read its state, let the policy decide, send the steps.

Steps are sent by task name (``constants.TASK_*``), so this module needs no task object and
the tasks module can call it without an import cycle."""

from __future__ import annotations

import contextlib
import logging
import uuid

import redis

from supercharger.constants import (
    LLM_QUEUE,
    TASK_ADVANCE,
    TASK_GENERATE,
    TASK_IMPROVE,
    TASK_JUDGE,
    TASK_RUN_PAIRS,
    TASK_SCORE,
    lock_key,
)
from supercharger.policy import Actions, decide
from supercharger.tasks import steps
from supercharger.tasks.app import app
from supercharger.tasks.redisconn import get_redis
from supercharger.tasks.store import JobStore, pair_key, split_pair

log = logging.getLogger(__name__)
KINDS = ("code", "test", "improve")
TICK_S = 2.0  # how often a running job checks its time budget and its workers
ALIVE_S = 30.0  # a worker silent this long is dead: its running steps are sent again
GROUP = "+"  # joins the gen: keys of generations sent as one task (their prompts share a batch)


def store() -> JobStore:
    """The job store on the broker's Redis."""
    return JobStore(get_redis(app.conf.broker_url))


def start_job(job_id: str) -> None:
    """Kick off a job that the store already holds; the control workers' sweep keeps time."""
    app.send_task(TASK_ADVANCE, args=(job_id,))


def advance(store: JobStore, job_id: str, wait_s: float) -> bool:
    """One coordinator step; False when the job's lock was busy for ``wait_s`` seconds."""
    lock = store.r.lock(lock_key(job_id), timeout=60, blocking_timeout=wait_s)
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
            advance(store, job_id, wait_s=0.1)
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


def _task_for(job_id: str, key: str) -> tuple[str, tuple]:
    """The task name and arguments that perform the step named by ``key``."""
    head, _, rest = key.partition(":")
    if head == "gen":
        kind, _, more = rest.partition(":")
        if kind == "improve":
            slot, _, pair = more.partition(":")
            return TASK_IMPROVE, (job_id, int(slot), *split_pair(pair))
        items = [one.split(":")[1:] for one in key.split(GROUP)]  # gen:code:0+gen:test:0
        return TASK_GENERATE, (job_id, [(k, int(slot)) for k, slot in items])
    if head == "judge":
        return TASK_JUDGE, (job_id, *split_pair(rest))
    if head == "score":
        return TASK_SCORE, (job_id, rest.split(","))
    code = split_pair(rest.split(",")[0])[0]
    return TASK_RUN_PAIRS, (job_id, code, [split_pair(p)[1] for p in rest.split(",")])


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
        name, args = _task_for(job_id, key)
        app.send_task(name, args=args, task_id=tid)


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
