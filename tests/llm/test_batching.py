"""Batched generation on the real bundled model: rows of one or several prompts in one batch,
finished rows leaving it, seeded sampling. No test here asserts on time."""

from __future__ import annotations

import pytest
import torch

from supercharger.llm import Prompt, Sampling, decode
from supercharger.llm.decode import GrowingLayer, compact, sample_top_p
from supercharger.llm.hf import TransformersBackend, tokens_until_stop
from supercharger.llm.prompts import CODE_STOP, code_prompt

FACTORIAL = code_prompt(
    "# A function that calculates the factorial of a given non-negative integer\ndef factorial(n):",
    "factorial",
)
COUNT = Prompt(
    kind="code",
    messages=[{"role": "user", "content": "Count from 1 to 20, separated by commas."}],
    prefill="1, 2, 3,",
)
GREEDY = Sampling(max_new_tokens=24, temperature=0.0)


def test_n_rows_and_same_seed_same_rows(bundled: TransformersBackend) -> None:
    sampling = Sampling(n=6, max_new_tokens=48, stop=CODE_STOP, seed=7)
    first = bundled.generate(FACTORIAL, sampling)
    again = bundled.generate(FACTORIAL, sampling)
    assert len(first.texts) == len(first.ended) == 6
    assert first.texts == again.texts and first.ended == again.ended
    assert first.completion_tokens == again.completion_tokens
    assert len(first.row_tokens) == 6 and sum(first.row_tokens) == first.completion_tokens
    assert len(set(first.texts)) > 1  # sampled rows differ from each other


def test_greedy_batched_equals_greedy_single(bundled: TransformersBackend) -> None:
    one = bundled.generate(FACTORIAL, GREEDY)
    three = bundled.generate(FACTORIAL, GREEDY.model_copy(update={"n": 3}))
    assert three.texts == one.texts * 3
    assert three.completion_tokens == 3 * one.completion_tokens


def test_rows_ended_by_a_stop_are_cut_marked_and_counted(bundled: TransformersBackend) -> None:
    free = bundled.generate(COUNT, GREEDY)
    assert " 6" in free.texts[0] and free.ended == [False]  # ran to the token limit
    assert free.completion_tokens == GREEDY.max_new_tokens
    assert free.row_tokens == [GREEDY.max_new_tokens]
    cut = bundled.generate(COUNT, GREEDY.model_copy(update={"n": 2, "stop": [" 6"]}))
    assert cut.ended == [True, True]
    assert cut.texts == [free.texts[0].split(" 6")[0]] * 2
    tokens = bundled.tokenizer(free.texts[0], add_special_tokens=False)["input_ids"]
    # useful tokens: up to and including the token that completes the stop, per row
    assert cut.completion_tokens == 2 * tokens_until_stop(bundled.tokenizer, tokens, [" 6"])


def test_rows_that_hit_eos_are_ended_and_others_are_not(bundled: TransformersBackend) -> None:
    question = Prompt(kind="judge", messages=[{"role": "user", "content": "Say hi."}])
    got = bundled.generate(question, Sampling(n=4, max_new_tokens=64, seed=3))
    for text, ended in zip(got.texts, got.ended, strict=True):
        assert ended or len(bundled.tokenizer(text)["input_ids"]) >= 60
    assert any(got.ended)


def test_several_prompts_share_a_batch(bundled: TransformersBackend) -> None:
    """Prompts of different lengths (left-padded in the batch) give what each gives alone."""
    greedy = GREEDY.model_copy(update={"n": 2, "stop": [" 9", "```"]})
    both = bundled.generate_many([FACTORIAL, COUNT], greedy)
    alone = [bundled.generate(p, greedy) for p in (FACTORIAL, COUNT)]
    assert [c.texts for c in both] == [c.texts for c in alone]
    assert [c.ended for c in both] == [c.ended for c in alone]
    assert [c.prompt_tokens for c in both] == [c.prompt_tokens for c in alone]
    assert both[0].prompt_tokens != both[1].prompt_tokens
    assert all(c.seconds > 0 for c in both)
    sampled = Sampling(n=3, max_new_tokens=24, seed=11)
    assert [c.texts for c in bundled.generate_many([FACTORIAL, COUNT], sampled)] == [
        c.texts for c in bundled.generate_many([FACTORIAL, COUNT], sampled)
    ]


def test_model_generate_fallback_agrees(bundled: TransformersBackend) -> None:
    """The ``model.generate`` path (models the own loop can't hold) cuts and counts the same."""
    sampling = GREEDY.model_copy(update={"n": 2, "stop": [" 6"]})
    own = bundled.generate(COUNT, sampling)
    bundled.own_loop = False
    try:
        hf = bundled.generate(COUNT, sampling)
    finally:
        bundled.own_loop = None
    assert hf.texts == own.texts and hf.ended == own.ended
    assert hf.completion_tokens == own.completion_tokens
    assert hf.row_tokens == own.row_tokens


def test_the_decoder_option_picks_the_loop(bundled: TransformersBackend) -> None:
    assert bundled.options.quantization == "none"  # auto on a CPU: no bitsandbytes
    assert bundled._wants_own_loop()  # auto on a CPU: the own loop
    options = bundled.options
    try:
        bundled.options = options.model_copy(update={"decoder": "generate"})
        assert not bundled._wants_own_loop()
        bundled.options = options.model_copy(update={"decoder": "own"})
        assert bundled._wants_own_loop()
    finally:
        bundled.options = options


def test_an_unknown_decoder_is_refused() -> None:
    from supercharger.errors import ConfigError
    from supercharger.llm import get_backend

    with pytest.raises(ConfigError, match="decoder"):
        get_backend("transformers", options={"decoder": "fastest"})


# -- the loop's parts --------------------------------------------------------------------------
def test_compact_moves_only_tail_rows_into_holes() -> None:
    assert compact(5, [1]) == [0, 4, 2, 3]
    assert compact(5, [3, 4]) == [0, 1, 2]
    assert compact(4, [0, 3]) == [2, 1]
    assert compact(3, []) == [0, 1, 2]


@pytest.mark.parametrize("order", [[0, 4, 2, 3], [2, 1], [3, 0, 1]])
def test_growing_layer_keeps_the_selected_rows(order: list[int]) -> None:
    keys, values = torch.randn(5, 2, 7, 4), torch.randn(5, 2, 7, 4)
    layer = GrowingLayer()
    layer.load(keys, values, capacity=10)
    layer.batch_select_indices(torch.tensor(order))
    new_k, new_v = torch.randn(len(order), 2, 1, 4), torch.randn(len(order), 2, 1, 4)
    got_k, got_v = layer.update(new_k, new_v)
    assert torch.equal(got_k, torch.cat([keys[order], new_k], dim=2))
    assert torch.equal(got_v, torch.cat([values[order], new_v], dim=2))
    assert layer.get_seq_length() == 8


def test_top_p_samples_only_from_the_nucleus() -> None:
    generator = torch.Generator().manual_seed(0)
    peaked = torch.full((4, 1000), -10.0)
    peaked[:, 17] = 10.0
    assert sample_top_p(peaked, 0.9, generator).tolist() == [17] * 4
    flat = torch.zeros(2, 1000)  # nucleus of 900 tokens: beyond the candidates, full sort
    flat[:, 0] = 0.5
    picks = {int(t) for _ in range(50) for t in sample_top_p(flat, 0.001, generator)}
    assert picks == {0}
    picks = {int(t) for _ in range(50) for t in sample_top_p(flat, 0.9, generator)}
    assert len(picks) > 10


# -- shared-prompt attention -------------------------------------------------------------------


def _tiny_llama(attention: str = "sdpa") -> torch.nn.Module:
    """A random 2-layer Llama with grouped keys (4 query heads over 2 key heads)."""
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    config = LlamaConfig(
        vocab_size=97,
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=256,
        attn_implementation=attention,
    )
    return LlamaForCausalLM(config).eval()


def _request(prompts: list[list[int]], n: int, **kw: object) -> decode.Request:
    base: dict = dict(max_new_tokens=12, temperature=0.0, top_p=1.0, stop=[], eos_ids=[], seed=5)
    return decode.Request(prompts=prompts, n=n, **{**base, **kw})


def test_shared_prompt_attention_gives_the_plain_rows() -> None:
    """Ragged prompts, rows leaving the batch (EOS) and grouped heads: the same tokens both ways."""
    model = _tiny_llama()
    prompts = [list(range(3, 40)), list(range(50, 60)), [5, 6, 7, 8, 9, 10, 11, 12]]
    assert decode.enable_shared(model, None, prompts[0])
    assert model.config._attn_implementation == decode.SHARED
    for request in (
        _request(prompts, 3),
        _request(prompts, 4, temperature=0.9, top_p=0.9, eos_ids=[17, 23, 42]),
    ):
        plain = decode.generate(model, None, request, shared=False)
        shared = decode.generate(model, None, request, shared=True)
        assert [r.tokens for r in shared] == [r.tokens for r in plain]
        assert [r.ended for r in shared] == [r.ended for r in plain]
    assert any(r.ended for r in plain) and not all(r.ended for r in plain)


def test_shared_prompt_attention_is_refused_where_it_does_not_hold(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert not decode.enable_shared(_tiny_llama("eager"), None, list(range(3, 20)))
    monkeypatch.setattr(decode, "SHARED_TOLERANCE", -1.0)  # no two results can agree
    model = _tiny_llama()
    assert not decode.enable_shared(model, None, list(range(3, 20)))
    assert model.config._attn_implementation == "sdpa"  # left as it was


def test_the_bundled_model_uses_shared_prompt_attention(bundled: TransformersBackend) -> None:
    bundled.generate(FACTORIAL, GREEDY)
    assert bundled.shared is True
    assert bundled.model.config._attn_implementation == decode.SHARED
