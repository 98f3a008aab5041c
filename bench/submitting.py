"""Shared by the end-to-end benches: one ``supercharger submit --json`` in a folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class Submitted:
    seconds: float  # the whole command
    summary: dict[str, Any] | None  # its JSON summary; None when it printed none
    report: dict[str, Any]  # the job's report.json ({} without a summary)
    failure: str = ""  # why there is no summary: the exit code and stderr's last line


def submit(folder: Path, spec_file: str, budget_s: float) -> Submitted:
    """Run ``submit`` on ``folder/spec_file`` there (embedded Redis and local workers unless
    the environment names a broker) with a budget of ``budget_s`` seconds."""
    env = {**os.environ, "SUPERCHARGER_BUDGET_SECONDS": str(budget_s)}
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "supercharger", "submit", spec_file, "--json"],
        cwd=folder, capture_output=True, text=True, timeout=budget_s + 600, env=env,
    )  # fmt: skip
    seconds = round(time.monotonic() - started, 1)
    lines = proc.stdout.strip().splitlines()
    if not lines:
        last = " ".join(proc.stderr.strip().splitlines()[-1:])
        return Submitted(seconds, None, {}, f"no summary (rc {proc.returncode}): {last}")
    summary = json.loads(lines[-1])
    report = json.loads((folder / summary["paths"]["report"]).read_text())
    return Submitted(seconds, summary, report)
