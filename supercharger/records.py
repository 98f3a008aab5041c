"""A job's records, one type each: its status, its config and its candidates.

Plain data below both the policy and the tasks (it imports neither); the job store writes each
as JSON and reads it back as the same type. Pair verdicts use the sandbox's ``Status``.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from supercharger.spec import EXAMPLES_KIND, STUB_KIND

if TYPE_CHECKING:
    from supercharger.settings import Settings

Pair = tuple[str, str]  # (code id, test id)


class JobStatus(str, Enum):
    """Where a job stands; every value but ``RUNNING`` is an end."""

    RUNNING = "running"
    PASSED = "passed"  # a pair passed and was judged at or above the threshold
    BUDGET = "budget"  # the time budget ran out first
    EXHAUSTED = "exhausted"  # every candidate of the budget tried, none judged a pass
    CANCELLED = "cancelled"  # the user asked


class CandidateKind(str, Enum):
    CODE = "code"
    TEST = "test"
    STUB = STUB_KIND  # a stand-in code: never ranked, judged or repaired
    EXAMPLES = EXAMPLES_KIND  # the test made from the spec's own examples


class Candidate(BaseModel):
    """One code or test: the model's raw reply and its cleaned, runnable text."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    kind: CandidateKind
    parent: str = ""  # the code a repair was made from
    seq: int = 0  # the job's order of candidates
    raw: str = ""
    text: str = ""  # empty when the cleaner refused the reply
    refused: str = ""  # why it did
    llm_seconds: float = 0.0  # this reply's share of its generation call

    @property
    def valid(self) -> bool:
        return bool(self.text)

    def to_json(self) -> str:
        return self.model_dump_json()

    @classmethod
    def from_json(cls, text: str | bytes) -> Candidate:
        return cls.model_validate_json(text)


class JobConfig(BaseModel):
    """What a job was told: the settings that steer it, copied once when it is submitted."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    threshold: float | None  # None: the judge never ends the job (see policy)
    threshold_source: str = ""  # where the threshold came from (Settings.judge_threshold)
    stop_rule: str = "evidence"
    max_candidates: int
    budget_seconds: float
    batch_size: int
    max_new_tokens: int
    temperature: float
    top_p: float
    judge_top: int
    score_codes: bool = True
    sandbox_timeout: float
    sandbox_memory_mb: int
    seed: int | None = None
    requirements: tuple[str, ...] = ()  # the spec's packages: the sandbox's environment

    @classmethod
    def from_settings(cls, settings: Settings, requirements: tuple[str, ...] = ()) -> JobConfig:
        """The job's config from ``settings`` (and the spec's ``requirements``), with the judge
        threshold in force."""
        threshold, source = settings.judge_threshold()
        own = ("threshold_source", "requirements")
        names = [name for name in cls.model_fields if name not in own]
        values = {name: getattr(settings, name) for name in names}
        return cls(**values | {"threshold": threshold, "threshold_source": source,
                               "requirements": tuple(requirements)})  # fmt: skip

    def to_json(self) -> str:
        return self.model_dump_json()

    @classmethod
    def from_json(cls, text: str | bytes) -> JobConfig:
        return cls.model_validate_json(text)
