"""Continuous batching: one decode batch that requests join between steps and leave row by row.

Built on shared-prompt attention (``decode.SharedPromptLayer``): a request's prompts are
prefilled alone (batch of one each), then its keys and values join the batch's prompt table
and its rows join the batch. Each row's own part of the cache is as long as the batch's:
a row that joins later has its earlier columns hidden (-inf, the ``hidden`` mask that lookup
drafts use too), and columns no live row can read are cut off at the next admission, as are
prompts whose rows have all left.

Each request keeps its own ``DecodeLoop`` for what is per request: its stop strings, token
limit, cycle stop, seeded generator, sampling and lookup drafts. A request samples its rows'
tokens from its own generator in the order it would alone, so a seeded request gives the same
rows alone or next to others (up to float rounding of a different batch shape).

Imported only by ``hf.py`` (through the batcher) when it generates: imports torch.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import torch

from supercharger.llm.decode import (
    DecodeLoop,
    Drafter,
    Request,
    Row,
    SharedPromptLayer,
    _left_pad,
    compact,
    verify,
)


@dataclass(eq=False)
class Entry:
    """One request in the batch: its rows, its own loop (sampling, stops) and drafter."""

    request: Request
    rows: list[Row]
    loop: DecodeLoop
    drafter: Drafter | None
    live: int = 0  # its rows still in the batch
    most_rows: int = 0  # the most rows of the batch in one step while it decoded
    admitted: float = field(default_factory=time.perf_counter)

    @property
    def drafting(self) -> bool:
        return self.drafter is not None and self.live <= self.request.draft_rows


class ContinuousBatch:
    """The batch's rows (``live``: entry and row index per position), their cache, positions,
    pending tokens (``news``: sampled, not yet appended) and the hidden mask."""

    def __init__(self, model: Any, tokenizer: Any) -> None:
        self.model, self.tokenizer = model, tokenizer
        self.device = model.device
        self.live: list[tuple[Entry, int]] = []
        self.news: list[list[int]] = []
        self.cache: Any = None
        self.lengths: list[int] = []  # per prompt in the cache's prompt table
        self.positions: torch.Tensor | None = None
        self.hidden: torch.Tensor | None = None
        self.steps = 0  # decode steps taken (for tests and benches)
        self.joins: list[int] = []  # per admission: rows already decoding when it joined
        self.most_entries = 0  # the most requests that shared one step

    @property
    def rows(self) -> int:
        return len(self.live)

    # -- joining -------------------------------------------------------------------------
    def admit(self, request: Request) -> Entry:
        """Prefill the request's prompts and add its rows; their first tokens are sampled."""
        rows = [Row(prompt=p) for p in range(len(request.prompts)) for _ in range(request.n)]
        loop = DecodeLoop(self.model, self.tokenizer, request, rows, shared=True)
        drafter = Drafter(request, rows) if loop.drafting else None
        entry = Entry(request, rows, loop, drafter, live=len(rows))
        self.joins.append(len(self.live))
        with torch.inference_mode():
            first, cache, _, positions = loop._prefill()
            news = [[t] for t in loop._sample(first).tolist()]
            if self.cache is None:
                self.cache, self.positions, self.hidden = cache, positions, None
                self.lengths = [len(ids) for ids in request.prompts]
            else:
                self._prune()
                self._merge(cache, positions, [len(ids) for ids in request.prompts])
        self.live += [(entry, i) for i in range(len(rows))]
        self.news += news
        return entry

    def _merge(self, cache: Any, positions: torch.Tensor, lengths: list[int]) -> None:
        before, rows = len(self.lengths), positions.shape[0]
        self.lengths += lengths
        width = max(self.lengths)
        own = self.cache.layers[0].length
        for mine, theirs in zip(self.cache.layers, cache.layers, strict=True):
            mine.prompt_keys = torch.cat(
                [_left_pad(mine.prompt_keys, width), _left_pad(theirs.prompt_keys, width)]
            )
            mine.prompt_values = torch.cat(
                [_left_pad(mine.prompt_values, width), _left_pad(theirs.prompt_values, width)]
            )
            mine.bias = padding_bias(self.lengths, width, mine.prompt_keys.device)
            mine.owner = torch.cat([mine.owner, theirs.owner + before])
            shape = (rows, *mine.key_buffer.shape[1:])
            mine.key_buffer = torch.cat([mine.key_buffer, mine.key_buffer.new_zeros(shape)])
            mine.value_buffer = torch.cat([mine.value_buffer, mine.value_buffer.new_zeros(shape)])
            mine._expose()
        assert self.positions is not None
        self.positions = torch.cat([self.positions, positions])
        if own:  # the newcomers cannot see the columns written before they came
            seen = torch.zeros(len(self.live), own) if self.hidden is None else self.hidden
            self.hidden = torch.cat([seen, torch.full((rows, own), float("-inf"))])
        elif self.hidden is not None:
            self.hidden = torch.cat([self.hidden, torch.zeros(rows, 0)])

    def _prune(self) -> None:
        """Drop prompts no live row reads, and own columns that every live row has hidden."""
        layers = self.cache.layers
        used = sorted(set(layers[0].owner.tolist()))
        if len(used) < len(self.lengths):
            remap = torch.full((len(self.lengths),), -1, dtype=torch.long)
            remap[used] = torch.arange(len(used))
            self.lengths = [self.lengths[p] for p in used]
            width = max(self.lengths)
            index = torch.tensor(used, device=layers[0].owner.device)
            for layer in layers:
                layer.prompt_keys = layer.prompt_keys.index_select(0, index)[:, :, -width:]
                layer.prompt_values = layer.prompt_values.index_select(0, index)[:, :, -width:]
                layer.bias = padding_bias(self.lengths, width, layer.prompt_keys.device)
                layer.owner = remap.to(layer.owner.device)[layer.owner]
        if self.hidden is None:
            return
        readable = (self.hidden == 0).any(dim=0).nonzero()
        start = int(readable[0]) if readable.numel() else self.hidden.shape[1]
        if start:
            for layer in layers:
                end = layer.length
                layer.key_buffer[:, :, : end - start] = layer.key_buffer[:, :, start:end].clone()
                layer.value_buffer[:, :, : end - start] = layer.value_buffer[
                    :, :, start:end
                ].clone()
                layer.length = end - start
                layer._expose()
            self.hidden = self.hidden[:, start:]

    # -- decoding ------------------------------------------------------------------------
    def step(self) -> list[Entry]:
        """Append each row's pending tokens, let ended rows leave, then one forward step for
        the rest. Returns the requests whose last row left."""
        with torch.inference_mode():
            return self._step()

    def _step(self) -> list[Entry]:
        ended = [k for k, (e, i) in enumerate(self.live) if not e.loop._advance(i, self.news[k])]
        finished = []
        for k in ended:
            entry = self.live[k][0]
            entry.live -= 1
            if entry.live == 0:
                finished.append(entry)
        self._drop(ended)
        if not self.live:
            self._reset()
            return finished
        groups = self._groups()
        self.most_entries = max(self.most_entries, len(groups))
        for entry in groups:
            entry.most_rows = max(entry.most_rows, len(self.live))
        drafts: list[list[int]] = [[] for _ in self.live]
        for entry, positions in groups.items():
            if entry.drafting and entry.drafter is not None:
                for k in positions:
                    drafts[k] = entry.drafter.draft(self.live[k][1])
        width = 1 + max(len(d) for d in drafts)
        pending = [n[-1] for n in self.news]
        block = [[p, *d] + [p] * (width - 1 - len(d)) for p, d in zip(pending, drafts, strict=True)]
        tokens = torch.tensor(block, device=self.device)
        assert self.positions is not None
        steps = self.positions + 1 + torch.arange(width, device=self.device)
        helper = self.live[0][0].loop
        bias = self._own_bias(width)
        logits = helper._forward(tokens, self.cache, None, steps, width, bias)
        self.news = self._sample(logits, groups, drafts)
        taken = [len(n) for n in self.news]
        for (entry, i), count in zip(self.live, taken, strict=True):
            entry.rows[i].drafted += count - 1
        self._hide(width, taken)
        self.positions = self.positions + torch.tensor(taken, device=self.device)[:, None]
        self.steps += 1
        return finished

    def cancel(self, entry: Entry) -> None:
        """The request's rows leave the batch between two steps, unfinished."""
        with torch.inference_mode():
            self._drop([k for k, (e, _) in enumerate(self.live) if e is entry])
            entry.live = 0
            if not self.live:
                self._reset()

    def _groups(self) -> dict[Entry, list[int]]:
        groups: dict[Entry, list[int]] = {}
        for k, (entry, _) in enumerate(self.live):
            groups.setdefault(entry, []).append(k)
        return groups

    def _sample(
        self, logits: torch.Tensor, groups: dict[Entry, list[int]], drafts: list[list[int]]
    ) -> list[list[int]]:
        """Each request samples its rows (in batch order) from its own generator."""
        news: list[list[int]] = [[] for _ in self.live]
        for entry, positions in groups.items():
            index = torch.tensor(positions, device=logits.device)
            mine = logits.index_select(0, index)
            wanted = [drafts[k] for k in positions]
            if any(wanted):
                entry.loop._ensure_generator(mine)
                r = entry.request
                got = verify(mine, wanted, r.temperature, r.top_p, entry.loop.generator)
            else:
                got = [[t] for t in entry.loop._sample(mine[:, 0]).tolist()]
            for k, new in zip(positions, got, strict=True):
                news[k] = new
        return news

    def _drop(self, ended: list[int]) -> None:
        keep = compact(len(self.live), ended)
        if len(keep) == len(self.live):
            return
        if keep:
            index = torch.tensor(keep, device=self.device)
            self.cache.batch_select_indices(index)
            assert self.positions is not None
            self.positions = self.positions.index_select(0, index)
            if self.hidden is not None:
                self.hidden = self.hidden[keep]
        self.live = [self.live[k] for k in keep]
        self.news = [self.news[k] for k in keep]

    def _reset(self) -> None:
        self.cache, self.positions, self.hidden, self.lengths = None, None, None, []
        self.live, self.news = [], []

    def _own_bias(self, width: int) -> torch.Tensor | None:
        """As ``DecodeLoop.own_bias``: hidden own entries and the step block's causal mask."""
        if width == 1 and self.hidden is None:
            return None
        before = self.cache.layers[0].length
        bias = torch.zeros(len(self.live), width, before + width)
        if self.hidden is not None:
            bias[:, :, :before] = self.hidden[:, None, :before]
        later = torch.ones(width, width, dtype=torch.bool).triu(1)
        bias[:, :, before:] = bias[:, :, before:].masked_fill(later, float("-inf"))
        return bias.to(self.device)

    def _hide(self, width: int, taken: list[int]) -> None:
        if width == 1 and self.hidden is None:
            return
        if self.hidden is None:
            self.hidden = torch.zeros(len(taken), self.cache.layers[0].length - width)
        block = torch.zeros(len(taken), width)
        for i, count in enumerate(taken):
            block[i, count:] = float("-inf")
        self.hidden = torch.cat([self.hidden, block], dim=1)


def padding_bias(lengths: list[int], width: int, device: Any) -> torch.Tensor | None:
    """-inf over each prompt's left padding in a table ``width`` wide; None without padding."""
    if all(k == width for k in lengths):
        return None
    pad = (
        torch.arange(width, device=device)[None, :]
        < torch.tensor([width - k for k in lengths], device=device)[:, None]
    )
    bias = torch.zeros(pad.shape, dtype=torch.float32, device=device)
    return bias.masked_fill(pad, float("-inf"))[:, None, None, :]


__all__ = ["ContinuousBatch", "Entry", "SharedPromptLayer", "padding_bias"]
