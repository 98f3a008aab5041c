"""A multi-node rehearsal on one machine: every node in its own network namespace, with its own
address on a bridge the test makes (in a namespace of its own: the host's interfaces are never
touched), its own hostname (a UTS namespace) and its own data directory.

Nodes: ``control`` (Redis on its TCP address with a password and the append-only file, the
control worker, Flower with basic auth), ``llm-1`` and ``llm-2``, ``sandbox-1`` to ``sandbox-3``
(the bubblewrap sandbox), the submitting ``client``; ``llm-3`` joins mid-job. Every worker is
started with the project's own ``supercharger worker ROLE`` through ``ip netns exec``; the
client submits with ``supercharger submit --detach`` and fetches ``supercharger result`` from
its own namespace, and reads Redis and Flower from there too. Which worker ran which task is
read from Flower's API (the workers' task events), by worker hostname.

One job: llm-1 is killed mid-generation, sandbox-1 mid-matrix (cut off the network, so what
they hold is fixed, then SIGKILL of every process in their namespaces), sandbox-2 is cut off
the network mid-step and comes back after the coordinator has re-sent its step (so both copies
run), llm-2 is killed mid-generation too, then llm-3 joins, the only llm node left, and takes
the lost generations and the rest of the work. The job must pass with every lost step done
elsewhere and every pair in the matrix counted once.

What is real and what is not: Redis, the Celery workers, Flower, the coordinator and the
sandbox are real. The kill/join choreography runs on the ``fake`` LLM backend (a scripted
stand-in, not a model) with a fixed latency per call, so that a kill lands mid-generation:
llm-1 and llm-2 write wrong code, only llm-3 (the node that joins) writes the right one, so
the job can pass only once the joined node has worked. ``test_real_model_across_two_llm_nodes``
(slow) runs one job through the real bundled model on two llm nodes, with no kills.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import redis

from tests.cluster.conftest import FAILED
from tests.cluster.netns import (
    InNamespace,
    Network,
    Node,
    netns_available,
    strays,
)
from tests.cluster.nodes import (
    REDIS_PORT,
    Processes,
    node_dir,
    node_env,
    redis_argv,
    wait_for,
    worker_argv,
)

_why_not = netns_available()
pytestmark = pytest.mark.skipif(_why_not is not None, reason=f"rehearsal {_why_not}")

from supercharger.records import JobStatus  # noqa: E402
from supercharger.spec import STUB_PREFIX  # noqa: E402
from supercharger.tasks.stepkey import Gen, RunPair, StepKey, generation  # noqa: E402
from supercharger.tasks.store import JobStore  # noqa: E402

SPEC = "# factorial of a non-negative integer\ndef factorial(n):\n"
WRONG = " return n\n```"
RIGHT = " return 1 if n < 2 else n * factorial(n - 1)\n```"
TEST_OK = (  # three distinct checks, the least a judged pass may rest on
    "five():\n    assert factorial(5) == 120\n    assert factorial(0) == 1\n"
    "    assert factorial(3) == 6\n```"
)
# a test that takes a while, so that a step holding it is still running when its node is cut off
TEST_SLOW = "slow():\n    __import__('time').sleep(0.5)\n    assert factorial(4) == 24\n```"
PASSWORD = "rehearsal-" + base64.b16encode(os.urandom(6)).decode().lower()
FLOWER_AUTH = "admin:" + PASSWORD
FLOWER_PORT = 5555
BATCH = 2


@dataclass
class Cluster:
    """The rehearsal's network, processes and the client's view of Redis and Flower."""

    net: Network
    procs: Processes
    base: Path
    nodes: dict[str, Node] = field(default_factory=dict)
    client: InNamespace | None = None
    store: JobStore | None = None
    job: str = ""
    marks: list[tuple[str, float]] = field(default_factory=list)

    def mark(self, label: str) -> None:
        """Note when a phase of the rehearsal ended (printed with the result)."""
        self.marks.append((label, time.monotonic()))

    def phases(self) -> str:
        t0 = self.marks[0][1] if self.marks else 0.0
        return ", ".join(f"{label} +{t - t0:.0f} s" for label, t in self.marks)

    @property
    def broker_url(self) -> str:
        return f"redis://:{PASSWORD}@{self.nodes['control'].address}:{REDIS_PORT}/0"

    def env(self, node: Node, **extra: str) -> dict[str, str]:
        return node_env(self.base, node, self.broker_url, **extra)

    def on_client(self, fn: Any, timeout: float = 30.0) -> Any:
        assert self.client is not None
        return self.client.call(fn, timeout)

    def js(self) -> JobStore:
        assert self.store is not None
        return self.store

    def cli(self, *args: str, timeout: float = 120.0) -> subprocess.CompletedProcess[str]:
        """``supercharger ARGS`` on the client node."""
        node = self.nodes["client"]
        cmd = ["ip", "netns", "exec", node.netns, sys.executable, "-m", "supercharger", *args]
        env = self.env(node, SUPERCHARGER_THRESHOLD="0.5", SUPERCHARGER_BATCH_SIZE=str(BATCH))
        return subprocess.run(
            cmd, env=env, cwd=node_dir(self.base, node), capture_output=True, text=True,
            timeout=timeout,
        )  # fmt: skip

    def flower_tasks(self) -> dict[str, dict[str, Any]]:
        """Flower's ``/api/tasks`` as the client node sees it: task id -> name, worker..."""
        url = f"http://{self.nodes['control'].address}:{FLOWER_PORT}/api/tasks"
        auth = base64.b64encode(FLOWER_AUTH.encode()).decode()

        def get() -> dict[str, dict[str, Any]]:
            req = urllib.request.Request(url, headers={"Authorization": f"Basic {auth}"})
            with urllib.request.urlopen(req, timeout=10) as resp:
                return dict(json.loads(resp.read()))

        return dict(self.on_client(get))

    def job_state(self) -> str:
        """A line about the job, for a failure's output."""
        js = self.js()
        try:
            meta, stats, running = self.on_client(
                lambda: (js.meta(self.job), js.stats(self.job), js.running(self.job))
            )
        except Exception as e:  # the failure may be that Redis is gone
            return f"job {self.job}: {e!r}"
        return f"job {self.job}: {meta['status']} {meta.get('finish')} {stats} running={running}"

    def workers(self) -> dict[str, list[str]]:
        return dict(self.on_client(lambda: self.js().workers(max_age=30.0)))

    def logs(self) -> str:
        out = [self.job_state()] if self.job else []
        for path in sorted(self.base.glob("*/*.log")):
            lines = path.read_text(errors="replace").splitlines()
            tail = [line for line in lines if "result backend" not in line][-12:]
            out.append(f"--- {path.relative_to(self.base)}\n" + "\n".join(tail))
        return "\n".join(out)


@pytest.fixture
def cluster(request: pytest.FixtureRequest) -> Iterator[Cluster]:
    """The network and the processes of the rehearsal; all of it, the data directories too,
    is gone when the test ends, passed or failed, and the host's interfaces are as before."""
    base = Path(tempfile.mkdtemp(prefix="sc-rehearsal-"))
    net = Network(f"scr{os.getpid()}")
    c = Cluster(net, Processes(base), base)
    try:
        yield c
        seen_on_host = net.on_host()  # with the whole network up
    finally:
        if request.node.stash.get(FAILED, True):
            print(c.logs())
        if c.client is not None:
            c.client.close()
        c.procs.stop_all()
        survivors = net.close()
        shutil.rmtree(base, ignore_errors=True)
    assert not survivors, survivors
    alive = [name for name, p in c.procs.procs.items() if p.poll() is None]
    assert not alive, f"processes left running: {alive}"
    assert not strays(str(base)), f"processes of the test left: {strays(str(base))}"
    assert not net.left_over(), f"namespaces left: {net.left_over()}"
    assert not base.exists()
    assert not seen_on_host and not net.on_host(), "the test's network showed on the host"


def fake_llm(code: str, delay_s: float) -> dict[str, str]:
    """Settings of the fake backend (a scripted stand-in): ``code`` for code and repairs."""
    options = {
        "code_replies": [code],
        "improve_replies": [code],
        "test_replies": [TEST_OK, TEST_SLOW],
        "judge_score": 0.9,
        "delay_s": delay_s,
    }
    return {"SUPERCHARGER_LLM_BACKEND": "fake", "SUPERCHARGER_LLM_OPTIONS": json.dumps(options)}


def start_control(c: Cluster) -> None:
    """Redis, the control worker and Flower on the control node; the client's view of them."""
    c.nodes["control"] = ctl = c.net.add("control")
    c.nodes["client"] = client = c.net.add("client")
    redis_data = node_dir(c.base, ctl) / "data" / "redis"
    c.procs.start(ctl, "redis", redis_argv(ctl, PASSWORD, redis_data), c.env(ctl))
    c.client = InNamespace(client)
    r = c.on_client(
        lambda: redis.Redis(
            host=ctl.address, port=REDIS_PORT, password=PASSWORD, decode_responses=True,
            socket_connect_timeout=2, socket_timeout=10,
        )
    )  # fmt: skip
    wait_for("Redis answers on the control node", lambda: _pings(c, r), 30)
    anonymous = redis.Redis(host=ctl.address, port=REDIS_PORT, socket_connect_timeout=2)
    with pytest.raises(redis.AuthenticationError):
        c.on_client(anonymous.ping)  # the password is required
    c.on_client(anonymous.close)
    c.store = JobStore(r)
    c.procs.start(ctl, "worker-control", worker_argv("control"), c.env(ctl))
    flower_env = c.env(ctl, SUPERCHARGER_FLOWER_BASIC_AUTH=FLOWER_AUTH)
    flower = [sys.executable, "-m", "supercharger", "flower", "--address", ctl.address,
              "--port", str(FLOWER_PORT)]  # fmt: skip
    c.procs.start(ctl, "flower", flower, flower_env)


def _pings(c: Cluster, r: redis.Redis) -> bool:
    try:
        return bool(c.on_client(r.ping))
    except redis.RedisError:
        return False


def _flower_up(c: Cluster) -> bool:
    try:
        c.flower_tasks()
        return True
    except OSError:
        return False


def start_node(c: Cluster, name: str, role: str, env: dict[str, str], *args: str) -> Node:
    node = c.nodes[name] = c.net.add(name)
    c.procs.start(node, f"worker-{role}", worker_argv(role, *args), c.env(node, **env))
    return node


def worker_of(c: Cluster, node: str) -> str | None:
    """The Celery name of the live worker on ``node`` (``role@<node hostname>-<pid>``)."""
    names = [w for w in c.workers() if w.split("@", 1)[1].startswith(f"{node}-")]
    return names[0] if names else None


def _on(task: dict[str, Any], node: str) -> bool:
    """Whether Flower saw ``task`` (one of the project's) started on ``node``'s worker."""
    worker = (task.get("worker") or "").split("@")[-1]
    started = bool(task.get("started"))
    return started and worker.startswith(f"{node}-") and task.get("name", "").startswith("sc.")


def _node(worker: str) -> str:
    """The node of a worker hostname (``sandbox@sandbox-2-1234`` -> ``sandbox-2``)."""
    return worker.split("@")[-1].rsplit("-", 1)[0]


def ran_on(tasks: dict[str, dict[str, Any]], node: str) -> list[str]:
    """Names of the tasks Flower saw started on ``node``'s worker."""
    return [t["name"] for t in tasks.values() if _on(t, node)]


def running_on(c: Cluster, job: str, node: str, kind: type) -> list[StepKey]:
    running = c.on_client(lambda: c.js().running(job))
    return [k for k, w in running.items() if isinstance(k, kind) and f"@{node}-" in w]


def cut_mid_step(
    c: Cluster, job: str, name: str, kind: type, wanted: Callable[[list[StepKey]], bool]
) -> tuple[list[StepKey], list[StepKey]]:
    """Cut ``name`` off the network while it runs a step of ``kind`` that ``wanted`` accepts;
    those keys, and every key the node holds (what it was running when the cut came). A step
    that it finished just before the cut does not count: mend, try again."""
    node = c.nodes[name]
    for _ in range(20):
        wait_for(f"{name} runs a step", lambda: wanted(running_on(c, job, name, kind)), 120, 0.05)
        c.net.cut(node)
        time.sleep(0.5)  # whatever it sent before the cut has reached Redis by now
        held = running_on(c, job, name, object)
        if wanted([k for k in held if isinstance(k, kind)]):
            return [k for k in held if isinstance(k, kind)], held
        c.net.mend(node)
    raise AssertionError(f"{name} never held a step across the cut")


def _code_step(keys: list[StepKey]) -> bool:
    """Pairs of a generated code (not a stand-in)."""
    return bool(keys) and all(
        isinstance(k, RunPair) and not k.code.startswith(STUB_PREFIX) for k in keys
    )


def submit(c: Cluster, max_candidates: int, budget_s: float) -> str:
    spec = node_dir(c.base, c.nodes["client"]) / "factorial.spec"
    spec.write_text(SPEC)
    proc = c.cli("submit", "--detach", str(spec), "--max-candidates", str(max_candidates),
                 "--budget-seconds", str(budget_s))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip().splitlines()[-1]


def finished(c: Cluster, job: str) -> bool:
    return c.on_client(lambda: c.js().meta(job))["status"] is not JobStatus.RUNNING


def fetch_report(c: Cluster, job: str) -> dict[str, Any]:
    """``supercharger result`` on the client node; its report.json."""
    out = node_dir(c.base, c.nodes["client"]) / "sources"
    proc = c.cli("result", job, "--output-dir", str(out))
    assert proc.returncode == 0, proc.stderr
    return dict(json.loads((out / "factorial" / "report.json").read_text()))


def pair_counts(c: Cluster, job: str) -> Counter[tuple[str, str]]:
    """How often each pair's verdict was reported in the job's event stream."""
    counts: Counter[tuple[str, str]] = Counter()
    events = c.on_client(lambda: list(c.js().events(job, block_ms=1)))
    after = "0"
    while events:
        for eid, kind, data in events:
            after = eid
            if kind == "pairs":
                counts.update((data["code"], t) for t in data["results"])
        events = c.on_client(lambda a=after: list(c.js().events(job, after=a, block_ms=1)))
    return counts


@pytest.mark.timeout(420)
def test_nodes_die_and_join_mid_job_and_no_work_is_lost(cluster: Cluster) -> None:
    c = cluster
    c.mark("start")
    start_control(c)
    wrong = fake_llm(WRONG, delay_s=8.0)  # slow: a kill lands mid-generation
    for name in ("llm-1", "llm-2"):
        start_node(c, name, "llm", wrong)
    for name in ("sandbox-1", "sandbox-2", "sandbox-3"):
        start_node(c, name, "sandbox", {}, "--concurrency", "1")
    expected = {"control", "llm-1", "llm-2", "sandbox-1", "sandbox-2", "sandbox-3"}
    wait_for("every node's worker is up", lambda: all(worker_of(c, n) for n in expected), 180)
    wait_for("Flower answers on the control node", lambda: _flower_up(c), 60)
    c.mark("nodes up")

    job = c.job = submit(c, max_candidates=8, budget_s=600)

    # llm-1 dies in the middle of a generation (cut off first: what it holds is then fixed)
    lost_gen, lost_llm = cut_mid_step(c, job, "llm-1", Gen, bool)
    c.net.kill_node(c.nodes["llm-1"])
    c.mark("llm-1 killed")
    # sandbox-1 dies in the middle of the matrix
    lost_pairs, lost_sandbox = cut_mid_step(c, job, "sandbox-1", RunPair, _code_step)
    c.net.kill_node(c.nodes["sandbox-1"])
    c.mark("sandbox-1 killed")
    # sandbox-2 drops off the network in the middle of a step, and lives on
    cut_pairs, cut_held = cut_mid_step(c, job, "sandbox-2", RunPair, _code_step)
    cut_task = c.on_client(lambda: c.js().sent(job))[cut_pairs[0]]
    c.mark("sandbox-2 cut off")
    # llm-2 dies in the middle of a generation too: no llm node is left, so the job cannot
    # run out of candidates (all of them wrong) before llm-3 joins, however slow the machine
    wait_for("llm-2 has worked (the candidates so far are its)",
             lambda: ran_on(c.flower_tasks(), "llm-2"), 30)  # fmt: skip
    lost_gen2, lost_llm2 = cut_mid_step(c, job, "llm-2", Gen, bool)
    c.net.kill_node(c.nodes["llm-2"])
    c.mark("llm-2 killed")

    # the steps of the sandbox nodes taken for dead are sent again and done by sandbox-3
    def redone() -> bool:
        js = c.js()
        pairs, sent = c.on_client(lambda: (js.pairs(job), js.sent(job)))
        ran = all((k.code, k.test) in pairs for k in lost_pairs + cut_pairs)
        resent = all(sent[k] != cut_task for k in cut_pairs)
        return ran and resent

    wait_for("the dead nodes' steps are done elsewhere", redone, 150)
    c.mark("their steps redone")
    c.net.mend(c.nodes["sandbox-2"])  # it finishes its own copy of the step now
    assert not finished(c, job), "the job needs the right code, which only llm-3 writes"

    # a third llm node joins and takes work, the lost generations first among it
    launched = time.time()
    start_node(c, "llm-3", "llm", fake_llm(RIGHT, delay_s=1.0))
    wait_for("llm-3 takes work", lambda: ran_on(c.flower_tasks(), "llm-3"), 180)
    c.mark("llm-3 works")
    first = min(t["started"] for t in c.flower_tasks().values() if _on(t, "llm-3"))
    print(f"llm-3 started its first task {first - launched:.1f} s after its process was launched")
    lost_gen += lost_gen2
    wait_for("the lost generations are done", lambda: set(lost_gen) <= _gen_done(c, job), 120)

    wait_for("the job ends", lambda: finished(c, job), 240)
    c.mark("job done")
    done = f"sc.run_pairs[{cut_task}] succeeded"
    wait_for(
        "sandbox-2 finishes its copy",
        lambda: done in c.procs.log(c.nodes["sandbox-2"], "worker-sandbox", 10**6),
        180,
    )
    c.mark("sandbox-2's copy done")
    report = fetch_report(c, job)
    assert report["status"] == "passed", report["reason"]

    _check_matrix(c, job, report, lost_pairs + cut_pairs)
    _one_batch_per_step(c, job)  # the killed generation step's too
    # by worker hostname, from Flower: the job's tasks ran on every node, the dead ones too
    tasks = c.flower_tasks()
    for node in ("llm-1", "llm-2", "llm-3", "sandbox-1", "sandbox-2", "sandbox-3"):
        assert ran_on(tasks, node), f"no task of the job ran on {node}"
    aof = node_dir(c.base, c.nodes["control"]) / "data" / "redis" / "appendonly.aof"
    assert aof.stat().st_size > 0, "Redis keeps the append-only file"
    lost = {"llm-1": lost_llm, "llm-2": lost_llm2, "sandbox-1": lost_sandbox}
    resends = _check_resends(c, {node: len(keys) for node, keys in lost.items()}, len(cut_held))
    runs = Counter(_node(t.get("worker", "?")) for t in tasks.values()
                   if t.get("name") == "sc.run_pairs")  # fmt: skip
    print(c.phases(), f"\njob {job}: {len(report['matrix'])} pairs, lost {lost_gen} {lost_pairs}")
    print("\n".join(resends), "\nrun_pairs tasks by worker:", dict(runs))


def _gen_done(c: Cluster, job: str) -> set[StepKey]:
    return set(c.on_client(lambda: c.js().gen_done(job)))


def _check_matrix(c: Cluster, job: str, report: dict[str, Any], lost: list[RunPair]) -> None:
    """Every pair of the lost steps is in the matrix; no pair is reported or counted twice."""
    matrix = [(m["code"], m["test"]) for m in report["matrix"]]
    assert len(matrix) == len(set(matrix))
    assert {(k.code, k.test) for k in lost} <= set(matrix)
    counts = pair_counts(c, job)
    assert set(counts) == set(matrix) and max(counts.values()) == 1, counts.most_common(3)
    stats = c.on_client(lambda: c.js().stats(job))
    assert stats["pairs_run"] == len(matrix)


def _check_resends(c: Cluster, killed: dict[str, int], cut_held: int) -> list[str]:
    """The coordinator re-sent the steps of the nodes it took for dead, those only: each step a
    killed node held once, and at least the steps sandbox-2 held when it was cut off (a step it
    started while off the network, for one, is sent again too: the node looked dead). Its log
    lines name the workers and how many steps of each."""
    log = c.procs.log(c.nodes["control"], "worker-control", 10**6)
    resends = [line for line in log.splitlines() if "re-sending" in line]
    by_node: Counter[str] = Counter()
    for line in resends:
        total, names = line.split("re-sending ")[1].split(" steps of dead workers: ")
        counts = [part.rsplit(" (", 1) for part in names.split(", ")]
        assert sum(int(n.rstrip(")")) for _, n in counts) == int(total), line
        for worker, n in counts:
            by_node[_node(worker)] += int(n.rstrip(")"))
    assert {node: by_node[node] for node in killed} == killed, resends
    assert by_node["sandbox-2"] >= cut_held, resends
    assert set(by_node) <= set(killed) | {"sandbox-2"}, resends
    return resends


def _one_batch_per_step(c: Cluster, job: str) -> None:
    js = c.js()
    cands, done = c.on_client(lambda: (js.candidates(job), js.gen_done(job)))
    made = Counter(cid.split(".")[0] for cid, cand in cands.items() if cand.kind != "stub")
    for key in done:
        prefix = {"code": "c", "test": "t", "improve": "i"}[generation(key) or ""]
        slot = key.slot  # type: ignore[union-attr]
        assert made[f"{prefix}{slot}"] == BATCH, (key, made)
    assert sum(made.values()) == len(done) * BATCH


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_real_model_across_two_llm_nodes(cluster: Cluster) -> None:
    """One job through the real bundled model on two llm nodes and the real sandbox."""
    c = cluster
    start_control(c)
    model = {"SUPERCHARGER_LLM_OPTIONS": json.dumps({"threads": 1})}
    for name in ("llm-1", "llm-2"):
        start_node(c, name, "llm", model)
    start_node(c, "sandbox-1", "sandbox", {}, "--concurrency", "1")
    expected = {"control", "llm-1", "llm-2", "sandbox-1"}
    wait_for("every node's worker is up", lambda: all(worker_of(c, n) for n in expected), 600)
    wait_for("Flower answers on the control node", lambda: _flower_up(c), 60)

    job = c.job = submit(c, max_candidates=2, budget_s=300)
    wait_for("the job ends", lambda: finished(c, job), 420, every=1.0)
    report = fetch_report(c, job)
    assert report["status"] in ("passed", "exhausted", "budget"), report["reason"]
    generated = [call for call in report["calls"] if call["kind"] in ("code", "test", "improve")]
    assert generated and report["tokens"]["completion"] > 0
    tasks = c.flower_tasks()
    for node in ("llm-1", "llm-2"):
        assert "sc.generate" in ran_on(tasks, node), f"no generation ran on {node}"
    assert ran_on(tasks, "sandbox-1"), "no pair ran in the sandbox"
    print(f"job {job}: {report['status']}, {len(report['matrix'])} pairs, {report['timings']}")
