"""Job state on a real Redis server."""

from __future__ import annotations

import threading
import time

import pytest

from supercharger.constants import ADVANCED, job_key
from supercharger.errors import JobNotFoundError
from supercharger.records import Candidate, CandidateKind, JobConfig, JobStatus
from supercharger.sandbox.base import Status
from supercharger.settings import Settings
from supercharger.spec import Spec
from supercharger.tasks.stepkey import Gen, Judge
from supercharger.tasks.store import JobStore, new_job_id

SPEC = Spec(text="def f(x):\n", name="f", signature="def f(x):")
CONFIG = JobConfig.from_settings(Settings(batch_size=2, threshold=0.5))


def test_a_job_round_trips(store: JobStore) -> None:
    job = new_job_id()
    store.create(job, SPEC, CONFIG)
    meta = store.meta(job)
    assert meta["status"] == "running"
    assert meta["spec"] == SPEC and meta["config"] == CONFIG
    assert job in store.job_ids()


def test_unknown_job_is_a_clear_error(store: JobStore) -> None:
    with pytest.raises(JobNotFoundError, match="no job 'nope'"):
        store.meta("nope")


def test_candidates_are_keyed_so_a_rewrite_does_not_duplicate(store: JobStore) -> None:
    job = new_job_id()
    store.create(job, SPEC, CONFIG)
    cand = Candidate(id="c0.0", kind=CandidateKind.CODE, seq=0, raw="r", text="t")
    store.put_candidates(job, [cand])
    store.put_candidates(job, [cand.model_copy(update={"raw": "r2"})])  # redelivered: again
    cands = store.candidates(job)
    assert list(cands) == ["c0.0"] and cands["c0.0"].raw == "r2"


def test_finish_happens_once_and_is_announced(store: JobStore) -> None:
    job = new_job_id()
    store.create(job, SPEC, CONFIG)
    assert store.finish(job, JobStatus.PASSED, "pair judged", ("c0.0", "t0.0")) is True
    assert store.finish(job, JobStatus.BUDGET, "late", None) is False
    meta = store.meta(job)
    assert meta["status"] == "passed" and meta["best"] == ["c0.0", "t0.0"]
    kinds = [k for _, k, _ in store.events(job, block_ms=10)]
    assert kinds == ["created", "finished"]


def test_a_job_seen_done_has_its_record_written(store: JobStore) -> None:
    """Whoever sees a job done (the eval scheduler polls ``is_done``) reads its final status
    and delivery, never the running record between the two writes of a finish."""
    jobs = [new_job_id() for _ in range(200)]
    for job in jobs:
        store.create(job, SPEC, CONFIG)
    seen: list[JobStatus] = []

    def watch() -> None:
        pending, deadline = list(jobs), time.monotonic() + 30
        while pending and time.monotonic() < deadline:
            for job in [j for j in pending if store.is_done(j)]:
                seen.append(store.meta(job)["status"])
                pending.remove(job)

    watcher = threading.Thread(target=watch)
    watcher.start()
    for job in jobs:
        store.finish(job, JobStatus.BUDGET, "budget spent", ("c0.0", "t0.0"))
    watcher.join()
    assert len(seen) == len(jobs) and set(seen) == {JobStatus.BUDGET}


def test_pairs_and_judgements(store: JobStore) -> None:
    job = new_job_id()
    store.create(job, SPEC, CONFIG)
    store.put_pair(job, "c1", "t1", {"status": "passed"})
    store.put_judged(job, "c1", "t1", {"score": 0.7})
    assert store.pairs(job) == {("c1", "t1"): {"status": "passed"}}
    assert store.judged(job)[("c1", "t1")]["score"] == 0.7


def test_workers_registry_forgets_silent_workers(store: JobStore) -> None:
    store.register_worker("w-test@x", ["llm"])
    assert store.workers()["w-test@x"] == ["llm"]
    assert "w-test@x" not in store.workers(max_age=-1)
    store.unregister_worker("w-test@x")


def test_one_broken_job_does_not_stop_the_sweep(store: JobStore, caplog) -> None:  # noqa: ANN001
    from supercharger.tasks import coordinator

    broken = new_job_id()
    store.create(broken, SPEC, CONFIG)
    # a new job counts as just advanced (its first advance is queued): the sweep takes it up
    # only once that is a tick old, as when the message was lost
    created = store.last_advanced([broken])[broken]
    assert abs(created - store.meta(broken)["created"]) < 1e-3
    # a config without a budget, written by hand: the job cannot advance
    store.r.hset(job_key(broken, "meta"), "config", '{"batch_size": 2}')
    store.r.hset(ADVANCED, broken, repr(created - coordinator.TICK_S - 1))
    try:
        with caplog.at_level("WARNING", logger=coordinator.log.name):
            coordinator.sweep(store)  # raised before, and the jobs after it went unswept
    finally:
        store.forget_active(broken)
    assert f"job {broken}: sweep failed" in caplog.text


def test_records_read_back_typed(store: JobStore) -> None:
    job = new_job_id()
    store.create(job, SPEC, CONFIG)
    store.put_pair(job, "c1", "t1", {"status": Status.TIMEOUT})
    meta = store.meta(job)
    assert meta["status"] is JobStatus.RUNNING and isinstance(meta["config"], JobConfig)
    assert store.pairs(job)[("c1", "t1")]["status"] is Status.TIMEOUT
    store.mark_sent(job, {Gen(CandidateKind.CODE, 0): "id0", Judge("c1", "t1"): "id1"})
    assert store.sent(job) == {Gen(CandidateKind.CODE, 0): "id0", Judge("c1", "t1"): "id1"}
    assert store.r.hgetall(job_key(job, "sent")) == {"gen:code:0": "id0", "judge:c1|t1": "id1"}
    store.forget_active(job)
