"""The figures of an evaluation, over hand-made per-problem records (no pipeline)."""

from __future__ import annotations

from rich.console import Console

from supercharger.eval.figures import (
    JudgedPair,
    ProblemRecord,
    calibration_curve,
    eval_document,
    figures,
)
from supercharger.eval.view import show


def rec(
    name: str, status: str, delivered: bool, first: bool, oracle: bool, **kw: object
) -> ProblemRecord:  # noqa: E501
    return ProblemRecord(name, status, delivered_passed=delivered, first_passed=first,
                         oracle=oracle, **kw)  # type: ignore[arg-type]  # fmt: skip


RECORDS = [
    rec(
        "a",
        "passed",
        True,
        True,
        True,
        seconds=10.0,
        tokens=100,
        mutation_score=0.8,
        line_coverage=1.0,
        branch_coverage=0.5,
    ),  # judged, right
    rec(
        "b",
        "passed",
        False,
        False,
        True,
        seconds=20.0,
        tokens=200,
        mutation_score=0.4,
        line_coverage=0.5,
        branch_coverage=None,
    ),  # judged, wrong code
    rec("c", "budget", False, False, True, seconds=30.0, tokens=300),  # right code, never judged
    rec("d", "budget", False, False, False, seconds=40.0, tokens=400),  # nothing right
    rec("e", "budget", True, False, True, seconds=50.0, tokens=500),  # ranked fallback right
]


def test_headline_figures() -> None:
    f = figures(RECORDS)
    assert f["problems"] == 5
    assert f["delivered_pass_at_1"] == 0.4  # a, e
    assert f["first_candidate_pass_at_1"] == 0.2  # a
    assert f["oracle_pass_at_k"] == 0.8  # a, b, c, e
    assert f["selection_ratio"] == 0.5  # 2 of 4
    assert f["judge_precision"] == 0.5  # a right, b wrong
    assert f["judge_recall"] == 0.25  # of a, b, c, e only a ended in a right judged pass
    assert f["tokens_per_solved"] == 750.0  # 1500 tokens / 2 solved
    assert f["seconds_per_solved"] == 75.0
    # the delivered tests' worth: the mean over the problems where it was measured
    assert f["delivered_tests_mutation_score"] == 0.6
    assert f["delivered_tests_line_coverage"] == 0.75
    assert f["delivered_tests_branch_coverage"] == 0.5


def test_evidence_missing_counts_what_held_back_the_jobs_without_a_judged_pass() -> None:
    records = [
        rec("a", "passed", True, True, True, missing=[]),
        rec("b", "passed", False, False, True, missing=["judged"]),  # a judged pass: not counted
        rec("c", "budget", True, False, True, missing=["tests_strong", "codes_agree"]),
        rec("d", "budget", False, False, False, missing=["tests_strong"]),
        rec("e", "budget", False, False, False),  # not known (nothing delivered)
    ]
    f = figures(records)
    assert f["evidence_missing"] == {"tests_strong": 2, "codes_agree": 1}
    assert list(f["evidence_missing"]) == ["tests_strong", "codes_agree"]  # most first
    assert figures([])["evidence_missing"] == {}
    # the terminal says it under the figures
    console = Console(record=True, width=200)
    show(console, eval_document(records, {}))
    assert "evidence_missing: tests_strong 2, codes_agree 1" in console.export_text()


def test_judged_passes_on_agreed_tests_are_counted_with_their_precision() -> None:
    records = [
        rec("a", "passed", True, True, True, on_agreed=True),
        rec("b", "passed", False, False, True, on_agreed=True),
        rec("c", "passed", True, True, True),
        rec("d", "budget", True, False, True),
    ]
    f = figures(records)
    assert f["judged_on_agreed"] == 2 and f["agreed_precision"] == 0.5
    assert f["judge_precision"] == round(2 / 3, 4)
    none = figures(records[2:])
    assert none["judged_on_agreed"] == 0 and none["agreed_precision"] is None
    console = Console(record=True, width=200)
    show(console, eval_document(records, {}))
    assert "judged_on_agreed: 2 (precision 0.5)" in console.export_text()


def test_ratios_over_nothing_are_none() -> None:
    f = figures([rec("d", "budget", False, False, False)])
    assert f["delivered_pass_at_1"] == 0.0
    assert f["selection_ratio"] is None
    assert f["judge_precision"] is None
    assert f["judge_recall"] is None
    assert f["tokens_per_solved"] is None
    assert f["delivered_tests_mutation_score"] is None
    assert figures([])["problems"] == 0


def test_calibration_curve_bins_scores() -> None:
    pairs = [JudgedPair(0.05, False), JudgedPair(0.92, True), JudgedPair(0.95, False),
             JudgedPair(1.0, True)]  # fmt: skip
    curve = calibration_curve(pairs, bins=10)
    assert len(curve) == 10
    assert curve[0] == {"low": 0.0, "high": 0.1, "pairs": 1, "right": 0.0}
    assert curve[9]["pairs"] == 3 and curve[9]["right"] == round(2 / 3, 4)
    assert all(b["right"] is None for b in curve[1:9])


def test_document_holds_rows_and_every_judged_pair() -> None:
    records = [
        rec("a", "passed", True, True, True, judged=[JudgedPair(0.9, True)]),
        rec("b", "passed", False, False, False, judged=[JudgedPair(0.6, False)]),
    ]
    doc = eval_document(records, {"target": "x"})
    assert doc["target"] == "x" and doc["problems"] == 2
    assert [r["name"] for r in doc["rows"]] == ["a", "b"]
    assert doc["judged_pairs"] == [{"score": 0.9, "right": True}, {"score": 0.6, "right": False}]


def test_draws_pool_into_the_figures_and_each_has_its_own() -> None:
    first = [rec("a", "passed", True, True, True, oracle_raw=True),
             rec("b", "budget", False, False, True, oracle_raw=False)]  # fmt: skip
    second = [rec("a", "passed", False, False, True, oracle_raw=True, draw=1),
              rec("b", "budget", True, False, True, oracle_raw=True, draw=1)]  # fmt: skip
    doc = eval_document(first + second, {"draws": 2})
    assert doc["problems"] == 2 and doc["runs"] == 4
    assert doc["delivered_pass_at_1"] == 0.5 and doc["oracle_pass_at_8"] == 0.75
    assert doc["delivered_over_oracle_at_8"] == round(2 / 3, 4)
    assert doc["judge_precision"] == 0.5  # one right judged pass of two, over both draws
    assert [d["draw"] for d in doc["per_draw"]] == [0, 1]
    assert [d["judge_precision"] for d in doc["per_draw"]] == [1.0, 0.0]
    assert [d["oracle_pass_at_8"] for d in doc["per_draw"]] == [0.5, 1.0]
