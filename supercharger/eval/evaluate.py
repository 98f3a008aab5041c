"""``supercharger eval``: every problem through the real pipeline as a spec, N jobs at once on
one cluster, each job's code candidates graded on the hidden test once the job has finished."""

from __future__ import annotations

import json
import time
from collections import deque
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console

from supercharger.errors import UserError
from supercharger.eval.figures import ProblemRecord, eval_document, judged_pairs
from supercharger.eval.grade import grade_job
from supercharger.eval.problems import Problem, load_problems
from supercharger.eval.samples import write_samples
from supercharger.eval.threshold import choose_threshold, model_key, store_calibration
from supercharger.eval.view import progress_bar, show
from supercharger.sandbox import get_backend
from supercharger.settings import Settings
from supercharger.tasks import client
from supercharger.tasks.report import write_outputs
from supercharger.tasks.store import JobStore

DEADLINE_GRACE_S = 30.0  # after its budget, a job still running is cancelled
FORCE_FINISH_S = 60.0  # and after that, finished by hand (no control worker answered)
POLL_S = 0.5


@dataclass(frozen=True)
class EvalOptions:
    jobs: int = 2
    out: Path = Path("eval")
    as_json: bool = False
    calibrate: bool = False
    target_precision: float = 0.9
    min_pairs: int = 20

    def check(self) -> None:
        """Raise UserError naming the first option out of range."""
        if self.jobs < 1:
            raise UserError(f"--jobs {self.jobs}: at least 1 job must run at once")
        if not 0.0 <= self.target_precision <= 1.0:
            raise UserError(f"--target-precision {self.target_precision}: expected 0..1")
        if self.min_pairs < 1:
            raise UserError(f"--min-pairs {self.min_pairs}: expected at least 1")


def _local_cluster(stack: ExitStack, settings: Settings, console: Console) -> tuple[str, Any]:
    from supercharger.cluster.local import LocalCluster

    cluster = LocalCluster(
        log_dir=settings.data_dir / "logs" / time.strftime("eval-%Y%m%d-%H%M%S"),
        sandbox_concurrency=settings.sandbox_concurrency,
        on_status=lambda msg: console.print(f"[dim]{msg}...[/dim]"),
    )
    stack.enter_context(cluster)
    return cluster.broker_url, cluster.check_alive


class Scheduler:
    """Keeps ``jobs`` jobs running; a finished job is written out and graded at once."""

    def __init__(self, store: JobStore, settings: Settings, opts: EvalOptions) -> None:
        self.store, self.settings, self.opts = store, settings, opts
        self.active: dict[str, Problem] = {}
        self.codes: dict[str, str | None] = {}  # problem -> its delivered code
        self.cancelled: set[str] = set()

    def _submit(self, problem: Problem) -> None:
        self.active[client.submit(self.store, problem.spec, self.settings)] = problem

    def _overdue(self, job_id: str) -> None:
        age = time.time() - self.store.meta(job_id)["created"]
        limit = self.settings.budget_seconds + DEADLINE_GRACE_S
        if job_id not in self.cancelled and age > limit:
            client.cancel(self.store, job_id)
            self.cancelled.add(job_id)
        elif age > limit + FORCE_FINISH_S:
            best = self.store.meta(job_id).get("best")
            self.store.finish(job_id, "budget", "no coordinator answered after the deadline", best)

    def _grade(self, job_id: str, problem: Problem) -> ProblemRecord:
        folder = self.opts.out / "jobs" / problem.name.replace("/", "_")
        report = write_outputs(self.store, job_id, folder)
        cands = self.store.candidates(job_id)
        record = grade_job(report, cands, problem, self.settings)
        self.codes[problem.name] = cands[record.delivered].text if record.delivered else None
        return record

    def run(
        self, problems: list[Problem], check: Callable[[], None],
        done: Callable[[ProblemRecord], None],
    ) -> list[ProblemRecord]:  # fmt: skip
        todo, records = deque(problems), {}
        try:
            while todo or self.active:
                while todo and len(self.active) < self.opts.jobs:
                    self._submit(todo.popleft())
                for job_id, problem in list(self.active.items()):
                    if self.store.is_done(job_id):
                        del self.active[job_id]
                        records[problem.name] = self._grade(job_id, problem)
                        done(records[problem.name])
                    else:
                        self._overdue(job_id)
                check()
                time.sleep(POLL_S)
        except BaseException:
            for job_id in self.active:
                client.cancel(self.store, job_id)
            raise
        return [records[p.name] for p in problems]


def _write(out: Path, doc: dict[str, Any], problems: list[Problem]) -> None:
    from supercharger.eval.plot import write_plot

    (out / "eval.json").write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    write_plot(out / "eval.png", doc)
    if all(p.prompt for p in problems):  # HumanEval's: a completion is read after its prompt
        codes = {r["name"]: r["delivered_code"] for r in doc["rows"]}
        write_samples(out / "samples.jsonl", [(p.name, p.prompt, codes[p.name]) for p in problems])


def _run_jobs(
    problems: list[Problem], settings: Settings, opts: EvalOptions, console: Console
) -> tuple[list[ProblemRecord], dict[str, str | None]]:
    """Every problem's job on one cluster (the configured one, else an embedded one that stays
    up until the last job is graded); the records, and each problem's delivered code."""
    with ExitStack() as stack:
        broker_url, check = settings.broker_url, lambda: None
        if not broker_url:
            broker_url, check = _local_cluster(stack, settings, console)
        scheduler = Scheduler(client.connect(broker_url), settings, opts)
        with progress_bar(console) as bar:
            task = bar.add_task("", total=len(problems))
            solved = [0]

            def done(rec: ProblemRecord) -> None:
                solved[0] += rec.delivered_passed
                bar.update(task, advance=1, description=f"{solved[0]} delivered right")
                if not console.is_terminal:  # logs and CI: a line a problem
                    right = "right" if rec.delivered_passed else "not right"
                    console.print(f"{rec.name}: {rec.status}, delivered code {right}")

            records = scheduler.run(problems, check, done)
    return records, scheduler.codes


def run_eval(target: str, selection: str | None, settings: Settings, opts: EvalOptions) -> int:
    """Run the evaluation and write OUT/eval.json, eval.png, samples.jsonl; 0 when done."""
    opts.check()
    problems = load_problems(target, selection)  # bad input fails here, before any start
    get_backend(settings.sandbox_backend, **settings.sandbox_kwargs())
    opts.out.mkdir(parents=True, exist_ok=True)
    started = time.time()
    records, codes = _run_jobs(problems, settings, opts, Console(stderr=True))
    meta = {"target": target, "model": model_key(settings), "jobs_at_once": opts.jobs,
            "budget_seconds": settings.budget_seconds,
            "wall_seconds": round(time.time() - started, 3)}  # fmt: skip
    doc = eval_document(records, meta)
    for row in doc["rows"]:
        row["delivered_code"] = codes[row["name"]]
    if opts.calibrate:
        cal = choose_threshold(judged_pairs(records), opts.target_precision, opts.min_pairs)
        doc["calibration"] = cal.as_dict() | {"file": str(store_calibration(settings, cal))}
    _write(opts.out, doc, problems)
    show(Console(stderr=opts.as_json), doc)
    if opts.as_json:
        print(json.dumps(doc))
    return 0
