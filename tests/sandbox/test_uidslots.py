"""One uid per live sandbox runner (root workers): leased host-wide with flock, given back when
the runner closes or its holder dies, and what a shared uid costs an innocent pair next to a
hostile one (real bwrap, real processes, two sandboxes at the same time)."""

from __future__ import annotations

import os
import re
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from supercharger.errors import SandboxError
from supercharger.sandbox import Limits, PairResult, PairSpec, Status, get_backend, uidslots
from tests.sandbox.test_bwrap import BWRAP_UNAVAILABLE, TEST

ROOT = Path(__file__).resolve().parents[2]
BASE = 299000  # tests that use their own lock dir stay off the default range (200000-200063)
needs_root_bwrap = pytest.mark.skipif(
    BWRAP_UNAVAILABLE is not None or os.geteuid() != 0,
    reason=f"needs root and a working bwrap: {BWRAP_UNAVAILABLE or 'not root'}",
)

# -- leases (no sandbox) ----------------------------------------------------------------------


def test_leases_are_unique_and_released(tmp_path: Path) -> None:
    a = uidslots.lease(BASE, 2, folder=tmp_path, wait_s=0)
    b = uidslots.lease(BASE, 2, folder=tmp_path, wait_s=0)
    assert {a.uid, b.uid} == {BASE, BASE + 1}
    assert (a.gid, b.gid) == (a.uid, b.uid)
    t0 = time.monotonic()
    with pytest.raises(SandboxError, match=r"all 2 sandbox uid slots \(299000-299001\) are taken"):
        uidslots.lease(BASE, 2, folder=tmp_path, wait_s=0.3)
    assert time.monotonic() - t0 >= 0.3  # it waited for one to come free
    a.release()
    a.release()  # idempotent
    c = uidslots.lease(BASE, 2, folder=tmp_path, gid=4242, wait_s=0)
    assert (c.uid, c.gid) == (a.uid, 4242)
    assert oct(tmp_path.stat().st_mode & 0o777) == "0o700"
    assert oct((tmp_path / f"{BASE}.lock").stat().st_mode & 0o777) == "0o600"


def test_a_released_slot_is_taken_last(tmp_path: Path) -> None:
    first = uidslots.lease(BASE, 4, folder=tmp_path, wait_s=0)
    first.release()
    again = [uidslots.lease(BASE, 4, folder=tmp_path, wait_s=0) for _ in range(4)]
    assert again[-1].uid == first.uid  # round-robin: the other three free slots come first


def test_lock_dir_open_to_others_is_refused(tmp_path: Path) -> None:
    tmp_path.chmod(0o777)
    with pytest.raises(SandboxError, match="refusing uid slot lock dir"):
        uidslots.lease(BASE, 2, folder=tmp_path, wait_s=0)


HOLDER = (
    "import sys\nfrom pathlib import Path\nfrom supercharger.sandbox import uidslots\n"
    "lease = uidslots.lease(int(sys.argv[1]), 2, folder=Path(sys.argv[2]), wait_s=0)\n"
    "print(lease.uid, flush=True)\nsys.stdin.read()\n"
)


def test_slots_are_unique_across_processes_and_freed_when_the_holder_dies(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(BASE), str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        theirs = int(holder.stdout.readline())  # type: ignore[union-attr]
        mine = uidslots.lease(BASE, 2, folder=tmp_path, wait_s=0)
        assert {theirs, mine.uid} == {BASE, BASE + 1}
        with pytest.raises(SandboxError, match="are taken"):
            uidslots.lease(BASE, 2, folder=tmp_path, wait_s=0)
    finally:
        holder.send_signal(signal.SIGKILL)  # no clean-up: the kernel drops its lock
        holder.wait()
    assert uidslots.lease(BASE, 2, folder=tmp_path, wait_s=0).uid == theirs


def test_a_forked_child_does_not_keep_the_parents_slot(tmp_path: Path) -> None:
    lease = uidslots.lease(BASE, 1, folder=tmp_path, wait_s=0)
    r, w = os.pipe()
    ready_r, ready_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover  (the child: its fork hooks have run by now)
        os.write(ready_w, b"x")
        os.read(r, 1)
        os._exit(0 if not lease.held else 1)
    os.close(r)
    os.close(ready_w)
    try:
        assert os.read(ready_r, 1) == b"x"
        os.close(ready_r)
        lease.release()
        again = uidslots.lease(BASE, 1, folder=tmp_path, wait_s=0)  # the child is still alive
        assert again.uid == BASE
    finally:
        os.write(w, b"x")
        os.close(w)
        assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0


def test_uid_range_is_checked() -> None:
    from supercharger.errors import ConfigError

    with pytest.raises(ConfigError, match="uid_base"):
        get_backend("bwrap", uid_base=2**32 - 10, uid_slots=64)


# -- real sandboxes ---------------------------------------------------------------------------

WHO = (
    "import os, time\nfrom inc import inc\n\ndef test_who():\n"
    "    t0 = time.time()\n    time.sleep(2.0)\n"
    "    assert False, f'UID {os.getuid()} GID {os.getgid()} FROM {t0} TO {time.time()}'\n"
)


def _who(res: PairResult) -> tuple[int, int, float, float]:
    m = re.search(r"UID (\d+) GID (\d+) FROM ([\d.]+) TO ([\d.]+)", res.output)
    assert m, res.output
    return int(m[1]), int(m[2]), float(m[3]), float(m[4])


@needs_root_bwrap
def test_two_live_runners_run_as_different_uids() -> None:
    backend = get_backend("bwrap", parallel=2, standby=False)
    codes = ["def inc(x):\n    return x + 1\n", "def inc(x):\n    return 1 + x\n"]
    pairs = [PairSpec(pair_id=str(i), module="inc", code=c, test=WHO) for i, c in enumerate(codes)]
    (u1, g1, a1, b1), (u2, g2, a2, b2) = map(_who, backend.run_batch(pairs, Limits(timeout_s=5)))
    assert max(a1, a2) < min(b1, b2), "the two pairs did not run at the same time"
    assert u1 != u2
    assert (g1, g2) == (u1, u2)
    assert all(200000 <= u < 200064 for u in (u1, u2))


@needs_root_bwrap
def test_a_fixed_uid_is_still_honoured() -> None:
    backend = get_backend("bwrap", uid=65534, standby=False)
    pair = PairSpec(pair_id="x", module="inc", code="def inc(x):\n    return x + 1\n", test=WHO)
    assert _who(backend.run_batch([pair], Limits(timeout_s=5))[0])[:2] == (65534, 65534)


@needs_root_bwrap
def test_the_slot_goes_back_when_its_runner_closes(tmp_path: Path) -> None:
    right = "def inc(x):\n    return x + 1\n"
    backend = get_backend("bwrap", uid_base=BASE, uid_slots=1, uid_lock_dir=tmp_path)
    pair = PairSpec(pair_id="x", module="inc", code=right, test=TEST)
    for _ in range(2):  # one slot: the second batch gets it back from the first (and standby)
        assert backend.run_batch([pair], Limits(timeout_s=5))[0].status is Status.PASSED
    with pytest.raises(SandboxError, match="are taken"):  # the standby runner holds it
        uidslots.lease(BASE, 1, folder=tmp_path, wait_s=0)
    backend.close()  # stops the standby runner
    uidslots.lease(BASE, 1, folder=tmp_path, wait_s=0).release()
    # two shards, one slot: the second shard waits for the first one's runner to close
    backend = get_backend("bwrap", uid_base=BASE, uid_slots=1, uid_lock_dir=tmp_path, parallel=2)
    two = [pair, PairSpec(pair_id="y", module="inc", code=right + "\n", test=TEST)]
    assert [r.status for r in backend.run_batch(two, Limits(timeout_s=5))] == [Status.PASSED] * 2
    backend.close()
    uidslots.lease(BASE, 1, folder=tmp_path, wait_s=0).release()


BOMB = """
import os, time
def inc(x):
    until = time.monotonic() + 4  # keeps every process it gets, and grabs any that comes free
    while time.monotonic() < until:
        try:
            if os.fork() == 0:
                time.sleep(6)
                os._exit(0)
        except OSError:
            time.sleep(0.001)
    return x + 1
"""
INOTIFY_HOG = """
import ctypes, time
libc = ctypes.CDLL(None, use_errno=True)
def inc(x):
    n = 0
    while n < 1000 and libc.inotify_init1(0) >= 0:  # fs.inotify.max_user_instances, per uid
        n += 1
    time.sleep(4)
    return x + 1
"""
INNOCENT = """
import ctypes, os, subprocess, time
libc = ctypes.CDLL(None, use_errno=True)
def inc(x):
    time.sleep(1.5)  # the hostile pair is at its limit by now
    subprocess.run(["/bin/true"], check=True)
    kids = [subprocess.Popen(["/bin/sleep", "0.2"]) for _ in range(4)]  # 4 at once
    assert [k.wait() for k in kids] == [0] * 4
    assert libc.inotify_init1(0) >= 0, os.strerror(ctypes.get_errno())
    return x + 1
"""


def _side_by_side(hostile: str, limits: Limits) -> tuple[PairResult, PairResult]:
    """The hostile and the innocent pair in two sandboxes at the same time (two shards)."""
    backend = get_backend("bwrap", parallel=2, standby=False)
    pairs = [
        PairSpec(pair_id="hostile", module="inc", code=hostile, test=TEST),
        PairSpec(pair_id="innocent", module="inc", code=INNOCENT, test=TEST),
    ]
    hostile_res, innocent = backend.run_batch(pairs, limits)
    return hostile_res, innocent


@needs_root_bwrap
@pytest.mark.parametrize("worker_nproc", [None, 100])
def test_a_fork_bomb_does_not_starve_a_concurrent_sandbox(worker_nproc: int | None) -> None:
    """A pair forks until fork fails while another sandbox's pair needs a few processes.

    RLIMIT_NPROC counts the tasks of a uid: before Linux 5.14 all of them on the host, against
    the pair's own limit (``None``: the pair's ``nproc``, 64, is what runs out); since 5.14 the
    pair's limit counts its own user namespace (its sandbox) and the limit bwrap was started
    with, the worker's, counts the uid host-wide (``100``: a worker run with a soft
    RLIMIT_NPROC of 100, below what one sandbox may fork). On a shared uid, either way the bomb
    uses up the innocent pair's budget too."""
    limits = Limits(timeout_s=10.0, nproc=64 if worker_nproc is None else 200)
    old = resource.getrlimit(resource.RLIMIT_NPROC)
    if worker_nproc is not None:  # soft only: root here may not raise a hard limit again
        resource.setrlimit(resource.RLIMIT_NPROC, (worker_nproc, old[1]))
    try:
        bomb, innocent = _side_by_side(BOMB, limits)
    finally:
        resource.setrlimit(resource.RLIMIT_NPROC, old)
    assert innocent.status is Status.PASSED, innocent.output
    assert bomb.status is Status.PASSED, bomb.output


@needs_root_bwrap
def test_inotify_hog_does_not_starve_a_concurrent_sandbox() -> None:
    """inotify instances are counted per uid host-wide on every kernel (128 by default)."""
    hog, innocent = _side_by_side(INOTIFY_HOG, Limits(timeout_s=10.0))
    assert innocent.status is Status.PASSED, innocent.output
    assert hog.status is Status.PASSED, hog.output
