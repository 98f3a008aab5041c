"""What a forked child runs: a pair's own child, or a unit's group child."""

from __future__ import annotations

import fcntl
import gc
import json
import os
import signal
import sys
from typing import TYPE_CHECKING

from .hardening import landlock_scope, set_limits
from .pipes import CACHE_FD, END, GO_FD, REPORT_FD, LineReader, flush_std_streams
from .protocol import RunnerConfig
from .pycs import compile_pair, compile_unit
from .restore import InterpreterSnapshot
from .signing import sign

if TYPE_CHECKING:
    from .server import ProtocolServer


def setup_child(cfg: RunnerConfig, fds: tuple[int, int, int, int], server: ProtocolServer) -> None:
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
    set_limits(cfg.limits)
    if cfg.landlock:
        landlock_scope()
    if capman is not None:
        capman.start_global_capturing()
        capman.suspend_global_capture()


def run_pair_child(
    cfg: RunnerConfig, fds: tuple[int, int, int, int], server: ProtocolServer
) -> None:
    """A pair's own child: it reads its pair, checks that both files compile and runs the
    pair's collection and tests inside the runner's warm pytest session."""
    setup_child(cfg, fds, server)
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
    if server.meter.shadows(module):
        print(f"module name {module!r} shadows a module the runner has imported", flush=True)
        os._exit(3)
    server.meter.unshadow(module)
    ok = compile_pair(module, pair["cached"], server.config, server.counter.key)
    os.close(CACHE_FD)  # before any of the pair's code runs: what was sent is pytest's work only
    if not ok:
        os._exit(4)
    measure = os.path.join(pair["dir"], f"{module}.py") if pair.get("cov") else None
    server.run_one(f"test_{module}.py", measure)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def run_group_child(
    cfg: RunnerConfig, fds: tuple[int, int, int, int], server: ProtocolServer
) -> None:
    """A unit's group child: compiles the unit's files (before any of its code runs), then
    runs the pairs the runner hands it one by one, each from the state right after the fork
    (put back after every pair), and ends each with its signed report and an end mark on the
    report pipe."""
    setup_child(cfg, fds, server)
    lines = LineReader(GO_FD)
    line = lines.next()
    if line is None:
        os._exit(0)
    unit = json.loads(line)
    del line
    module, pair_dir = unit["module"], unit["dir"]
    server.meter.unshadow(module)  # before the snapshot: every pair starts without it
    bad = compile_unit(module, pair_dir, unit["code"], unit["tests"], server.config)
    os.close(CACHE_FD)  # before any pair's code runs: what was sent is pytest's work only
    del unit
    counter = server.counter
    counter.keep = True
    snapshot = InterpreterSnapshot(server)  # the state every pair starts from
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
            measure = os.path.join(pair_dir, f"{module}.py") if msg.get("cov") else None
            server.run_one(f"test_{module}.py", measure)
        flush_std_streams()
        os.write(REPORT_FD, b"\n" + counter.signed)  # the pair's verdict, whatever comes next
        # put the state back now, before the end mark: the runner's check for leftovers comes
        # after it, and no alarm, timer or finalizer of this pair runs once the next pair's
        # files are there; a pair whose leftovers break the restore retires the child
        try:
            snapshot.restore()
            gc.collect()
            last = snapshot.spoilt()
        except BaseException:  # noqa: BLE001
            last = True
        flush_std_streams()
        os.write(REPORT_FD, END + (b"1\n" if last else b"0\n"))
    os._exit(0)
