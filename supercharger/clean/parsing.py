"""Find the parts of a block that parse: chunks cut at top-level statement boundaries."""

from __future__ import annotations

import ast
import codeop
import functools
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from supercharger.clean.source import Block

_CONTINUATION = re.compile(r"(else|elif|except|finally)\b")
_PARSE_ERRORS = (SyntaxError, ValueError, RecursionError, MemoryError)
P = ParamSpec("P")
R = TypeVar("R")


def quiet(func: Callable[P, R]) -> Callable[P, R]:
    """Run ``func`` with compiler warnings (invalid escapes in model code...) silenced."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SyntaxWarning)
            warnings.simplefilter("ignore", DeprecationWarning)
            return func(*args, **kwargs)

    return wrapper


@dataclass(frozen=True)
class Chunk:
    """A run of block lines that parses on its own."""

    lines: tuple[str, ...]
    tree: ast.Module

    def span(self, node: ast.stmt) -> tuple[int, int]:
        """Line indices (first, last) of a top-level statement, decorators included."""
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        return first - 1, (node.end_lineno or node.lineno) - 1

    def source(self, node: ast.stmt, comments: bool = False) -> str:
        """The original text of a top-level statement, with the comments right above it."""
        first, last = self.span(node)
        if comments:
            while first > 0 and self.lines[first - 1].lstrip().startswith("#"):
                first -= 1
        return "\n".join(self.lines[first : last + 1])


def is_start(line: str) -> bool:
    """Whether a line can begin a top-level statement (so a cut may go right before it)."""
    return bool(line) and line[0] not in " \t#)]}" and not _CONTINUATION.match(line)


def parse(lines: Sequence[str]) -> ast.Module | SyntaxError:
    """The module for ``lines``, or the error (its lineno relative to ``lines``)."""
    try:
        return ast.parse("\n".join(lines))
    except SyntaxError as err:
        return err
    except _PARSE_ERRORS[1:] as err:
        return SyntaxError(str(err))


def longest_prefix(lines: Sequence[str], start: int, stop: int) -> int:
    """Largest cut k in (start, stop] where lines[start:k] parses; ``start`` when none does."""
    cuts = [k for k in range(start + 1, stop) if is_start(lines[k])] + [stop]
    bound = stop
    for k in reversed(cuts):
        if k > bound:
            continue
        result = parse(lines[start:k])
        if isinstance(result, ast.Module):
            return k
        bound = start + (result.lineno or (k - start))
    return start


def has_real_body(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a function does something: not only a docstring, pass, ... or NotImplementedError."""
    return any(not _is_filler(stmt) for stmt in node.body)


def _is_filler(stmt: ast.stmt) -> bool:
    if isinstance(stmt, ast.Pass):
        return True
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
        return isinstance(stmt.value.value, str) or stmt.value.value is Ellipsis
    if isinstance(stmt, ast.Raise) and stmt.exc is not None:
        exc = stmt.exc.func if isinstance(stmt.exc, ast.Call) else stmt.exc
        return isinstance(exc, ast.Name) and exc.id == "NotImplementedError"
    return False


def find_chunks(block: Block, rescue: str | None = None) -> list[Chunk]:
    """The parsing runs of a block, skipping prose; may cut into a truncated ``rescue`` function."""
    lines, n = block.lines, len(block.lines)
    chunks: list[Chunk] = []
    pos = 0
    while pos < n:
        if not is_start(lines[pos]):
            pos += 1
            continue
        end = longest_prefix(lines, pos, n)
        if rescue and block.open_end and end < n:
            end = _rescue(block, pos, end, rescue) or end
        if end == pos:
            pos += 1
            continue
        tree = parse(lines[pos:end])
        if isinstance(tree, ast.Module) and tree.body:
            chunks.append(Chunk(tuple(lines[pos:end]), tree))
        pos = end
    return chunks


def _rescue(block: Block, pos: int, end: int, name: str) -> int | None:
    """Cut a function truncated by the token limit back to its last complete statement."""
    lines = block.lines
    def_line = _def_line(lines, end, name)
    if def_line is None or any(is_start(line) for line in lines[def_line + 1 :]):
        return None
    stop = len(lines) - 1 if block.partial_tail else len(lines)
    if not looks_cut(lines[pos:stop]):
        return None
    bound = stop
    for j in range(stop, def_line + 1, -1):
        if j > bound:
            continue
        result = parse(lines[pos:j])
        if isinstance(result, SyntaxError):
            bound = pos + (result.lineno or (j - pos))
            continue
        last = result.body[-1] if result.body else None
        if _is_def(last, name) and has_real_body(last):  # type: ignore[arg-type]
            return j
        return None
    return None


def looks_cut(lines: Sequence[str]) -> bool:
    """Whether code reads like a valid text cut short: it parses, is incomplete (an open
    bracket, string or block) or its only error is on its last line. An error further
    up, like an indentation slip, is no truncation, so cutting there would change the code."""
    last = max((i for i, line in enumerate(lines) if line.strip()), default=-1) + 1
    try:
        codeop.compile_command("\n".join(lines), symbol="exec")  # None when incomplete
        return True
    except IndentationError:  # a cut never misaligns a line (an open block is incomplete)
        return False
    except SyntaxError as err:
        return (err.lineno or 0) >= last
    except (ValueError, OverflowError, RecursionError, MemoryError):
        return False


def _def_line(lines: Sequence[str], at: int, name: str) -> int | None:
    pattern = re.compile(rf"(async[ \t]+)?def[ \t]+{re.escape(name)}\b")
    for i in range(at, len(lines)):
        if is_start(lines[i]) and not lines[i].startswith("@"):
            return i if pattern.match(lines[i]) else None
    return None


def _is_def(node: ast.stmt | None, name: str) -> bool:
    return isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name
