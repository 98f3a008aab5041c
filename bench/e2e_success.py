"""How often the README's first command reaches a judged pass, how long it takes, and whether
the chosen code passes tests the pipeline never saw. Runs `supercharger submit
examples/factorial.spec --json` RUNS times (embedded Redis + local workers, bundled model).

Last line: one JSON object.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from supercharger.agreed import AGREED_PREFIX
from supercharger.eval.hidden import run_hidden

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5


def one_run() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-m", "supercharger", "submit", str(ROOT / "examples/factorial.spec"),
             "--json"],
            cwd=tmp, capture_output=True, text=True, timeout=1200,
        )  # fmt: skip
        total = time.monotonic() - t0
        summary = json.loads(proc.stdout.strip().splitlines()[-1])
        hidden = agreed = None
        if summary["status"] != "passed":  # keep failures to look at
            keep = Path(tempfile.mkdtemp(prefix="e2e-fail-"))
            shutil.copytree(Path(tmp) / "sources", keep / "sources")
            print(f"kept {keep}", flush=True)
        if summary["status"] == "passed":
            res = run_hidden(
                Path(tmp) / summary["paths"]["code"],
                ROOT / "tests/e2e/hidden_test_factorial.py",
                "factorial",
            )
            hidden = res.status.value == "passed"
            report = json.loads((Path(tmp) / "sources/factorial/report.json").read_text())
            agreed = report["best"]["test"].startswith(AGREED_PREFIX)
        return {
            "rc": proc.returncode,
            "status": summary["status"],
            "job_wall_s": summary["timings"]["wall_seconds"],
            "llm_s": summary["timings"]["llm_seconds"],
            "command_s": round(total, 1),
            "hidden_passed": hidden,
            "agreed_test": agreed,  # the judged pair's test is an agreed one (agreed.py)
        }


def main() -> None:
    runs = []
    for i in range(RUNS):
        r = one_run()
        print(f"run {i + 1}: {r}", flush=True)
        runs.append(r)
    passed = [r for r in runs if r["status"] == "passed"]
    print(
        json.dumps(
            {
                "runs": RUNS,
                "judged_pass": len(passed),
                "hidden_tests_passed": sum(1 for r in passed if r["hidden_passed"]),
                "on_agreed_tests": sum(1 for r in passed if r["agreed_test"]),
                "median_command_s": statistics.median(r["command_s"] for r in runs),
                "median_job_wall_s": statistics.median(r["job_wall_s"] for r in runs),
                "median_llm_share": statistics.median(
                    r["llm_s"] / r["job_wall_s"] for r in runs if r["job_wall_s"]
                ),
            }
        )
    )


if __name__ == "__main__":
    main()
