"""Continuous batching on the real bundled model: concurrent callers (jobs) share one batch,
rows join while others decode, each caller gets its own rows once. And the batcher's pure
admission policy. No test here asserts on time."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from supercharger.llm import Completion, Prompt, Sampling
from supercharger.llm.batcher import Ask, Batcher, Cancelled, owned_by, pick
from supercharger.llm.hf import TransformersBackend
from supercharger.llm.prompts import CODE_STOP, code_prompt

FACTORIAL = code_prompt("# factorial of n\ndef factorial(n):", "factorial")
TOTAL = code_prompt(
    "# A function that returns the sum of a list of numbers\ndef total(xs):", "total"
)
COUNT = Prompt(
    kind="code",
    messages=[{"role": "user", "content": "Count from 1 to 100, separated by commas."}],
    prefill="1, 2, 3,",
)
GREEDY = Sampling(n=2, max_new_tokens=60, temperature=0.0, stop=CODE_STOP)


def _alike(got: list[str], alone: list[str], start: int = 24) -> bool:
    """Each row's text is the one its own prompt gave alone: the same, or the same for its first
    ``start`` characters. Greedy decoding in a wider batch may take the other of two nearly tied
    tokens further on (bf16 sums in another order), but a row that landed in another request
    parts at once."""
    if len(got) != len(alone):
        return False
    pairs = zip(got, alone, strict=True)
    return all(g == a or (len(g) >= start and g[:start] == a[:start]) for g, a in pairs)


def _ask(owner: str, rows: int, seq: int) -> Ask:
    return Ask(owner=owner, rows=rows, seq=seq, payload=None)


# -- the admission policy (pure) -------------------------------------------------------------
def test_owners_take_turns_and_each_owner_goes_oldest_first() -> None:
    a1, a2, a3, b1 = _ask("a", 8, 0), _ask("a", 8, 1), _ask("a", 8, 2), _ask("b", 8, 3)
    assert pick([a1, a2, a3, b1], 16, {}, empty=True) == [a1, b1]
    # a was served last: b's request goes before a's older ones
    assert pick([a2, a3, b1], 8, {"a": 5, "b": 2}, empty=False) == [b1]
    assert pick([a2, a3], 16, {"a": 5, "b": 2}, empty=False) == [a2, a3]


def test_a_request_that_does_not_fit_waits_and_is_not_overtaken() -> None:
    big, small = _ask("a", 12, 0), _ask("b", 2, 1)
    assert pick([big, small], 8, {}, empty=False) == []
    assert pick([big, small], 16, {}, empty=False) == [big, small]
    huge = _ask("c", 40, 0)  # more rows than a batch holds: alone, when the batch is empty
    assert pick([huge, small], 16, {}, empty=True) == [huge]
    assert pick([huge], 16, {}, empty=False) == []
    assert pick([], 16, {}, empty=True) == []


# -- the real model --------------------------------------------------------------------------
def _in_threads(backend: TransformersBackend, asks: dict[str, tuple[Prompt, Sampling]],
                before: dict[str, Any] | None = None) -> dict[str, Completion]:  # fmt: skip
    """Each owner's request from its own thread; ``before[owner]()`` is awaited first."""
    out: dict[str, Completion] = {}

    def run(owner: str, prompt: Prompt, sampling: Sampling) -> None:
        if before and owner in before:
            before[owner]()
        with owned_by(owner):
            out[owner] = backend.generate(prompt, sampling)

    threads = [threading.Thread(target=run, args=(o, *a)) for o, a in asks.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    return out


def _open_when(gate: threading.Event, ready: Any) -> None:
    deadline = time.monotonic() + 300
    while not ready() and time.monotonic() < deadline:
        time.sleep(0.01)
    gate.set()


@contextmanager
def _held_until(batcher: Batcher, ready: Callable[[], bool]) -> Iterator[None]:
    """The batcher's thread is busy (a call that blocks) until ``ready()``: requests made
    inside wait, then join together."""
    gate, holding = threading.Event(), threading.Event()

    def hold() -> None:
        holding.set()
        gate.wait()

    holder = threading.Thread(target=batcher.call, args=(hold,))
    holder.start()
    assert holding.wait(timeout=300)
    opened = threading.Thread(target=_open_when, args=(gate, ready))
    opened.start()
    try:
        yield
    finally:
        holder.join(timeout=60)
        opened.join(timeout=60)


@pytest.mark.timeout(900)
def test_rows_of_two_jobs_in_one_batch_each_land_in_their_own_job_once(
    bundled: TransformersBackend,
) -> None:
    assert bundled.batcher is not None
    sampled = Sampling(n=3, max_new_tokens=60, temperature=0.8, seed=4, stop=CODE_STOP)
    alone = {"job-a": bundled.generate(FACTORIAL, GREEDY),
             "job-b": bundled.generate(TOTAL, GREEDY)}  # fmt: skip
    batcher = bundled.batcher
    admitted = len(batcher.admitted)
    # hold the batcher's thread until all three wait, so that they join one batch together
    with _held_until(batcher, lambda: len(batcher.waiting) == 3):
        got = _in_threads(
            bundled,
            {"job-a": (FACTORIAL, GREEDY), "job-b": (TOTAL, GREEDY), "job-c": (COUNT, sampled)},
        )
    assert sorted(o for o, _ in bundled.batcher.admitted[admitted:]) == ["job-a", "job-b", "job-c"]
    for owner in ("job-a", "job-b"):  # each job's rows: its own, as many as it asked for
        assert _alike(got[owner].texts, alone[owner].texts), (got[owner].texts, alone[owner])
        assert len(got[owner].texts) == 2
    assert len(got["job-c"].texts) == 3 and len(got["job-c"].row_tokens) == 3
    assert not any("factorial" in t for t in got["job-b"].texts + got["job-c"].texts)
    # all three joined together, so they decoded side by side: 7 rows in one step
    assert got["job-a"].batch_rows == got["job-b"].batch_rows == 7
    assert alone["job-a"].batch_rows == 2


@pytest.mark.timeout(900)
def test_a_row_joins_while_another_decodes(bundled: TransformersBackend) -> None:
    long = Sampling(n=1, max_new_tokens=120, temperature=0.0)  # counting: runs to the limit
    alone = {"count": bundled.generate(COUNT, long), "total": bundled.generate(TOTAL, GREEDY)}
    assert bundled.batcher is not None and bundled.batcher.engine is not None
    engine = bundled.batcher.engine
    joins = len(engine.joins)

    def count_is_decoding() -> None:  # "total" is sent once "count" has taken a few steps
        started = engine.steps
        deadline = time.monotonic() + 300
        while engine.steps < started + 5 or len(engine.joins) == joins:
            assert time.monotonic() < deadline
            time.sleep(0.01)

    got = _in_threads(
        bundled, {"count": (COUNT, long), "total": (TOTAL, GREEDY)}, {"total": count_is_decoding}
    )
    assert engine.joins[joins:] == [0, 1]  # "total" joined a batch with "count"'s row in it
    assert _alike(got["count"].texts, alone["count"].texts), (got["count"], alone["count"])
    assert _alike(got["total"].texts, alone["total"].texts), (got["total"], alone["total"])
    assert got["count"].row_tokens == [120]
    assert got["total"].batch_rows == 3


@pytest.mark.timeout(900)
def test_judging_while_a_batch_decodes_uses_the_model_in_turn(
    bundled: TransformersBackend,
) -> None:
    """A yes/no score asked while rows decode runs between two steps and gives what it gives
    alone."""
    question = Prompt(kind="judge", messages=[{"role": "user", "content": "Is 2 even?"}])
    alone = bundled.yes_probability(question).score
    scores: list[float] = []

    def judge() -> None:
        time.sleep(0.5)
        scores.append(bundled.yes_probability(question).score)

    thread = threading.Thread(target=judge)
    thread.start()
    reply = bundled.generate(COUNT, Sampling(n=2, max_new_tokens=80, temperature=0.0))
    thread.join(timeout=300)
    assert len(reply.texts) == 2
    assert scores and abs(scores[0] - alone) < 1e-6


@pytest.mark.timeout(900)
def test_the_rows_of_a_job_that_ended_leave_the_batch_and_free_it(
    bundled: TransformersBackend,
) -> None:
    """A request whose owner says it is no longer wanted (its job ended) leaves the batch
    between two steps, unfinished, and its caller gets ``Cancelled``; the other job's rows
    decode on as they would alone."""
    long = Sampling(n=1, max_new_tokens=120, temperature=0.0)  # counting: runs to the limit
    alone = bundled.generate(TOTAL, GREEDY)
    assert bundled.batcher is not None
    batcher = bundled.batcher
    ended = threading.Event()
    errors: dict[str, BaseException] = {}
    got: dict[str, Completion] = {}

    def run(owner: str, prompt: Prompt, sampling: Sampling) -> None:
        with owned_by(owner, cancelled=ended.is_set if owner == "gone" else None):
            try:
                got[owner] = bundled.generate(prompt, sampling)
            except Cancelled as e:
                errors[owner] = e

    engine = batcher.engine
    assert engine is not None
    started = engine.steps
    gone = threading.Thread(target=run, args=("gone", COUNT, long))
    gone.start()
    deadline = time.monotonic() + 300
    while engine.rows == 0:  # "gone" decodes
        assert time.monotonic() < deadline
        time.sleep(0.01)
    stays = threading.Thread(target=run, args=("stays", TOTAL, GREEDY))
    stays.start()
    while engine.rows < 3:  # both decode side by side, then "gone"'s job ends
        assert time.monotonic() < deadline
        time.sleep(0.01)
    ended.set()
    for t in (gone, stays):
        t.join(timeout=600)
    assert isinstance(errors.get("gone"), Cancelled) and "gone" not in got
    assert ("gone", 1) in batcher.cancelled
    assert _alike(got["stays"].texts, alone.texts), (got["stays"].texts, alone.texts)
    # alone or not, the count takes 119 steps after its first token; it left long before
    assert engine.steps - started < 100 and engine.rows == 0


@pytest.mark.timeout(900)
def test_a_waiting_request_of_a_job_that_ended_never_joins(bundled: TransformersBackend) -> None:
    assert bundled.batcher is not None
    batcher = bundled.batcher
    bundled.generate(TOTAL, GREEDY)  # the decoder is chosen on the batcher's thread, once
    admitted = len(batcher.admitted)
    with (
        _held_until(batcher, lambda: len(batcher.waiting) == 1),
        owned_by("ended", cancelled=lambda: True),
        pytest.raises(Cancelled),
    ):
        bundled.generate(TOTAL, GREEDY)
    assert [o for o, _ in batcher.admitted[admitted:]] == []
    assert batcher.cancelled[-1] == ("ended", 2)
