"""The warm runner: runs INSIDE the sandbox, started as ``python -I -B -c <this file>``.

It needs only the standard library and pytest, and never imports supercharger. Protocol
(one JSON object per line): the host writes a config line, the runner answers ``{"ready": 1}``;
then for every pair the host writes ``{"id", "module", "code", "test"}`` and the runner answers
with one raw result (exit code, signal, timeout flag, the counting plugin's report, output tail).
The host turns raw results into verdicts. Pairs run one at a time: each in a forked child, in a
fresh directory, under rlimits and a wall clock; afterwards every leftover process is killed and
the scratch root is wiped, so nothing one pair leaves behind is there when the next one starts.
"""

from __future__ import annotations

import ctypes
import json
import math
import os
import resource
import select
import shutil
import signal
import sys
import tempfile
import time

REPORT_FD = 3
REPORT_CAP = 65536
PR_SET_DUMPABLE = 4
PYTEST_ARGS = [
    "-q",
    "-p",
    "no:cacheprovider",
    "--noconftest",
    "-p",
    "no:unraisableexception",
    "-p",
    "no:threadexception",
    "-W",
    "ignore::DeprecationWarning",
]


class Counter:
    """pytest plugin: counts outcomes via hooks and writes them once, at the end of the session."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.counts = {"collected": 0, "passed": 0, "failed": 0, "errors": 0, "skipped": 0}
        self.oom = False

    def pytest_collectreport(self, report) -> None:  # noqa: ANN001
        if report.failed:
            self.counts["errors"] += 1

    def pytest_collection_finish(self, session) -> None:  # noqa: ANN001
        self.counts["collected"] = len(session.items)

    def pytest_runtest_logreport(self, report) -> None:  # noqa: ANN001
        if report.when == "call":
            if report.passed and not hasattr(report, "wasxfail"):
                self.counts["passed"] += 1
            elif report.failed:
                self.counts["failed"] += 1
            else:
                self.counts["skipped"] += 1
        elif report.failed:
            self.counts["errors"] += 1
        elif report.skipped:
            self.counts["skipped"] += 1

    def pytest_exception_interact(self, node, call, report) -> None:  # noqa: ANN001
        if call.excinfo is not None and call.excinfo.errisinstance(MemoryError):
            self.oom = True

    def pytest_sessionfinish(self, session, exitstatus) -> None:  # noqa: ANN001
        data = dict(self.counts, oom=self.oom, exitstatus=int(exitstatus))
        os.write(self.fd, json.dumps(data).encode())
        os.close(self.fd)


def set_limits(limits: dict) -> None:
    """Lower this process's rlimits (soft == hard, so the code cannot raise them again)."""
    mb = 1024 * 1024
    cpu = math.ceil(limits["timeout_s"]) + 1
    for res, value in (
        (resource.RLIMIT_AS, limits["memory_mb"] * mb),
        (resource.RLIMIT_FSIZE, limits["fsize_mb"] * mb),
        (resource.RLIMIT_NOFILE, limits["nofile"]),
        (resource.RLIMIT_NPROC, limits["nproc"]),
        (resource.RLIMIT_CORE, 0),
    ):
        resource.setrlimit(res, (value, value))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def child(pair: dict, pair_dir: str, limits: dict, out_w: int, rep_w: int) -> None:
    """In the forked child: own session, stdio to the output pipe, limits, then pytest."""
    os.setsid()
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(out_w, 1)
    os.dup2(out_w, 2)
    os.dup2(rep_w, REPORT_FD)
    os.closerange(REPORT_FD + 1, 1 << 16)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-big file fails the write, not the run
    set_limits(limits)
    os.chdir(pair_dir)
    module = pair["module"]
    if module in sys.modules:
        print(f"module name {module!r} shadows a module the runner has imported", flush=True)
        os._exit(3)
    import pytest

    plugin = Counter(REPORT_FD)
    pytest.main([*PYTEST_ARGS, "--rootdir", pair_dir, f"test_{module}.py"], plugins=[plugin])
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


class Tail:
    """Keeps the last ``cap`` bytes written to it and the total seen."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.buf = bytearray()
        self.total = 0

    def add(self, data: bytes) -> None:
        self.total += len(data)
        self.buf += data
        if len(self.buf) > self.cap:
            del self.buf[: len(self.buf) - self.cap]

    def text(self) -> str:
        cut = self.total - len(self.buf)
        head = f"[... {cut} bytes cut ...]\n" if cut else ""
        return head + self.buf.decode("utf-8", "replace")


def read_into(fd: int, sink: Tail) -> bool:
    """Read what is there; False on EOF."""
    try:
        data = os.read(fd, 65536)
    except BlockingIOError:
        return True
    if not data:
        return False
    sink.add(data)
    return True


def sweep(pid: int, pidns: bool) -> int:
    """Kill the pair's process group and reap the pair; inside our own pid namespace then kill
    every other process too (orphans are reaped by bwrap's init). Returns the wait status."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    _, status = os.waitpid(pid, 0)
    deadline = time.monotonic() + 2.0
    while pidns and time.monotonic() < deadline:
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            break
        time.sleep(0.001)
    return status


def wait_child(pid: int, out_r: int, rep_r: int, timeout: float, cap: int) -> tuple:
    """Pump both pipes until the child exits or the wall clock runs out."""
    out, rep = Tail(cap), Tail(REPORT_CAP)
    pidfd = os.pidfd_open(pid)
    fds = {out_r: out, rep_r: rep}
    deadline = time.monotonic() + timeout
    exited = False
    while not exited:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        ready, _, _ = select.select([*fds, pidfd], [], [], left)
        for fd in ready:
            if fd == pidfd:
                exited = True
            elif not read_into(fd, fds[fd]):
                del fds[fd]
    os.close(pidfd)
    return exited, out, rep, fds


def drain(fds: dict) -> None:
    """After the sweep: take what is left in the pipes without ever blocking."""
    deadline = time.monotonic() + 0.5
    for fd, sink in fds.items():
        os.set_blocking(fd, False)
        while time.monotonic() < deadline and read_into(fd, sink):
            if not select.select([fd], [], [], 0.01)[0]:
                break


def wipe(root: str) -> None:
    """Remove everything under the scratch root, including dirs a pair made unreadable."""
    for name in os.listdir(root):
        path = os.path.join(root, name)
        for dirpath, dirnames, _ in os.walk(path):
            for d in dirnames:
                try:
                    os.chmod(os.path.join(dirpath, d), 0o700)
                except OSError:
                    pass
        try:
            os.chmod(path, 0o700)
        except OSError:
            pass
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                os.unlink(path)
            except OSError:
                pass


def write_pair(root: str, pair: dict) -> str:
    pair_dir = tempfile.mkdtemp(prefix="pair-", dir=root)
    module = pair["module"]
    for name, text in ((f"{module}.py", pair["code"]), (f"test_{module}.py", pair["test"])):
        with open(os.path.join(pair_dir, name), "w", encoding="utf-8") as f:
            f.write(text)
    return pair_dir


def run_pair(pair: dict, cfg: dict) -> dict:
    limits, root, pidns = cfg["limits"], cfg["root"], cfg["pidns"]
    pair_dir = write_pair(root, pair)
    out_r, out_w = os.pipe()
    rep_r, rep_w = os.pipe()
    sys.stdout.flush()
    t0 = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            child(pair, pair_dir, limits, out_w, rep_w)
        finally:
            os._exit(70)
    os.close(out_w)
    os.close(rep_w)
    cap = limits["output_bytes"]
    exited, out, rep, fds = wait_child(pid, out_r, rep_r, limits["timeout_s"], cap)
    status = sweep(pid, pidns)
    duration = time.monotonic() - t0
    drain(fds)
    os.close(out_r)
    os.close(rep_r)
    wipe(root)
    return raw_result(pair["id"], status, not exited, rep, out, duration)


def raw_result(
    pair_id: str, status: int, timed_out: bool, rep: Tail, out: Tail, dur: float
) -> dict:
    try:
        report = json.loads(bytes(rep.buf)) if rep.buf else None
    except ValueError:
        report = None
    return {
        "id": pair_id,
        "exit": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
        "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        "timeout": timed_out,
        "report": report if isinstance(report, dict) else None,
        "output": out.text(),
        "duration": dur,
    }


def warm_up(root: str) -> None:
    """One throw-away pytest session in this process, so forked children start warm."""
    import pytest

    path = os.path.join(root, "warm")
    os.mkdir(path)
    with open(os.path.join(path, "test_sc_warm.py"), "w") as f:
        f.write("def test_warm():\n    assert 1 + 1 == 2\n")
    saved_path, saved_meta = list(sys.path), list(sys.meta_path)
    saved_fds = os.dup(1), os.dup(2)
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    try:
        pytest.main([*PYTEST_ARGS, "--rootdir", path, os.path.join(path, "test_sc_warm.py")])
    finally:
        sys.stdout.flush()
        os.dup2(saved_fds[0], 1)
        os.dup2(saved_fds[1], 2)
        for fd in (*saved_fds, null):
            os.close(fd)
        sys.path[:], sys.meta_path[:] = saved_path, saved_meta
        sys.modules.pop("test_sc_warm", None)
        wipe(root)


def main() -> None:
    # Non-dumpable: a pair (same uid) cannot open /proc/<runner>/fd/* nor ptrace the runner.
    ctypes.CDLL(None).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    cfg = json.loads(sys.stdin.readline())
    if cfg["pidns"] and os.getpid() > 3:
        raise SystemExit("runner: refusing to sweep with kill(-1) outside a pid namespace")
    import _pytest.python  # noqa: F401  (pre-import before the first fork)

    warm_up(cfg["root"])
    print(json.dumps({"ready": 1}), flush=True)
    for line in sys.stdin:
        result = run_pair(json.loads(line), cfg)
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
