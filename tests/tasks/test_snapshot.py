"""view.json: the policy's view written as JSON and read back unchanged."""

from __future__ import annotations

import json

from supercharger.policy import Budget, JobView, Kills, rank_codes
from supercharger.tasks.snapshot import view_from_json, view_to_json


def _view() -> JobView:
    return JobView(
        budget=Budget(max_candidates=8, budget_seconds=60.0, threshold=0.35, batch_size=4),
        codes=["c0.0", "c0.1", "c0.2"],
        tests=["t0.0", "t0.1"],
        stubs=["stub.none"],
        examples_passed={"c0.0": 1, "c0.1": 0},
        examples_failed={"c0.1"},
        results={("c0.0", "t0.0"): True, ("c0.1", "t0.0"): False, ("c0.2", "t0.1"): True},
        pair_inflight={("c0.2", "t0.0")},
        judged={("c0.0", "t0.0"): 0.6},
        scores={"c0.0": 0.7},
        mutation={("c0.0", "t0.0"): Kills(3, 4, frozenset({0, 2, 3}))},
        behaviour={"c0.0": {"f(1)": "1"}, "c0.1": {"f(1)": "2"}, "c0.2": {"f(1)": "1"}},
        asserts={"c0.0": {"f(1)==1": True}, "c0.1": {"f(1)==1": False}},
        derived={"c0.0": {"f(0)": "0"}},
        checks={"t0.0": frozenset({"f(1)"}), "t0.1": frozenset()},
        outcomes={"t0.0": frozenset({"1"}), "t0.1": None},
        copies={"c0.2"},
        elapsed=12.5,
    )


def test_a_view_survives_json_unchanged() -> None:
    view = _view()
    text = json.dumps(view_to_json(view))
    assert view_from_json(json.loads(text)) == view


def test_the_read_back_view_ranks_the_codes_as_the_original() -> None:
    view = _view()
    again = view_from_json(json.loads(json.dumps(view_to_json(view))))
    assert rank_codes(again) == rank_codes(view)
    assert rank_codes(again)[0][0] == "c0.0"  # the one that passed the example


def test_keys_it_does_not_know_are_ignored_and_missing_ones_default() -> None:
    data = {"budget": view_to_json(_view())["budget"], "codes": ["c1"], "later_field": 1}
    view = view_from_json(data)
    assert view.codes == ["c1"] and view.results == {} and view.copies == set()
