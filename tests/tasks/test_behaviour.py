"""The behaviour probe inside a job: a sandbox step records what the code returned on its
tests' literal calls, and report.json groups the codes by it. Real Redis job store, real bwrap."""

from __future__ import annotations

import pytest

from supercharger.records import Candidate, CandidateKind, JobConfig
from supercharger.sandbox import get_backend
from supercharger.settings import Settings
from supercharger.spec import Spec
from supercharger.tasks import steps
from supercharger.tasks.report import build_report
from supercharger.tasks.store import JobStore, new_job_id
from tests.sandbox.test_bwrap import BWRAP_UNAVAILABLE

pytestmark = pytest.mark.skipif(BWRAP_UNAVAILABLE is not None, reason=f"bwrap: {BWRAP_UNAVAILABLE}")

SPEC = Spec(text="def f(x):\n", name="f", signature="def f(x):")
CODES = {
    "c0.0": "def f(x):\n    return x\n",
    "c0.1": "def f(x):\n    return x * 1\n",  # returns the same as c0.0
    "c0.2": "def f(x):\n    return x + 1\n",
}
TESTS = {
    "ok": "from f import f\n\ndef test_ok():\n    assert f(3) == 3\n    assert f(0) == 0\n",
    "bad": "from f import f\n\ndef test_bad():\n    assert f(3) == 4\n",
}


def _job(store: JobStore) -> str:
    job = new_job_id()
    store.create(job, SPEC, JobConfig.from_settings(Settings(sandbox_memory_mb=512)))
    texts = [(CandidateKind.CODE, c, text) for c, text in CODES.items()]
    texts += [(CandidateKind.TEST, t, text) for t, text in TESTS.items()]
    cands = [
        Candidate(id=i, kind=kind, seq=n, text=text) for n, (kind, i, text) in enumerate(texts)
    ]
    store.put_candidates(job, cands)
    return job


def test_a_step_records_each_test_s_calls_and_asserts_and_the_report_groups_codes(
    store: JobStore,
) -> None:
    job = _job(store)
    backend = get_backend("bwrap", standby=False)
    try:
        steps.run_pairs(store, backend, job, "c0.0", list(TESTS))
        pairs = store.pairs(job)
        ok, bad = pairs[("c0.0", "ok")], pairs[("c0.0", "bad")]
        assert set(ok["calls"]) == {"f(3)", "f(0)"} and set(bad["calls"]) == {"f(3)"}
        assert ok["calls"]["f(3)"] == bad["calls"]["f(3)"] != ok["calls"]["f(0)"]
        assert ok["asserts"] == {"f(3) -> eq:3": True, "f(0) -> eq:0": True}
        assert bad["asserts"] == {"f(3) -> eq:4": False}
        assert store.stats(job)["pairs_run"] == len(TESTS)  # the probe is not a pair
        assert build_report(store, job)["behaviour"] is None  # one code probed: no groups yet
        # a repair of c0.0 that returned it unchanged: a copy, in its group but no vote
        copy = Candidate(id="i0.0", kind=CandidateKind.CODE, seq=9, text=CODES["c0.0"],
                         parent="c0.0")  # fmt: skip
        store.put_candidates(job, [copy])
        for code in ("c0.1", "c0.2", "i0.0"):
            steps.run_pairs(store, backend, job, code, list(TESTS))
        behaviour = build_report(store, job)["behaviour"]
        assert behaviour["calls"] == 2
        first, second = behaviour["groups"]
        assert first == {"codes": ["c0.0", "c0.1", "i0.0"], "asserts_held": 2,
                         "degenerate": False, "weight": 2 * (1 + 0.5 * 2)}  # fmt: skip
        assert second["codes"] == ["c0.2"] and second["asserts_held"] == 1  # f(3) == 4
    finally:  # not a whole job: later tests' control workers must not sweep it
        store.forget_active(job)


def test_with_tests_of_no_literal_call_a_step_records_the_signature_calls_and_groups_on_them(
    store: JobStore,
) -> None:
    job = new_job_id()
    store.create(job, SPEC, JobConfig.from_settings(Settings(sandbox_memory_mb=512)))
    codes = {"c0.0": "def f(x):\n    return x + 1\n", "c0.1": "def f(x):\n    return x * 2\n",
             "c0.2": "def f(x):\n    return 2 * x\n"}  # fmt: skip
    test = "from f import f\n\ndef test_y():\n    assert f(y) == 2\n"  # y: a name never bound
    texts = [
        *((CandidateKind.CODE, c, t) for c, t in codes.items()),
        (CandidateKind.TEST, "t", test),
    ]
    store.put_candidates(job, [Candidate(id=i, kind=kind, seq=n, text=text)
                               for n, (kind, i, text) in enumerate(texts)])  # fmt: skip
    backend = get_backend("bwrap", standby=False)
    try:
        for code in codes:
            steps.run_pairs(store, backend, job, code, ["t"])
        record = store.pairs(job)[("c0.1", "t")]
        assert not record["calls"] and record["typed"]["f(7)"] != record["typed"]["f(0)"]
        behaviour = build_report(store, job)["behaviour"]
        assert behaviour["calls"] >= 3
        assert [g["codes"] for g in behaviour["groups"]] == [["c0.1", "c0.2"], ["c0.0"]]
    finally:
        store.forget_active(job)
