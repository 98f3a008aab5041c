"""A pair's line and branch coverage (``PairSpec.coverage``), measured by coverage.py inside the
real sandbox: exact figures, nothing when not asked, a clear word where coverage.py is missing,
and code that tampers with the tracer or with coverage.py keeps its right verdict."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from supercharger.sandbox import Coverage, Limits, PairSpec, Status, get_backend, interpreter
from supercharger.sandbox.inside.measure import CoverageMeter
from supercharger.sandbox.inside.protocol import COVERAGE_ERROR, COVERAGE_KEYS
from supercharger.sandbox.verdict import coverage_of
from tests.sandbox.test_bwrap import BWRAP_UNAVAILABLE, FAST, RIGHT, TEST

needs_bwrap = pytest.mark.skipif(
    BWRAP_UNAVAILABLE is not None, reason=f"bwrap cannot run: {BWRAP_UNAVAILABLE}"
)

# statements: 1 (def), 2 (if), 3, 5, 6; branch exits: 2->3, 2->5
GRADE = (
    "def grade(x):\n"
    "    if x >= 50:\n"
    "        result = 'pass'\n"
    "    else:\n"
    "        result = 'fail'\n"
    "    return result\n"
)
ONE_SIDE = "from grade import grade\n\ndef test_pass():\n    assert grade(70) == 'pass'\n"
BOTH_SIDES = ONE_SIDE + "\ndef test_fail():\n    assert grade(10) == 'fail'\n"
NO_IMPORT = "def test_nothing():\n    assert True\n"
HALF = Coverage(lines=5, lines_covered=4, branches=2, branches_covered=1)
FULL = Coverage(lines=5, lines_covered=5, branches=2, branches_covered=2)
UNRUN = Coverage(lines=5, lines_covered=0, branches=2, branches_covered=0)


def pair(pid: str, test: str, code: str = GRADE, module: str = "grade", cov: bool = True):  # noqa: ANN201
    return PairSpec(pair_id=pid, module=module, code=code, test=test, coverage=cov)


# ---- the figures (host side, no sandbox) ----


def test_the_percentages_are_coverage_pys() -> None:
    assert (HALF.line_percent, HALF.branch_percent) == (80.0, 50.0)
    assert HALF.percent == pytest.approx(100 * 5 / 7)
    assert FULL.percent == 100.0 and FULL.measured
    assert Coverage().percent == 100.0  # a file with no statement
    missing = Coverage(error="coverage unavailable")
    assert not missing.measured and missing.percent is None and missing.line_percent is None


@pytest.mark.parametrize(
    "report",
    [
        None,
        {},
        {"collected": 1},
        {COVERAGE_ERROR: "not a list"},
        {COVERAGE_ERROR: []},
        dict(zip(COVERAGE_KEYS, (5, 6, 2, 1), strict=True)),  # more covered than there is
        dict(zip(COVERAGE_KEYS, (5, -1, 2, 1), strict=True)),
        dict(zip(COVERAGE_KEYS, (5, 4, 2, True), strict=True)),
        dict(zip(COVERAGE_KEYS, (5, 4, 2, "1"), strict=True)),
        dict(zip(COVERAGE_KEYS, (5, 4, 2, 1.0), strict=True)),
        dict(zip(COVERAGE_KEYS[:3], (5, 4, 2), strict=True)),
        {COVERAGE_KEYS[0]: [1, 2]},
    ],
)
def test_a_garbled_report_gives_no_figures_and_never_raises(report: dict | None) -> None:
    cov = coverage_of(report)
    assert isinstance(cov, Coverage) and not cov.measured and cov.error


def test_a_report_with_figures_gives_them() -> None:
    assert coverage_of(dict(zip(COVERAGE_KEYS, (5, 4, 2, 1), strict=True))) == HALF
    assert coverage_of({COVERAGE_ERROR: ["coverage unavailable"]}).error == "coverage unavailable"


def test_the_meter_writes_no_data_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """coverage.py keeps its data in memory: nothing lands in the dir it runs in or measures."""
    monkeypatch.chdir(tmp_path)
    code = tmp_path / "grade.py"
    code.write_text(GRADE)
    meter = CoverageMeter()
    meter.load(str(tmp_path))
    assert meter.cov is not None, meter.error
    before = sys.gettrace()
    for arg, want in ((70, (5, 4, 2, 1)), (10, (5, 4, 2, 1)), (None, (5, 0, 2, 0))):
        cov = meter.start()
        namespace: dict = {}
        if arg is not None:
            exec(compile(GRADE, str(code), "exec"), namespace)
            namespace["grade"](arg)
        figures = meter.figures(cov, str(code))
        assert sys.gettrace() is before
        assert figures == dict(zip(COVERAGE_KEYS, want, strict=True))  # each measured afresh
    assert sorted(os.listdir(tmp_path)) == ["grade.py"]


def test_a_provisioned_python_holds_coverage_where_this_one_has_it() -> None:
    names = {d.metadata["Name"].lower() for d in interpreter._sandbox_dists()}
    assert {"pytest", "pluggy", "coverage"} <= names


# ---- in the real sandbox ----


@needs_bwrap
@pytest.mark.parametrize("group", [True, False], ids=["group", "per_pair"])
def test_figures_are_exact(group: bool) -> None:
    pairs = [
        pair("one", ONE_SIDE),
        pair("both", BOTH_SIDES),
        pair("none", NO_IMPORT),
        pair("not_asked", BOTH_SIDES, cov=False),
        pair("one_again", ONE_SIDE),
    ]
    res = get_backend("bwrap", group_by_code=group, standby=False).run_batch(pairs, FAST)
    assert [r.status for r in res] == [Status.PASSED] * 5, [r.output for r in res]
    assert [r.coverage for r in res] == [HALF, FULL, UNRUN, None, HALF]
    assert all("[supercharger]" not in r.output for r in res)  # the guard saw nothing


@needs_bwrap
def test_coverage_not_asked_is_none_and_the_runner_never_imports_it() -> None:
    probe = "import sys\n\ndef test_no_coverage():\n    assert 'coverage' not in sys.modules\n"
    pairs = [pair("a", probe, cov=False), pair("b", probe + "\n", cov=False)]
    res = get_backend("bwrap", standby=False).run_batch(pairs, FAST)
    assert [(r.status, r.coverage) for r in res] == [(Status.PASSED, None)] * 2, res[0].output


@needs_bwrap
def test_after_a_batch_that_asked_the_next_runners_load_coverage_at_boot() -> None:
    probe = "import sys\n\ndef test_loaded():\n    assert 'coverage' in sys.modules\n"
    backend = get_backend("bwrap")
    try:
        backend.run_batch([pair("asks", ONE_SIDE)], FAST)
        backend.prepare(FAST)  # type: ignore[attr-defined]
        res = backend.run_batch([pair("standby", probe, cov=False)], FAST)
    finally:
        backend.close()  # type: ignore[attr-defined]
    assert res[0].status is Status.PASSED and res[0].coverage is None, res[0].output


def named(module: str, cov: bool, n: int = 2) -> list[PairSpec]:
    code = f"def {module}(x):\n    return x + 1\n"
    test = f"from {module} import {module}\n\ndef test_it():\n    assert {module}(1) == 2\n"
    return [pair(f"{module}{i}", test + "\n" * i, code, module, cov) for i in range(n)]


@needs_bwrap
@pytest.mark.parametrize("group", [True, False], ids=["group", "per_pair"])
def test_a_code_named_like_what_coverage_imports_keeps_its_verdict(group: bool) -> None:
    """coverage.py in the runner imports ``coverage``, ``sqlite3``, ``pickle`` ...: a code of
    that name is still its own module, measured, and so are the pairs of a runner that loaded
    coverage.py at boot without being asked."""
    names = ("coverage", "sqlite3", "pickle", "configparser")
    backend = get_backend("bwrap", group_by_code=group)
    try:
        plain = backend.run_batch([p for m in names for p in named(m, False)], FAST)
        measured = backend.run_batch([p for m in names for p in named(m, True)], FAST)
        backend.prepare(FAST)  # type: ignore[attr-defined]  # boots with coverage.py now
        after = backend.run_batch([p for m in names for p in named(m, False)], FAST)
    finally:
        backend.close()  # type: ignore[attr-defined]
    assert [r.status for r in plain] == [Status.PASSED] * 8, [r.output for r in plain]
    assert [r.status for r in measured] == [Status.PASSED] * 8, [r.output for r in measured]
    assert [r.status for r in after] == [Status.PASSED] * 8, [r.output for r in after]
    assert [r.coverage for r in measured] == [Coverage(lines=2, lines_covered=2)] * 8


@needs_bwrap
def test_a_failing_pair_has_figures_and_a_pair_without_tests_run_says_why() -> None:
    wrong = GRADE.replace(">= 50", "> 100")
    limits = Limits(timeout_s=1.5)
    pairs = [
        pair("fail", ONE_SIDE, code=wrong),
        pair("syntax", ONE_SIDE, code="def grade(x) return 1\n"),
        pair("syntax2", BOTH_SIDES, code="def grade(x) return 1\n"),
        pair("hang", ONE_SIDE, code="import time\ndef grade(x):\n    time.sleep(30)\n"),
    ]
    res = get_backend("bwrap", standby=False).run_batch(pairs, limits)
    assert [r.status for r in res] == [Status.FAILED, Status.ERROR, Status.ERROR, Status.TIMEOUT]
    assert res[0].coverage == Coverage(lines=5, lines_covered=4, branches=2, branches_covered=1)
    assert "did not run" in (res[1].coverage.error or "")  # type: ignore[union-attr]
    assert "did not run" in (res[2].coverage.error or "")  # type: ignore[union-attr]
    assert "without a report" in (res[3].coverage.error or "")  # type: ignore[union-attr]


def test_the_process_backend_measures_too() -> None:
    res = get_backend("process").run_batch([pair("one", ONE_SIDE), pair("b", BOTH_SIDES)], FAST)
    assert [r.coverage for r in res] == [HALF, FULL], [r.output for r in res]


# code that turns the tracer off or tampers with coverage.py: its verdict stays right, whatever
# becomes of its figures (advisory: "forged" shows that code can forge them)
TAMPER = {
    "settrace_none": "import sys\nsys.settrace(None)\n",
    "settrace_patched": "import sys\nsys.settrace(None)\nsys.settrace = lambda f: None\n",
    "analysis_raises": "import coverage\ncoverage.Coverage.analysis2 = lambda *a, **k: 1 / 0\n",
    "stop_exits": "import coverage\n"
    "def _stop(self):\n    raise SystemExit(0)\ncoverage.Coverage.stop = _stop\n",
    "garbled": "import coverage\n"
    "coverage.Coverage.branch_stats = lambda self, m: {1: (10 ** 40, 10 ** 40)}\n",
    "not_numbers": "import coverage\n"
    "coverage.Coverage.branch_stats = lambda self, m: {1: ('a', 'b')}\n",
    "forged": "import coverage\n"
    "coverage.Coverage.analysis2 = lambda self, m: (m, [1, 2], [], [], '')\n"
    "coverage.Coverage.branch_stats = lambda self, m: {}\n",
    "tracer_stopped": "import coverage\ncoverage.Coverage.current().stop()\n",
}
WRONG = "def inc(x):\n    return x\n"
TESTS = [TEST, TEST + "\ndef test_two():\n    assert inc(2) == 3\n"]


@needs_bwrap
@pytest.mark.parametrize("group", [True, False], ids=["group", "per_pair"])
def test_tampering_with_coverage_keeps_the_verdict(group: bool) -> None:
    pairs, want = [], []
    for name, attack in TAMPER.items():
        for code, status in ((RIGHT, Status.PASSED), (WRONG, Status.FAILED)):
            for i, test in enumerate(TESTS):
                pid = f"{name}-{status.value}-{i}"
                pairs.append(pair(pid, test, code=attack + code, module="inc"))
                want.append(status)
    honest = [pair(f"honest{i}", t, code=RIGHT + "\n", module="inc") for i, t in enumerate(TESTS)]
    res = get_backend("bwrap", group_by_code=group, standby=False).run_batch(pairs + honest, FAST)
    got = {r.pair_id: r for r in res}
    for p, status in zip(pairs, want, strict=True):
        r = got[p.pair_id]
        assert r.status is status, (p.pair_id, r.output)
        assert isinstance(r.coverage, Coverage), p.pair_id
    for name in ("analysis_raises", "stop_exits", "garbled", "not_numbers"):
        cov = got[f"{name}-passed-0"].coverage
        assert cov is not None and not cov.measured, (name, cov)
    assert got["forged-failed-0"].coverage == Coverage(lines=2, lines_covered=2)  # advisory
    full = Coverage(lines=2, lines_covered=2)
    assert [got[f"honest{i}"].coverage for i in range(2)] == [full, full]


@needs_bwrap
def test_a_test_that_monkeypatches_settrace_keeps_its_verdict() -> None:
    test = (
        "import sys\nfrom inc import inc\n\n"
        "def test_patched(monkeypatch):\n"
        "    monkeypatch.setattr(sys, 'settrace', lambda f: None)\n"
        "    sys.setprofile(lambda *a: None)\n"
        "    assert inc(1) == 2\n"
    )
    pairs = [
        pair("right", test, code=RIGHT, module="inc"),
        pair("right2", test + "\n", code=RIGHT, module="inc"),
        pair("wrong", test, code=WRONG, module="inc"),
    ]
    res = get_backend("bwrap", standby=False).run_batch(pairs, FAST)
    assert [r.status for r in res] == [Status.PASSED, Status.PASSED, Status.FAILED]
    assert res[0].coverage == res[1].coverage == Coverage(lines=2, lines_covered=2)


# ---- where the sandbox python has no coverage.py ----


@pytest.fixture(scope="module")
def python_without_coverage(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A provisioned sandbox python made where coverage.py is not installed."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(interpreter, "OPTIONAL_DISTS", ())
        python = interpreter.provision_python(tmp_path_factory.mktemp("nocov"), sys.executable)
    return python


def test_a_python_without_coverage_is_still_a_sandbox_python(python_without_coverage: str) -> None:
    assert interpreter.probe(python_without_coverage, None) is not None


def test_without_coverage_a_pair_that_asks_is_told_so(python_without_coverage: str) -> None:
    backend = get_backend("process", python=python_without_coverage)
    res = backend.run_batch([pair("a", ONE_SIDE), pair("b", ONE_SIDE, cov=False)], FAST)
    assert [r.status for r in res] == [Status.PASSED, Status.PASSED], res[0].output
    assert res[0].coverage is not None and not res[0].coverage.measured
    assert (res[0].coverage.error or "").startswith("coverage unavailable")
    assert res[1].coverage is None


@needs_bwrap
def test_the_forgery_guard_still_catches_every_forgery_while_coverage_runs() -> None:
    from tests.sandbox.test_forgery import FORGERIES, REPORT_UNTOUCHED

    other = TEST.replace("def test_inc", "def test_inc_again")
    pairs = []
    for how, forgery in sorted(FORGERIES.items()):
        pairs.append(pair(f"{how}-alone", TEST, code=forgery + WRONG + "\n", module="inc"))
        pairs += [
            pair(f"{how}-g{i}", t, code=forgery + WRONG, module="inc")
            for i, t in enumerate((TEST, other))
        ]
    pairs.append(pair("honest", TEST, code=RIGHT, module="inc"))
    *forged, honest = get_backend("bwrap", standby=False).run_batch(pairs, FAST)
    for p, r in zip(pairs, forged, strict=False):
        want = Status.FAILED if p.pair_id.split("-")[0] in REPORT_UNTOUCHED else Status.ERROR
        assert r.status is want, (r.pair_id, r.status, r.output)
    assert honest.status is Status.PASSED, honest.output
    assert honest.coverage == Coverage(lines=2, lines_covered=2)


@needs_bwrap
def test_measuring_does_not_retire_a_group_child() -> None:
    """The group child puts its state back after a measured pair and goes on (one process for
    the pairs of one code, as without coverage): no thread, fd or plugin is left behind."""
    test = (
        "import os\nfrom inc import inc\n\ndef test_pid():\n"
        "    assert inc(1) == 2\n    assert False, f'pid={os.getpid()}'\n"
    )
    pairs = [pair(f"p{i}", test + "\n" * i, code=RIGHT, module="inc") for i in range(4)]
    res = get_backend("bwrap", standby=False).run_batch(pairs, FAST)
    pids = {re.search(r"pid=(\d+)", r.output).group(1) for r in res}  # type: ignore[union-attr]
    assert [r.status for r in res] == [Status.FAILED] * 4 and len(pids) == 1, pids
    assert {r.coverage for r in res} == {Coverage(lines=2, lines_covered=2)}
