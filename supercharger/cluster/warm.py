"""``supercharger up`` / ``down``: a local cluster that outlives one ``submit``.

``up`` starts a detached *supervisor* process (this module run with ``-m``), which starts the
embedded Redis (private unix socket, a password) and the local workers as a ``LocalCluster``,
writes the state file and says ``ready`` on its stdout. The ``up`` client then answers ``ok``
on the supervisor's stdin. Until that answer, a closed stdin (the client crashed, was killed or
interrupted) makes the supervisor stop everything it started: ``up`` never leaves a
half-started cluster. The workers and Redis die with the supervisor (PDEATHSIG), so stopping it
stops them; ``down`` sends it SIGTERM, then kills whatever of the state's processes is left.
"""

from __future__ import annotations

import fcntl
import importlib.util
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any

from supercharger.cluster.local import LocalCluster
from supercharger.cluster.state import (
    ClusterState,
    ProcRef,
    live_state,
    lock_path,
    read_state,
    remove_state,
    state_path,
    write_state,
)
from supercharger.errors import ClusterStateError, UserError, WorkerError
from supercharger.settings import Settings, get_settings

READY, OK = "ready", "ok"
STOP_WAIT_S = 60.0  # a supervisor stops its workers in at most ~20 s
MAX_RESTARTS = 3  # a worker that dies is started again, this many times
FLOWER_USER = "supercharger"


# ---- the supervisor (runs detached) -------------------------------------------------------------
def _say(line: str) -> None:
    try:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):  # the client is gone: stop
        raise SystemExit(1) from None


def _on_sigterm(signum: int, frame: Any) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # one teardown, not interrupted by a second
    raise SystemExit(0)


def _watch_client(committed: threading.Event) -> None:
    """The client answers ``ok`` once it has seen ``ready``; EOF before that: stop all."""
    line = sys.stdin.readline()
    if line.strip() == OK:
        committed.set()
    else:
        os.kill(os.getpid(), signal.SIGTERM)


def _take_lock(data_dir: Path) -> IO[str] | None:
    """Held for the supervisor's life: a second supervisor for the same data dir cannot run."""
    data_dir.mkdir(parents=True, exist_ok=True)
    f = open(lock_path(data_dir), "w")  # noqa: SIM115 - held until exit
    try:
        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        f.close()
        return None
    return f


def _wait_port(cluster: LocalCluster, port: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        cluster.check_alive()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise WorkerError(f"Flower did not listen on port {port} within {timeout:.0f} s")


def _state(cluster: LocalCluster, log_dir: Path, flower_url: str) -> ClusterState:
    assert cluster.redis is not None and cluster.redis.proc is not None
    procs = {"redis": ProcRef.of(cluster.redis.proc.pid)}
    procs |= {name: ProcRef.of(p.pid) for name, p in cluster.workers.items()}
    return ClusterState(
        broker_url=cluster.broker_url,
        socket=str(cluster.redis.sock),
        supervisor=ProcRef.of(os.getpid()),
        processes=procs,
        log_dir=str(log_dir),
        flower_url=flower_url,
    )


def _restart_dead(cluster: LocalCluster, restarts: dict[str, int], flower: tuple[int, str]) -> bool:
    """Start again each worker that died (up to MAX_RESTARTS each); True when one was."""
    changed = False
    for name, proc in list(cluster.workers.items()):
        if proc.poll() is None or restarts.get(name, 0) >= MAX_RESTARTS:
            continue
        restarts[name] = restarts.get(name, 0) + 1
        print(f"{name} exited with code {proc.returncode}; starting it again", file=sys.stderr)
        if name == "flower":
            cluster.start_flower(*flower)
        else:
            cluster.start_worker(name)
        changed = True
    return changed


def _serve(cluster: LocalCluster, data_dir: Path, state: ClusterState, flower: tuple) -> None:
    """Keep the cluster up until SIGTERM; it ends with its Redis, or when its state file is
    gone (the data dir was removed: no command could find the cluster any more)."""
    restarts: dict[str, int] = {}
    assert cluster.redis is not None and cluster.redis.proc is not None
    while cluster.redis.proc.poll() is None:
        if not state_path(data_dir).exists():
            print("the state file is gone: stopping the cluster", file=sys.stderr)
            return
        if _restart_dead(cluster, restarts, flower):
            state.processes |= {n: ProcRef.of(p.pid) for n, p in cluster.workers.items()}
            write_state(data_dir, state)
        time.sleep(1.0)
    print("the embedded Redis exited: stopping the cluster", file=sys.stderr)


def _detach_stdio() -> None:
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    os.close(null)


def supervise(data_dir: Path, log_dir: Path, flower_port: int) -> int:
    """The supervisor's body: start, hand over, serve until SIGTERM, stop, remove the state."""
    signal.signal(signal.SIGTERM, _on_sigterm)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    lock = _take_lock(data_dir)
    if lock is None:
        _say(f"error: a cluster is already up (or starting) for {data_dir}")
        return 1
    committed = threading.Event()
    threading.Thread(target=_watch_client, args=(committed,), daemon=True).start()
    settings = get_settings()
    cluster = LocalCluster(
        log_dir=log_dir,
        sandbox_concurrency=settings.sandbox_concurrency,
        on_status=lambda msg: _say(f"status: {msg}"),
        password=secrets.token_urlsafe(24),
    )
    auth = settings.flower_basic_auth or f"{FLOWER_USER}:{secrets.token_urlsafe(12)}"
    try:
        with cluster:
            flower_url = ""
            if flower_port:
                _say("status: starting Flower")
                cluster.start_flower(flower_port, auth)
                _wait_port(cluster, flower_port)
                flower_url = f"http://127.0.0.1:{flower_port} (login {auth})"
            state = _state(cluster, log_dir, flower_url)
            write_state(data_dir, state)
            _say(READY)
            while not committed.wait(0.5):
                pass
            _detach_stdio()
            _serve(cluster, data_dir, state, (flower_port, auth))
    except Exception as e:  # noqa: BLE001 - said to the client in one line, traceback logged
        import traceback

        traceback.print_exc()
        if not committed.is_set():
            _say(f"error: {str(e).splitlines()[0] if str(e) else type(e).__name__}")
        return 1
    finally:
        state_path(data_dir).unlink(missing_ok=True)
        lock.close()
    return 0


# ---- the clients: up and down ------------------------------------------------------------------
def _spawn_supervisor(data_dir: Path, log_dir: Path, flower_port: int) -> subprocess.Popen[str]:
    log_dir.mkdir(parents=True, exist_ok=True)
    log = open(log_dir / "supervisor.log", "ab")  # noqa: SIM115 - owned by the process
    return subprocess.Popen(
        [sys.executable, "-m", "supercharger.cluster.warm", str(data_dir), str(log_dir),
         str(flower_port)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True,
        start_new_session=True,  # not in the terminal's group: Ctrl-C reaches the client only
    )  # fmt: skip


def _handshake(proc: subprocess.Popen[str], on_status: Any) -> str:
    """Follow the supervisor until ``ready`` (answer ``ok``): "" then, else its error."""
    assert proc.stdout is not None and proc.stdin is not None
    error = ""
    for raw in proc.stdout:
        line = raw.strip()
        if line == READY:
            proc.stdin.write(OK + "\n")
            proc.stdin.flush()
            proc.stdin.close()
            return ""
        if line.startswith("status: "):
            on_status(line.removeprefix("status: "))
        elif line.startswith("error: "):
            error = line.removeprefix("error: ")
    return error or "the cluster's supervisor exited before it was ready"


def up(settings: Settings, flower_port: int, on_status: Any) -> ClusterState:
    """Start the cluster and return its state; ClusterStateError when one is already up."""
    if settings.broker_url:
        raise UserError("SUPERCHARGER_BROKER_URL is set: commands use that cluster, not `up`'s")
    if flower_port and importlib.util.find_spec("flower") is None:
        raise UserError("--flower needs Flower: pip install 'supercharger[flower]'")
    data_dir = settings.data_dir
    state = live_state(data_dir)  # a stale state is cleaned here
    if state is not None:
        raise ClusterStateError(
            f"a cluster is already up (supervisor pid {state.supervisor.pid}); "
            "`supercharger down` stops it"
        )
    log_dir = data_dir / "logs" / time.strftime("up-%Y%m%d-%H%M%S")
    proc = _spawn_supervisor(data_dir, log_dir, flower_port)
    try:
        error = _handshake(proc, on_status)
    except BaseException:  # Ctrl-C, SIGTERM: the supervisor sees its stdin close and stops all
        _close_and_wait(proc)
        raise
    if error:
        _close_and_wait(proc)
        raise (ClusterStateError if "already up" in error else WorkerError)(
            f"{error} (logs in {log_dir})"
        )
    state = read_state(data_dir)
    if state is None or not state.alive():
        raise WorkerError(f"the cluster stopped right after it started (logs in {log_dir})")
    return state


def _close_and_wait(proc: subprocess.Popen[str]) -> None:
    for stream in (proc.stdin, proc.stdout):
        try:
            if stream is not None:
                stream.close()
        except OSError:
            pass
    try:
        proc.wait(STOP_WAIT_S)
    except subprocess.TimeoutExpired:
        proc.kill()  # its workers and Redis die with it
        proc.wait()


def down(data_dir: Path) -> str:
    """Stop the cluster ``up`` started; what was done, in one line."""
    state = read_state(data_dir)
    if state is None:
        raise ClusterStateError(f"no cluster is up (no {state_path(data_dir)})")
    if not state.alive():
        remove_state(data_dir, state)
        return "removed a stale cluster state: its processes had stopped"
    os.kill(state.supervisor.pid, signal.SIGTERM)
    _wait_gone([state.supervisor], STOP_WAIT_S)
    remove_state(data_dir, state)  # kills what the supervisor left, if anything
    left = _wait_gone(state.all_processes(), 10.0)
    if left:
        pids = ", ".join(str(p.pid) for p in left)
        raise WorkerError(f"processes of the cluster still run after SIGKILL: {pids}")
    return "cluster stopped"


def _wait_gone(procs: list[ProcRef], timeout: float) -> list[ProcRef]:
    deadline = time.monotonic() + timeout
    while True:
        left = [p for p in procs if p.alive()]
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.1)


if __name__ == "__main__":
    sys.exit(supervise(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])))
