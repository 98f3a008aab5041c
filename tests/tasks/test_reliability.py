"""Crashes on real parts: a real Redis server, real `celery worker` processes killed with
SIGKILL, many jobs at once. The LLM is the `fake` backend (a scripted stand-in, not a
model), slowed down so that a kill lands mid-generation."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest

from supercharger.cluster.local import EmbeddedRedis, LocalCluster
from supercharger.settings import Settings
from supercharger.spec import parse_spec
from supercharger.tasks import client
from supercharger.tasks.client import connect
from supercharger.tasks.stepkey import generation, parse
from supercharger.tasks.store import JobStore

SPEC = parse_spec("# factorial of a non-negative integer\ndef factorial(n):\n", "factorial.spec")
RIGHT = " return 1 if n < 2 else n * factorial(n - 1)\n```"
WRONG = " return n\n```"
TEST_OK = (  # three distinct checks: the least a judged pass may rest on
    "five():\n    assert factorial(5) == 120\n    assert factorial(0) == 1\n"
    "    assert factorial(3) == 6\n```"
)


def _env(**fake: object) -> dict[str, str]:
    return {"SUPERCHARGER_LLM_BACKEND": "fake", "SUPERCHARGER_LLM_OPTIONS": json.dumps(fake)}


def _wait(pred, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not pred():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


def _no_duplicates(store: JobStore, job: str, batch: int) -> None:
    """Every finished generation step left exactly its batch: none lost, none doubled."""
    cands = {c: v for c, v in store.candidates(job).items() if v.kind != "stub"}
    done = store.gen_done(job)
    assert done and len(cands) == len(done) * batch
    for key in done:
        kind, slot = generation(key), key.slot
        prefix = {"code": "c", "test": "t", "improve": "i"}[kind]
        assert sum(1 for c in cands if c.startswith(f"{prefix}{slot}.")) == batch


def _generating(url: str, max_candidates: int) -> tuple[JobStore, str]:
    """A job submitted through the Redis at ``url``, once its first code generation runs."""
    store = connect(url)
    settings = Settings(broker_url=url, max_candidates=max_candidates, batch_size=2)
    job = client.submit(store, SPEC, settings)
    _wait(lambda: parse("gen:code:0") in store.running(job))
    return store, job


def _kill(cluster: LocalCluster, role: str) -> None:
    """SIGKILL a worker and its pool: no shutdown, no ack, no unregistering."""
    victim = cluster.workers.pop(role)
    os.killpg(victim.pid, signal.SIGKILL)
    victim.wait()


@pytest.mark.timeout(240)
def test_sigkill_of_the_llm_worker_mid_generation(
    redis_server: EmbeddedRedis, tmp_path: Path
) -> None:
    # one code batch only: the job can pass only if the killed step is run again elsewhere
    env = _env(code_replies=[RIGHT], test_replies=[TEST_OK], delay_s=2.0)
    with LocalCluster(log_dir=tmp_path, env=env, broker_url=redis_server.url) as cluster:
        store, job = _generating(redis_server.url, 2)
        _kill(cluster, "llm")
        cluster.start_worker("llm", name="llm2@test")
        prog = client.follow(store, job, lambda _p: None, deadline_s=180)
        assert prog.status == "passed"
        assert prog.errors == []
        assert parse("gen:code:0") in store.gen_done(job)
        _no_duplicates(store, job, batch=2)


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_twenty_jobs_at_once_on_one_small_cluster(
    redis_server: EmbeddedRedis, tmp_path: Path
) -> None:
    env = _env(code_replies=[WRONG, RIGHT], test_replies=[TEST_OK])
    with LocalCluster(log_dir=tmp_path, env=env, broker_url=redis_server.url):
        store = connect(redis_server.url)
        settings = Settings(broker_url=redis_server.url, max_candidates=4, batch_size=2)
        jobs = [client.submit(store, SPEC, settings) for _ in range(20)]
        statuses = [client.follow(store, j, lambda _p: None, deadline_s=240).status for j in jobs]
        assert statuses == ["passed"] * 20


@pytest.mark.timeout(240)
def test_redis_restart_mid_job(tmp_path: Path) -> None:
    # its own server: restarting the session's one would pull it from under other tests
    server = EmbeddedRedis(tmp_path / "redis")
    server.start()
    try:
        env = _env(code_replies=[RIGHT], test_replies=[TEST_OK], delay_s=2.0)
        with LocalCluster(log_dir=tmp_path, env=env, broker_url=server.url) as cluster:
            store, job = _generating(server.url, 4)
            server.stop(remove=False)  # SIGTERM: the append-only file is flushed
            time.sleep(1.0)
            server.start()
            prog = client.follow(connect(server.url), job, lambda _p: None, deadline_s=180)
            assert prog.status == "passed", prog
            assert prog.errors == []
            cluster.check_alive()
    finally:
        server.stop()


@pytest.mark.timeout(240)
def test_sigkill_of_the_coordinator_mid_job(redis_server: EmbeddedRedis, tmp_path: Path) -> None:
    # the control worker holds no state of its own: a new one takes the job over from Redis
    env = _env(code_replies=[WRONG, RIGHT], test_replies=[TEST_OK], delay_s=1.0)
    with LocalCluster(log_dir=tmp_path, env=env, broker_url=redis_server.url) as cluster:
        store, job = _generating(redis_server.url, 4)
        _kill(cluster, "control")
        time.sleep(3.0)  # the llm step finishes meanwhile; its advance waits in the queue
        cluster.start_worker("control", name="control2@test")
        prog = client.follow(store, job, lambda _p: None, deadline_s=180)
        assert prog.status == "passed"
        assert prog.errors == []
        _no_duplicates(store, job, batch=2)


@pytest.mark.timeout(120)
def test_steps_revoked_at_a_jobs_end_leave_no_warning_per_task(
    redis_server: EmbeddedRedis, tmp_path: Path
) -> None:
    # Celery tries to mark every revoked task in a result backend, which supercharger does
    # not have: without the worker's log filter that is two log lines per revoked step
    from supercharger.tasks.app import app

    env = _env(code_replies=[WRONG], test_replies=[TEST_OK], delay_s=0.5)
    with LocalCluster(log_dir=tmp_path, env=env, broker_url=redis_server.url):
        store = connect(redis_server.url)
        settings = Settings(broker_url=redis_server.url, max_candidates=10_000, batch_size=2)
        job = client.submit(store, SPEC, settings)
        _wait(lambda: len(store.sent(job)) >= 4)
        client.cancel(store, job)
        assert client.follow(store, job, lambda _p: None, deadline_s=60).status == "cancelled"
        sent = set(store.sent(job).values())

        def revoked_everywhere() -> bool:
            seen = app.control.inspect(timeout=1.0).revoked() or {}
            return len(seen) == 3 and all(sent <= set(ids) for ids in seen.values())

        _wait(revoked_everywhere)  # every worker has handled the revoke
    logs = {p.name: p.read_text() for p in tmp_path.glob("worker-*.log")}
    assert len(logs) == 3
    for name, text in logs.items():
        assert "as revoked in backend" not in text, name
