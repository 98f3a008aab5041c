"""Pure text helpers."""

from __future__ import annotations

from supercharger.llm.text import cut_at_stop, keep_head_and_tail, plain_chat


def test_cut_at_earliest_stop() -> None:
    assert cut_at_stop("a```b<|end|>c", ["<|end|>", "```"]) == "a"
    assert cut_at_stop("abc", []) == "abc"
    assert cut_at_stop("abc", [""]) == "abc"


def test_keep_head_and_tail() -> None:
    ids = list(range(100))
    kept = keep_head_and_tail(ids, 40, head=8)
    assert len(kept) == 40
    assert kept[:8] == list(range(8)) and kept[-1] == 99
    assert keep_head_and_tail(ids, 200) == ids


def test_plain_chat_ends_with_assistant_turn() -> None:
    text = plain_chat([{"role": "user", "content": "hi"}])
    assert text.startswith("User: hi") and text.endswith("Assistant: ")
