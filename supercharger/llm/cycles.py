"""Cycle stop: whether a row's tail repeats (an n-gram cycle), so its decoding can stop early.

A small model that starts to loop keeps looping up to the token limit, and the longest row
bounds a batch's time. A row stops when its last tokens are one unit of at most
``MAX_PERIOD`` tokens repeated ``MIN_COPIES`` times or more over at least ``MIN_SPAN`` tokens.
When the unit holds line breaks, the repeated part must also span ``MIN_LINES`` of them, more
than the cleaner needs to cut a looping tail (``clean.source.cut_loop``: 3 copies, 6 lines), so
a stopped row cleans to what it would have given at the token limit; a loop within one line
stays on the reply's last line, which the cleaner drops from a reply cut short either way.

Pure functions over token ids; no torch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

MAX_PERIOD = 64
MIN_COPIES = 4
MIN_SPAN = 32
MIN_LINES = 8


def repeated_tail(tokens: Sequence[int], period: int) -> int:
    """How many of the last tokens repeat the ``period`` tokens before them (0: none)."""
    n = len(tokens)
    i = n - 1
    while i >= period and tokens[i] == tokens[i - period]:
        i -= 1
    return n - 1 - i


def cycle_period(
    tokens: Sequence[int], breaks_line: Callable[[int], bool] = lambda _t: False
) -> int:
    """The shortest period of a cycle the tail of ``tokens`` is caught in, else 0.

    ``breaks_line(token)``: whether the token's text holds a line break.
    """
    n = len(tokens)
    for period in range(1, min(MAX_PERIOD, n // MIN_COPIES) + 1):
        if tokens[-1] != tokens[-1 - period]:
            continue
        span = repeated_tail(tokens, period) + period
        if span < max(MIN_COPIES * period, MIN_SPAN):
            continue
        unit = tokens[n - period :]
        if any(breaks_line(t) for t in unit):
            lines = sum(1 for t in tokens[n - span :] if breaks_line(t))
            if lines < MIN_LINES:
                continue
        return period
    return 0


def first_cycle(tokens: Sequence[int], breaks_line: Callable[[int], bool]) -> int:
    """The number of leading tokens after which a decoder with the cycle stop stops the row
    (``len(tokens)`` when it never would)."""
    for end in range(1, len(tokens) + 1):
        if cycle_period(tokens[:end], breaks_line):
            return end
    return len(tokens)
