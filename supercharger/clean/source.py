"""From a raw model reply to candidate blocks: stop tokens, loops, markdown fences."""

from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass

_STOP_TOKENS = ("<|im_end|>", "<|endoftext|>", "<|end|>", "</s>")
_FENCE_OPEN = re.compile(r"^[ \t]*(`{3,}|~{3,})[ \t]*([\w+.#-]*)")
_NOT_PYTHON = frozenset(
    "bash sh shell zsh console terminal text txt output plaintext json yaml yml toml ini cfg "
    "markdown md html xml csv c cpp java javascript js typescript ts go rust sql diff log".split()
)
_DEFINES = re.compile(r"(async[ \t]+)?def[ \t]+\w|class[ \t]+\w")
MIN_LOOP_COPIES = 3
MIN_LOOP_LINES = 6
MAX_LOOP_PERIOD = 40


@dataclass(frozen=True)
class Block:
    """Lines of one candidate piece of code (a fence's content or a whole unfenced reply)."""

    lines: tuple[str, ...]
    open_end: bool = False  # runs to the end of the reply, so the token limit may have cut it
    partial_tail: bool = False  # its last line may have been cut mid-line


@dataclass(frozen=True)
class Prepared:
    """A normalized reply, split into blocks, with notes on what was cut."""

    blocks: tuple[Block, ...]
    notes: tuple[str, ...]


def prepare(raw: str) -> Prepared:
    """Normalize ``raw``, cut a looping tail and split it into code blocks."""
    text, finished = _normalize(raw)
    lines, ends_cleanly = _lines(text)
    notes: list[str] = []
    partial = not (finished or ends_cleanly)
    looped = cut_loop(lines[:-1] if partial else lines)
    if looped is not None:
        lines, partial = looped, False
        notes.append("cut a reply that repeats itself")
    realigned = realign_bodies(lines)
    if realigned != lines:
        lines = realigned
        notes.append("realigned a body's first line with the lines after it")
    return Prepared(split_blocks(lines, partial), tuple(notes))


def _normalize(raw: str) -> tuple[str, bool]:
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    finished = False
    for token in _STOP_TOKENS:
        at = text.find(token)
        if at >= 0:
            text, finished = text[:at], True
    return text, finished


_DEF_LINE = re.compile(r"([ \t]*)(async[ \t]+)?def[ \t]+\w")


def realign_bodies(lines: list[str]) -> list[str]:
    """Each function whose body's first line sits deeper than the lines after it, moved back.

    A prompt prefilled up to the body's indent is often continued with a token that brings its
    own space (SmolLM2 writes ``" if"`` after ``"    "``), so the first statement lands one
    column deeper than the rest of the body and the function does not parse. Only such a
    function changes: one whose first ``IndentationError`` is the first line that leaves the
    first statement's depth for a depth between it and the ``def``'s, and which has no
    ``IndentationError`` once that first line takes the later line's depth.
    """
    out = list(lines)
    for at, line in enumerate(lines):
        match = _DEF_LINE.match(line)
        if match and "\t" not in match.group(1):
            _realign_one(out, at, len(match.group(1)))
    return out


def _realign_one(lines: list[str], at: int, depth: int) -> None:
    body = [i for i in range(at + 1, len(lines)) if lines[i].strip() and not _is_comment(lines[i])]
    end = next((i for i in body if _depth(lines[i]) <= depth), len(lines))
    body = [i for i in body if i < end]
    if len(body) < 2 or _depth(lines[body[0]]) <= depth:
        return
    first, deep = body[0], _depth(lines[body[0]])
    leaving = next((i for i in body[1:] if _depth(lines[i]) < deep), None)
    if leaving is None or not depth < _depth(lines[leaving]) < deep:
        return
    if _indentation_error(lines[at:end], depth) != leaving - at + 1:
        return
    moved = " " * _depth(lines[leaving]) + lines[first].lstrip(" ")
    trial = [*lines[at:first], moved, *lines[first + 1 : end]]
    if _indentation_error(trial, depth) is None:
        lines[first] = moved


def _depth(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _indentation_error(lines: list[str], depth: int) -> int | None:
    """The line number (1-based) of the first IndentationError in ``lines`` shifted left by
    ``depth``, or None when there is none (other syntax errors do not count)."""
    text = "\n".join(line[depth:] if line[:depth].strip() == "" else line for line in lines)
    try:
        ast.parse(text)
    except IndentationError as err:
        return err.lineno or 0
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    return None


def _lines(text: str) -> tuple[list[str], bool]:
    if not text:
        return [], True
    lines = text.split("\n")
    if lines[-1] == "":
        return lines[:-1], True
    return lines, False


def cut_loop(lines: list[str]) -> list[str] | None:
    """Keep one copy of a group of lines that repeats up to the end, or None without a loop."""
    n = len(lines)
    best: tuple[int, int] | None = None
    for period in range(1, min(MAX_LOOP_PERIOD, n // MIN_LOOP_COPIES) + 1):
        i = n - period - 1
        while i >= 0 and lines[i].rstrip() == lines[i + period].rstrip():
            i -= 1
        start = i + 1
        span = n - start
        unit = lines[start : start + period]
        if span >= max(MIN_LOOP_COPIES * period, MIN_LOOP_LINES) and any(s.strip() for s in unit):
            if best is None or start < best[0]:
                best = (start, period)
    if best is None:
        return None
    return lines[: best[0] + best[1]]


def split_blocks(lines: list[str], partial: bool) -> tuple[Block, ...]:
    """The whole reply if it parses, else its Python fences, else the whole reply as prose+code."""
    if _parses("\n".join(lines)):
        return (Block(tuple(lines)),)
    fenced = _fenced_blocks(lines, partial)
    if fenced is None:
        return (Block(tuple(lines), open_end=True, partial_tail=partial),)
    python = tuple(b for lang, b in fenced if lang.lower() not in _NOT_PYTHON)
    return python or tuple(b for _, b in fenced)


def _fenced_blocks(lines: list[str], partial: bool) -> list[tuple[str, Block]] | None:
    found: list[tuple[str, Block]] = []
    opened: tuple[str, str, int] | None = None  # fence, language, first content line
    for i, line in enumerate(lines):
        if opened is None:
            match = _FENCE_OPEN.match(line)
            if match:
                opened = (match.group(1), match.group(2), i + 1)
        elif _closes(line, opened[0]):
            found.append((opened[1], _block(lines[opened[2] : i])))
            opened = None
    if opened is not None:
        body = lines[opened[2] :]
        if partial and body:
            body = body[:-1]  # the token limit cut the last line
        found.append((opened[1], _block(body, open_end=True)))
    if not found:
        return None
    lead = _leading_code(lines)
    return ([("", _block(lead))] if lead else []) + found


def _leading_code(lines: list[str]) -> list[str]:
    """The lines before the first fence when they define something: a reply that starts with
    code and only closes a fence the prompt opened (``def f(): ...`` then ```` ``` ```` then
    prose)."""
    first = next((i for i, line in enumerate(lines) if _FENCE_OPEN.match(line)), len(lines))
    lead = textwrap.dedent("\n".join(lines[:first])).split("\n")
    return lines[:first] if any(_DEFINES.match(line) for line in lead) else []


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return stripped.startswith(fence) and set(stripped) == {fence[0]}


def _block(lines: list[str], open_end: bool = False) -> Block:
    text = "\n".join(lines)
    if lines and not _parses(text):
        text = textwrap.dedent(text)
    return Block(tuple(text.split("\n")) if lines else (), open_end=open_end)


def _parses(text: str) -> bool:
    try:
        ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True
