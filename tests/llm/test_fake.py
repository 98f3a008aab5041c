"""fake: a scripted stand-in for testing pipeline policy, not a model."""

from __future__ import annotations

from supercharger.llm import Prompt, Sampling, get_backend


def _prompt(kind: str) -> Prompt:
    return Prompt(kind=kind, messages=[{"role": "user", "content": "two words"}])


def test_replies_cycle_by_kind() -> None:
    fake = get_backend("fake", options={"code_replies": ["a", "b"], "test_replies": ["t"]})
    assert fake.generate(_prompt("code"), Sampling(n=3)).texts == ["a", "b", "a"]
    assert fake.generate(_prompt("test"), Sampling(n=2)).texts == ["t", "t"]
    assert fake.generate(_prompt("code"), Sampling(n=1)).texts == ["b"]


def test_improve_replies_are_separate() -> None:
    fake = get_backend("fake", options={"improve_replies": ["fixed"]})
    assert fake.generate(_prompt("improve"), Sampling(n=1)).texts == ["fixed"]


def test_same_calls_same_replies() -> None:
    options = {"code_replies": ["x", "y", "z"]}
    runs = [get_backend("fake", options=options) for _ in range(2)]
    got = [[b.generate(_prompt("code"), Sampling(n=2)).texts for _ in range(3)] for b in runs]
    assert got[0] == got[1]


def test_stop_sequences_cut_like_a_model() -> None:
    fake = get_backend("fake", options={"code_replies": ["    return 1\n```\nchatter"]})
    assert fake.generate(_prompt("code"), Sampling(stop=["```"])).texts == ["    return 1\n"]


def test_scores_by_kind() -> None:
    fake = get_backend("fake", options={"judge_score": 0.25, "score": 0.75})
    assert fake.yes_probability(_prompt("judge")).score == 0.25
    assert fake.yes_probability(_prompt("score")).score == 0.75


def test_token_counts() -> None:
    completion = get_backend("fake").generate(_prompt("code"), Sampling(n=2))
    assert completion.prompt_tokens == 2
    assert completion.completion_tokens > 0
    assert fake_name() == "fake"


def fake_name() -> str:
    return get_backend("fake").name
