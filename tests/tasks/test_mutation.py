"""The mutation step on a real Redis job store: its results, its failure, how it is sent, and
(real bwrap) that a code's mutants really run in the sandbox, where a test that checks the
function kills most of them and one that checks a single case kills few."""

from __future__ import annotations

import pytest

from supercharger.constants import SANDBOX_QUEUE, TASK_MUTATE, TASK_QUEUE, job_key
from supercharger.mutants import mutants
from supercharger.policy import MIN_KILLED, Actions, Kills
from supercharger.records import Candidate, CandidateKind, JobConfig, JobStatus
from supercharger.sandbox import get_backend
from supercharger.sandbox.base import Limits, PairResult, PairSpec, Status
from supercharger.settings import Settings
from supercharger.spec import parse_spec
from supercharger.tasks import coordinator, steps
from supercharger.tasks.report import build_report
from supercharger.tasks.stepkey import Mutate
from supercharger.tasks.store import FINISHED_TTL, JobStore, new_job_id
from tests.sandbox.test_bwrap import BWRAP_UNAVAILABLE

SPEC = parse_spec("# factorial of a non-negative integer\ndef factorial(n):\n", "factorial.spec")
RIGHT = "def factorial(n):\n    return 1 if n < 2 else n * factorial(n - 1)\n"
HEAD = "from factorial import factorial\n\n\n"
FULL = HEAD + "def test_full():\n    assert factorial(5) == 120\n    assert factorial(0) == 1\n"
ZERO = HEAD + "def test_zero():\n    assert factorial(0) == 1\n"
BWRAP = pytest.mark.skipif(
    BWRAP_UNAVAILABLE is not None, reason=f"bwrap cannot run: {BWRAP_UNAVAILABLE}"
)


def _job(store: JobStore, **settings: object) -> str:
    job = new_job_id()
    store.create(job, SPEC, JobConfig.from_settings(Settings(sandbox_memory_mb=512, **settings)))
    code = Candidate(id="c0.0", kind=CandidateKind.CODE, seq=0, raw=RIGHT, text=RIGHT)
    tests = [
        Candidate(id=t, kind=CandidateKind.TEST, seq=i + 1, raw=text, text=text)
        for i, (t, text) in enumerate({"full": FULL, "zero": ZERO}.items())
    ]
    store.put_candidates(job, [code, *tests])
    return job


class Dead:
    """A sandbox backend whose every batch fails (a broken sandbox host)."""

    name = "dead"

    def run_batch(
        self, pairs: list[PairSpec], limits: Limits, env: object = None
    ) -> list[PairResult]:
        raise OSError("no sandbox here")


def test_a_failed_mutation_step_records_nothing_known_and_nothing_in_flight(
    store: JobStore,
) -> None:
    job = _job(store)
    try:
        store.mark_sent(job, {Mutate("c0.0", "full"): "id0", Mutate("c0.0", "zero"): "id0"})
        view = steps.build_view(store, job, llm_workers=1)
        assert view.mutate_inflight == {("c0.0", "full"), ("c0.0", "zero")}
        with pytest.raises(OSError):
            steps.mutate(store, Dead(), job, "c0.0", ["full", "zero"])
        for key in (Mutate("c0.0", "full"), Mutate("c0.0", "zero")):
            steps.record_failure(store, job, key, OSError("no sandbox here"))
        view = steps.build_view(store, job, llm_workers=1)
        assert view.mutation == {("c0.0", "full"): Kills(0, 0), ("c0.0", "zero"): Kills(0, 0)}
        assert view.mutate_inflight == set()
        report = build_report(store, job)
        assert {(m["code"], m["test"], m["mutation_score"]) for m in report["mutation"]} == {
            ("c0.0", "full", None), ("c0.0", "zero", None)
        }  # fmt: skip
        assert report["tests_quality"] is None  # no best pair yet
        assert store.finish(job, JobStatus.BUDGET, "test over", ("c0.0", "full"))
        assert 0 < store.r.ttl(job_key(job, "mutation")) <= FINISHED_TTL  # goes with the job
    finally:
        store.forget_active(job)


def test_a_code_s_mutation_steps_are_one_task_on_the_sandbox_queue() -> None:
    groups = coordinator._groups(Actions(mutate=[("c0.0", ["full", "zero"])]), {})
    assert groups == [[Mutate("c0.0", "full"), Mutate("c0.0", "zero")]]
    assert coordinator._task_for("j", groups[0]) == (TASK_MUTATE, ("j", "c0.0", ["full", "zero"]))
    assert TASK_QUEUE[TASK_MUTATE] == SANDBOX_QUEUE


@BWRAP
def test_a_full_test_kills_most_mutants_and_a_single_case_kills_few(store: JobStore) -> None:
    job = _job(store, sandbox_timeout=4.0)
    backend = get_backend("bwrap", standby=False)
    try:
        steps.run_pairs(store, backend, job, "c0.0", ["full", "zero"])
        steps.mutate(store, backend, job, "c0.0", ["full", "zero"])
        view = steps.build_view(store, job, llm_workers=1)
        assert store.finish(job, JobStatus.PASSED, "test over", ("c0.0", "full"))
        report = build_report(store, job)
        events = [(k, d) for _, k, d in store.events(job, block_ms=10) if k == "mutation"]
    finally:
        store.forget_active(job)
    n = len(mutants(RIGHT))
    assert n >= 5
    full, zero = view.mutation[("c0.0", "full")], view.mutation[("c0.0", "zero")]
    assert full.mutants == zero.mutants == n
    assert full.fraction is not None and full.fraction >= MIN_KILLED  # most of them
    assert zero.fraction is not None and zero.fraction < MIN_KILLED  # few of them
    assert full.killed > zero.killed > 0  # really run: `return None` fails both tests
    assert len(full.ids) == full.killed and len(zero.ids) == zero.killed  # which ones, too
    assert zero.ids < full.ids <= set(range(n))
    assert report["tests_quality"] == {
        "mutants": n, "killed": full.killed, "mutation_score": round(full.killed / n, 4),
        # coverage.py in the sandbox: both lines run; a conditional expression has no branch
        # arcs for coverage.py, so there is no branch figure
        "line_coverage": 1.0, "branch_coverage": None,
    }  # fmt: skip
    both = {"lines": 2, "lines_covered": 2, "branches": 0, "branches_covered": 0}
    assert events == [("mutation", {"code": "c0.0", "results": {
        "full": {"killed": full.killed, "killed_ids": sorted(full.ids), "mutants": n,
                 "coverage": both},
        "zero": {"killed": zero.killed, "killed_ids": sorted(zero.ids), "mutants": n,
                 "coverage": both},
    }})]  # fmt: skip
    assert store.stats(job)["mutants_run"] == 2 * n


@BWRAP
def test_a_code_without_mutants_records_none(store: JobStore) -> None:
    job = _job(store)
    plain = "def factorial(n):\n    pass\n"
    store.put_candidates(job, [Candidate(id="c0.1", kind=CandidateKind.CODE, seq=5, text=plain)])
    try:
        steps.mutate(store, get_backend("bwrap", standby=False), job, "c0.1", ["zero"])
        assert store.mutation(job)[("c0.1", "zero")]["mutants"] == 0
        assert steps.build_view(store, job, 1).mutation[("c0.1", "zero")].fraction is None
    finally:
        store.forget_active(job)


def test_statuses_other_than_passed_count_as_killed(store: JobStore) -> None:
    class Scripted:
        """Verdicts in turn: passed, failed, timeout, error, ..."""

        name = "scripted"

        def run_batch(
            self, pairs: list[PairSpec], limits: Limits, env: object = None
        ) -> list[PairResult]:
            cycle = [Status.PASSED, Status.FAILED, Status.TIMEOUT, Status.ERROR]
            return [PairResult(pair_id=p.pair_id, status=cycle[i % 4]) for i, p in enumerate(pairs)]

    job = _job(store)
    try:
        steps.mutate(store, Scripted(), job, "c0.0", ["full"])
    finally:
        store.forget_active(job)
    n = len(mutants(RIGHT))
    assert store.mutation(job)[("c0.0", "full")]["killed"] == n - (n + 3) // 4
