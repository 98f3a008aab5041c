"""Share of a job's wall time not spent in LLM compute, for the factorial job on the bundled
model (embedded Redis, local workers). One run of `supercharger submit --json`; the job's own
report gives wall seconds (job created -> finished) and the LLM's compute seconds.

Last line: one JSON object; `ratio` = LLM seconds / wall seconds (1.0 = no overhead).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(
            [sys.executable, "-m", "supercharger", "submit", str(ROOT / "examples/factorial.spec"),
             "--json"],
            cwd=tmp, capture_output=True, text=True, timeout=1800,
        )  # fmt: skip
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    t = summary["timings"]
    wall, llm = t["wall_seconds"], t["llm_seconds"]
    print(
        json.dumps(
            {
                "status": summary["status"],
                "wall_s": wall,
                "llm_s": llm,
                "overhead_share": round(1 - llm / wall, 4),
                "ratio": round(llm / wall, 4),
            }
        )
    )


if __name__ == "__main__":
    main()
