"""Lookup drafts in the own decoding loop: a row's guessed next tokens checked in one wider step.

The rows must be what decoding one token at a time gives: the same tokens when greedy, the same
distribution when sampled. No test here asserts on time (``bench/llm_batch.py`` measures it).
"""

from __future__ import annotations

import pytest
import torch

from supercharger.llm import Prompt, Sampling, decode
from supercharger.llm.decode import Drafter, Row, nucleus, verify
from supercharger.llm.hf import TransformersBackend, TransformersOptions
from tests.llm.test_batching import _request, _tiny_llama

PROMPTS = [list(range(3, 40)), list(range(50, 60)), [5, 6, 7, 8, 9, 10, 11, 12]]


def test_greedy_rows_with_drafts_are_the_rows_without() -> None:
    """Ragged prompts, several rows each, rows leaving the batch at EOS, drafts accepted and
    rejected: token for token what one token per step gives (float32, so no rounding)."""
    model = _tiny_llama()
    assert decode.enable_shared(model, None, PROMPTS[0])
    plain = _request(PROMPTS, 3, max_new_tokens=40, eos_ids=[96])
    drafted = _request(PROMPTS, 3, max_new_tokens=40, eos_ids=[96], draft_tokens=5)
    drafted.draft_rows = 9
    one_by_one = decode.generate(model, None, plain, shared=True)
    with_drafts = decode.generate(model, None, drafted, shared=True)
    assert [r.tokens for r in with_drafts] == [r.tokens for r in one_by_one]
    assert [r.ended for r in with_drafts] == [r.ended for r in one_by_one]
    assert sum(r.drafted for r in with_drafts) > 0  # drafts were taken, not just tried
    assert any(r.ended for r in one_by_one) and not all(r.ended for r in one_by_one)
    assert all(len(r.tokens) <= 40 for r in with_drafts)


def test_drafts_wait_until_few_rows_are_live() -> None:
    model = _tiny_llama()
    assert decode.enable_shared(model, None, PROMPTS[0])
    request = _request(PROMPTS[:1], 4, max_new_tokens=30, draft_tokens=4)
    request.draft_rows = 3  # four rows never end here: no step may draft
    assert sum(r.drafted for r in decode.generate(model, None, request, shared=True)) == 0
    request.draft_rows = 4
    assert sum(r.drafted for r in decode.generate(model, None, request, shared=True)) > 0


def test_sampled_rows_with_drafts_follow_the_seed() -> None:
    model = _tiny_llama()
    assert decode.enable_shared(model, None, PROMPTS[0])
    request = _request(
        PROMPTS, 2, max_new_tokens=30, temperature=0.8, top_p=0.9, draft_tokens=4, eos_ids=[17]
    )
    request.draft_rows = 6
    first = decode.generate(model, None, request, shared=True)
    again = decode.generate(model, None, request, shared=True)
    assert [r.tokens for r in first] == [r.tokens for r in again]
    assert all(len(r.tokens) <= 30 for r in first)


def test_verify_greedy_keeps_the_argmax_prefix_then_the_argmax() -> None:
    logits = torch.full((2, 4, 10), -5.0)
    for j, best in enumerate([3, 4, 5, 6]):
        logits[0, j, best] = 5.0
        logits[1, j, best] = 5.0
    assert verify(logits, [[3, 4, 9], [7]], 0.0, 1.0, None) == [[3, 4, 5], [3]]
    assert verify(logits[:, :1], [[], []], 0.0, 1.0, None) == [[3], [3]]


def test_verify_draws_each_token_as_plain_sampling_would() -> None:
    """Draft [x, y] over a 6-token vocabulary: the first new token is distributed as top-p
    sampling at position 0, and after an accepted x the second as top-p sampling at position 1;
    a draft token outside the nucleus is never kept."""
    temperature, top_p = 0.7, 0.9
    logits = torch.tensor(
        [[[2.0, 1.5, 1.0, 0.2, -1.0, -3.0], [0.1, 0.5, 2.5, 0.3, 0.0, -2.0], [0.0] * 6]]
    )
    target = [_nucleus_probs(logits[0, j], temperature, top_p) for j in range(2)]
    draws = 20000
    generator = torch.Generator().manual_seed(11)
    first = torch.zeros(6)
    second = torch.zeros(6)
    for _ in range(draws):
        new = verify(logits, [[1, 2]], temperature, top_p, generator)[0]
        first[new[0]] += 1
        if new[0] == 1:
            second[new[1]] += 1
    assert (first / draws - target[0]).abs().max() < 0.015
    assert (second / second.sum() - target[1]).abs().max() < 0.02
    never = int(torch.nonzero(target[0] == 0)[0])  # outside the nucleus
    kept = [verify(logits, [[never]], temperature, top_p, generator)[0][0] for _ in range(500)]
    assert never not in kept


def _nucleus_probs(logits: torch.Tensor, temperature: float, top_p: float) -> torch.Tensor:
    ids, probs = nucleus(logits[None] / temperature, top_p)
    out = torch.zeros(logits.shape[-1])
    out[ids[0]] = probs[0] / probs[0].sum()
    return out


def test_drafter_looks_in_the_row_then_its_siblings_then_the_prompt() -> None:
    request = _request([[1, 2, 3, 4, 5, 6, 7]], 2, max_new_tokens=50, draft_tokens=3)
    rows = [Row(prompt=0, tokens=[9, 8, 1, 2]), Row(prompt=0, tokens=[2, 40, 41, 42, 43])]
    drafter = Drafter(request, rows)
    assert drafter.draft(0) == [3, 4, 5]  # "1 2" -> the prompt's "3 4 5"
    rows[1].tokens += [1, 2, 60, 61, 62]
    assert drafter.draft(0) == [60, 61, 62]  # a sibling wrote "1 2" later: its continuation
    rows[0].tokens += [70, 1, 2]
    assert drafter.draft(0) == [70, 1, 2]  # its own earlier "1 2" comes first
    rows[0].tokens += [99]
    assert drafter.draft(0) == []  # "99" was never followed by anything
    rows[0].tokens += [1, 2]
    assert drafter.draft(0) == [99, 1, 2]
    for room, draft in ((2, [99]), (1, [])):  # the step's own sampled token needs one place
        request.max_new_tokens = len(rows[0].tokens) + room
        assert Drafter(request, rows).draft(0) == draft


def test_the_options_bound_drafts() -> None:
    with pytest.raises(ValueError):
        TransformersOptions(draft_tokens=-1)
    with pytest.raises(ValueError):
        TransformersOptions(draft_rows=0)


def test_the_bundled_model_takes_drafts_and_reports_them(bundled: TransformersBackend) -> None:
    """Greedy counting repeats the prompt's pattern: drafts are accepted and counted, and the
    text is the one-token-at-a-time text."""
    count = Prompt(
        kind="code",
        messages=[{"role": "user", "content": "Write the numbers 1 to 30, one per line."}],
        prefill="1\n2\n3\n",
    )
    greedy = Sampling(max_new_tokens=40, temperature=0.0)
    drafted = bundled.generate(count, greedy)
    saved = bundled.options.draft_tokens
    bundled.options.draft_tokens = 0
    try:
        plain = bundled.generate(count, greedy)
    finally:
        bundled.options.draft_tokens = saved
    assert drafted.texts == plain.texts
    assert drafted.draft_tokens > 0 and plain.draft_tokens == 0
    assert drafted.draft_tokens <= drafted.completion_tokens
