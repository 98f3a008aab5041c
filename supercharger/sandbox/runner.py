"""The warm runner: runs INSIDE the sandbox, started as ``python -I -B -c <this file>``.

It needs only the standard library and pytest, and never imports supercharger. Protocol
(one JSON object per line): the host writes a config line, the runner answers ``{"ready": 1}``;
then the host writes one unit at a time, ``{"module", "code", "pairs": [{"id", "test"}, ...]}``
(pairs that share their code), and the runner answers every pair of it, in order, with one raw
result (exit code, signal, timeout flag, the counting plugin's report, output tail, whether the
sandbox's memory cgroup killed a process meanwhile). A ``{"tick": ...}`` line in between says the
runner starts over on a pair (the host restarts its deadline). The host turns raw results into
verdicts.

Speed without sharing between codes: the runner configures ONE pytest session (plugins
registered, fixtures parsed: ~90 % of a ``pytest.main``) and serves units from inside its
collection hook. Pairs run one at a time, in the same fresh directory, under rlimits and a wall
clock; before every pair the scratch root is wiped and only that pair's two files are there.

* A unit of one pair (or a module name the runner itself has imported, or no pid namespace to
  sweep in) runs pair by pair, each in its own child forked from that session: the child
  collects and runs only its own test file, reports through the counting plugin and exits, so
  nothing it does in memory outlives it; afterwards every leftover process is killed.
* A unit of several pairs runs in ONE child forked for the unit (a group child). It compiles
  the unit's files first, before any of its code runs; then, for each pair, it runs that pair's
  test file and puts the interpreter back as it was right after the fork (``sys.modules``, so
  that the code module and the test module are imported afresh, ``sys.path``, builtins,
  environment, signal handlers, warnings filters, the pytest session's own state), with one
  signed report per pair. After each pair the runner checks that it left no thread and no
  process behind (else the group child is retired and the next pair gets a new one). If the
  group child dies while running pair k (or pair k's end is not exactly its signed report),
  the pairs before keep their verdicts and pair k runs again, alone, in a child of its own
  (what killed the group child may be left over from an earlier pair), unless pair k was the
  first that child ran, whose death is its own; a hang is pair k's TIMEOUT (its clock started
  with it); a report already there stands. The rest go on in a new group child.

Each file is compiled once per runner: a child compiles the code file and rewrites the test
files (pytest's assertion rewriting) before any of its pairs' code runs and sends the checked
hash-based pycs to the runner, which writes them next to every later pair with the same file
text (in a matrix every code meets every test). What a child sends is only pytest's and the
compiler's work on the text: it closes that pipe before any pair's code is imported, and the
pycs are checked against the source hash when they are loaded.
"""

from __future__ import annotations

import ast
import builtins
import collections
import ctypes
import fcntl
import gc
import hashlib
import hmac
import importlib
import importlib.util
import io
import json
import logging
import math
import os
import resource
import select
import shutil
import signal
import sys
import time
import traceback
import warnings

import pytest
from _pytest.assertion import rewrite

REPORT_FD, GO_FD, CACHE_FD = 3, 4, 5  # a pair's report, its pair (from the runner), its pycs
REPORT_CAP = 65536
CACHE_CAP = 8 << 20  # one child's pycs
CACHE_TOTAL = 64 << 20  # all of them
PYC_FLAGS = b"\x03\x00\x00\x00"  # hash-based pyc, always checked against the source
PR_SET_DUMPABLE = 4
PR_SET_NO_NEW_PRIVS = 38
LANDLOCK_CREATE_RULESET, LANDLOCK_RESTRICT_SELF = 444, 446  # same numbers on every arch
LANDLOCK_SCOPE_ABSTRACT_UNIX, LANDLOCK_SCOPE_SIGNAL = 1, 2
LIBC = ctypes.CDLL(None, use_errno=True)
PAIR_DIR = "pair"
LIMITS = (
    resource.RLIMIT_AS,
    resource.RLIMIT_FSIZE,
    resource.RLIMIT_NOFILE,
    resource.RLIMIT_NPROC,
    resource.RLIMIT_CORE,
    resource.RLIMIT_CPU,
)
END = b"\nEND "  # a group child's end of a pair: END, then "0" (go on) or "1" (retire me), "\n"
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


# What writes and signs a report, fixed when the runner starts: C functions and byte tables,
# so a pair that patches ``json``, ``hmac`` or ``os`` cannot change a report or its signature.
_SHA256 = hashlib.sha256
_WRITE = os.write
_IPAD = bytes(b ^ 0x36 for b in range(256))
_OPAD = bytes(b ^ 0x5C for b in range(256))
_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_. ,()<>-")


def sign(data: dict, key: bytes) -> bytes:
    """A report the runner can check: JSON, newline, HMAC-SHA256 of the JSON under the pair's
    key. The key is made by the runner after the pair's child was forked and reaches the child
    only through its private pipe, before any of the pair's code runs, so code that writes a
    report of its own (to fd 3, say) cannot sign it."""
    payload = _report_json(data).encode()
    return payload + b"\n" + _hmac_sha256(key, payload)


def _hmac_sha256(key: bytes, msg: bytes) -> bytes:
    """HMAC-SHA256 (RFC 2104) in hex: what ``hmac.new(key, msg, sha256).hexdigest()`` gives."""
    if len(key) > 64:
        key = _SHA256(key).digest()
    key = key.ljust(64, b"\0")
    inner = _SHA256(key.translate(_IPAD) + msg).digest()
    return _SHA256(key.translate(_OPAD) + inner).hexdigest().encode()


def _report_json(data: dict) -> str:
    """A report as JSON: counts (ints), flags (bools) and lists of names (kept to ``_SAFE``)."""
    items = []
    for name, value in data.items():
        if value is True or value is False:
            text = "true" if value else "false"
        elif value.__class__ is list:
            names = ("".join(c for c in str(v) if c in _SAFE) for v in value)
            text = "[" + ", ".join(f'"{n}"' for n in names) + "]"
        else:
            text = f"{value:d}"
        items.append(f'"{name}": {text}')
    return "{" + ", ".join(items) + "}"


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
    """pytest plugin: counts outcomes via hooks and writes them once, at the end of the session
    (a group child's pair: keeps the signed report for its end-of-pair line)."""

    def __init__(self, fd: int | None) -> None:
        self.fd = fd  # None in the runner: only a pair's child reports
        self.key = b""  # the pair's report key, set in the child
        self.keep = False  # group child: keep the report in ``signed`` instead of writing it
        self.guard: Guard | None = None  # taken in the warm session, before any pair
        self.reset()

    def reset(self) -> None:
        self.counts = {"collected": 0, "passed": 0, "failed": 0, "errors": 0, "skipped": 0}
        self.oom = False
        self.signed = b""
        self.raised: set[str] = set()  # tests whose call raised (they cannot have passed)
        self.forged = 0
        self.tampered: list[str] = []  # what the guard found changed (checked on a pass)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item):  # noqa: ANN001, ANN201
        """Sees the test function raise, whatever the report made of it later says."""
        try:
            return (yield)
        except BaseException:
            self.raised.add(item.nodeid)
            raise

    def pytest_collectreport(self, report) -> None:  # noqa: ANN001
        if report.failed:
            self.counts["errors"] += 1

    def pytest_collection_finish(self, session) -> None:  # noqa: ANN001
        self.counts["collected"] = len(session.items)

    def pytest_runtest_logreport(self, report) -> None:  # noqa: ANN001
        if report.when == "call":
            if report.passed and report.nodeid in self.raised:
                self.forged += 1  # a test that raised reported as passed
                self.counts["errors"] += 1
            elif report.passed and not hasattr(report, "wasxfail"):
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
        counts = self.counts
        passing = counts["collected"] > 0 and counts["passed"] == counts["collected"]
        # Only a pass can be forged; the check reads ~1000 objects, which in a forked child
        # copies their pages (reference counts), so a pair that fails is not checked.
        if passing and self.guard is not None:
            self.tampered = self.guard.changed()
        if self.forged:
            self.tampered.append("a test that raised was reported as passed")
        if self.tampered:
            data["tampered"] = self.tampered[:8]
        if self.keep:
            self.signed = sign(data, self.key)
            return
        _WRITE(self.fd, sign(data, self.key))
        os.close(self.fd)


# What a pair could patch to forge its own verdict (see ``Guard``): pytest's running and
# reporting code, pluggy's hook calls, the builtins ``Counter`` counts with. (What writes and
# signs the report uses nothing a pair can patch: see ``sign``.)
GUARDED_MODULES = (
    "_pytest.runner",
    "_pytest.reports",
    "_pytest.python",
    "_pytest.main",
    "_pytest.nodes",
    "_pytest.skipping",
    "_pytest.outcomes",
    "_pytest.unittest",
    "pluggy._callers",
    "pluggy._hooks",
    "pluggy._manager",
    "pluggy._result",
)
GUARDED_NAMES = {
    "builtins": (
        "bool",
        "bytes",
        "dict",
        "getattr",
        "hasattr",
        "int",
        "isinstance",
        "len",
        "str",
        "type",
    ),
}


class Guard:
    """Forgery check: a pair that patches pytest or pluggy (a report's outcome, ``runtest``,
    ``CallInfo``, a function's ``__code__``, an extra hook implementation or plugin) could make
    a failing test pass. Taken in the warm session, before any pair's code runs: the functions,
    classes, methods and code objects of ``GUARDED_MODULES`` (and ``GUARDED_NAMES``), the
    runner's own code, the registered plugins and each hook's implementations. ``changed``
    names what is no longer the same object; such a pair's verdict is ERROR. Code that finds and
    rewrites this guard itself is not stopped (see docs/sandbox.md, "In-process forgery")."""

    def __init__(self, pm, extra: dict) -> None:  # noqa: ANN001
        self.pm = pm
        self.entries: list[tuple[dict, str, object]] = []  # (namespace, name, what it held)
        self.codes: list[tuple[object, object]] = []  # (function, the code object it ran)
        for modname in GUARDED_MODULES:
            try:
                module = sys.modules.get(modname) or importlib.import_module(modname)
            except ImportError:  # e.g. no _hashlib (no OpenSSL): nothing of it to patch
                continue
            self._namespace(vars(module), modname)
        for modname, names in GUARDED_NAMES.items():
            space = vars(sys.modules[modname])
            for name in names:
                if name in space:
                    self._add(space, name, space[name])
        self._namespace(extra, extra.get("__name__", "__main__"))
        self.plugins = self._plugins()
        self.hooks = self._hooks()
        self.inner = getattr(pm, "_inner_hookexec", None)

    def _namespace(self, space: dict, modname: str) -> None:
        """Every callable a module (or the runner) holds, and the members of its own classes."""
        for name, value in list(space.items()):
            if not callable(value):
                continue
            self._add(space, name, value)
            if isinstance(value, type) and value.__module__ == modname:
                for attr, member in list(vars(value).items()):
                    if callable(member) or isinstance(
                        member, (classmethod, staticmethod, property)
                    ):
                        self._add(vars(value), attr, member)

    def _add(self, space: dict, name: str, value: object) -> None:
        self.entries.append((space, name, value))
        if isinstance(value, property):
            parts: tuple = (value.fget, value.fset, value.fdel)
        else:
            parts = (getattr(value, "__func__", value),)
        for part in parts:
            code = getattr(part, "__code__", None)
            if code is not None:
                self.codes.append((part, code))

    def _plugins(self) -> list[int]:
        return [id(plugin) for plugin in self.pm.get_plugins()]

    def _hooks(self) -> dict[str, list[int]]:
        return {
            name: [id(impl) for impl in caller.get_hookimpls()]
            for name, caller in vars(self.pm.hook).items()
            if hasattr(caller, "get_hookimpls")
        }

    def changed(self) -> list[str]:
        """What a pair changed of what it could forge a verdict with (empty: nothing)."""
        out = [name for space, name, value in self.entries if space.get(name) is not value]
        out += [getattr(f, "__qualname__", "?") for f, code in self.codes if f.__code__ is not code]
        if self._plugins() != self.plugins:
            out.append("plugins")
        if self._hooks() != self.hooks:
            out.append("hook implementations")
        if getattr(self.pm, "_inner_hookexec", None) is not self.inner:
            out.append("_inner_hookexec")
        return out


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


def child_setup(cfg: dict, fds: tuple[int, int, int, int], server: Server) -> None:
    """In a forked child, before it reads anything from the runner: own session, stdio to the
    output pipe, limits, Landlock, capture."""
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


def child(cfg: dict, fds: tuple[int, int, int, int], server: Server) -> None:
    """A pair's own child: it reads its pair, checks that both files compile and runs the
    pair's collection and tests inside the runner's warm pytest session."""
    child_setup(cfg, fds, server)
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


class Lines:
    """Lines from the runner on the group child's ``go`` pipe."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buf = b""

    def next(self) -> bytes | None:
        chunks = [self.buf]
        while b"\n" not in chunks[-1]:
            chunk = os.read(self.fd, 1 << 20)
            if not chunk:
                return None
            chunks.append(chunk)
        line, _, self.buf = b"".join(chunks).partition(b"\n")
        return line


def group_child(cfg: dict, fds: tuple[int, int, int, int], server: Server) -> None:
    """A unit's group child: compiles the unit's files (before any of its code runs), then
    runs the pairs the runner hands it one by one, each from the state right after the fork
    (put back after every pair), and ends each with its signed report and an end mark on the
    report pipe."""
    child_setup(cfg, fds, server)
    lines = Lines(GO_FD)
    line = lines.next()
    if line is None:
        os._exit(0)
    unit = json.loads(line)
    del line
    module, pair_dir = unit["module"], unit["dir"]
    bad = compile_unit(module, pair_dir, unit["code"], unit["tests"], server.config)
    os.close(CACHE_FD)  # before any pair's code runs: what was sent is pytest's work only
    del unit
    counter = server.counter
    counter.keep = True
    fresh = Fresh(server)  # the state every pair starts from
    while (line := lines.next()) is not None:
        msg = json.loads(line)
        del line
        counter.reset()
        counter.key = bytes.fromhex(msg.pop("key"))
        os.chdir(pair_dir)
        err = bad.get("c") or bad.get(msg["t"])
        if err is not None:
            sys.stdout.write(err)
            counter.signed = sign({"collected": 0, "errors": 1}, counter.key)
        else:
            server.run_one(f"test_{module}.py")
        flush()
        os.write(REPORT_FD, b"\n" + counter.signed)  # the pair's verdict, whatever comes next
        # put the state back now, before the end mark: the runner's check for leftovers comes
        # after it, and no alarm, timer or finalizer of this pair runs once the next pair's
        # files are there; a pair whose leftovers break the restore retires the child
        try:
            fresh.restore()
            gc.collect()
            last = fresh.spoilt()
        except BaseException:  # noqa: BLE001
            last = True
        flush()
        os.write(REPORT_FD, END + (b"1\n" if last else b"0\n"))
    os._exit(0)


def flush() -> None:
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            stream.flush()  # type: ignore[union-attr]
        except (OSError, ValueError, AttributeError):
            pass


def pyc_names(module: str) -> tuple[str, str]:
    """Where the import system and pytest's rewriting hook look for the two files' pycs."""
    code = importlib.util.cache_from_source(f"{module}.py")
    return code, os.path.join("__pycache__", f"test_{module}{rewrite.PYC_TAIL}")


def compile_source(kind: str, path: str, source: bytes, config) -> tuple[bytes | None, str]:  # noqa: ANN001
    """A checked hash-based pyc of ``source`` (the code as is, a test file with pytest's
    assertion rewriting, as ``_pytest.assertion.rewrite._rewrite_test`` does it), or the error
    text if it does not compile (``(None, "")``: another error, which pytest meets again)."""
    try:
        if kind == "c":
            co = compile(source, path, "exec", dont_inherit=True)
        else:
            tree = ast.parse(source, filename=path)
            rewrite.rewrite_asserts(tree, source, path, config)
            co = compile(tree, path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as e:
        text = "".join(traceback.format_exception_only(type(e), e))
        return None, f"{text}ERROR {os.path.basename(path)}: does not compile\n"
    except Exception:  # noqa: BLE001 - pytest meets it again and reports it
        return None, ""
    buf = io.BytesIO()
    rewrite._write_pyc_fp(buf, importlib.util.source_hash(source), co)
    return buf.getvalue(), ""


def compiles(module: str, cached: list[bool], config, key: bytes) -> bool:  # noqa: ANN001
    """Compile both files first: a syntax error is reported here, in one line, instead of by
    pytest, whose report of an import-time SyntaxError costs ~50 ms of source parsing. Either
    way the pair is an error: a code file that does not compile never passes. The code objects
    (the test file's with pytest's assertion rewriting) are written as checked hash-based pycs,
    so that the import does not compile again, and sent to the runner, which hands them to the
    next pairs with the same file (a pair whose file was compiled before skips both steps)."""
    code_pyc, test_pyc = pyc_names(module)
    names = (f"{module}.py", f"test_{module}.py")
    for kind, name, pyc, have in zip("ct", names, (code_pyc, test_pyc), cached, strict=True):
        if have:
            continue
        try:
            with open(name, "rb") as f:
                source = f.read()
        except OSError:
            continue
        data, err = compile_source(kind, os.path.join(os.getcwd(), name), source, config)
        if err:
            sys.stdout.write(err)
            sys.stdout.flush()
            os.write(REPORT_FD, sign({"collected": 0, "errors": 1}, key))
            return False
        if data is None:
            continue
        try:
            os.makedirs("__pycache__", exist_ok=True)
            with open(pyc, "wb") as f:
                f.write(data)
        except OSError:
            continue
        send_pyc(kind, 0, data)
    return True


def send_pyc(kind: str, index: int, data: bytes) -> None:
    """One pyc to the runner: kind (c/t), the test's index in the unit, length, bytes."""
    try:
        os.write(CACHE_FD, kind.encode() + index.to_bytes(4, "big") + len(data).to_bytes(4, "big"))
        with open(CACHE_FD, "wb", closefd=False) as f:
            f.write(data)
    except OSError:
        pass


def compile_unit(module: str, pair_dir: str, code: str | None, tests: list[str], config) -> dict:  # noqa: ANN001
    """The group child's first step: compile what the runner has no pyc of yet (``code``
    unless None, every text in ``tests``) and send the pycs. Returns the error text of what does
    not compile: ``"c"`` for the code, the test's index for a test."""
    bad: dict = {}
    todo = [("c", 0, code)] if code is not None else []
    todo += [("t", i, text) for i, text in enumerate(tests)]
    for kind, index, text in todo:
        name = f"{module}.py" if kind == "c" else f"test_{module}.py"
        try:
            source = text.encode("utf-8")
        except UnicodeError:
            continue
        data, err = compile_source(kind, os.path.join(pair_dir, name), source, config)
        if err:
            bad["c" if kind == "c" else index] = err
        elif data is not None:
            send_pyc(kind, index, data)
    return bad


CONTAINERS = {dict, list, set, collections.deque, collections.defaultdict, collections.OrderedDict}


def copied(value: object, depth: int = 4) -> object:
    """A copy of the containers in ``value`` (dicts, lists, sets, deques, ``depth`` levels
    down); whatever else they hold is shared."""
    kind = type(value)
    if depth == 0 or kind not in CONTAINERS:
        return value
    if kind is list:
        return [copied(v, depth - 1) if type(v) in CONTAINERS else v for v in value]  # type: ignore[attr-defined]
    if kind is set:
        return set(value)  # type: ignore[call-overload]
    if kind is collections.deque:
        return collections.deque(value, value.maxlen)  # type: ignore[attr-defined]
    out = value.copy()  # type: ignore[attr-defined]
    for k, v in out.items():
        if type(v) in CONTAINERS:
            out[k] = copied(v, depth - 1)
    return out


def put_back(target: dict, saved: dict, depth: int = 0) -> None:
    """Make ``target`` hold exactly ``saved`` again (in place), with fresh copies of the
    containers in it ``depth`` levels down (``copied``)."""
    for key in [k for k in target if k not in saved]:
        del target[key]
    for key, value in saved.items():
        if depth and type(value) in CONTAINERS:
            target[key] = copied(value, depth)
        elif target.get(key, target) is not value:
            target[key] = value


class Fresh:
    """The group child's state before its first pair, which every pair starts from again: the
    pytest session's objects, ``sys`` (modules, import path and hooks, attributes, trace and
    profile functions, limits), builtins, environment, umask, signal handlers, mask and timers,
    warnings filters, logging, the random generator, the source-line caches. What is not put
    back (what a pair changed inside modules the runner had imported, in classes, in the
    interpreter) is listed in docs/sandbox.md; ``spoilt`` tells the runner to retire the child
    after a pair that left what it can see but not put back."""

    def __init__(self, server: Server) -> None:
        config, session = server.config, server.session
        self.pm = config.pluginmanager
        self.counter = server.counter
        objects: list = [session, config, config.option]
        objects += [getattr(s, "_storage", None) for s in (config.stash, session.stash)]
        objects += [getattr(session, n, None) for n in ("_setupstate", "_fixturemanager")]
        objects.append(getattr(config, "_tmp_path_factory", None))
        objects.append(self.pm.get_plugin("terminalreporter"))
        objects.append(getattr(self.pm, "rewrite_hook", None))  # pytest's import hook
        # caches keyed by file name: the pair dir's files have the same names in every pair
        linecache, inspect = sys.modules.get("linecache"), sys.modules.get("inspect")
        objects.append(getattr(linecache, "cache", None))
        objects += [getattr(inspect, n, None) for n in ("modulesbyfile", "_filesbymodname")]
        dicts = [o if isinstance(o, dict) else getattr(o, "__dict__", None) for o in objects]
        saved = [(d, copied(d)) for d in dicts if isinstance(d, dict)]
        self.dicts = [(d, copy) for d, copy in saved if isinstance(copy, dict)]  # all of them
        self.sys = dict(vars(sys))  # hooks, sys.last_* (a failure's traceback), std streams
        self.trace = sys.gettrace(), sys.getprofile()
        self.switch = sys.getswitchinterval()
        digits = getattr(sys, "get_int_max_str_digits", None)
        self.digits = digits() if digits is not None else None
        self.sigmask = signal.pthread_sigmask(signal.SIG_BLOCK, [])
        self.modules = dict(sys.modules)
        self.path = list(sys.path)
        self.meta_path = list(sys.meta_path)
        self.path_hooks = list(sys.path_hooks)
        self.importers = dict(sys.path_importer_cache)
        self.builtins = dict(builtins.__dict__)
        self.environ = dict(os.environ)
        self.umask = os.umask(0o077)
        os.umask(self.umask)
        self.recursion = sys.getrecursionlimit()
        self.signals = {}
        for sig in signal.valid_signals():
            try:
                handler = signal.getsignal(sig)
            except (ValueError, OSError):
                continue
            if handler is not None:
                self.signals[sig] = handler
        self.warnings = list(warnings.filters)
        root = logging.getLogger()
        self.logging = (root.level, list(root.handlers), logging.root.manager.disable)
        self.loggers = dict(logging.root.manager.loggerDict)
        self.gc = gc.isenabled()
        self.limits = {r: resource.getrlimit(r) for r in LIMITS}
        self.plugins = self.plugin_ids()
        self.fds = len(os.listdir("/proc/self/fd"))

    def plugin_ids(self) -> list[tuple[str, int]]:
        return [(name, id(plugin)) for name, plugin in self.pm.list_name_plugin()]

    def restore(self) -> None:
        put_back(vars(sys), self.sys)  # type: ignore[arg-type]
        sys.settrace(self.trace[0])
        sys.setprofile(self.trace[1])
        sys.setswitchinterval(self.switch)
        if self.digits is not None:
            sys.set_int_max_str_digits(self.digits)
        put_back(sys.modules, self.modules)
        sys.path[:] = self.path
        sys.meta_path[:] = self.meta_path
        sys.path_hooks[:] = self.path_hooks
        put_back(sys.path_importer_cache, self.importers)
        importlib.invalidate_caches()  # the pair dir's listing is a new one
        put_back(builtins.__dict__, self.builtins)
        if dict(os.environ) != self.environ:
            os.environ.clear()
            os.environ.update(self.environ)
        os.umask(self.umask)
        sys.setrecursionlimit(self.recursion)
        signal.pthread_sigmask(signal.SIG_SETMASK, self.sigmask)
        signal.alarm(0)
        for timer in (signal.ITIMER_REAL, signal.ITIMER_VIRTUAL, signal.ITIMER_PROF):
            signal.setitimer(timer, 0)
        for sig, handler in self.signals.items():
            if signal.getsignal(sig) is not handler:
                try:
                    signal.signal(sig, handler)
                except (ValueError, OSError, TypeError):
                    pass
        warnings.filters[:] = self.warnings
        mutated = getattr(warnings, "_filters_mutated", None)
        if mutated is not None:
            mutated()
        root = logging.getLogger()
        root.setLevel(self.logging[0])
        root.handlers[:] = self.logging[1]
        logging.disable(self.logging[2])
        put_back(logging.root.manager.loggerDict, self.loggers)
        if self.gc:
            gc.enable()
        random = sys.modules.get("random")
        if random is not None:
            random.seed()  # type: ignore[attr-defined]
        for target, saved in self.dicts:
            put_back(target, saved, 3)

    def spoilt(self) -> bool:
        """Whether the pair left what no restore undoes: a thread, lower rlimits, a plugin, open
        files (an fd limit the next pair would hit)."""
        try:
            if len(os.listdir("/proc/self/task")) != 1:
                return True
            if len(os.listdir("/proc/self/fd")) > self.fds:
                return True
        except OSError:
            return True
        if any(resource.getrlimit(r) != v for r, v in self.limits.items()):
            return True
        if self.counter.tampered:  # pytest's own code patched: not put back
            return True
        return self.plugin_ids() != self.plugins


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
    its pair (``child``) or its unit (``group_child``) from the ``go`` pipe."""

    def __init__(self, cfg: dict, server: Server, target=child) -> None:  # noqa: ANN001
        out_r, out_w = os.pipe()
        rep_r, rep_w = os.pipe()
        go_r, go_w = os.pipe()
        pyc_r, pyc_w = os.pipe()
        sys.stdout.flush()
        self.pid = os.fork()
        if self.pid == 0:
            try:
                target(cfg, (out_w, rep_w, go_r, pyc_w), server)
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

    def send(self, msg: dict, deadline: float) -> bool:
        """One line to a group child, which reads them as it goes; False if it cannot take it
        (it died, or does not read) before the deadline."""
        data = json.dumps(msg).encode() + b"\n"
        os.set_blocking(self.go, False)
        while data:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([], [self.go], [], left)[1]:
                return False
            try:
                data = data[os.write(self.go, data[:65536]) :]
            except BlockingIOError:
                continue
            except OSError:
                return False
        return True

    def close(self) -> None:
        for fd in (self.out, self.rep, self.go, self.pyc, self.pidfd):
            if fd >= 0:
                os.close(fd)


class Pump:
    """A group child's pipes, read as they come: its output and report for the pair it runs
    now, the pycs it sends before its first pair."""

    def __init__(self, kid: Kid, cap: int) -> None:
        self.kid, self.cap = kid, cap
        self.out, self.rep, self.pyc = Tail(cap), Tail(REPORT_CAP), Tail(CACHE_CAP)
        self.open = [kid.out, kid.rep, kid.pyc]
        self.exited = False
        for fd in self.open:
            os.set_blocking(fd, False)

    def next_pair(self) -> None:
        self.out, self.rep = Tail(self.cap), Tail(REPORT_CAP)

    def sink(self, fd: int) -> Tail:
        return self.out if fd == self.kid.out else self.rep if fd == self.kid.rep else self.pyc

    def read(self, fd: int) -> int:
        """Read what is there (one read); returns how many bytes came, -1 on EOF."""
        sink = self.sink(fd)
        before = sink.total
        if not read_into(fd, sink):
            self.open.remove(fd)
            return -1
        return sink.total - before

    def until(self, deadline: float, done) -> str:  # noqa: ANN001
        """Read until ``done()`` ("done"), the child's exit ("exit") or the deadline."""
        while not done():
            if self.exited:
                return "exit"
            left = deadline - time.monotonic()
            if left <= 0:
                return "timeout"
            ready = select.select([*self.open, self.kid.pidfd], [], [], left)[0]
            for fd in ready:
                if fd == self.kid.pidfd:
                    self.exited = True
                else:
                    self.read(fd)
            if self.exited:
                self.drain()  # what it wrote before it exited
        return "done"

    def gone(self) -> bool:
        """Whether the child has exited (without waiting)."""
        self.exited = self.exited or bool(select.select([self.kid.pidfd], [], [], 0)[0])
        return self.exited

    def drain(self) -> None:
        """Take what is in the pipes now, without waiting for more."""
        for fd in list(self.open):
            for _ in range(256):
                if self.read(fd) <= 0:
                    break

    def ended(self) -> bool:
        """Whether the report pipe holds an end mark (the child's, or one the pair forged)."""
        at = self.rep.buf.find(END)
        return at >= 0 and len(self.rep.buf) >= at + len(END) + 2

    def end(self, key: bytes) -> tuple[dict | None, bool]:
        """The pair's report, if what came before the first end mark (or, with none, all that
        came) is exactly one report signed with ``key`` (anything else a pair wrote to the
        pipe spoils it: None), and whether the child can go on (an end mark saying so)."""
        buf = bytes(self.rep.buf)
        at = buf.find(END)
        flag = buf[at + len(END) : at + len(END) + 2] if at >= 0 else b""
        if self.rep.total != len(buf) or not buf.startswith(b"\n"):
            return None, False
        return verified(buf[1 : at if at >= 0 else len(buf)], key), flag == b"0\n"


def pids() -> set[int]:
    return {int(name) for name in os.listdir("/proc") if name.isdigit()}


def leftovers(pid: int, base: set[int]) -> bool:
    """Whether a group child has a thread besides its own, or the sandbox a process besides it,
    the runner and what was there before (seen from outside the child)."""
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(b"Threads:"):
                    if int(line.split()[1]) != 1:
                        return True
                    break
        return bool(pids() - base - {pid})
    except (OSError, ValueError, IndexError):
        return True


def oom_kills(fd: int | None) -> int | None:
    """The sandbox's memory cgroup's OOM-kill count (an fd the host passed in), if it has one."""
    if fd is None:
        return None
    try:
        text = os.pread(fd, 4096, 0)
    except OSError:
        return None
    for line in text.split(b"\n"):
        key, _, value = line.partition(b" ")
        if key == b"oom_kill" and value.isdigit():
            return int(value)
    return None


def oom_since(fd: int | None, before: int | None) -> bool | None:
    after = oom_kills(fd)
    return None if before is None or after is None else after > before


class PycCache:
    """pycs the children made from the files, keyed by file text: every code meets every test
    in a matrix, so each file after its first pair is neither compiled nor rewritten."""

    def __init__(self) -> None:
        self.data: dict[tuple[str, str], bytes] = {}
        self.size = 0

    @staticmethod
    def key(module: str, kind: str, text: str) -> tuple[str, str]:
        return module, kind + text

    def keys(self, pair: dict) -> tuple[tuple[str, str], tuple[str, str]]:
        m = pair["module"]
        return self.key(m, "c", pair["code"]), self.key(m, "t", pair["test"])

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

    @staticmethod
    def frames(sent: Tail) -> list[tuple[str, int, bytes]]:
        """What a child sent (before any of its pairs' code could run), if it is whole."""
        if sent.total != len(sent.buf):
            return []
        buf, pos, got = bytes(sent.buf), 0, []
        while pos + 9 <= len(buf):
            kind = chr(buf[pos])
            index = int.from_bytes(buf[pos + 1 : pos + 5], "big")
            size = int.from_bytes(buf[pos + 5 : pos + 9], "big")
            data = buf[pos + 9 : pos + 9 + size]
            if kind not in "ct" or len(data) != size:
                return []
            got.append((kind, index, data))
            pos += 9 + size
        return got if pos == len(buf) else []

    def store(self, key: tuple[str, str], data: bytes) -> None:
        if key in self.data:
            return
        if self.size + len(data) > CACHE_TOTAL:
            self.data.clear()
            self.size = 0
        self.data[key] = data
        self.size += len(data)

    def learn(self, pair: dict, have: list[bool], sent: Tail) -> None:
        """Take what a pair's own child sent."""
        keys = dict(zip("ct", self.keys(pair), strict=True))
        had = dict(zip("ct", have, strict=True))
        for kind, _, data in self.frames(sent):
            if not had[kind]:
                self.store(keys[kind], data)

    def learn_unit(self, module: str, code: str | None, tests: list[str], sent: Tail) -> None:
        """Take what a group child sent: the pycs of ``code`` and of ``tests`` (by index)."""
        for kind, index, data in self.frames(sent):
            if kind == "c" and code is not None:
                self.store(self.key(module, "c", code), data)
            elif kind == "t" and index < len(tests):
                self.store(self.key(module, "t", tests[index]), data)


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
    """One pair in a child of its own."""
    cfg, cache = server.cfg, server.cache
    limits, root, pidns = cfg["limits"], cfg["root"], cfg["pidns"]
    wipe(root)  # normally empty: the previous pair's files went right after its result
    pair_dir = write_pair(root, pair)
    have = cache.write(pair_dir, pair)
    ooms = oom_kills(server.oom_fd)
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
    report = verified(bytes(rep.buf), key)
    oom = oom_since(server.oom_fd, ooms)
    return raw_result(pair["id"], status, not exited, report, out, duration, oom)


def run_group(pairs: list[dict], start: int, server: Server) -> int:
    """Run ``pairs[start:]`` (all with the same code) in one group child, until they are done
    or the child is lost or retired; every pair up to then is answered. Returns the index of
    the first pair not answered yet."""
    cfg, cache = server.cfg, server.cache
    limits, root, pidns = cfg["limits"], cfg["root"], cfg["pidns"]
    timeout = limits["timeout_s"]
    todo = pairs[start:]
    module, code = todo[0]["module"], todo[0]["code"]
    tests: list[str] = []  # the texts to compile (the runner has no pyc of them yet)
    where: dict[str, int] = {}
    for pair in todo:
        text = pair["test"]
        if cache.key(module, "t", text) not in cache.data and text not in where:
            where[text] = len(tests)
            tests.append(text)
    compile_code = None if cache.key(module, "c", code) in cache.data else code
    wipe(root)
    pair_dir = os.path.join(root, PAIR_DIR)
    kid = Kid(cfg, server, group_child)
    pump = Pump(kid, limits["output_bytes"])
    deadline = time.monotonic() + timeout
    unit = {"module": module, "dir": pair_dir, "code": compile_code, "tests": tests}
    sent = kid.send(unit, deadline)
    compiled = sent and pump.until(deadline, lambda: kid.pyc not in pump.open) == "done"
    if not compiled or pump.gone():
        sweep(kid.pid, pidns)  # lost before any pair's code ran: each pair alone instead
        kid.close()
        server.send({"tick": "alone"})
        for pair in todo:
            server.send(run_pair(pair, server))
            wipe(root)
        return len(pairs)
    cache.learn_unit(module, compile_code, tests, pump.pyc)
    server.send({"tick": "compiled"})
    for pos, pair in enumerate(todo):
        wipe(root)
        write_pair(root, pair)
        cache.write(pair_dir, pair)
        pump.next_pair()
        key = os.urandom(32)  # made after the fork, handed over when the pair starts
        ooms = oom_kills(server.oom_fd)
        t0 = time.monotonic()
        msg = {"t": where.get(pair["test"], -1), "key": key.hex()}
        state = pump.until(t0 + timeout, pump.ended) if kid.send(msg, t0 + timeout) else "lost"
        report, go_on = pump.end(key)
        if report is not None and not (pos and report.get("oom")):
            # its verdict, even if the child died or hung afterwards (putting the state back)
            pump.drain()  # its output: all written before its report
            duration = time.monotonic() - t0
            oom = oom_since(server.oom_fd, ooms)
            server.send(raw_result(pair["id"], 0, False, report, pump.out, duration, oom))
            if state != "done" or not go_on or leftovers(kid.pid, server.base):
                sweep(kid.pid, pidns)
                kid.close()
                return start + pos + 1
            continue
        status = sweep(kid.pid, pidns)
        duration = time.monotonic() - t0
        pump.drain()
        kid.close()
        if state == "timeout" or (state == "exit" and pos == 0):
            # a hang is its own (its clock started with it), and so is a death in a child
            # that had run nothing before it
            oom = oom_since(server.oom_fd, ooms)
            timed_out = state == "timeout"
            server.send(raw_result(pair["id"], status, timed_out, None, pump.out, duration, oom))
        else:  # lost, or ended oddly, after other pairs ran in its child: again, alone
            server.send({"tick": "alone", "id": pair["id"]})
            server.send(run_pair(pair, server))
        return start + pos + 1
    sweep(kid.pid, pidns)
    kid.close()
    return len(pairs)


def raw_result(
    pair_id: str,
    status: int,
    timed_out: bool,
    report: dict | None,
    out: Tail,
    dur: float,
    oom: bool | None = None,
) -> dict:
    return {
        "id": pair_id,
        "exit": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
        "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        "timeout": timed_out,
        "report": report,
        "output": out.text(),
        "duration": dur,
        "cgroup_oom": oom,
    }


class Server:
    """pytest plugin for the runner's one session: its collection hook serves units until the
    host closes the protocol; in a pair's child it steps aside so pytest collects that pair."""

    def __init__(self, cfg: dict, counter: Counter, proto_in, proto_out) -> None:  # noqa: ANN001
        self.cfg = cfg
        self.counter = counter
        self.proto_in, self.proto_out = proto_in, proto_out
        self.config = None
        self.session = None
        self.in_pair = False
        self.cache = PycCache()
        self.oom_fd = cfg.get("oom_fd")
        self.base: set[int] = set()  # the sandbox's processes before any pair

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection(self, session) -> bool | None:  # noqa: ANN001
        if self.in_pair:
            return None  # the pair's child: pytest's own collection of the pair's test file
        self.session, self.config = session, session.config
        self.counter.guard = Guard(session.config.pluginmanager, globals())
        gc.collect()
        gc.freeze()  # children need not scan (and so copy) the runner's objects
        self.base = pids() if self.cfg["pidns"] else set()
        self.send({"ready": 1})
        for line in self.proto_in:
            self.serve(json.loads(line))
        return True

    def serve(self, unit: dict) -> None:
        """One unit: pairs with the same code, in one group child where that is possible (more
        than one pair, a pid namespace to sweep in, a module name the runner has not
        imported), else each in a child of its own."""
        module, code, root = unit["module"], unit["code"], self.cfg["root"]
        pairs = [
            {"id": p["id"], "module": module, "code": code, "test": p["test"]}
            for p in unit["pairs"]
        ]
        grouped = self.cfg["pidns"] and module not in sys.modules
        at = 0
        while at < len(pairs):
            if grouped and len(pairs) - at > 1:
                at = run_group(pairs, at, self)
            else:
                self.send(run_pair(pairs[at], self))
                at += 1
            wipe(root)  # after the answer: the host need not wait for it

    def send(self, obj: dict) -> None:
        self.proto_out.write(json.dumps(obj) + "\n")
        self.proto_out.flush()

    def run_one(self, test_file: str) -> None:
        """In a pair's child (or a group child, once per pair): what ``pytest.main`` does once
        its session has started (``_pytest.main.wrap_session``), for this test file only."""
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
