"""The agreed test: what the model's tests agree on, as one test file.

The bundled model's test files are mostly wrong somewhere, so a right code passes few of them
whole, and a file it passes mostly asserts one or two calls: too little to end a job on
(``policy.evidence``). Its single asserts are more often right. The policy picks, for the
top-ranked code, the asserts it holds on the calls that two or more tests assert, where it
holds every assert the tests make (``policy.agreed_checks``); this module writes them as a
pytest file, one test per assert. The
file then runs against every code like any generated test, and is measured, judged and
written the same way: it speaks for a code only where the stop rule's other conditions hold
too (other codes pass it, it kills the code's mutants, no code passing it reads the spec
otherwise).
"""

from __future__ import annotations

from collections.abc import Iterable

from supercharger.examples import pytest_file
from supercharger.probe import split_check_key
from supercharger.spec import Spec

AGREED_PREFIX = "a"  # an agreed test's id: AGREED_PREFIX + how many the job had before


def agreed_test(spec: Spec, keys: Iterable[str]) -> str:
    """A pytest file asserting each check key (``probe.check_key``) of ``keys``: ``eq:`` as
    ``==``, ``approx:`` as ``== pytest.approx(...)``, ``truthy`` and ``falsy`` as ``assert``
    and ``assert not``; an expected exception or a key that does not parse is left out. What
    ``probe.literal_checks`` reads back from it is ``keys``, less those left out."""
    tests = []
    for key in sorted(keys):
        check = split_check_key(key)
        if check is None:
            continue
        call, want = check
        kind, _, literal = want.partition(":")
        if kind == "eq":
            line = f"assert {call} == {literal}"
        elif kind == "approx":
            line = f"assert {call} == pytest.approx({literal})"
        elif kind in ("truthy", "falsy"):
            line = f"assert {'' if kind == 'truthy' else 'not '}{call}"
        else:
            continue
        tests.append(f"def test_agreed_{len(tests) + 1}():\n    {line}\n")
    return pytest_file(spec, tests)
