"""Which module-level statements of a reply to keep: definitions stay, example usage goes."""

from __future__ import annotations

import ast
import copy
from dataclasses import dataclass

from supercharger.clean.names import MODULE_NAMES, SIDE_EFFECT_CALLS, eager, imported_names

DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_SIMPLE_DECLARATIVE = (ast.Import, ast.ImportFrom, *DEFS, ast.Assign, ast.AugAssign, ast.Pass)


def is_docstring(node: ast.stmt) -> bool:
    """A bare string literal statement."""
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def is_main_guard(node: ast.stmt) -> bool:
    """``if __name__ == "__main__":`` (either operand order)."""
    if not isinstance(node, ast.If) or not isinstance(node.test, ast.Compare):
        return False
    sides = [node.test.left, *node.test.comparators]
    names = [s for s in sides if isinstance(s, ast.Name) and s.id == "__name__"]
    return len(sides) == 2 and bool(names)


def is_declarative(node: ast.stmt) -> bool:
    """Defines things without acting: imports, defs, assignments, and if/try made only of those."""
    if isinstance(node, _SIMPLE_DECLARATIVE) or is_docstring(node):
        return True
    if isinstance(node, ast.AnnAssign):
        return node.value is not None or isinstance(
            node.annotation, (ast.Name, ast.Attribute, ast.Subscript)
        )
    if isinstance(node, ast.If):
        return not is_main_guard(node) and _all_declarative(node.body + node.orelse)
    if isinstance(node, ast.Try):
        handlers = [s for h in node.handlers for s in h.body]
        return _all_declarative(node.body + handlers + node.orelse + node.finalbody)
    return False


def _all_declarative(nodes: list[ast.stmt]) -> bool:
    return all(is_declarative(n) for n in nodes)


@dataclass
class Selector:
    """Walks module-level statements in order, tracking bound names, deciding what to keep."""

    fn_name: str
    drop_fn_defs: bool = False  # tests: a pasted copy of the function under test goes
    bound: set[str] | None = None

    def __post_init__(self) -> None:
        self.bound = set(MODULE_NAMES) | (self.bound or set())

    def keep(self, node: ast.stmt) -> bool:
        """Whether ``node`` stays; records the names it binds when it does."""
        assert self.bound is not None
        ok = self._decide(node)
        if ok:
            self.bound |= eager(node).stores
        return ok

    def _decide(self, node: ast.stmt) -> bool:
        if not is_declarative(node):
            return False
        if isinstance(node, DEFS):
            return not (self.drop_fn_defs and node.name == self.fn_name)
        if isinstance(node, (ast.Import, ast.ImportFrom)) or is_docstring(node):
            return True
        return self._safe_at_import(node)

    def _safe_at_import(self, node: ast.stmt) -> bool:
        assert self.bound is not None
        info = eager(node)
        if info.calls & (SIDE_EFFECT_CALLS | {self.fn_name}):
            return False
        if self.drop_fn_defs and self.fn_name in info.stores:
            return False
        if "*" in self.bound:
            return True
        return not (info.loads - self.bound - info.stores)


def without_names(node: ast.Import | ast.ImportFrom, names: set[str]) -> ast.stmt | None:
    """A copy of an import that no longer binds any of ``names``; None when nothing is left."""
    kept = [a for a in node.names if not (imported_names(_one(node, a)) & names)]
    if len(kept) == len(node.names):
        return node
    if not kept:
        return None
    clone = copy.copy(node)
    clone.names = kept
    return clone


def _one(node: ast.Import | ast.ImportFrom, alias: ast.alias) -> ast.Import | ast.ImportFrom:
    clone = copy.copy(node)
    clone.names = [alias]
    return clone
