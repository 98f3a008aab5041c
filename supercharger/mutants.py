"""Mutants of a code: small deliberate bugs, one per mutant, to measure what a test checks.

A test that passes against a code and fails against most of its mutants checks what the code
does; one that passes against the mutants too checks little. Pure ``str -> list[str]``: the
mutants are run like any code, in the sandbox, never here.

Each mutant changes one place of the code's syntax tree: an arithmetic, comparison or boolean
operator, a constant, a ``not``, a unary minus, a returned value, a ``break``/``continue``.
A maintained mutation tool (mutmut, cosmic-ray) drives a whole project through its own test
runner and working copy; here a mutant is only a text handed to the sandbox, so the operators
are written out below.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable, Iterator

Swap = dict[type, type]

ARITHMETIC: Swap = {
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.FloorDiv, ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div, ast.Mod: ast.FloorDiv, ast.Pow: ast.Mult,
}  # fmt: skip
COMPARISON: Swap = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}  # fmt: skip
BOOLEAN: Swap = {ast.And: ast.Or, ast.Or: ast.And}
LOOP: Swap = {ast.Break: ast.Continue, ast.Continue: ast.Break}
MAX_MUTANTS = 30


def _constant(value: object) -> object | None:
    """The mutated value of a constant, or None when it has none worth trying."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1 if value != 1 else 0
    if isinstance(value, float):
        return value + 1.0
    if isinstance(value, str):
        return value + "x" if value else "x"
    return None


def _edits(node: ast.AST) -> Iterator[Callable[[ast.AST], None]]:
    """Every single change this node allows, each as a function applied to a copy of it."""
    if isinstance(node, ast.BinOp | ast.AugAssign) and type(node.op) in ARITHMETIC:
        new = ARITHMETIC[type(node.op)]
        yield lambda n: setattr(n, "op", new())
    elif isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            if type(op) in COMPARISON:
                yield lambda n, i=i, new=COMPARISON[type(op)]: n.ops.__setitem__(i, new())
    elif isinstance(node, ast.BoolOp):
        yield lambda n: setattr(n, "op", BOOLEAN[type(n.op)]())
    elif isinstance(node, ast.Constant) and _constant(node.value) is not None:
        yield lambda n: setattr(n, "value", _constant(n.value))
    elif isinstance(node, ast.Return) and node.value is not None:
        if not (isinstance(node.value, ast.Constant) and node.value.value is None):
            yield lambda n: setattr(n, "value", ast.Constant(None))


def _is_unwrappable(child: object) -> bool:
    return isinstance(child, ast.UnaryOp) and isinstance(child.op, ast.Not | ast.USub)


def _unwraps(node: ast.AST) -> Iterator[Callable[[ast.AST], None]]:
    """Children that can replace themselves with their operand: ``not x`` -> ``x``,
    ``-x`` -> ``x``; each as an edit of the parent ``node``."""
    for field, child in ast.iter_fields(node):
        if _is_unwrappable(child):
            yield lambda n, f=field: setattr(n, f, getattr(n, f).operand)
        elif isinstance(child, list):
            for k, item in enumerate(child):
                if _is_unwrappable(item):
                    yield lambda n, f=field, k=k: getattr(n, f).__setitem__(
                        k, getattr(n, f)[k].operand
                    )


def _sites(tree: ast.Module) -> list[tuple[int, Callable[[ast.AST], None]]]:
    """(index of a node in walk order, edit) for every mutation the tree allows."""
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    sites = []
    for i, node in enumerate(ast.walk(tree)):
        if id(node) in docstrings:  # changing a docstring changes nothing the code does
            continue
        sites += [(i, edit) for edit in _edits(node)]
        sites += [(i, edit) for edit in _unwraps(node)]
        if type(node) in LOOP:
            sites.append((i, _swap_loop_exit))
    return sites


def _swap_loop_exit(node: ast.AST) -> None:
    node.__class__ = LOOP[type(node)]


def mutants(code: str, limit: int = MAX_MUTANTS) -> list[str]:
    """Up to ``limit`` distinct mutants of ``code``, spread evenly over its mutation sites;
    none when it does not parse. The same code always gives the same mutants."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    original = ast.unparse(tree)
    sites = _sites(tree)
    if len(sites) > limit:
        step = len(sites) / limit
        sites = [sites[int(k * step)] for k in range(limit)]
    out: list[str] = []
    for index, edit in sites:
        copy_tree = copy.deepcopy(tree)
        edit(next(n for i, n in enumerate(ast.walk(copy_tree)) if i == index))
        try:
            text = ast.unparse(ast.fix_missing_locations(copy_tree))
        except (AttributeError, TypeError, ValueError):
            continue
        if text != original and text not in out:
            out.append(text)
    return out
