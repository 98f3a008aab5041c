"""The first command on specs other than the example: how many reach a judged pass and whether
the chosen code passes tests the pipeline never saw (bundled model, defaults).

Run: ``python bench/e2e_specs.py`` (no args). Each spec: one ``supercharger submit --json`` in a
fresh folder (embedded Redis + local workers) with a budget of ``BUDGET_S`` seconds, then the
chosen code against hidden tests in the sandbox. The environment is passed through, so e.g.
``SUPERCHARGER_LLM_OPTIONS='{"dtype": "float32"}'`` compares a setting. Last line: one JSON
object (no ``ratio``: nothing is compared within one run).
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
from pathlib import Path

from submitting import submit

from supercharger.eval.hidden import run_hidden

BUDGET_S = 180
SPECS: dict[str, tuple[str, str]] = {
    "is_prime": (
        "# Return True if n is a prime number, else False\ndef is_prime(n):",
        "assert is_prime(2) and is_prime(13) and is_prime(97)\n"
        "assert not is_prime(1) and not is_prime(0) and not is_prime(15) and not is_prime(-7)",
    ),
    "reverse_string": (
        "# Return the string s reversed\ndef reverse_string(s):",
        "assert reverse_string('abc') == 'cba'\nassert reverse_string('') == ''\n"
        "assert reverse_string('a b!') == '!b a'",
    ),
    "fibonacci": (
        "# Return the n-th Fibonacci number, with fibonacci(0) == 0 and fibonacci(1) == 1\n"
        "def fibonacci(n):",
        "assert [fibonacci(i) for i in range(10)] == [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]\n"
        "assert fibonacci(30) == 832040",
    ),
    "sum_list": (
        "# Return the sum of the numbers in the list xs (0 for an empty list)\ndef sum_list(xs):",
        "assert sum_list([]) == 0 and sum_list([1, 2, 3]) == 6 and sum_list([-1, 1.5]) == 0.5",
    ),
    "is_palindrome": (
        "# Return True if the string s reads the same forwards and backwards\n"
        "def is_palindrome(s):",
        "assert is_palindrome('racecar') and is_palindrome('') and is_palindrome('abba')\n"
        "assert not is_palindrome('abc') and not is_palindrome('ab')",
    ),
    "max_of_list": (
        "# Return the largest number in the non-empty list xs\ndef max_of_list(xs):",
        "assert max_of_list([3, 1, 2]) == 3 and max_of_list([-5, -2]) == -2\n"
        "assert max_of_list([7]) == 7",
    ),
}


def hidden_test(module: str, name: str, asserts: str) -> str:
    """A pytest file that runs ``asserts`` (one per line) against ``module.name``."""
    body = "".join(f"    {line}\n" for line in asserts.splitlines())
    return f"from {module} import {name}\n\n\ndef test_hidden():\n{body}"


def one(name: str, spec: str, hidden: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / f"{name}.spec").write_text(spec + "\n")
        (folder / "hidden.py").write_text(hidden_test(name, name, hidden))
        done = submit(folder, f"{name}.spec", BUDGET_S)
        seconds, summary, report = done.seconds, done.summary, done.report
        if summary is None:
            return {"spec": name, "status": done.failure, "command_s": seconds}
        passed = None
        if summary["status"] == "passed":
            result = run_hidden(folder / summary["paths"]["code"], folder / "hidden.py", name)
            passed = result.status.value == "passed"
        return {
            "spec": name,
            "status": summary["status"],
            "job_wall_s": summary["timings"]["wall_seconds"],
            "command_s": seconds,
            "hidden_passed": passed,
            # tests that passed with the stand-in codes too (they check nothing), of all tests
            "blind_tests": len(report.get("blind_tests", [])),
            "tests": sum(1 for c in report["candidates"] if c["kind"] == "test" and c["valid"]),
        }


def main() -> None:
    runs = []
    for name, (spec, hidden) in SPECS.items():
        run = one(name, spec, hidden)
        print(run, flush=True)
        runs.append(run)
    judged = [r for r in runs if r["status"] == "passed"]
    print(
        json.dumps(
            {
                "llm_options": os.environ.get("SUPERCHARGER_LLM_OPTIONS", ""),
                "specs": len(runs),
                "judged_pass": len(judged),
                "hidden_tests_passed": sum(1 for r in judged if r["hidden_passed"]),
                "passed_specs": [r["spec"] for r in judged if r["hidden_passed"]],
                "blind_tests": sum(r.get("blind_tests", 0) for r in runs),
                "tests": sum(r.get("tests", 0) for r in runs),
                "median_judged_job_wall_s": (
                    statistics.median(r["job_wall_s"] for r in judged) if judged else None
                ),
            }
        )
    )


if __name__ == "__main__":
    main()
