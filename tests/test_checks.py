"""What a generated test checks, read from its syntax."""

from supercharger.checks import (
    asserted_calls,
    asserted_outcomes,
    call_arguments,
    unread_parameters,
    unvaried_arguments,
)


def test_distinct_asserted_calls_count_once_each() -> None:
    src = (
        "def test_a():\n    assert f(1) == 1\n    assert f(1) == 1\n    assert f( 2 )==3\n"
        "    f(9)\n\ndef test_b():\n    assert f(2) == 3 and g(4)\n"
    )
    assert asserted_calls(src, "f") == {"f(1)", "f(2)"}  # f(9) is called, never asserted


def test_a_result_named_before_its_assert_counts() -> None:
    src = "def test_a():\n    result = f([3, 1])\n    other = f(0)\n    assert result == [1, 3]\n"
    assert asserted_calls(src, "f") == {"f([3, 1])"}


def test_parametrized_rows_count_one_each() -> None:
    src = (
        "import pytest\n\n@pytest.mark.parametrize('a, b', [(1, 2), (3, 4), (5, 6)])\n"
        "def test_p(a, b):\n    assert f(a) == b\n"
    )
    assert len(asserted_calls(src, "f")) == 3
    unused = src.replace("assert f(a) == b", "assert a < b")
    assert asserted_calls(unused, "f") == frozenset()


def test_asserts_that_pytest_never_runs_check_nothing() -> None:
    # Two functions of one name: pytest collects the last, the first's asserts never run.
    src = (
        "def test_v():\n    assert f({}, {'a': 1}) == [1]\n\n"
        "def test_v():\n    assert f({}, [None]) == []\n"
    )
    assert asserted_calls(src, "f") == {"f({}, [None])"}
    assert asserted_outcomes(src, "f") == {"[]"}
    in_class = (
        "class TestF:\n    def test_a(self):\n        assert f(1) == 1\n\n"
        "    def test_a(self):\n        assert f(2) == 4\n\n"
        "    def test_b(self):\n        assert f(3) == 9\n"
    )
    assert asserted_calls(in_class, "f") == {"f(2)", "f(3)"}
    rebound = "def test_a():\n    assert f(1) == 1\n\ntest_a = None\n"
    assert asserted_calls(rebound, "f") == frozenset()
    kept = src.replace("def test_v():\n    assert f({}, [", "def test_w():\n    assert f({}, [")
    assert asserted_calls(kept, "f") == {"f({}, {'a': 1})", "f({}, [None])"}


def test_a_file_that_does_not_parse_checks_nothing() -> None:
    assert asserted_calls("def test_x(:\n    assert f(1)\n", "f") == frozenset()
    assert asserted_calls("def test_x():\n    assert other(1) == 2\n", "f") == frozenset()


def test_the_values_asserts_expect() -> None:
    src = (
        "import pytest\n\ndef test_a():\n    assert clamp(3, 0, 3) == 3\n"
        "    assert (clamp(5, 0, 3)) == (3)\n    r = clamp(9, 1, 3)\n    assert r == 3\n"
    )
    assert asserted_outcomes(src, "clamp") == {"3"}  # a constant 3 would pass it
    more = src + "    assert 1 == clamp(-1, 1, 3)\n    assert not clamp(0, 0, 0)\n"
    assert asserted_outcomes(more, "clamp") == {"3", "1", "False"}
    raises = "import pytest\n\ndef test_r():\n    with pytest.raises(ValueError):\n        f(-1)\n"
    assert asserted_outcomes(raises + "    assert f(2)\n", "f") == {"raises", "True"}


def test_asserts_of_the_examples_calls_are_left_out_of_the_values_expected() -> None:
    # seen on a never-tuned spec: the spec says "True for an empty string"; the test repeats
    # that and then asserts only False cases, which `return s == ""` passes
    src = (
        "def test_doubled():\n    assert is_doubled('') == True\n"
        "    assert is_doubled('123') == False\n    r = is_doubled('')\n    assert r\n"
        "    assert is_doubled(2) == False\n"
    )
    assert asserted_outcomes(src, "is_doubled") == {"True", "False"}
    given = frozenset({"is_doubled('')"})
    assert asserted_outcomes(src, "is_doubled", given) == {"False"}
    both = "def test_b():\n    assert is_doubled('') == is_doubled('aa')\n"
    kept = asserted_outcomes(both, "is_doubled", given)  # not only the example's call: kept
    assert kept == asserted_outcomes(both, "is_doubled") and kept


def test_an_assert_of_another_form_leaves_the_values_unknown() -> None:
    assert asserted_outcomes("def test_a():\n    assert f(2) > 1\n", "f") is None
    assert asserted_outcomes("def test_x(:\n", "f") is None
    assert asserted_outcomes("def test_a():\n    assert g(2) > 1\n", "f") == frozenset()


def test_the_arguments_of_a_call_and_those_its_checks_never_vary() -> None:
    assert call_arguments("f(1, 'a', k=[2])") == {0: "1", 1: "'a'", "k": "[2]"}
    assert call_arguments("f(*xs)") is None and call_arguments("f(**kw)") is None
    assert call_arguments("<t1>") is None and call_arguments("x + 1") is None
    calls = {"f(1, 2)", "f(2, 2)", "f(3, 2, 7)"}
    assert unvaried_arguments(calls) == {1}  # position 2 passed once: not held constant
    assert unvaried_arguments(calls | {"f(4, 0)"}) == set()
    assert unvaried_arguments({"f(1)"}) == set() and unvaried_arguments(set()) == set()


def test_the_parameters_a_code_never_reads() -> None:
    code = 'def square_color(col, row):\n    return "dark" if col % 2 == 0 else "light"\n'
    assert unread_parameters(code, "square_color") == ("row",)
    both = "def f(col, row):\n    return (col + row) % 2 == 0\n"
    assert unread_parameters(both, "f") == ()
    # read in a nested function or a comprehension counts; keyword-only ones are parameters too
    nested = (
        "def f(a, *, b, c=1):\n    def g():\n        return a\n    return [g() + b for _ in '']\n"
    )
    assert unread_parameters(nested, "f") == ("c",)
    # assigned before it is read is not read; the last definition is the one that runs
    assert unread_parameters("def f(x, y):\n    y = 2\n    return x + y\n", "f") == ()
    assert unread_parameters("def f(x, y):\n    x = 1\n    return 0\n", "f") == ("x", "y")
    redefined = "def f(x, y):\n    return x\n\ndef f(x, y):\n    return x + y\n"
    assert unread_parameters(redefined, "f") == ()
    # no such function, no parse, or a body that may read them by name: nothing to say
    assert unread_parameters("def g(x):\n    return 1\n", "f") == ()
    assert unread_parameters("def f(x:\n", "f") == ()
    assert unread_parameters("def f(x, y):\n    return locals()['y']\n", "f") == ()
