"""Backend registry and option validation, and the opt-in ``process`` backend."""

from __future__ import annotations

import logging

import pytest

from supercharger.errors import ConfigError, UnknownBackendError
from supercharger.sandbox import Limits, PairSpec, Status, get_backend, known_backends

RIGHT = "def inc(x):\n    return x + 1\n"
TEST = "from inc import inc\n\ndef test_inc():\n    assert inc(1) == 2\n"


def test_known_backends() -> None:
    assert known_backends() == ["bwrap", "docker", "process"]


def test_unknown_backend_lists_known() -> None:
    with pytest.raises(UnknownBackendError, match="bwrap, docker, process"):
        get_backend("firecracker")


@pytest.mark.parametrize(
    "name,opts",
    [
        ("bwrap", {"nope": 1}),
        ("bwrap", {"parallel": 0}),
        ("bwrap", {"cpus": -1}),
        ("process", {"uid": 1}),
        ("docker", {"cpus": 0}),
    ],
)
def test_bad_options(name: str, opts: dict[str, object]) -> None:
    with pytest.raises(ConfigError, match=name):
        get_backend(name, **opts)


def test_process_backend_warns_and_runs(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        backend = get_backend("process")
    assert "NOT isolation" in caplog.text
    pairs = [
        PairSpec(pair_id="ok", module="inc", code=RIGHT, test=TEST),
        PairSpec(pair_id="exit", module="inc", code="import os\nos._exit(0)\n", test=TEST),
        PairSpec(pair_id="loop", module="inc", code="def inc(x):\n    while 1: pass\n", test=TEST),
        PairSpec(pair_id="fail", module="inc", code="def inc(x):\n    return x\n", test=TEST),
    ]
    res = backend.run_batch(pairs, Limits(timeout_s=1.0))
    assert [r.status for r in res] == [Status.PASSED, Status.ERROR, Status.TIMEOUT, Status.FAILED]
