"""cgroup v1 limits (memory, pids, CPU) for one sandbox: where the host lets root use them.

Each runner (bwrap, its init, the warm runner and every pair it forks) is started inside its own
cgroup under the worker's cgroup in each controller. The spawning thread steps into the new
cgroup (``tasks``) just for the fork, so every process of the sandbox is in it from its first
instruction, with no pre-exec hook. cgroup v2 is not used (no ``tasks`` file to move one thread):
where v1 is missing, sandboxes run without cgroup limits and say so once in the log.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

ROOT = Path("/sys/fs/cgroup")
CONTROLLERS = ("memory", "pids", "cpu")
PERIOD_US = 100_000
_names = itertools.count()


@dataclass(frozen=True)
class CgroupLimits:
    """What one sandbox may use, all its processes together."""

    memory_bytes: int
    pids: int
    cpus: float  # CFS quota in CPUs; 0 = no quota


def _own_paths() -> dict[str, Path]:
    """This process's cgroup dir in each v1 controller we use."""
    paths: dict[str, Path] = {}
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _, names, rel = line.split(":", 2)
        for name in names.split(","):
            if name in CONTROLLERS:
                paths[name] = ROOT / name / rel.lstrip("/")
    return paths


@lru_cache(maxsize=1)
def unavailable() -> str | None:
    """Why cgroup limits cannot be used here (None when they can); checked once."""
    if os.geteuid() != 0:
        return "the worker is not root"
    try:
        paths = _own_paths()
    except OSError as e:
        return f"cannot read /proc/self/cgroup: {e}"
    missing = [c for c in CONTROLLERS if c not in paths or not (paths[c] / "tasks").exists()]
    if missing:
        return f"no cgroup v1 {'/'.join(missing)} controller mounted under {ROOT}"
    probe = paths["pids"] / f"supercharger-probe-{os.getpid()}"
    try:
        probe.mkdir()
        probe.rmdir()
    except OSError as e:
        return f"cannot create a cgroup under {paths['pids']}: {e.strerror}"
    return None


def _write(path: Path, value: str) -> None:
    with open(path, "w") as f:
        f.write(value)


class Cgroup:
    """One sandbox's cgroup in the memory, pids and cpu controllers."""

    def __init__(self, limits: CgroupLimits) -> None:
        self.parents = _own_paths()
        name = f"supercharger-{os.getpid()}-{next(_names)}"
        self.dirs = {c: self.parents[c] / name for c in CONTROLLERS}
        try:
            for d in self.dirs.values():
                d.mkdir()
            mem = self.dirs["memory"]
            _write(mem / "memory.limit_in_bytes", str(limits.memory_bytes))
            with contextlib.suppress(OSError):  # only with swap accounting
                _write(mem / "memory.memsw.limit_in_bytes", str(limits.memory_bytes))
            _write(self.dirs["pids"] / "pids.max", str(limits.pids))
            if limits.cpus > 0:
                _write(self.dirs["cpu"] / "cpu.cfs_period_us", str(PERIOD_US))
                _write(self.dirs["cpu"] / "cpu.cfs_quota_us", str(int(limits.cpus * PERIOD_US)))
        except OSError:
            self.remove()
            raise

    @contextlib.contextmanager
    def spawning(self) -> Iterator[None]:
        """Within: this thread (and so whatever it forks) is in the cgroup."""
        tid = str(threading.get_native_id())
        moved: list[str] = []
        try:
            for c in CONTROLLERS:
                _write(self.dirs[c] / "tasks", tid)
                moved.append(c)
            yield
        finally:
            for c in moved:
                _write(self.parents[c] / "tasks", tid)

    def oom_kills(self) -> int:
        """How many processes the kernel's OOM killer has killed in this cgroup so far."""
        try:
            text = (self.dirs["memory"] / "memory.oom_control").read_text()
        except OSError:
            return 0
        for line in text.splitlines():
            key, _, value = line.partition(" ")
            if key == "oom_kill":
                return int(value)
        return 0

    def oom_fd(self) -> int | None:
        """A read-only fd of ``memory.oom_control`` (its ``oom_kill`` count), handed to the
        runner inside so that it can tell which pair an OOM kill happened in."""
        try:
            return os.open(self.dirs["memory"] / "memory.oom_control", os.O_RDONLY | os.O_CLOEXEC)
        except OSError:
            return None

    def kill_all(self) -> None:
        for _ in range(50):
            try:
                pids = (self.dirs["pids"] / "cgroup.procs").read_text().split()
            except OSError:
                return
            if not pids:
                return
            for pid in pids:
                with contextlib.suppress(OSError):
                    os.kill(int(pid), signal.SIGKILL)
            time.sleep(0.01)

    def remove(self) -> None:
        """Kill whatever is left in it and remove it (best effort; a leftover is logged)."""
        self.kill_all()
        for d in self.dirs.values():
            for _ in range(100):
                try:
                    d.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.01)
            else:
                log.warning("could not remove cgroup %s", d)


_warned = threading.Event()
_reaped = threading.Event()


def reap_stale() -> None:
    """Remove empty cgroups left by workers that died without cleaning up (pid gone)."""
    for parent in _own_paths().values():
        for d in parent.glob("supercharger-*-*"):
            pid = d.name.split("-")[1]
            if pid.isdigit() and not Path(f"/proc/{pid}").exists():
                with contextlib.suppress(OSError):
                    d.rmdir()


def make_cgroup(limits: CgroupLimits) -> Cgroup | None:
    """A new cgroup with these limits, or None (logged once) where the host does not allow it."""
    why = unavailable()
    if why is None and not _reaped.is_set():
        _reaped.set()
        with contextlib.suppress(OSError):
            reap_stale()
    if why is None:
        try:
            return Cgroup(limits)
        except OSError as e:
            why = f"cannot set up a cgroup: {e}"
    if not _warned.is_set():
        _warned.set()
        log.warning("sandbox runs without cgroup limits (memory, pids, CPU): %s", why)
    return None
