"""What bwrap's extra layers add, each checked by its effect: cgroup limits (memory, pids, CPU),
the seccomp filter, Landlock scoping, and pairs that cannot leak into each other although they
fork from one warm pytest session."""

from __future__ import annotations

import ctypes
import os

import pytest

from supercharger.sandbox import Limits, PairResult, PairSpec, Status, get_backend, seccomp
from supercharger.sandbox.cgroups import unavailable
from tests.sandbox.test_bwrap import BWRAP_UNAVAILABLE, FAST, RIGHT, TEST

pytestmark = pytest.mark.skipif(
    BWRAP_UNAVAILABLE is not None, reason=f"bwrap cannot run: {BWRAP_UNAVAILABLE}"
)
NO_CGROUPS = unavailable()
needs_cgroups = pytest.mark.skipif(NO_CGROUPS is not None, reason=f"no cgroups: {NO_CGROUPS}")


def run1(backend, code: str, test: str = TEST, limits: Limits = FAST) -> PairResult:  # noqa: ANN001
    return backend.run_batch([PairSpec(pair_id="x", module="inc", code=code, test=test)], limits)[0]


def _landlock_abi() -> int:
    libc = ctypes.CDLL(None, use_errno=True)
    return libc.syscall(444, None, ctypes.c_size_t(0), ctypes.c_uint32(1))


FORKER = """
import os, time
def inc(x):
    n = 0
    try:
        while n < 400:
            if os.fork() == 0:
                time.sleep(5)
                os._exit(0)
            n += 1
    except OSError:
        pass
    assert n < 40, n
    return x + 1
"""


@needs_cgroups
def test_pids_cgroup_stops_a_fork_bomb() -> None:
    # RLIMIT_NPROC is 1000 here: only the sandbox's pids cgroup (24 tasks) can stop it at < 40
    backend = get_backend("bwrap", cgroup_pids=24, standby=False)
    res = run1(backend, FORKER, limits=Limits(timeout_s=5.0, nproc=1000))
    assert res.status is Status.PASSED, res.output
    assert run1(backend, RIGHT).status is Status.PASSED


def test_without_cgroups_the_fork_bomb_is_not_capped() -> None:
    backend = get_backend("bwrap", cgroups=False, standby=False)
    res = run1(backend, FORKER, limits=Limits(timeout_s=5.0, nproc=1000))
    assert res.status is Status.FAILED  # the guard above is what the cgroup adds


@needs_cgroups
def test_memory_cgroup_gives_oom() -> None:
    # each process may map 2 GB (RLIMIT_AS), all of them together only 300 MB (cgroup)
    hog = (
        "def inc(x):\n    bufs = []\n    for _ in range(20):\n"
        "        bufs.append(b'x' * (50 * 2**20))\n    return x + 1\n"
    )
    backend = get_backend("bwrap", cgroup_memory_mb=300, standby=False)
    pairs = [
        PairSpec(pair_id="hog", module="inc", code=hog, test=TEST),
        PairSpec(pair_id="next", module="inc", code=RIGHT, test=TEST),
    ]
    res = backend.run_batch(pairs, Limits(timeout_s=5.0, memory_mb=2048))
    assert res[0].status is Status.OOM, res[0].output
    assert res[1].status is Status.PASSED


BURN = """
import os, resource, time
def burn(seconds):
    pids = []
    for _ in range(2):
        pid = os.fork()
        if pid == 0:
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                pass
            os._exit(0)
        pids.append(pid)
    for pid in pids:
        os.waitpid(pid, 0)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
def inc(x):
    return x + 1
"""


@needs_cgroups
def test_cpu_quota_caps_a_sandbox() -> None:
    # two busy processes for 1 s of wall time: ~2 CPU-seconds on two idle cores, but the
    # sandbox's quota is half a CPU
    test = "from inc import burn\n\ndef test_quota():\n    assert burn(1.0) < 0.8\n"
    res = run1(get_backend("bwrap", cpus=0.5, standby=False), BURN, test, Limits(timeout_s=6.0))
    assert res.status is Status.PASSED, res.output


@pytest.mark.skipif(not seccomp.supported(), reason="no seccomp filter for this machine")
def test_seccomp_refuses_denied_syscalls() -> None:
    probe = (
        "import ctypes, subprocess, threading\n"
        "libc = ctypes.CDLL(None, use_errno=True)\n"
        "def call(nr, *args):\n"
        "    r = libc.syscall(nr, *[ctypes.c_long(a) for a in args])\n"
        "    return r, ctypes.get_errno()\n"
        "def inc(x):\n    return x + 1\n"
    )
    test = (
        "import threading, subprocess\nfrom inc import inc, call\n\ndef test_denied():\n"
        "    assert call(101, 0, 0, 0, 0) == (-1, 1)  # ptrace(PTRACE_TRACEME)\n"
        "    assert call(250, 0, -3, 0) == (-1, 1)  # keyctl\n"
        "    assert call(321, 0, 0, 0) == (-1, 1)  # bpf\n"
        "    assert call(323, 0) == (-1, 1)  # userfaultfd\n"
        "    assert call(272, 0x40000000) == (-1, 1)  # unshare(CLONE_NEWNET)\n"
        "    assert call(135, 0x0040000) == (-1, 1)  # personality(ADDR_NO_RANDOMIZE)\n"
        "    t = threading.Thread(target=lambda: None)\n    t.start()\n    t.join()\n"
        "    assert subprocess.run(['/bin/echo', 'ok'], capture_output=True).stdout == b'ok\\n'\n"
        "    assert inc(1) == 2\n"
    )
    if os.uname().machine != "x86_64":
        pytest.skip("syscall numbers in this test are x86-64's")
    res = run1(get_backend("bwrap", standby=False), probe, test)
    assert res.status is Status.PASSED, res.output
    # without the filter, ptrace(PTRACE_TRACEME) succeeds: the test above is what seccomp adds
    res = run1(get_backend("bwrap", seccomp=False, standby=False), probe, test)
    assert res.status is not Status.PASSED


def test_seccomp_program_shape() -> None:
    for machine in seccomp.ARCHES:
        prog = seccomp.build(machine)
        assert len(prog) % 8 == 0 and 0 < len(prog) // 8 < 4096
    assert "ptrace" in seccomp.denied_syscalls()


@pytest.mark.skipif(_landlock_abi() < 6, reason="kernel without Landlock ABI >= 6")
def test_landlock_stops_signals_to_the_runner() -> None:
    attack = "import os\nos.kill(os.getppid(), 9)\n" + RIGHT
    res = run1(get_backend("bwrap", standby=False), attack)
    assert res.status is Status.ERROR and "PermissionError" in res.output


# One warm pytest session, a fresh fork per pair: what one pair does to the interpreter (modules,
# builtins, pytest itself, the module under test) is gone for the next.
LEAKERS = {
    "sys_modules": "import sys, types\nm = types.ModuleType('inc')\nm.inc = lambda x: x + 1\n"
    "sys.modules['inc'] = m\n",
    "builtins": "import builtins\nbuiltins.len = lambda x: 0\nbuiltins.inc = lambda x: x + 1\n",
    "pytest_internals": "import _pytest.runner as r\nr.pytest_runtest_call = lambda item: None\n",
    "os_exit_at_import": "import os\nos._exit(0)\n",
}
WRONG = "def inc(x):\n    return x\n"


@pytest.mark.parametrize("leak", sorted(LEAKERS))
def test_no_leak_between_pairs(leak: str) -> None:
    backend = get_backend("bwrap", standby=False)
    leaker_test = LEAKERS[leak] + TEST
    pairs = [
        PairSpec(pair_id="leaker", module="inc", code=WRONG, test=leaker_test),
        PairSpec(pair_id="victim", module="inc", code=WRONG, test=TEST),
        PairSpec(pair_id="len", module="inc", code=RIGHT, test=TEST + "\nassert len('ab') == 2\n"),
    ]
    leaker, victim, len_pair = backend.run_batch(pairs, FAST)
    assert victim.status is Status.FAILED, victim.output
    assert len_pair.status is Status.PASSED, len_pair.output
    if leak == "os_exit_at_import":
        assert leaker.status is Status.ERROR
