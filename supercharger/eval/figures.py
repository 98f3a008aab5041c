"""Per-problem records of an evaluation and the figures computed from them (pure functions)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

PASSED = "passed"  # a job's status when a judged pair passed
RAW_SAMPLES = 8


@dataclass
class JudgedPair:
    """One pair the model judged: its score and whether its code passes the hidden test."""

    score: float
    right: bool


@dataclass
class ProblemRecord:
    """What one problem's job did and how its codes fared on the hidden test."""

    name: str
    status: str  # the job's: passed | budget | exhausted | cancelled | error
    delivered: str | None = None  # code id delivered, None when the job had no usable code
    delivered_from: str = ""  # "written" (report paths), "ranked" (fallback) or ""
    delivered_passed: bool = False
    first_passed: bool = False  # the job's first code candidate
    oracle: bool = False  # any code candidate passes
    # any of the model's first ``RAW_SAMPLES`` code samples (no repair) passes: what picking
    # the right one of a plain best-of-8 draw would give
    oracle_raw: bool = False
    draw: int = 0  # which draw (seed) of the problem, with --draws
    codes: int = 0
    codes_passed: int = 0
    score: float | None = None  # the judge score of the delivered pair
    threshold: float | None = None
    seconds: float = 0.0
    tokens: int = 0
    judged: list[JudgedPair] = field(default_factory=list)
    job: str = ""
    note: str = ""
    # the delivered tests' worth (report.json tests_quality): share of the code's mutants they
    # kill, line and branch coverage of the code; None when not measured
    mutation_score: float | None = None
    line_coverage: float | None = None
    branch_coverage: float | None = None
    # the stop rule's conditions the delivered code missed (report.json ``evidence``): why the
    # job did not end on a judged pass; None when not known
    missing: list[str] | None = None
    # the judged pair's test is an agreed test (``supercharger.agreed``), not one the model wrote
    on_agreed: bool = False

    @property
    def judged_pass(self) -> bool:
        return self.status == PASSED

    def row(self) -> dict[str, Any]:
        return asdict(self)


def _ratio(num: float, den: float) -> float | None:
    return round(num / den, 4) if den else None


def figures(records: list[ProblemRecord]) -> dict[str, Any]:
    """The headline figures; a ratio over an empty set is None."""
    n = len(records)
    delivered = sum(r.delivered_passed for r in records)
    oracle = sum(r.oracle for r in records)
    judged = [r for r in records if r.judged_pass]
    judged_right = sum(r.delivered_passed for r in judged)
    solvable = [r for r in records if r.oracle]
    recalled = sum(r.judged_pass and r.delivered_passed for r in solvable)
    return {
        "problems": n,
        "delivered_pass_at_1": _ratio(delivered, n),
        "first_candidate_pass_at_1": _ratio(sum(r.first_passed for r in records), n),
        "oracle_pass_at_k": _ratio(oracle, n),
        "selection_ratio": _ratio(delivered, oracle),
        "oracle_pass_at_8": _ratio(sum(r.oracle_raw for r in records), n),
        "delivered_over_oracle_at_8": _ratio(delivered, sum(r.oracle_raw for r in records)),
        "judge_precision": _ratio(judged_right, len(judged)),
        "judge_recall": _ratio(recalled, len(solvable)),
        "tokens_per_solved": _ratio(sum(r.tokens for r in records), delivered),
        "seconds_per_solved": _ratio(sum(r.seconds for r in records), delivered),
        "delivered_tests_mutation_score": _mean([r.mutation_score for r in records]),
        "delivered_tests_line_coverage": _mean([r.line_coverage for r in records]),
        "delivered_tests_branch_coverage": _mean([r.branch_coverage for r in records]),
        "evidence_missing": evidence_missing(records),
        "judged_on_agreed": sum(r.on_agreed for r in judged),
        "agreed_precision": _ratio(
            sum(r.delivered_passed for r in judged if r.on_agreed), sum(r.on_agreed for r in judged)
        ),  # fmt: skip
    }


def evidence_missing(records: list[ProblemRecord]) -> dict[str, int]:
    """Per condition of the stop rule (report.json ``evidence``), how many jobs that did not
    end on a judged pass delivered a code that missed it, most first: what held the judged
    passes back."""
    counts = Counter(name for r in records if not r.judged_pass and r.missing for name in r.missing)
    return dict(counts.most_common())


def _mean(values: list[float | None]) -> float | None:
    """The mean of the measured values (None where none was measured)."""
    known = [v for v in values if v is not None]
    return round(sum(known) / len(known), 4) if known else None


def judged_pairs(records: list[ProblemRecord]) -> list[JudgedPair]:
    return [p for r in records for p in r.judged]


def calibration_curve(pairs: list[JudgedPair], bins: int = 10) -> list[dict[str, Any]]:
    """Judge score bins over [0, 1] with how many pairs fell in each and the fraction right."""
    out = []
    for i in range(bins):
        lo, hi = i / bins, (i + 1) / bins
        inside = [p for p in pairs if lo <= p.score < hi or (i == bins - 1 and p.score == 1.0)]
        right = _ratio(sum(p.right for p in inside), len(inside))
        out.append({"low": lo, "high": hi, "pairs": len(inside), "right": right})
    return out


def eval_document(records: list[ProblemRecord], meta: dict[str, Any]) -> dict[str, Any]:
    """eval.json: the figures over every draw of every problem, the same per draw, then the
    rows, the judged pairs and the calibration curve."""
    pairs = judged_pairs(records)
    draws = sorted({r.draw for r in records})
    per_draw = [figures([r for r in records if r.draw == d]) | {"draw": d} for d in draws]
    return (
        figures(records)
        | {"problems": len({r.name for r in records}), "runs": len(records)}
        | meta
        | {
            "per_draw": per_draw,
            "rows": [r.row() for r in records],
            "judged_pairs": [asdict(p) for p in pairs],
            "calibration_curve": calibration_curve(pairs),
        }
    )
