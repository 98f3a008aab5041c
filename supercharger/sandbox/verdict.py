"""Turn the runner's raw result into a verdict. Never trusts an exit code: counts only."""

from __future__ import annotations

import signal
from typing import Any

from supercharger.sandbox.base import PairResult, Status
from supercharger.sandbox.inside.protocol import RawResult

COUNTS = ("passed", "failed", "errors", "skipped", "collected")


def _counts(report: dict[str, Any] | None) -> dict[str, int]:
    report = report or {}
    out = {}
    for key in COUNTS:
        value = report.get(key, 0)
        out[key] = value if isinstance(value, int) and value >= 0 else 0
    return out


def _status_from_counts(c: dict[str, int]) -> Status:
    if c["collected"] == 0:
        return Status.ERROR
    if c["failed"] > 0:
        return Status.FAILED
    if c["errors"] or c["skipped"] or c["passed"] != c["collected"]:
        return Status.ERROR
    return Status.PASSED


def _status(raw: RawResult, counts: dict[str, int]) -> Status:
    report = raw.report
    if raw.timed_out:
        return Status.TIMEOUT
    if isinstance(report, dict) and report.get("oom") is True:
        return Status.OOM
    sig = raw.signal
    if sig == signal.SIGXCPU:
        return Status.TIMEOUT
    if sig is not None:
        return Status.KILLED
    if not isinstance(report, dict):
        return Status.ERROR  # os._exit, a crash, or anything that skipped the session's end
    if report.get("tampered"):
        return Status.ERROR  # the pair patched what counts and reports its tests
    return _status_from_counts(counts)


def _note(raw: RawResult, status: Status) -> str:
    if status is Status.TIMEOUT:
        return "\n[supercharger] wall-clock or CPU limit reached; the pair was killed"
    if status is Status.KILLED:
        return f"\n[supercharger] killed by signal {raw.signal}"
    report = raw.report
    if isinstance(report, dict) and report.get("tampered") and status is Status.ERROR:
        what = ", ".join(str(x) for x in report["tampered"])[:300]
        return (
            "\n[supercharger] the pair changed pytest's own running or reporting code "
            f"({what}): its verdict cannot be trusted"
        )
    if report is None and status is Status.ERROR:
        return f"\n[supercharger] the run ended without a report (exit code {raw.exit_code})"
    return ""


def to_result(pair_id: str, raw: RawResult, output_bytes: int) -> PairResult:
    """The verdict for one pair; ``raw`` is the runner's line for it."""
    counts = _counts(raw.report)
    status = _status(raw, counts)
    output = raw.output[-(output_bytes + 64) :] + _note(raw, status)
    return PairResult(
        pair_id=pair_id,
        status=status,
        duration_s=raw.duration_s,
        output=output,
        **counts,
    )


def lost(pair_id: str, status: Status, why: str) -> PairResult:
    """The verdict for a pair whose runner died or hung twice."""
    return PairResult(pair_id=pair_id, status=status, output=f"[supercharger] {why}")
