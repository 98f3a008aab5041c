"""The state file of the cluster that ``supercharger up`` started: where its Redis listens (a
unix socket, a password) and which processes are its own, so that later commands find it
without any setting and ``down`` stops exactly those processes.

A process is named by its pid *and* its start time (``/proc/PID/stat``), so that a pid the
kernel gave to another process since is never taken for one of ours. A state file whose
supervisor is gone is stale: its processes are stopped and the file is removed.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

STATE_FILE = "cluster.json"
LOCK_FILE = "cluster.lock"


def state_path(data_dir: Path) -> Path:
    return data_dir / STATE_FILE


def lock_path(data_dir: Path) -> Path:
    return data_dir / LOCK_FILE


def _start_ticks(pid: int) -> int | None:
    """The process's start time in clock ticks since boot; None when there is no such pid."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # the command name (field 2) may hold spaces and parentheses: split after its last ')'
    fields = stat.rsplit(")", 1)[1].split()
    return int(fields[19])  # field 22 of stat(5)


@dataclass(frozen=True)
class ProcRef:
    """One process of the cluster, by pid and start time."""

    pid: int
    start: int

    @classmethod
    def of(cls, pid: int) -> ProcRef:
        return cls(pid, _start_ticks(pid) or 0)

    def alive(self) -> bool:
        if _start_ticks(self.pid) != self.start:
            return False
        try:  # a zombie still has its /proc entry: it has stopped all the same
            return Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except OSError:
            return False

    def kill(self) -> None:
        """SIGKILL the process and, when it leads one, its process group."""
        if not self.alive():
            return
        try:
            if os.getpgid(self.pid) == self.pid:
                os.killpg(self.pid, signal.SIGKILL)
            else:
                os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@dataclass
class ClusterState:
    """What ``up`` writes once every process is ready; ``supervisor`` owns the others."""

    broker_url: str  # with the password: the state file is 0600 in the data dir
    socket: str
    supervisor: ProcRef
    processes: dict[str, ProcRef] = field(default_factory=dict)  # redis, worker roles, flower
    log_dir: str = ""
    flower_url: str = ""
    started: float = field(default_factory=time.time)

    def all_processes(self) -> list[ProcRef]:
        return [self.supervisor, *self.processes.values()]

    def alive(self) -> bool:
        """The cluster stands while its supervisor runs (it stops the rest when it stops)."""
        return self.supervisor.alive()

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2) + "\n"

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> ClusterState:
        procs = {k: ProcRef(**v) for k, v in raw.get("processes", {}).items()}
        return cls(
            broker_url=raw["broker_url"],
            socket=raw["socket"],
            supervisor=ProcRef(**raw["supervisor"]),
            processes=procs,
            log_dir=raw.get("log_dir", ""),
            flower_url=raw.get("flower_url", ""),
            started=raw.get("started", 0.0),
        )


def write_state(data_dir: Path, state: ClusterState) -> None:
    """Write atomically, readable by the owner only (it holds the Redis password)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    tmp = state_path(data_dir).with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(state.to_json())
    os.replace(tmp, state_path(data_dir))


def read_state(data_dir: Path) -> ClusterState | None:
    """The state file as written, alive or not; None when there is none (or it is unreadable,
    which ``remove_state`` then cleans)."""
    try:
        return ClusterState.from_dict(json.loads(state_path(data_dir).read_text()))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return ClusterState("", "", ProcRef(0, -1))  # unreadable: a stale state, no process


def remove_state(data_dir: Path, state: ClusterState) -> None:
    """Kill what is left of ``state``'s processes, remove its socket folder and the file."""
    for proc in state.all_processes():
        proc.kill()
    if state.socket:
        folder = Path(state.socket).parent
        if folder.name.startswith("supercharger-"):  # the private folder EmbeddedRedis made
            shutil.rmtree(folder, ignore_errors=True)
    state_path(data_dir).unlink(missing_ok=True)


def live_state(data_dir: Path) -> ClusterState | None:
    """The running cluster ``up`` started for ``data_dir``; a stale state is cleaned away."""
    state = read_state(data_dir)
    if state is None:
        return None
    if state.alive():
        return state
    remove_state(data_dir, state)
    return None
