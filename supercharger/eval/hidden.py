"""Check a finished job's code against tests the pipeline never saw, inside the sandbox."""

from __future__ import annotations

from pathlib import Path

from supercharger.sandbox import Limits, PairResult, PairSpec, get_backend


def run_hidden(
    code_file: Path, hidden_test: Path, module: str, backend: str = "bwrap"
) -> PairResult:
    pair = PairSpec(
        pair_id="hidden", module=module, code=code_file.read_text(), test=hidden_test.read_text()
    )
    return get_backend(backend).run_batch([pair], Limits(timeout_s=20))[0]
