"""Code (or a test file) that patches pytest to turn its failing tests into passes: the runner
sees it and the pair is an ERROR. Two checks, each enough on its own for some: the runner's
``ForgeryGuard`` (what pytest, pluggy and the report's signing run is still what the warm
session had) and the counting plugin's own view of a test's call (a test that raised cannot
pass).

Checked by hand: with both checks off, 6 of the 7 forgeries below make a wrong ``inc`` pass
(alone, in a group child, and from the test file); with only the guard, all 6 are ERROR; with
only the raised-call check, 4 (not ``code_swap``, ``runtest``). The 7th, ``report_json``,
passed while the report was written with ``json.dumps``; now the report is signed by code that
uses no module attribute a pair can patch, and that pair simply fails."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from supercharger.sandbox import PairSpec, Status, get_backend
from supercharger.sandbox.inside import signing
from tests.sandbox.test_bwrap import BWRAP_UNAVAILABLE, FAST, RIGHT, TEST

pytestmark = pytest.mark.skipif(
    BWRAP_UNAVAILABLE is not None, reason=f"bwrap cannot run: {BWRAP_UNAVAILABLE}"
)

WRONG = "def inc(x):\n    return x\n"
# forgeries that cannot reach the report: the signing code uses no json, hmac or os attribute
REPORT_UNTOUCHED = {"report_json"}

# the running pytest's config, from the frames that import the code during collection
FIND_CONFIG = """
import sys, pytest
def _config():
    frame = sys._getframe()
    while frame is not None:
        config = getattr(frame.f_locals.get("self"), "config", None)
        if config is not None and hasattr(config, "pluginmanager"):
            return config
        frame = frame.f_back
"""

FORGERIES = {
    "report_outcome": """
import _pytest.reports
_make = _pytest.reports.TestReport.from_item_and_call
def _forged(item, call):
    report = _make(item, call)
    report.outcome, report.longrepr = "passed", None
    return report
_pytest.reports.TestReport.from_item_and_call = staticmethod(_forged)
""",
    "runtest": "import _pytest.python\n_pytest.python.Function.runtest = lambda self: None\n",
    "callinfo": """
import _pytest.runner
_from_call = _pytest.runner.CallInfo.from_call.__func__
def _forged(cls, func, when, reraise=None):
    info = _from_call(cls, func, when, reraise)
    info.excinfo = None
    return info
_pytest.runner.CallInfo.from_call = classmethod(_forged)
""",
    "code_swap": """
import _pytest.python
_pytest.python.pytest_pyfunc_call.__code__ = (lambda pyfuncitem: True).__code__
""",
    "report_json": """
import json
_dumps = json.dumps
def _forged(obj, *args, **kwargs):
    if isinstance(obj, dict) and "collected" in obj:
        obj = dict(obj, passed=obj["collected"], failed=0, errors=0)
    return _dumps(obj, *args, **kwargs)
json.dumps = _forged
""",
    "plugin": FIND_CONFIG
    + """
class _Forge:
    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item, call):
        report = yield
        report.outcome, report.longrepr = "passed", None
        return report
_config().pluginmanager.register(_Forge(), "forge")
""",
    "hookimpl": FIND_CONFIG
    + """
from pluggy import HookimplOpts
from pluggy._hooks import HookImpl
def _forged(item, call):
    report = yield
    report.outcome, report.longrepr = "passed", None
    return report
opts = HookimplOpts(wrapper=True, hookwrapper=False, optionalhook=False, tryfirst=True,
                    trylast=False, specname=None)
_config().hook.pytest_runtest_makereport._add_hookimpl(HookImpl(None, "forge", _forged, opts))
""",
}


@pytest.mark.parametrize("how", sorted(FORGERIES))
def test_a_forged_pass_is_an_error(how: str) -> None:
    backend = get_backend("bwrap", standby=False)
    other = TEST.replace("def test_inc", "def test_inc_again")
    pairs = [
        PairSpec(pair_id="alone", module="inc", code=FORGERIES[how] + WRONG, test=TEST),
        # two tests of one code run in one group child: the second pair sees the patch too
        PairSpec(pair_id="g1", module="inc", code=FORGERIES[how] + WRONG, test=TEST),
        PairSpec(pair_id="g2", module="inc", code=FORGERIES[how] + WRONG, test=other),
        # the same forgery in a test file
        PairSpec(pair_id="test", module="inc", code=WRONG, test=FORGERIES[how] + TEST),
        # an honest code after them is untouched
        PairSpec(pair_id="honest", module="inc", code=RIGHT, test=TEST),
    ]
    *forged, honest = backend.run_batch(pairs, FAST)
    for result in forged:
        if how in REPORT_UNTOUCHED:  # the report is written without json: the test just fails
            assert result.status is Status.FAILED, (result.pair_id, result.status, result.output)
            continue
        assert result.status is Status.ERROR, (result.pair_id, result.status, result.output)
        assert "changed pytest's own running or reporting code" in result.output, result.output
    assert honest.status is Status.PASSED, honest.output


def test_the_report_signature_is_hmac_sha256() -> None:
    for key in (b"", b"k", bytes(range(32)), b"x" * 64, b"y" * 65, b"z" * 200):
        for msg in (b"", b'{"collected": 1}', bytes(range(256)) * 9):
            want = hmac.new(key, msg, hashlib.sha256).hexdigest().encode()
            assert signing.hmac_sha256(key, msg) == want


def test_the_report_is_json() -> None:
    data = {"collected": 3, "passed": 2, "oom": False, "exitstatus": 1, "tampered": ['a"b\\', "x"]}
    signed = signing.sign(data, b"k" * 32)
    assert signing.verified(signed, b"k" * 32) == dict(data, tampered=["ab", "x"])
    assert signing.verified(signed, b"j" * 32) is None


LEGIT = """
import builtins, json, os
from unittest import mock
import pytest
import inc as module
from inc import inc

@pytest.fixture
def where(tmp_path, monkeypatch):
    monkeypatch.setattr(builtins, "input", lambda *a: "5")
    monkeypatch.setattr(os, "getcwd", lambda: str(tmp_path))
    monkeypatch.setattr(json, "dumps", lambda *a, **k: "{}")
    return tmp_path

@pytest.mark.parametrize("x", [1, 2, 3])
def test_inc(x, where, capsys):
    print(input(), os.getcwd() == str(where), json.dumps([1]))
    assert inc(x) == x + 1
    assert capsys.readouterr().out.startswith("5 True {}")

def test_mocked():
    with mock.patch.object(module, "inc", return_value=7):
        assert module.inc(1) == 7
    with pytest.raises(TypeError):
        inc(None)

class TestIt:
    def test_method(self):
        assert inc(0) == 1
"""


def test_tests_that_patch_and_put_back_are_not_forgeries() -> None:
    backend = get_backend("bwrap", standby=False)
    pairs = [
        PairSpec(pair_id=f"p{i}", module="inc", code=RIGHT, test=LEGIT + f"\n# {i}\n")
        for i in range(3)
    ]
    pairs.append(PairSpec(pair_id="wrong", module="inc", code=WRONG, test=LEGIT))
    *right, wrong = backend.run_batch(pairs, FAST)
    for result in right:
        assert result.status is Status.PASSED, result.output
        assert result.passed == 5
    assert wrong.status is Status.FAILED, wrong.output
