"""The transformers backend's decoding loop: many sampled rows advanced together over a KV cache.

Rows are n samples of one or more prompts. Each prompt is prefilled once (batch of one) and its
cache copied to its rows; prompts of different lengths share the batch left-padded under an
attention mask. A row leaves the batch as soon as it ends (EOS, or a stop string seen in its
decoded tail), so finished rows stop costing. Sampling: temperature and nucleus (top-p) from a
seeded ``torch.Generator``, so a seed gives the same rows again.

Shared-prompt attention: the n rows of a prompt share its prefilled keys and values. With the
model's own attention each step reads the prompt's cache once per row (16 copies at n=16, as
much memory traffic as the weights on a CPU); ``shared_attention`` reads it once per prompt and
merges it with each row's own generated part in one softmax. It is switched on per model only
after one step computed both ways agrees.

Lookup drafts (with shared-prompt attention): once few rows are left, each row guesses its next
tokens from what followed its last tokens before (``Drafter``) and one step checks them all
(``verify``); greedy rows are unchanged and sampled rows keep their distribution.

Imported only by ``hf.py`` when it generates: this module imports torch and transformers.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Any

import torch
from transformers import AttentionInterface, DynamicCache
from transformers.cache_utils import DynamicLayer
from transformers.integrations.sdpa_attention import sdpa_attention_forward
from transformers.masking_utils import AttentionMaskInterface, sdpa_mask

from supercharger.llm.cycles import cycle_period
from supercharger.llm.text import cut_at_stop

# Nucleus sampling looks at the likeliest tokens first; a row whose top-p mass is not within
# them (a very flat distribution) falls back to sorting the whole vocabulary.
NUCLEUS_CANDIDATES = 256
# The attention implementation name under which shared-prompt attention is registered.
SHARED = "sc_shared_prompt"
# How far one step's logits may differ between shared and plain attention (float rounding), as
# a share of their scale; x4 in bfloat16 (3 fewer mantissa bits than float16). Measured on the
# bundled model: ~1e-5 in float32, 0.022 in bfloat16 (the greedy tokens all the same).
SHARED_TOLERANCE = 1e-2
BFLOAT16_SLACK = 4.0


@dataclass
class Row:
    """One sample: its prompt, the tokens it generated (EOS not included) and how it ended."""

    prompt: int
    tokens: list[int] = field(default_factory=list)
    ended: bool = False  # by EOS or a stop string, not by the token limit
    drafted: int = 0  # tokens that came from its accepted drafts
    cycled: bool = False  # stopped by the cycle stop (its tail repeats), not by the limit


@dataclass
class Request:
    """What to sample: prompt token ids (one list per prompt) and how."""

    prompts: list[list[int]]
    n: int
    max_new_tokens: int
    temperature: float
    top_p: float
    stop: list[str]
    eos_ids: list[int]
    seed: int | None = None
    # Lookup drafts (shared-prompt attention only): up to ``draft_tokens`` tokens per row, tried
    # while at most ``draft_rows`` rows are live; 0 = one token per row per step.
    draft_tokens: int = 0
    draft_rows: int = 0
    # Stop a row whose tail repeats (``cycles.cycle_period``) instead of decoding to the limit.
    cycle_stop: bool = False


def supports(model: Any) -> bool:
    """True when the model's cache is plain full attention, which ``GrowingLayer`` replaces."""
    try:
        cache = DynamicCache(config=model.config)
    except (TypeError, ValueError, AttributeError):
        return False
    layers = getattr(cache, "layers", None)
    return bool(layers) and all(type(layer) is DynamicLayer for layer in layers)


def generate(model: Any, tokenizer: Any, request: Request, shared: bool = False) -> list[Row]:
    """``request.n`` rows per prompt, prompt by prompt (rows of prompt i are ``[i*n:(i+1)*n]``).

    ``shared``: rows attend to one copy of their prompt's cache (``enable_shared`` said yes).
    """
    rows = [Row(prompt=p) for p in range(len(request.prompts)) for _ in range(request.n)]
    loop = DecodeLoop(model, tokenizer, request, rows, shared)
    with torch.inference_mode():
        loop.run()
    return rows


class GrowingLayer(DynamicLayer):
    """A full-attention cache layer that appends into spare capacity instead of concatenating.

    ``DynamicLayer`` copies the whole cache at every step (``torch.cat``); at 16 rows and a
    300-token prompt that copy is a large share of a step on a CPU. Keys and values here are
    views ``[:, :, :length]`` of a buffer grown by a quarter when full.
    """

    def lazy_initialization(self, key_states: torch.Tensor, value_states: torch.Tensor) -> None:
        self.device = key_states.device
        self.length = 0
        self.key_buffer = key_states.new_empty((*key_states.shape[:2], 0, key_states.shape[3]))
        self.value_buffer = value_states.new_empty(
            (*value_states.shape[:2], 0, value_states.shape[3])
        )
        self.is_initialized = True

    def update(
        self, key_states: torch.Tensor, value_states: torch.Tensor, *args: Any, **kwargs: Any
    ) -> tuple[torch.Tensor, torch.Tensor]:
        if not self.is_initialized:
            self.lazy_initialization(key_states, value_states)
        end = self.length + key_states.shape[-2]
        if end > self.key_buffer.shape[-2]:
            self._grow(max(end + 32, end * 5 // 4))
        self.key_buffer[:, :, self.length : end] = key_states
        self.value_buffer[:, :, self.length : end] = value_states
        self.length = end
        self._expose()
        return self.keys, self.values

    def load(self, keys: torch.Tensor, values: torch.Tensor, capacity: int) -> None:
        """Start from given keys and values (batch, heads, length, dim) with room to grow."""
        self.lazy_initialization(keys, values)
        self._grow(max(capacity, keys.shape[-2]))
        self.length = keys.shape[-2]
        self.key_buffer[:, :, : self.length] = keys
        self.value_buffer[:, :, : self.length] = values
        self._expose()

    def get_seq_length(self) -> int:
        return self.length if self.is_initialized else 0

    def batch_select_indices(self, indices: torch.Tensor) -> None:
        """Keep rows ``indices`` (new row j = old row indices[j]).

        When every moved row comes from beyond the new batch size (what ``compact`` gives),
        rows are moved in place and the buffer narrowed: dropping a row copies one row.
        """
        if not self.is_initialized:
            return
        order = indices.tolist()
        moves = [(j, src) for j, src in enumerate(order) if src != j]
        if all(src >= len(order) for _, src in moves):
            used = slice(0, self.length)
            for j, src in moves:
                self.key_buffer[j, :, used] = self.key_buffer[src, :, used]
                self.value_buffer[j, :, used] = self.value_buffer[src, :, used]
            self.key_buffer = self.key_buffer[: len(order)]
            self.value_buffer = self.value_buffer[: len(order)]
        else:
            indices = indices.to(self.key_buffer.device)
            self.key_buffer = self.key_buffer.index_select(0, indices)
            self.value_buffer = self.value_buffer.index_select(0, indices)
        self._expose()

    def batch_repeat_interleave(self, repeats: int) -> None:
        if self.is_initialized:
            self.key_buffer = self.key_buffer.repeat_interleave(repeats, dim=0)
            self.value_buffer = self.value_buffer.repeat_interleave(repeats, dim=0)
            self._expose()

    def _grow(self, capacity: int) -> None:
        old_k, old_v = self.key_buffer, self.value_buffer
        shape = (old_k.shape[0], old_k.shape[1], capacity, old_k.shape[3])
        self.key_buffer, self.value_buffer = old_k.new_empty(shape), old_v.new_empty(shape)
        self.key_buffer[:, :, : self.length] = old_k[:, :, : self.length]
        self.value_buffer[:, :, : self.length] = old_v[:, :, : self.length]

    def _expose(self) -> None:
        self.keys = self.key_buffer[:, :, : self.length]
        self.values = self.value_buffer[:, :, : self.length]


class SharedPromptLayer(GrowingLayer):
    """A cache layer whose rows share their prompt's keys and values (one copy per prompt).

    ``update`` appends only the rows' generated tokens and returns those; ``shared_attention``
    adds the prompt part. ``prompt_keys``: (prompts, heads, width, dim), prompts left-padded to
    the longest; ``owner[row]``: the row's prompt; ``bias``: -inf over each prompt's padding.
    """

    def __init__(
        self,
        keys: torch.Tensor,
        values: torch.Tensor,
        lengths: list[int],
        owner: torch.Tensor,
        capacity: int,
    ) -> None:
        super().__init__()
        # Held in float32: ``shared_attention`` computes in float32.
        self.prompt_keys, self.prompt_values = keys.float(), values.float()
        self.owner = owner
        width = keys.shape[-2]
        self.bias: torch.Tensor | None = None
        if len(set(lengths)) > 1:
            pad = (
                torch.arange(width, device=keys.device)[None, :]
                < torch.tensor([width - k for k in lengths], device=keys.device)[:, None]
            )
            self.bias = torch.zeros(pad.shape, dtype=torch.float32, device=keys.device)
            self.bias = self.bias.masked_fill(pad, float("-inf"))[:, None, None, :]
        rows = owner.shape[0]
        # float32 like the prompt part: appending converts one token, reading converts nothing
        empty = self.prompt_keys.new_empty((rows, keys.shape[1], 0, keys.shape[3]))
        self.lazy_initialization(empty, empty)
        self._grow(capacity)
        self._expose()

    def get_seq_length(self) -> int:
        return self.prompt_keys.shape[-2] + self.length

    def batch_select_indices(self, indices: torch.Tensor) -> None:
        super().batch_select_indices(indices)
        self.owner = self.owner.index_select(0, indices.to(self.owner.device))

    def batch_repeat_interleave(self, repeats: int) -> None:
        super().batch_repeat_interleave(repeats)
        self.owner = self.owner.repeat_interleave(repeats, dim=0)


def shared_attention(
    module: torch.nn.Module,
    query: torch.Tensor,
    key: torch.Tensor,
    value: torch.Tensor,
    attention_mask: torch.Tensor | None,
    dropout: float = 0.0,
    scaling: float | None = None,
    sc_shared_cache: Any = None,
    sc_own_bias: torch.Tensor | None = None,
    **kwargs: Any,
) -> tuple[torch.Tensor, None]:
    """Attention of each row's new tokens over its prompt (shared) and its own tokens.

    A step feeds one token per row, or a draft of several; ``sc_own_bias`` (rows, new, own
    length) is added to the scores on the rows' own entries: it keeps the draft causal and hides
    rejected draft tokens left in the cache (see ``DecodeLoop.own_bias``). A prefill (no shared
    cache) is plain SDPA. Query heads are grouped over key heads as ``repeat_kv`` does (query
    head h uses key head h // group).
    """
    if sc_shared_cache is None:
        return sdpa_attention_forward(
            module, query, key, value, attention_mask, dropout=dropout, scaling=scaling, **kwargs
        )
    layer = sc_shared_cache.layers[module.layer_idx]
    rows, heads, new, dim = query.shape
    kv_heads = key.shape[1]
    group = heads // kv_heads
    scale = dim**-0.5 if scaling is None else scaling
    # (rows, kv_heads, group * new, dim): query head h, token t at h % group * new + t
    q = query.reshape(rows, kv_heads, group * new, dim).float() * scale
    own = q @ key.transpose(-1, -2)  # key, value: the layer's float32 rows (rows, kv_heads, ...)
    if sc_own_bias is not None:
        length = own.shape[-1]
        own = (own.view(rows, kv_heads, group, new, length) + sc_own_bias[:, None, None]).view(
            rows, kv_heads, group * new, length
        )
    keys, values, pad = layer.prompt_keys, layer.prompt_values, layer.bias
    if keys.shape[0] == 1:
        out = _attend(q, own, value, keys[0], values[0], None if pad is None else pad[0])
    else:
        out = q.new_empty(q.shape)
        for p in range(keys.shape[0]):
            index = (layer.owner == p).nonzero().squeeze(-1)
            if index.numel():
                part = _attend(
                    q.index_select(0, index),
                    own.index_select(0, index),
                    value.index_select(0, index),
                    keys[p],
                    values[p],
                    None if pad is None else pad[p],
                )
                out.index_copy_(0, index, part)
    out = out.reshape(rows, heads, new, dim).transpose(1, 2)
    return out.to(query.dtype), None


def _attend(
    q: torch.Tensor,
    own: torch.Tensor,
    own_values: torch.Tensor,
    keys: torch.Tensor,
    values: torch.Tensor,
    bias: torch.Tensor | None,
) -> torch.Tensor:
    """Rows of one prompt: scaled queries ``q`` (n, kv_heads, group, dim) and their scores on
    their own tokens ``own``, merged with the prompt's ``keys``/``values`` (kv_heads, width,
    dim) in one softmax; the prompt part is one matmul for all n rows."""
    n, kv_heads, group, dim = q.shape
    width = keys.shape[-2]
    flat = q.permute(1, 0, 2, 3).reshape(kv_heads, n * group, dim)
    on_prompt = (flat @ keys.transpose(-1, -2)).view(kv_heads, n, group, width)
    on_prompt = on_prompt.permute(1, 0, 2, 3)
    if bias is not None:
        on_prompt = on_prompt + bias
    probs = torch.softmax(torch.cat([on_prompt, own], dim=-1), dim=-1)
    p_prompt, p_own = probs[..., :width], probs[..., width:]
    flat_p = p_prompt.permute(1, 0, 2, 3).reshape(kv_heads, n * group, width)
    from_prompt = (flat_p @ values).view(kv_heads, n, group, dim).permute(1, 0, 2, 3)
    return from_prompt + p_own @ own_values


def enable_shared(model: Any, tokenizer: Any, probe: list[int]) -> bool:
    """Switch ``model`` to shared-prompt attention when it uses SDPA and one decoding step on
    ``probe`` (a few prompt tokens) gives the same logits both ways; else leave it as it was."""
    config = model.config
    if getattr(config, "_attn_implementation", None) == SHARED:
        return True
    if getattr(config, "_attn_implementation", None) != "sdpa" or not supports(model):
        return False
    if any(getattr(config, a, None) for a in ("sliding_window", "attn_logit_softcapping")):
        return False
    request = Request(
        prompts=[probe[:8], probe[:5]],
        n=2,
        max_new_tokens=3,
        temperature=0.0,
        top_p=1.0,
        stop=[],
        eos_ids=[],
        seed=0,
    )
    with torch.inference_mode():
        plain = DecodeLoop(model, tokenizer, request, [], shared=False).probe()
        try:
            model.set_attn_implementation(SHARED)
            mine = DecodeLoop(model, tokenizer, request, [], shared=True).probe()
        except Exception:  # noqa: BLE001 - any failure means: keep the model's own attention
            model.set_attn_implementation("sdpa")
            return False
    if plain.shape != mine.shape or not _close(plain, mine):
        model.set_attn_implementation("sdpa")
        return False
    return True


class DecodeLoop:
    """State of one batched generation: the live rows, their cache, mask and positions."""

    def __init__(
        self, model: Any, tokenizer: Any, request: Request, rows: list[Row], shared: bool = False
    ) -> None:
        self.model, self.tokenizer, self.request, self.rows = model, tokenizer, request, rows
        self.shared = shared
        self.device = model.device
        self.cache_kw = "cache" if "cache" in _forward_params(model) else "past_key_values"
        self.keep_kw = "logits_to_keep" in _forward_params(model)
        self.stop = [s for s in request.stop if s]
        # A stop string spans at most len(stop) tokens (+2 for tokens that decode to nothing).
        self.tail = max((len(s) for s in self.stop), default=0) + 2
        self.generator: torch.Generator | None = None
        # (rows, own length): -inf on the rows' own cache entries no later step may read
        self.hidden: torch.Tensor | None = None
        self.line_breaks: dict[int, bool] = {}

    def run(self) -> None:
        logits, cache, mask, positions = self._prefill()
        live = list(range(len(self.rows)))  # row index of each batch position
        news = [[token] for token in self._sample(logits).tolist()]  # each live row's new tokens
        drafter = Drafter(self.request, self.rows) if self.drafting else None
        while True:
            ended = [i for i, tokens in enumerate(news) if not self._advance(live[i], tokens)]
            if len(ended) == len(live):
                return
            keep = compact(len(live), ended)
            if len(keep) < len(live):
                index = torch.tensor(keep, device=self.device)
                cache.batch_select_indices(index)
                positions = positions.index_select(0, index)
                mask = None if mask is None else mask.index_select(0, index)
                if self.hidden is not None:  # held on the CPU
                    self.hidden = self.hidden[keep]
                live = [live[i] for i in keep]
            pending = [news[i][-1] for i in keep]  # sampled, not yet in the cache
            drafts = [[] for _ in live]
            if drafter is not None and len(live) <= self.request.draft_rows:
                drafts = [drafter.draft(r) for r in live]
            width = 1 + max(len(d) for d in drafts)
            # a shorter draft is padded with its row's pending token: hidden, never read
            block = [
                [p, *d] + [p] * (width - 1 - len(d)) for p, d in zip(pending, drafts, strict=True)
            ]
            tokens = torch.tensor(block, device=self.device)
            steps = positions + 1 + torch.arange(width, device=self.device)
            if mask is not None:
                mask = torch.cat([mask, mask.new_ones((len(live), 1))], dim=1)
            bias = self.own_bias(cache, len(live), width)
            logits = self._forward(tokens, cache, mask, steps, width, bias)
            if width == 1:
                news = [[token] for token in self._sample(logits[:, 0]).tolist()]
            else:
                self._ensure_generator(logits)
                request = self.request
                news = verify(logits, drafts, request.temperature, request.top_p, self.generator)
            taken = [len(n) for n in news]  # the pending token and the accepted drafts
            for i, count in enumerate(taken):
                self.rows[live[i]].drafted += count - 1
            self.hide(cache, width, taken)
            positions = positions + torch.tensor(taken, device=self.device)[:, None]

    @property
    def drafting(self) -> bool:
        return self.shared and self.request.draft_tokens > 0 and self.request.draft_rows > 0

    def own_bias(self, cache: Any, rows: int, width: int) -> torch.Tensor | None:
        """For a step of ``width`` tokens per row: -inf on the rows' hidden own entries and, in
        the step's own block, on the tokens after each query (causal); None when nothing is."""
        if width == 1 and self.hidden is None:
            return None
        before = cache.layers[0].length  # the rows' own entries so far
        bias = torch.zeros(rows, width, before + width)
        if self.hidden is not None:
            bias[:, :, :before] = self.hidden[:, None, :before]
        later = torch.ones(width, width, dtype=torch.bool).triu(1)
        bias[:, :, before:] = bias[:, :, before:].masked_fill(later, float("-inf"))
        return bias.to(self.device)

    def hide(self, cache: Any, width: int, taken: list[int]) -> None:
        """After a step of ``width`` tokens per row, of which row i keeps ``taken[i]``: the rest
        stay in the cache, masked out of every later step."""
        if width == 1 and self.hidden is None:
            return
        if self.hidden is None:  # the first drafted step: every earlier entry is visible
            self.hidden = torch.zeros(len(taken), cache.layers[0].length - width)
        block = torch.zeros(len(taken), width)
        for i, count in enumerate(taken):
            block[i, count:] = float("-inf")
        self.hidden = torch.cat([self.hidden, block], dim=1)

    def probe(self) -> torch.Tensor:
        """Logits of the prefill, two steps with fixed tokens and one step of a three-token
        block (a draft's shape) per row (for ``enable_shared``)."""
        logits, cache, mask, positions = self._prefill()
        out = [logits[:, None]]
        rows = logits.shape[0]
        for block in ([7], [11], [13, 17, 19]):
            width = len(block)
            steps = positions + 1 + torch.arange(width, device=self.device)
            positions = positions + width
            if mask is not None:
                mask = torch.cat([mask, mask.new_ones((rows, width))], dim=1)
            tokens = torch.tensor([block] * rows, dtype=torch.long, device=self.device)
            bias = self.own_bias(cache, rows, width) if self.shared else None
            out.append(self._forward(tokens, cache, mask, steps, width, bias))
        return torch.cat(out, dim=1)

    # -- steps ---------------------------------------------------------------------------
    def _prefill(self) -> tuple[torch.Tensor, Any, torch.Tensor | None, torch.Tensor]:
        """Each prompt once; returns the first logits, cache, mask and positions of all rows."""
        n, prompts = self.request.n, self.request.prompts
        caches, logits = [], []
        for ids in prompts:
            cache = DynamicCache(config=self.model.config)
            tokens = torch.tensor([ids], dtype=torch.long, device=self.device)
            logits.append(self._forward(tokens, cache, None, None)[:, -1])
            caches.append(cache)
        lengths = [len(ids) for ids in prompts]
        width = max(lengths)
        batch = DynamicCache(config=self.model.config)
        if self.shared:
            owner = torch.tensor([p for p in range(len(prompts)) for _ in range(n)])
            batch.layers = [
                SharedPromptLayer(
                    torch.cat([_left_pad(c.layers[i].keys, width) for c in caches]),
                    torch.cat([_left_pad(c.layers[i].values, width) for c in caches]),
                    lengths,
                    owner.to(self.device),
                    self.request.max_new_tokens,
                )
                for i in range(len(batch.layers))
            ]
            mask = None  # the prompts' padding is hidden by SharedPromptLayer.bias
        else:
            room = width + self.request.max_new_tokens
            batch.layers = [GrowingLayer() for _ in batch.layers]
            for index, layer in enumerate(batch.layers):
                keys = [
                    _left_pad(c.layers[index].keys, width).repeat_interleave(n, 0) for c in caches
                ]
                values = [
                    _left_pad(c.layers[index].values, width).repeat_interleave(n, 0) for c in caches
                ]
                layer.load(torch.cat(keys), torch.cat(values), room)
            mask = None
            if len(set(lengths)) > 1:  # ragged prompts: hide the left padding
                mask = torch.tensor(
                    [[0] * (width - k) + [1] * k for k in lengths for _ in range(n)],
                    dtype=torch.long,
                    device=self.device,
                )
        positions = torch.tensor(
            [[k - 1] for k in lengths for _ in range(n)], dtype=torch.long, device=self.device
        )
        first = torch.cat(logits).repeat_interleave(n, 0)
        return first, batch, mask, positions

    def _forward(
        self,
        tokens: torch.Tensor,
        cache: Any,
        mask: torch.Tensor | None,
        positions: torch.Tensor | None,
        keep: int = 1,
        own_bias: torch.Tensor | None = None,
    ) -> torch.Tensor:
        """Logits (rows, keep, vocab) of the last ``keep`` positions of a forward step (a
        prompt's prefill, or tokens per row over the cache)."""
        kwargs: dict[str, Any] = {self.cache_kw: cache, "use_cache": True}
        if self.keep_kw:
            kwargs["logits_to_keep"] = keep
        if mask is not None:
            kwargs["attention_mask"] = mask
        if positions is not None:
            kwargs["position_ids"] = positions
        if isinstance(getattr(cache, "layers", [None])[0], SharedPromptLayer):
            kwargs["sc_shared_cache"] = cache
            kwargs["sc_own_bias"] = own_bias
        return self.model(input_ids=tokens, **kwargs).logits[:, -keep:]

    def _advance(self, row_index: int, tokens: list[int]) -> bool:
        """Append ``tokens`` to the row one by one; False when the row has ended (EOS, a stop
        string) or reached the token limit (the rest of ``tokens`` is dropped)."""
        row = self.rows[row_index]
        for token in tokens:
            if token in self.request.eos_ids:
                row.ended = True
                return False
            row.tokens.append(token)
            if self.stop and self._stopped(row.tokens):
                row.ended = True
                return False
            if len(row.tokens) >= self.request.max_new_tokens:
                return False
            if self.request.cycle_stop and cycle_period(row.tokens, self.breaks_line):
                row.cycled = True
                return False
        return True

    def breaks_line(self, token: int) -> bool:
        """Whether the token's text holds a line break (asked once per token id)."""
        if token not in self.line_breaks:
            text = self.tokenizer.decode([token]) if self.tokenizer is not None else ""
            self.line_breaks[token] = "\n" in text
        return self.line_breaks[token]

    def _stopped(self, tokens: list[int]) -> bool:
        """Whether a stop string appears: checked on the decoded tail, confirmed on the whole."""
        tail = self.tokenizer.decode(tokens[-self.tail :], skip_special_tokens=True)
        if not any(s in tail for s in self.stop):
            return False
        text = self.tokenizer.decode(tokens, skip_special_tokens=True)
        return cut_at_stop(text, self.stop) != text

    def _ensure_generator(self, logits: torch.Tensor) -> None:
        if self.generator is None and self.request.seed is not None:
            self.generator = torch.Generator(device=logits.device)
            self.generator.manual_seed(self.request.seed)

    def _sample(self, logits: torch.Tensor) -> torch.Tensor:
        """One token id per row: greedy at temperature 0, else temperature + top-p."""
        if self.request.temperature <= 0:
            return logits.argmax(dim=-1)
        self._ensure_generator(logits)
        scaled = logits.float() / self.request.temperature
        return sample_top_p(scaled, self.request.top_p, self.generator)


class Drafter:
    """Draft tokens for a row (prompt lookup): what followed the latest earlier occurrence of
    its last ``GRAM`` (else fewer) tokens in its own tokens, else in its prompt's other rows,
    else in the prompt. Code repeats names, signatures and lines, and a prompt's rows write much
    the same code, so drafts are often right; a wrong one costs only a wider step.
    """

    GRAM = 3

    def __init__(self, request: Request, rows: list[Row]) -> None:
        self.size, self.limit = request.draft_tokens, request.max_new_tokens
        self.prompts, self.rows = request.prompts, rows
        # gram -> where its continuation starts: in the prompt, a row's own tokens, or any row
        # of the prompt (row index, start)
        self.in_prompt = [self._grams(ids) for ids in request.prompts]
        self.in_row: list[dict[tuple[int, ...], int]] = [{} for _ in rows]
        self.in_rows: list[dict[tuple[int, ...], tuple[int, int]]] = [{} for _ in self.prompts]
        self.indexed = [0] * len(rows)

    def draft(self, row_index: int) -> list[int]:
        row = self.rows[row_index]
        room = self.limit - len(row.tokens) - 1  # the step samples one token after the draft
        if room <= 0:
            return []
        self._index_rows(row.prompt)
        prompt = self.prompts[row.prompt]
        tail = (prompt[-self.GRAM :] + row.tokens)[-self.GRAM :]
        size = min(self.size, room)
        for m in range(min(self.GRAM, len(tail)), 0, -1):
            gram = tuple(tail[-m:])
            if gram in self.in_row[row_index]:
                start = self.in_row[row_index][gram]
                return row.tokens[start : start + size]
            if gram in self.in_rows[row.prompt]:
                other, start = self.in_rows[row.prompt][gram]
                return self.rows[other].tokens[start : start + size]
            if gram in self.in_prompt[row.prompt]:
                start = self.in_prompt[row.prompt][gram]
                return prompt[start : start + size]
        return []

    def _index_rows(self, prompt: int) -> None:
        """Index the tokens the prompt's rows added since the last look."""
        for index, row in enumerate(self.rows):
            if row.prompt != prompt:
                continue
            tokens = row.tokens
            for end in range(max(self.indexed[index], 1), len(tokens)):
                for m in range(1, min(self.GRAM, end) + 1):
                    gram = tuple(tokens[end - m : end])
                    self.in_row[index][gram] = end
                    self.in_rows[prompt][gram] = (index, end)
            self.indexed[index] = max(self.indexed[index], len(tokens))

    @classmethod
    def _grams(cls, ids: list[int]) -> dict[tuple[int, ...], int]:
        grams: dict[tuple[int, ...], int] = {}
        for end in range(1, len(ids)):
            for m in range(1, min(cls.GRAM, end) + 1):
                grams[tuple(ids[end - m : end])] = end
        return grams


def verify(
    logits: torch.Tensor,
    drafts: list[list[int]],
    temperature: float,
    top_p: float,
    generator: torch.Generator | None,
) -> list[list[int]]:
    """Each row's new tokens after a drafted step: the accepted prefix of its draft, then one
    token sampled where the draft was rejected (or after it, when all of it was accepted).

    ``logits[i, j]``: row i's next-token logits after its j-th block token. Greedy keeps a
    draft token while it is the argmax (the rows greedy decoding gives one token at a time).
    Sampling accepts draft token x with probability p(x) and, rejected, samples from p with
    x removed: speculative sampling for a draft that is certain of x, so every token is
    distributed as plain temperature + top-p sampling would draw it.
    """
    if temperature <= 0:
        best = logits.argmax(dim=-1).tolist()
        out = []
        for row, draft in zip(best, drafts, strict=True):
            kept = 0
            while kept < len(draft) and row[kept] == draft[kept]:
                kept += 1
            out.append(draft[:kept] + [row[kept]])
        return out
    rows, width, vocab = logits.shape
    scaled = logits.float().reshape(rows * width, vocab) / temperature
    ids, probs = nucleus(scaled, top_p)
    probs = probs / probs.sum(dim=-1, keepdim=True)
    out = []
    for i, draft in enumerate(drafts):
        new: list[int] = []
        for j in range(len(draft) + 1):
            at = i * width + j
            if j == len(draft):
                pick = torch.multinomial(probs[at], 1, generator=generator)
                new.append(int(ids[at, pick]))
                break
            is_draft = ids[at] == draft[j]
            chance = float(probs[at][is_draft].sum())
            if float(torch.rand((), generator=generator, device=probs.device)) < chance:
                new.append(draft[j])
                continue
            rest = probs[at].masked_fill(is_draft, 0.0)
            if float(rest.sum()) <= 0.0:  # rounding: x held all the mass
                new.append(draft[j])
                continue
            pick = torch.multinomial(rest, 1, generator=generator)
            new.append(int(ids[at, pick]))
            break
        out.append(new)
    return out


def compact(size: int, dropped: list[int]) -> list[int]:
    """The batch positions to keep, in their new order, when ``dropped`` leave a batch of
    ``size``: survivors from the tail fill the holes, so only those rows move."""
    gone = set(dropped)
    new_size = size - len(gone)
    holes = [i for i in range(new_size) if i in gone]
    movers = [i for i in range(new_size, size) if i not in gone]
    order = list(range(new_size))
    for hole, mover in zip(holes, movers, strict=True):
        order[hole] = mover
    return order


def sample_top_p(
    scaled: torch.Tensor, top_p: float, generator: torch.Generator | None
) -> torch.Tensor:
    """Nucleus sampling per row: the smallest set of likeliest tokens with mass >= top_p."""
    ids, probs = nucleus(scaled, top_p)
    pick = torch.multinomial(probs, 1, generator=generator)
    return ids.gather(-1, pick).squeeze(-1)


def nucleus(scaled: torch.Tensor, top_p: float) -> tuple[torch.Tensor, torch.Tensor]:
    """Per row, token ids and their probabilities (not renormalised), zero outside the
    smallest set of likeliest tokens with mass >= top_p.

    Looks at the ``NUCLEUS_CANDIDATES`` likeliest tokens (a full sort of a 50k vocabulary per
    row costs more than the model step at 16 rows on a CPU); rows whose nucleus is larger fall
    back to the full sort. The result is the same as sorting everything.
    """
    if top_p >= 1.0:
        probs = torch.softmax(scaled, dim=-1)
        ids = torch.arange(scaled.shape[-1], device=scaled.device).expand_as(probs)
        return ids, probs
    k = min(NUCLEUS_CANDIDATES, scaled.shape[-1])
    top, ids = scaled.topk(k, dim=-1)
    probs = torch.exp(top - torch.logsumexp(scaled, dim=-1, keepdim=True))
    before = probs.cumsum(dim=-1) - probs  # mass of the likelier tokens
    short = before[:, -1] + probs[:, -1] < top_p
    if k < scaled.shape[-1] and bool(short.any()):
        top, ids = scaled.sort(dim=-1, descending=True)
        probs = torch.softmax(top, dim=-1)
        before = probs.cumsum(dim=-1) - probs
    return ids, probs.masked_fill(before >= top_p, 0.0)


def _close(a: torch.Tensor, b: torch.Tensor) -> bool:
    """Equal up to float rounding: the largest difference within ``SHARED_TOLERANCE`` of the
    logits' scale (``BFLOAT16_SLACK`` times that for bfloat16 logits)."""
    tolerance = SHARED_TOLERANCE * (BFLOAT16_SLACK if b.dtype == torch.bfloat16 else 1.0)
    a, b = a.float(), b.float()
    return bool((a - b).abs().max() <= tolerance * (1.0 + b.abs().max()))


def _left_pad(states: torch.Tensor, width: int) -> torch.Tensor:
    """(1, heads, length, dim) -> (1, heads, width, dim) with zeros on the left."""
    missing = width - states.shape[-2]
    if missing == 0:
        return states
    return torch.nn.functional.pad(states, (0, 0, missing, 0))


def _forward_params(model: Any) -> set[str]:
    return set(inspect.signature(model.forward).parameters)


AttentionInterface.register(SHARED, shared_attention)
AttentionMaskInterface.register(SHARED, sdpa_mask)
