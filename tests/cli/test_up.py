"""`supercharger up` / `down` and `submit` of several specs, as a user runs them: a real Redis
(password, private socket), real `celery worker` processes, the real sandbox, and the `fake`
LLM backend (a scripted stand-in, not a model: these tests are about the cluster's life)."""

from __future__ import annotations

import base64
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from supercharger.cluster.state import ClusterState, ProcRef, read_state, state_path, write_state

RIGHT = " return 1 if n < 2 else n * factorial(n - 1)\n```"
WRONG = " return n\n```"
TEST_OK = (  # three distinct checks, none the identity's: the least a judged pass may rest on
    "five():\n    assert factorial(5) == 120\n    assert factorial(0) == 1\n"
    "    assert factorial(3) == 6\n```"
)
TEST_WEAK = "one():\n    assert factorial(1) == 1\n```"
FAKE = {"code_replies": [WRONG, RIGHT], "test_replies": [TEST_WEAK, TEST_OK], "judge_score": 0.9}
FACTORIAL = "# factorial of a non-negative integer\ndef factorial(n):\n"
OTHER = "# the number of set bits of n\ndef popcount(n):\n"  # the fake's replies never fit it


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPERCHARGER_")}
    return env | {
        "SUPERCHARGER_DATA_DIR": str(data_dir),
        "SUPERCHARGER_LLM_BACKEND": "fake",
        "SUPERCHARGER_LLM_OPTIONS": json.dumps(FAKE),
        "SUPERCHARGER_SANDBOX_CONCURRENCY": "1",
        "SUPERCHARGER_MAX_CANDIDATES": "4",
        "SUPERCHARGER_BATCH_SIZE": "2",
    }


def cli(cwd: Path, data_dir: Path, *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "supercharger", *args],
        cwd=cwd, capture_output=True, text=True, timeout=timeout, env=_env(data_dir),
    )  # fmt: skip


_SESSIONS: dict[Path, set[int]] = {}  # the sessions seen holding a data dir's processes


def _stat(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def _ours(data_dir: Path) -> set[int]:
    """Every live process started for ``data_dir``: those that inherit its variable, and those
    in their sessions (redis-server writes its title over its environment)."""
    mark = f"SUPERCHARGER_DATA_DIR={data_dir}\0".encode()
    sessions = _SESSIONS.setdefault(data_dir, set())
    found: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        pid = int(entry.name)
        try:
            fields = _stat(pid)
            if fields[0] == "Z":
                continue
            found[pid] = int(fields[3])
            if mark in (entry / "environ").read_bytes():
                sessions.add(int(fields[3]))
        except OSError:
            pass
    sessions.discard(os.getsid(0))  # the test's own session holds pytest itself
    return {pid for pid, sid in found.items() if sid in sessions}


def _gone(data_dir: Path, timeout: float = 30) -> set[int]:
    deadline = time.monotonic() + timeout
    while _ours(data_dir) and time.monotonic() < deadline:
        time.sleep(0.2)
    return _ours(data_dir)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _specs(folder: Path, **specs: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in specs.items():
        (folder / f"{name}.spec").write_text(text)
    return folder


@pytest.fixture(scope="class")
def warm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, int]]:
    """A cluster brought up with Flower; ``down`` in the teardown if a test left it up."""
    root = tmp_path_factory.mktemp("warm")
    data, port = root / "data", _free_port()
    proc = cli(root, data, "up", "--flower", "--flower-port", str(port))
    assert proc.returncode == 0, proc.stderr
    yield root, data, port
    if state_path(data).exists():
        cli(root, data, "down")
    for pid in _ours(data):
        os.kill(pid, signal.SIGKILL)


class TestWarmCluster:
    def test_up_writes_a_private_state_of_live_processes(self, warm: tuple) -> None:
        root, data, port = warm
        state = read_state(data)
        assert state is not None and state.alive()
        assert stat.S_IMODE(state_path(data).stat().st_mode) == 0o600
        assert set(state.processes) == {"redis", "control", "sandbox", "llm", "flower"}
        assert all(p.alive() for p in state.all_processes())
        assert {p.pid for p in state.all_processes()} <= _ours(data)
        sock = state.socket
        assert stat.S_IMODE(Path(sock).parent.stat().st_mode) == 0o700
        with pytest.raises(redis.AuthenticationError):  # no password, no entry
            redis.Redis(unix_socket_path=sock).ping()
        password = state.broker_url.split(":", 2)[2].split("@", 1)[0]
        assert redis.Redis(unix_socket_path=sock, password=password).ping()
        assert password not in " ".join(
            Path(f"/proc/{p.pid}/cmdline").read_text() for p in state.all_processes()
        )  # on no command line
        auth = state.flower_url.split("(login ", 1)[1].rstrip(")")
        req = urllib.request.Request(f"http://127.0.0.1:{port}/api/workers")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(req, timeout=10)
        assert refused.value.code == 401
        req.add_header("Authorization", "Basic " + base64.b64encode(auth.encode()).decode())
        with urllib.request.urlopen(req, timeout=10) as resp:
            assert resp.status == 200

    def test_a_second_up_says_the_cluster_is_already_up(self, warm: tuple) -> None:
        root, data, _ = warm
        before = read_state(data)
        proc = cli(root, data, "up")
        assert proc.returncode == 1
        assert proc.stderr.count("\n") == 1 and "already up" in proc.stderr, proc.stderr
        assert read_state(data) == before

    def test_submit_dir_runs_every_job_on_the_cluster_with_an_exit_status(
        self, warm: tuple
    ) -> None:
        root, data, _ = warm
        procs = _ours(data)
        folder = _specs(root / "specs", factorial=FACTORIAL, popcount=OTHER)
        proc = cli(root, data, "submit", str(folder), "--json", "--budget-seconds", "90")
        assert proc.returncode == 1, proc.stderr  # one of the two did not pass
        doc = json.loads(proc.stdout)
        status = {job["function"]: job["status"] for job in doc["jobs"]}
        assert status["factorial"] == "passed"
        assert status["popcount"] != "passed"
        assert (doc["passed"], doc["total"]) == (1, 2)
        assert (root / "sources/factorial/factorial.py").is_file()
        assert (root / "sources/popcount/report.json").is_file()
        assert _ours(data) == procs  # the up cluster ran them: nothing was started

    def test_exit_0_only_when_every_job_passed(self, warm: tuple) -> None:
        root, data, _ = warm
        folder = _specs(root / "one", factorial=FACTORIAL)
        spec = str(folder / "factorial.spec")
        single = cli(root, data, "submit", spec, "--json")
        assert single.returncode == 0, single.stderr
        assert json.loads(single.stdout)["status"] == "passed"  # one spec: as without `up`
        whole = cli(root, data, "submit", str(folder))
        assert whole.returncode == 0, whole.stderr
        assert "1 of 1 jobs passed" in whole.stderr
        fact = _specs(root / "other", fact=FACTORIAL.replace("factorial(n)", "fact(n)"))
        files = cli(root, data, "submit", spec, str(fact / "fact.spec"))
        assert files.returncode == 1, files.stderr  # the fake's replies never fit fact
        assert "2 jobs on one cluster" in files.stderr
        finals = [ln for ln in files.stderr.splitlines() if ": " in ln and "sources/" in ln]
        assert {ln.split()[0] for ln in finals} == {"factorial", "fact"}  # a line per job
        assert "1 of 2 jobs passed" in files.stderr
        twice = cli(root, data, "submit", spec, spec)
        assert twice.returncode == 2  # the same function twice: refused before anything starts
        assert "also written by" in twice.stderr and twice.stderr.count("\n") == 1

    def test_down_stops_everything_and_removes_the_state(self, warm: tuple) -> None:
        root, data, _ = warm
        state = read_state(data)
        assert state is not None
        proc = cli(root, data, "down")
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.strip() == "cluster stopped"
        assert not any(p.alive() for p in state.all_processes())
        assert _gone(data, timeout=5) == set()  # the sandbox pool and every child too
        assert not state_path(data).exists()
        assert not Path(state.socket).parent.exists()
        again = cli(root, data, "down")
        assert again.returncode == 1 and "no cluster is up" in again.stderr


@pytest.fixture
def data(tmp_path: Path) -> Iterator[Path]:
    """A data dir whose cluster, if a failed test left one, is stopped afterwards."""
    data_dir = tmp_path / "data"
    yield data_dir
    if state_path(data_dir).exists():
        cli(tmp_path, data_dir, "down")
    for pid in _ours(data_dir):
        os.kill(pid, signal.SIGKILL)


def _start_up(root: Path, data: Path) -> subprocess.Popen[str]:
    """``up`` whose llm worker takes 60 s to load its (fake) model: it is still starting when
    the test interrupts it, however fast the rest comes up. SIGINT is set back to its default
    in it, as in a terminal's foreground (a shell's background job inherits it ignored)."""
    slow = json.dumps(FAKE | {"load_delay_s": 60})
    return subprocess.Popen(
        [sys.executable, "-m", "supercharger", "up"], cwd=root,
        env=_env(data) | {"SUPERCHARGER_LLM_OPTIONS": slow},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_interrupting_or_killing_up_leaves_nothing_started(
    tmp_path: Path, data: Path, sig: int
) -> None:
    proc = _start_up(tmp_path, data)
    try:
        assert proc.stderr is not None
        for line in proc.stderr:  # Redis is up; the workers are starting
            if "starting local workers" in line:
                break
        deadline = time.monotonic() + 30
        while len(_ours(data)) < 5 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(_ours(data)) >= 5  # supervisor, redis, three workers
        proc.send_signal(sig)
        proc.wait(timeout=90)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode != 0
    assert _gone(data) == set()
    assert not state_path(data).exists()
    again = cli(tmp_path, data, "up")  # and a new one starts cleanly
    assert again.returncode == 0, again.stderr
    assert cli(tmp_path, data, "down").returncode == 0
    assert _gone(data, timeout=5) == set()


def test_a_stale_state_is_detected_and_cleaned(tmp_path: Path, data: Path) -> None:
    up = cli(tmp_path, data, "up")
    assert up.returncode == 0, up.stderr
    state = read_state(data)
    assert state is not None
    os.kill(state.supervisor.pid, signal.SIGKILL)  # a crash: no clean-up ran
    assert _gone(data) == set()  # its workers and Redis went with it
    assert state_path(data).exists()
    proc = cli(tmp_path, data, "down")
    assert proc.returncode == 0, proc.stderr
    assert "stale" in proc.stdout
    assert not state_path(data).exists()
    assert not Path(state.socket).parent.exists()

    dead = subprocess.Popen(["true"])
    dead.wait()
    write_state(data, ClusterState("redis+socket:///nowhere", "/nowhere", ProcRef(dead.pid, 1)))
    spec = _specs(tmp_path / "s", factorial=FACTORIAL) / "factorial.spec"
    detached = cli(tmp_path, data, "submit", str(spec), "--detach")
    assert detached.returncode == 2  # no cluster found: the stale state is not one
    assert "--detach needs a cluster" in detached.stderr
    assert not state_path(data).exists()


def test_bad_input_is_one_line_and_exit_2_before_anything_starts(tmp_path: Path) -> None:
    data = tmp_path / "data"
    empty = tmp_path / "empty"
    empty.mkdir()
    good = _specs(tmp_path / "good", factorial=FACTORIAL)
    bad = _specs(tmp_path / "bad", factorial=FACTORIAL, two="def a(x):\n    pass\ndef b(y):\n")
    for args, message in [
        ((str(empty),), "no *.spec files in this folder"),
        ((str(good / "factorial.spec"), "missing.spec"), "missing.spec: no such file"),
        ((str(good), str(good)), "also written by"),
        ((str(bad),), "more than one function to write"),
    ]:
        proc = cli(tmp_path, data, "submit", *args, timeout=60)
        assert proc.returncode == 2, (args, proc.stderr)
        assert proc.stderr.count("\n") == 1 and message in proc.stderr, proc.stderr
    assert not (tmp_path / "sources").exists()
    assert not (data / "logs").exists()  # no cluster was started


def test_a_process_is_known_by_pid_and_start_time() -> None:
    me = ProcRef.of(os.getpid())
    assert me.alive()
    assert not ProcRef(os.getpid(), me.start + 1).alive()  # the pid, reused by another process
    done = subprocess.Popen(["true"])
    done.wait()
    assert not ProcRef.of(done.pid).alive()
