"""Rebuild a file from kept statements, keeping their original text (comments included)."""

from __future__ import annotations

import ast
from collections.abc import Callable

from supercharger.clean.parsing import Chunk

MAX_BLANK = 2

# Returns None to drop the statement, the node itself to keep its text, or a new node to unparse.
Decide = Callable[[ast.stmt], ast.stmt | None]


def render_chunk(chunk: Chunk, decide: Decide) -> str:
    """The chunk's own lines minus dropped statements (and the comments right above them)."""
    n = len(chunk.lines)
    show = [True] * n
    inside = [False] * n
    text: dict[int, str] = {}
    dropped: list[int] = []
    for node in chunk.tree.body:
        first, last = chunk.span(node)
        kept = decide(node)
        if kept is None:
            dropped.append(first)
            for i in range(first, last + 1):
                show[i] = inside[i]  # a line shared with a kept statement (``a; b``) stays
            continue
        _mark(inside, first, last, True)
        _mark(show, first, last, True)
        if kept is not node:
            text[first] = ast.unparse(kept)
            _mark(show, first + 1, last, False)
    for first in dropped:
        _drop_comments_above(chunk.lines, show, inside, first)
    rows = [(text.get(i, line), inside[i]) for i, line in enumerate(chunk.lines) if show[i]]
    return tidy(rows)


def _mark(mask: list[bool], first: int, last: int, value: bool) -> None:
    for i in range(first, last + 1):
        mask[i] = value


def _drop_comments_above(
    lines: tuple[str, ...], show: list[bool], inside: list[bool], at: int
) -> None:
    i = at - 1
    while i >= 0 and not inside[i] and lines[i].lstrip().startswith("#"):
        show[i] = False
        i -= 1


def tidy(rows: list[tuple[str, bool]]) -> str:
    """Join lines; between statements, at most two blank lines in a row and none at either end."""
    out: list[str] = []
    blanks = 0
    for line, inside in rows:
        if inside or line.strip():
            if out and blanks:
                out.extend([""] * min(blanks, MAX_BLANK))
            out.append(line)
            blanks = 0
        else:
            blanks += 1
    return "\n".join(out)
