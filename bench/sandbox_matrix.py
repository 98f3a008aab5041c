"""8 codes x 8 tests through the bwrap backend vs a fresh bwrap + ``python -m pytest`` per pair.

No arguments. The last line is one JSON object: pairs/s of both and their ratio (``ratio``: a
worker's steady state with the default options, the pairs of one code in one forked child, the
batch's runner booted ahead of it; ``cold_ratio``: a first batch that waits for its runner to
boot; ``per_pair_pairs_per_s``/``per_pair_ratio``: the steady state with ``group_by_code=False``,
one fork per pair). Every mode must give the same verdicts.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time

from supercharger.sandbox import Limits, PairSpec, Status, get_backend, uidslots
from supercharger.sandbox.bwrap import SANDBOX_ENV, BwrapBackend, bwrap_args

CODES = [
    "def factorial(n):\n    r = 1\n    for i in range(2, n + 1):\n        r *= i\n    return r\n",
    "def factorial(n):\n    return 1 if n <= 1 else n * factorial(n - 1)\n",
    "import math\ndef factorial(n):\n    return math.factorial(n)\n",
    "def factorial(n):\n    r = 1\n    for i in range(1, n):\n        r *= i\n    return r\n",
    "def factorial(n):\n    return n * factorial(n - 1) if n > 1 else 0\n",
    "def factorial(n):\n    return sum(range(n + 1))\n",
    "def factorial(n):\n    r = 1\n    for i in range(2, n + 1):\n        r *= i\n"
    "    return r + (n == 5)\n",
    "def factorial(n)\n    return 1\n",
]
TESTS = [
    "from factorial import factorial\n\ndef test_small():\n    assert factorial(0) == 1\n"
    "    assert factorial(1) == 1\n    assert factorial(5) == 120\n",
    "from factorial import factorial\n\ndef test_ten():\n    assert factorial(10) == 3628800\n",
    "import pytest\nfrom factorial import factorial\n\n@pytest.mark.parametrize('n,v', "
    "[(0, 1), (3, 6), (4, 24)])\ndef test_param(n, v):\n    assert factorial(n) == v\n",
    "from factorial import factorial\n\ndef test_ratio():\n    for n in range(1, 8):\n"
    "        assert factorial(n) == n * factorial(n - 1)\n",
    "from factorial import factorial\n\ndef test_wrong():\n    assert factorial(3) == 9\n",
    "from factorial import factorial\n\ndef test_type():\n"
    "    assert isinstance(factorial(4), int)\n",
    "from factorial import factorial\n\ndef test_big():\n"
    "    assert factorial(20) == 2432902008176640000\n",
    "from factorial import factorial\n",  # collects nothing: never a pass
]


def matrix() -> list[PairSpec]:
    return [
        PairSpec(pair_id=f"c{i}t{j}", module="factorial", code=c, test=t)
        for i, c in enumerate(CODES)
        for j, t in enumerate(TESTS)
    ]


def fresh_pair(backend: BwrapBackend, pair: PairSpec, limits: Limits) -> bool:
    """The baseline: one bwrap and one ``python -m pytest`` for this pair alone."""
    assert backend.sandbox_python is not None and backend.bwrap_path is not None
    work = tempfile.mkdtemp(prefix="sc-bench-", dir="/var/tmp")
    cred, lease = backend.identity(uidslots.WAIT_S)  # as root: a uid slot, like a runner
    try:
        os.chmod(work, 0o755)
        for name, text in ((f"{pair.module}.py", pair.code), (f"test_{pair.module}.py", pair.test)):
            with open(os.path.join(work, name), "w") as f:
                f.write(text)
        if cred is not None:
            for p in [work, *(os.path.join(work, n) for n in os.listdir(work))]:
                os.chown(p, cred.uid, cred.gid)
        args = bwrap_args(backend.sandbox_python, 64, ("--bind", work, "/work"))
        argv = [
            backend.bwrap_path,
            *args,
            "--chdir",
            "/work",
            backend.sandbox_python.executable,
            "-I",
            "-B",
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"test_{pair.module}.py",
        ]
        kw: dict[str, object] = {}
        if cred is not None:
            kw = {"user": cred.uid, "group": cred.gid, "extra_groups": []}
        done = subprocess.run(
            argv,
            env=dict(SANDBOX_ENV),
            cwd="/",
            capture_output=True,
            timeout=limits.timeout_s + 5,
            check=False,
            **kw,
        )  # type: ignore[arg-type]
        return done.returncode == 0
    finally:
        if lease is not None:
            lease.release()
        shutil.rmtree(work, ignore_errors=True)


def timed(backend: BwrapBackend, pairs: list[PairSpec], limits: Limits) -> tuple[list, float]:
    t0 = time.perf_counter()
    results = backend.run_batch(pairs, limits)
    return results, time.perf_counter() - t0


def main() -> None:
    pairs = matrix()
    limits = Limits(timeout_s=10.0)
    backend = get_backend("bwrap")
    assert isinstance(backend, BwrapBackend)
    backend.prepare()
    backend.run_batch(pairs[:2], limits)  # warm the disk cache for every mode

    # cold: a backend's first batch pays for booting its runner (bwrap, python, pytest, warm-up)
    cold_backend = get_backend("bwrap", standby=False)
    cold, cold_s = timed(cold_backend, pairs, limits)
    # warm: a worker's steady state; the runner for the batch booted while it waited (standby)
    backend.prepare(limits)
    results, warm_s = timed(backend, pairs, limits)
    par_backend = get_backend("bwrap", parallel=2)
    par_backend.prepare(limits)
    par, par_s = timed(par_backend, pairs, limits)
    one_backend = get_backend("bwrap", group_by_code=False)
    one_backend.prepare(limits)
    one, one_s = timed(one_backend, pairs, limits)
    for name, other in (("cold", cold), ("parallel", par), ("per pair", one)):
        assert [r.status for r in other] == [r.status for r in results], f"{name} verdicts differ"

    t0 = time.perf_counter()
    base = [fresh_pair(backend, p, limits) for p in pairs]
    base_s = time.perf_counter() - t0
    for b in (backend, par_backend, one_backend):
        b.close()

    n = len(pairs)
    passed = [r.status is Status.PASSED for r in results]
    rate, base_rate, cold_rate, one_rate = n / warm_s, n / base_s, n / cold_s, n / one_s
    print(f"backend : {n} pairs in {warm_s:.2f}s = {rate:.1f} pairs/s, {sum(passed)} passed")
    print(f"per pair: {n} pairs in {one_s:.2f}s = {one_rate:.1f} pairs/s (group_by_code=False)")
    print(f"cold    : {n} pairs in {cold_s:.2f}s = {cold_rate:.1f} pairs/s (runner boot included)")
    print(f"baseline: {n} pairs in {base_s:.2f}s = {base_rate:.1f} pairs/s, {sum(base)} exit 0")
    print(
        "pairs where exit code 0 but no pass (baseline trusts the exit code):",
        [p.pair_id for p, ok, b in zip(pairs, passed, base, strict=True) if b and not ok],
    )
    print(f"parallel=2: {n / par_s:.1f} pairs/s (same verdicts)")
    print(
        json.dumps(
            {
                "pairs_per_s": round(rate, 2),
                "baseline_pairs_per_s": round(base_rate, 2),
                "ratio": round(rate / base_rate, 2),
                "cold_pairs_per_s": round(cold_rate, 2),
                "cold_ratio": round(cold_rate / base_rate, 2),
                "pairs": n,
                "passed": sum(passed),
                "parallel2_pairs_per_s": round(n / par_s, 2),
                "per_pair_pairs_per_s": round(one_rate, 2),
                "per_pair_ratio": round(one_rate / base_rate, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
