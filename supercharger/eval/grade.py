"""Grade a finished job: its every code candidate against the hidden test, in the sandbox.

This runs in the evaluating process after the job has finished; nothing of the hidden test is
written to the job's state or sent through the cluster.
"""

from __future__ import annotations

from typing import Any

from supercharger.eval.figures import JudgedPair, ProblemRecord
from supercharger.eval.problems import Problem
from supercharger.sandbox import Limits, PairSpec, get_backend
from supercharger.settings import Settings

CODE = "code"
HIDDEN_TIMEOUT_FLOOR_S = 20.0
RANKED_NOTE = "no pair passed and nothing was written: the top-ranked code was graded"


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
    backend = get_backend(settings.sandbox_backend, **settings.sandbox_options)
    return {r.pair_id: r.ok for r in backend.run_batch(pairs, limits)}


def ranked_code(report: dict[str, Any], codes: list[str]) -> str | None:
    """The best-ranked code readable from a report when the job wrote none: most of the spec's
    examples passed, then most generated tests passed (blind ones left out), then the model's
    score, then the oldest."""
    if not codes:
        return None
    examples = (report.get("examples") or {}).get("test")
    blind = set(report.get("blind_tests", []))
    scores = {c["id"]: c.get("score", 0.5) for c in report["candidates"]}
    ex_passed: dict[str, int] = {}
    tests_passed: dict[str, int] = {}
    for m in report["matrix"]:
        if m["test"] == examples:
            ex_passed[m["code"]] = int(m.get("passed", 0))
        elif m["status"] == "passed" and m["test"] not in blind:
            tests_passed[m["code"]] = tests_passed.get(m["code"], 0) + 1
    order = {c: i for i, c in enumerate(codes)}
    return min(
        codes,
        key=lambda c: (-ex_passed.get(c, 0), -tests_passed.get(c, 0), -scores[c], order[c]),
    )


def delivered_code(report: dict[str, Any], codes: list[str]) -> tuple[str | None, str]:
    """The code the job delivered and how it was found: the written one, else the ranking's."""
    best = report.get("best")
    if best and "code" in report.get("paths", {}):
        return best["code"], "written"
    top = report.get("top_code")  # a report that names its top-ranked code itself
    if isinstance(top, str) and top in codes:
        return top, "ranked"
    chosen = ranked_code(report, codes)
    return chosen, ("ranked" if chosen else "")


def grade_job(
    report: dict[str, Any], cands: dict[str, dict[str, Any]], problem: Problem, settings: Settings
) -> ProblemRecord:
    """One problem's record from its finished job's report and candidates (oldest first)."""
    all_codes = [cid for cid, c in cands.items() if c["kind"] == CODE]
    usable = {cid: cands[cid]["text"] for cid in all_codes if cands[cid]["text"]}
    right = hidden_results(usable, problem, settings)
    delivered, source = delivered_code(report, list(usable))
    judged = [
        JudgedPair(score=float(j["score"]), right=right.get(j["code"], False))
        for j in report["judged"]
    ]
    tokens = report["tokens"]
    return ProblemRecord(
        name=problem.name,
        status=report["status"],
        delivered=delivered,
        delivered_from=source,
        delivered_passed=bool(delivered and right.get(delivered)),
        first_passed=bool(all_codes and right.get(all_codes[0])),
        oracle=any(right.values()),
        codes=len(all_codes),
        codes_passed=sum(right.values()),
        score=report["score"],
        threshold=report["threshold"],
        seconds=float(report["timings"]["wall_seconds"]),
        tokens=int(tokens["prompt"]) + int(tokens["completion"]),
        judged=judged,
        job=report["job"],
        note=RANKED_NOTE if source == "ranked" else "",
    )
