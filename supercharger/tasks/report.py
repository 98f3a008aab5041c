"""Turn a job's state into ``report.json`` and the files under ``sources/<fn>/``."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

from supercharger.records import Candidate, CandidateKind, Pair
from supercharger.tasks.snapshot import view_to_json
from supercharger.tasks.stepkey import StepKey
from supercharger.tasks.store import JobStore

CALL_FIELDS = (
    "kind", "prompt_tokens", "completion_tokens", "draft_tokens", "tokens_saved", "seconds", "score"
)  # fmt: skip


def build_report(
    store: JobStore, job_id: str, calls: dict[StepKey, dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The job's report; ``calls`` (the LLM call records) when the caller has read them."""
    calls = store.calls(job_id) if calls is None else calls
    meta = store.meta(job_id)
    cands = store.candidates(job_id)
    pairs = store.pairs(job_id)
    judged = store.judged(job_id)
    scores = store.scores(job_id)
    mutation = store.mutation(job_id)
    stats = store.stats(job_id)
    end = meta.get("finished") or time.time()
    wall = end - meta["created"]
    best = meta.get("best")
    finish = meta.get("finish") or {"status": meta["status"].value, "reason": ""}
    return {
        "job": job_id,
        "function": meta["spec"].name,
        "module": meta["spec"].module,
        "status": finish["status"],
        "reason": finish["reason"],
        # while running: what it needs that no live worker serves (empty: nothing)
        "waiting": meta.get("waiting", "") if "finish" not in meta else "",
        "best": {"code": best[0], "test": best[1]} if best else None,
        "delivered": _delivered(meta),
        "score": judged.get(tuple(best), {}).get("score") if best else None,
        "threshold": meta["config"].threshold,
        "threshold_source": meta["config"].threshold_source,
        "timings": {
            "wall_seconds": round(wall, 3),
            "llm_seconds": round(stats.get("llm_seconds", 0.0), 3),
            "sandbox_seconds": round(stats.get("sandbox_seconds", 0.0), 3),
            "llm_share_of_wall": round(stats.get("llm_seconds", 0.0) / wall, 3) if wall else 0,
        },
        "tokens": {
            "prompt": int(stats.get("prompt_tokens", 0)),
            "completion": int(stats.get("completion_tokens", 0)),
            "from_drafts": int(stats.get("draft_tokens", 0)),  # of the completion tokens
            "saved_by_cycle_stop": int(stats.get("tokens_saved", 0)),  # not decoded at all
        },
        "llm_calls": int(stats.get("llm_calls", 0)),
        "calls": [  # one per LLM call; prompts and replies in calls.jsonl
            {"step": k.encode()} | {f: v[f] for f in CALL_FIELDS if f in v}
            for k, v in calls.items()
        ],
        "config": meta["config"].model_dump(mode="json"),
        "candidates": [_candidate(c, scores) for c in cands.values()],
        "matrix": [
            {"code": c, "test": t}
            | {"status": r["status"].value}
            | {k: r[k] for k in ("passed", "failed", "collected")}
            | {"duration_s": round(r.get("duration_s", 0.0), 4)}
            | ({"timeout_s": r["timeout_s"]} if "timeout_s" in r else {})
            for (c, t), r in pairs.items()
        ],
        "judged": [{"code": c, "test": t, "score": v["score"]} for (c, t), v in judged.items()],
        # per pair whose test ran against the code's mutants: how many of them it killed
        "mutation": [{"code": c, "test": t} | _quality(v) for (c, t), v in mutation.items()],
        # the same for the delivered pair (None when unknown: no pair, no mutants, a failed step)
        "tests_quality": _tests_quality(mutation, best),
        # tests that passed with every stand-in code (the matrix's "stub.*" rows): they check
        # nothing the function does, so no code was ranked, judged or repaired by them
        "blind_tests": sorted(_blind(cands, pairs)),
        # the spec's own examples (None when it has none to check): how many, and how many
        # of them the chosen code passed
        "examples": _examples(meta, cands, pairs, best),
        # what the codes returned on the tests' literal calls (None before two were probed):
        # how many calls every code ran, and the groups of codes that returned the same
        "behaviour": _behaviour(meta, cands, pairs),
    }


def _behaviour(
    meta: dict[str, Any], cands: dict[str, Candidate], pairs: dict[Pair, dict[str, Any]]
) -> dict[str, Any] | None:
    from supercharger.policy import Budget, JobView, behaviour_groups
    from supercharger.tasks.steps import copies, merged_probes

    # as the policy sees them: copies of a repaired code are no votes, and derived calls tell
    # whether a group that returns one value on the tests' inputs is constant
    view = JobView(
        budget=Budget.of(meta["config"]),
        codes=[c.id for c in cands.values() if c.kind is CandidateKind.CODE and c.valid],
        stubs=[c.id for c in cands.values() if c.kind is CandidateKind.STUB],
        behaviour=merged_probes(pairs, "calls"),
        asserts=merged_probes(pairs, "asserts"),
        derived=merged_probes(pairs, "derived"),
        typed=merged_probes(pairs, "typed"),
        copies=copies(cands),
    )
    calls, groups = behaviour_groups(view)
    if not groups:
        return None
    return {
        "calls": len(calls),
        "groups": [
            {
                "codes": list(g.codes),
                "asserts_held": g.held,
                "degenerate": g.degenerate,
                "weight": round(g.weight, 4),
            }  # fmt: skip
            for g in groups
        ],
    }


def _quality(record: dict[str, Any]) -> dict[str, Any]:
    """Mutants killed and, where measured, line and branch coverage of the code by the test."""
    n, k = int(record["mutants"]), int(record["killed"])
    cov = record.get("coverage") or {}
    return {
        "mutants": n,
        "killed": k,
        "mutation_score": round(k / n, 4) if n else None,
        "line_coverage": _share(cov.get("lines_covered"), cov.get("lines")),
        "branch_coverage": _share(cov.get("branches_covered"), cov.get("branches")),
    }


def _share(part: int | None, whole: int | None) -> float | None:
    """part / whole; None when not measured or there is nothing to cover (no branches)."""
    if part is None or not whole:
        return None
    return round(part / whole, 4)


def _tests_quality(mutation: dict[Pair, dict[str, Any]], best: Any) -> dict[str, Any] | None:
    record = mutation.get(tuple(best)) if best else None
    if not record or not int(record["mutants"]):
        return None
    return _quality(record)


def _candidate(c: Candidate, scores: dict[str, dict[str, Any]]) -> dict[str, Any]:
    row = {"id": c.id, "kind": c.kind.value, "refused": c.refused, "llm_seconds": c.llm_seconds}
    row["valid"] = c.valid
    return row | ({"score": scores[c.id]["score"]} if c.id in scores else {})


def _examples(
    meta: dict[str, Any],
    cands: dict[str, Candidate],
    pairs: dict[Pair, dict[str, Any]],
    best: Any,
) -> dict[str, Any] | None:
    from supercharger.examples import spec_examples

    test = next((c.id for c in cands.values() if c.kind is CandidateKind.EXAMPLES), None)
    if test is None:
        return None
    checks = sum(1 for e in spec_examples(meta["spec"]) if e.want or e.raises)
    chosen = pairs.get((best[0], test)) if best else None
    return {"test": test, "checks": checks, "best_passed": chosen["passed"] if chosen else None}


def _blind(cands: dict[str, Candidate], pairs: dict[Pair, dict[str, Any]]) -> set[str]:
    from supercharger.policy import blind
    from supercharger.sandbox.base import Status

    stubs = [c.id for c in cands.values() if c.kind is CandidateKind.STUB]
    tests = [c.id for c in cands.values() if c.kind is CandidateKind.TEST]
    return blind(stubs, tests, {p: r["status"] is Status.PASSED for p, r in pairs.items()})


def _delivered(meta: dict[str, Any]) -> dict[str, Any] | None:
    """The code the job delivers: its best pair's (``verified``: it passed that pair's test),
    else the top-ranked code, which passed no test (``verified`` false)."""
    best = meta.get("best")
    code = meta.get("delivered") or (best[0] if best else None)
    if code is None:
        return None
    return {"code": code, "test": best[1] if best else None, "verified": bool(best)}


def _evidence(view: Any, delivered: dict[str, Any] | None) -> dict[str, Any] | None:
    """The stop rule's conditions for the delivered code (``policy.evidence_checks``), met or
    not, and the names of those it missed: why the job did or did not end on a judged pass.
    None when nothing was delivered."""
    from supercharger.policy import evidence_checks

    if not delivered or delivered["code"] not in view.codes:
        return None
    checks = evidence_checks(view, delivered["code"])
    return {
        "code": delivered["code"],
        "checks": checks,
        "missing": [name for name, met in checks.items() if not met],
    }


def write_outputs(store: JobStore, job_id: str, out_root: Path) -> dict[str, Any]:
    """Write the best pair, every candidate (raw and cleaned), view.json and report.json;
    return the report with the paths it wrote."""
    from supercharger.tasks.steps import build_view

    calls = store.calls(job_id)
    report = build_report(store, job_id, calls)
    cands = store.candidates(job_id)
    folder = out_root / report["function"]
    cand_dir = folder / "candidates"
    if cand_dir.exists():
        shutil.rmtree(cand_dir)
    cand_dir.mkdir(parents=True, exist_ok=True)
    for cid, c in cands.items():
        # names pytest will not collect: sources/<fn> stays runnable with a plain `pytest`
        (cand_dir / f"{c.kind.value}-{cid}.raw.txt").write_text(c.raw)
        if c.valid:
            (cand_dir / f"{c.kind.value}-{cid}.py.txt").write_text(c.text)
    paths: dict[str, str] = {"folder": str(folder), "candidates": str(cand_dir)}
    (folder / "calls.jsonl").write_text(
        "".join(json.dumps({"step": k.encode()} | v) + "\n" for k, v in calls.items())
    )
    paths["calls"] = str(folder / "calls.jsonl")
    if report["best"]:
        code_path = folder / f"{report['module']}.py"
        test_path = folder / f"test_{report['module']}.py"
        code_path.write_text(cands[report["best"]["code"]].text)
        test_path.write_text(cands[report["best"]["test"]].text)
        paths |= {"code": str(code_path), "test": str(test_path)}
    elif report["delivered"]:  # the top-ranked code passed no test: unverified, no test
        code_path = folder / f"{report['module']}.py"
        code_path.write_text(cands[report["delivered"]["code"]].text)
        (folder / f"test_{report['module']}.py").unlink(missing_ok=True)
        paths["code"] = str(code_path)
    # the policy's last view (what ranked the codes), to read or to replay a ranking on
    view = build_view(store, job_id, llm_workers=1)
    (folder / "view.json").write_text(json.dumps(view_to_json(view)) + "\n")
    paths["view"] = str(folder / "view.json")
    report["evidence"] = _evidence(view, report["delivered"])
    report["paths"] = paths
    (folder / "report.json").write_text(json.dumps(report, indent=2) + "\n")
    paths["report"] = str(folder / "report.json")
    return report
