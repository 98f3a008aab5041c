"""Several jobs on one llm worker with the real bundled model: their generation tasks run at once
and their rows share the worker's batch; a SIGKILLed llm worker loses no job's work (its
tasks are sent again whole and every job completes, each candidate exactly once)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from supercharger.cluster.local import EmbeddedRedis, LocalCluster
from supercharger.records import JobStatus
from supercharger.settings import Settings
from supercharger.spec import parse_spec
from supercharger.tasks import client
from supercharger.tasks.client import connect
from supercharger.tasks.stepkey import generation
from supercharger.tasks.store import JobStore
from tests.tasks.test_reliability import _kill, _no_duplicates

SPECS = [
    parse_spec("# factorial of a non-negative integer\ndef factorial(n):\n", "factorial.spec"),
    parse_spec("# the sum of a list of numbers\ndef total(xs):\n", "total.spec"),
]
FINAL = {s.value for s in JobStatus} - {JobStatus.RUNNING.value}


def _wait(pred, timeout: float) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not pred():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.1)


def _generating(store: JobStore, job: str) -> bool:
    return any(generation(k) for k in store.running(job))


@pytest.mark.slow
@pytest.mark.timeout(1200)
def test_jobs_share_the_llm_batch_and_survive_a_killed_llm_worker(
    redis_server: EmbeddedRedis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {"SUPERCHARGER_LLM_BACKEND": "transformers"}
    plain = LocalCluster._worker_cmd

    def threaded(self: LocalCluster, role: str) -> list[str]:  # 4 llm tasks at once
        return plain(self, role) + (["--concurrency", "4"] if role == "llm" else [])

    monkeypatch.setattr(LocalCluster, "_worker_cmd", threaded)
    with LocalCluster(log_dir=tmp_path, env=env, broker_url=redis_server.url) as cluster:
        store = connect(redis_server.url)
        settings = Settings(broker_url=redis_server.url, max_candidates=4, batch_size=2,
                            max_new_tokens=64, budget_seconds=600)  # fmt: skip
        jobs = [client.submit(store, spec, settings) for spec in SPECS]
        _wait(lambda: all(_generating(store, j) for j in jobs), 300)
        killed = {j: set(store.running(j)) for j in jobs}
        _kill(cluster, "llm")  # both jobs' generation tasks die with it, unacknowledged
        cluster.start_worker("llm", name="llm2@test")
        progress = [client.follow(store, j, lambda _p: None, deadline_s=900) for j in jobs]
        for job, prog in zip(jobs, progress, strict=True):
            assert prog.status in FINAL, prog
            assert prog.errors == []
            # the killed steps ran again, whole; each step's candidates exist exactly once
            assert {k for k in killed[job] if generation(k)} <= store.gen_done(job)
            _no_duplicates(store, job, batch=2)
        calls = [c for j in jobs for c in store.calls(j).values() if c["kind"] != "judge"]
        generations = [c for c in calls if "batch_rows" in c]
        assert generations
        # at least one call decoded beside another job's rows (more rows than its own 2)
        assert max(c["batch_rows"] for c in generations) > 2, json.dumps(generations)[:2000]
