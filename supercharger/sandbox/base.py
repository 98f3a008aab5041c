"""What a sandbox backend takes and returns. Plain data; no Celery, no model, no cleaner."""

from __future__ import annotations

from enum import Enum
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field


class Status(str, Enum):
    PASSED = "passed"  # every collected test ran and passed, and at least one did
    FAILED = "failed"  # tests ran, at least one failed
    ERROR = "error"  # collection/import error, no tests, skips, or the run ended without a report
    TIMEOUT = "timeout"  # wall clock or CPU limit hit
    OOM = "oom"  # memory limit hit
    KILLED = "killed"  # killed by a signal we did not send for a limit


class Limits(BaseModel):
    """Per-pair resource limits."""

    model_config = ConfigDict(extra="forbid")

    timeout_s: float = Field(10.0, gt=0)
    memory_mb: int = Field(1024, ge=64)
    nproc: int = Field(64, ge=1)
    fsize_mb: int = Field(64, ge=1)
    nofile: int = Field(256, ge=16)
    output_bytes: int = Field(4096, ge=256)


class PairSpec(BaseModel):
    """One code x test pair: the code is written as ``<module>.py``, the test as
    ``test_<module>.py``."""

    model_config = ConfigDict(extra="forbid")

    pair_id: str
    module: str
    code: str
    test: str


class PairResult(BaseModel):
    pair_id: str
    status: Status
    passed: int = 0
    failed: int = 0
    errors: int = 0
    skipped: int = 0
    collected: int = 0
    duration_s: float = 0.0
    output: str = ""  # bounded tail of pytest's output

    @property
    def ok(self) -> bool:
        return self.status is Status.PASSED


class SandboxBackend(Protocol):
    name: str

    def run_batch(self, pairs: list[PairSpec], limits: Limits) -> list[PairResult]:
        """Run every pair, each isolated from the others; results in the order given."""
        ...
