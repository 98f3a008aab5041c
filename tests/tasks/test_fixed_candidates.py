"""What a job holds before the model writes (real Redis job store, real bwrap): the stand-in
codes find the tests that pass whatever the function does (blind tests); the test made from the
spec's own examples runs against every code and ranks them; the report has both."""

from __future__ import annotations

import pytest

from supercharger.policy import blind_tests, decide, rank_codes, weak_tests
from supercharger.records import Candidate, CandidateKind, JobConfig, JobStatus
from supercharger.sandbox import get_backend
from supercharger.settings import Settings
from supercharger.spec import parse_spec
from supercharger.tasks import steps
from supercharger.tasks.report import build_report
from supercharger.tasks.store import JobStore, new_job_id
from tests.sandbox.test_bwrap import BWRAP_UNAVAILABLE

pytestmark = pytest.mark.skipif(
    BWRAP_UNAVAILABLE is not None, reason=f"bwrap cannot run: {BWRAP_UNAVAILABLE}"
)

SPEC = parse_spec("# twice x; ValueError for a negative x\ndef twice(x: int) -> int:")
HEAD = "import pytest\nfrom twice import twice\n\n\ndef test_it():\n"
TESTS = {  # test id -> (body of its one test, blind?)
    "arity": ("    pytest.raises(TypeError, twice)\n", True),  # any function raises that
    "nothing": ("    assert 1 + 1 == 2\n", True),
    "swallowed": ("    try:\n        twice(3)\n    except Exception:\n        pass\n", True),
    "value": ("    assert twice(3) == 6\n", False),
    "smoke": ("    twice(3)\n", False),  # fails when the function raises
    "none": ("    assert twice(0) is not None or twice(0) is None\n", False),
    "raises": ("    with pytest.raises(ValueError):\n        twice(-1)\n", False),
    "any_error": ("    with pytest.raises(Exception):\n        twice(-1)\n", False),
    "echoed": ("    assert twice(0) == 0\n", False),  # the identity holds it too: weak
}
RIGHT = "def twice(x: int) -> int:\n    if x < 0:\n        raise ValueError(x)\n    return 2 * x\n"


def test_stand_ins_find_the_tests_that_check_nothing(store: JobStore) -> None:
    job = new_job_id()
    config = JobConfig.from_settings(Settings(sandbox_memory_mb=512))
    store.create(job, SPEC, config)
    stubs = steps.fixed_candidates(SPEC)
    tests = [
        Candidate(id=t, kind=CandidateKind.TEST, seq=i, raw=HEAD + body, text=HEAD + body)
        for i, (t, (body, _)) in enumerate(TESTS.items())
    ]
    code = Candidate(id="c0.0", kind=CandidateKind.CODE, seq=100, raw=RIGHT, text=RIGHT)
    store.put_candidates(job, [*stubs, *tests, code])
    backend = get_backend("bwrap", standby=False)
    try:
        for cid in [s.id for s in stubs] + ["c0.0"]:
            steps.run_pairs(store, backend, job, cid, list(TESTS))
        view = steps.build_view(store, job, llm_workers=1)
        report = build_report(store, job)
    finally:  # not a whole job: later tests' control workers must not sweep it
        store.forget_active(job)
    want = {t for t, (_, is_blind) in TESTS.items() if is_blind}
    assert view.stubs == [s.id for s in stubs] and view.codes == ["c0.0"]
    # the right code passes every test; only the ones a stand-in passes too are blind
    assert all(view.results[("c0.0", t)] for t in TESTS)
    assert blind_tests(view) == want
    assert report["blind_tests"] == sorted(want)
    # weak: a stand-in passes them (with None, with the echo's 3 or 0, raising)
    assert weak_tests(view) == want | {"none", "smoke", "echoed", "any_error"}
    stub_rows = [m for m in report["matrix"] if m["code"].startswith("stub.")]
    assert len(stub_rows) == len(stubs) * len(TESTS)


EXAMPLES_SPEC = parse_spec(
    'def middle(xs):\n    """The middle item of xs (the later one of two).\n\n'
    "    >>> middle([1, 2, 3])\n    2\n    >>> middle([4, 5])\n    5\n"
    "    >>> middle([])\n    Traceback (most recent call last):\n    IndexError: empty\n"
    '    """\n'
)
CODES = {
    "right": "def middle(xs):\n    return xs[len(xs) // 2]\n",
    "early": "def middle(xs):\n    return xs[(len(xs) - 1) // 2]\n",  # [4, 5] -> 4: 2 of the 3
    "none": "def middle(xs):\n    return None if not xs else xs[0]\n",  # passes no example
}


def test_the_spec_s_examples_run_against_every_code_and_rank_them(store: JobStore) -> None:
    job = new_job_id()
    store.create(job, EXAMPLES_SPEC, JobConfig.from_settings(Settings()))
    fixed = steps.fixed_candidates(EXAMPLES_SPEC)
    assert [c.kind for c in fixed] == ["stub", "stub", "stub", "examples"]
    test = "from middle import middle\n\n\ndef test_one():\n    assert middle([7]) == 7\n"
    codes = [
        Candidate(id=cid, kind=CandidateKind.CODE, seq=i, raw=text, text=text)
        for i, (cid, text) in enumerate(CODES.items())
    ]
    t0 = Candidate(id="t0.0", kind=CandidateKind.TEST, seq=0, raw=test, text=test)
    store.put_candidates(job, [*fixed, *codes, t0])
    backend = get_backend("bwrap", standby=False)
    try:
        for todo in decide_runs(store, job):
            steps.run_pairs(store, backend, job, *todo)
        view = steps.build_view(store, job, llm_workers=1)
        store.finish(job, JobStatus.PASSED, "test", ("right", "t0.0"))
        report = build_report(store, job)
    finally:
        store.forget_active(job)
    assert view.examples == ["spec.examples"]
    assert view.examples_passed == {"right": 3, "early": 2, "none": 0}
    assert [c for c, _ in rank_codes(view)] == ["right", "early", "none"]  # all pass t0.0
    assert report["examples"] == {"test": "spec.examples", "checks": 3, "best_passed": 3}


def decide_runs(store: JobStore, job: str) -> list[tuple[str, list[str]]]:
    """The pairs the policy asks to run now."""
    return decide(steps.build_view(store, job, llm_workers=1)).run


def test_repairs_that_return_their_code_unchanged_are_copies() -> None:
    """``steps.copies``: a repair whose code is its parent's (comments and layout aside), or
    that of an earlier repair of the same parent, is a copy; a changed repair is not, and the
    repair of a copy that returns the copy is one too."""

    def code(cid: str, text: str, seq: int, parent: str = "") -> Candidate:
        return Candidate(id=cid, kind=CandidateKind.CODE, seq=seq, parent=parent, raw=text,
                         text=text)  # fmt: skip

    same = "def f(x):\n    return x + 1\n"
    cands = [
        code("c0.0", same, 0),
        code("c0.1", same, 1),  # a fresh sample like another: a vote of its own
        code("i0.0", "def f(x):\n    # add one\n    return x+1\n", 2, parent="c0.0"),
        code("i0.1", "def f(x):\n    return x + 2\n", 3, parent="c0.0"),
        code("i0.2", "def f(x):\n    return x + 2\n", 4, parent="c0.0"),  # as i0.1
        code("i1.0", same, 5, parent="i0.0"),
        code("i1.1", "def f(x):\n    return x - 1\n", 6, parent="i0.0"),
        code("i2.0", "def f(x):\n    return x + 2\n", 7, parent="c0.1"),  # another parent
    ]
    assert steps.copies({c.id: c for c in cands}) == {"i0.0", "i0.2", "i1.0"}
