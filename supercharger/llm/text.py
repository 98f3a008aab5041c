"""Pure text helpers shared by the backends: stop sequences and prompt rendering fallbacks."""

from __future__ import annotations

import re

# The answer scale of ``yes_probability``: single-token variants of these (with or without a
# leading space) count as yes / no.
YES_WORDS = ("Yes", "yes", "YES")
NO_WORDS = ("No", "no", "NO")


_NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(%|/\s*(\d+))?")
_WORD = re.compile(r"[A-Za-z]+")


def verdict_from_text(text: str) -> float | None:
    """A score in [0, 1] read from a judge's written reply, for a server that gives no
    logprobs: a leading yes/no (1.0/0.0), else the first number (``0.8``, ``8/10``, ``80%``; a
    bare number above 1 is read on a scale of 10, above 10 of 100), else the first yes/no word
    anywhere; None when it holds none of them."""
    words = _WORD.findall(text)
    yes, no = {w.lower() for w in YES_WORDS}, {w.lower() for w in NO_WORDS}
    if words and words[0].lower() in yes | no and text.lstrip()[:1].isalpha():
        return 1.0 if words[0].lower() in yes else 0.0
    if match := _NUMBER.search(text):
        value, unit, scale = float(match[1]), match[2], match[3]
        if scale:
            value /= max(float(scale), 1.0)
        elif unit == "%" or value > 10:
            value /= 100
        elif value > 1:
            value /= 10
        return value if 0.0 <= value <= 1.0 else None
    for word in words:
        if word.lower() in yes | no:
            return 1.0 if word.lower() in yes else 0.0
    return None


def cut_at_stop(text: str, stop: list[str]) -> str:
    """``text`` up to (not including) the earliest occurrence of any stop sequence."""
    cut = len(text)
    for s in stop:
        if not s:
            continue
        i = text.find(s)
        if 0 <= i < cut:
            cut = i
    return text[:cut]


def plain_chat(messages: list[dict[str, str]]) -> str:
    """A chat rendered for a base model that has no chat template."""
    lines = [f"{m['role'].capitalize()}: {m['content']}" for m in messages]
    return "\n\n".join(lines) + "\n\nAssistant: "


def keep_head_and_tail(ids: list[int], limit: int, head: int = 64) -> list[int]:
    """At most ``limit`` ids: the first ``head`` (system) and the last ones (question)."""
    if len(ids) <= limit:
        return ids
    head = min(head, limit // 4)
    return ids[:head] + ids[len(ids) - (limit - head) :]
