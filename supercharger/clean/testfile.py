"""Clean a test reply into a pytest module that imports the function under test."""

from __future__ import annotations

import ast
import copy
from dataclasses import dataclass

from supercharger.clean.base import Cleaned, CleanResult, Refused, settle
from supercharger.clean.names import eager
from supercharger.clean.parsing import Chunk, find_chunks, quiet
from supercharger.clean.source import prepare
from supercharger.clean.stmts import DEFS, Selector, is_docstring


@dataclass(frozen=True)
class Item:
    """A kept module-level statement: its node, its text and how it is spaced."""

    node: ast.stmt
    text: str
    kind: str  # "doc", "future", "import", "def" or "stmt"


@quiet
def clean_test(raw: str, fn_name: str, module: str) -> CleanResult:
    """A pytest module testing ``module.fn_name`` from a raw model reply, or why there is none."""
    if not fn_name.isidentifier() or not all(p.isidentifier() for p in module.split(".")):
        return Refused(f"not a function/module name: {fn_name!r} in {module!r}")
    return settle(_clean_test(raw, fn_name, module), lambda t: _clean_test(t, fn_name, module))


def _clean_test(raw: str, fn_name: str, module: str) -> CleanResult:
    prepared = prepare(raw)
    chunks = [chunk for block in prepared.blocks for chunk in find_chunks(block)]
    if not chunks:
        return Refused("no Python code found in the reply")
    items, pytest_imported = select(chunks, fn_name, module)
    refusal = check(items, fn_name, module)
    if refusal is not None:
        return refusal
    text = render(items, fn_name, module, pytest_imported)
    try:
        compile(text, "<clean>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as err:
        return Refused(f"cleaned tests do not compile: {err}")
    return Cleaned(text, prepared.notes)


def select(chunks: list[Chunk], fn_name: str, module: str) -> tuple[list[Item], bool]:
    """Kept statements in order (duplicates once), and whether ``import pytest`` was among them.

    Module-level ``assert`` lines become one test function, so they run as a test.
    """
    selector = Selector(fn_name, drop_fn_defs=True, bound={fn_name, "pytest"})
    items: list[Item] = []
    asserts: list[str] = []
    seen: set[str] = set()
    pytest_imported = False
    for index, (chunk, node) in enumerate((c, n) for c in chunks for n in c.tree.body):
        if isinstance(node, ast.Assert):
            _collect_assert(chunk, node, selector, asserts)
            continue
        for item in _items(chunk, node, index, fn_name, module, selector):
            if _is_import_pytest(item.node):
                pytest_imported = True
            elif item.text not in seen:
                seen.add(item.text)
                items.append(item)
    if asserts:
        text = f"def test_{fn_name}_module_asserts():\n" + "\n".join(dict.fromkeys(asserts))
        if text not in seen:
            items.append(Item(ast.parse(text).body[0], text, "def"))
    return items, pytest_imported


def _collect_assert(chunk: Chunk, node: ast.Assert, selector: Selector, out: list[str]) -> None:
    assert selector.bound is not None
    info = eager(node)
    if "*" in selector.bound or not (info.loads - selector.bound):
        first, last = chunk.span(node)
        tail = chunk.lines[last][node.end_col_offset or 0 :].strip()
        alone = first == last and node.col_offset == 0 and (not tail or tail.startswith("#"))
        out.append("    " + (chunk.source(node) if alone else ast.unparse(node)))


def _items(
    chunk: Chunk, node: ast.stmt, index: int, fn_name: str, module: str, selector: Selector
) -> list[Item]:
    if is_docstring(node):
        return [Item(node, chunk.source(node), "doc")] if index == 0 else []
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        kept = [n for n in rewrite_import(node, fn_name, module) if selector.keep(n)]
        return [Item(n, chunk.source(n) if n is node else ast.unparse(n), _kind(n)) for n in kept]
    if not selector.keep(node):
        return []
    return [Item(node, chunk.source(node, comments=True), _kind(node))]


def rewrite_import(node: ast.Import | ast.ImportFrom, fn_name: str, module: str) -> list[ast.stmt]:
    """The import without anything binding ``fn_name`` except an aliased import from ``module``.

    ``from elsewhere import fn_name as f`` becomes ``from module import fn_name as f``; a plain
    ``from module import fn_name`` goes because the cleaner writes that line itself.
    """
    if isinstance(node, ast.Import):
        names = [a for a in node.names if (a.asname or a.name.split(".")[0]) != fn_name]
        return [_with_names(node, names)] if names else []
    names, moved = [], []
    for alias in node.names:
        if alias.name == fn_name and alias.asname and alias.asname != fn_name:
            moved.append(alias)
        elif fn_name not in (alias.name, alias.asname):
            names.append(alias)
    out: list[ast.stmt] = [_with_names(node, names)] if names else []
    if moved and node.module == module and node.level == 0:
        return [_with_names(node, names + moved)]
    if moved:
        out.append(ast.ImportFrom(module=module, names=moved, level=0))
    return out


def _with_names(node: ast.Import | ast.ImportFrom, names: list[ast.alias]) -> ast.stmt:
    if names == node.names:
        return node
    clone = copy.copy(node)
    clone.names = names
    return clone


def _kind(node: ast.stmt) -> str:
    if isinstance(node, ast.ImportFrom) and node.module == "__future__":
        return "future"
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return "import"
    return "def" if isinstance(node, DEFS) else "stmt"


def _is_import_pytest(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Import)
        and len(node.names) == 1
        and node.names[0].name == "pytest"
        and node.names[0].asname is None
    )


def check(items: list[Item], fn_name: str, module: str) -> Refused | None:
    """Refuse a file that cannot fail: no tests, no call of the function, or no assertion."""
    body = [i.node for i in items if i.kind in ("def", "stmt")]
    if not any(is_test(node) for node in body):
        return Refused("no test function or test class in the reply")
    aliases = {fn_name} | {
        a.asname for i in items if isinstance(i.node, ast.ImportFrom)
        for a in i.node.names if a.name == fn_name and a.asname
    }  # fmt: skip
    nodes = [n for node in body for n in ast.walk(node)]
    if not any(_uses_function(n, aliases, module) for n in nodes):
        return Refused(f"the tests never use {fn_name}()")
    if not any(_is_assertion(n) for n in nodes):
        return Refused("the tests contain no assertion")
    return None


def is_test(node: ast.stmt) -> bool:
    """A pytest test function, or a test class (``Test*`` or a ``TestCase``) with test methods."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return node.name.startswith("test")
    if not isinstance(node, ast.ClassDef):
        return False
    named = node.name.startswith("Test") or any(
        _base_name(b).endswith("TestCase") for b in node.bases
    )
    methods = [m for m in node.body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))]
    return named and any(m.name.startswith("test") for m in methods)


def _base_name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _uses_function(node: ast.AST, aliases: set[str], module: str) -> bool:
    if isinstance(node, ast.Name):
        return node.id in aliases
    if isinstance(node, ast.Attribute) and node.attr in aliases:
        return ast.unparse(node.value) == module
    return False


def _is_assertion(node: ast.AST) -> bool:
    if isinstance(node, ast.Assert):
        return True
    if not isinstance(node, ast.Call):
        return False
    name = _base_name(node.func)
    return name.startswith("assert") or name in ("raises", "fail", "warns")


def render(items: list[Item], fn_name: str, module: str, pytest_imported: bool) -> str:
    """Docstring, ``__future__``, ``import pytest``, the function's import, then the rest."""
    head = [i for i in items if i.kind in ("doc", "future")]
    rest = [i for i in items if i.kind not in ("doc", "future")]
    if pytest_imported or _mentions_pytest(rest):
        head.append(_import_item("import pytest"))
    head.append(_import_item(f"from {module} import {fn_name}"))
    ordered = head + rest
    parts = [ordered[0].text]
    for before, after in zip(ordered, ordered[1:], strict=False):
        parts.append(_gap(before.kind, after.kind) + after.text)
    return "".join(parts) + "\n"


def _import_item(text: str) -> Item:
    return Item(ast.parse(text).body[0], text, "import")


def _mentions_pytest(items: list[Item]) -> bool:
    return any(
        isinstance(n, ast.Name) and n.id == "pytest" for i in items for n in ast.walk(i.node)
    )


def _gap(before: str, after: str) -> str:
    if "def" in (before, after):
        return "\n\n\n"
    return "\n" if before == after or {before, after} == {"future", "import"} else "\n\n"
