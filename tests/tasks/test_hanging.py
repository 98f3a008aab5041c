"""A test that wrong codes hang on stops costing the full timeout per code: the sandbox step
(real Redis job store, real bwrap) runs its later pairs under a short timeout."""

from __future__ import annotations

import time

import pytest

from supercharger.policy import HANG_FLOOR_S
from supercharger.records import Candidate, CandidateKind, JobConfig
from supercharger.sandbox import get_backend
from supercharger.settings import Settings
from supercharger.spec import Spec
from supercharger.tasks import steps
from supercharger.tasks.store import JobStore, new_job_id
from tests.sandbox.test_bwrap import BWRAP_UNAVAILABLE

pytestmark = pytest.mark.skipif(
    BWRAP_UNAVAILABLE is not None, reason=f"bwrap cannot run: {BWRAP_UNAVAILABLE}"
)

FULL_S = 8.0  # far above HANG_FLOOR_S: a loaded machine adds seconds of start-up to a step
SPEC = Spec(text="def f(x):\n", name="f", signature="def f(x):")
HANGS = "def f(x):\n    while x != 0:\n        x -= 1\n    return 1\n"  # loops on x < 0
GOOD = "def f(x):\n    if x < 0:\n        raise ValueError(x)\n    return 1\n"
NEGATIVE = "import pytest\nfrom f import f\n\ndef test_neg():\n    with pytest.raises(ValueError):\n        f(-1)\n"  # noqa: E501
ONE = "from f import f\n\ndef test_one():\n    assert f(3) == 1\n"


def test_a_hanging_test_s_later_pairs_run_under_a_short_timeout(store: JobStore) -> None:
    job = new_job_id()
    config = JobConfig.from_settings(Settings(sandbox_timeout=FULL_S, sandbox_memory_mb=512))
    store.create(job, SPEC, config)
    texts = {"h0": HANGS, "h1": HANGS, "h2": HANGS, "good": GOOD, "neg": NEGATIVE, "one": ONE}
    kinds = {"neg": CandidateKind.TEST, "one": CandidateKind.TEST}
    store.put_candidates(
        job,
        [
            Candidate(id=cid, kind=kinds.get(cid, CandidateKind.CODE), text=text)
            for cid, text in texts.items()
        ],
    )
    backend = get_backend("bwrap", standby=False)
    seconds = {}
    try:
        for code in ("h0", "h1", "h2", "good"):
            started = time.monotonic()
            steps.run_pairs(store, backend, job, code, ["neg", "one"])
            seconds[code] = time.monotonic() - started
    finally:  # not a whole job: later tests' control workers must not sweep it
        store.forget_active(job)
    pairs = store.pairs(job)
    status = {p: r["status"] for p, r in pairs.items()}
    limit = {p: r["timeout_s"] for p, r in pairs.items()}
    # the first two codes find out that "neg" hangs, under the job's own timeout
    assert status[("h0", "neg")] == status[("h1", "neg")] == "timeout"
    assert limit[("h0", "neg")] == limit[("h1", "neg")] == FULL_S
    # then it is a hanging test: a third wrong code hangs on it for the short timeout only
    assert status[("h2", "neg")] == "timeout"
    assert limit[("h2", "neg")] == HANG_FLOOR_S
    assert seconds["h2"] < FULL_S < seconds["h0"]
    # a code that handles the input still passes it under that timeout
    assert status[("good", "neg")] == "passed" and limit[("good", "neg")] == HANG_FLOOR_S
    # the other test keeps the full timeout and passes with every code
    assert all(status[(c, "one")] == "passed" for c in ("h0", "h1", "h2", "good"))
    assert all(limit[(c, "one")] == FULL_S for c in ("h0", "h1", "h2", "good"))
