"""Properties: cleaning never crashes, always parses, is idempotent, keeps clean code as is."""

from __future__ import annotations

import ast

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supercharger.clean import Cleaned, Refused, clean_code, clean_test

FAST = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

IMPORTS = ["import math", "import numpy as np", "from collections import Counter as C"]
CONSTANTS = ["LIMIT = 10", "NAMES = ['a', 'b']", "PAIRS = {(1, 2): 3}", "EPS: float = 1e-9"]
BODY_LINES = [
    ["total = 0", "for v in range(x):", "    if v % 3 == 0:", "        break", "    total += v"],
    ["# a comment", "while x > 10:", "    x -= 1", "else:", "    x += 1"],
    ["try:", "    y = 1 / x", "except ZeroDivisionError:", "    y = 0"],
    ['"""Docstring with ``` inside."""'],
    ["if x:", "    pass", "elif x is None:", "    x = 0"],
    ["s = '''multi", "", "", "", "line'''"],
]
RETURNS = ["return x", "return total if x else None", "return [v for v in range(x)]"]


@st.composite
def clean_modules(draw: st.DrawFn) -> str:
    """Well-formed modules made of imports, constants, helpers and the target function."""
    parts = draw(st.lists(st.sampled_from(IMPORTS), unique=True, max_size=2))
    parts += draw(st.lists(st.sampled_from(CONSTANTS), unique=True, max_size=2))
    helpers = draw(st.integers(0, 2))
    for i in range(helpers + 1):
        name = "target" if i == helpers else f"helper_{i}"
        chosen = draw(st.lists(st.sampled_from(BODY_LINES), max_size=3))
        body = [line for group in chosen for line in group] + [draw(st.sampled_from(RETURNS))]
        indented = ["    " + line if line else "" for line in body]
        if body[0].startswith("total") or "total" not in body[-1]:
            parts.append("\n".join([f"def {name}(x):", *indented]))
        else:
            parts.append("\n".join([f"def {name}(x):", "    total = 0", *indented]))
    return "\n\n\n".join(parts) + "\n"


NOISE = [
    "Here is the code:",
    "It is undefined for negative numbers.",
    "```python",
    "```",
    "print(target(3))",
    "result = target(2)",
    "assert target(1) == 1",
    "if __name__ == '__main__':",
    "    print(result)",
    "Output: 120",
    "def test_target():",
    "    assert target(2) == 2",
    "from target import target",
    "import pytest",
    "@pytest.mark.parametrize('x', [1, 2])",
    "def test_param(x):",
    "    with pytest.raises(ValueError):",
    "        target(-x)",
    "class TestTarget:",
    "    def test_one(self):",
    "        assert target(1)",
    "",
]


@st.composite
def replies(draw: st.DrawFn) -> str:
    """Messy replies: prose, fences, usage and tests around clean code, maybe cut or looping."""
    lines = draw(clean_modules()).split("\n")
    for _ in range(draw(st.integers(0, 8))):
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(NOISE)))
    if draw(st.booleans()):
        start = draw(st.integers(0, len(lines)))
        lines += lines[start:][:5] * draw(st.integers(0, 6))
    text = "\n".join(lines)
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    return text


TEST_PIECES = [
    "import pytest",
    "from target import target",
    "from solution import target",
    "import math",
    "CASES = [(1, 1), (2, 2)]",
    "def target(x):\n    return x",
    "def test_one():\n    assert target(1) == 1",
    "def test_two():\n    # comment\n    assert target(2) == math.sqrt(4)",
    "@pytest.mark.parametrize('x, y', CASES)\ndef test_cases(x, y):\n    assert target(x) == y",
    "class TestT:\n    def test_neg(self):\n        with pytest.raises(ValueError):\n"
    "            target(-1)",
    "class T(unittest.TestCase):\n    def test_t(self):\n        self.assertEqual(target(0), 0)",
    "test_one()",
    "if __name__ == '__main__':\n    pytest.main()",
    "Here are the tests:",
    "```python",
    "```",
]


@st.composite
def reply_tests(draw: st.DrawFn) -> str:
    """Test replies assembled from typical pieces, maybe cut or looping."""
    pieces = draw(st.lists(st.sampled_from(TEST_PIECES), min_size=1, max_size=10))
    text = "\n\n".join(pieces)
    if draw(st.booleans()):
        text += ("\n" + draw(st.sampled_from(TEST_PIECES))) * draw(st.integers(0, 8))
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    return text


@FAST
@given(clean_modules())
def test_clean_code_is_kept_exactly(source: str) -> None:
    result = clean_code(source, "target")
    assert isinstance(result, Cleaned), result
    assert result.text == source
    assert ast.dump(ast.parse(result.text)) == ast.dump(ast.parse(source))


@FAST
@given(replies())
def test_clean_code_parses_and_is_idempotent(raw: str) -> None:
    result = clean_code(raw, "target")
    if isinstance(result, Refused):
        assert result.reason and "\n" not in result.reason
        return
    assert result.text.endswith("\n")
    tree = ast.parse(result.text)
    assert any(isinstance(n, ast.FunctionDef) and n.name == "target" for n in tree.body)
    assert clean_code(result.text, "target") == Cleaned(result.text)


@FAST
@given(st.one_of(replies(), reply_tests()))
def test_clean_test_parses_and_is_idempotent(raw: str) -> None:
    result = clean_test(raw, "target", "target")
    if isinstance(result, Refused):
        assert result.reason and "\n" not in result.reason
        return
    assert result.text.endswith("\n")
    tree = ast.parse(result.text)
    assert "from target import target" in result.text.split("\n")
    assert not any(isinstance(n, ast.FunctionDef) and n.name == "target" for n in tree.body)
    assert clean_test(result.text, "target", "target") == Cleaned(result.text)


@FAST
@given(st.text(max_size=300))
def test_any_text_gives_parseable_code_or_a_refusal(raw: str) -> None:
    for result in (clean_code(raw, "f"), clean_test(raw, "f", "mod")):
        assert isinstance(result, (Cleaned, Refused))
        if isinstance(result, Cleaned):
            ast.parse(result.text)
