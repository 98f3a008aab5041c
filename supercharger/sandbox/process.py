"""The ``process`` backend: rlimits and a wall clock only. NOT isolation; opt-in only."""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile

from pydantic import BaseModel, ConfigDict, Field

from supercharger.sandbox.assembly import runner_source
from supercharger.sandbox.base import Limits, PairResult, PairSpec
from supercharger.sandbox.bwrap import SANDBOX_ENV, _prlimit
from supercharger.sandbox.environments import Environment
from supercharger.sandbox.session import Launch, run_all

log = logging.getLogger(__name__)

WARNING = (
    "sandbox backend 'process' is NOT isolation: generated code runs as this user, sees this "
    "machine's files and network, and can outlive its test. Use it only for code you trust."
)


class ProcessOptions(BaseModel):
    """Options of the ``process`` backend."""

    model_config = ConfigDict(extra="forbid")

    python: str | None = Field(None, description="interpreter running pytest; default: this one")


class ProcessBackend:
    """Same warm runner as bwrap, as a plain child process of the worker."""

    name = "process"

    def __init__(self, options: ProcessOptions) -> None:
        self.options = options
        log.warning(WARNING)

    def run_batch(
        self, pairs: list[PairSpec], limits: Limits, env: Environment | None = None
    ) -> list[PairResult]:
        """``env``'s packages are added to the interpreter's own (no clean interpreter here)."""
        if not pairs:
            return []
        scratch = tempfile.mkdtemp(prefix="supercharger-process-")
        paths = (str(env.site),) if env is not None and env.site is not None else ()
        try:
            return run_all(lambda: self._launch(limits, scratch, paths), pairs, limits)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    def _launch(self, limits: Limits, scratch: str, paths: tuple[str, ...] = ()) -> Launch:
        python = self.options.python or sys.executable
        argv = _prlimit(limits) + [python, "-I", "-B", "-c", runner_source()]
        env = dict(SANDBOX_ENV, HOME=scratch, TMPDIR=scratch)
        return Launch(
            argv=argv,
            env=env,
            root=scratch,
            pidns=False,
            cwd=scratch,
            options={"landlock": False, "paths": paths},
        )
