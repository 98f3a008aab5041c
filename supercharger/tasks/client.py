"""The submitting side: create a job, follow its events, cancel it. Used by the CLI."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from supercharger.records import CandidateKind, JobConfig, JobStatus
from supercharger.sandbox.base import Status
from supercharger.settings import Settings
from supercharger.spec import ECHO_ID, STUB_BODIES, STUB_PREFIX, Spec
from supercharger.tasks.redisconn import check_reachable, get_redis
from supercharger.tasks.store import JobStore, new_job_id


def connect(broker_url: str) -> JobStore:
    """The job store of the cluster at ``broker_url``; tasks sent from here go there too."""
    from supercharger.tasks.app import use_broker

    use_broker(broker_url)
    redis_client = get_redis(broker_url)
    check_reachable(redis_client, broker_url)
    return JobStore(redis_client)


def submit(store: JobStore, spec: Spec, settings: Settings) -> str:
    from supercharger.tasks.coordinator import start_job
    from supercharger.tasks.steps import fixed_candidates

    settings.environment_store().get(spec.requirements)  # bad ones: one line, no job
    job_id = new_job_id()
    store.create(job_id, spec, JobConfig.from_settings(settings, spec.requirements))
    store.put_candidates(job_id, fixed_candidates(spec))
    start_job(job_id)
    return job_id


def cancel(store: JobStore, job_id: str) -> None:
    from supercharger.tasks.coordinator import start_job

    store.meta(job_id)  # raises JobNotFoundError
    store.request_cancel(job_id)
    start_job(job_id, urgent=True)  # the coordinator sees the request and finishes the job


@dataclass
class Progress:
    """Live counters for one job, folded from its event stream."""

    started: float = field(default_factory=time.time)
    codes: int = 0
    codes_valid: int = 0
    tests: int = 0
    tests_valid: int = 0
    pairs_run: int = 0
    pairs_passed: int = 0
    judged: int = 0
    best_score: float | None = None
    status: JobStatus = JobStatus.RUNNING
    reason: str = ""
    errors: list[str] = field(default_factory=list)
    waiting: str = ""  # what the job needs that no live worker serves
    stub_passes: dict[str, int] = field(default_factory=dict)  # test -> stand-ins it passed

    def apply(self, kind: str, data: dict[str, Any]) -> None:
        if kind == "candidates":
            n, valid = len(data["ids"]), len(data["valid"])
            if data["kind"] == CandidateKind.CODE:
                self.codes, self.codes_valid = self.codes + n, self.codes_valid + valid
            else:
                self.tests, self.tests_valid = self.tests + n, self.tests_valid + valid
        elif kind == "pairs" and data["code"] == ECHO_ID:
            pass  # weak, not blind, when it passes (``policy.blind``)
        elif kind == "pairs" and data["code"].startswith(STUB_PREFIX):
            for test, status in data["results"].items():
                self.stub_passes[test] = self.stub_passes.get(test, 0) + (status == Status.PASSED)
        elif kind == "pairs":
            results = data["results"].values()
            self.pairs_run += len(results)
            self.pairs_passed += sum(1 for s in results if s == Status.PASSED)
        elif kind == "judged":
            self.judged += 1
            self.best_score = max(self.best_score or 0.0, data["score"])
        elif kind == "waiting":
            self.waiting = data["message"]
        elif kind == "error":
            self.errors.append(f"{data['step']}: {data['message']}")
        elif kind == "finished":
            self.status, self.reason = JobStatus(data["status"]), data["reason"]

    @property
    def blind(self) -> int:
        """Tests that passed with every stand-in code (see ``policy.blind_tests``)."""
        return sum(1 for n in self.stub_passes.values() if n == len(STUB_BODIES))

    @property
    def elapsed(self) -> float:
        return time.time() - self.started

    def line(self) -> str:
        best = "-" if self.best_score is None else f"{self.best_score:.2f}"
        errors = f" | {len(self.errors)} failed steps" if self.errors else ""
        blind = f", {self.blind} blind" if self.blind else ""
        waiting = f"waiting: {self.waiting} | " if self.waiting else ""
        return (
            f"codes {self.codes} ({self.codes_valid} usable) | tests {self.tests} "
            f"({self.tests_valid} usable{blind}) | pairs {self.pairs_run} run, "
            f"{self.pairs_passed} passed | judged {self.judged}, best {best} | "
            f"{waiting}{self.elapsed:.0f}s{errors}"
        )


def follow(
    store: JobStore,
    job_id: str,
    on_update: Callable[[Progress], None],
    deadline_s: float,
    check: Callable[[], None] = lambda: None,
) -> Progress:
    """Fold the job's events into a Progress until it finishes; ``check`` runs between reads
    (it may raise, e.g. when a local worker died). After ``deadline_s`` the job is cancelled."""
    prog = Progress(started=store.meta(job_id)["created"])
    last = "0"
    cancelled = False
    while prog.status is JobStatus.RUNNING:
        for eid, kind, data in store.events(job_id, after=last, block_ms=500):
            last = eid
            prog.apply(kind, data)
        on_update(prog)
        check()
        cancelled = enforce_deadline(store, job_id, prog, deadline_s, cancelled)
    return prog


def enforce_deadline(
    store: JobStore, job_id: str, prog: Progress, deadline_s: float, cancelled: bool
) -> bool:
    """Cancel a job past ``deadline_s`` (its deadline task never ran: no control worker?), and
    finish it by hand a minute later; whether it has been cancelled."""
    if not cancelled and prog.elapsed > deadline_s:
        cancel(store, job_id)
        return True
    if cancelled and prog.elapsed > deadline_s + 60:
        best = store.meta(job_id).get("best")
        reason = "no coordinator answered after the deadline"
        store.finish(job_id, JobStatus.BUDGET, reason, tuple(best) if best else None)
    return cancelled
