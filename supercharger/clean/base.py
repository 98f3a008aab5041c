"""Results of cleaning: a runnable file, or a typed refusal. Pure data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

MAX_SETTLE_ROUNDS = 3


@dataclass(frozen=True)
class Cleaned:
    """A runnable file made from a raw reply; ``notes`` says what was cut or dropped."""

    text: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Refused:
    """No usable file could be made; ``reason`` says why in one line."""

    reason: str


CleanResult = Cleaned | Refused


def settle(result: CleanResult, again: Callable[[str], CleanResult]) -> CleanResult:
    """Clean the cleaned text again until it stops changing, so cleaning is idempotent.

    One pass can leave what a second pass would cut: copies of a statement that only become a
    loop once the unparseable lines between them are gone, or a loop hidden by a last line that
    was cut mid-line. The text only shrinks, so this ends after a round or two.
    """
    for _ in range(MAX_SETTLE_ROUNDS):
        if not isinstance(result, Cleaned):
            return result
        nxt = again(result.text)
        if not isinstance(nxt, Cleaned) or nxt.text == result.text:
            return result
        notes = result.notes + tuple(n for n in nxt.notes if n not in result.notes)
        result = Cleaned(nxt.text, notes)
    return result
