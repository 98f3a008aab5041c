"""Grade a finished job: its every code candidate against the hidden test, in the sandbox.

This runs in the evaluating process after the job has finished; nothing of the hidden test is
written to the job's state or sent through the cluster.
"""

from __future__ import annotations

from typing import Any

from supercharger.agreed import AGREED_PREFIX
from supercharger.eval.figures import RAW_SAMPLES, JudgedPair, ProblemRecord
from supercharger.eval.problems import Problem
from supercharger.records import Candidate, CandidateKind
from supercharger.sandbox import Limits, PairSpec, get_backend
from supercharger.settings import Settings

HIDDEN_TIMEOUT_FLOOR_S = 20.0
RANKED_NOTE = "the top-ranked code passed no test: the job delivered it unverified"


def hidden_results(codes: dict[str, str], problem: Problem, settings: Settings) -> dict[str, bool]:
    """Code id -> passes the hidden test, for every code given (id -> source)."""
    if not codes:
        return {}
    pairs = [
        PairSpec(pair_id=cid, module=problem.spec.module, code=text, test=problem.hidden_test)
        for cid, text in codes.items()
    ]
    limits = Limits(
        timeout_s=max(HIDDEN_TIMEOUT_FLOOR_S, settings.sandbox_timeout),
        memory_mb=settings.sandbox_memory_mb,
    )
    backend = get_backend(settings.sandbox_backend, **settings.sandbox_kwargs())
    return {r.pair_id: r.ok for r in backend.run_batch(pairs, limits)}


def delivered_code(report: dict[str, Any], codes: list[str]) -> tuple[str | None, str]:
    """The code the job delivered and how: ``written`` (it passed its pair's test) or
    ``ranked`` (the job's top-ranked code, which passed no test: unverified)."""
    delivered = report.get("delivered")
    if not delivered or delivered["code"] not in codes:
        return None, ""
    return delivered["code"], ("written" if delivered["verified"] else "ranked")


def grade_job(
    report: dict[str, Any], cands: dict[str, Candidate], problem: Problem, settings: Settings
) -> ProblemRecord:
    """One problem's record from its finished job's report and candidates (oldest first)."""
    all_codes = [cid for cid, c in cands.items() if c.kind == CandidateKind.CODE]
    raw = [cid for cid in all_codes if not cands[cid].parent][:RAW_SAMPLES]
    usable = {cid: cands[cid].text for cid in all_codes if cands[cid].valid}
    right = hidden_results(usable, problem, settings)
    delivered, source = delivered_code(report, list(usable))
    judged = [
        JudgedPair(score=float(j["score"]), right=right.get(j["code"], False))
        for j in report["judged"]
    ]
    tokens = report["tokens"]
    quality = report.get("tests_quality") or {}
    return ProblemRecord(
        name=problem.name,
        status=report["status"],
        delivered=delivered,
        delivered_from=source,
        delivered_passed=bool(delivered and right.get(delivered)),
        first_passed=bool(all_codes and right.get(all_codes[0])),
        oracle=any(right.values()),
        oracle_raw=any(right.get(cid, False) for cid in raw),
        codes=len(all_codes),
        codes_passed=sum(right.values()),
        score=report["score"],
        threshold=report["threshold"],
        seconds=float(report["timings"]["wall_seconds"]),
        tokens=int(tokens["prompt"]) + int(tokens["completion"]),
        judged=judged,
        job=report["job"],
        mutation_score=quality.get("mutation_score"),
        line_coverage=quality.get("line_coverage"),
        branch_coverage=quality.get("branch_coverage"),
        note=RANKED_NOTE if source == "ranked" else "",
        missing=(report.get("evidence") or {}).get("missing"),
        on_agreed=report["status"] == "passed"
        and str((report.get("best") or {}).get("test", "")).startswith(AGREED_PREFIX),
    )
