"""The runner's one source text, assembled from ``supercharger.sandbox.inside`` (the scheme is
described in that package's docstring)."""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

from supercharger.errors import RunnerSourceError
from supercharger.sandbox.inside import MODULES

PACKAGE_DIR = Path(__file__).with_name("inside")
HEADER = (
    "# The supercharger sandbox runner, assembled from supercharger/sandbox/inside/\n"
    "from __future__ import annotations\n"
)


@lru_cache(maxsize=1)
def runner_source() -> str:
    """The runner's source, passed to the sandbox's interpreter with ``-c`` (made once)."""
    claimed: dict[str, tuple[str, str]] = {}  # top-level name -> (module, what binds it)
    parts = [HEADER]
    for index, module in enumerate(MODULES):
        text = (PACKAGE_DIR / f"{module}.py").read_text(encoding="utf-8")
        body = _module_body(module, text, MODULES[:index], claimed)
        parts.append(f"\n\n# ---- {module}.py ----\n{body}")
    return "".join(parts)


def _module_body(module: str, text: str, before: tuple[str, ...], claimed: dict) -> str:
    """``text`` without the lines the assembly removes; checks what it keeps."""
    tree = ast.parse(text, filename=f"{module}.py")
    dropped: set[int] = set()
    for node in tree.body:
        if _removed(module, node, before):
            dropped.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
        else:
            for name, what in _bound_names(node):
                _claim(claimed, name, module, what)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)) and node.lineno not in dropped:
            _check_kept_import(module, node)
    lines = text.splitlines(keepends=True)
    return "".join(line for number, line in enumerate(lines, 1) if number not in dropped)


def _removed(module: str, node: ast.stmt, before: tuple[str, ...]) -> bool:
    """Whether a top-level statement goes: ``from __future__``, an import of an earlier module
    of the package, an ``if TYPE_CHECKING:`` block of package imports."""
    if isinstance(node, ast.ImportFrom) and node.module == "__future__":
        return True
    if isinstance(node, ast.ImportFrom) and node.level:
        if node.level != 1 or node.module not in before:
            raise RunnerSourceError(f"{module}.py: 'from .{node.module}' is not an earlier module")
        if any(alias.asname for alias in node.names):
            raise RunnerSourceError(f"{module}.py: a package import renames a name ('as')")
        return True
    if isinstance(node, ast.If) and isinstance(node.test, ast.Name):
        if node.test.id == "TYPE_CHECKING" and not node.orelse:
            if all(isinstance(n, ast.ImportFrom) and n.level == 1 for n in node.body):
                return True
    return False


def _check_kept_import(module: str, node: ast.Import | ast.ImportFrom) -> None:
    names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
    if isinstance(node, ast.ImportFrom) and node.level:
        raise RunnerSourceError(f"{module}.py:{node.lineno}: a package import not at top level")
    if any(name.split(".")[0] == "supercharger" for name in names):
        raise RunnerSourceError(f"{module}.py:{node.lineno}: the runner imports supercharger")


def _bound_names(node: ast.stmt) -> list[tuple[str, str]]:
    """The top-level names a statement binds, each with what binds it (imports: the import, so
    that two modules may import the same thing)."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [(node.name, "definition")]
    if isinstance(node, ast.Import):
        top = [(a, a.name if a.asname else a.name.split(".")[0]) for a in node.names]
        return [(a.asname or name, f"import {name}") for a, name in top]
    if isinstance(node, ast.ImportFrom):
        return [(a.asname or a.name, f"from {node.module} import {a.name}") for a in node.names]
    targets: list[ast.expr] = []
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
        targets = [node.target]
    names = [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
    return [(name, "definition") for name in names]


def _claim(claimed: dict, name: str, module: str, what: str) -> None:
    if name not in claimed:
        claimed[name] = (module, what)
        return
    other, other_what = claimed[name]
    if other == module:
        return
    if what == "definition" or other_what != what:
        raise RunnerSourceError(f"{name!r} is defined in both {other}.py and {module}.py")
