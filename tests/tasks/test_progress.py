"""The live line ``submit`` prints, folded from a job's events (no broker needed)."""

from __future__ import annotations

from supercharger.tasks.client import Progress


def test_stand_in_pairs_count_blind_tests_not_pairs() -> None:
    prog = Progress(started=0.0)
    prog.apply("candidates", {"kind": "test", "ids": ["t0.0", "t0.1"], "valid": ["t0.0", "t0.1"]})
    prog.apply("pairs", {"code": "stub.none", "results": {"t0.0": "passed", "t0.1": "passed"}})
    prog.apply("pairs", {"code": "stub.raise", "results": {"t0.0": "passed", "t0.1": "failed"}})
    prog.apply("pairs", {"code": "c0.0", "results": {"t0.0": "passed", "t0.1": "failed"}})
    assert prog.blind == 1  # t0.0 passed with both stand-ins; t0.1 failed with one
    assert (prog.pairs_run, prog.pairs_passed) == (2, 1)  # the stand-ins' pairs are not counted
    assert "tests 2 (2 usable, 1 blind) | pairs 2 run, 1 passed" in prog.line()
    assert "blind" not in Progress(started=0.0).line()
