"""Scale-out simulation: N llm workers whose model is the `fake` backend (a scripted stand-in,
not a model) at a fixed latency per call, standing in for one GPU each, beside real sandbox and
control workers on the embedded Redis.

Part 1: for N = 1, 2, 4, 8 llm workers, JOBS_PER_WORKER x N jobs at once; jobs/hour for each,
and ``efficiency`` = jobs/hour at N = 8 / (8 x jobs/hour at N = 1) (1.0: linear).
Part 2: 200 jobs at once on 8 llm workers: the control worker's CPU seconds per job, Redis
commands per job (INFO commandstats, before and after) and the latency from a step finishing
(its task sending ``sc.advance``) to the first follow-up task the coordinator sends for it
(Celery's task-sent events, linked by ``parent_id``), median and p99. On a real cluster the
control node shares its CPU with no llm or sandbox worker; so that the simulated nodes' pytest
runs do not stand in its way here, part 2 splits the machine's cores (``pinned``): Redis and
the control worker on the first; every llm and sandbox worker process (and what they start)
and this script (the client: it submits and reads every task event) on the others. With one
core nothing is pinned.
The last line is one JSON object.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from supercharger.cluster.local import EmbeddedRedis, LocalCluster
from supercharger.constants import ACTIVE_JOBS, TASK_ADVANCE
from supercharger.settings import Settings
from supercharger.spec import parse_spec
from supercharger.tasks import client
from supercharger.tasks.store import JobStore

SIZES = (1, 2, 4, 8)
JOBS_PER_WORKER = 3
CALL_S = 3.0  # the fake model's latency per call (generation, judge, score) in part 1
BURST_JOBS = 200
BURST_CALL_S = 0.2  # part 2 measures the control plane: shorter calls, more traffic
SPEC = parse_spec("# factorial of a non-negative integer\ndef factorial(n):\n", "factorial.spec")
FAKE = {
    "code_replies": [" return 1 if n < 2 else n * factorial(n - 1)\n```"],
    "test_replies": [  # three distinct checks: the least a judged pass may rest on
        "five():\n    assert factorial(5) == 120\n    assert factorial(0) == 1\n"
        "    assert factorial(3) == 6\n```"
    ],
    "judge_score": 0.9,
    "score": 0.8,
}


def _env(call_s: float) -> dict[str, str]:
    fake = FAKE | {"delay_s": call_s, "verdict_delay_s": call_s}
    return {"SUPERCHARGER_LLM_BACKEND": "fake", "SUPERCHARGER_LLM_OPTIONS": json.dumps(fake)}


def _settings(url: str) -> Settings:
    return Settings(
        broker_url=url, max_candidates=1, batch_size=1, threshold=0.5, stop_rule="judge"
    )


def _run_jobs(store: JobStore, url: str, n: int) -> tuple[float, list[str]]:
    """Submit ``n`` jobs at once; seconds until the last one finished, and their statuses."""
    t0 = time.monotonic()
    jobs = [client.submit(store, SPEC, _settings(url)) for _ in range(n)]
    while store.r.scard(ACTIVE_JOBS):
        time.sleep(0.2)
    wall = time.monotonic() - t0
    return wall, [store.meta(j)["status"].value for j in jobs]


def _llm_workers(cluster: LocalCluster, store: JobStore, n: int) -> None:
    """Start llm workers until ``n`` run, and wait until each has loaded and reported."""
    names = [f"llm{i}@bench" for i in range(n)]
    for name in names:
        if name not in cluster.workers:
            cluster.start_worker("llm", name=name)
    while not set(names) <= set(store.workers(max_age=30)):
        cluster.check_alive()
        time.sleep(0.2)


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _commands(store: JobStore) -> int:
    stats = store.r.info("commandstats")
    return sum(int(v["calls"]) for v in stats.values())


class SentEvents:
    """Celery's task-sent events, captured in a thread: uuid -> (name, parent_id, time)."""

    def __init__(self, url: str) -> None:
        from supercharger.tasks.app import app

        self.app, self.url = app, url
        self.sent: dict[str, tuple[str, str | None, float]] = {}
        self.receiver: Any = None
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._capture, daemon=True)

    def _on_sent(self, event: dict[str, Any]) -> None:
        self.sent[event["uuid"]] = (event["name"], event.get("parent_id"), event["timestamp"])

    def _capture(self) -> None:
        with self.app.connection_for_read(self.url) as conn:
            self.receiver = self.app.events.Receiver(conn, handlers={"task-sent": self._on_sent})
            self.ready.set()
            self.receiver.capture(limit=None, timeout=None, wakeup=False)

    def __enter__(self) -> SentEvents:
        self.thread.start()
        self.ready.wait(10)
        time.sleep(1.0)  # subscribed before the first job
        return self

    def __exit__(self, *_: object) -> None:
        time.sleep(1.0)  # the last events arrive
        if self.receiver is not None:
            self.receiver.should_stop = True
        self.thread.join(5)

    def dispatch_latencies(self) -> list[float]:
        """Per ``sc.advance`` sent by a finishing step that led to new tasks: seconds from its
        sending to the first task the coordinator sent while running it."""
        first: dict[str, float] = {}
        for name, parent, t in list(self.sent.values()):
            if name != TASK_ADVANCE and parent in self.sent:
                first[parent] = min(t, first.get(parent, t))
        out = []
        for advance_id, t_follow in first.items():
            name, parent, t_sent = self.sent[advance_id]
            if name == TASK_ADVANCE and parent is not None:  # sent by a step, not a sweep
                out.append(t_follow - t_sent)
        return sorted(out)


def _scaling(cluster: LocalCluster, store: JobStore, url: str) -> dict[str, Any]:
    _llm_workers(cluster, store, 1)
    _run_jobs(store, url, 2)  # warm: sandbox runners booted, code paths imported
    per_hour: dict[str, float] = {}
    for n in SIZES:
        _llm_workers(cluster, store, n)
        wall, statuses = _run_jobs(store, url, JOBS_PER_WORKER * n)
        per_hour[str(n)] = round(len(statuses) / wall * 3600, 1)
        passed = statuses.count("passed")
        print(f"N={n}: {len(statuses)} jobs ({passed} passed) in {wall:.1f} s "
              f"= {per_hour[str(n)]} jobs/hour", flush=True)  # fmt: skip
    big = str(SIZES[-1])
    efficiency = per_hour[big] / (SIZES[-1] * per_hour["1"])
    return {"jobs_per_hour": per_hour, "efficiency": round(efficiency, 3)}


def _descendants(root: int) -> list[int]:
    """``root`` and every process below it (from /proc's parent ids)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(stat.parent.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


def _pin(roots: list[int], cpus: set[int]) -> None:
    for root in roots:
        for pid in _descendants(root):
            try:
                os.sched_setaffinity(pid, cpus)
            except OSError:  # gone, or not ours to move
                pass


def _split_cores(cluster: LocalCluster, redis: EmbeddedRedis) -> dict[str, list[int]]:
    """The control node's core apart from the simulated llm and sandbox nodes' cores."""
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) < 2:
        return {}
    control, others = {cores[0]}, set(cores[1:])
    workers = [p.pid for n, p in cluster.workers.items() if n != "control"]
    _pin([*workers, os.getpid()], others)  # this script submits and watches: a client node
    _pin([cluster.workers["control"].pid], control)
    if redis.proc is not None:
        _pin([redis.proc.pid], control)
    return {"control": sorted(control), "workers": sorted(others)}


def _burst(cluster: LocalCluster, store: JobStore, url: str) -> dict[str, Any]:
    control = cluster.workers["control"].pid
    with SentEvents(url) as events:
        cpu0, cmd0 = _cpu_seconds(control), _commands(store)
        wall, statuses = _run_jobs(store, url, BURST_JOBS)
        cpu1, cmd1 = _cpu_seconds(control), _commands(store)
    lat = events.dispatch_latencies()
    p99 = lat[max(0, int(len(lat) * 0.99) - 1)] if lat else float("nan")
    print(f"{BURST_JOBS} jobs ({statuses.count('passed')} passed) in {wall:.1f} s; "
          f"{len(lat)} dispatches measured", flush=True)  # fmt: skip
    return {
        "burst_jobs": BURST_JOBS,
        "burst_wall_s": round(wall, 1),
        "coordinator_cpu_s_per_job": round((cpu1 - cpu0) / BURST_JOBS, 4),
        "redis_commands_per_job": round((cmd1 - cmd0) / BURST_JOBS, 1),
        "dispatch_latency_median_ms": round(statistics.median(lat) * 1000, 2) if lat else None,
        "dispatch_latency_p99_ms": round(p99 * 1000, 2),
        "dispatches_measured": len(lat),
    }


def _cluster(logs: Path, url: str, call_s: float) -> LocalCluster:
    return LocalCluster(logs, roles=("control", "sandbox"), env=_env(call_s),
                        broker_url=url, sandbox_concurrency=2)  # fmt: skip


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        redis = EmbeddedRedis(Path(tmp))
        redis.start()
        try:
            store = client.connect(redis.url)
            with _cluster(Path(tmp) / "scaling", redis.url, CALL_S) as cluster:
                figures = _scaling(cluster, store, redis.url)
            with _cluster(Path(tmp) / "burst", redis.url, BURST_CALL_S) as cluster:
                _llm_workers(cluster, store, SIZES[-1])
                figures["pinned"] = _split_cores(cluster, redis)
                figures |= _burst(cluster, store, redis.url)
        finally:
            redis.stop()
    figures |= {"call_s": CALL_S, "burst_call_s": BURST_CALL_S, "cores": os.cpu_count()}
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
