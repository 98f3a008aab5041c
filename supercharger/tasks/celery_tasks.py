"""Thin Celery tasks. Each takes ids, reads inputs from job state, writes results back, and
asks the coordinator (``sc.advance``) to decide what comes next. A task whose job is already
done returns at once, so late and redelivered messages are harmless."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from celery import Task

from supercharger.constants import (
    TASK_ADVANCE,
    TASK_GENERATE,
    TASK_IMPROVE,
    TASK_JUDGE,
    TASK_MUTATE,
    TASK_PING,
    TASK_RUN_PAIRS,
    TASK_SCORE,
)
from supercharger.llm.batcher import Cancelled
from supercharger.tasks import coordinator, steps
from supercharger.tasks.app import app
from supercharger.tasks.backends import llm_backend, sandbox_backend, sandbox_environments
from supercharger.tasks.stepkey import Gen, Improve, Judge, Mutate, RunPair, Score, StepKey
from supercharger.tasks.store import JobStore

log = logging.getLogger(__name__)


@app.task(name=TASK_GENERATE, bind=True)
def generate(self: Task, job_id: str, items: list[tuple[str, int]]) -> None:
    """Candidates of each (kind, slot) in ``items``: their prompts share one batch."""
    gens = [Gen(kind, int(slot)) for kind, slot in items]
    _run_step(self, job_id, gens,
              lambda s: steps.generate(s, llm_backend(), job_id, gens))  # fmt: skip


@app.task(name=TASK_IMPROVE, bind=True)
def improve(self: Task, job_id: str, slot: int, code: str, test: str) -> None:
    key = Improve(slot, code, test)
    _run_step(self, job_id, [key],
              lambda s: steps.improve(s, llm_backend(), job_id, key))  # fmt: skip


@app.task(name=TASK_JUDGE, bind=True)
def judge(self: Task, job_id: str, code: str, test: str) -> None:
    _run_step(self, job_id, [Judge(code, test)],
              lambda s: steps.judge(s, llm_backend(), job_id, code, test))  # fmt: skip


@app.task(name=TASK_SCORE, bind=True)
def score(self: Task, job_id: str, codes: list[str]) -> None:
    _run_step(self, job_id, [Score(c) for c in codes],
              lambda s: steps.score(s, llm_backend(), job_id, codes))  # fmt: skip


@app.task(name=TASK_RUN_PAIRS, bind=True)
def run_pairs(self: Task, job_id: str, code: str, tests: list[str]) -> None:
    _run_step(self, job_id, [RunPair(code, t) for t in tests],
              lambda s: steps.run_pairs(s, sandbox_backend(), job_id, code, tests,
                                        sandbox_environments()))  # fmt: skip


@app.task(name=TASK_MUTATE, bind=True)
def mutate(self: Task, job_id: str, code: str, tests: list[str]) -> None:
    _run_step(self, job_id, [Mutate(code, t) for t in tests],
              lambda s: steps.mutate(s, sandbox_backend(), job_id, code, tests,
                                     sandbox_environments()))  # fmt: skip


def _run_step(
    task: Task, job_id: str, keys: list[StepKey], work: Callable[[JobStore], Any]
) -> None:
    """Skip a finished job; say which worker runs the step (so a dead worker's steps can be
    sent again); record a failure as a result; then ask the coordinator what comes next."""
    store = coordinator.store()
    if not store.is_done(job_id):
        worker = task.request.hostname or "?"
        store.touch_worker(worker, (task.request.delivery_info or {}).get("routing_key", ""))
        store.mark_running(job_id, keys, worker)
        try:
            work(store)
        except Cancelled:  # the job ended while the model worked on it: nothing to record
            log.info("%s: job %s ended before its step did", task.name, job_id)
        except Exception as e:  # recorded as a failed step; the job goes on or runs out
            log.exception("%s failed", task.name)
            for key in keys:
                steps.record_failure(store, job_id, key, e)
        store.clear_running(job_id, keys)
    advance.delay(job_id)


@app.task(name=TASK_ADVANCE)
def advance(job_id: str) -> None:
    """The coordinator: under the job's lock, read state, decide, dispatch."""
    coordinator.advance(coordinator.store(), job_id, wait_s=120)


@app.task(name=TASK_PING)
def ping(key: str) -> None:
    """Push to a Redis list: a no-op for health checks and latency benchmarks."""
    r = coordinator.store().r
    r.rpush(key, repr(time.time()))
    r.expire(key, 600)
