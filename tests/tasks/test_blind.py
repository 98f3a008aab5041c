"""Blind tests: the stand-in codes of a job (real Redis job store, real bwrap) find the tests
that pass whatever the function does, and the report lists them."""

from __future__ import annotations

import pytest

from supercharger.policy import blind_tests
from supercharger.sandbox import get_backend
from supercharger.settings import Settings
from supercharger.spec import parse_spec
from supercharger.tasks import steps
from supercharger.tasks.client import job_config
from supercharger.tasks.results import build_report
from supercharger.tasks.store import JobStore, new_job_id
from tests.sandbox.test_bwrap import _WHY_NOT

pytestmark = pytest.mark.skipif(_WHY_NOT is not None, reason=f"bwrap cannot run: {_WHY_NOT}")

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
}
RIGHT = "def twice(x: int) -> int:\n    if x < 0:\n        raise ValueError(x)\n    return 2 * x\n"


def test_stand_ins_find_the_tests_that_check_nothing(store: JobStore) -> None:
    job = new_job_id()
    config = job_config(Settings()) | {"sandbox_memory_mb": 512}
    store.create(job, SPEC.model_dump(), config)
    stubs = steps.stub_candidates(SPEC)
    tests = [
        {"id": t, "kind": "test", "seq": i, "raw": HEAD + body, "text": HEAD + body}
        for i, (t, (body, _)) in enumerate(TESTS.items())
    ]
    code = {"id": "c0.0", "kind": "code", "seq": 100, "raw": RIGHT, "text": RIGHT}
    store.put_candidates(job, [*stubs, *tests, code])
    backend = get_backend("bwrap", standby=False)
    try:
        for cid in [s["id"] for s in stubs] + ["c0.0"]:
            steps.run_pairs(store, backend, job, cid, list(TESTS))
        view = steps.build_view(store, job, llm_workers=1)
        report = build_report(store, job)
    finally:  # not a whole job: later tests' control workers must not sweep it
        store.forget_active(job)
    want = {t for t, (_, is_blind) in TESTS.items() if is_blind}
    assert view.stubs == [s["id"] for s in stubs] and view.codes == ["c0.0"]
    # the right code passes every test; only the ones a stand-in passes too are blind
    assert all(view.results[("c0.0", t)] for t in TESTS)
    assert blind_tests(view) == want
    assert report["blind_tests"] == sorted(want)
    stub_rows = [m for m in report["matrix"] if m["code"].startswith("stub.")]
    assert len(stub_rows) == len(stubs) * len(TESTS)
