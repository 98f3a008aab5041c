"""The whole pipeline on real parts — a real Redis server, real `celery worker` processes, the
real bubblewrap sandbox — with the `fake` LLM backend (a scripted stand-in, not a model) so the
policy's outcomes are known in advance."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from supercharger.cluster.local import EmbeddedRedis, LocalCluster
from supercharger.constants import SANDBOX_QUEUE, TASK_MUTATE
from supercharger.policy import MIN_KILLED, rank_codes
from supercharger.settings import Settings
from supercharger.spec import Spec, parse_spec
from supercharger.tasks import client
from supercharger.tasks.client import connect
from supercharger.tasks.report import write_outputs
from supercharger.tasks.snapshot import view_from_json
from supercharger.tasks.store import JobStore

SPEC = parse_spec("# factorial of a non-negative integer\ndef factorial(n):\n", "factorial.spec")
# continuations after the prompts' prefills (the code prefill ends inside the body's indent)
RIGHT = " return 1 if n < 2 else n * factorial(n - 1)\n```"
WRONG = " return n\n```"
TEST_OK = (
    "five():\n    assert factorial(5) == 120\n    assert factorial(0) == 1\n"
    "    assert factorial(3) == 6\n```"
)
TEST_WEAK = "one():\n    assert factorial(1) == 1\n```"


def _cluster(redis_server: EmbeddedRedis, tmp: Path, **fake: object) -> LocalCluster:
    env = {
        "SUPERCHARGER_LLM_BACKEND": "fake",
        "SUPERCHARGER_LLM_OPTIONS": json.dumps(fake),
    }
    return LocalCluster(log_dir=tmp, env=env, broker_url=redis_server.url, sandbox_concurrency=2)


def _cluster_fixture(**fake: object) -> Any:
    """A class-scoped fixture: workers whose fake LLM answers as scripted; judge 0.9, score 0.8."""

    @pytest.fixture(scope="class")
    def fixture(
        redis_server: EmbeddedRedis, tmp_path_factory: pytest.TempPathFactory
    ) -> Iterator[JobStore]:
        logs = tmp_path_factory.mktemp("logs")
        with _cluster(redis_server, logs, judge_score=0.9, score=0.8, **fake):
            yield connect(redis_server.url)

    return fixture


def _run(store: JobStore, redis_url: str, out: Path, spec: Spec = SPEC, **cfg: object) -> dict:
    settings = Settings(broker_url=redis_url, **cfg)
    job = client.submit(store, spec, settings)
    prog = client.follow(store, job, lambda _p: None, deadline_s=settings.budget_seconds + 30)
    report = write_outputs(store, job, out)
    report["progress"] = prog
    report["job"] = job
    return report


def _descendants(pid: int) -> list[tuple[int, str]]:
    """(pid, command name) of every process below ``pid``."""
    children: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        parent = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(parent, []).append(int(entry))
        names[int(entry)] = name
    found, todo = [], list(children.get(pid, []))
    while todo:
        p = todo.pop()
        found.append((p, names.get(p, "")))
        todo.extend(children.get(p, []))
    return found


def test_sandbox_worker_processes_boot_a_runner_before_their_first_batch(
    redis_server: EmbeddedRedis, tmp_path: Path
) -> None:
    """No job is sent: the runners seen are the ones each pool process booted at its start."""
    with _cluster(redis_server, tmp_path) as cluster:
        worker = cluster.workers["sandbox"]
        deadline = time.monotonic() + 60
        runners: list[tuple[int, str]] = []
        while time.monotonic() < deadline:
            runners = [p for p in _descendants(worker.pid) if p[1] == "bwrap"]
            if len(runners) >= 2:  # sandbox_concurrency=2: one per pool process
                break
            time.sleep(0.5)
        assert len(runners) >= 2, (runners, (tmp_path / "worker-sandbox.log").read_text()[-2000:])


def test_a_stopped_worker_leaves_no_heartbeat_behind(
    redis_server: EmbeddedRedis, tmp_path: Path
) -> None:
    """A job counts the live llm workers to decide how many generation tasks to send; a
    worker that has stopped must not be counted, whether it said so itself (SIGTERM) or was
    killed and its cluster said so for it."""
    store = connect(redis_server.url)

    def beats_of(*pids: int) -> list[str]:
        beats = store.heartbeats(max_age=3600)
        return [name for name, beat in beats.items() if beat.get("pid") in pids]

    with _cluster(redis_server, tmp_path) as cluster:
        llm, sandbox = cluster.workers["llm"], cluster.workers["sandbox"]
        assert beats_of(llm.pid) and beats_of(sandbox.pid)
        os.killpg(llm.pid, signal.SIGTERM)
        llm.wait(30)
        assert beats_of(llm.pid) == []  # it said so itself, and no later beat undid it
        os.killpg(sandbox.pid, signal.SIGKILL)
        sandbox.wait(30)
        assert beats_of(sandbox.pid)  # killed: it could not say so
        pids = [p.pid for p in cluster.workers.values()]
    assert beats_of(*pids) == []


good_cluster = _cluster_fixture(code_replies=[WRONG, RIGHT], test_replies=[TEST_WEAK, TEST_OK])


wrong_cluster = _cluster_fixture(code_replies=[WRONG], test_replies=[TEST_OK])

# the model's only test is wrong (and agrees with the wrong code); the spec's examples are not
TEST_WRONG = "three():\n    assert factorial(3) == 3\n```"
EXAMPLES_SPEC = parse_spec(
    'def factorial(n):\n    """n! for n >= 0.\n\n    >>> factorial(3)\n    6\n'
    '    >>> factorial(0)\n    1\n    >>> factorial(5)\n    120\n    """\n',
    "factorial.spec",
)
wrong_tests_cluster = _cluster_fixture(code_replies=[WRONG, RIGHT], test_replies=[TEST_WRONG])


class TestWithARightCandidate:
    def test_a_judged_passing_pair_stops_the_job_and_is_written(
        self, good_cluster: JobStore, redis_server: EmbeddedRedis, tmp_path: Path
    ) -> None:
        report = _run(good_cluster, redis_server.url, tmp_path, max_candidates=4, batch_size=2,
                      score_codes=True)  # fmt: skip
        assert report["status"] == "passed", report["reason"]
        prog = report["progress"]
        assert prog.errors == []
        assert prog.codes >= 2 and prog.tests >= 2 and prog.pairs_passed >= 1
        folder = tmp_path / "factorial"
        code = (folder / "factorial.py").read_text()
        assert "n * factorial(n - 1)" in code  # the consensus winner, not `return n`
        assert "from factorial import factorial" in (folder / "test_factorial.py").read_text()
        saved = json.loads((folder / "report.json").read_text())
        assert saved["score"] == pytest.approx(0.9)
        assert any(m["status"] == "passed" for m in saved["matrix"])
        assert any(m["status"] == "failed" for m in saved["matrix"])  # WRONG fails TEST_OK
        raws = list((folder / "candidates").glob("*.raw.txt"))
        assert len(raws) == len(saved["candidates"]) >= 4
        calls = [json.loads(line) for line in (folder / "calls.jsonl").read_text().splitlines()]
        assert {c["kind"] for c in calls} >= {"code", "test", "judge", "score"}
        assert all(c["messages"] and c["seconds"] >= 0 for c in calls)
        gen = [c for c in calls if c["kind"] == "code"]
        assert all(c["replies"] and c["completion_tokens"] > 0 for c in gen)
        assert len(saved["calls"]) == len(calls)
        scored = [c["score"] for c in saved["candidates"] if "score" in c]
        assert scored and all(s == pytest.approx(0.8) for s in scored)  # the fake's score
        assert all(c["kind"] == "code" for c in saved["candidates"] if "score" in c)
        # view.json gives back the view that chose: the judged pair's score and result, and a
        # ranking of every valid code
        view = view_from_json(json.loads((folder / "view.json").read_text()))
        best = (saved["best"]["code"], saved["best"]["test"])
        assert view.judged[best] == pytest.approx(saved["score"]) and view.results[best] is True
        valid = {c["id"] for c in saved["candidates"] if c["kind"] == "code" and c["valid"]}
        assert {c for c, _ in rank_codes(view)} == valid
        sent = {k.encode(): tid for k, tid in good_cluster.sent(report["job"]).items()}
        # one llm worker: the first task held both
        assert sent["gen:code:0"] == sent["gen:test:0"]
        assert all(sent[k] != sent["gen:code:0"] for k in sent if k.endswith(":1"))

    def test_several_jobs_at_once_all_finish(
        self, good_cluster: JobStore, redis_server: EmbeddedRedis, tmp_path: Path
    ) -> None:
        settings = Settings(broker_url=redis_server.url, max_candidates=4, batch_size=2)
        jobs = [client.submit(good_cluster, SPEC, settings) for _ in range(5)]
        for job in jobs:
            prog = client.follow(good_cluster, job, lambda _p: None, deadline_s=90)
            assert prog.status == "passed"

    def test_the_cli_enqueues_on_a_configured_cluster_and_follows(
        self, good_cluster: JobStore, redis_server: EmbeddedRedis, tmp_path: Path
    ) -> None:
        spec = tmp_path / "factorial.spec"
        spec.write_text(SPEC.text)
        env = dict(
            os.environ,
            SUPERCHARGER_BROKER_URL=redis_server.url,
            SUPERCHARGER_MAX_CANDIDATES="4",
            SUPERCHARGER_BATCH_SIZE="2",
        )

        def cli(*args: str) -> subprocess.CompletedProcess[str]:
            cmd = [sys.executable, "-m", "supercharger", *args]
            return subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True,
                                  timeout=120)  # fmt: skip

        followed = cli("submit", str(spec), "--json")
        assert followed.returncode == 0, followed.stderr
        assert json.loads(followed.stdout)["status"] == "passed"
        assert (tmp_path / "sources/factorial/factorial.py").is_file()

        detached = cli("submit", str(spec), "--detach")
        assert detached.returncode == 0, detached.stderr
        job = detached.stdout.strip()
        assert client.follow(good_cluster, job, lambda _p: None, deadline_s=90).status == "passed"
        status = json.loads(cli("status", job, "--json").stdout)
        assert status["status"] == "passed" and status["pairs_passed"] >= 1
        written = cli("result", job, "--output-dir", "out")
        assert written.returncode == 0, written.stderr
        assert (tmp_path / "out/factorial/report.json").is_file()
        missing = cli("status", "nosuchjob")
        assert missing.returncode == 2
        assert missing.stderr.strip() == "supercharger: error: no job 'nosuchjob' on this broker"


class TestWithWrongTestsAndTheSpecsExamples:
    def test_the_spec_s_examples_pick_the_right_code_over_the_model_s_wrong_test(
        self, wrong_tests_cluster: JobStore, redis_server: EmbeddedRedis, tmp_path: Path
    ) -> None:
        report = _run(wrong_tests_cluster, redis_server.url, tmp_path, EXAMPLES_SPEC,
                      max_candidates=2, batch_size=2)  # fmt: skip
        assert report["status"] == "passed", report["reason"]
        code, test = report["best"]["code"], report["best"]["test"]
        assert test == "spec.examples" and report["examples"]["best_passed"] == 3
        # the stop rule's conditions for the delivered code: each met, the judge's too
        assert report["evidence"]["code"] == code and report["evidence"]["missing"] == []
        assert report["evidence"]["checks"]["judged"] is True
        assert "n * factorial(n - 1)" in (tmp_path / "factorial/factorial.py").read_text()
        assert (
            "assert (factorial(3)) == (6)" in (tmp_path / "factorial/test_factorial.py").read_text()
        )
        # without the examples the wrong code and the wrong test would have agreed
        wrong = [m for m in report["matrix"] if m["test"] != "spec.examples"]
        assert any(m["status"] == "passed" and m["code"] != code for m in wrong)


class TestWithOnlyWrongCode:
    def test_no_passing_pair_within_the_candidate_budget_is_exhaustion(
        self, wrong_cluster: JobStore, redis_server: EmbeddedRedis, tmp_path: Path
    ) -> None:
        report = _run(wrong_cluster, redis_server.url, tmp_path, max_candidates=4, batch_size=2)
        assert report["status"] == "exhausted"
        assert report["best"] is None
        codes = [c for c in report["candidates"] if c["kind"] == "code"]
        tests = [c for c in report["candidates"] if c["kind"] == "test"]
        stubs = [c for c in report["candidates"] if c["kind"] == "stub"]
        assert len(codes) == 8  # 4 new + 4 repairs (2 per failing code sent), budget 4 each
        assert len(stubs) == 3  # the stand-ins (return None, raise, echo) run with every test too
        assert len(report["matrix"]) == (len(codes) + len(stubs)) * len(tests)  # every pair once
        assert all(m["status"] == "failed" for m in report["matrix"])
        assert report["blind_tests"] == []
        # no pair passed: the top-ranked code is still delivered, marked unverified
        assert report["delivered"]["verified"] is False and report["delivered"]["test"] is None
        assert report["delivered"]["code"] in {c["id"] for c in codes}
        # and why the job could not end on it: no test speaks for it, no judge said yes
        assert report["evidence"]["code"] == report["delivered"]["code"]
        assert {"tests_strong", "judged"} <= set(report["evidence"]["missing"])

    def test_the_cli_exits_1_and_keeps_what_it_has_when_nothing_passes(
        self, wrong_cluster: JobStore, redis_server: EmbeddedRedis, tmp_path: Path
    ) -> None:
        spec = tmp_path / "factorial.spec"
        spec.write_text(SPEC.text)
        env = dict(os.environ, SUPERCHARGER_BROKER_URL=redis_server.url,
                   SUPERCHARGER_MAX_CANDIDATES="2", SUPERCHARGER_BATCH_SIZE="2")  # fmt: skip
        proc = subprocess.run(
            [sys.executable, "-m", "supercharger", "submit", str(spec)],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert proc.returncode == 1, proc.stderr
        assert "exhausted" in proc.stderr and "unverified" in proc.stderr
        report = json.loads((tmp_path / "sources/factorial/report.json").read_text())
        assert report["status"] == "exhausted"
        assert report["delivered"]["verified"] is False
        assert (tmp_path / "sources/factorial/factorial.py").read_text().startswith("def factorial")
        assert not (tmp_path / "sources/factorial/test_factorial.py").exists()
        assert sum(c["kind"] != "stub" for c in report["candidates"]) == 6

    def test_the_time_budget_stops_an_endless_job(
        self, wrong_cluster: JobStore, redis_server: EmbeddedRedis, tmp_path: Path
    ) -> None:
        report = _run(
            wrong_cluster, redis_server.url, tmp_path, max_candidates=10_000, budget_seconds=4
        )
        assert report["status"] == "budget"
        assert report["timings"]["wall_seconds"] < 30

    def test_cancel_stops_a_job(self, wrong_cluster: JobStore, redis_server: EmbeddedRedis) -> None:
        settings = Settings(broker_url=redis_server.url, max_candidates=10_000, budget_seconds=300)
        job = client.submit(wrong_cluster, SPEC, settings)
        client.cancel(wrong_cluster, job)
        prog = client.follow(wrong_cluster, job, lambda _p: None, deadline_s=60)
        assert prog.status == "cancelled"
        assert wrong_cluster.is_done(job)


repair_cluster = _cluster_fixture(
    code_replies=[WRONG], improve_replies=[RIGHT], test_replies=[TEST_OK]
)


class TestRepair:
    def test_a_failing_code_repaired_from_its_pytest_output_wins(
        self, repair_cluster: JobStore, redis_server: EmbeddedRedis, tmp_path: Path
    ) -> None:
        report = _run(repair_cluster, redis_server.url, tmp_path, max_candidates=4, batch_size=2)
        assert report["status"] == "passed", report["reason"]
        winner = report["best"]["code"]
        assert winner.startswith("i")  # a repair, not a fresh sample
        cands = repair_cluster.candidates(report["job"])
        assert cands[winner].parent in cands  # repaired from an earlier code
        assert "n * factorial(n - 1)" in (tmp_path / "factorial/factorial.py").read_text()


slow_cluster = _cluster_fixture(
    code_replies=[WRONG, RIGHT], test_replies=[TEST_WEAK, TEST_OK], delay_s=0.3
)


class TestSharing:
    def test_a_long_job_does_not_hold_up_a_short_one(
        self, slow_cluster: JobStore, redis_server: EmbeddedRedis
    ) -> None:
        store, url = slow_cluster, redis_server.url
        # a job that cannot pass (threshold above the judge's 0.9) with a big budget...
        long = Settings(broker_url=url, max_candidates=60, batch_size=2, threshold=1.0)
        long_job = client.submit(store, SPEC, long)
        _wait_events(store, long_job, "candidates")
        # ...then a small one: its steps go ahead of the long job's backlog of pairs in the
        # sandbox queue and of its steps on the one llm worker, and it finishes first
        short_job = client.submit(store, SPEC, Settings(broker_url=url, max_candidates=4))
        try:
            prog = client.follow(store, short_job, lambda _p: None, deadline_s=120)
            assert prog.status == "passed"
            assert not store.is_done(long_job)
        finally:  # never leave the long job to a later test's cluster
            client.cancel(store, long_job)
            done = client.follow(store, long_job, lambda _p: None, deadline_s=30)
        assert done.status == "cancelled"


# two right codes; a test that checks the function, and one that agrees with both codes but
# checks a single case (it lets most one-change bugs of either code pass). The weak one comes
# first: by agreement alone the job would end on it.
RIGHT_LOOP = "r = 1\n    for i in range(2, n + 1):\n        r *= i\n    return r\n```"
# two calls: enough to speak for a code (policy.MIN_TEST_CHECKS), too few to kill its mutants
TEST_ZERO = "zero():\n    assert factorial(0) == 1\n    assert factorial(1) == 1\n```"
mutation_cluster = _cluster_fixture(
    code_replies=[RIGHT, RIGHT_LOOP], test_replies=[TEST_ZERO, TEST_OK]
)


class TestMutation:
    def test_the_job_ends_on_the_test_that_kills_the_mutants(
        self, mutation_cluster: JobStore, redis_server: EmbeddedRedis, tmp_path: Path
    ) -> None:
        report = _run(mutation_cluster, redis_server.url, tmp_path, max_candidates=2,
                      batch_size=2)  # fmt: skip
        assert report["status"] == "passed", report["reason"]
        cands = mutation_cluster.candidates(report["job"])
        texts = {c.id: c.text for c in cands.values()}
        weak = next(t for t, text in texts.items() if "def test_zero" in text)
        strong = next(t for t, text in texts.items() if "def test_five" in text)
        assert report["best"]["test"] == strong
        assert "factorial(5) == 120" in (tmp_path / "factorial/test_factorial.py").read_text()
        rows = {(m["code"], m["test"]): m for m in report["mutation"]}
        measured = {c for c, _ in rows}  # the other code's step may still have been out
        assert report["best"]["code"] in measured and set(rows) == {
            (c, t) for c in measured for t in (weak, strong)
        }
        for code in measured:  # each code's own mutants, against both tests
            assert rows[(code, strong)]["mutation_score"] >= MIN_KILLED
            assert 0 < rows[(code, weak)]["mutation_score"] < MIN_KILLED
            assert rows[(code, weak)]["mutants"] == rows[(code, strong)]["mutants"] > 0
        quality = report["tests_quality"]
        best = rows[(report["best"]["code"], strong)]
        assert quality == {k: best[k] for k in ("mutants", "killed", "mutation_score",
                                                "line_coverage", "branch_coverage")}  # fmt: skip
        assert quality["line_coverage"] == 1.0  # coverage.py in the sandbox: every line ran
        # the weak test's pairs were never judged: they could not end the job
        assert all(j["test"] != weak for j in report["judged"])
        # the step ran as its own task on the sandbox queue's workers
        workers = mutation_cluster.workers()
        from supercharger.tasks.app import app

        stats = app.control.inspect(destination=list(workers), timeout=5).stats() or {}
        ran = {name for name, s in stats.items() if s.get("total", {}).get(TASK_MUTATE)}
        assert ran and all(SANDBOX_QUEUE in workers[name] for name in ran), (ran, workers)


def _wait_events(store: JobStore, job: str, kind: str, timeout: float = 30.0) -> None:
    import time

    deadline = time.monotonic() + timeout
    while not any(k == kind for _e, k, _d in store.events(job, block_ms=200)):
        assert time.monotonic() < deadline, f"no {kind!r} event in {timeout} s"


# four calls, each asserted by two tests that differ (policy.AGREED_WRITERS; copies vote once):
# one-call tests, none speaks for a code alone (policy.MIN_TEST_CHECKS), together they do
ONE_CALL_TESTS = [
    f"{name}{form}():\n    assert factorial({n}) == {value}\n{extra.format(n)}```"
    for name, n, value in (("five", 5, 120), ("zero", 0, 1), ("three", 3, 6), ("four", 4, 24))
    for form, extra in (("", ""), ("_twice", "    assert factorial({})\n"))
]
agreed_cluster = _cluster_fixture(code_replies=[RIGHT, RIGHT_LOOP], test_replies=ONE_CALL_TESTS)


class TestAgreed:
    def test_one_call_tests_that_agree_end_the_job_as_one_agreed_test(
        self, agreed_cluster: JobStore, redis_server: EmbeddedRedis, tmp_path: Path
    ) -> None:
        report = _run(agreed_cluster, redis_server.url, tmp_path, max_candidates=8,
                      batch_size=4)  # fmt: skip
        assert report["status"] == "passed", report["reason"]
        cands = agreed_cluster.candidates(report["job"])
        agreed = [c for c in cands.values() if c.id.startswith("a")]
        assert [c.id for c in agreed] == [report["best"]["test"]] == ["a0"]
        written = (tmp_path / "factorial/test_factorial.py").read_text()
        assert written == agreed[0].text
        for line in ("factorial(5) == 120", "factorial(0) == 1", "factorial(3) == 6",
                     "factorial(4) == 24"):  # fmt: skip
            assert line in written
        # it ran against every code and stand-in, killed the mutants and was judged
        codes = {c.id for c in cands.values() if c.kind.value in ("code", "stub")}
        assert {m["code"] for m in report["matrix"] if m["test"] == "a0"} == codes
        assert report["evidence"]["missing"] == []
        tests = [c for c in cands.values() if c.kind.value == "test"]
        assert report["progress"].tests == len(tests) == 9  # the eight the model wrote, and a0
