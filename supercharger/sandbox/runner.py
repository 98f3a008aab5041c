"""The warm runner: runs INSIDE the sandbox, started as ``python -I -B -c <this file>``.

It needs only the standard library and pytest, and never imports supercharger. Protocol
(one JSON object per line): the host writes a config line, the runner answers ``{"ready": 1}``;
then for every pair the host writes ``{"id", "module", "code", "test"}`` and the runner answers
with one raw result (exit code, signal, timeout flag, the counting plugin's report, output tail).
The host turns raw results into verdicts.

Speed without sharing: the runner configures ONE pytest session (plugins registered, fixtures
parsed: ~90 % of a ``pytest.main``) and serves pairs from inside its collection hook. Every pair
runs in its own child forked from that session: the child collects and runs only its own test
file, reports through the counting plugin and exits, so no pair ever sees another pair's
modules, monkeypatches or memory. Pairs run one at a time, in the same fresh directory, under
rlimits and a wall clock; afterwards every leftover process is killed and the scratch root is
wiped, so nothing one pair leaves behind is there when the next one starts.
"""

from __future__ import annotations

import ctypes
import gc
import json
import math
import os
import resource
import select
import shutil
import signal
import sys
import time
import traceback

import pytest

REPORT_FD = 3
REPORT_CAP = 65536
PR_SET_DUMPABLE = 4
PR_SET_NO_NEW_PRIVS = 38
LANDLOCK_CREATE_RULESET, LANDLOCK_RESTRICT_SELF = 444, 446  # same numbers on every arch
LANDLOCK_SCOPE_ABSTRACT_UNIX, LANDLOCK_SCOPE_SIGNAL = 1, 2
PAIR_DIR = "pair"
PYTEST_ARGS = [
    "-q",
    "-p",
    "no:cacheprovider",
    "--noconftest",
    "-p",
    "no:unraisableexception",
    "-p",
    "no:threadexception",
    "-p",
    "no:faulthandler",
    "--continue-on-collection-errors",
    "-W",
    "ignore::DeprecationWarning",
]


class Counter:
    """pytest plugin: counts outcomes via hooks and writes them once, at the end of the session."""

    def __init__(self, fd: int | None) -> None:
        self.fd = fd  # None in the runner: only a pair's child reports
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
        if self.fd is None:
            return
        data = dict(self.counts, oom=self.oom, exitstatus=int(exitstatus))
        os.write(self.fd, json.dumps(data).encode())
        os.close(self.fd)


def landlock_scope() -> bool:
    """Landlock (ABI >= 6): this process and its children can no longer signal, nor connect to
    abstract unix sockets of, anything outside their own domain: the runner, bwrap's init.
    False where the kernel lacks it (then ``kill(getppid())`` reaches the runner, which the host
    survives by restarting it)."""
    libc = ctypes.CDLL(None, use_errno=True)
    abi = libc.syscall(LANDLOCK_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(1))
    if abi < 6:
        return False
    attr = (ctypes.c_uint64 * 3)(0, 0, LANDLOCK_SCOPE_SIGNAL | LANDLOCK_SCOPE_ABSTRACT_UNIX)
    fd = libc.syscall(
        LANDLOCK_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(24), ctypes.c_uint32(0)
    )
    if fd < 0:
        return False
    libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    ok = libc.syscall(LANDLOCK_RESTRICT_SELF, ctypes.c_int(fd), ctypes.c_uint32(0)) == 0
    os.close(fd)
    return ok


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


def child(pair: dict, pair_dir: str, cfg: dict, out_w: int, rep_w: int, server: Server) -> None:
    """In the forked child: own session, stdio to the output pipe, limits, then this pair's
    collection and test run inside the runner's warm pytest session."""
    os.setsid()
    capman = server.config.pluginmanager.get_plugin("capturemanager")
    if capman is not None:
        capman.stop_global_capturing()  # its saved fds are the runner's; start afresh below
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(out_w, 1)
    os.dup2(out_w, 2)
    os.dup2(rep_w, REPORT_FD)
    os.closerange(REPORT_FD + 1, 1 << 16)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-big file fails the write, not the run
    try:  # the kernel's OOM killer (memory cgroup) takes the pair, not the runner
        with open("/proc/self/oom_score_adj", "w") as f:
            f.write("1000")
    except OSError:
        pass
    set_limits(cfg["limits"])
    if cfg.get("landlock"):
        landlock_scope()
    os.chdir(pair_dir)
    module = pair["module"]
    if module in sys.modules:
        print(f"module name {module!r} shadows a module the runner has imported", flush=True)
        os._exit(3)
    if not compiles(module):
        os._exit(4)
    if capman is not None:
        capman.start_global_capturing()
        capman.suspend_global_capture()
    server.run_one(f"test_{module}.py")
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def compiles(module: str) -> bool:
    """Compile both files first: a syntax error is reported here, in one line, instead of by
    pytest, whose report of an import-time SyntaxError costs ~50 ms of source parsing. Either
    way the pair is an error: a code file that does not compile never passes."""
    for name in (f"{module}.py", f"test_{module}.py"):
        try:
            with open(name, "rb") as f:
                compile(f.read(), name, "exec", dont_inherit=True)
        except (SyntaxError, ValueError) as e:
            sys.stdout.write("".join(traceback.format_exception_only(type(e), e)))
            sys.stdout.write(f"ERROR {name}: does not compile\n")
            sys.stdout.flush()
            os.write(REPORT_FD, json.dumps({"collected": 0, "errors": 1}).encode())
            return False
    return True


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
    """The pair's directory: always the same path (the warm session's rootdir), freshly made."""
    pair_dir = os.path.join(root, PAIR_DIR)
    os.mkdir(pair_dir, 0o700)
    module = pair["module"]
    for name, text in ((f"{module}.py", pair["code"]), (f"test_{module}.py", pair["test"])):
        with open(os.path.join(pair_dir, name), "w", encoding="utf-8") as f:
            f.write(text)
    return pair_dir


def run_pair(pair: dict, cfg: dict, server: Server) -> dict:
    limits, root, pidns = cfg["limits"], cfg["root"], cfg["pidns"]
    wipe(root)
    pair_dir = write_pair(root, pair)
    out_r, out_w = os.pipe()
    rep_r, rep_w = os.pipe()
    sys.stdout.flush()
    t0 = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            child(pair, pair_dir, cfg, out_w, rep_w, server)
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


class Server:
    """pytest plugin for the runner's one session: its collection hook serves pairs until the
    host closes the protocol; in a pair's child it steps aside so pytest collects that pair."""

    def __init__(self, cfg: dict, counter: Counter, proto_in, proto_out) -> None:  # noqa: ANN001
        self.cfg = cfg
        self.counter = counter
        self.proto_in, self.proto_out = proto_in, proto_out
        self.config = None
        self.session = None
        self.in_pair = False

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection(self, session) -> bool | None:  # noqa: ANN001
        if self.in_pair:
            return None  # the pair's child: pytest's own collection of the pair's test file
        self.session, self.config = session, session.config
        gc.collect()
        gc.freeze()  # children need not scan (and so copy) the runner's objects
        self.send({"ready": 1})
        for line in self.proto_in:
            self.send(run_pair(json.loads(line), self.cfg, self))
        return True

    def send(self, obj: dict) -> None:
        self.proto_out.write(json.dumps(obj) + "\n")
        self.proto_out.flush()

    def run_one(self, test_file: str) -> None:
        """In the pair's child: what ``pytest.main`` does once its session has started
        (``_pytest.main.wrap_session``), for this pair's test file only."""
        session, config = self.session, self.config
        self.in_pair = True
        self.counter.fd = REPORT_FD
        config.args = [test_file]
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.pytest_sessionstart(session)  # restarts its clock; prints nothing with -q
        try:
            config.hook.pytest_collection(session=session)
            config.hook.pytest_runtestloop(session=session)
            status = pytest.ExitCode.TESTS_FAILED if session.testsfailed else pytest.ExitCode.OK
        except session.Failed:
            status = pytest.ExitCode.TESTS_FAILED
        except (KeyboardInterrupt, pytest.exit.Exception):
            status = pytest.ExitCode.INTERRUPTED
            config.hook.pytest_keyboard_interrupt(excinfo=pytest.ExceptionInfo.from_current())
        except BaseException:  # whatever the pair raised: shown, never trusted
            status = pytest.ExitCode.INTERNAL_ERROR
            traceback.print_exc()
        session.exitstatus = status
        config.hook.pytest_sessionfinish(session=session, exitstatus=status)


WARM_FILES = {
    "test_sc_warm_a.py": "def test_pass():\n    assert [1, 2] == [1, 2]\n\n"
    "def test_fail():\n    assert {'a': [1, 2]} == {'a': [1, 3]}\n",
    "test_sc_warm_b.py": "import sc_warm_bad\n",
    "sc_warm_bad.py": "def broken(:\n",
}


def warm_up(root: str) -> None:
    """One throw-away pytest session (a pass, a failure, a syntax error) in this process, so
    that what pytest imports and reads lazily is already there when pairs fork."""
    path = os.path.join(root, "warm")
    os.mkdir(path)
    for name, text in WARM_FILES.items():
        with open(os.path.join(path, name), "w") as f:
            f.write(text)
    saved_path, saved_meta = list(sys.path), list(sys.meta_path)
    saved_fds = os.dup(1), os.dup(2)
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    try:
        pytest.main([*PYTEST_ARGS, "--rootdir", path, path])
    finally:
        sys.stdout.flush()
        os.dup2(saved_fds[0], 1)
        os.dup2(saved_fds[1], 2)
        for fd in (*saved_fds, null):
            os.close(fd)
        sys.path[:], sys.meta_path[:] = saved_path, saved_meta
        for name in WARM_FILES:
            sys.modules.pop(name[:-3], None)
        wipe(root)


def main() -> None:
    # Non-dumpable: a pair (same uid) cannot open /proc/<runner>/fd/* nor ptrace the runner.
    ctypes.CDLL(None).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    # The protocol moves off fds 0/1 (pytest writes to stdout; pairs close every fd above 3).
    proto_in = os.fdopen(os.dup(0), "r", encoding="utf-8")
    proto_out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.dup2(2, 1)
    cfg = json.loads(proto_in.readline())
    if cfg["pidns"] and os.getpid() > cfg.get("max_pid", 3):
        raise SystemExit("runner: refusing to sweep with kill(-1) outside a pid namespace")
    root = cfg["root"]
    warm_up(root)
    os.mkdir(os.path.join(root, PAIR_DIR), 0o700)
    os.chdir(os.path.join(root, PAIR_DIR))
    counter = Counter(None)
    server = Server(cfg, counter, proto_in, proto_out)
    pytest.main([*PYTEST_ARGS, "--rootdir", os.getcwd(), os.getcwd()], plugins=[counter, server])
    os._exit(0)


if __name__ == "__main__":
    main()
