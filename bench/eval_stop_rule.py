"""How often a judged pass is right, with the stop rule that asks for evidence vs the plain
judge rule: the same problems, seed and budget through ``supercharger eval``, bundled model.

Run: ``python bench/eval_stop_rule.py`` (no args): the 18 simple specs of ``bench/unseen/``
(hidden tests beside them; never used to tune the pipeline). ``SUPERCHARGER_EVAL_SET`` may name
another folder, or ``humaneval:0-39``; ``SUPERCHARGER_EVAL_BUDGET`` the seconds per job (90),
``SUPERCHARGER_EVAL_JOBS`` the jobs at once (2), ``SUPERCHARGER_EVAL_SEEDS`` a comma list of
seeds (1). One ``eval`` per rule and seed, each on its own embedded cluster. Last line: one JSON
object; ``ratio`` = judge precision with evidence over judge precision with the judge rule.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEYS = ("delivered_pass_at_1", "first_candidate_pass_at_1", "oracle_pass_at_k", "selection_ratio",
        "judge_precision", "judge_recall", "seconds_per_solved", "tokens_per_solved")  # fmt: skip


def run_eval(target: list[str], rule: str, seed: str, budget: str, jobs: str) -> dict:
    env = os.environ | {"SUPERCHARGER_STOP_RULE": rule, "SUPERCHARGER_SEED": seed}
    with tempfile.TemporaryDirectory() as out:
        argv = [sys.executable, "-m", "supercharger", "eval", *target, "--budget-seconds",
                budget, "--jobs", jobs, "--out", out, "--json"]  # fmt: skip
        proc = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
        lines = proc.stdout.strip().splitlines()
        if proc.returncode != 0 or not lines:
            raise SystemExit(f"eval failed ({proc.returncode}): {proc.stderr[-2000:]}")
        doc = json.loads(lines[-1])
    judged = [r for r in doc["rows"] if r["status"] == "passed"]
    return {k: doc[k] for k in KEYS} | {
        "problems": doc["problems"],
        "judged_passes": len(judged),
        "judged_right": sum(1 for r in judged if r["delivered_passed"]),
        "delivered_right": sum(1 for r in doc["rows"] if r["delivered_passed"]),
        "wall_seconds": doc.get("wall_seconds"),
    }


def main() -> None:
    chosen = os.environ.get("SUPERCHARGER_EVAL_SET", str(HERE / "unseen"))
    target = ["humaneval", "--problems", chosen.split(":", 1)[1]] if chosen.startswith(
        "humaneval:") else [chosen]  # fmt: skip
    budget = os.environ.get("SUPERCHARGER_EVAL_BUDGET", "90")
    jobs = os.environ.get("SUPERCHARGER_EVAL_JOBS", "2")
    seeds = os.environ.get("SUPERCHARGER_EVAL_SEEDS", "1").split(",")
    runs = {}
    for rule in ("judge", "evidence"):
        for seed in seeds:
            runs[f"{rule}/seed{seed}"] = run_eval(target, rule, seed, budget, jobs)
            print(json.dumps({f"{rule}/seed{seed}": runs[f"{rule}/seed{seed}"]}), flush=True)

    def total(rule: str, key: str) -> int:
        return sum(r[key] for name, r in runs.items() if name.startswith(rule + "/"))

    figures = {}
    for rule in ("judge", "evidence"):
        passes, right = total(rule, "judged_passes"), total(rule, "judged_right")
        figures[rule] = {
            "judged_passes": passes,
            "judged_right": right,
            "precision": round(right / passes, 3) if passes else None,
            "delivered_right": total(rule, "delivered_right"),
            "problems": total(rule, "problems"),
        }
    before, after = figures["judge"]["precision"], figures["evidence"]["precision"]
    ratio = round(after / before, 3) if before and after is not None else None
    print(json.dumps({"set": chosen, "budget_s": budget, "seeds": seeds, **figures,
                      "ratio": ratio}))  # fmt: skip


if __name__ == "__main__":
    main()
