"""`supercharger sandbox run`: every code x test pair through the configured sandbox backend."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from supercharger.errors import UserError


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise UserError(f"{path}: cannot read ({getattr(e, 'strerror', None) or e})") from None


def environment(requires: str, settings: Any) -> Any:
    """The environment of ``--requires`` (comma-separated), built or found on this node."""
    from supercharger.requirements import merge, parse_requirement

    wanted = merge(parse_requirement(r, "--requires") for r in requires.split(",") if r.strip())
    return settings.environment_store().get(wanted)


def run_matrix(
    code_files: list[Path],
    test_files: list[Path],
    module: str | None,
    settings: Any,
    as_json: bool,
    requires: str = "",
) -> bool:
    """Run the matrix and print it; True when it ran (verdicts are results, not errors). The
    pairs see the standard library, pytest and the packages of ``requires``, nothing else."""
    from supercharger.sandbox import Limits, PairSpec, get_backend

    codes = {p: _read(p) for p in code_files}
    tests = {p: _read(p) for p in test_files}
    env = environment(requires, settings)  # bad requirements: one line, before any pair
    backend = get_backend(settings.sandbox_backend, **settings.sandbox_kwargs())
    limits = Limits(timeout_s=settings.sandbox_timeout, memory_mb=settings.sandbox_memory_mb)
    pairs = [
        PairSpec(pair_id=f"{ci}:{ti}", module=module or cp.stem, code=code, test=test)
        for ci, (cp, code) in enumerate(codes.items())
        for ti, test in enumerate(tests.values())
    ]
    results = {r.pair_id: r for r in backend.run_batch(pairs, limits, env)}
    rows = []
    for ci, cp in enumerate(codes):
        for ti, tp in enumerate(tests):
            r = results[f"{ci}:{ti}"]
            rows.append({"code": str(cp), "test": str(tp)} | r.model_dump(mode="json"))
    if as_json:
        packages = list(env.packages)
        print(
            json.dumps({"backend": settings.sandbox_backend, "packages": packages, "pairs": rows})
        )
    else:
        _table(rows)
    return True


def _table(rows: list[dict[str, Any]]) -> None:
    table = Table("code", "test", "status", "passed/collected", "seconds")
    for r in rows:
        table.add_row(
            r["code"], r["test"], r["status"], f"{r['passed']}/{r['collected']}",
            f"{r['duration_s']:.2f}",
        )  # fmt: skip
    Console().print(table)
