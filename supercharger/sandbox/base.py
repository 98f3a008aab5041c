"""What a sandbox backend takes and returns. Plain data; no Celery, no model, no cleaner."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Protocol

from pydantic import BaseModel, ConfigDict, Field, model_validator

if TYPE_CHECKING:
    from supercharger.sandbox.environments import Environment


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
    coverage: bool = False  # measure the code file's line and branch coverage by the test


class Coverage(BaseModel):
    """Line and branch coverage of a pair's code file by its test file, measured by coverage.py
    inside the sandbox (``PairSpec.coverage``). Advisory: the code under test runs in the
    process that measures it and could change these figures; the verdict never depends on them.
    ``error`` says why there are no figures (then every count is 0)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lines: int = Field(0, ge=0)  # executable statements of the code file
    lines_covered: int = Field(0, ge=0)  # of those, run at least once
    branches: int = Field(0, ge=0)  # possible exits of its branch points (if, while, ...)
    branches_covered: int = Field(0, ge=0)  # of those, taken at least once
    error: str | None = None  # no figures: coverage unavailable, or the run ended without them

    @model_validator(mode="after")
    def _covered_within_total(self) -> Coverage:
        if self.lines_covered > self.lines or self.branches_covered > self.branches:
            raise ValueError("more covered than there is")
        return self

    @property
    def measured(self) -> bool:
        return self.error is None

    @property
    def line_percent(self) -> float | None:
        """Covered statements in percent (100 for a file without any; None: not measured)."""
        return self._percent(self.lines_covered, self.lines)

    @property
    def branch_percent(self) -> float | None:
        """Taken branch exits in percent (100 for a file without branches; None: not measured)."""
        return self._percent(self.branches_covered, self.branches)

    @property
    def percent(self) -> float | None:
        """coverage.py's total: statements and branch exits together (None: not measured)."""
        return self._percent(self.lines_covered + self.branches_covered, self.lines + self.branches)

    def _percent(self, part: int, whole: int) -> float | None:
        if self.error is not None:
            return None
        return 100.0 * part / whole if whole else 100.0


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
    coverage: Coverage | None = None  # only for a pair that asked for it (``PairSpec.coverage``)

    @property
    def ok(self) -> bool:
        return self.status is Status.PASSED


class SandboxBackend(Protocol):
    name: str

    def run_batch(
        self, pairs: list[PairSpec], limits: Limits, env: Environment | None = None
    ) -> list[PairResult]:
        """Run every pair, each isolated from the others; results in the order given. With
        ``env`` (``supercharger.sandbox.environments``), the pairs run on a clean interpreter
        (the standard library and pytest) plus that environment's packages, mounted read-only;
        without, on whatever interpreter the backend finds."""
        ...
