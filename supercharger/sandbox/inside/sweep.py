"""Cleaning up after a pair: its processes, its files, and what the runner checks is gone."""

from __future__ import annotations

import os
import shutil
import signal
import time


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


def sandbox_pids() -> set[int]:
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
        return bool(sandbox_pids() - base - {pid})
    except (OSError, ValueError, IndexError):
        return True
