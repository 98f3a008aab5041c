"""The behaviour probe: which asserts it reads from a test, and what it reports when the
sandbox runs it against a code (real bwrap)."""

from __future__ import annotations

import pytest

from supercharger.probe import (
    FAILED_PROBE,
    MAX_CALLS,
    MAX_DERIVED,
    MAX_SPEC_CALLS,
    MAX_TYPED,
    TYPED_VALUES,
    check_key,
    derived_calls,
    extra_calls,
    literal_checks,
    probe_test,
    read_probe,
    signature_calls,
    spec_values,
    typed_calls,
)
from supercharger.sandbox import get_backend
from supercharger.sandbox.base import Limits, PairSpec
from tests.sandbox.test_bwrap import BWRAP_UNAVAILABLE

TEST = """import pytest
from f import f

def test_f():
    assert f(2) == 4
    assert f(3) == pytest.approx(9.0)
    result = f(5)
    assert result == 25
    assert not f(0)
    assert f(1)
    with pytest.raises(ValueError):
        f(-1)
    assert f(x) == 4          # not literal: x is a name
    assert f(2) > 3           # not an equality
    assert f(10 ** 9) == 1    # not literal: an operation
"""


def test_only_asserts_of_literal_calls_with_a_literal_expectation_are_read() -> None:
    assert literal_checks(TEST, "f") == {
        ("f(2)", "eq:4"),
        ("f(3)", "approx:9.0"),
        ("f(5)", "eq:25"),
        ("f(0)", "falsy"),
        ("f(1)", "truthy"),
        ("f(-1)", "raises"),
    }
    assert literal_checks("def broken(:\n", "f") == frozenset()
    assert literal_checks(TEST, "g") == frozenset()


def test_a_probe_makes_at_most_max_calls_distinct_calls() -> None:
    checks = {(f"f({i}, 's')", "eq:0") for i in range(MAX_CALLS + 10)}
    _text, _nonce, calls = probe_test("f", "f", checks, derive=False)
    assert len(calls) == MAX_CALLS == len(set(calls))
    _text, _nonce, calls = probe_test("f", "f", checks)  # and the calls derived from them
    assert len(calls) == len(set(calls))  # a typed call that is a derived one runs once
    assert MAX_CALLS + MAX_DERIVED < len(calls) <= MAX_CALLS + MAX_DERIVED + MAX_TYPED


def test_derived_calls_put_one_edge_value_of_the_same_type_in_one_argument_s_place() -> None:
    got = derived_calls(frozenset({'g("ab", 3)', "g('', 0)"}), "g")
    assert "g('', 3)" in got and "g('ab', 0)" in got and "g(' ', 3)" in got
    assert "g('AB', 3)" in got and "g('ab', 4)" in got and "g('', 1)" in got
    assert "g('', 0)" not in got  # a test's own call, however it is quoted
    assert not [c for c in got if "-" in c]  # no test passes a negative number: none derived
    assert "g('ab', -3)" in derived_calls(frozenset({'g("ab", 3)', "g('', -1)"}), "g")
    lists = derived_calls(frozenset({"h([3, 1, 2], key=1)"}), "h")
    assert set(lists) == {"h([], key=1)", "h([3], key=1)", "h([2, 1, 3], key=1)",
                          "h([3, 1, 2, 2], key=1)", "h([2, 3, 1, 2], key=1)",
                          "h([3, 1, 2, 0], key=1)", "h([3, 1, 2], key=0)",
                          "h([3, 1, 2], key=2)"}  # fmt: skip
    # a keyword argument is varied as a positional one is, and a dict's first value too
    named = derived_calls(frozenset({"k(d={'a': [1, 2], 'b': [3]})"}), "k")
    assert set(named) == {"k(d={})", "k(d={'a': [1, 2]})", "k(d={'a': [], 'b': [3]})"}
    assert derived_calls(frozenset({"h(x)", "h(1 + 2)", "broken("}), "h") == ()
    many = derived_calls(frozenset({f"f({i}, 'x', [1])" for i in range(40)}), "f")
    assert len(many) == MAX_DERIVED == len(set(many))
    # many calls: every argument's place gets each kind of edge before any gets one twice,
    # a string twice over among them (where "only one copy" and "every copy" part)
    many = derived_calls(frozenset({f"s('w{i}', 'p')" for i in range(12)}), "s")
    assert any(c.endswith(", '')") for c in many) and any(c.endswith(", 'pp')") for c in many)
    assert any(c.startswith("s('')") or c.startswith("s('', ") for c in many)
    assert any(c.startswith(f"s('w{i}w{i}', ") for i in range(12) for c in many)


def test_the_values_a_spec_names_are_read_from_its_prose() -> None:
    text = """Return True if day is "Saturday" or 'Sunday', else False; don't trust it.
    Ages between 13 and 19 count, -2.5 too; "Saturday" again, and 13.0 (a float)."""
    assert spec_values(text) == ("Saturday", "Sunday", 13, 19, -2.5, 13.0)
    assert spec_values("It's the user's list, x2 or v1.5") == ()  # apostrophes, names


def test_values_the_spec_names_come_first_among_the_derived_calls() -> None:
    # one argument: the spec's values stand in for it whatever type the tests passed
    got = derived_calls(frozenset({"is_weekend(2)", "is_weekend(3)"}), "is_weekend",
                        ("Saturday", "Sunday"))  # fmt: skip
    assert "is_weekend('Saturday')" in got and "is_weekend('Sunday')" in got
    assert "is_weekend(0)" in got  # the edge values still follow
    # several arguments: only where a test passes a value of the same kind
    got = derived_calls(frozenset({"pad('ab', 3)"}), "pad", ("-", 10, True))
    assert "pad('-', 3)" in got and "pad('ab', 10)" in got
    assert "pad('ab', '-')" not in got and "pad(True, 3)" not in got
    assert "pad('ab', True)" not in got
    many = derived_calls(frozenset({"f(1)"}), "f", tuple(range(100, 140)))
    named = [c for c in many if c in {f"f({i})" for i in range(100, 140)}]
    assert len(named) == MAX_SPEC_CALLS and len(many) <= MAX_DERIVED
    assert "f(1)" not in many and "f(0)" in many


def test_signature_calls_put_each_value_of_a_kind_in_each_place_the_spec_s_values_first() -> None:
    got = signature_calls("deposit", 2, (25, 10, "cents", True))
    assert got[0] == "deposit(25, 10)"  # the numbers the spec names open the numbers' turn
    assert "deposit('cents', 'hello world')" in got  # ...its strings the strings'
    numbers = [c for c in got if c.startswith("deposit(") and "'" not in c and "[" not in c
               and "{" not in c]  # fmt: skip
    firsts = {c.split("(")[1].split(",")[0] for c in numbers}
    seconds = {c.split(", ")[1].rstrip(")") for c in numbers}
    assert firsts == seconds == {"25", "10", "7", "0", "12", "1", "3", "2.5"}
    assert "deposit(True, True)" not in got and len(got) == len(set(got)) == MAX_TYPED
    assert "deposit(25, 'hello world')" in got  # then one place of another kind
    assert signature_calls("now", 0) == ("now()",)
    assert signature_calls("one", 1)[:3] == ("one(7)", "one('hello world')", "one([3, 1, 2])")
    # a probe runs them after the typed calls of the tests' own, whichever tests it has
    derived, typed = extra_calls(frozenset({"pad('ab', 3)"}), "pad", (), 2)
    own = [c for c in typed_calls(frozenset({"pad('ab', 3)"}), "pad") if c not in derived]
    assert list(typed[: len(own)]) == own and "pad('hello world', '')" in typed[len(own) :]
    assert not set(typed) & set(derived)
    assert extra_calls(frozenset(), "pad", (), 2) == ((), signature_calls("pad", 2))


def test_typed_calls_put_a_value_of_each_common_type_in_each_argument_s_place() -> None:
    # one argument: every typed value once, the tests' own call left out
    got = typed_calls(frozenset({"row_sums([1, 2])", "row_sums([])"}), "row_sums")
    assert "row_sums([[1, 2], [3], []])" in got and "row_sums('hello world')" in got
    assert "row_sums([])" not in got and len(got) == len(set(got)) == len(TYPED_VALUES) - 1
    # several arguments: the places take turns, and the first values are of different types
    got = typed_calls(frozenset({"pad('ab', 3)"}), "pad")
    assert len(got) == MAX_TYPED
    assert {"pad([3, 1, 2], 3)", "pad('ab', [3, 1, 2])", "pad('hello world', 3)",
            "pad('ab', 'hello world')", "pad(7, 3)", "pad('ab', 7)"} <= set(got)  # fmt: skip
    assert typed_calls(frozenset({"h(x)", "broken("}), "h") == ()
    # many calls of two arguments: each value in each place once, so that the later values
    # (a list of lists) are reached; a call with one argument too many makes no place
    calls = frozenset({"app([1, 2, 3], 2)", "app([0, 0], 1)", "app([], 0)", "app([1], 2, 3)"})
    got = typed_calls(calls, "app")
    grid = "[[1, 2], [3], []]"
    assert any(c.startswith(f"app({grid}, ") for c in got)
    assert any(c.endswith(f", {grid})") and not c.startswith(f"app({grid}") for c in got)
    assert not any(c.endswith(", 3)") for c in got)
    # ...then with the other argument at its first edge value: a dict scaled by zero
    got = typed_calls(frozenset({"scale({'a': 1}, 2)"}), "scale")
    assert "scale({'a': 1, 'b': 2}, 0)" in got and "scale({}, [3, 1, 2])" in got
    assert len(got) == MAX_TYPED == len(set(got))


def test_unreadable_output_fingerprints_every_call_as_a_failed_probe() -> None:
    checks = literal_checks(TEST, "f")
    _text, nonce, calls = probe_test("f", "f", checks)
    prints, held = read_probe("@@other@@[[], []]@@other@@", nonce, calls, checks)
    assert set(prints.values()) == {FAILED_PROBE} and set(prints) == set(calls)
    assert not any(held.values()) and len(held) == len(checks)


SQUARE = """def f(x):
    if x < 0:
        raise ValueError(x)
    print("noise " * 2000)  # what the code prints must not push the report out
    return x * x
"""


def calls_of(run: tuple[str, str, list[str]]) -> list[str]:
    return run[2]


@pytest.mark.skipif(BWRAP_UNAVAILABLE is not None, reason=f"bwrap: {BWRAP_UNAVAILABLE}")
def test_the_sandbox_reports_each_call_s_result_and_each_assert() -> None:
    checks = literal_checks(TEST, "f")
    codes = {
        "square": SQUARE,
        "same": "def f(x):\n    if x < 0:\n        raise ValueError\n    return x ** 2\n",
        "floats": "def f(x):\n    if x < 0:\n        raise ValueError\n    return float(x * x)\n",
        "none": "def f(x):\n    return None\n",
        "hangs": "def f(x):\n    while True:\n        pass\n",
        "exits": "import os\nos._exit(0)\n",
    }
    runs = {name: probe_test("f", "f", checks) for name in codes}
    pairs = [
        PairSpec(pair_id=name, module="f", code=code, test=runs[name][0])
        for name, code in codes.items()
    ]
    results = get_backend("bwrap", standby=False).run_batch(pairs, Limits(timeout_s=20))
    seen = {r.pair_id: read_probe(r.output, *runs[r.pair_id][1:], checks) for r in results}
    prints, held = seen["square"]
    assert held == {check_key(c): True for c in checks}  # square holds every assert
    own = {c: prints[c] for c, _ in checks}  # the tests' calls: each a different result
    assert own["f(-1)"] == "!ValueError" and len(set(own.values())) == len(own)
    assert seen["same"][0] == prints  # the same results, the same fingerprints
    assert seen["floats"][0] == prints  # 4.0 and 4: == cannot tell them apart, nor can they
    none_prints, none_held = seen["none"]
    assert len(set(none_prints.values())) == 1  # one value for every call
    assert {k for k, v in none_held.items() if v} == {check_key(("f(0)", "falsy"))}
    hung = seen["hangs"][0]
    assert {hung[c] for c, _ in checks} == {"!TimeoutError"}  # each call cut, not the run
    assert set(hung.values()) == {"!TimeoutError", "!Skipped"}  # derived: one deadline
    derived = set(calls_of(runs["square"])) - {c for c, _ in checks}
    assert derived and prints["f(-2)"] == "!ValueError" and prints["f(6)"] != prints["f(5)"]
    assert set(seen["exits"][0].values()) == {FAILED_PROBE}


@pytest.mark.skipif(BWRAP_UNAVAILABLE is not None, reason=f"bwrap: {BWRAP_UNAVAILABLE}")
def test_a_bool_does_not_hold_an_assert_that_expects_a_number() -> None:
    test = (
        "from f import f\n\ndef test_f():\n    assert f(2) == 0\n    assert f(3) == 1\n"
        "    assert f(3) == True\n    assert not f(2)\n    assert f(5) == 1.0\n"
    )
    checks = literal_checks(test, "f")
    codes = {  # the same answers, one as a bool and one as a number
        "bool": "def f(x):\n    return x % 2 == 1\n",
        "int": "def f(x):\n    return x % 2\n",
    }
    runs = {name: probe_test("f", "f", checks) for name in codes}
    pairs = [PairSpec(pair_id=n, module="f", code=c, test=runs[n][0]) for n, c in codes.items()]
    results = get_backend("bwrap", standby=False).run_batch(pairs, Limits(timeout_s=20))
    held = {r.pair_id: read_probe(r.output, *runs[r.pair_id][1:], checks)[1] for r in results}
    assert all(held["int"].values()) and len(held["int"]) == 5  # 1 == True still holds
    assert {k for k, v in held["bool"].items() if v} == {
        check_key(("f(3)", "eq:True")),
        check_key(("f(2)", "falsy")),
    }


def test_a_code_s_probe_runs_the_values_its_spec_names() -> None:
    from supercharger.spec import parse_spec
    from supercharger.tasks.steps import probe_pair

    spec = parse_spec('# True if day is "Saturday" or "Sunday", else False\ndef is_weekend(day):\n')
    test = "from is_weekend import is_weekend\n\ndef test_w():\n    assert not is_weekend(2)\n"
    found = probe_pair(spec, "def is_weekend(day):\n    return False\n", {"t0": test})
    assert found is not None
    _pair, (_checks, _union, _nonce, calls, typed) = found
    assert "is_weekend([3, 1, 2])" in typed and "is_weekend('Saturday')" not in typed
    assert "is_weekend(2)" in calls and "is_weekend('Saturday')" in calls


DEPOSIT = {  # three right readings (one in floats), two wrong ones, listed first
    "wrong": "def deposit(bottles, cans):\n    return 25 * (cans - 1) * 25 + bottles\n",
    "plus": "def deposit(bottles, cans):\n    return bottles * 25 + cans * 10 + 25\n",
    "right": "def deposit(bottles, cans):\n    return bottles * 25 + cans * 10\n",
    "total": "def deposit(bottles, cans):\n    total = (bottles * 25) + cans * 10\n"
    "    return total\n",
    "floats": "def deposit(bottles, cans):\n    return bottles * 25.0 + cans * 10.0\n",
}


@pytest.mark.skipif(BWRAP_UNAVAILABLE is not None, reason=f"bwrap: {BWRAP_UNAVAILABLE}")
def test_codes_whose_tests_call_with_no_literal_argument_are_grouped_on_signature_calls() -> None:
    """The model's tests call ``deposit(bottles, cans)`` with names they never bound: no
    input of theirs to agree on, and the oldest code came first. The probe runs the signature
    calls instead; the right readings agree on the numbers and outnumber each wrong one."""
    from supercharger.policy import JobView, behaviour_groups, rank_codes
    from supercharger.spec import parse_spec
    from supercharger.tasks.steps import probe_pair, probed
    from tests.test_policy import view

    spec = parse_spec(
        "# The deposit in cents: bottles worth 25 cents each, cans worth 10\n"
        "def deposit(bottles, cans):\n"
    )
    test = ("from deposit import deposit\n\ndef test_d():\n"
            "    assert deposit(bottles, cans) == 35\n")  # fmt: skip
    plans = {name: probe_pair(spec, code, {"t0": test}) for name, code in DEPOSIT.items()}
    assert all(plan is not None and not plan[1][1] for plan in plans.values())  # no literal call
    pairs = [plan[0].model_copy(update={"pair_id": name, "code": DEPOSIT[name]})
             for name, plan in plans.items() if plan]  # fmt: skip
    results = get_backend("bwrap", standby=False).run_batch(pairs, Limits(timeout_s=20))
    seen = {r.pair_id: probed(r, plans[r.pair_id][1])["t0"] for r in results}  # type: ignore[index]
    assert all(not s["calls"] and not s["asserts"] for s in seen.values())
    assert seen["right"]["typed"]["deposit(25, 10)"] == seen["floats"]["typed"]["deposit(25, 10)"]
    v: JobView = view(codes=list(DEPOSIT), typed={c: s["typed"] for c, s in seen.items()})
    groups = behaviour_groups(v)[1]
    assert set(groups[0].codes) == {"right", "total", "floats"} and not groups[0].degenerate
    assert rank_codes(v)[0][0] in {"right", "total", "floats"}


ROW_SUMS = {  # two right readings, and two that return [] on the tests' inputs too
    "right": "def row_sums(rows):\n    return [sum(r) for r in rows]\n",
    "loop": "def row_sums(rows):\n    out = []\n    for r in rows:\n        out.append(sum(r))\n"
    "    return out\n",
    "firsts": "def row_sums(rows):\n    return [r[0] for r in rows if len(r) == 1 and r[0]]\n",
    "drops": "def row_sums(rows):\n    return [sum(r[:-1]) for r in rows]\n",
}


@pytest.mark.skipif(BWRAP_UNAVAILABLE is not None, reason=f"bwrap: {BWRAP_UNAVAILABLE}")
def test_codes_alike_on_the_tests_inputs_part_on_inputs_of_the_type_the_spec_means() -> None:
    """The model's tests pass flat lists to a function of a list of lists: every code returns
    [] or raises the same TypeError on their calls. On the typed calls the right readings still
    agree with each other and part from the wrong ones, which the policy's derived votes see."""
    from supercharger.policy import JobView, derived_errors, derived_votes
    from supercharger.spec import parse_spec
    from supercharger.tasks.steps import probe_pair, probed
    from tests.test_policy import view

    spec = parse_spec("# The sum of each inner list of rows\ndef row_sums(rows):\n")
    test = ("from row_sums import row_sums\n\ndef test_r():\n    assert row_sums([]) == []\n"
            "    assert row_sums([1, 2]) == [3]\n")  # fmt: skip
    plans = {name: probe_pair(spec, code, {"t0": test}) for name, code in ROW_SUMS.items()}
    pairs = [plan[0].model_copy(update={"pair_id": name, "code": ROW_SUMS[name]})
             for name, plan in plans.items() if plan]  # fmt: skip
    results = get_backend("bwrap", standby=False).run_batch(pairs, Limits(timeout_s=20))
    seen = {r.pair_id: probed(r, plans[r.pair_id][1])["t0"] for r in results}  # type: ignore[index]
    assert len({tuple(sorted(s["calls"].items())) for s in seen.values()}) == 1  # all alike
    typed = "row_sums([[1, 2], [3], []])"
    assert typed in seen["right"]["typed"] and typed not in seen["right"]["derived"]
    assert "row_sums([1])" in seen["right"]["derived"]  # an edge value: derived, not typed
    v: JobView = view(
        codes=list(ROW_SUMS),
        behaviour={c: s["calls"] for c, s in seen.items()},
        derived={c: s["derived"] for c, s in seen.items()},
        typed={c: s["typed"] for c, s in seen.items()},
    )
    assert derived_votes(v) == {"right": 2, "loop": 2, "firsts": 1, "drops": 1}
    # the wrong two take a string ("hello world") where the right two raise: half of the
    # group, so no input the group takes, and nobody's error there counts
    assert derived_errors(v) == {"right": 0, "loop": 0, "firsts": 0, "drops": 0}
