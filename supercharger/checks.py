"""What a pytest file checks of a function, read from its syntax (the file is never run here).

A test's worth as evidence is the number of *distinct* calls of the function whose result it
asserts: ``assert f(2) == 2`` twice, or the same test file generated twice, is one check. Two
weak tests do not add up to a strong one; three different inputs whose outputs agree with the
code do. And the outputs they expect must differ: checks that all expect the same value pass a
function that returns that constant whatever it is given.

Of a code it reads one thing: which of its function's parameters it never reads
(``unread_parameters``)."""

from __future__ import annotations

import ast
from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=4096)
def asserted_calls(test_source: str, fn_name: str) -> frozenset[str]:
    """The distinct calls of ``fn_name`` inside ``assert`` statements (and the argument rows
    of a ``pytest.mark.parametrize`` over a test that asserts a call), each as normalized
    source text; empty when the file does not parse."""
    tree = _parse_run(test_source)
    if tree is None:
        return frozenset()
    calls: set[str] = set()
    parametrized: set[ast.AST] = set()
    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef) and (rows := _parametrized_rows(fn)):
            if _calls_in_asserts(fn, fn_name):
                calls |= rows
            parametrized |= set(ast.walk(fn))
    named = _named_calls(tree, fn_name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert) and node not in parametrized:
            calls |= _assert_calls(node, fn_name, named)
    return frozenset(calls)


_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


@lru_cache(maxsize=64)  # the files of one step, read twice in a row (steps.py)
def _parse_run(test_source: str) -> ast.Module | None:
    """The file's syntax tree as pytest runs it: a function or class that a later one of the
    same name replaces, in the module or in a class, is left out (two ``def test_x`` in one
    file: only the last is collected, and the asserts of the first never run). None when the
    file does not parse. Parsed once for ``asserted_calls`` and ``asserted_outcomes`` alike:
    the tree is shared, read and never changed by them."""
    try:
        tree = ast.parse(test_source)
    except (SyntaxError, ValueError):
        return None
    _drop_replaced(tree)
    return tree


def _drop_replaced(scope: ast.Module | ast.ClassDef) -> None:
    last: dict[str, int] = {}
    for i, stmt in enumerate(scope.body):
        if isinstance(stmt, _DEFINITIONS):
            last[stmt.name] = i
        elif isinstance(stmt, ast.Assign):
            last |= {t.id: i for t in stmt.targets if isinstance(t, ast.Name)}
    scope.body = [
        stmt
        for i, stmt in enumerate(scope.body)
        if not isinstance(stmt, _DEFINITIONS) or last[stmt.name] == i
    ]
    for stmt in scope.body:
        if isinstance(stmt, ast.ClassDef):
            _drop_replaced(stmt)


def _calls_in(node: ast.AST, fn_name: str) -> set[str]:
    return {
        ast.unparse(n)
        for n in ast.walk(node)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == fn_name
    }


def _named_calls(tree: ast.Module, fn_name: str) -> dict[str, str]:
    """``result = f(2)`` then ``assert result == 4``: the name stands for the call."""
    named = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
            if isinstance(target, ast.Name) and _calls_in(value, fn_name) == {ast.unparse(value)}:
                named[target.id] = ast.unparse(value)
    return named


def _calls_in_asserts(fn: ast.FunctionDef, fn_name: str) -> bool:
    return any(isinstance(n, ast.Assert) and _calls_in(n, fn_name) for n in ast.walk(fn))


def _parametrized_rows(fn: ast.FunctionDef) -> set[str]:
    """``@pytest.mark.parametrize("a, b", [(1, 2), (3, 4)])``: one check per row."""
    rows: set[str] = set()
    for deco in fn.decorator_list:
        if not (isinstance(deco, ast.Call) and ast.unparse(deco.func).endswith("parametrize")):
            continue
        if len(deco.args) >= 2 and isinstance(deco.args[1], ast.List | ast.Tuple):
            rows |= {f"{fn.name}[{ast.unparse(row)}]" for row in deco.args[1].elts}
    return rows


@lru_cache(maxsize=4096)
def asserted_outcomes(
    test_source: str, fn_name: str, besides: frozenset[str] = frozenset()
) -> frozenset[str] | None:
    """The distinct values that asserts of ``fn_name``'s calls expect, as normalized source
    text: the other side of ``f(x) == E`` (or of ``r == E`` after ``r = f(x)``), ``True`` for
    ``assert f(x)``, ``False`` for ``assert not f(x)``, one per parametrize row, ``raises`` for
    a call under ``pytest.raises``. None when the file does not parse or an assert of a call
    is of another form (the expectation is not known). An assert whose calls are all among
    ``besides`` (the spec's examples' calls, which a generated test only repeats) is left out."""
    tree = _parse_run(test_source)
    if tree is None:
        return None
    named = _named_calls(tree, fn_name)
    out: set[str] = set()
    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef) and (rows := _parametrized_rows(fn)):
            if _calls_in_asserts(fn, fn_name):
                out |= rows
    for node in ast.walk(tree):
        if isinstance(node, ast.With) and any(
            ast.unparse(item.context_expr).split("(")[0].endswith("raises") for item in node.items
        ):
            if any(_calls_in(stmt, fn_name) for stmt in node.body):
                out.add("raises")
        if not isinstance(node, ast.Assert):
            continue
        test = node.test
        calls = _assert_calls(test, fn_name, named)
        if not calls or calls <= besides:
            continue
        value = _expected(test, fn_name, named)
        if value is None:
            return None
        out.add(value)
    return frozenset(out)


def _assert_calls(node: ast.AST, fn_name: str, named: dict[str, str]) -> set[str]:
    """The calls of ``fn_name`` in ``node``, those it reads through a name (``r = f(x)``) too."""
    return _calls_in(node, fn_name) | {
        named[n.id] for n in ast.walk(node) if isinstance(n, ast.Name) and n.id in named
    }


def _is_call(node: ast.AST, fn_name: str, named: dict[str, str]) -> bool:
    if isinstance(node, ast.Name):
        return node.id in named
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and (node.func.id == fn_name)
    )


def _expected(test: ast.expr, fn_name: str, named: dict[str, str]) -> str | None:
    """What ``assert test`` expects of the call in it; None when not of a known form."""
    if _is_call(test, fn_name, named):
        return "True"
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return "False" if _is_call(test.operand, fn_name, named) else None
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        left, right = test.left, test.comparators[0]
        if isinstance(test.ops[0], ast.Eq | ast.Is):
            if _is_call(left, fn_name, named):
                return ast.unparse(right)
            if _is_call(right, fn_name, named):
                return ast.unparse(left)
    return None


@lru_cache(maxsize=4096)
def call_arguments(call: str) -> dict[int | str, str] | None:
    """The arguments of one call's source (as ``asserted_calls`` gives it), each as source
    text, by position (0, 1, ...) or keyword name; None when it is not a single call."""
    try:
        node = ast.parse(call, mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    if not isinstance(node, ast.Call) or any(isinstance(a, ast.Starred) for a in node.args):
        return None
    args: dict[int | str, str] = {i: ast.unparse(a) for i, a in enumerate(node.args)}
    for k in node.keywords:
        if k.arg is None:  # **kwargs: which argument it fills is not known
            return None
        args[k.arg] = ast.unparse(k.value)
    return args


def unvaried_arguments(calls: Iterable[str]) -> set[int | str]:
    """The arguments (positions, keyword names) that two or more of ``calls`` pass and that
    hold the same value in all of them. Checks that never vary an argument do not check what
    the function does with it: ``seat_label(1, 2) == "1C"``, ``seat_label(2, 2) == "2C"``, ...
    pass a code that ignores the seat and always writes "C"."""
    passed: dict[int | str, list[str]] = {}
    for call in calls:
        for key, value in (call_arguments(call) or {}).items():
            passed.setdefault(key, []).append(value)
    return {key for key, values in passed.items() if len(values) >= 2 and len(set(values)) == 1}


@lru_cache(maxsize=4096)
def unread_parameters(code_source: str, fn_name: str) -> tuple[str, ...]:
    """The named parameters of the module-level ``def fn_name`` (the last one) that its body
    never reads, in order; empty when there is no such function or the code does not parse. A
    spec's parameters are there to be used: of 392 right codes in 17 stored eval runs none left
    one unread, and of 15,392 wrong ones 2,560 did (``return "dark" if col % 2 == 0 else
    "light"`` for a square's colour at ``col, row``)."""
    try:
        tree = ast.parse(code_source)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return ()
    defs = [n for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    mine = [n for n in defs if n.name == fn_name]
    if not mine:
        return ()
    fn = mine[-1]
    args = fn.args
    named = [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]
    read = {
        n.id
        for stmt in fn.body
        for n in ast.walk(stmt)
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
    }
    if read & {"locals", "vars", "eval", "exec"}:  # it may read them by name
        return ()
    return tuple(a for a in named if a not in read)
