"""The cost of measuring coverage (``PairSpec.coverage``): the same matrix through the bwrap
backend with and without it, in one run, in a worker's steady state (the batch's runner booted
ahead of it), with the pairs of one code in one child (default) and one fork per pair.

No arguments: 4 codes x 5 tests = 20 pairs (from ``sandbox_matrix.py``), 7 rounds after one to
warm up. The last line is one JSON object: the median batch time of each mode without and with
coverage, the cost of coverage per pair in ms and the ratio of the two. Both must give the same
verdicts.
"""

from __future__ import annotations

import json
import statistics
import time

from sandbox_matrix import CODES, TESTS

from supercharger.sandbox import Limits, PairSpec, get_backend

N_CODES, N_TESTS, ROUNDS = 4, 5, 7


def matrix(n_codes: int, n_tests: int, coverage: bool) -> list[PairSpec]:
    return [
        PairSpec(pair_id=f"c{i}t{j}", module="factorial", code=c, test=t, coverage=coverage)
        for i, c in enumerate(CODES[:n_codes])
        for j, t in enumerate(TESTS[:n_tests])
    ]


def main() -> None:
    n_codes, n_tests, rounds = N_CODES, N_TESTS, ROUNDS
    limits = Limits(timeout_s=10.0)
    out: dict[str, object] = {"pairs": n_codes * n_tests, "rounds": rounds}
    for group in (True, False):
        backend = get_backend("bwrap", group_by_code=group)
        backend.prepare(limits)  # type: ignore[attr-defined]
        times: dict[bool, list[float]] = {False: [], True: []}
        verdicts: dict[bool, list] = {}
        for _ in range(rounds + 1):  # the first round warms up (a runner's first coverage load)
            for coverage in (False, True):
                pairs = matrix(n_codes, n_tests, coverage)
                backend.prepare(limits)  # type: ignore[attr-defined]
                t0 = time.perf_counter()
                res = backend.run_batch(pairs, limits)
                times[coverage].append(time.perf_counter() - t0)
                verdicts[coverage] = [r.status for r in res]
                assert all((r.coverage is not None) is coverage for r in res)
        backend.close()  # type: ignore[attr-defined]
        assert verdicts[False] == verdicts[True], "coverage changed a verdict"
        plain = statistics.median(times[False][1:])
        measured = statistics.median(times[True][1:])
        mode = "group" if group else "per_pair"
        out[f"{mode}_s"] = round(plain, 4)
        out[f"{mode}_coverage_s"] = round(measured, 4)
        out[f"{mode}_coverage_ms_per_pair"] = round(1000 * (measured - plain) / len(pairs), 2)
        out[f"{mode}_coverage_ratio"] = round(measured / plain, 3)
        print(f"{mode}: {plain:.3f}s without, {measured:.3f}s with coverage", flush=True)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
