"""Which names a module-level statement binds and which it needs when the module is imported."""

from __future__ import annotations

import ast
import builtins
import symtable
from dataclasses import dataclass, field

MODULE_NAMES = frozenset(dir(builtins)) | {
    "__name__", "__file__", "__doc__", "__spec__", "__loader__", "__package__",
    "__builtins__", "__annotations__", "__path__", "__cached__",
}  # fmt: skip
SIDE_EFFECT_CALLS = frozenset({"input", "print", "exit", "quit", "breakpoint", "help"})
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)


@dataclass
class Eager(ast.NodeVisitor):
    """Names read, called and bound while a statement runs at import time (not function bodies)."""

    loads: set[str] = field(default_factory=set)
    calls: set[str] = field(default_factory=set)
    stores: set[str] = field(default_factory=set)

    def visit_Name(self, node: ast.Name) -> None:
        (self.loads if isinstance(node.ctx, ast.Load) else self.stores).add(node.id)

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Name):
            self.calls.add(node.func.id)
        self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.stores.add(node.name)
        self._visit_all([*node.decorator_list, *node.args.defaults, *node.args.kw_defaults])

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.stores.add(node.name)
        self._visit_all([*node.decorator_list, *node.bases, *node.keywords])

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._visit_all([*node.args.defaults, *node.args.kw_defaults])

    def visit_Import(self, node: ast.Import | ast.ImportFrom) -> None:
        self.stores.update(imported_names(node))

    visit_ImportFrom = visit_Import

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self.stores.add(node.name)
        self.generic_visit(node)

    def generic_visit(self, node: ast.AST) -> None:
        if isinstance(node, _COMPREHENSIONS):
            inner = Eager()
            super(Eager, inner).generic_visit(node)
            targets = Eager()
            targets._visit_all([gen.target for gen in node.generators])
            self.loads |= inner.loads - targets.stores
            self.calls |= inner.calls
            return
        super().generic_visit(node)

    def _visit_all(self, nodes: list[ast.AST | None]) -> None:
        for node in nodes:
            if node is not None:
                self.visit(node)


def eager(node: ast.stmt) -> Eager:
    """What ``node`` reads, calls and binds when its module is imported."""
    visitor = Eager()
    visitor.visit(node)
    return visitor


def imported_names(node: ast.Import | ast.ImportFrom) -> set[str]:
    """Names an import binds; ``*`` for a star import."""
    if isinstance(node, ast.Import):
        return {a.asname or a.name.split(".")[0] for a in node.names}
    return {a.asname or a.name for a in node.names}


def missing_globals(source: str, bound: set[str]) -> set[str]:
    """Global names read anywhere in ``source`` (function bodies too) that nothing binds."""
    try:
        table = symtable.symtable(source, "<clean>", "exec")
    except (SyntaxError, ValueError, RecursionError):
        return set()
    read: set[str] = set()
    stack = [table]
    while stack:
        scope = stack.pop()
        stack.extend(scope.get_children())
        for symbol in scope.get_symbols():
            if symbol.is_referenced() and symbol.is_global():
                read.add(symbol.get_name())
    return read - bound - MODULE_NAMES
