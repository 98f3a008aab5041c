"""A job's records survive the JSON the store writes, with the same keys as before."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from supercharger.records import Candidate, CandidateKind, JobConfig, JobStatus
from supercharger.settings import Settings

CANDIDATES = st.builds(
    Candidate,
    id=st.text(min_size=1),
    kind=st.sampled_from(CandidateKind),
    parent=st.text(),
    seq=st.integers(min_value=-(2**31), max_value=2**31),
    raw=st.text(),
    text=st.text(),
    refused=st.text(),
    llm_seconds=st.floats(min_value=0, max_value=1e6),
)


@given(CANDIDATES)
def test_a_candidate_round_trips_through_json(cand: Candidate) -> None:
    assert Candidate.from_json(cand.to_json()) == cand


def test_a_candidate_s_json_has_the_eight_keys_of_the_stored_format() -> None:
    cand = Candidate(id="c0.1", kind=CandidateKind.CODE, seq=1, raw="r", text="t")
    assert json.loads(cand.to_json()) == {
        "id": "c0.1",
        "kind": "code",
        "parent": "",
        "seq": 1,
        "raw": "r",
        "text": "t",
        "refused": "",
        "llm_seconds": 0.0,
    }
    assert cand.valid and not Candidate(id="c", kind=CandidateKind.TEST).valid


def test_a_job_config_comes_from_settings_and_round_trips_through_json() -> None:
    settings = Settings(threshold=0.4, batch_size=3, seed=7, score_codes=False)
    config = JobConfig.from_settings(settings)
    assert (config.threshold, config.batch_size, config.seed) == (0.4, 3, 7)
    assert config.threshold_source.startswith("set") and config.stop_rule == "evidence"
    assert config.score_codes is False and config.sandbox_timeout == settings.sandbox_timeout
    assert JobConfig.from_json(config.to_json()) == config
    assert list(json.loads(config.to_json())) == [
        "threshold", "threshold_source", "stop_rule", "max_candidates", "budget_seconds",
        "batch_size", "max_new_tokens", "temperature", "top_p", "judge_top", "score_codes",
        "sandbox_timeout", "sandbox_memory_mb", "seed", "requirements",
    ]  # fmt: skip
    assert config.requirements == ()
    with_reqs = JobConfig.from_settings(settings, ("sortedcontainers>=2",))
    assert JobConfig.from_json(with_reqs.to_json()).requirements == ("sortedcontainers>=2",)


def test_statuses_are_their_strings() -> None:
    assert [s.value for s in JobStatus] == ["running", "passed", "budget", "exhausted", "cancelled"]
    assert JobStatus("passed") is JobStatus.PASSED and JobStatus.PASSED == "passed"
    assert json.dumps({"status": JobStatus.BUDGET}) == '{"status": "budget"}'
