"""Turn the runner's raw result into a verdict. Never trusts an exit code: counts only."""

from __future__ import annotations

import re
import signal
from typing import Any

from supercharger.sandbox.base import Coverage, PairResult, PairSpec, Status
from supercharger.sandbox.inside.protocol import (
    COVERAGE_ERROR,
    COVERAGE_FIGURES,
    COVERAGE_KEYS,
    RawResult,
)

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


def coverage_of(report: dict[str, Any] | None) -> Coverage:
    """A pair's coverage figures from its report; never raises, whatever the report holds
    (the figures are advisory: the verdict does not depend on them)."""
    if not isinstance(report, dict):
        return Coverage(error="no coverage figures: the run ended without a report")
    figures = [report.get(key) for key in COVERAGE_KEYS]
    if all(value is None for value in figures):
        why = report.get(COVERAGE_ERROR)
        if isinstance(why, list) and why:
            return Coverage(error=", ".join(str(x) for x in why)[:300])
        return Coverage(error="no coverage figures: the pair's tests did not run")
    if not all(type(value) is int for value in figures):
        return Coverage(error="coverage figures garbled")
    try:
        return Coverage(**dict(zip(COVERAGE_FIGURES, figures, strict=True)))
    except ValueError:  # negative, or more covered than there is
        return Coverage(error="coverage figures garbled")


_MISSING = re.compile(r"ModuleNotFoundError: No module named '([\w.]+)'")


def missing_module(output: str, own: str = "") -> str | None:
    """The top-level module a pair's output says it could not import (not the pair's ``own``
    code module, which a test importing the wrong name also misses); None if none."""
    for match in _MISSING.finditer(output):
        top = match.group(1).split(".")[0]
        if top != own:
            return top
    return None


def to_result(
    pair_id: str, raw: RawResult, output_bytes: int, coverage: bool = False, module: str = ""
) -> PairResult:
    """The verdict for one pair; ``raw`` is the runner's line for it; with ``coverage``, the
    figures its report holds (or why there are none). A pair that failed or erred because a
    module is not installed is an ERROR that names the module (``module``: the pair's own)."""
    counts = _counts(raw.report)
    status = _status(raw, counts)
    output = raw.output[-(output_bytes + 64) :] + _note(raw, status)
    failed = status in (Status.FAILED, Status.ERROR)
    missing = missing_module(raw.output, module) if failed else None
    if missing is not None:
        status = Status.ERROR
        output += f"\n[supercharger] missing module {missing!r}: it is not installed in the sandbox"
    return PairResult(
        pair_id=pair_id,
        status=status,
        duration_s=raw.duration_s,
        output=output,
        coverage=coverage_of(raw.report) if coverage else None,
        **counts,
    )


def with_coverage(pair: PairSpec, result: PairResult) -> PairResult:
    """``result``, with a word on its coverage where the pair asked and got no answer at all
    (its runner was lost)."""
    if not pair.coverage or result.coverage is not None:
        return result
    why = "no coverage figures: the sandbox runner was lost"
    return result.model_copy(update={"coverage": Coverage(error=why)})


def lost(pair_id: str, status: Status, why: str) -> PairResult:
    """The verdict for a pair whose runner died or hung twice."""
    return PairResult(pair_id=pair_id, status=status, output=f"[supercharger] {why}")
