"""What a pytest file checks of a function, read from its syntax (the file is never run here).

A test's worth as evidence is the number of *distinct* calls of the function whose result it
asserts: ``assert f(2) == 2`` twice, or the same test file generated twice, is one check. Two
weak tests do not add up to a strong one; three different inputs whose outputs agree with the
code do."""

from __future__ import annotations

import ast
from functools import lru_cache


@lru_cache(maxsize=4096)
def asserted_calls(test_source: str, fn_name: str) -> frozenset[str]:
    """The distinct calls of ``fn_name`` inside ``assert`` statements (and the argument rows
    of a ``pytest.mark.parametrize`` over a test that asserts a call), each as normalized
    source text; empty when the file does not parse."""
    try:
        tree = ast.parse(test_source)
    except (SyntaxError, ValueError):
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
            calls |= _calls_in(node, fn_name)
            calls |= {
                named[n.id] for n in ast.walk(node) if isinstance(n, ast.Name) and n.id in named
            }
    return frozenset(calls)


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
