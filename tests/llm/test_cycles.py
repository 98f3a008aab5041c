"""The cycle stop: the pure detector, and the real bundled model stopping a looping row early
with the tokens it saved recorded for the job's calls.jsonl."""

from __future__ import annotations

import pytest

from supercharger.clean.source import cut_loop
from supercharger.llm import Prompt, Sampling
from supercharger.llm.cycles import MIN_SPAN, cycle_period, first_cycle, repeated_tail
from supercharger.llm.hf import TransformersBackend
from supercharger.records import CandidateKind, JobConfig
from supercharger.settings import Settings
from supercharger.spec import Spec
from supercharger.tasks import steps
from supercharger.tasks.report import build_report
from supercharger.tasks.stepkey import Gen
from supercharger.tasks.store import JobStore, new_job_id

NEWLINE = 10  # in these unit tests, token 10 is the one whose text holds a line break


def breaks(token: int) -> bool:
    return token == NEWLINE


def test_repeated_tail_counts_tokens_equal_to_those_a_period_before() -> None:
    assert repeated_tail([1, 2, 1, 2, 1], 2) == 3
    assert repeated_tail([1, 2, 3], 1) == 0
    assert repeated_tail([5, 5, 5, 5], 1) == 3


def test_a_tail_of_one_unit_repeated_is_a_cycle() -> None:
    tokens = list(range(100, 120)) + [7, 8, 9] * 12  # 36 tokens of period 3
    assert cycle_period(tokens, breaks) == 3
    assert cycle_period([4] * MIN_SPAN, breaks) == 1


def test_short_or_few_repeats_are_not_a_cycle() -> None:
    assert cycle_period([7, 8, 9] * 5, breaks) == 0  # 15 tokens: under MIN_SPAN
    unit = list(range(20, 40))  # 20 tokens, 3 copies: under MIN_COPIES
    assert cycle_period(unit * 3, breaks) == 0
    assert cycle_period(list(range(200)), breaks) == 0
    assert cycle_period([], breaks) == 0


def test_a_cycle_that_breaks_lines_needs_enough_lines() -> None:
    line = [1, 2, 3, NEWLINE]
    assert cycle_period(line * 7, breaks) == 0  # 28 tokens, 7 lines
    assert cycle_period(line * 9, breaks) == 4  # 36 tokens, 9 lines
    assert cycle_period(line * 9, lambda _t: False) == 4


def test_code_that_varies_is_not_a_cycle() -> None:
    # assert f(1) == 1 / assert f(2) == 2 / ...: the lines differ, so the tokens do
    lines = [[50, 51, 52, 60 + i, 53, 54, 60 + i, NEWLINE] for i in range(12)]
    assert cycle_period([t for line in lines for t in line], breaks) == 0


def test_first_cycle_is_where_the_decoder_stops() -> None:
    tokens = list(range(100, 110)) + [7, 8] * 30
    end = first_cycle(tokens, breaks)
    assert end == 10 + MIN_SPAN
    assert cycle_period(tokens[:end], breaks) == 2
    assert cycle_period(tokens[: end - 1], breaks) == 0
    assert first_cycle(list(range(50)), breaks) == 50


def test_a_stopped_loop_of_lines_still_has_what_the_cleaner_cuts() -> None:
    """Lines as tokens: at the decoder's stop, the cleaner's loop cut finds the loop and keeps
    the same lines as on the reply decoded to the limit."""
    head = ["def f(n):", "    x = 1"]
    loop = ["    y = 2", "    z = 3"]
    vocab = {text: i + 1 for i, text in enumerate(head + loop)}
    lines = head + loop * 40  # what the row writes up to its token limit
    tokens = [t for text in lines for t in (vocab[text], NEWLINE)]
    end = first_cycle(tokens, breaks)
    assert end < len(tokens)
    text = {v: k for k, v in vocab.items()}
    stopped = [text[t] for t in tokens[:end] if t != NEWLINE]
    assert cut_loop(stopped) == cut_loop(lines) == head + loop


LOOPING = Prompt(
    kind="code",
    messages=[{"role": "user", "content": "Write it again and again."}],
    prefill="ok ok ok ok ok ok",
)


@pytest.mark.timeout(900)
def test_the_real_model_stops_a_looping_row_and_records_what_it_saved(
    bundled: TransformersBackend, store: JobStore
) -> None:
    sampling = Sampling(n=2, max_new_tokens=120, temperature=0.0)
    options = bundled.options
    try:
        bundled.options = options.model_copy(update={"cycle_stop": False})
        full = bundled.generate(LOOPING, sampling)
        bundled.options = options.model_copy(update={"cycle_stop": True})
        cut = bundled.generate(LOOPING, sampling)
    finally:
        bundled.options = options
    assert full.row_tokens == [120, 120] and full.cycled == [False, False]
    assert full.tokens_saved == 0
    assert cut.cycled == [True, True] and cut.ended == [False, False]
    assert all(n < 120 for n in cut.row_tokens)
    assert cut.tokens_saved == sum(120 - n for n in cut.row_tokens) > 0
    assert all(f.startswith(c) for f, c in zip(full.texts, cut.texts, strict=True))
    # recorded with the job's call, as calls.jsonl and report.json show it
    job = new_job_id()
    spec = Spec(text="def f(x):\n", name="f", signature="def f(x):")
    store.create(job, spec, JobConfig.from_settings(Settings(batch_size=2)))
    key = Gen(CandidateKind.CODE, 0)
    cands = steps.make_candidates(spec, key.kind, 0, cut.texts, cut.seconds)
    steps._record_generation(store, job, cands, cut, key, LOOPING)
    call = store.calls(job)[key]
    assert call["tokens_saved"] == cut.tokens_saved
    assert call["cycled"] == ["c0.0", "c0.1"]
    report = build_report(store, job)
    assert report["tokens"]["saved_by_cycle_stop"] == cut.tokens_saved
    assert report["calls"][0]["tokens_saved"] == cut.tokens_saved


@pytest.mark.parametrize("period", [1, 5, 64])
def test_every_period_up_to_the_longest_is_found(period: int) -> None:
    unit = list(range(1000, 1000 + period))
    copies = max(4, -(-MIN_SPAN // period))
    assert cycle_period([1, 2, 3] + unit * copies, breaks) == period
