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
wiped (after the answer is sent), so nothing one pair leaves behind is there when the next one
starts.

Each file is compiled once per runner: a child compiles its code file and rewrites its test
file (pytest's assertion rewriting) before any of the pair's code runs, writes both as checked
hash-based pycs for its own imports and sends them to the runner, which writes them next to the
next pairs with the same file text (in a matrix every code meets every test). What a child sends
is only pytest's and the compiler's work on the text: it closes that pipe before the pair's code
is imported, and the pycs are checked against the source hash when they are loaded.
"""

from __future__ import annotations

import ctypes
import fcntl
import gc
import hashlib
import hmac
import importlib.util
import io
import json
import math
import os
import pathlib
import resource
import select
import shutil
import signal
import sys
import time
import traceback

import pytest
from _pytest.assertion import rewrite

REPORT_FD, GO_FD, CACHE_FD = 3, 4, 5  # a pair's report, its pair (from the runner), its pycs
REPORT_CAP = 65536
CACHE_CAP = 8 << 20  # one pair's pycs
CACHE_TOTAL = 64 << 20  # all of them
PYC_FLAGS = b"\x03\x00\x00\x00"  # hash-based pyc, always checked against the source
PR_SET_DUMPABLE = 4
PR_SET_NO_NEW_PRIVS = 38
LANDLOCK_CREATE_RULESET, LANDLOCK_RESTRICT_SELF = 444, 446  # same numbers on every arch
LANDLOCK_SCOPE_ABSTRACT_UNIX, LANDLOCK_SCOPE_SIGNAL = 1, 2
LIBC = ctypes.CDLL(None, use_errno=True)
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


def sign(data: dict, key: bytes) -> bytes:
    """A report the runner can check: JSON, newline, HMAC-SHA256 of the JSON under the pair's
    key. The key is made by the runner after the pair's child was forked and reaches the child
    only through its private pipe, before any of the pair's code runs, so code that writes a
    report of its own (to fd 3, say) cannot sign it."""
    payload = json.dumps(data).encode()
    return payload + b"\n" + hmac.new(key, payload, hashlib.sha256).hexdigest().encode()


def verified(buf: bytes, key: bytes) -> dict | None:
    """The report if it is signed with ``key``, else None (missing, cut or forged)."""
    payload, _, mac = buf.rpartition(b"\n")
    good = hmac.new(key, payload, hashlib.sha256).hexdigest().encode()
    if not payload or not hmac.compare_digest(mac, good):
        return None
    try:
        report = json.loads(payload)
    except ValueError:
        return None
    return report if isinstance(report, dict) else None


class Counter:
    """pytest plugin: counts outcomes via hooks and writes them once, at the end of the session."""

    def __init__(self, fd: int | None) -> None:
        self.fd = fd  # None in the runner: only a pair's child reports
        self.key = b""  # the pair's report key, set in the child
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
        os.write(self.fd, sign(data, self.key))
        os.close(self.fd)


def landlock_abi() -> int:
    return LIBC.syscall(LANDLOCK_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(1))


def landlock_scope() -> bool:
    """Landlock (ABI >= 6): this process and its children can no longer signal, nor connect to
    abstract unix sockets of, anything outside their own domain: the runner, bwrap's init.
    False where the kernel lacks it (then
    ``kill(getppid())`` reaches the runner, which the host survives by restarting it)."""
    libc = LIBC
    if landlock_abi() < 6:
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


def child(cfg: dict, fds: tuple[int, int, int, int], server: Server) -> None:
    """In a forked child: own session, stdio to the output pipe, limits, Landlock, capture. Then
    it reads its pair, checks that both files compile and runs the pair's collection and tests
    inside the runner's warm pytest session."""
    os.setsid()
    capman = server.config.pluginmanager.get_plugin("capturemanager")
    if capman is not None:
        capman.stop_global_capturing()  # its saved fds are the runner's; start afresh below
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 64) for fd in fds]  # none clobbers another below
    for fd, target in zip(high, (1, REPORT_FD, GO_FD, CACHE_FD), strict=True):
        os.dup2(fd, target)
    os.dup2(1, 2)
    os.closerange(CACHE_FD + 1, 1 << 16)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-big file fails the write, not the run
    try:  # the kernel's OOM killer (memory cgroup) takes the pair, not the runner
        with open("/proc/self/oom_score_adj", "w") as f:
            f.write("1000")
    except OSError:
        pass
    set_limits(cfg["limits"])
    if cfg.get("landlock"):
        landlock_scope()
    if capman is not None:
        capman.start_global_capturing()
        capman.suspend_global_capture()
    msg = b""
    while chunk := os.read(GO_FD, 65536):
        msg += chunk
    os.close(GO_FD)
    if not msg:
        os._exit(0)
    pair = json.loads(msg)
    server.counter.key = bytes.fromhex(pair.pop("key"))
    del msg
    os.chdir(pair["dir"])
    module = pair["module"]
    if module in sys.modules:
        print(f"module name {module!r} shadows a module the runner has imported", flush=True)
        os._exit(3)
    ok = compiles(module, pair["cached"], server.config, server.counter.key)
    os.close(CACHE_FD)  # before any of the pair's code runs: what was sent is pytest's work only
    if not ok:
        os._exit(4)
    server.run_one(f"test_{module}.py")
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def pyc_names(module: str) -> tuple[str, str]:
    """Where the import system and pytest's rewriting hook look for the two files' pycs."""
    code = importlib.util.cache_from_source(f"{module}.py")
    return code, os.path.join("__pycache__", f"test_{module}{rewrite.PYC_TAIL}")


def compiles(module: str, cached: list[bool], config, key: bytes) -> bool:  # noqa: ANN001
    """Compile both files first: a syntax error is reported here, in one line, instead of by
    pytest, whose report of an import-time SyntaxError costs ~50 ms of source parsing. Either
    way the pair is an error: a code file that does not compile never passes. The code objects
    (the test file's with pytest's assertion rewriting) are written as checked hash-based pycs,
    so that the import does not compile again, and sent to the runner, which hands them to the
    next pairs with the same file (a pair whose file was compiled before skips both steps)."""
    code_pyc, test_pyc = pyc_names(module)
    names = (f"{module}.py", f"test_{module}.py")
    for kind, name, pyc, have in zip(b"ct", names, (code_pyc, test_pyc), cached, strict=True):
        if have:
            continue
        path = os.path.join(os.getcwd(), name)
        try:
            with open(name, "rb") as f:
                source = f.read()
            if kind == ord("c"):
                co = compile(source, path, "exec", dont_inherit=True)
                source_hash = importlib.util.source_hash(source)
            else:
                source_hash, co = rewrite._rewrite_test(pathlib.Path(path), config)
        except (SyntaxError, ValueError) as e:
            sys.stdout.write("".join(traceback.format_exception_only(type(e), e)))
            sys.stdout.write(f"ERROR {name}: does not compile\n")
            sys.stdout.flush()
            os.write(REPORT_FD, sign({"collected": 0, "errors": 1}, key))
            return False
        except Exception:  # noqa: BLE001 - pytest meets it again and reports it
            continue
        buf = io.BytesIO()
        rewrite._write_pyc_fp(buf, source_hash, co)
        data = buf.getvalue()
        try:
            os.makedirs("__pycache__", exist_ok=True)
            with open(pyc, "wb") as f:
                f.write(data)
        except OSError:
            continue
        try:
            os.write(CACHE_FD, bytes([kind]) + len(data).to_bytes(4, "big"))
            with open(CACHE_FD, "wb", closefd=False) as f:
                f.write(data)
        except OSError:
            pass
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


def wait_child(kid: Kid, timeout: float, cap: int) -> tuple:
    """Pump the pipes until the child exits or the wall clock runs out."""
    out, rep, pyc = Tail(cap), Tail(REPORT_CAP), Tail(CACHE_CAP)
    fds = {kid.out: out, kid.rep: rep, kid.pyc: pyc}
    deadline = time.monotonic() + timeout
    exited = False
    while not exited:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        ready, _, _ = select.select([*fds, kid.pidfd], [], [], left)
        for fd in ready:
            if fd == kid.pidfd:
                exited = True
            elif not read_into(fd, fds[fd]):
                del fds[fd]
    return exited, out, rep, pyc, fds


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


class Kid:
    """A forked child with its pipes; it is set up (limits, Landlock, capture) before it reads
    its pair from the ``go`` pipe."""

    def __init__(self, cfg: dict, server: Server) -> None:
        out_r, out_w = os.pipe()
        rep_r, rep_w = os.pipe()
        go_r, go_w = os.pipe()
        pyc_r, pyc_w = os.pipe()
        sys.stdout.flush()
        self.pid = os.fork()
        if self.pid == 0:
            try:
                child(cfg, (out_w, rep_w, go_r, pyc_w), server)
            finally:
                os._exit(70)
        for fd in (out_w, rep_w, go_r, pyc_w):
            os.close(fd)
        self.out, self.rep, self.go, self.pyc = out_r, rep_r, go_w, pyc_r
        self.pidfd = os.pidfd_open(self.pid)

    def start(self, msg: dict) -> None:
        try:
            os.write(self.go, json.dumps(msg).encode())  # far below the pipe's buffer
        except OSError:
            pass  # it died: its pair reads as such
        os.close(self.go)
        self.go = -1

    def close(self) -> None:
        for fd in (self.out, self.rep, self.go, self.pyc, self.pidfd):
            if fd >= 0:
                os.close(fd)


class PycCache:
    """pycs the pairs' children made from the files, keyed by file text: every code meets every
    test in a matrix, so each file after its first pair is neither compiled nor rewritten."""

    def __init__(self) -> None:
        self.data: dict[tuple[str, str], bytes] = {}
        self.size = 0

    def keys(self, pair: dict) -> tuple[tuple[str, str], tuple[str, str]]:
        return (pair["module"], "c" + pair["code"]), (pair["module"], "t" + pair["test"])

    def write(self, pair_dir: str, pair: dict) -> list[bool]:
        have = []
        for key, name in zip(self.keys(pair), pyc_names(pair["module"]), strict=True):
            data = self.data.get(key)
            if data is not None:
                os.makedirs(os.path.join(pair_dir, "__pycache__"), exist_ok=True)
                with open(os.path.join(pair_dir, name), "wb") as f:
                    f.write(data)
            have.append(data is not None)
        return have

    def learn(self, pair: dict, have: list[bool], sent: Tail) -> None:
        """Take what the child sent (before its pair's code could run), if it is whole."""
        if sent.total != len(sent.buf):
            return
        buf, pos, got = bytes(sent.buf), 0, {}
        while pos + 5 <= len(buf):
            kind, size = chr(buf[pos]), int.from_bytes(buf[pos + 1 : pos + 5], "big")
            data = buf[pos + 5 : pos + 5 + size]
            if kind not in "ct" or len(data) != size:
                return
            got[kind] = data
            pos += 5 + size
        if pos != len(buf):
            return
        for key, had in zip(self.keys(pair), have, strict=True):
            data = got.get(key[1][0])
            if data is None or had:
                continue
            if self.size + len(data) > CACHE_TOTAL:
                self.data.clear()
                self.size = 0
            self.data[key] = data
            self.size += len(data)


def write_pair(root: str, pair: dict) -> str:
    """The pair's directory: always the same path (the warm session's rootdir), freshly made."""
    pair_dir = os.path.join(root, PAIR_DIR)
    os.mkdir(pair_dir, 0o700)
    module = pair["module"]
    for name, text in ((f"{module}.py", pair["code"]), (f"test_{module}.py", pair["test"])):
        with open(os.path.join(pair_dir, name), "w", encoding="utf-8") as f:
            f.write(text)
    return pair_dir


def run_pair(pair: dict, server: Server) -> dict:
    cfg, cache = server.cfg, server.cache
    limits, root, pidns = cfg["limits"], cfg["root"], cfg["pidns"]
    wipe(root)  # normally empty: the previous pair's files went right after its result
    pair_dir = write_pair(root, pair)
    have = cache.write(pair_dir, pair)
    t0 = time.monotonic()
    kid = Kid(cfg, server)
    key = os.urandom(32)  # made after the fork: the child's memory never held it before
    kid.start({"module": pair["module"], "dir": pair_dir, "cached": have, "key": key.hex()})
    exited, out, rep, pyc, fds = wait_child(kid, limits["timeout_s"], limits["output_bytes"])
    status = sweep(kid.pid, pidns)
    duration = time.monotonic() - t0
    drain(fds)
    kid.close()
    cache.learn(pair, have, pyc)
    return raw_result(pair["id"], status, not exited, verified(bytes(rep.buf), key), out, duration)


def raw_result(
    pair_id: str, status: int, timed_out: bool, report: dict | None, out: Tail, dur: float
) -> dict:
    return {
        "id": pair_id,
        "exit": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
        "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        "timeout": timed_out,
        "report": report,
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
        self.cache = PycCache()

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection(self, session) -> bool | None:  # noqa: ANN001
        if self.in_pair:
            return None  # the pair's child: pytest's own collection of the pair's test file
        self.session, self.config = session, session.config
        gc.collect()
        gc.freeze()  # children need not scan (and so copy) the runner's objects
        self.send({"ready": 1})
        for line in self.proto_in:
            self.send(run_pair(json.loads(line), self))
            wipe(self.cfg["root"])  # after the answer: the host need not wait for it
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
