"""Pure text helpers shared by the backends: stop sequences and prompt rendering fallbacks."""

from __future__ import annotations

# The answer scale of ``yes_probability``: single-token variants of these (with or without a
# leading space) count as yes / no.
YES_WORDS = ("Yes", "yes", "YES")
NO_WORDS = ("No", "no", "NO")


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
