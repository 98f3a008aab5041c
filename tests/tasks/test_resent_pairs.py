"""A sandbox step sent again (its worker stopped reporting, so the coordinator re-sent its
pairs) must not count a pair twice, whether the first run had finished or both ran at once.
Real Redis job store, real bwrap."""

from __future__ import annotations

import pytest

from supercharger.records import Candidate, CandidateKind, JobConfig
from supercharger.sandbox import get_backend
from supercharger.settings import Settings
from supercharger.spec import Spec
from supercharger.tasks import steps
from supercharger.tasks.store import JobStore, new_job_id
from tests.sandbox.test_bwrap import BWRAP_UNAVAILABLE

SPEC = Spec(text="def f(x):\n", name="f", signature="def f(x):")
CODE = "def f(x):\n    return x\n"
TESTS = {
    "ok": "from f import f\n\ndef test_ok():\n    assert f(3) == 3\n",
    "bad": "from f import f\n\ndef test_bad():\n    assert f(3) == 4\n",
}


def _job(store: JobStore) -> str:
    job = new_job_id()
    store.create(job, SPEC, JobConfig.from_settings(Settings(sandbox_memory_mb=512)))
    cands = [Candidate(id="c0.0", kind=CandidateKind.CODE, text=CODE)]
    cands += [Candidate(id=t, kind=CandidateKind.TEST, text=text) for t, text in TESTS.items()]
    store.put_candidates(job, cands)
    return job


def _pair_events(store: JobStore, job: str) -> list[dict[str, str]]:
    return [data["results"] for _, kind, data in store.events(job, block_ms=1) if kind == "pairs"]


@pytest.mark.skipif(BWRAP_UNAVAILABLE is not None, reason=f"bwrap: {BWRAP_UNAVAILABLE}")
def test_a_step_run_again_after_it_finished_counts_nothing_twice(store: JobStore) -> None:
    job = _job(store)
    backend = get_backend("bwrap", standby=False)
    try:
        steps.run_pairs(store, backend, job, "c0.0", list(TESTS))
        first = store.pairs(job)
        steps.run_pairs(store, backend, job, "c0.0", list(TESTS))  # the re-sent copy
        assert store.pairs(job) == first
        assert store.stats(job)["pairs_run"] == len(TESTS)
        assert _pair_events(store, job) == [{"ok": "passed", "bad": "failed"}]
    finally:  # not a whole job: later tests' control workers must not sweep it
        store.forget_active(job)


def test_two_runs_of_one_step_at_once_record_each_pair_once(store: JobStore) -> None:
    job = _job(store)
    try:
        first = {"ok": {"status": "passed"}, "bad": {"status": "failed"}}
        assert store.put_pairs_once(job, "c0.0", first) == ["ok", "bad"]
        late = {"ok": {"status": "error"}, "bad": {"status": "error"}, "new": {"status": "error"}}
        assert store.put_pairs_once(job, "c0.0", late) == ["new"]  # the first verdicts stay
        statuses = {t: r["status"].value for (_, t), r in store.pairs(job).items()}
        assert statuses == {"ok": "passed", "bad": "failed", "new": "error"}
        assert store.stats(job)["pairs_run"] == 3
    finally:
        store.forget_active(job)
