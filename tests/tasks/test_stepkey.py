"""Step keys: every key survives its text, and the text is the one Redis has always held."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supercharger.records import CandidateKind
from supercharger.tasks.stepkey import (
    Gen,
    Improve,
    Judge,
    Mutate,
    RunPair,
    Score,
    StepKey,
    encode_pair,
    generation,
    parse,
    parse_pair,
)

CODE_IDS = st.text(min_size=1).filter(lambda s: "|" not in s)  # a code id never holds "|"
TEST_IDS = st.text(min_size=1)
SLOTS = st.integers(min_value=0, max_value=10**6)
KEYS: st.SearchStrategy[StepKey] = st.one_of(
    st.builds(Gen, st.sampled_from([CandidateKind.CODE, CandidateKind.TEST]), SLOTS),
    st.builds(Improve, SLOTS, CODE_IDS, TEST_IDS),
    st.builds(RunPair, CODE_IDS, TEST_IDS),
    st.builds(Judge, CODE_IDS, TEST_IDS),
    st.builds(Score, st.text()),
    st.builds(Mutate, CODE_IDS, TEST_IDS),
)


@given(KEYS)
def test_every_key_round_trips_through_its_text(key: StepKey) -> None:
    assert parse(key.encode()) == key


@given(CODE_IDS, TEST_IDS)
def test_every_pair_round_trips_through_its_text(code: str, test: str) -> None:
    assert parse_pair(encode_pair((code, test))) == (code, test)


@pytest.mark.parametrize(
    ("key", "text"),
    [
        (Gen(CandidateKind.CODE, 0), "gen:code:0"),
        (Gen(CandidateKind.TEST, 12), "gen:test:12"),
        (Improve(3, "c1.0", "t2.1"), "gen:improve:3:c1.0|t2.1"),
        (RunPair("stub.none", "spec.examples"), "pair:stub.none|spec.examples"),
        (Judge("c0.0", "t0.0"), "judge:c0.0|t0.0"),
        (Score("i1.2"), "score:i1.2"),
        (Mutate("c0.1", "t1.0"), "mutate:c0.1|t1.0"),
    ],
)
def test_the_text_is_the_stored_format(key: StepKey, text: str) -> None:
    assert key.encode() == text and parse(text) == key


def test_a_plain_kind_name_makes_the_same_key() -> None:
    assert Gen("code", 1) == Gen(CandidateKind.CODE, 1)  # type: ignore[arg-type]
    assert hash(Gen("code", 1)) == hash(Gen(CandidateKind.CODE, 1))  # type: ignore[arg-type]


def test_generation_names_what_a_step_asks_for() -> None:
    assert generation(Gen(CandidateKind.TEST, 0)) == "test"
    assert generation(Improve(0, "c", "t")) == "improve"
    assert generation(Judge("c", "t")) is None


@pytest.mark.parametrize(
    "text", ["", "gen", "gen:stub:0", "gen:code:x", "pair:c", "nope:c", "mutate:c"]
)
def test_text_that_names_no_step_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse(text)


def test_a_code_id_with_the_pair_separator_is_refused() -> None:
    with pytest.raises(ValueError, match="code id"):
        RunPair("c|1", "t").encode()
    with pytest.raises(ValueError, match="code id"):
        Mutate("c|1", "t").encode()
