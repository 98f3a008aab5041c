"""Results of cleaning: a runnable file, or a typed refusal. Pure data."""

from __future__ import annotations

from dataclasses import dataclass


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
