"""The docker backend against a real engine: the one at DOCKER_HOST, else a dockerd started here
(root, Debian's docker.io) with its own data dir, socket and network namespace (the session's
``docker_url`` fixture, tests/docker_engine.py). Skips with the reason where neither is possible,
except in CI, where it fails."""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

import pytest

from supercharger.errors import SandboxError
from supercharger.sandbox import Limits, PairSpec, Status, get_backend
from tests.sandbox.test_bwrap import (
    FLOOD,
    FLOOD_LIMITS,
    PLANTER,
    RIGHT,
    TEST,
    VERDICTS,
    VICTIM_TEST,
    guarded,
)

FAST = Limits(timeout_s=3.0)


@pytest.fixture(scope="module")
def backend(docker_url: str):  # noqa: ANN201
    b = get_backend("docker", base_url=docker_url)
    b.prepare()  # type: ignore[attr-defined]
    yield b
    b.close()  # type: ignore[attr-defined]


def test_root_user_refused() -> None:
    with pytest.raises(SandboxError, match="root"):
        get_backend("docker", user="0:0")


def test_verdicts(backend) -> None:  # noqa: ANN001
    pairs = [PairSpec(pair_id=k, module="inc", code=c, test=t) for k, (c, t, _) in VERDICTS.items()]
    got = {r.pair_id: r for r in backend.run_batch(pairs, FAST)}
    for case, (_, _, want) in VERDICTS.items():
        assert got[case].status is want, (case, got[case].output)


def test_coverage_is_measured_in_the_container(backend) -> None:  # noqa: ANN001
    from tests.sandbox.test_coverage import BOTH_SIDES, FULL, HALF, ONE_SIDE, pair

    pairs = [pair("one", ONE_SIDE), pair("both", BOTH_SIDES), pair("no", ONE_SIDE, cov=False)]
    res = backend.run_batch(pairs, FAST)
    assert [r.status for r in res] == [Status.PASSED] * 3, [r.output for r in res]
    assert [r.coverage for r in res] == [HALF, FULL, None]


ATTACKS = {
    "shadow": "open('/etc/shadow').read()",
    "root_home": "os.listdir('/root')",
    "write_usr": "open('/usr/evil', 'w').write('x')",
    "write_root": "open('/evil', 'w').write('x')",
    "outside": "socket.create_connection(('1.1.1.1', 53), 1)",
    "dns": "socket.getaddrinfo('pypi.org', 443)",
    "big_file": "open('big', 'wb').write(b'x' * (100 * 2**20))",
}


def test_attacks_contained(backend) -> None:  # noqa: ANN001
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.setblocking(False)
    attacks = dict(ATTACKS, host_loopback=f"socket.create_connection(('127.0.0.1', "
                   f"{listener.getsockname()[1]}), 1)")  # fmt: skip
    pairs = [
        PairSpec(pair_id=k, module="inc", code=RIGHT, test=guarded(v)) for k, v in attacks.items()
    ]
    try:
        res = backend.run_batch(pairs, Limits(timeout_s=5.0, fsize_mb=8))
        with pytest.raises(BlockingIOError):
            listener.accept()
    finally:
        listener.close()
    for r in res:
        assert r.status is Status.PASSED, (r.pair_id, r.output)
    assert not Path("/usr/evil").exists() and not Path("/evil").exists()


def test_limits_and_runner_attacks(backend, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    secret = "sk-supercharger-test-" + os.urandom(8).hex()
    monkeypatch.setenv("SUPERCHARGER_TEST_API_KEY", secret)
    bomb = "import os\ndef inc(x):\n    while True:\n        try:\n            os.fork()\n" \
           "        except OSError:\n            pass\n"  # fmt: skip
    env_test = (
        "import glob, os\nfrom inc import inc\n\ndef test_env():\n"
        "    for p in glob.glob('/proc/[0-9]*/environ'):\n        try:\n"
        f"            assert {secret!r}.encode() not in open(p, 'rb').read()\n"
        "        except PermissionError:\n            pass\n"
        f"    assert {secret!r} not in repr(dict(os.environ))\n"
    )
    cases = {
        "loop": ("def inc(x):\n    while True:\n        pass\n", TEST, {Status.TIMEOUT}),
        "sleep": ("import time\ndef inc(x):\n    time.sleep(60)\n", TEST, {Status.TIMEOUT}),
        "memory": ("def inc(x):\n    b = bytearray(10 * 2**30)\n", TEST, {Status.OOM}),
        "bomb": (bomb, TEST, {Status.TIMEOUT, Status.KILLED}),
        "kill_parent": (
            "import os\nos.kill(os.getppid(), 9)\n" + RIGHT,
            TEST,
            {Status.KILLED, Status.ERROR},
        ),  # fmt: skip
        "env": (RIGHT, env_test, {Status.PASSED}),
        "planter": (PLANTER, TEST, {Status.PASSED}),
        "victim": ("def inc(x):\n    return x\n", VICTIM_TEST, {Status.PASSED}),
        "after": (RIGHT, TEST, {Status.PASSED}),
    }
    pairs = [PairSpec(pair_id=k, module="inc", code=c, test=t) for k, (c, t, _) in cases.items()]
    res = backend.run_batch(pairs, Limits(timeout_s=2.0, nproc=32))
    for r in res:
        assert r.status in cases[r.pair_id][2], (r.pair_id, r.output)
    assert subprocess.run(["true"], check=False).returncode == 0


def test_stdout_flood_truncated(backend) -> None:  # noqa: ANN001
    pair = PairSpec(pair_id="f", module="inc", code=RIGHT, test=FLOOD)
    res = backend.run_batch([pair], FLOOD_LIMITS)
    assert res[0].status is Status.FAILED and len(res[0].output) < 1200


def test_no_container_left(backend, docker_url: str) -> None:  # noqa: ANN001
    import docker

    backend.run_batch([PairSpec(pair_id="a", module="inc", code=RIGHT, test=TEST)], FAST)
    client = docker.DockerClient(base_url=docker_url)
    names = [c.name for c in client.containers.list(all=True)]
    assert not [n for n in names if n.startswith("supercharger-")], names
