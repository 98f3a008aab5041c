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
    draws: int = 1  # each problem run this many times, with seeds seed, seed + 1, ...

    def check(self) -> None:
        """Raise UserError naming the first option out of range."""
        if self.jobs < 1:
            raise UserError(f"--jobs {self.jobs}: at least 1 job must run at once")
        if not 0.0 <= self.target_precision <= 1.0:
            raise UserError(f"--target-precision {self.target_precision}: expected 0..1")
        if self.min_pairs < 1:
            raise UserError(f"--min-pairs {self.min_pairs}: expected at least 1")
        if self.draws < 1:
            raise UserError(f"--draws {self.draws}: expected at least 1")


@dataclass(frozen=True)
class Run:
    """One draw of one problem: its job runs with its own seed."""

    problem: Problem
    draw: int
    settings: Settings

    @property
    def label(self) -> str:
        """The problem's name, with the draw after ``#`` from the second draw on."""
        return self.problem.name + (f"#{self.draw}" if self.draw else "")


def runs_of(problems: list[Problem], settings: Settings, draws: int) -> list[Run]:
    """Every problem once per draw, draw by draw; draw ``d`` samples with seed ``seed + d``
    (seed 1 when none is set), so that draws differ and each can be run again."""
    base = settings.seed if settings.seed is not None else 1
    return [
        Run(p, d, settings.model_copy(update={"seed": base + d}))
        for d in range(draws)
        for p in problems
    ]


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
        self.active: dict[str, Run] = {}
        self.codes: dict[str, str | None] = {}  # run label -> its delivered code
        self.cancelled: set[str] = set()

    def _submit(self, run: Run) -> None:
        self.active[client.submit(self.store, run.problem.spec, run.settings)] = run

    def _overdue(self, job_id: str) -> None:
        age = time.time() - self.store.meta(job_id)["created"]
        limit = self.settings.budget_seconds + DEADLINE_GRACE_S
        if job_id not in self.cancelled and age > limit:
            client.cancel(self.store, job_id)
            self.cancelled.add(job_id)
        elif age > limit + FORCE_FINISH_S:
            best = self.store.meta(job_id).get("best")
            self.store.finish(job_id, "budget", "no coordinator answered after the deadline", best)

    def _grade(self, job_id: str, run: Run) -> ProblemRecord:
        folder = self.opts.out / "jobs" / run.label.replace("/", "_").replace("#", "_draw")
        report = write_outputs(self.store, job_id, folder)
        cands = self.store.candidates(job_id)
        record = grade_job(report, cands, run.problem, self.settings)
        record.draw = run.draw
        self.codes[run.label] = cands[record.delivered].text if record.delivered else None
        return record

    def run(
        self, runs: list[Run], check: Callable[[], None], done: Callable[[ProblemRecord], None]
    ) -> list[ProblemRecord]:
        todo, records = deque(runs), {}
        try:
            while todo or self.active:
                while todo and len(self.active) < self.opts.jobs:
                    self._submit(todo.popleft())
                for job_id, run in list(self.active.items()):
                    if self.store.is_done(job_id):
                        del self.active[job_id]
                        records[run.label] = self._grade(job_id, run)
                        done(records[run.label])
                    else:
                        self._overdue(job_id)
                check()
                time.sleep(POLL_S)
        except BaseException:
            for job_id in self.active:
                client.cancel(self.store, job_id)
            raise
        return [records[r.label] for r in runs]


def _write(out: Path, doc: dict[str, Any], runs: list[Run]) -> None:
    from supercharger.eval.plot import write_plot

    (out / "eval.json").write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    write_plot(out / "eval.png", doc)
    if all(r.problem.prompt for r in runs):  # HumanEval's: a completion follows its prompt
        codes = [row["delivered_code"] for row in doc["rows"]]  # in the order of ``runs``
        samples = [(r.problem.name, r.problem.prompt, c) for r, c in zip(runs, codes, strict=True)]
        write_samples(out / "samples.jsonl", samples)


def _run_jobs(
    runs: list[Run], settings: Settings, opts: EvalOptions, console: Console
) -> tuple[list[ProblemRecord], dict[str, str | None]]:
    """Every problem's job on one cluster (the configured one, else an embedded one that stays
    up until the last job is graded); the records, and each problem's delivered code."""
    with ExitStack() as stack:
        broker_url, check = settings.broker_url, lambda: None
        if not broker_url:
            broker_url, check = _local_cluster(stack, settings, console)
        scheduler = Scheduler(client.connect(broker_url), settings, opts)
        with progress_bar(console) as bar:
            task = bar.add_task("", total=len(runs))
            solved = [0]

            def done(rec: ProblemRecord) -> None:
                solved[0] += rec.delivered_passed
                bar.update(task, advance=1, description=f"{solved[0]} delivered right")
                if not console.is_terminal:  # logs and CI: a line a problem
                    right = "right" if rec.delivered_passed else "not right"
                    draw = f" (draw {rec.draw + 1})" if opts.draws > 1 else ""
                    console.print(f"{rec.name}{draw}: {rec.status}, delivered code {right}")

            records = scheduler.run(runs, check, done)
    return records, scheduler.codes


def run_eval(target: str, selection: str | None, settings: Settings, opts: EvalOptions) -> int:
    """Run the evaluation and write OUT/eval.json, eval.png, samples.jsonl; 0 when done."""
    opts.check()
    problems = load_problems(target, selection)  # bad input fails here, before any start
    get_backend(settings.sandbox_backend, **settings.sandbox_kwargs())
    opts.out.mkdir(parents=True, exist_ok=True)
    started = time.time()
    runs = runs_of(problems, settings, opts.draws)
    records, codes = _run_jobs(runs, settings, opts, Console(stderr=True))
    meta = {"target": target, "model": model_key(settings), "jobs_at_once": opts.jobs,
            "budget_seconds": settings.budget_seconds, "draws": opts.draws,
            "seeds": [r.settings.seed for r in runs[:: len(problems)]],
            "wall_seconds": round(time.time() - started, 3)}  # fmt: skip
    doc = eval_document(records, meta)
    for row, run in zip(doc["rows"], runs, strict=True):
        row["delivered_code"] = codes[run.label]
    if opts.calibrate:
        cal = choose_threshold(judged_pairs(records), opts.target_precision, opts.min_pairs)
        doc["calibration"] = cal.as_dict() | {"file": str(store_calibration(settings, cal))}
    _write(opts.out, doc, runs)
    show(Console(stderr=opts.as_json), doc)
    if opts.as_json:
        print(json.dumps(doc))
    return 0
