"""Clean a code reply into a module that defines the requested function."""

from __future__ import annotations

import ast
import re

from supercharger.clean.base import Cleaned, CleanResult, Refused, settle
from supercharger.clean.names import SIDE_EFFECT_CALLS, eager, missing_globals
from supercharger.clean.parsing import Chunk, find_chunks, has_real_body, quiet
from supercharger.clean.render import render_chunk
from supercharger.clean.source import Block, prepare
from supercharger.clean.stmts import DEFS, Selector, is_declarative, is_docstring, without_names

MAX_PULL_ROUNDS = 8


@quiet
def clean_code(raw: str, fn_name: str) -> CleanResult:
    """A runnable module defining ``fn_name`` from a raw model reply, or why there is none."""
    if not fn_name.isidentifier():
        return Refused(f"not a function name: {fn_name!r}")
    result = settle(_clean_code(raw, fn_name), lambda text: _clean_code(text, fn_name))
    if isinstance(result, Cleaned):  # after settling: copies of the function are its loops
        text = render([_whole(result.text)], fn_name, last_def=True)
        if text != result.text:
            result = Cleaned(text, (*result.notes, f"kept the last of several {fn_name}()"))
    return result


def _clean_code(raw: str, fn_name: str) -> CleanResult:
    prepared = prepare(raw)
    blocks = [find_chunks(block, rescue=fn_name) for block in prepared.blocks]
    target = pick_block(blocks, fn_name)
    if isinstance(target, Refused):
        return _unparsed(prepared.blocks, blocks, fn_name) or target
    notes = list(prepared.notes)
    if len(blocks) > 1:
        notes.append(f"used block {target + 1} of {len(blocks)}")
    text = render(blocks[target], fn_name)
    pulled = pull_helpers(text, blocks, target, fn_name)
    if pulled != text:
        notes.append("took helpers from other blocks")
    text = render([_whole(pulled)], fn_name)
    try:
        compile(text, "<clean>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as err:
        return Refused(f"cleaned code does not compile: {err}")
    return Cleaned(text, tuple(notes))


def pick_block(blocks: list[list[Chunk]], fn_name: str) -> int | Refused:
    """Index of the first block whose (last) top-level ``fn_name`` does something."""
    stub = method = False
    for index, chunks in enumerate(blocks):
        defs = [n for c in chunks for n in c.tree.body if _is_fn(n, fn_name)]
        if defs and has_real_body(defs[-1]):  # type: ignore[arg-type]
            return index
        stub = stub or bool(defs)
        method = method or any(_has_method(c.tree, fn_name) for c in chunks)
    if not any(blocks):
        return Refused("no Python code found in the reply")
    if stub:
        return Refused(f"{fn_name}() is only a stub (no statement in its body)")
    if method:
        return Refused(f"{fn_name}() is only defined as a method, not at module level")
    return Refused(f"no complete top-level definition of {fn_name}() in the reply")


def _unparsed(raw: tuple[Block, ...], blocks: list[list[Chunk]], fn_name: str) -> Refused | None:
    """Say so when the reply writes ``def fn_name(`` at top level but that never parses."""
    pattern = re.compile(rf"(async[ \t]+)?def[ \t]+{re.escape(fn_name)}[ \t]*\(")
    if not any(pattern.match(line) for block in raw for line in block.lines):
        return None
    trees = [chunk.tree for chunks in blocks for chunk in chunks]
    if any(_is_fn(n, fn_name) for t in trees for n in t.body) or any(
        _has_method(t, fn_name) for t in trees
    ):
        return None
    return Refused(f"the definition of {fn_name}() does not parse (syntax error or cut off)")


def render(chunks: list[Chunk], fn_name: str, last_def: bool = False) -> str:
    """The kept statements of ``chunks``, original text, ending with one newline. With
    ``last_def``, only the last top-level definition of ``fn_name`` is kept (a reply that
    writes the function twice, say a stub and then the real one: Python calls the last)."""
    selector = Selector(fn_name)
    defs = [n for c in chunks for n in c.tree.body if _is_fn(n, fn_name)] if last_def else []
    own_tests = reply_tests(chunks, fn_name)

    def decide(node: ast.stmt) -> ast.stmt | None:
        if defs and _is_fn(node, fn_name) and node is not defs[-1]:
            return None
        if isinstance(node, DEFS) and node.name in own_tests:
            return None
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            kept = without_names(node, {fn_name})
            return kept if kept is not None and selector.keep(kept) else None
        return node if selector.keep(node) else None

    parts = [render_chunk(chunk, decide) for chunk in chunks]
    return "\n\n\n".join(p for p in parts if p) + "\n"


def reply_tests(chunks: list[Chunk], fn_name: str) -> set[str]:
    """The reply's own tests: top-level functions named ``test...`` and classes ``Test...``
    that no other definition reads. Left in the code module, pytest would collect them from any
    test that star-imports it (the spec's examples do), and count them as examples passed."""
    nodes = [n for c in chunks for n in c.tree.body if isinstance(n, DEFS)]
    tests = {
        n.name
        for n in nodes
        if n.name != fn_name
        and n.name.startswith("Test" if isinstance(n, ast.ClassDef) else "test")
    }
    read = {
        x.id for n in nodes if n.name not in tests for x in ast.walk(n) if isinstance(x, ast.Name)
    }
    return tests - read


def pull_helpers(text: str, blocks: list[list[Chunk]], target: int, fn_name: str) -> str:
    """Add definitions from other blocks for global names the kept code reads but never binds."""
    for _ in range(MAX_PULL_ROUNDS):
        tree = ast.parse(text)
        bound = set().union(*(eager(node).stores for node in tree.body))
        missing = missing_globals(text, bound)
        found = _providers(blocks, target, missing, fn_name) if missing else []
        if not found:
            return text
        text = _insert(text, tree, found)
    return text


def _providers(
    blocks: list[list[Chunk]], target: int, missing: set[str], fn_name: str
) -> list[tuple[ast.stmt, str]]:
    found: list[tuple[ast.stmt, str]] = []
    for index, chunks in enumerate(blocks):
        if index == target:
            continue
        for chunk in chunks:
            for node in chunk.tree.body:
                source = _provider_source(chunk, node, missing, fn_name)
                if source is not None:
                    found.append((node, source))
                    missing = missing - eager(node).stores
    return found


def _provider_source(chunk: Chunk, node: ast.stmt, missing: set[str], fn_name: str) -> str | None:
    if not is_declarative(node) or is_docstring(node) or _is_fn(node, fn_name):
        return None
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        kept = without_names(node, {fn_name})
        if kept is None or not (eager(kept).stores & missing):
            return None
        return chunk.source(node) if kept is node else ast.unparse(kept)
    info = eager(node)
    if not (info.stores & missing) or info.calls & (SIDE_EFFECT_CALLS | {fn_name}):
        return None
    return chunk.source(node)


def _insert(text: str, tree: ast.Module, found: list[tuple[ast.stmt, str]]) -> str:
    """Imports go after the docstring and ``__future__`` imports; other definitions before the
    first statement that is not an import."""
    imports = [s for n, s in found if isinstance(n, (ast.Import, ast.ImportFrom))]
    others = [s for n, s in found if not isinstance(n, (ast.Import, ast.ImportFrom))]
    lines = text.split("\n")
    header = 0
    while header < len(tree.body) and _is_header(tree.body[header], header):
        header += 1
    at_imports = (tree.body[header - 1].end_lineno or 0) if header else 0
    rest = [n for n in tree.body[header:] if not isinstance(n, (ast.Import, ast.ImportFrom))]
    at_others = _start(rest[0]) if rest else len(lines)
    if others:
        lines[at_others:at_others] = ["", "", *"\n\n\n".join(others).split("\n"), "", ""]
    if imports:
        lines[at_imports:at_imports] = ["", *"\n".join(imports).split("\n"), ""]
    return "\n".join(lines)


def _is_header(node: ast.stmt, index: int) -> bool:
    return (index == 0 and is_docstring(node)) or _is_future(node)


def _start(node: ast.stmt) -> int:
    return min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])]) - 1


def _whole(text: str) -> Chunk:
    return Chunk(tuple(text.rstrip("\n").split("\n")), ast.parse(text))


def _is_fn(node: ast.stmt, fn_name: str) -> bool:
    return isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == fn_name


def _has_method(tree: ast.Module, fn_name: str) -> bool:
    classes = [n for n in tree.body if isinstance(n, ast.ClassDef)]
    return any(_is_fn(m, fn_name) for c in classes for m in c.body)


def _is_future(node: ast.stmt) -> bool:
    return isinstance(node, ast.ImportFrom) and node.module == "__future__"
