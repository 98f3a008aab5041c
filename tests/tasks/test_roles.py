"""Roles routed to queues of their own, on real parts: a real Redis server on loopback TCP with
a password, real `supercharger worker` processes, the real sandbox. The LLM is the `fake`
backend (a scripted stand-in, not a model); the generating worker and the judging worker are
scripted with different scores, so the scores a job records say which worker judged it."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from supercharger.cluster.local import redis_server_binary
from supercharger.constants import CONTROL_QUEUE, LLM_QUEUE
from supercharger.settings import Settings
from supercharger.spec import parse_spec
from supercharger.tasks import client
from supercharger.tasks.client import connect
from supercharger.tasks.coordinator import split_by_queue, unserved_note
from supercharger.tasks.stepkey import Gen, Judge
from supercharger.tasks.store import JobStore

SPEC = parse_spec("# factorial of a non-negative integer\ndef factorial(n):\n", "factorial.spec")
RIGHT = " return 1 if n < 2 else n * factorial(n - 1)\n```"
WRONG = " return n\n```"
TEST_OK = (  # three distinct checks, none the identity's: the least a judged pass may rest on
    "five():\n    assert factorial(5) == 120\n    assert factorial(0) == 1\n"
    "    assert factorial(3) == 6\n```"
)
TEST_WEAK = "one():\n    assert factorial(1) == 1\n```"
PASSWORD = "s3cret-pw"
GENERATOR = {"code_replies": [WRONG, RIGHT], "test_replies": [TEST_WEAK, TEST_OK],
             "judge_score": 0.0, "score": 0.11}  # fmt: skip
JUDGE = {"judge_score": 0.93, "score": 0.77}  # what only the judging worker answers
ROUTED = "judge,score"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(pred: Callable[[], object], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not pred():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.1)


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A redis-server on 127.0.0.1 with a password and the append-only file (as a cluster's)."""
    data = tmp_path_factory.mktemp("redis-tcp")
    port = _free_port()
    args = [redis_server_binary(), "--port", str(port), "--bind", "127.0.0.1",
            "--requirepass", PASSWORD, "--dir", str(data), "--appendonly", "yes",
            "--save", "", "--daemonize", "no"]  # fmt: skip
    log = open(data / "redis.log", "ab")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
    url = f"redis://:{PASSWORD}@127.0.0.1:{port}/0"
    try:
        _wait(lambda: _pings(url), timeout=15)
        yield url
    finally:
        proc.terminate()
        proc.wait(10)
        log.close()


def _pings(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


class Workers:
    """`supercharger worker` processes started for one test and stopped after it."""

    def __init__(self, url: str, logs: Path) -> None:
        self.url, self.logs = url, logs
        self.procs: dict[str, subprocess.Popen[bytes]] = {}

    def env(self, fake: dict[str, object], **extra: str) -> dict[str, str]:
        return (
            dict(
                os.environ,
                SUPERCHARGER_BROKER_URL=self.url,
                SUPERCHARGER_LLM_BACKEND="fake",
                SUPERCHARGER_LLM_OPTIONS=json.dumps(fake),
                SUPERCHARGER_ROUTED_ROLES=ROUTED,
                PYTHONUNBUFFERED="1",
            )
            | extra
        )

    def start(self, name: str, role: str, *args: str, fake: dict[str, object], **env: str) -> None:
        cmd = [sys.executable, "-m", "supercharger", "worker", role, "--name", name, *args]
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 - owned by the process
        self.procs[name] = subprocess.Popen(
            cmd,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=self.env(fake, **env),
            start_new_session=True,
        )

    def wait_ready(self, store: JobStore, *names: str) -> None:
        def ready() -> bool:
            for name in names:
                code = self.procs[name].poll()
                assert code is None, f"worker {name} exited {code}: see {self.logs}"
            return set(names) <= set(store.heartbeats(max_age=30))

        _wait(ready, timeout=120)

    def stop(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


@pytest.fixture
def workers(redis_url: str, tmp_path: Path) -> Iterator[Workers]:
    pool = Workers(redis_url, tmp_path)
    try:
        yield pool
    finally:
        pool.stop()


@pytest.fixture
def store(redis_url: str) -> JobStore:
    store = connect(redis_url)
    store.r.flushdb()  # each test starts from an empty broker: no old heartbeats, no messages
    return store


def _cli(*args: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "supercharger", *args]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)


# ---- pure parts -----------------------------------------------------------------------------
def test_a_generation_batch_splits_where_its_kinds_go_to_different_queues() -> None:
    group = [Gen("code", 0), Gen("test", 0)]
    assert split_by_queue(group, ()) == [group]
    assert split_by_queue(group, ("test",)) == [[Gen("code", 0)], [Gen("test", 0)]]
    assert split_by_queue([Judge("c0.0", "t0.0")], ("judge",)) == [[Judge("c0.0", "t0.0")]]


def test_the_note_names_each_role_nobody_serves() -> None:
    assert unserved_note({LLM_QUEUE, "sandbox", "llm.judge"}, ("judge",), scoring=True) == ""
    note = unserved_note({LLM_QUEUE, "sandbox"}, ("judge", "score"), scoring=True)
    assert note == "no live worker serves judge (queue llm.judge), score (queue llm.score)"
    assert unserved_note({LLM_QUEUE, "sandbox"}, ("score",), scoring=False) == ""


# ---- bad input ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "routed", "says"),
    [
        (["llm", "--roles", "judge"], "", "nothing routes the judge role"),
        (["llm", "--roles", "judge,score"], "judge", "nothing routes the score role"),
        (["llm", "--roles", "jduge"], "judge", "unknown LLM role 'jduge'"),
        (["sandbox", "--roles", "judge"], "judge", "--roles is for llm workers"),
    ],
)
def test_a_worker_for_a_role_nothing_routes_to_exits_2(
    args: list[str], routed: str, says: str, redis_url: str
) -> None:
    env = dict(os.environ, SUPERCHARGER_BROKER_URL=redis_url, SUPERCHARGER_ROUTED_ROLES=routed)
    done = _cli("worker", *args, env=env)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and says in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def _queued(store: JobStore, queue: str) -> list[str]:
    """The messages waiting on ``queue``: kombu keeps one Redis list per priority step
    (a new job's first advance has priority 9)."""
    from kombu.transport.redis import PRIORITY_STEPS, Channel

    names = [queue if step == 0 else f"{queue}{Channel.sep}{step}" for step in PRIORITY_STEPS]
    return [m for name in names for m in store.r.lrange(name, 0, -1)]


def test_bad_broker_exits_in_one_line_and_loses_no_queued_job(
    redis_url: str, store: JobStore, workers: Workers
) -> None:
    settings = Settings(broker_url=redis_url, max_candidates=4, batch_size=2, threshold=0.5)
    job = client.submit(store, SPEC, settings)  # its first message waits on the control queue
    queued = _queued(store, CONTROL_QUEUE)
    assert len(queued) == 1
    wrong = redis_url.replace(PASSWORD, "wrong-pw")
    closed = f"redis://127.0.0.1:{_free_port()}/0"
    for url, says in ((wrong, "refused us"), (closed, "cannot reach Redis")):
        env = dict(workers.env(GENERATOR), SUPERCHARGER_BROKER_URL=url)
        done = _cli("worker", "control", env=env, timeout=30)
        assert done.returncode == 1, done.stderr
        assert done.stderr.count("\n") == 1 and says in done.stderr, done.stderr
        assert "wrong-pw" not in done.stderr and "Traceback" not in done.stderr
    assert _queued(store, CONTROL_QUEUE) == queued
    # the job is still whole: right workers run it to the end
    workers.start("control@t", "control", fake=GENERATOR)
    workers.start("sandbox@t", "sandbox", "--concurrency", "2", fake=GENERATOR)
    workers.start("llm@t", "llm", fake=GENERATOR)
    workers.start("judge@t", "llm", "--roles", ROUTED, fake=JUDGE)
    prog = client.follow(store, job, lambda _p: None, deadline_s=120)
    assert prog.status == "passed", prog.reason


# ---- routing --------------------------------------------------------------------------------
def test_judge_and_score_run_on_their_own_worker_and_a_missing_one_is_said(
    redis_url: str, store: JobStore, workers: Workers
) -> None:
    workers.start("control@t", "control", fake=GENERATOR)
    workers.start("sandbox@t", "sandbox", "--concurrency", "2", fake=GENERATOR)
    workers.start("llm@t", "llm", "--gpus", "0", fake=GENERATOR)
    workers.wait_ready(store, "control@t", "sandbox@t", "llm@t")
    settings = Settings(broker_url=redis_url, max_candidates=4, batch_size=2, threshold=0.5,
                        score_codes=True)  # fmt: skip
    job = client.submit(store, SPEC, settings)
    lines: list[str] = []

    def judge_missing() -> bool:  # the job says what it waits for, as `submit` shows it
        for _eid, kind, data in store.events(job, block_ms=200):
            client_prog.apply(kind, data)
        lines.append(client_prog.line())
        return bool(client_prog.waiting)

    client_prog = client.Progress()
    _wait(judge_missing)
    assert client_prog.waiting == (
        "no live worker serves judge (queue llm.judge), score (queue llm.score)"
    )
    assert "waiting: no live worker serves judge" in lines[-1]
    status = _cli("status", job, "--json", env=workers.env(GENERATOR))
    assert json.loads(status.stdout)["waiting"] == client_prog.waiting
    assert not store.judged(job) and not store.scores(job)

    workers.start("judge@t", "llm", "--roles", ROUTED, fake=JUDGE)
    prog = client.follow(store, job, lambda _p: None, deadline_s=120)
    assert prog.status == "passed", prog.reason
    assert prog.waiting == "" and prog.errors == []
    # the generator would have judged 0.0 and scored 0.11: every verdict is the judge worker's
    assert {v["score"] for v in store.judged(job).values()} == {JUDGE["judge_score"]}
    assert {v["score"] for v in store.scores(job).values()} == {JUDGE["score"]}

    listed = _cli("workers", "--json", env=workers.env(GENERATOR))
    assert listed.returncode == 0, listed.stderr
    rows = {row["worker"]: row for row in json.loads(listed.stdout)["workers"]}
    assert set(rows) == {"control@t", "sandbox@t", "llm@t", "judge@t"}
    assert rows["llm@t"]["roles"] == ["code", "test", "repair"]
    assert rows["llm@t"]["cuda_visible_devices"] == "0"
    assert rows["judge@t"]["roles"] == ["judge", "score"]
    assert rows["judge@t"]["queues"] == ["llm.judge", "llm.score"]
    assert rows["judge@t"]["cuda_visible_devices"] is None
    assert rows["judge@t"]["backend"] == "fake" and rows["judge@t"]["model"] == "bundled"
    assert rows["control@t"]["routed_roles"] == ["judge", "score"]
    assert rows["sandbox@t"]["roles"] == ["sandbox"] and rows["sandbox@t"]["backend"] is None
    table = _cli("workers", env=workers.env(GENERATOR)).stdout
    assert "judge@t" in table and "judge,score" in table and "fake:bundled" in table
    # load: the next heartbeat counts the tasks each worker took
    _wait(lambda: all(store.heartbeats()[w]["done"] > 0 for w in rows), timeout=30)


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_a_hosted_judge_without_logprobs_judges_from_its_written_answer(
    redis_url: str, store: JobStore, workers: Workers, tmp_path: Path
) -> None:
    """The judge and score roles on the openai backend, pointed at a real OpenAI-compatible
    server (tests/llm/openai_server.py, serving the bundled model) that drops logprobs."""
    from supercharger.llm import get_backend
    from supercharger.tasks.worker_hooks import device_map
    from tests.llm.openai_server import ModelServer

    local = get_backend("transformers", "bundled", cache_dir=tmp_path / "models")
    assert device_map(local) == {"": "cpu"}  # what a transformers worker's heartbeat says here
    assert device_map(get_backend("fake")) is None
    server = ModelServer(local)
    server.start()
    try:
        hosted = {"base_url": server.url + "/nologprobs/v1", "max_retries": 1, "backoff_s": 0.01}
        workers.start("control@t", "control", fake=GENERATOR)
        workers.start("sandbox@t", "sandbox", "--concurrency", "2", fake=GENERATOR)
        workers.start("llm@t", "llm", fake=GENERATOR)
        workers.start("judge@t", "llm", "--roles", ROUTED, fake={},
                      SUPERCHARGER_LLM_BACKEND="openai",
                      SUPERCHARGER_LLM_OPTIONS=json.dumps(hosted))  # fmt: skip
        workers.wait_ready(store, "control@t", "sandbox@t", "llm@t", "judge@t")
        settings = Settings(broker_url=redis_url, max_candidates=4, batch_size=2, threshold=0.5,
                            stop_rule="judge", budget_seconds=240, score_codes=True)  # fmt: skip
        job = client.submit(store, SPEC, settings)
        prog = client.follow(store, job, lambda _p: None, deadline_s=300)
    finally:
        server.stop()
    judged = [v for v in store.judged(job).values()]
    assert judged, prog.reason
    # every verdict came from the hosted server's written answer: no failed step, no error
    assert prog.errors == [] and all("error" not in v for v in judged)
    assert all("error" not in v for v in store.scores(job).values())
    asked = [body for path, body in server.requests if path.startswith("/nologprobs/")]
    assert asked and all(body.get("logprobs") for body in asked if body["max_tokens"] == 1)
    # the generator would have said 0.0 and 0.11: these are the hosted model's verdicts
    assert {v["score"] for v in store.scores(job).values()} - {GENERATOR["score"]}
    best = max(v["score"] for v in judged)
    assert (prog.status == "passed") == (best >= 0.5), (prog.status, prog.reason, judged)
