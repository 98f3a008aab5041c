"""How the runner runs a unit's pairs: each in a child of its own, or in one group child."""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

from .child import run_group_child
from .oom import cgroup_oom_kills, oom_since
from .pipes import TailBuffer
from .processes import ChildProcess, GroupChildReader, drain_after_sweep, wait_child
from .protocol import RawResult, Tick
from .signing import verified
from .sweep import leftovers, sweep, wipe

if TYPE_CHECKING:
    from .server import ProtocolServer

PAIR_DIR = "pair"


def write_pair(root: str, pair: dict) -> str:
    """The pair's directory: always the same path (the warm session's rootdir), freshly made."""
    pair_dir = os.path.join(root, PAIR_DIR)
    os.mkdir(pair_dir, 0o700)
    module = pair["module"]
    for name, text in ((f"{module}.py", pair["code"]), (f"test_{module}.py", pair["test"])):
        with open(os.path.join(pair_dir, name), "w", encoding="utf-8") as f:
            f.write(text)
    return pair_dir


def run_pair(pair: dict, server: ProtocolServer) -> RawResult:
    """One pair in a child of its own."""
    cfg, cache = server.cfg, server.cache
    limits, root, pidns = cfg.limits, cfg.root, cfg.pidns
    wipe(root)  # normally empty: the previous pair's files went right after its result
    pair_dir = write_pair(root, pair)
    have = cache.write(pair_dir, pair)
    ooms = cgroup_oom_kills(server.oom_fd)
    t0 = time.monotonic()
    child = ChildProcess(cfg, server)
    key = os.urandom(32)  # made after the fork: the child's memory never held it before
    msg = {"module": pair["module"], "dir": pair_dir, "cached": have, "cov": pair.get("cov")}
    child.start({**msg, "key": key.hex()})
    exited, out, rep, pyc, fds = wait_child(child, limits.timeout_s, limits.output_bytes)
    status = sweep(child.pid, pidns)
    duration = time.monotonic() - t0
    drain_after_sweep(fds)
    child.close()
    cache.learn(pair, have, pyc)
    report = verified(bytes(rep.buf), key)
    oom = oom_since(server.oom_fd, ooms)
    return raw_result(pair["id"], status, not exited, report, out, duration, oom)


def run_group(pairs: list[dict], start: int, server: ProtocolServer) -> int:
    """Run ``pairs[start:]`` (all with the same code) in one group child, until they are done
    or the child is lost or retired; every pair up to then is answered. Returns the index of
    the first pair not answered yet."""
    cfg, cache = server.cfg, server.cache
    limits, root, pidns = cfg.limits, cfg.root, cfg.pidns
    timeout = limits.timeout_s
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
    child = ChildProcess(cfg, server, run_group_child)
    reader = GroupChildReader(child, limits.output_bytes)
    deadline = time.monotonic() + timeout
    unit = {"module": module, "dir": pair_dir, "code": compile_code, "tests": tests}
    sent = child.send(unit, deadline)
    compiled = sent and reader.until(deadline, lambda: child.pyc not in reader.open) == "done"
    if not compiled or reader.gone():
        sweep(child.pid, pidns)  # lost before any pair's code ran: each pair alone instead
        child.close()
        server.send(Tick("alone"))
        for pair in todo:
            server.send(run_pair(pair, server))
            wipe(root)
        return len(pairs)
    cache.learn_unit(module, compile_code, tests, reader.pyc)
    server.send(Tick("compiled"))
    for pos, pair in enumerate(todo):
        wipe(root)
        write_pair(root, pair)
        cache.write(pair_dir, pair)
        reader.next_pair()
        key = os.urandom(32)  # made after the fork, handed over when the pair starts
        ooms = cgroup_oom_kills(server.oom_fd)
        t0 = time.monotonic()
        msg = {"t": where.get(pair["test"], -1), "cov": pair.get("cov"), "key": key.hex()}
        state = (
            reader.until(t0 + timeout, reader.ended) if child.send(msg, t0 + timeout) else "lost"
        )
        report, go_on = reader.end(key)
        if report is not None and not (pos and report.get("oom")):
            # its verdict, even if the child died or hung afterwards (putting the state back)
            reader.drain()  # its output: all written before its report
            duration = time.monotonic() - t0
            oom = oom_since(server.oom_fd, ooms)
            server.send(raw_result(pair["id"], 0, False, report, reader.out, duration, oom))
            if state != "done" or not go_on or leftovers(child.pid, server.base):
                sweep(child.pid, pidns)
                child.close()
                return start + pos + 1
            continue
        status = sweep(child.pid, pidns)
        duration = time.monotonic() - t0
        reader.drain()
        child.close()
        if state == "timeout" or (state == "exit" and pos == 0):
            # a hang is its own (its clock started with it), and so is a death in a child
            # that had run nothing before it
            oom = oom_since(server.oom_fd, ooms)
            timed_out = state == "timeout"
            server.send(raw_result(pair["id"], status, timed_out, None, reader.out, duration, oom))
        else:  # lost, or ended oddly, after other pairs ran in its child: again, alone
            server.send(Tick("alone", pair["id"]))
            server.send(run_pair(pair, server))
        return start + pos + 1
    sweep(child.pid, pidns)
    child.close()
    return len(pairs)


def raw_result(
    pair_id: str,
    status: int,
    timed_out: bool,
    report: dict | None,
    out: TailBuffer,
    dur: float,
    oom: bool | None = None,
) -> RawResult:
    return RawResult(
        pair_id=pair_id,
        exit_code=os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
        signal=os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        timed_out=timed_out,
        report=report,
        output=out.text(),
        duration_s=dur,
        cgroup_oom=oom,
    )
