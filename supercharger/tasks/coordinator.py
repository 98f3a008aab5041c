"""The coordinator: under a job's lock, read its state, let the policy decide, send the steps.

Steps are sent by task name (``constants.TASK_*``), so this module needs no task object and
the tasks module can call it without an import cycle."""

from __future__ import annotations

import contextlib
import logging
import time
import uuid
from collections import Counter

import redis

from supercharger.constants import (
    CODE_ROLE,
    JUDGE_ROLE,
    REPAIR_ROLE,
    SANDBOX_QUEUE,
    SCORE_ROLE,
    TASK_ADVANCE,
    TASK_GENERATE,
    TASK_IMPROVE,
    TASK_JUDGE,
    TASK_MUTATE,
    TASK_RUN_PAIRS,
    TASK_SCORE,
    TEST_ROLE,
    lock_key,
    role_queue,
)
from supercharger.policy import Actions, JobView, decide
from supercharger.records import CandidateKind
from supercharger.settings import get_settings
from supercharger.tasks import steps
from supercharger.tasks.app import app
from supercharger.tasks.redisconn import get_redis
from supercharger.tasks.stepkey import (
    IMPROVE,
    Gen,
    Improve,
    Judge,
    Mutate,
    RunPair,
    Score,
    StepKey,
    generation,
)
from supercharger.tasks.store import JobStore

log = logging.getLogger(__name__)
TICK_S = 2.0  # how often a running job checks its time budget and its workers
START_PRIORITY = 9  # a new job's first advance: after any finished step's (priority 0)
LOCK_POLL_S = 0.005  # how often a waiting coordinator asks for a busy job lock again
ALIVE_S = 30.0  # a worker silent this long is dead: its running steps are sent again
# A step's task waits in its queue behind the tasks of other jobs. Redis serves priority 0
# first, and a task's priority grows with how many steps of its job already wait or run in that
# kind of queue: a job with few steps out goes before one with a backlog, so a short job is not
# held up behind a long one's thousands of pairs. kombu keeps four levels on Redis: 0, 3, 6, 9.
BACKLOG_LEVELS = ((16, 0), (64, 3), (256, 6))
# The steps one task does: generations whose prompts share a batch, the pairs of one code,
# the mutation steps of one code, the codes scored together; else a single step.
Group = list[StepKey]


def store() -> JobStore:
    """The job store on the broker's Redis."""
    return JobStore(get_redis(app.conf.broker_url))


def start_job(job_id: str, urgent: bool = False) -> None:
    """Kick off a job that the store already holds; the control workers' sweep keeps time.

    A new job's first advance waits behind the advances of steps that just finished (Redis
    serves priority 0 first, 9 last), so many jobs submitted at once do not hold up the
    follow-ups of the jobs already running; ``urgent`` (a cancel) goes with those."""
    app.send_task(TASK_ADVANCE, args=(job_id,), priority=0 if urgent else START_PRIORITY)


def advance(store: JobStore, job_id: str, wait_s: float) -> bool:
    """One coordinator step; False when the job's lock was busy for ``wait_s`` seconds."""
    lock = store.r.lock(lock_key(job_id), timeout=60, sleep=LOCK_POLL_S, blocking_timeout=wait_s)
    if not lock.acquire():
        return False
    try:
        if store.is_done(job_id) or not store.exists(job_id):
            store.forget_active(job_id)
            return True
        alive = store.workers(max_age=ALIVE_S)
        routed = routed_roles()
        code_queue = role_queue(CODE_ROLE, routed)
        llm_workers = sum(1 for qs in alive.values() if code_queue in qs)
        view = steps.build_view(store, job_id, max(1, llm_workers))
        acts = decide(view)
        if not acts.finish:
            _resend_orphans(store, job_id, set(alive))
            served = {q for qs in alive.values() for q in qs}
            store.set_waiting(job_id, unserved_note(served, routed, view.scoring))
        _apply(store, job_id, acts, backlog(view))
        if not acts.finish:
            store.mark_advanced(job_id)
        return True
    finally:
        with contextlib.suppress(redis.RedisError):
            lock.release()


def sweep(store: JobStore) -> None:
    """What every control worker does every ``TICK_S``: advance each running job (the time
    budget, steps of dead workers, a message lost to a broker restart). It is not a message
    chain, so nothing a crash or a Redis restart drops can stop a job's clock. A job advanced
    in the last ``TICK_S`` (a step of it just finished) is left for the next sweep: its state
    was read moments ago, and reading every job every tick is what costs with many jobs."""
    jobs = store.active_jobs()
    recent = time.time() - TICK_S
    for job_id, advanced in store.last_advanced(jobs).items():
        if advanced > recent:
            continue
        try:
            advance(store, job_id, wait_s=0.1)
        except redis.RedisError:
            raise  # the broker itself: the sweeper logs it and sweeps again
        except Exception:  # one broken job (a bad state, a bug) must not stop the others
            log.warning("job %s: sweep failed", job_id, exc_info=True)


def _resend_orphans(store: JobStore, job_id: str, alive: set[str]) -> None:
    """Steps started by a worker that stopped reporting (killed, machine gone) are sent again;
    the step ids make a second run overwrite, never duplicate."""
    running = store.running(job_id)
    orphans = [k for k, worker in running.items() if worker not in alive]
    if orphans:
        dead = Counter(running[k] for k in orphans)
        names = ", ".join(f"{worker} ({n})" for worker, n in sorted(dead.items()))
        log.warning("job %s: re-sending %d steps of dead workers: %s", job_id, len(orphans), names)
        store.clear_running(job_id, orphans)
        _send(store, job_id, [[key] for key in orphans])


def routed_roles() -> tuple[str, ...]:
    """The LLM roles this cluster sends to queues of their own (``SUPERCHARGER_ROUTED_ROLES``)."""
    return tuple(get_settings().routed_roles)


def needed_queues(routed: tuple[str, ...], scoring: bool) -> dict[str, str]:
    """What a job needs served, each with the queue it is sent to: every LLM role (score only
    when codes are scored) and the sandbox."""
    roles = [CODE_ROLE, TEST_ROLE, REPAIR_ROLE, JUDGE_ROLE] + ([SCORE_ROLE] if scoring else [])
    return {role: role_queue(role, routed) for role in roles} | {"sandbox": SANDBOX_QUEUE}


def unserved_note(served: set[str], routed: tuple[str, ...], scoring: bool) -> str:
    """One line naming what the job needs that no live worker serves; empty when all is."""
    needed = needed_queues(routed, scoring).items()
    missing = [f"{role} (queue {queue})" for role, queue in needed if queue not in served]
    return f"no live worker serves {', '.join(missing)}" if missing else ""


def group_role(group: Group) -> str | None:
    """The LLM role of a group of steps (all of one class); None for sandbox steps."""
    first = group[0]
    if isinstance(first, Gen):
        return first.kind.value
    roles = {Improve: REPAIR_ROLE, Judge: JUDGE_ROLE, Score: SCORE_ROLE}
    return roles.get(type(first))


def split_by_queue(group: Group, routed: tuple[str, ...]) -> list[Group]:
    """A generation group whose kinds go to different queues, as one group per queue."""
    if not isinstance(group[0], Gen):
        return [group]
    parts: dict[str, Group] = {}
    for key in group:
        parts.setdefault(role_queue(group_role([key]) or "", routed), []).append(key)
    return list(parts.values())


def _task_for(job_id: str, group: Group) -> tuple[str, tuple]:
    """The task name and arguments that perform the steps of ``group`` (all of one class)."""
    first = group[0]
    if isinstance(first, Improve):
        return TASK_IMPROVE, (job_id, first.slot, first.code, first.test)
    if isinstance(first, Judge):
        return TASK_JUDGE, (job_id, first.code, first.test)
    if isinstance(first, Gen):
        items = [(k.kind.value, k.slot) for k in group if isinstance(k, Gen)]
        return TASK_GENERATE, (job_id, items)
    if isinstance(first, Score):
        return TASK_SCORE, (job_id, [k.code for k in group if isinstance(k, Score)])
    if isinstance(first, Mutate):
        return TASK_MUTATE, (job_id, first.code, [k.test for k in group if isinstance(k, Mutate)])
    tests = [k.test for k in group if isinstance(k, RunPair)]
    return TASK_RUN_PAIRS, (job_id, first.code, tests)


def backlog(view: JobView) -> dict[str, int]:
    """The job's steps sent and not finished, on the model ("llm") and in the sandbox."""
    llm = view.gen_inflight + len(view.judge_inflight) + len(view.score_inflight)
    return {"llm": llm, "sandbox": len(view.pair_inflight) + len(view.mutate_inflight)}


def backlog_priority(steps_out: int) -> int:
    """The priority of a task whose job has ``steps_out`` steps out in its kind of queue."""
    return next((pri for below, pri in BACKLOG_LEVELS if steps_out < below), 9)


def _send(
    store: JobStore, job_id: str, groups: list[Group], out: dict[str, int] | None = None
) -> None:
    """Record every step with the id of its task, then send one task per group, an LLM step
    to its role's queue, each with the priority of the job's backlog ``out`` as it grows
    (None: priority 0, the steps of dead workers)."""
    routed = routed_roles()
    groups = [part for group in groups for part in split_by_queue(group, routed)]
    sends = [(group, uuid.uuid4().hex) for group in groups]
    store.mark_sent(job_id, {key: tid for group, tid in sends for key in group})
    for group, tid in sends:
        name, args = _task_for(job_id, group)
        role = group_role(group)
        queue = None if role is None else role_queue(role, routed)  # None: the task's route
        priority = 0
        if out is not None:
            kind = "sandbox" if role is None else "llm"
            priority = backlog_priority(out[kind])
            out[kind] += len(group)
        app.send_task(name, args=args, task_id=tid, queue=queue, priority=priority)


def _apply(store: JobStore, job_id: str, acts: Actions, out: dict[str, int]) -> None:
    if acts.finish:
        fin = acts.finish
        if store.finish(job_id, fin.status, fin.reason, fin.best, fin.code):
            _revoke_outstanding(store, job_id)
        return
    if acts.assemble:
        _assemble(store, job_id, acts.assemble)
    _send(store, job_id, _groups(acts, _slots(store, job_id)), out)


def _assemble(store: JobStore, job_id: str, tests: list[tuple[str, tuple[str, ...]]]) -> None:
    """Add the agreed tests the policy asked for to the job, then advance it again at once:
    their pairs are the next advance's work."""
    cands = steps.agreed_candidates(store.meta(job_id)["spec"], tests)
    store.put_candidates(job_id, cands)
    ids = [c.id for c in cands]
    store.emit(job_id, "candidates", kind=CandidateKind.TEST.value, ids=ids, valid=ids)
    log.info("job %s: agreed tests %s assembled", job_id, ", ".join(ids))
    start_job(job_id, urgent=True)


def _slots(store: JobStore, job_id: str) -> dict[str, int]:
    """The next free slot of each generation kind: how many of its steps were sent."""
    slots = {"code": 0, "test": 0, IMPROVE: 0}
    for key in store.sent(job_id):
        if kind := generation(key):
            slots[kind] += 1
    return slots


def _groups(acts: Actions, slots: dict[str, int]) -> list[Group]:
    """The steps ``acts`` asks for, a group per task; ``slots`` are taken as they are used."""
    groups: list[Group] = []
    for kinds in acts.generate:
        groups.append([Gen(CandidateKind(kind), slots[kind]) for kind in kinds])
        for kind in kinds:
            slots[kind] += 1
    for code, test in acts.improve:
        groups.append([Improve(slots[IMPROVE], code, test)])
        slots[IMPROVE] += 1
    groups += [[RunPair(code, t) for t in tests] for code, tests in acts.run]
    groups += [[Judge(code, test)] for code, test in acts.judge]
    groups += [[Mutate(code, t) for t in tests] for code, tests in acts.mutate]
    if acts.score:
        groups.append([Score(code) for code in acts.score])
    return groups


def _revoke_outstanding(store: JobStore, job_id: str) -> None:
    ids = list(set(store.sent(job_id).values()))
    if ids:
        app.control.revoke(ids)
