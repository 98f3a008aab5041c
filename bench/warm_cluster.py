"""Many specs on one warm cluster vs one cold ``submit`` each, in jobs per hour.

Warm: ``supercharger up``, then one ``supercharger submit DIR`` over the specs (every job at
once on the cluster's workers), then ``down``. Cold: ``supercharger submit SPEC`` per spec, one
after another, each starting its own embedded Redis and workers and loading the model. Both use
the real bundled model and the same short job shape (few candidates, short replies, a budget
that no job reaches, so each job does the same work either way). ``ratio`` = warm jobs/hour over
cold jobs/hour, the warm time counted from ``submit`` (``up`` is reported on its own).

Specs: the first ``BENCH_SPECS`` (default 16) of ``bench/unseen/``. Also printed: the jobs'
LLM compute summed per mode (``report.json`` timings: each call's wall time, which overlaps
when calls share a batch) and the machine's load average after each. The llm worker runs as
many tasks at once as fill its batch (``supercharger.cluster.launch.llm_concurrency``), so the
warm run's jobs decode their generation calls together.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JOB_SHAPE = {  # short jobs: the bench is about start-up and sharing, not about search depth
    "SUPERCHARGER_MAX_CANDIDATES": "2",
    "SUPERCHARGER_BATCH_SIZE": "2",
    "SUPERCHARGER_MAX_NEW_TOKENS": "96",
    "SUPERCHARGER_BUDGET_SECONDS": "3600",
}


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SUPERCHARGER_BROKER_URL"}
    return env | JOB_SHAPE | {"SUPERCHARGER_DATA_DIR": str(data_dir)}


def _run(cwd: Path, data_dir: Path, *args: str) -> tuple[float, subprocess.CompletedProcess]:
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "supercharger", *args],
        cwd=cwd, env=_env(data_dir), capture_output=True, text=True, timeout=7200,
    )  # fmt: skip
    return time.monotonic() - started, proc


def _statuses(stdout: str) -> list[str]:
    lines = stdout.strip().splitlines()
    if not lines:
        return []
    doc = json.loads(lines[-1])
    return [j["status"] for j in doc["jobs"]] if "jobs" in doc else [doc["status"]]


def _llm_seconds(out: Path) -> float:
    """The jobs' LLM compute (``report.json`` timings), summed: where the time went."""
    reports = (json.loads(p.read_text()) for p in out.glob("*/report.json"))
    return round(sum(r["timings"]["llm_seconds"] for r in reports), 1)


def warm(work: Path, specs: Path) -> dict[str, object]:
    data = work / "warm-data"
    up_s, up = _run(work, data, "up")
    if up.returncode != 0:
        raise SystemExit(f"up failed: {up.stderr.strip()}")
    try:
        seconds, proc = _run(work, data, "submit", str(specs), "--json", "--output-dir", "warm")
    finally:
        _run(work, data, "down")
    statuses = _statuses(proc.stdout)
    if len(statuses) != len(list(specs.glob("*.spec"))):
        raise SystemExit(f"warm submit: no summary (rc {proc.returncode}): {proc.stderr[-500:]}")
    return {
        "up_seconds": round(up_s, 1),
        "seconds": round(seconds, 1),
        "statuses": statuses,
        "llm_seconds": _llm_seconds(work / "warm"),
        "load": round(os.getloadavg()[1], 1),  # the machine's 5-minute load average after it
    }


def cold(work: Path, specs: Path) -> dict[str, object]:
    data = work / "cold-data"
    seconds, statuses = 0.0, []
    for spec in sorted(specs.glob("*.spec")):
        s, proc = _run(work, data, "submit", str(spec), "--json", "--output-dir", "cold")
        seconds += s
        got = _statuses(proc.stdout)
        statuses += got or [f"no summary (rc {proc.returncode})"]
        print(f"cold {spec.stem}: {s:.1f} s, {got}", file=sys.stderr)
    return {
        "seconds": round(seconds, 1),
        "statuses": statuses,
        "llm_seconds": _llm_seconds(work / "cold"),
        "load": round(os.getloadavg()[1], 1),
    }


def main() -> None:
    n = int(os.environ.get("BENCH_SPECS", "16"))
    work = Path(tempfile.mkdtemp(prefix="warm-cluster-"))
    try:
        specs = work / "specs"
        specs.mkdir()
        for spec in sorted((ROOT / "bench" / "unseen").glob("*.spec"))[:n]:
            shutil.copy(spec, specs / spec.name)
        w = warm(work, specs)
        print(f"warm: up {w['up_seconds']} s, submit {w['seconds']} s", file=sys.stderr)
        c = cold(work, specs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    count = len(w["statuses"])  # type: ignore[arg-type]
    warm_jph = count / float(w["seconds"]) * 3600  # type: ignore[arg-type]
    cold_jph = count / float(c["seconds"]) * 3600  # type: ignore[arg-type]
    passed = {k: sum(s == "passed" for s in d["statuses"]) for k, d in (("warm", w), ("cold", c))}  # type: ignore[union-attr]
    print(json.dumps({
        "specs": count,
        "job_shape": {k.removeprefix("SUPERCHARGER_").lower(): v for k, v in JOB_SHAPE.items()},
        "warm_up_seconds": w["up_seconds"],
        "warm_submit_seconds": w["seconds"],
        "cold_seconds": c["seconds"],
        "warm_jobs_per_hour": round(warm_jph, 1),
        "cold_jobs_per_hour": round(cold_jph, 1),
        "warm_llm_seconds": w["llm_seconds"],
        "cold_llm_seconds": c["llm_seconds"],
        "warm_load": w["load"],
        "cold_load": c["load"],
        "warm_passed": passed["warm"],
        "cold_passed": passed["cold"],
        "ratio": round(warm_jph / cold_jph, 2),
    }))  # fmt: skip


if __name__ == "__main__":
    main()
