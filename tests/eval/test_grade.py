"""Grading one finished job from its report and candidates: hand-written codes, hidden test run
in the real sandbox."""

from __future__ import annotations

from typing import Any

from supercharger.eval.grade import delivered_code, grade_job
from supercharger.eval.problems import Problem
from supercharger.records import Candidate, CandidateKind
from supercharger.settings import Settings
from supercharger.spec import parse_spec

SPEC = parse_spec("# factorial of n >= 0\ndef factorial(n):\n", "factorial.spec")
HIDDEN = "from factorial import factorial\n\n\ndef test_h():\n    assert factorial(5) == 120\n"
RIGHT = "def factorial(n):\n    return 1 if n < 2 else n * factorial(n - 1)\n"
WRONG = "def factorial(n):\n    return n\n"


def cand(cid: str, kind: str, text: str, seq: int) -> Candidate:
    return Candidate(id=cid, kind=CandidateKind(kind), text=text, seq=seq, raw=text)


CANDS = {
    "stub.none": cand("stub.none", "stub", "def factorial(n):\n    return None\n", -2),
    "c0.0": cand("c0.0", "code", WRONG, 0),
    "c0.1": cand("c0.1", "code", "", 1),  # unusable: cleaning gave nothing
    "c0.2": cand("c0.2", "code", RIGHT, 2),
    "t0.0": cand("t0.0", "test", "...", 3),
    "t0.1": cand("t0.1", "test", "...", 4),
}


def report(**kw: Any) -> dict[str, Any]:
    base = {
        "job": "j1", "status": "budget", "best": None, "score": None, "threshold": 0.5,
        "paths": {"folder": "x"}, "timings": {"wall_seconds": 12.5},
        "tokens": {"prompt": 10, "completion": 5}, "examples": None, "blind_tests": ["t0.1"],
        "candidates": [{"id": "c0.0", "score": 0.4}, {"id": "c0.2", "score": 0.6}],
        "matrix": [
            {"code": "c0.0", "test": "t0.1", "status": "passed", "passed": 1},  # blind test
            {"code": "c0.2", "test": "t0.0", "status": "failed", "passed": 0},
        ],
        "judged": [], "delivered": {"code": "c0.2", "test": None, "verified": False},
    }  # fmt: skip
    return base | kw


def test_the_delivered_code_is_graded_and_says_whether_it_was_verified() -> None:
    written = report(delivered={"code": "c0.0", "test": "t0.0", "verified": True})
    assert delivered_code(written, ["c0.0", "c0.2"]) == ("c0.0", "written")
    assert delivered_code(report(), ["c0.0", "c0.2"]) == ("c0.2", "ranked")
    assert delivered_code(report(delivered=None), ["c0.0"]) == (None, "")


def test_grade_job_runs_every_usable_code_in_the_sandbox() -> None:
    problem = Problem("factorial", SPEC, HIDDEN)
    judged = [{"code": "c0.0", "test": "t0.0", "score": 0.7},
              {"code": "c0.2", "test": "t0.0", "score": 0.8}]  # fmt: skip
    rec = grade_job(report(judged=judged), CANDS, problem, Settings(sandbox_backend="bwrap"))
    assert (rec.codes, rec.codes_passed, rec.oracle, rec.first_passed) == (3, 1, True, False)
    assert (rec.delivered, rec.delivered_from, rec.delivered_passed) == ("c0.2", "ranked", True)
    assert "top-ranked" in rec.note
    assert [(p.score, p.right) for p in rec.judged] == [(0.7, False), (0.8, True)]
    assert (rec.tokens, rec.seconds, rec.job, rec.status) == (15, 12.5, "j1", "budget")
