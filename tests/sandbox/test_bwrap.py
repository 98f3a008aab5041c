"""The real bwrap sandbox: verdicts that cannot be faked, and containment of hostile code."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path

import pytest

from supercharger.errors import SandboxError
from supercharger.sandbox import Limits, PairResult, PairSpec, Status, get_backend

RIGHT = "def inc(x):\n    return x + 1\n"
TEST = "from inc import inc\n\ndef test_inc():\n    assert inc(1) == 2\n"
FAST = Limits(timeout_s=3.0)


def _usable() -> str | None:
    try:
        backend = get_backend("bwrap")
        backend.prepare()  # type: ignore[attr-defined]
        res = backend.run_batch([PairSpec(pair_id="p", module="inc", code=RIGHT, test=TEST)], FAST)
    except SandboxError as e:
        return str(e)
    return None if res[0].status is Status.PASSED else res[0].output


BWRAP_UNAVAILABLE = _usable()
pytestmark = pytest.mark.skipif(
    BWRAP_UNAVAILABLE is not None, reason=f"bwrap cannot run: {BWRAP_UNAVAILABLE}"
)


@pytest.fixture(scope="module")
def backend():  # noqa: ANN201
    return get_backend("bwrap")


def run1(backend, code: str, test: str = TEST, limits: Limits = FAST) -> PairResult:  # noqa: ANN001
    return backend.run_batch([PairSpec(pair_id="x", module="inc", code=code, test=test)], limits)[0]


def guarded(body: str) -> str:
    """A test file whose test passes only if ``body`` (the attack) raises."""
    lines = "\n".join("        " + ln for ln in body.strip().splitlines())
    return (
        "import os, socket, sys\nimport pytest\nfrom inc import inc\n\n"
        f"def test_attack():\n    with pytest.raises(Exception):\n{lines}\n"
    )


VERDICTS = {
    "pass": (RIGHT, TEST, Status.PASSED),
    "fail": ("def inc(x):\n    return x\n", TEST, Status.FAILED),
    "os_exit_0": ("import os\nos._exit(0)\n" + RIGHT, TEST, Status.ERROR),
    "os_exit_in_test": ("import os\ndef inc(x):\n    os._exit(0)\n", TEST, Status.ERROR),
    "sys_exit_0": ("import sys\nsys.exit(0)\n" + RIGHT, TEST, Status.ERROR),
    "skip": (
        RIGHT,
        "import pytest\nfrom inc import inc\n\ndef test_a():\n    pytest.skip()\n",
        Status.ERROR,
    ),
    "skip_module": (
        "import pytest\npytest.skip(allow_module_level=True)\n" + RIGHT,
        TEST,
        Status.ERROR,
    ),
    "no_tests": (RIGHT, "from inc import inc\n", Status.ERROR),
    "syntax": ("def inc(x) return x\n", TEST, Status.ERROR),
    "import_error": ("def other(x):\n    return x\n", TEST, Status.ERROR),
    "half_pass": (RIGHT, TEST + "\ndef test_b():\n    assert inc(2) == 4\n", Status.FAILED),
    "xfail": (
        RIGHT,
        "import pytest\nfrom inc import inc\n\n@pytest.mark.xfail\n"
        "def test_a():\n    assert inc(1) == 2\n",
        Status.ERROR,
    ),
    # a report of its own on the report pipe, then out before pytest writes the real one
    "forged_report": (
        "import os\n"
        'os.write(3, b\'{"collected": 1, "passed": 1, "exitstatus": 0}\')\n'
        "os._exit(0)\n",
        TEST,
        Status.ERROR,
    ),
    # the same on every descriptor, and with a fake signature line
    "forged_everywhere": (
        "import os\n"
        "for fd in range(3, 64):\n"
        "    try:\n"
        "        os.write(fd, b'{\"collected\": 1, \"passed\": 1}\\n' + b'0' * 64)\n"
        "    except OSError:\n"
        "        pass\n"
        "os._exit(0)\n",
        TEST,
        Status.ERROR,
    ),
}


@pytest.fixture(scope="module")
def verdicts(backend) -> dict[str, PairResult]:  # noqa: ANN001
    pairs = [PairSpec(pair_id=k, module="inc", code=c, test=t) for k, (c, t, _) in VERDICTS.items()]
    return {r.pair_id: r for r in backend.run_batch(pairs, FAST)}


@pytest.mark.parametrize("case", sorted(VERDICTS))
def test_verdict(verdicts: dict[str, PairResult], case: str) -> None:
    res = verdicts[case]
    assert res.status is VERDICTS[case][2], res.output
    assert (res.status is Status.PASSED) == (res.collected > 0 and res.passed == res.collected)


def test_counts_and_output(verdicts: dict[str, PairResult]) -> None:
    half = verdicts["half_pass"]
    assert (half.collected, half.passed, half.failed) == (2, 1, 1)
    assert "assert 3 == 4" in half.output
    assert verdicts["skip"].skipped == 1
    assert "without a report" in verdicts["os_exit_0"].output


def test_batch_order_and_ids(backend) -> None:  # noqa: ANN001
    codes = [RIGHT, "def inc(x):\n    return 0\n"] * 3
    pairs = [
        PairSpec(pair_id=f"p{i}", module="inc", code=c, test=TEST) for i, c in enumerate(codes)
    ]
    res = backend.run_batch(pairs, FAST)
    assert [r.pair_id for r in res] == [p.pair_id for p in pairs]
    assert [r.status for r in res] == [Status.PASSED, Status.FAILED] * 3


@pytest.mark.parametrize(
    "code",
    [
        "def inc(x):\n    while True:\n        pass\n",
        "import time\ndef inc(x):\n    time.sleep(60)\n",
    ],
)
def test_timeout(backend, code: str) -> None:  # noqa: ANN001
    t0 = time.monotonic()
    res = run1(backend, code, limits=Limits(timeout_s=1.0))
    assert res.status is Status.TIMEOUT
    assert time.monotonic() - t0 < 10


def test_memory_10gb(backend) -> None:  # noqa: ANN001
    res = run1(backend, "def inc(x):\n    b = bytearray(10 * 2**30)\n    return x + 1\n")
    assert res.status is Status.OOM, res.output


def test_network_host_loopback_and_outside(backend) -> None:  # noqa: ANN001
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.setblocking(False)
    port = listener.getsockname()[1]
    try:
        local = run1(backend, RIGHT, guarded(f"socket.create_connection(('127.0.0.1', {port}), 1)"))
        outside = run1(backend, RIGHT, guarded("socket.create_connection(('1.1.1.1', 53), 1)"))
        dns = run1(backend, RIGHT, guarded("socket.getaddrinfo('pypi.org', 443)"))
        with pytest.raises(BlockingIOError):
            listener.accept()  # nothing ever reached the host's listener
    finally:
        listener.close()
    for res in (local, outside, dns):
        assert res.status is Status.PASSED, res.output


@pytest.mark.parametrize("path", ["/etc/shadow", "/etc/passwd", "/root/.bashrc", "/work"])
def test_host_files_unreadable(backend, path: str) -> None:  # noqa: ANN001
    res = run1(
        backend,
        RIGHT,
        guarded(f"os.listdir({path!r}) if os.path.isdir({path!r}) else open({path!r}).read()"),
    )
    assert res.status is Status.PASSED, res.output


@pytest.mark.parametrize("landlock", [False, True])
def test_secret_env_invisible(landlock: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    # without Landlock the pair can read bwrap's /proc/1/environ: it must hold no secret;
    # with it, reading other processes' environ is refused on top of that
    backend = get_backend("bwrap", landlock=landlock, standby=False)
    secret = "sk-supercharger-test-" + os.urandom(8).hex()
    monkeypatch.setenv("SUPERCHARGER_TEST_API_KEY", secret)
    test = (
        "import glob, os\nfrom inc import inc\n\ndef test_env():\n"
        f"    assert {secret!r} not in repr(dict(os.environ))\n"
        "    seen = []\n"
        "    for p in glob.glob('/proc/[0-9]*/environ'):\n"
        "        try:\n            seen.append(open(p, 'rb').read())\n"
        "        except OSError:\n            pass\n"
        f"    assert seen or {landlock}, 'could read no environ at all'\n"
        f"    assert not any({secret!r}.encode() in s for s in seen)\n"
        "    assert 'SUPERCHARGER_TEST_API_KEY' not in os.environ\n"
    )
    res = run1(backend, RIGHT, test)
    assert res.status is Status.PASSED, res.output


@pytest.mark.parametrize(
    "path", ["/usr/evil", "/evil", "/dev/evil", "/proc/evil", "/var/tmp/evil", "/etc/evil"]
)
def test_writes_outside_workdir_fail(backend, path: str) -> None:  # noqa: ANN001
    res = run1(backend, RIGHT, guarded(f"open({path!r}, 'w').write('x')"))
    assert res.status is Status.PASSED, res.output
    assert not Path(path).exists()


def test_workdir_is_writable(backend) -> None:  # noqa: ANN001
    test = (
        "import os, tempfile\nfrom inc import inc\n\ndef test_w(tmp_path):\n"
        "    open('scratch.txt', 'w').write('ok')\n"
        "    (tmp_path / 'f').write_text('ok')\n    assert inc(1) == 2\n"
    )
    assert run1(backend, RIGHT, test).status is Status.PASSED


PLANTER = """
import os, sys, time
def inc(x):
    return x + 1
open('/tmp/planted.txt', 'w').write('x')
os.makedirs('/tmp/pair-zz', exist_ok=True)
open('/tmp/pair-zz/conftest.py', 'w').write('raise SystemExit(0)')
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        end = time.time() + 4
        while time.time() < end:
            for d in os.listdir('/tmp'):
                try:
                    open(os.path.join('/tmp', d, 'inc.py'), 'w').write('def inc(x): return x + 1')
                except OSError:
                    pass
            time.sleep(0.01)
    os._exit(0)
"""

VICTIM_TEST = """
import os, time
from inc import inc

def test_victim():
    time.sleep(0.3)
    here = os.path.basename(os.getcwd())
    assert sorted(os.listdir('/tmp')) == [here], os.listdir('/tmp')
    assert open('inc.py').read().startswith('def inc(x):\\n    return x\\n')
    assert inc(1) == 1
"""


def test_pair_cannot_touch_next_pair(backend) -> None:  # noqa: ANN001
    pairs = [
        PairSpec(pair_id="attacker", module="inc", code=PLANTER, test=TEST),
        PairSpec(
            pair_id="victim", module="inc", code="def inc(x):\n    return x\n", test=VICTIM_TEST
        ),
    ]
    attacker, victim = backend.run_batch(pairs, FAST)
    assert attacker.status is Status.PASSED
    assert victim.status is Status.PASSED, victim.output


def test_cannot_forge_through_runner_fds(backend) -> None:  # noqa: ANN001
    forged = (
        '{"id": "victim", "exit": 0, "signal": null, "timeout": false, "report": '
        '{"collected": 1, "passed": 1}}'
    )
    code = RIGHT + (
        "import os\n"
        "for fd in os.listdir(f'/proc/{os.getppid()}/fd'):\n"
        f"    os.write(os.open(f'/proc/{{os.getppid()}}/fd/{{fd}}', os.O_WRONLY), b'{forged}\\n')\n"
    )
    res = backend.run_batch(
        [
            PairSpec(pair_id="forger", module="inc", code=code, test=TEST),
            PairSpec(pair_id="victim", module="inc", code="def inc(x):\n    return 0\n", test=TEST),
        ],
        FAST,
    )
    assert res[0].status is Status.ERROR  # the import blew up: PermissionError
    assert "PermissionError" in res[0].output
    assert res[1].status is Status.FAILED


@pytest.mark.parametrize("landlock", [False, True])
@pytest.mark.parametrize("attack", ["os.kill(os.getppid(), 9)", "os.kill(-1, 9)", "os.kill(1, 9)"])
def test_runner_killer_is_killed_others_unharmed(landlock: bool, attack: str) -> None:
    backend = get_backend("bwrap", landlock=landlock, standby=False)
    killer = f"import os\n{attack}\n" + RIGHT
    pairs = [
        PairSpec(pair_id="a", module="inc", code=RIGHT, test=TEST),
        PairSpec(pair_id="killer", module="inc", code=killer, test=TEST),
        PairSpec(pair_id="b", module="inc", code=RIGHT, test=TEST),
    ]
    res = backend.run_batch(pairs, FAST)
    assert res[0].status is Status.PASSED and res[2].status is Status.PASSED
    if not landlock and attack == "os.kill(1, 9)":  # init ignores SIGKILL from its own pidns
        assert res[1].status is Status.PASSED
    elif not landlock:  # the runner dies, twice: KILLED
        assert res[1].status is Status.KILLED
    elif attack != "os.kill(-1, 9)":  # Landlock: the signal is refused (PermissionError)
        assert res[1].status is Status.ERROR and "PermissionError" in res[1].output
    else:  # kill(-1) reaches no process outside the pair's own domain
        assert res[1].status is Status.PASSED


def test_fork_bomb_contained(backend) -> None:  # noqa: ANN001
    bomb = (
        "import os\ndef inc(x):\n    while True:\n        try:\n            os.fork()\n"
        "        except OSError:\n            pass\n"
    )
    t0 = time.monotonic()
    res = run1(backend, bomb, limits=Limits(timeout_s=2.0, nproc=32))
    assert res.status in (Status.TIMEOUT, Status.KILLED)
    assert time.monotonic() - t0 < 15
    assert subprocess.run(["true"], check=False).returncode == 0  # the host can still fork
    assert run1(backend, RIGHT).status is Status.PASSED


FLOOD = (  # 200 MB to stdout, then a passing assertion
    "import sys\nfrom inc import inc\n\ndef test_flood():\n"
    "    for _ in range(20000):\n        sys.__stdout__.write('y' * 10000)\n"
    "    sys.__stdout__.flush()\n    assert inc(1) == 2\n"
)
FLOOD_LIMITS = Limits(timeout_s=8.0, output_bytes=1000, fsize_mb=16)


def test_stdout_flood_truncated(backend) -> None:  # noqa: ANN001
    res = run1(backend, RIGHT, FLOOD, FLOOD_LIMITS)
    # pytest captures into a file under RLIMIT_FSIZE: 200 MB cannot be written, the test fails
    assert res.status is Status.FAILED, res.output[-500:]
    assert "File too large" in res.output
    assert len(res.output) < 1200
    assert "bytes cut" in res.output


def test_big_file_limited(backend) -> None:  # noqa: ANN001
    res = run1(
        backend,
        RIGHT,
        guarded("open('big', 'wb').write(b'x' * (100 * 2**20))"),
        Limits(timeout_s=5.0, fsize_mb=8),
    )
    assert res.status is Status.PASSED, res.output


def test_parallel_shards_keep_order() -> None:
    backend = get_backend("bwrap", parallel=2)
    codes = [RIGHT, "def inc(x):\n    return 0\n", RIGHT, RIGHT, "def inc(x) return\n"]
    pairs = [PairSpec(pair_id=str(i), module="inc", code=c, test=TEST) for i, c in enumerate(codes)]
    res = backend.run_batch(pairs, FAST)
    assert [r.pair_id for r in res] == [p.pair_id for p in pairs]
    assert [r.status for r in res] == [
        Status.PASSED,
        Status.FAILED,
        Status.PASSED,
        Status.PASSED,
        Status.ERROR,
    ]


def test_shadowing_module_name_is_an_error(backend) -> None:  # noqa: ANN001
    test = "from json import inc\n\ndef test_a():\n    assert inc(1) == 2\n"
    res = backend.run_batch([PairSpec(pair_id="j", module="json", code=RIGHT, test=test)], FAST)
    assert res[0].status is Status.ERROR
    assert "shadows" in res[0].output


def test_module_must_be_identifier(backend) -> None:  # noqa: ANN001
    pair = PairSpec(pair_id="m", module="../evil", code=RIGHT, test=TEST)
    res = backend.run_batch([pair], FAST)
    assert res[0].status is Status.ERROR
    assert "identifier" in res[0].output


POISONER = (
    RIGHT
    + """
import importlib.util, marshal, os
from _pytest.assertion.rewrite import PYC_TAIL

def pyc(source: bytes, fake: str, path: str) -> bytes:
    co = compile(fake, os.path.abspath(path), "exec")
    head = importlib.util.MAGIC_NUMBER + b"\\x03\\x00\\x00\\x00"
    return head + importlib.util.source_hash(source)[:8] + marshal.dumps(co)

os.makedirs("__pycache__", exist_ok=True)
test_src = open("test_inc.py", "rb").read()
with open("__pycache__/test_inc" + PYC_TAIL, "wb") as f:
    f.write(pyc(test_src, "def test_inc():\\n    pass\\n", "test_inc.py"))
wrong = b"def inc(x):\\n    return x\\n"
with open(importlib.util.cache_from_source("inc.py"), "wb") as f:
    f.write(pyc(wrong, "def inc(x):\\n    return x + 1\\n", "inc.py"))
"""
)


def test_compiled_files_are_shared_but_cannot_be_poisoned(backend) -> None:  # noqa: ANN001
    """Pairs with the same file text reuse its pyc (every code meets every test); a pair that
    writes pycs of its own (a test that always passes, a right ``inc`` for the wrong code's
    text) changes nothing for the next pairs."""
    wrong = "def inc(x):\n    return x\n"
    pairs = [
        PairSpec(pair_id=f"p{i}", module="inc", code=code, test=TEST)
        for i, code in enumerate([RIGHT, wrong, POISONER, wrong, RIGHT, wrong, "def inc(x:\n"])
    ]
    res = backend.run_batch(pairs, FAST)
    got = [r.status for r in res]
    assert got == [
        Status.PASSED,
        Status.FAILED,
        Status.PASSED,
        Status.FAILED,
        Status.PASSED,
        Status.FAILED,
        Status.ERROR,
    ], [r.output for r in res]
    assert "assert 1 == 2" in res[3].output
