"""Pipeline policy over plain data: no broker, no model."""

import math

import pytest

from supercharger.checks import asserted_outcomes
from supercharger.policy import (
    ASSERT_WEIGHT,
    DEGENERATE,
    MIN_KILLED,
    RAISES,
    Budget,
    JobView,
    Kills,
    agreed_checks,
    agreement,
    behaviour_weights,
    best_pair,
    blind_tests,
    contested,
    decide,
    derived_errors,
    derived_votes,
    dual_agreement,
    edge_agreement,
    evidence_checks,
    hang_timeout,
    hanging_tests,
    has_evidence,
    passing_tests,
    rank_codes,
    rank_pairs,
    repair_target,
    support,
    suspect_tests,
    weak_tests,
)
from supercharger.sandbox.base import Status
from supercharger.spec import ECHO_ID

BUDGET = Budget(max_candidates=8, budget_seconds=100, threshold=0.5, batch_size=4, judge_top=2)


def view(**kw) -> JobView:
    """A job view; each test (and the examples' test) asserts two distinct calls unless
    ``checks`` says otherwise, so that two agreeing tests make ``MIN_CHECKS`` and one does
    not."""
    v = JobView(budget=BUDGET, **kw)
    if "checks" not in kw:
        v.checks = {t: frozenset({f"f({t}, 1)", f"f({t}, 2)"}) for t in v.tests + v.examples}
    return v


def measured(v: JobView, killed: int = 8, mutants: int = 10) -> JobView:
    """``v`` with a mutation result for every passing pair of a code and a generated test."""
    v.mutation = {
        p: Kills(killed, mutants)
        for p, ok in v.results.items()
        if ok and p[0] in v.codes and p[1] in v.tests
    }
    return v


def test_a_new_job_asks_for_code_and_tests_and_keeps_one_task_per_llm_worker() -> None:
    # one worker: code and tests in one task (one batch); two: a task each
    assert decide(view()).generate == [["code", "test"]]
    assert decide(view(llm_workers=2)).generate == [["code"], ["test"]]
    assert decide(view(llm_workers=3)).generate == [["code"], ["test"], ["code"]]
    assert decide(view(llm_workers=2, gen_inflight=2)).generate == []


def test_only_a_job_s_first_task_holds_both_kinds() -> None:
    v = view(codes=["c0.0"], tests=["t0.0"], requested={"code": 4, "test": 4})
    assert decide(v).generate == [["code"]]
    later = view(requested={"code": 4, "test": 0}, gen_inflight=0)
    assert decide(later).generate == [["test"]]
    small = Budget(max_candidates=4, budget_seconds=100, threshold=0.5, batch_size=4, judge_top=2)
    assert decide(JobView(budget=small, requested={"test": 4})).generate == [["code"]]


def test_generation_alternates_toward_the_kind_with_fewer_candidates() -> None:
    v = view(codes=["c0.0", "c0.1"], requested={"code": 4, "test": 0})
    assert decide(v).generate == [["test"]]


def test_generation_stops_at_the_candidate_budget() -> None:
    v = view(requested={"code": 8, "test": 8}, gen_inflight=1)
    assert decide(v).generate == []


def test_every_new_pair_is_run_once() -> None:
    v = view(
        codes=["c1", "c2"],
        tests=["t1", "t2"],
        results={("c1", "t1"): True},
        pair_inflight={("c2", "t1")},
        requested={"code": 8, "test": 8},
    )
    assert decide(v).run == [("c1", ["t2"]), ("c2", ["t2"])]


def test_dual_agreement_prefers_the_larger_consensus() -> None:
    # c1 and c2 agree (both pass t1, t2); c3 passes t3 alone.
    results = {
        ("c1", "t1"): True, ("c1", "t2"): True, ("c1", "t3"): False,
        ("c2", "t1"): True, ("c2", "t2"): True, ("c2", "t3"): False,
        ("c3", "t1"): False, ("c3", "t2"): False, ("c3", "t3"): True,
    }  # fmt: skip
    v = view(codes=["c3", "c1", "c2"], tests=["t1", "t2", "t3"], results=results)
    ranked = rank_codes(v)
    assert [c for c, _ in ranked] == ["c1", "c2", "c3"]
    assert ranked[0][1] == 4.0 and ranked[2][1] == 1.0
    assert rank_pairs(v)[0] == ("c1", "t1")
    # the pairs next in line for the judge have their tests measured on mutants first
    assert decide(v).mutate == [("c1", ["t1", "t2"])]
    assert decide(v).judge == []
    v = measured(v)
    # one pair per code in flight: c1's best pair, then the next code's, not c1's second one
    assert decide(v).judge == [("c1", "t1"), ("c2", "t1")]
    v.judge_inflight = {("c1", "t1"), ("c2", "t1")}
    assert decide(v).judge == []
    v.judge_inflight, v.judged = set(), {("c1", "t1"): 0.1, ("c2", "t1"): 0.1}
    assert decide(v).judge == [("c1", "t2"), ("c2", "t2")]  # then each code's next pair


def test_tests_a_stand_in_passes_add_nothing_to_dual_agreement() -> None:
    # c1..c3 answer 1 for f(1) and pass only t1 and t2 (asserting it), which the echo passes
    # too; c4 and c5 pass t3, which no stand-in does
    results = {(c, t): t != "t3" for c in ("c1", "c2", "c3") for t in ("t1", "t2", "t3")}
    results |= {(c, t): t == "t3" for c in ("c4", "c5") for t in ("t1", "t2", "t3")}
    results |= {(ECHO_ID, "t1"): True, (ECHO_ID, "t2"): True, (ECHO_ID, "t3"): False}
    v = view(codes=["c1", "c2", "c3", "c4", "c5"], tests=["t1", "t2", "t3"], results=results,
             stubs=[ECHO_ID])  # fmt: skip
    assert dual_agreement(v) == {"c1": 0.0, "c2": 0.0, "c3": 0.0, "c4": 2.0, "c5": 2.0}
    assert [c for c, _ in rank_codes(v)][:2] == ["c4", "c5"]
    v.results[(ECHO_ID, "t1")] = v.results[(ECHO_ID, "t2")] = False
    assert dual_agreement(v)["c1"] == 6.0  # no stand-in passes them: they count


def _agreeing_job(**kw) -> JobView:
    """c1 and c2 both pass t1 and t2: the consensus backs each of those pairs."""
    results = {(c, t): True for c in ("c1", "c2") for t in ("t1", "t2")}
    return view(**({"codes": ["c1", "c2"], "tests": ["t1", "t2"], "results": results} | kw))


def test_a_judged_pass_at_threshold_finishes_the_job() -> None:
    v = _agreeing_job(judged={("c1", "t1"): 0.5})
    fin = decide(v).finish
    assert fin is not None and fin.status == "passed" and fin.best == ("c1", "t1")


def test_a_lone_pair_judged_high_is_not_evidence_enough() -> None:
    # one code, one test (say `count_vowels(str(11)) == 4`): whatever the judge says
    v = view(codes=["c1"], tests=["t1"], results={("c1", "t1"): True}, judged={("c1", "t1"): 0.9})
    assert decide(v).finish is None and not has_evidence(v, ("c1", "t1"))
    assert decide(v).judge == []  # nor is it worth judging
    # a second test the code passes is not enough while no other code agrees on the test
    two = view(codes=["c1"], tests=["t1", "t2"],
               results={("c1", "t1"): True, ("c1", "t2"): True})  # fmt: skip
    assert not has_evidence(two, ("c1", "t1"))
    assert has_evidence(_agreeing_job(), ("c1", "t1"))


def test_with_the_judge_off_a_job_ends_on_its_budget_with_the_top_ranked_pair() -> None:
    off = Budget(max_candidates=8, budget_seconds=100, threshold=None, batch_size=4, judge_top=2)
    v = JobView(budget=off, codes=["c1", "c2"], tests=["t1", "t2"],
                results=_agreeing_job().results, requested={"code": 8, "test": 8})  # fmt: skip
    acts = decide(v)
    assert acts.finish is None and acts.judge == []
    v.elapsed = 100.0
    fin = decide(v).finish
    assert fin is not None and fin.status == "budget" and fin.best == ("c1", "t1")


def test_a_judged_pair_below_threshold_does_not_finish() -> None:
    v = view(codes=["c1"], tests=["t1"], results={("c1", "t1"): True}, judged={("c1", "t1"): 0.49})
    assert decide(v).finish is None


def test_time_budget_stops_with_the_best_so_far() -> None:
    v = view(
        codes=["c1"],
        tests=["t1"],
        results={("c1", "t1"): True},
        judged={("c1", "t1"): 0.2},
        elapsed=100.0,
    )
    fin = decide(v).finish
    assert fin is not None and fin.status == "budget" and fin.best == ("c1", "t1")


def test_nothing_left_to_try_is_exhaustion() -> None:
    v = view(
        codes=["c1"],
        tests=["t1"],
        results={("c1", "t1"): False},
        requested={"code": 8, "test": 8},
        improved={"c1"},
        scores={"c1": 0.4},
    )
    fin = decide(v).finish
    assert fin is not None and fin.status == "exhausted" and fin.best is None
    assert fin.code == "c1"  # no pair passed: the top-ranked code is delivered, unverified


def test_work_in_flight_is_not_exhaustion() -> None:
    v = view(requested={"code": 8, "test": 8}, gen_inflight=1)
    assert decide(v).finish is None


def test_cancel_finishes() -> None:
    fin = decide(view(cancelled=True)).finish
    assert fin is not None and fin.status == "cancelled"


def test_nothing_is_judged_while_the_matrix_is_incomplete() -> None:
    results = {("c1", "t1"): True}
    v = view(codes=["c1", "c2"], tests=["t1"], results=results, pair_inflight={("c2", "t1")})
    assert decide(v).judge == []
    v = view(codes=["c1", "c2"], tests=["t1"], results=results)  # c2 x t1 not even sent
    acts = decide(v)
    assert acts.run == [("c2", ["t1"])] and acts.judge == []


def test_a_failing_code_is_repaired_with_the_test_the_consensus_passes() -> None:
    results = {
        ("c1", "t1"): True, ("c1", "t2"): False,
        ("c2", "t1"): True, ("c2", "t2"): True,
        ("c3", "t1"): True, ("c3", "t2"): True,
    }  # fmt: skip
    v = view(
        codes=["c1", "c2", "c3"], tests=["t2", "t1"], results=results,
        requested={"code": 8, "test": 4},
    )  # fmt: skip
    acts = decide(v)
    assert acts.improve == [("c1", "t2")] and acts.generate == []


def test_a_repair_from_a_generated_test_waits_until_all_new_code_is_asked_for() -> None:
    results = {("c1", "t1"): False, ("c2", "t1"): True, ("c3", "t1"): True}
    base = dict(codes=["c1", "c2", "c3"], tests=["t1"], results=results)
    acts = decide(view(**base, requested={"code": 4, "test": 4}))
    assert acts.improve == [] and acts.generate == [["code"]]
    acts = decide(view(**base, requested={"code": 8, "test": 4}))
    assert acts.improve == [("c1", "t1")]


def test_repairs_keep_pace_with_new_candidates_and_are_not_repeated() -> None:
    results = {("c1", "t1"): False}
    base = dict(codes=["c1"], tests=["t1"], results=results)
    # as many repairs asked for as code batches: generate instead
    assert decide(view(**base, requested={"code": 4, "test": 4, "improve": 4})).improve == []
    # c1 already repaired: nothing more to repair
    acts = decide(view(**base, requested={"code": 8, "test": 4}, improved={"c1"}))
    assert acts.improve == [] and acts.generate == [["test"]]


def test_each_new_code_is_scored_once() -> None:
    v = view(codes=["c1", "c2", "c3"], scores={"c1": 0.3}, score_inflight={"c2"})
    assert decide(v).score == ["c3"]
    assert decide(view(codes=["c1"], scoring=False)).score == []


def test_an_unscored_code_keeps_the_job_from_ending() -> None:
    v = view(codes=["c1"], tests=["t1"], results={("c1", "t1"): False},
             requested={"code": 8, "test": 8}, improved={"c1"})  # fmt: skip
    assert decide(v).finish is None and decide(v).score == ["c1"]


def test_the_code_score_breaks_ranking_ties_and_orders_repairs() -> None:
    results = {("c1", "t1"): True, ("c2", "t2"): True, ("c1", "t2"): False, ("c2", "t1"): False}
    v = view(codes=["c1", "c2"], tests=["t1", "t2"], results=results, scores={"c2": 0.9, "c1": 0.2})
    assert [c for c, _ in rank_codes(v)] == ["c2", "c1"]  # same weight: the higher score first
    assert repair_target(v) == ("c2", "t1")
    v.scores = {"c1": 0.9, "c2": 0.2}
    assert [c for c, _ in rank_codes(v)] == ["c1", "c2"]
    # more agreement still beats a higher score
    v.codes.append("c3")
    v.results |= {("c3", "t2"): True, ("c3", "t1"): False}
    assert rank_codes(v)[0][0] in {"c2", "c3"}


def test_a_test_the_consensus_contradicts_is_not_used_for_repair() -> None:
    # c1..c3 agree on t1 and t2 and all fail t3: t3 is suspect, none is repaired from it
    codes, tests = ["c1", "c2", "c3"], ["t1", "t2", "t3"]
    results = {(c, t): t != "t3" for c in codes for t in tests}
    v = view(codes=list(codes), tests=tests, results=results)
    assert suspect_tests(v) == {"t3"}
    assert repair_target(v) is None
    # a code that fails the consensus tests is still repaired from them
    v.codes.append("c4")
    v.results |= {("c4", t): False for t in tests}
    assert repair_target(v) == ("c4", "t1")


def test_a_weak_consensus_does_not_drop_the_test_that_shows_its_mistake() -> None:
    # three wrong codes pass only an easy test and fail the real one: the real one stays
    codes = ["c1", "c2", "c3"]
    results = {(c, "easy"): True for c in codes} | {(c, "real"): False for c in codes}
    v = view(codes=codes, tests=["easy", "real"], results=results)
    assert suspect_tests(v) == set()
    assert repair_target(v) == ("c1", "real")


def test_a_test_that_times_out_with_two_codes_and_passes_none_is_hanging() -> None:
    statuses = {
        ("c0", "t0"): Status.TIMEOUT,
        ("c1", "t0"): Status.TIMEOUT,  # t0: two codes hang on it, none passes
        ("c0", "t1"): Status.TIMEOUT,
        ("c1", "t1"): Status.PASSED,  # t1: a code passed it, so it is a fine test
        ("c0", "t2"): Status.TIMEOUT,
        ("c1", "t2"): Status.FAILED,  # t2: one hang only
        ("c0", "t3"): Status.FAILED,
    }
    assert hanging_tests(statuses) == {"t0"}
    assert hanging_tests({}) == set()


def test_a_hanging_test_gets_a_timeout_scaled_to_the_passing_pairs() -> None:
    assert hang_timeout(10.0, []) == 2.0  # the floor
    assert hang_timeout(10.0, [0.004, 0.2]) == 4.0  # 20x the slowest pass
    assert hang_timeout(3.0, [0.5]) == 3.0  # never above the job's own timeout


STUBS = ["stub.none", "stub.raise"]


def test_stand_in_codes_run_against_every_test_first() -> None:
    v = view(codes=["c1"], tests=["t1", "t2"], stubs=STUBS, requested={"code": 8, "test": 8})
    assert decide(v).run == [("stub.none", ["t1", "t2"]), ("stub.raise", ["t1", "t2"])] + [
        ("c1", ["t1", "t2"])
    ]


def _blind_job(**kw) -> JobView:
    """c_wrong passes the blind test and a wrong one; c1, c2 pass only the blind test and the
    right one. "tb" passes with both stand-ins; "tn" with only the one that returns None."""
    results = {
        ("stub.none", "tb"): True, ("stub.raise", "tb"): True,
        ("stub.none", "tn"): True, ("stub.raise", "tn"): False,
        ("stub.none", "tr"): False, ("stub.raise", "tr"): False,
        ("stub.none", "tw"): False, ("stub.raise", "tw"): False,
        ("c_wrong", "tb"): True, ("c_wrong", "tw"): True, ("c_wrong", "tr"): False,
        ("c_wrong", "tn"): True,
        ("c1", "tb"): True, ("c1", "tw"): False, ("c1", "tr"): True, ("c1", "tn"): True,
        ("c2", "tb"): True, ("c2", "tw"): False, ("c2", "tr"): True, ("c2", "tn"): False,
    }  # fmt: skip
    base = {
        "codes": ["c_wrong", "c1", "c2"],
        "tests": ["tb", "tw", "tr", "tn"],
        "stubs": STUBS,
        "results": results,
        "requested": {"code": 8, "test": 8, "improve": 8},
    }
    return view(**(base | kw))


def test_a_test_every_stand_in_passes_is_blind_and_counts_for_no_code() -> None:
    v = _blind_job()
    assert blind_tests(v) == {"tb"}  # "tn" checks something: it fails when the function raises
    assert passing_tests(v) == {
        "c_wrong": frozenset({"tw", "tn"}),
        "c1": frozenset({"tr", "tn"}),
        "c2": frozenset({"tr"}),
    }
    assert all(t != "tb" for _, t in rank_pairs(v))
    assert all(t != "tb" for _, t in decide(v).judge)
    # without stand-ins nothing is blind: the blind test joins every code's group again
    assert blind_tests(view(codes=v.codes, tests=v.tests, results=v.results)) == set()


def test_a_blind_pair_judged_above_threshold_does_not_finish_the_job() -> None:
    v = _blind_job(judged={("c_wrong", "tb"): 0.9})
    assert decide(v).finish is None
    assert best_pair(v) == rank_pairs(v)[0] and best_pair(v)[1] != "tb"
    # a test that checks something, passed by two codes, ends it once the code passes a
    # second strong test ("tn" passes with the stand-in that returns None: it does not count)
    assert decide(_blind_job(judged={("c1", "tr"): 0.9})).finish is None
    more = {("stub.none", "t2"): False, ("stub.raise", "t2"): False, ("c_wrong", "t2"): False,
            ("c1", "t2"): True, ("c2", "t2"): True}  # fmt: skip
    v = _blind_job(tests=["tb", "tw", "tr", "tn", "t2"], results=_blind_job().results | more,
                   judged={("c1", "tr"): 0.9})  # fmt: skip
    fin = decide(v).finish
    assert fin is not None and fin.best == ("c1", "tr")


def test_a_test_that_passes_with_a_stand_in_ranks_below_the_others() -> None:
    v = _blind_job()
    assert weak_tests(v) == {"tb", "tn"}
    assert [t for c, t in rank_pairs(v) if c == "c1"] == ["tr", "tn"]  # the strong test first


def test_a_code_failing_an_example_never_ends_the_job() -> None:
    # c_a and c_b agree on t1 and t2 but fail the spec's examples (HumanEval/13's gcd case)
    v = _examples_job(judged={("c_a", "t1"): 0.99})
    assert decide(v).finish is None
    assert not has_evidence(v, ("c_a", "t1")) and has_evidence(v, ("c_ok", EX))


def test_a_blind_test_is_never_used_for_repair() -> None:
    results = {
        ("stub.none", "tb"): True, ("stub.raise", "tb"): True,
        ("stub.none", "tr"): False, ("stub.raise", "tr"): False,
        ("c1", "tb"): False, ("c1", "tr"): True,  # c1 fails only the blind test
    }  # fmt: skip
    v = view(codes=["c1"], tests=["tb", "tr"], stubs=STUBS, results=results)
    assert repair_target(v) is None
    assert repair_target(view(codes=["c1"], tests=["tb", "tr"], results=results)) == ("c1", "tb")


EX = "spec.examples"


def test_codes_run_the_spec_s_examples_and_stand_ins_do_not() -> None:
    v = view(codes=["c1"], tests=["t1"], stubs=["stub.none"], examples=[EX],
             requested={"code": 8, "test": 8})  # fmt: skip
    assert decide(v).run == [("stub.none", ["t1"]), ("c1", [EX, "t1"])]


def _examples_job(**kw) -> JobView:
    """c_a and c_b agree on t1 and t2 (the larger consensus) but pass 1 of the spec's 3
    examples; c_ok passes t3 alone and all 3 examples."""
    results = {
        ("c_a", "t1"): True, ("c_a", "t2"): True, ("c_a", "t3"): False, ("c_a", EX): False,
        ("c_b", "t1"): True, ("c_b", "t2"): True, ("c_b", "t3"): False, ("c_b", EX): False,
        ("c_ok", "t1"): False, ("c_ok", "t2"): False, ("c_ok", "t3"): True, ("c_ok", EX): True,
    }  # fmt: skip
    base = {
        "codes": ["c_a", "c_b", "c_ok"],
        "tests": ["t1", "t2", "t3"],
        "examples": [EX],
        "examples_passed": {"c_a": 1, "c_b": 1, "c_ok": 3},
        "results": results,
        "requested": {"code": 8, "test": 8, "improve": 0},
        "checks": {EX: frozenset({"f(1)", "f(2)", "f(3)"})}
        | {t: frozenset({f"f({t})", f"f({t}, 0)"}) for t in ("t1", "t2", "t3")},
    }
    return view(**(base | kw))


def test_the_spec_s_examples_outrank_the_consensus_of_generated_tests() -> None:
    v = _examples_job()
    assert [c for c, _ in rank_codes(v)] == ["c_ok", "c_a", "c_b"]
    # the examples' pair needs no mutation step; t3 waits for its own
    assert decide(v).judge == [("c_ok", EX)] and decide(v).mutate == [("c_ok", ["t3"])]
    v = measured(v)
    assert decide(v).judge == [("c_ok", "t3")]  # its best pair; the next once that one is in
    # without the examples the consensus wins, as in CodeT
    plain = _examples_job(examples=[], examples_passed={})
    assert [c for c, _ in rank_codes(plain)][:2] == ["c_a", "c_b"]


def test_a_code_failing_an_example_is_repaired_from_the_examples() -> None:
    v = _examples_job(improved={"c_ok"}, examples_failed={"c_a", "c_b"})
    assert repair_target(v) == ("c_a", EX)  # not t3, which the consensus fails
    assert repair_target(v, skip={"c_a"}) == ("c_b", EX)
    # like any repair, it waits until all new code is asked for: new samples come out right
    # far more often than repairs
    v = _examples_job(improved={"c_ok"}, examples_failed={"c_a", "c_b"},
                      requested={"code": 4, "test": 4})  # fmt: skip
    assert decide(v).improve == [] and decide(v).generate == [["code"]]


def test_right_code_that_only_the_examples_confirm_can_still_end_the_job() -> None:
    # the model's tests are all wrong: c_ok passes none of them, only the spec's examples
    v = _examples_job(results=_examples_job().results | {("c_ok", "t3"): False})
    assert rank_pairs(v)[0] == ("c_ok", EX)
    assert decide(v).judge[0] == ("c_ok", EX)
    fin = decide(_examples_job(results=v.results, judged={("c_ok", EX): 0.6})).finish
    assert fin is not None and fin.best == ("c_ok", EX)
    # a code that fails one example is never paired with them
    assert all(t != EX for c, t in rank_pairs(v) if c != "c_ok")


def test_the_best_so_far_prefers_the_code_that_passes_the_examples() -> None:
    v = _examples_job(judged={("c_a", "t1"): 0.3, ("c_ok", "t3"): 0.2}, elapsed=1000.0)
    fin = decide(v).finish
    assert fin is not None and fin.status == "budget" and fin.best == ("c_ok", "t3")


def test_examples_that_error_rather_than_fail_do_not_steer_repairs() -> None:
    # c_a's examples pair was an error (say, the test could not be collected): its repair
    # uses a generated test it fails instead
    v = _examples_job(improved={"c_ok"}, examples_failed={"c_b"})
    assert repair_target(v) == ("c_a", "t3")
    assert repair_target(v, skip={"c_a"}) == ("c_b", EX)


def test_the_judge_stop_rule_ends_on_any_judged_pair_that_is_not_blind() -> None:
    # the rule before evidence was asked for, kept to measure what evidence changes
    rule = Budget(max_candidates=8, budget_seconds=100, threshold=0.5, batch_size=4,
                  judge_top=2, stop_rule="judge")  # fmt: skip
    lone = JobView(budget=rule, codes=["c1"], tests=["t1"], results={("c1", "t1"): True})
    assert decide(lone).judge == [("c1", "t1")]
    lone.judged = {("c1", "t1"): 0.5}
    fin = decide(lone).finish
    assert fin is not None and fin.status == "passed"
    blind = _blind_job(judged={("c_wrong", "tb"): 0.9})
    assert decide(JobView(**(vars(blind) | {"budget": rule}))).finish is None


def test_the_mutation_step_is_asked_for_once_per_pair_next_in_line_for_the_judge() -> None:
    v = _agreeing_job(requested={"code": 8, "test": 8})
    # judge_top=2: the next two pairs in line are c1's; its step covers all its tests
    assert decide(v).mutate == [("c1", ["t1", "t2"])]
    wide = Budget(max_candidates=8, budget_seconds=100, threshold=0.5, batch_size=4, judge_top=3)
    assert decide(JobView(**(vars(_agreeing_job()) | {"budget": wide}))).mutate == [
        ("c1", ["t1", "t2"]), ("c2", ["t1", "t2"])
    ]  # fmt: skip
    # not while a step is out or reported, nor before the matrix is complete
    v = _agreeing_job(requested={"code": 8, "test": 8})
    v.mutate_inflight = {("c1", "t1"), ("c1", "t2")}
    acts = decide(v)
    assert acts.mutate == [] and acts.judge == [] and acts.finish is None  # waits for it
    assert decide(measured(_agreeing_job())).mutate == []
    assert decide(_agreeing_job(pair_inflight={("c3", "t1")})).mutate == []
    # once c1's pairs are judged (below the threshold), c2's turn comes
    judged = {("c1", "t1"): 0.2, ("c1", "t2"): 0.2}
    v = _agreeing_job(mutation={("c1", "t1"): Kills(8, 10), ("c1", "t2"): Kills(8, 10)})
    v.judged = judged
    assert decide(v).mutate == [("c2", ["t1", "t2"])]
    # a pair without evidence is not worth it, and the "judge" stop rule ignores mutation
    lone = view(codes=["c1"], tests=["t1"], results={("c1", "t1"): True})
    assert decide(lone).mutate == []
    rule = Budget(max_candidates=8, budget_seconds=100, threshold=0.5, batch_size=4,
                  judge_top=2, stop_rule="judge")  # fmt: skip
    assert decide(JobView(**(vars(_agreeing_job()) | {"budget": rule}))).mutate == []
    # a test that arrives later gets a step of its own, for it alone, when its turn comes
    later = measured(_agreeing_job(judged=judged))
    later.tests.append("t3")
    later.results |= {("c1", "t3"): True, ("c2", "t3"): True}
    later.checks["t3"] = frozenset({"f(t3, 1)", "f(t3, 2)"})
    assert decide(later).mutate == [("c1", ["t3"])]


def test_among_agreeing_tests_the_one_that_kills_more_mutants_ranks_first() -> None:
    kills = {(c, "t1"): Kills(5, 10) for c in ("c1", "c2")}
    v = _agreeing_job(mutation=kills | {(c, "t2"): Kills(9, 10) for c in ("c1", "c2")})
    assert rank_pairs(v) == [("c1", "t2"), ("c1", "t1"), ("c2", "t2"), ("c2", "t1")]
    assert decide(v).judge == [("c1", "t2"), ("c2", "t2")]  # each code's best pair
    # agreement still orders tests that killed as many
    assert rank_pairs(measured(_agreeing_job()))[0] == ("c1", "t1")


def test_tests_that_kill_few_mutants_together_are_not_evidence() -> None:
    # t1 and t2 agree with both codes but together kill 3 of c1's 10 mutants (say
    # ``factorial(0) == 1`` and ``factorial(1) == 1``): they pin down little of what it does
    assert MIN_KILLED > 0.3
    few = {
        ("c1", "t1"): Kills(2, 10, frozenset({0, 1})),
        ("c1", "t2"): Kills(2, 10, frozenset({1, 2})),
    }
    v = _agreeing_job(mutation=few, judged={("c1", "t1"): 0.99})
    assert not has_evidence(v, ("c1", "t1")) and not has_evidence(v, ("c1", "t2"))
    assert decide(v).finish is None and decide(v).judge == []
    # each alone kills half, together all but one: the code's tests pin it down
    many = {("c1", "t1"): Kills(5, 10, frozenset(range(5))),
            ("c1", "t2"): Kills(5, 10, frozenset(range(4, 9)))}  # fmt: skip
    v = _agreeing_job(mutation=many, judged={("c1", "t2"): 0.6})
    assert has_evidence(v, ("c1", "t1")) and has_evidence(v, ("c1", "t2"))
    fin = decide(v).finish
    assert fin is not None and fin.status == "passed" and fin.best == ("c1", "t2")
    v = _agreeing_job(mutation=few | {("c1", "t2"): Kills(9, 10)}, judged={("c1", "t1"): 0.99})
    assert rank_pairs(v)[:2] == [("c1", "t2"), ("c1", "t1")]  # the test killing more first
    # the "judge" stop rule ignores mutation, as before
    rule = Budget(max_candidates=8, budget_seconds=100, threshold=0.5, batch_size=4,
                  judge_top=2, stop_rule="judge")  # fmt: skip
    plain = JobView(**(vars(v) | {"budget": rule, "judged": {("c1", "t1"): 0.99}}))
    fin = decide(plain).finish
    assert fin is not None and fin.best == ("c1", "t1")


def test_one_assert_however_often_repeated_is_not_evidence() -> None:
    # c1 and c2 agree on t1 and t2, but both assert the same call: one check, not two
    same = {"t1": frozenset({"f(3)"}), "t2": frozenset({"f(3)"})}
    v = _agreeing_job(checks=same, judged={("c1", "t1"): 0.99})
    assert not has_evidence(v, ("c1", "t1")) and decide(v).finish is None
    # three distinct calls between them are
    v.checks = {"t1": frozenset({"f(3)", "f(4)"}), "t2": frozenset({"f(3)", "f(0)"})}
    assert has_evidence(v, ("c1", "t1"))


def test_tests_with_one_assert_each_are_no_evidence_however_many_agree() -> None:
    # four one-assert files (`f(10) is True`, `f(123) is False`, ...) that c1 and c2 pass:
    # four distinct calls together, but each file is one input's answer, picked after the fact
    v = _agreeing_job(judged={("c1", "t1"): 0.99})
    v.tests = ["t1", "t2", "t3", "t4"]
    v.results = {(c, t): True for c in ("c1", "c2") for t in v.tests}
    v.checks = {t: frozenset({f"f({i})"}) for i, t in enumerate(v.tests)}
    assert support(v, "c1") == set()
    assert not has_evidence(v, ("c1", "t1")) and decide(v).finish is None
    # the spec's one example does not make them evidence either
    v.examples, v.examples_passed = ["spec.examples"], {"c1": 1, "c2": 1}
    v.results |= {("c1", "spec.examples"): True, ("c2", "spec.examples"): True}
    v.checks["spec.examples"] = frozenset({"f(0)"})
    assert support(v, "c1") == {"spec.examples"}
    assert not has_evidence(v, ("c1", "spec.examples"))
    v.checks["t1"] = frozenset({"f(0)", "f(10)", "f(101)"})  # three inputs, one the example's
    assert support(v, "c1") == {"t1", "spec.examples"} and not has_evidence(v, ("c1", "t1"))
    v.checks["t1"] = frozenset({"f(7)", "f(10)", "f(101)"})  # three inputs of its own
    assert has_evidence(v, ("c1", "t1"))


def test_checks_that_all_expect_one_value_are_not_evidence() -> None:
    # three distinct calls, each expecting 3: a function returning 3 passes them all
    v = _agreeing_job(judged={("c1", "t1"): 0.99})
    v.checks = {"t1": frozenset({"f(5, 0, 3)", "f(4, 1, 4)"}),
                "t2": frozenset({"f(9, 0, 3)", "f(3, 0, 5)"})}  # fmt: skip
    v.outcomes = {"t1": frozenset({"3"}), "t2": frozenset({"3"})}
    assert not has_evidence(v, ("c1", "t1")) and decide(v).finish is None
    v.outcomes["t2"] = frozenset({"0"})  # one check of another value: they tell more apart
    assert has_evidence(v, ("c1", "t1"))
    v.outcomes["t2"] = None  # an expectation not read (another form of assert): no gate
    v.outcomes["t1"] = frozenset({"3"})
    assert has_evidence(v, ("c1", "t1"))


def test_checks_that_never_vary_an_argument_are_not_evidence() -> None:
    # every call holds the seat at 2: a code that ignores it (``f"{row}C"``) passes them all
    v = _agreeing_job(judged={("c1", "t1"): 0.99})
    v.checks = {"t1": frozenset({"f(1, 2)", "f(2, 2)"}), "t2": frozenset({"f(3, 2)", "f(4, 2)"})}
    assert not has_evidence(v, ("c1", "t1")) and decide(v).finish is None
    v.checks["t2"] = frozenset({"f(3, 0)", "f(4, 2)"})  # one call with another seat
    assert has_evidence(v, ("c1", "t1"))
    # a keyword counts as its argument; one passed once, or a call not read, holds nothing back
    v.checks = {"t1": frozenset({"f(1, seat=2)", "f(2, seat=2)"}),
                "t2": frozenset({"f(3, seat=2)", "f(4)"})}  # fmt: skip
    assert not has_evidence(v, ("c1", "t1"))
    v.checks["t2"] = frozenset({"f(3, seat=5)", "f(4, flag=True)", "f(*xs)"})
    assert has_evidence(v, ("c1", "t1"))


def test_a_code_that_never_reads_a_parameter_is_not_evidence() -> None:
    # strong tests that c1 passes, but c1 never reads one of its inputs: no judged pass ends
    # the job on it (``return "dark" if col % 2 == 0 else "light"`` for ``col, row``)
    v = _agreeing_job(judged={("c1", "t1"): 0.99})
    assert has_evidence(v, ("c1", "t1"))
    v.unread = {"c1"}
    assert not has_evidence(v, ("c1", "t1")) and decide(v).finish is None
    assert rank_codes(v)[0][0] == "c1"  # it still ranks as it did: a gate, not a vote


def test_evidence_checks_name_each_condition_a_code_meets_or_misses() -> None:
    # what report.json shows for the delivered code: the stop rule's conditions, one by one
    v = _agreeing_job()
    checks = evidence_checks(v, "c1")
    assert list(checks) == ["reads_every_parameter", "passes_examples", "tests_strong",
                            "codes_agree", "kills_mutants", "uncontested", "top_ranked",
                            "judged"]  # fmt: skip
    assert all(met for name, met in checks.items() if name != "judged")
    assert checks["judged"] is False and has_evidence(v, ("c1", "t1"))
    v.judged = {("c1", "t1"): 0.4}  # below the threshold
    assert evidence_checks(v, "c1")["judged"] is False
    v.judged = {("c1", "t1"): 0.5}
    assert all(evidence_checks(v, "c1").values()) and decide(v).finish is not None
    v.unread = {"c1"}
    assert [n for n, met in evidence_checks(v, "c1").items() if not met] == [
        "reads_every_parameter"
    ]
    # a lone code with one test: too few checks, and no other code agrees
    lone = view(codes=["c1"], tests=["t1"], results={("c1", "t1"): True})
    missed = [n for n, met in evidence_checks(lone, "c1").items() if not met]
    assert missed == ["tests_strong", "codes_agree", "judged"]
    # a rival that passes the same tests and answers f(0) otherwise contests it
    v = _agreeing_job()
    v.derived = {"c1": {"f(0)": "0"}, "c2": {"f(0)": "1"}}
    assert evidence_checks(v, "c1")["uncontested"] is False
    # each condition agrees with the rule itself
    for code in ("c1", "c2"):
        checks = evidence_checks(v, code)
        backed = all(met for name, met in checks.items() if name != "judged")
        assert backed == any(has_evidence(v, (code, t)) for t in ("t1", "t2"))


def test_codes_that_pass_the_same_tests_but_disagree_on_an_edge_input_are_not_evidence() -> None:
    # c1 (``x > 0``) and c2 (``x >= 0``) pass t1 and t2, which never call f(0): the tests do
    # not decide between the two readings, and a judge would pick one by chance
    v = _agreeing_job(judged={("c1", "t1"): 0.99})
    v.derived = {"c1": {"f(0)": "0", "f(-1)": "0"}, "c2": {"f(0)": "1", "f(-1)": "0"}}
    assert contested(v, "c1", ["t1", "t2"]) and contested(v, "c2", ["t1", "t2"])
    assert not has_evidence(v, ("c1", "t1")) and decide(v).finish is None
    v.elapsed = v.budget.budget_seconds  # the job ends on its budget and says why
    fin = decide(v).finish
    assert (
        fin is not None
        and fin.status == "budget"
        and fin.reason.endswith("its tests do not decide between c1 and c2 (f(0))")
    )
    v.elapsed = 0.0
    # an exception on one side is no disagreement (the input may be outside the spec)
    v.derived["c2"]["f(0)"] = "!ValueError"
    assert not contested(v, "c1", ["t1", "t2"]) and has_evidence(v, ("c1", "t1"))
    # nor is a value where the other did not run the call
    v.derived["c2"] = {"f(-1)": "0"}
    assert has_evidence(v, ("c1", "t1"))
    # nor values on inputs of a common type (``probe.typed_calls``): they only order groups
    v.typed = {"c1": {"f('ab')": "1"}, "c2": {"f('ab')": "2"}}
    assert has_evidence(v, ("c1", "t1"))
    # the tests' own calls count too, and a code that fails one of the tests is no rival
    v.behaviour = {"c1": {"f(3)": "1"}, "c2": {"f(3)": "2"}}
    assert not has_evidence(v, ("c1", "t1"))
    v.results[("c2", "t2")] = False
    v.examples, v.examples_passed = [EX], {"c1": 1}  # c1 is backed by the user's example
    v.results[("c1", EX)] = True
    v.checks[EX] = frozenset({"f(7)"})
    assert not contested(v, "c1", ["t1", "t2", EX]) and has_evidence(v, ("c1", "t1"))
    # copies of a repaired code are not rivals of their own
    v.results[("c2", "t2")], v.results[("c2", EX)] = True, True
    assert contested(v, "c1", ["t1", "t2", EX])
    v.copies = {"c2"}
    assert not contested(v, "c1", ["t1", "t2", EX])


def test_a_spec_with_one_example_needs_generated_tests_strong_on_their_own() -> None:
    v = _examples_job()
    v.checks[EX] = frozenset({"f(1)"})
    # one example and a test of two more calls: three calls, but the example gates every code
    # already, so the test adds two
    assert not has_evidence(v, ("c_ok", EX)) and not has_evidence(v, ("c_ok", "t3"))
    v.checks["t3"] = frozenset({"f(5)", "f(6)", "f(7)"})
    assert has_evidence(v, ("c_ok", EX)) and has_evidence(v, ("c_ok", "t3"))
    v.checks["t3"] = frozenset({"f(1)", "f(6)", "f(7)"})  # one of its three is the example's
    assert not has_evidence(v, ("c_ok", "t3"))
    v.checks[EX] = frozenset({"f(1)", "f(2)", "f(3)"})  # three examples stand on their own
    assert has_evidence(v, ("c_ok", EX))


def test_values_a_generated_test_expects_only_on_the_examples_calls_do_not_count() -> None:
    v = _examples_job()
    v.checks[EX] = frozenset({"f(1)"})
    v.checks["t3"] = frozenset({"f(1)", "f(5)", "f(6)", "f(7)"})
    v.outcomes = {EX: frozenset({"True"}), "t3": frozenset({"True", "False"})}
    assert has_evidence(v, ("c_ok", "t3"))
    # t3's only True is on the example's call: besides it, it expects one value, which a
    # constant passes (the view holds a generated test's values besides the examples' calls)
    test = (
        "def test_t3():\n    assert f(1) == True\n    assert f(5) == False\n"
        "    assert f(6) == False\n    assert f(7) == False\n"
    )
    v.outcomes["t3"] = asserted_outcomes(test, "f", frozenset({"f(1)"}))
    assert v.outcomes["t3"] == {"False"} and not has_evidence(v, ("c_ok", "t3"))


def test_a_failed_mutation_step_does_not_block_the_job() -> None:
    # n = 0: the step failed (or the code has no mutants): nothing known, nothing held back
    v = _agreeing_job(mutation={p: Kills(0, 0) for p in _agreeing_job().results})
    assert has_evidence(v, ("c1", "t1"))
    acts = decide(v)
    assert acts.mutate == [] and acts.judge == [("c1", "t1"), ("c2", "t1")]
    v.judged = {("c1", "t1"): 0.7}
    fin = decide(v).finish
    assert fin is not None and fin.status == "passed" and fin.best == ("c1", "t1")


def _probed(outputs: dict[str, tuple[str, ...]], held: dict[str, int] | None = None) -> JobView:
    """Codes c1.. with their fingerprints on calls a, b, c; ``held``: how many of the asserts
    k0, k1, ... each code holds (every code was probed on all of them)."""
    calls = ("f(1)", "f(2)", "f(3)")
    held = held or {}
    keys = [f"k{i}" for i in range(max(held.values(), default=0))]
    return view(
        codes=list(outputs),
        behaviour={c: dict(zip(calls, out, strict=True)) for c, out in outputs.items()},
        asserts={c: {k: i < held.get(c, 0) for i, k in enumerate(keys)} for c in outputs},
    )


def test_codes_that_behave_alike_on_the_tests_inputs_rank_first() -> None:
    v = _probed({"c1": ("1", "2", "6"), "c2": ("1", "2", "5"), "c3": ("1", "2", "5")})
    assert behaviour_weights(v) == {"c1": 1.0, "c2": 2.0, "c3": 2.0}
    assert [c for c, _ in rank_codes(v)] == ["c2", "c3", "c1"]


def test_asserts_a_group_holds_add_to_its_weight_unless_a_stand_in_holds_them() -> None:
    v = _probed({"c1": ("1", "2", "6"), "c2": ("1", "2", "5"), "c3": ("1", "2", "5")},
                held={"c1": 3})  # fmt: skip
    assert behaviour_weights(v)["c1"] == 1 * (1 + ASSERT_WEIGHT * 3) > 2.0
    v.stubs = ["stub.none"]
    v.behaviour["stub.none"] = {"f(1)": "n", "f(2)": "n", "f(3)": "n"}
    v.asserts["stub.none"] = {"k0": True, "k1": True, "k2": False}
    assert behaviour_weights(v)["c1"] == 1 + ASSERT_WEIGHT * 1


def test_degenerate_groups_rank_below_any_other() -> None:
    raising = ("!TypeError", "!TypeError", "!TypeError")
    constant = ("0", "0", "0")
    v = _probed({"c1": ("1", "2", "6"), "c2": raising, "c3": raising, "c4": constant,
                 "c5": constant, "c6": ("1", "!ValueError", "0")})  # fmt: skip
    weights = behaviour_weights(v)
    assert weights["c2"] == weights["c4"] == 2 * DEGENERATE
    assert [c for c, _ in rank_codes(v)][:2] == ["c1", "c6"]
    v.stubs = ["stub.none"]
    v.behaviour["stub.none"] = dict(zip(("f(1)", "f(2)", "f(3)"), ("1", "2", "6"), strict=True))
    assert behaviour_weights(v)["c1"] == DEGENERATE  # does what a stand-in does


def test_a_group_that_raises_on_the_tests_inputs_alone_is_not_degenerate() -> None:
    # the tests pass a number where the spec means a dict: c1..c3 (right) raise on all of
    # them, c4 and c5 (wrong) answer; on the typed input of the spec's type c1..c3 answer
    raising = ("!AttributeError", "!AttributeError", "!AttributeError")
    v = _probed({"c1": raising, "c2": raising, "c3": raising, "c4": ("2", "4", "6"),
                 "c5": ("2", "4", "6")})  # fmt: skip
    assert behaviour_weights(v)["c1"] == 3 * DEGENERATE
    v.typed = {c: {"f({'a': 1})": "{'a': 2}", "f('x')": "!AttributeError"} for c in v.codes}
    for wrong in ("c4", "c5"):  # they double a number, and a dict makes them raise
        v.typed[wrong]["f({'a': 1})"] = "!TypeError"
    v.typed["c3"]["f({'a': 1})"] = "!TypeError"  # two of three answer: the group takes it
    assert behaviour_weights(v)["c1"] == 3.0
    assert [c for c, _ in rank_codes(v)][:3] == ["c1", "c2", "c3"]
    v.typed["c2"]["f({'a': 1})"] = "!TypeError"  # one of three: it takes no input
    assert behaviour_weights(v)["c1"] == 3 * DEGENERATE


def test_a_group_raising_where_the_job_answers_and_else_returning_one_value_is_degenerate() -> None:
    # c1 and c2 break on every input but the empty one (a loop whose body raises returns 0
    # for f(1)): they raise on f(2) and f(3), which most of the job answers
    broken = ("0", "!TypeError", "!TypeError")
    v = _probed({"c1": broken, "c2": broken, "c3": ("0", "3", "5"), "c4": ("0", "3", "6"),
                 "c5": ("0", "4", "5")})  # fmt: skip
    assert behaviour_weights(v)["c1"] == 2 * DEGENERATE
    assert [c for c, _ in rank_codes(v)][-2:] == ["c1", "c2"]
    v.derived = {"c1": {"f(4)": "7"}}  # another value off the tests' inputs: not broken,
    assert behaviour_weights(v)["c1"] == 2.0 * RAISES**2  # but raising where most answer


def test_a_group_raising_where_most_of_the_job_answers_weighs_less_for_each_such_input() -> None:
    # c4 and c5 (a factorial for a reciprocal) hold three asserts of wrong tests and hit the
    # recursion limit on f(2) and f(3), which the three right codes answer (holding none)
    right = ("1", "0.5", "0.333")
    v = _probed({"c1": right, "c2": right, "c3": right,
                 "c4": ("1", "!RecursionError", "!RecursionError"),
                 "c5": ("1", "!RecursionError", "!RecursionError")},
                held={"c4": 3, "c5": 3})  # fmt: skip
    v.derived = {c: {"f(4)": "24"} for c in ("c4", "c5")}  # other values: not degenerate
    weights = behaviour_weights(v)
    assert weights["c4"] == 2 * (1 + ASSERT_WEIGHT * 3) * RAISES**2 < weights["c1"] == 3.0
    assert [c for c, _ in rank_codes(v)][:3] == ["c1", "c2", "c3"]


def test_a_group_raising_on_every_input_the_job_answers_is_degenerate() -> None:
    # c1 and c2 answer only f(1), which most of the job refuses (the spec rules it out), and
    # raise on f(2) and f(3), which most of the job answers
    broken = ("1", "!RecursionError", "!RecursionError")
    v = _probed({"c1": broken, "c2": broken, "c3": ("!ZeroDivision", "3", "5"),
                 "c4": ("!ZeroDivision", "3", "5"), "c5": ("!ZeroDivision", "4", "6")})  # fmt: skip
    assert behaviour_weights(v)["c1"] == 2 * DEGENERATE
    assert behaviour_weights(v)["c3"] == 2.0
    assert [c for c, _ in rank_codes(v)][-2:] == ["c1", "c2"]


def test_one_value_on_every_input_answered_is_constant_whatever_else_raises() -> None:
    # x * 1 / x for a reciprocal: 1 on every input it answers, a division error on 0
    calls = ("f(0)", "f(2)", "f(4)", "f(5)")
    outputs = {"c1": ("!ZeroDivisionError", "1", "1", "1"),
               "c2": ("!ZeroDivisionError", "1", "1", "1"),
               "c3": ("!ZeroDivisionError", "0.5", "0.25", "0.2")}  # fmt: skip
    behaviour = {c: dict(zip(calls, o, strict=True)) for c, o in outputs.items()}
    v = view(codes=list(outputs), behaviour=behaviour)
    assert behaviour_weights(v) == {"c1": 2 * DEGENERATE, "c2": 2 * DEGENERATE, "c3": 1.0}
    v.derived = {"c1": {"f(1)": "1", "f(-1)": "-1"}}  # it answers otherwise there: not constant
    assert behaviour_weights(v)["c1"] == 2.0


def test_an_error_where_most_of_the_job_raises_does_not_make_a_group_degenerate() -> None:
    # f(2) is refused by three codes of five: c1 and c2 raising there is no fault, and on the
    # other calls they return two values
    alike = ("0", "!TypeError", "0")
    v = _probed({"c1": alike, "c2": alike, "c3": ("1", "!TypeError", "2"),
                 "c4": ("0", "3", "6"), "c5": ("1", "3", "7")})  # fmt: skip
    assert behaviour_weights(v)["c1"] == 2.0
    v.behaviour["c3"]["f(2)"] = "4"  # now three of five answer f(2), and c1, c2 return only 0
    assert behaviour_weights(v)["c1"] == 2 * DEGENERATE


def test_in_a_group_codes_most_others_agree_with_on_derived_calls_rank_first() -> None:
    # c1..c4 return the same on the tests' inputs; on the edge input f(0) c3 and c4 part from
    # c1 and c2, and c1's answer to f(9) was cut (skipped), so f(9) does not count
    alike = ("1", "2", "6")
    v = _probed({"c1": alike, "c2": alike, "c3": alike, "c4": alike, "c5": ("1", "2", "5")})
    v.derived = {"c1": {"f(0)": "0", "f(9)": "!Skipped"}, "c2": {"f(0)": "0", "f(9)": "9"},
                 "c3": {"f(0)": "1", "f(9)": "9"}, "c4": {"f(0)": "0", "f(9)": "8"}}  # fmt: skip
    assert derived_votes(v) == {"c1": 3, "c2": 3, "c3": 1, "c4": 3, "c5": 1}
    assert [c for c, _ in rank_codes(v)] == ["c1", "c2", "c4", "c3", "c5"]
    v.copies = {"c2", "c4"}  # copies of a repaired code are no votes
    assert derived_votes(v)["c1"] == 1


def test_a_derived_call_most_of_a_group_raises_on_does_not_part_it() -> None:
    # f('x') is of a type most of the group does not take: c3 answering there says nothing,
    # nor do two of four answering on f([1]); three of four do, and there c2 and c3 agree
    alike = ("1", "2", "6")
    v = _probed({"c1": alike, "c2": alike, "c3": alike, "c4": alike})
    v.derived = {"c1": {"f('x')": "!TypeError"}, "c2": {"f('x')": "!TypeError"},
                 "c3": {"f('x')": "9"}, "c4": {"f('x')": "!TypeError"}}  # fmt: skip
    assert derived_votes(v) == {"c1": 4, "c2": 4, "c3": 4, "c4": 4}
    for code, seen in zip(v.codes, ("3", "4", "!TypeError", "!TypeError"), strict=True):
        v.typed.setdefault(code, {})["f([1])"] = seen
    assert derived_votes(v) == {"c1": 4, "c2": 4, "c3": 4, "c4": 4}
    v.typed["c3"]["f([1])"] = "4"
    assert derived_votes(v) == {"c1": 1, "c2": 2, "c3": 2, "c4": 1}
    assert derived_errors(v) == {"c1": 0, "c2": 0, "c3": 0, "c4": 1}


def test_in_a_group_codes_that_raise_on_inputs_the_group_takes_rank_last() -> None:
    # c1..c5 alike on the tests' inputs; on the list of lists c4 and c5 raise where c1..c3
    # answer (each differently), so c4 and c5 rank last though they are the larger part, and
    # the model's score orders the rest; f('x'), which most of them raise on, counts for nothing
    alike = ("1", "2", "6")
    v = _probed({c: alike for c in ("c1", "c2", "c3", "c4", "c5")})
    answers = ("1", "2", "3", "!IndexError", "!IndexError")
    v.typed = {c: {"f([[1]])": a, "f('x')": "!TypeError"}
               for c, a in zip(v.codes, answers, strict=True)}  # fmt: skip
    v.typed["c4"]["f('x')"] = "x"
    v.scores = {"c1": 0.3, "c2": 0.4, "c3": 0.35, "c4": 0.9, "c5": 0.9}
    assert derived_errors(v) == {"c1": 0, "c2": 0, "c3": 0, "c4": 1, "c5": 1}
    assert [c for c, _ in rank_codes(v)] == ["c2", "c3", "c1", "c4", "c5"]


def test_in_a_group_of_two_the_code_that_raises_where_the_job_answers_ranks_second() -> None:
    # c1 and c2 alike on the tests' inputs; on the list of lists c2 raises (it made a set of
    # the items) where c1 and the three codes of other groups answer: half of the group, yet
    # the job takes the input, so c2's error counts though c2 agrees more with the job on the
    # edge inputs f(0) and f(9)
    v = _probed({"c1": ("1", "2", "6"), "c2": ("1", "2", "6"), "w1": ("1", "3", "6"),
                 "w2": ("1", "4", "6"), "w3": ("0", "2", "6")})  # fmt: skip
    v.derived = {c: {"f(0)": "0", "f(9)": "9"} for c in v.codes}
    v.derived["c1"] = {"f(0)": "5", "f(9)": "8"}
    v.typed = {c: {"f([[1]])": "[[1]]"} for c in v.codes}
    v.typed["c2"] = {"f([[1]])": "!TypeError"}
    assert edge_agreement(v)["c2"] > edge_agreement(v)["c1"]
    assert derived_errors(v) == {"c1": 0, "c2": 1, "w1": 0, "w2": 0, "w3": 0}
    assert [c for c, _ in rank_codes(v)][:2] == ["c1", "c2"]


def test_an_input_most_of_the_job_refuses_is_no_fault_of_a_code_that_raises_on_it() -> None:
    # c1..c3 alike on the tests' one input; c2 and c3 return one string for anything (a dict
    # without the keys the spec names too), c1 raises KeyError there as the spec allows, and so
    # do the four codes of other groups: the group takes f({}), the job does not
    alike = ("Rex the dog", "x", "y")
    other = {f"w{i}": (f"{i}", "x", "y") for i in range(4)}
    v = _probed({"c1": alike, "c2": alike, "c3": alike} | other)
    v.typed = {c: {"f({})": "!KeyError", "f([1])": "!TypeError"} for c in v.codes}
    v.typed["c2"] = v.typed["c3"] = {"f({})": "Rex the dog", "f([1])": "Rex the dog"}
    assert derived_errors(v)["c1"] == 0
    v.typed["w0"]["f({})"] = v.typed["w1"]["f({})"] = "w"  # four of seven answer: the job takes it
    v.typed["w2"]["f({})"] = "w"
    assert derived_errors(v)["c1"] == 1


def test_in_a_group_the_code_more_of_the_job_agrees_with_on_edge_inputs_ranks_first() -> None:
    # c1 and c2 alike on the tests' inputs and part on the edge inputs f(0) and f(9), each in a
    # part of one; there c2 answers as three codes of other groups do, c1 as none
    v = _probed({"c1": ("1", "2", "6"), "c2": ("1", "2", "6"), "c3": ("1", "3", "6"),
                 "c4": ("1", "4", "6"), "c5": ("0", "2", "6")})  # fmt: skip
    v.derived = {c: {"f(0)": "0", "f(9)": "9"} for c in v.codes}
    v.derived["c1"] = {"f(0)": "5", "f(9)": "7"}
    assert edge_agreement(v)["c2"] == pytest.approx(2 * 3 / 5)
    assert edge_agreement(v)["c1"] == 0
    assert [c for c, _ in rank_codes(v)][:2] == ["c2", "c1"]
    v.derived["c2"] = {"f(0)": "!ValueError", "f(9)": "!ValueError"}  # an exception scores nothing
    assert edge_agreement(v)["c2"] == 0


def test_a_group_that_answers_otherwise_on_a_derived_call_is_not_constant() -> None:
    # the tests pass only weekdays: right and always-False codes return False on all of them;
    # on the day the spec names, the right ones say True
    false = ("False", "False", "False")
    v = _probed({"c1": false, "c2": false, "c3": false, "c4": ("True", "False", "False")})
    assert behaviour_weights(v)["c1"] == 3 * DEGENERATE
    v.derived = {"c1": {"f('Saturday')": "True"}, "c2": {"f('Saturday')": "True"},
                 "c3": {"f('Saturday')": "!TypeError"}}  # fmt: skip
    assert behaviour_weights(v)["c1"] == 3.0  # answers otherwise once: not constant
    assert [c for c, _ in rank_codes(v)][0] == "c1"
    v.derived = {c: {"f('Saturday')": "!TypeError", "f(0)": "False"} for c in ("c1", "c2")}
    assert behaviour_weights(v)["c1"] == 3 * DEGENERATE  # an error or the same value: constant


def test_a_test_the_echo_stand_in_passes_is_weak_not_blind() -> None:
    """The echo returns its first argument: a test it passes (a flatten of a flat list) is
    weak, never blind, and a group that does what the echo does is not degenerate for that
    (right code may return its argument on every input the tests probed)."""
    v = _blind_job()
    v.stubs = [*STUBS, ECHO_ID]
    v.results |= {(ECHO_ID, "tb"): True, (ECHO_ID, "tn"): True, (ECHO_ID, "tr"): False,
                  (ECHO_ID, "tw"): True}  # fmt: skip
    assert blind_tests(v) == {"tb"}
    assert weak_tests(v) == {"tb", "tn", "tw"}
    v.results[("stub.none", "tb")] = False  # echo and raise pass it: weak, not blind
    assert blind_tests(v) == set() and "tb" in weak_tests(v)
    p = _probed({"c1": ("1", "2", "6"), "c2": ("1", "2", "6"), "c3": ("0", "0", "5")})
    p.stubs = [ECHO_ID]
    p.behaviour[ECHO_ID] = dict(zip(("f(1)", "f(2)", "f(3)"), ("1", "2", "6"), strict=True))
    assert behaviour_weights(p)["c1"] == 2.0  # not degenerate


def test_behaviour_counts_only_calls_every_code_was_probed_on() -> None:
    v = _probed({"c1": ("1", "2", "6"), "c2": ("1", "2", "5")})
    v.behaviour["c2"].pop("f(3)")  # c2 not probed on f(3) yet: c1 and c2 agree so far
    assert behaviour_weights(v) == {"c1": 2.0, "c2": 2.0}
    assert behaviour_weights(_probed({"c1": ("1", "2", "6")})) == {}  # one code: nothing


def test_only_the_heaviest_behaviour_group_has_evidence_to_end_a_job() -> None:
    codes = ["c1", "c2", "c3"]
    results = {(c, t): True for c in codes for t in ("t1", "t2")}
    v = view(codes=codes, tests=["t1", "t2"], results=results)
    assert has_evidence(v, ("c1", "t1"))  # not probed: the other conditions decide
    calls = ("f(1)", "f(2)", "f(3)")
    v.behaviour = {c: dict(zip(calls, ("1", "2", "3"), strict=True)) for c in codes}
    assert has_evidence(v, ("c1", "t1"))  # all alike: one group, the heaviest
    for c in ("c2", "c3"):
        v.behaviour[c] = dict(zip(calls, ("1", "2", "4"), strict=True))
    # c1 passes the same tests as c2 and c3 and returns another value on f(3): contested
    assert not has_evidence(v, ("c1", "t1")) and not has_evidence(v, ("c2", "t1"))
    v.results[("c1", "t2")] = False  # a test tells c1 apart: the heavier group has evidence
    assert not has_evidence(v, ("c1", "t1")) and has_evidence(v, ("c2", "t1"))
    for c in ("c2", "c3"):  # the heaviest group is degenerate: no code has evidence
        v.behaviour[c] = dict(zip(calls, ("!TypeError",) * 3, strict=True))
    v.behaviour["c1"] = dict(zip(calls, ("!TypeError",) * 3, strict=True))
    assert not has_evidence(v, ("c1", "t1")) and not has_evidence(v, ("c2", "t1"))


def test_copies_of_a_repaired_code_are_not_votes_of_their_own() -> None:
    """Three independent codes agree (c1, c2, c3); c4 and its five unchanged repairs agree with
    each other: c4's group counts once, and its copies are not twins to back its tests."""
    alike, other = ("1", "2", "6"), ("1", "2", "5")
    copies = {f"r{i}" for i in range(5)}
    v = _probed({"c1": alike, "c2": alike, "c3": alike, "c4": other} | dict.fromkeys(copies, other))
    v.copies = copies
    weights = behaviour_weights(v)
    assert weights["c1"] == 3.0 and weights["c4"] == weights["r0"] == 1.0
    assert [c for c, _ in rank_codes(v)][:3] == ["c1", "c2", "c3"]
    v.tests = ["t1", "t2", "t3"]  # three checks; c4 and its copies pass them, c1..c3 do not
    v.results = {(c, t): c in copies | {"c4"} for c in v.codes for t in v.tests}
    v.checks = {t: frozenset({f"f({i})", f"f({i + 10}, {i})"}) for i, t in enumerate(v.tests)}
    assert dual_agreement(v)["c4"] == 1 * 3
    v.behaviour = {}  # not probed: the twins rule alone
    assert not has_evidence(v, ("c4", "t1"))  # its copies are no twins
    v.copies = set()
    assert has_evidence(v, ("c4", "t1"))
    v.results = {(c, t): c in {"c1", "r0"} for c in v.codes for t in v.tests}  # r0 fails none
    v.copies, v.improved = {"r1", "r2", "r3", "r4"}, {"c1"}
    assert repair_target(v) == ("c2", "t1")  # the copies came back unchanged: not again


def test_at_the_budget_s_end_the_top_ranked_code_is_delivered_even_if_it_passed_no_test() -> None:
    # c1, c2 and c4 return the same on the tests' inputs, but the model's only test is wrong
    # and passes c3 alone: the job delivers c1, unverified, not c3 with its test
    v = _probed({"c1": ("1", "2", "6"), "c2": ("1", "2", "6"), "c3": ("1", "2", "5"),
                 "c4": ("1", "2", "6")})  # fmt: skip
    v.tests = ["t1"]
    v.results = {(c, "t1"): c == "c3" for c in v.codes}
    v.elapsed = v.budget.budget_seconds
    fin = decide(v).finish
    assert fin is not None and fin.status == "budget"
    assert fin.code == "c1" and fin.best is None
    v.results[("c1", "t1")] = True  # once it passes a test, that pair is its best
    fin = decide(v).finish
    assert fin is not None and fin.code == "c1" and fin.best == ("c1", "t1")


def test_a_whole_test_that_passes_adds_to_the_behaviour_group_s_weight_damped() -> None:
    # c1 and c2 pass the whole test t1 (three asserts); c3..c6 behave alike, one assert held
    v = _probed({"c1": ("1", "2", "6"), "c2": ("1", "2", "6"), "c3": ("1", "2", "5"),
                 "c4": ("1", "2", "5"), "c5": ("1", "2", "5"), "c6": ("1", "2", "5")},
                held={"c1": 3, "c2": 3, "c3": 1, "c4": 1, "c5": 1, "c6": 1})  # fmt: skip
    v.tests = ["t1"]
    v.results = {(c, "t1"): c in ("c1", "c2") for c in v.codes}
    assert behaviour_weights(v)["c3"] > behaviour_weights(v)["c1"]  # 4 x 1.5 > 2 x 2.5
    assert agreement(v)["c1"] == pytest.approx(5 * (1 + math.log(1 + 2 * 1)))
    assert [c for c, _ in rank_codes(v)][:2] == ["c1", "c2"]  # 5 x 2.1 > 6 x 1
    # damped: eight codes that pass no test outrank two that pass one together
    v = _probed({f"c{i}": ("1", "2", "6") for i in range(1, 9)}
                | {"w1": ("1", "2", "5"), "w2": ("1", "2", "5")})  # fmt: skip
    v.tests = ["t1"]
    v.results = {(c, "t1"): c in ("w1", "w2") for c in v.codes}
    assert agreement(v)["w1"] == pytest.approx(2 * (1 + math.log(3)))  # 4.2
    assert agreement(v)["c1"] == 8
    assert [c for c, _ in rank_codes(v)][0] == "c1"


def test_a_code_the_examples_back_needs_the_top_agreement_only_among_codes_as_backed() -> None:
    # c2 and c3 agree with each other and with the model's wrong tests; c1 alone passes the
    # spec's example: it still has evidence, as the examples rank it first
    v = _probed({"c1": ("1", "2", "6"), "c2": ("1", "2", "5"), "c3": ("1", "2", "5")})
    v.tests, v.examples = ["t1", "t2"], ["spec.examples"]
    v.checks = {t: frozenset({f"f({t}_{i})" for i in range(3)}) for t in v.tests + v.examples}
    v.results = {(c, t): c != "c1" for c in v.codes for t in v.tests}
    v.results |= {(c, "spec.examples"): c == "c1" for c in v.codes}
    v.examples_passed = {"c1": 1, "c2": 0, "c3": 0}
    assert agreement(v)["c2"] > agreement(v)["c1"]
    assert [c for c, _ in rank_codes(v)][0] == "c1"
    assert has_evidence(v, ("c1", "spec.examples"))
    assert not has_evidence(v, ("c2", "t1"))  # fails the example


def test_with_no_literal_call_in_any_test_codes_group_on_the_signature_calls() -> None:
    # no test calls f with literal arguments, so the probe ran the signature calls (typed);
    # f({}) is refused by most codes and parts nobody; c4 and c5 return one value throughout
    calls = ("f(7, 0)", "f(0, 12)", "f('a', 'b')", "f({}, {})")
    said = {"c1": ("7", "12", "!TypeError", "!TypeError"), "c2": ("1", "2", "3", "!KeyError"),
            "c3": ("1", "2", "3", "!TypeError"), "c4": ("0", "0", "0", "0"),
            "c5": ("0", "0", "0", "!TypeError"), "c6": ("1", "2", "3", "4")}  # fmt: skip
    v = view(codes=list(said), typed={c: dict(zip(calls, s, strict=True)) for c, s in said.items()})
    weights = behaviour_weights(v)
    assert weights["c2"] == weights["c3"] == weights["c6"] == 3.0 and weights["c1"] == 1.0
    assert weights["c4"] == weights["c5"] == 2 * DEGENERATE
    assert [c for c, _ in rank_codes(v)][:3] == ["c2", "c3", "c6"]
    # once a test calls f with literal arguments, its calls decide the groups
    v.behaviour = {c: {"f(1, 1)": "2" if c in ("c1", "c4") else "1"} for c in said}
    assert behaviour_weights(v)["c1"] == 2.0


def test_where_most_of_the_job_raises_on_each_call_of_the_tests_codes_group_on_the_others() -> None:
    # the tests call f with the wrong number of arguments: c1..c4 raise on each, c5 answers;
    # on the typed calls most of the job answers, c1 and c2 agree and c3, c4 part from them
    raising = ("!TypeError", "!TypeError", "!TypeError")
    v = _probed({"c1": raising, "c2": raising, "c3": raising, "c4": raising,
                 "c5": ("1", "2", "3")})  # fmt: skip
    calls = ("f([1], [1, 2])", "f([], [3])", "f('x', {})")
    said = {"c1": ("1", "0", "!TypeError"), "c2": ("1", "0", "!TypeError"),
            "c3": ("3", "1", "!TypeError"), "c4": ("2", "0", "0"),
            "c5": ("1", "0", "1")}  # fmt: skip
    v.typed = {c: dict(zip(calls, s, strict=True)) for c, s in said.items()}
    weights = behaviour_weights(v)
    assert weights["c1"] == weights["c2"] == weights["c5"] == 3.0 and weights["c3"] == 1.0
    assert [c for c, _ in rank_codes(v)][-2:] in (["c3", "c4"], ["c4", "c3"])
    v.behaviour["c2"] = v.behaviour["c3"] = {k: "7" for k in v.behaviour["c1"]}  # 3 of 5 answer
    # the tests' calls decide again: c1 and c4 raise on all three, which most of the job answers
    assert behaviour_weights(v)["c1"] == 2.0 * RAISES**3


def _split_job(contradicted: bool = True, **kw) -> JobView:
    """Codes that agree on f(1), f(2), f(3), each asserted by a different one-call test that
    they pass (no file asserts enough on its own) and again by a test they all fail (wrong
    elsewhere): two tests write each call. c3 reads f(3) otherwise; with ``contradicted``, two
    tests say so too (t4, t8), as many as say what the others read."""
    keys = {"t1": {"f(1) -> eq:1"}, "t2": {"f(2) -> eq:2"}, "t3": {"f(3) -> eq:6"},
            "t4": {"f(3) -> eq:9"}, "t5": {"f(1) -> eq:1", "f(4) -> eq:0"},
            "t6": {"f(2) -> eq:2", "f(5) -> eq:0"}, "t7": {"f(3) -> eq:6", "f(6) -> eq:0"},
            "t8": {"f(3) -> eq:9", "f(2) -> eq:2"}}  # fmt: skip
    passing = {"c1": {"t1", "t2", "t3"}, "c2": {"t1", "t2", "t3"},
               "c3": {"t1", "t2", "t4", "t8"}}  # fmt: skip
    tests = ["t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8"]
    if not contradicted:
        tests = [t for t in tests if t not in ("t4", "t8")]
    wrong = {"f(4) -> eq:0": False, "f(5) -> eq:0": False, "f(6) -> eq:0": False}
    return view(
        codes=["c1", "c2", "c3"], tests=tests, stubs=["stub.none"],
        results={(c, t): t in passing[c] for c in passing for t in tests}
        | {("stub.none", t): False for t in tests},
        checks={t: frozenset(k.split(" -> ")[0] for k in keys[t]) for t in tests},
        keys={t: frozenset(keys[t]) for t in tests},
        asserts={c: {k: c != "c3" or k != "f(3) -> eq:6"
                     for k in ("f(1) -> eq:1", "f(2) -> eq:2", "f(3) -> eq:6")}
                 | ({"f(3) -> eq:9": c == "c3"} if contradicted else {})
                 | {"f(0) -> raises": True} | wrong
                 for c in ("c1", "c2", "c3")}
        | {"stub.none": {"f(0) -> raises": True}},
        behaviour={c: {"f(1)": "1", "f(2)": "2", "f(3)": "9" if c == "c3" else "6"}
                   for c in ("c1", "c2", "c3")},
        **kw,
    )  # fmt: skip


def test_agreed_checks_keep_the_calls_most_tests_agree_on_with_the_code() -> None:
    v = _split_job()
    # f(3): t3 and t7 say 6, t4 and t8 say 9: no majority, so no code keeps it; an expected
    # exception never counts, nor a call every test that asserts it says the code gets wrong
    assert agreed_checks(v, "c1") == ("f(1) -> eq:1", "f(2) -> eq:2")
    assert agreed_checks(v, "c3") == ("f(1) -> eq:1", "f(2) -> eq:2")
    v.asserts["c1"]["f(3) -> eq:9"] = True  # a code holding both (it cannot): f(3) agreed
    assert "f(3) -> eq:6" in agreed_checks(v, "c1")
    # one dissenting test is outvoted by two that agree with the code
    v = _split_job()
    v.tests.remove("t8")
    assert agreed_checks(v, "c1") == ("f(1) -> eq:1", "f(2) -> eq:2", "f(3) -> eq:6")
    assert agreed_checks(v, "c3") == ("f(1) -> eq:1", "f(2) -> eq:2")
    # an assert a stand-in holds tells nothing; the spec's examples' calls are theirs
    v = _split_job()
    v.asserts["stub.none"]["f(1) -> eq:1"] = True
    assert agreed_checks(v, "c1") == ("f(2) -> eq:2",)
    v = _split_job(examples=["spec.examples"])
    v.checks["spec.examples"] = frozenset({"f(2)"})
    assert agreed_checks(v, "c1") == ("f(1) -> eq:1",)
    # a call only one test asserts is one writer's word, not an agreement; so is a call two
    # tests assert with the very same keys (copies), or one test and an agreed test
    v = _split_job()
    v.tests.remove("t5")
    assert agreed_checks(v, "c1") == ("f(2) -> eq:2",)
    v = _split_job()
    v.keys["t5"] = v.keys["t1"]
    assert agreed_checks(v, "c1") == ("f(2) -> eq:2",)
    v = _split_job()
    v.tests = [t for t in v.tests if t != "t5"] + ["a0"]
    v.keys["a0"] = v.assembled["a0"] = frozenset({"f(1) -> eq:1"})
    assert agreed_checks(v, "c1") == ("f(2) -> eq:2",)


def test_the_top_code_without_evidence_gets_an_agreed_test_once() -> None:
    v = _split_job(contradicted=False)
    assert not any(has_evidence(v, p) for p in v.results)
    assert rank_codes(v)[0][0] == "c1"
    acts = decide(v)
    assert acts.assemble == [("a0", ("f(1) -> eq:1", "f(2) -> eq:2", "f(3) -> eq:6"))]
    assert not acts.empty()
    # once it is in the job (as a test whose pairs are to run), not again
    v.assembled = {"a0": frozenset(acts.assemble[0][1])}
    v.tests.append("a0")
    assert decide(v).assemble == []
    # nor while pairs run, under the judge's own stop rule, or with the judge off
    v = _split_job(contradicted=False)
    v.pair_inflight = {("c1", "t5")}
    assert decide(v).assemble == []
    for budget in (Budget(8, 100, 0.5, 4, 2, stop_rule="judge"), Budget(8, 100, None, 4)):
        v = _split_job(contradicted=False)
        v.budget = budget
        assert decide(v).assemble == []


def test_no_agreed_test_from_too_few_calls_or_a_code_no_other_agrees_with() -> None:
    v = _split_job()  # c1 keeps two agreed calls only: too few to be strong
    assert agreed_checks(v, "c1") and decide(v).assemble == []
    v = _split_job(contradicted=False)
    v.asserts["c2"]["f(2) -> eq:2"] = False  # only c1 holds all three
    v.behaviour["c2"]["f(2)"] = "5"
    assert rank_codes(v)[0][0] == "c1" and len(agreed_checks(v, "c1")) == 3
    assert decide(v).assemble == []
