"""The terminal side of an evaluation: a progress bar while jobs run, a table at the end."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

FIGURES = (
    "delivered_pass_at_1",
    "first_candidate_pass_at_1",
    "oracle_pass_at_k",
    "selection_ratio",
    "judge_precision",
    "judge_recall",
    "tokens_per_solved",
    "seconds_per_solved",
)


def progress_bar(console: Console) -> Progress:
    return Progress(
        TextColumn("[bold]eval[/bold]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


def _mark(ok: bool) -> str:
    return "[green]yes[/green]" if ok else "[red]no[/red]"


def _num(v: Any, fmt: str = "{:.2f}") -> str:
    return "-" if v is None else fmt.format(v)


def table(doc: dict[str, Any]) -> Table:
    """One row a problem: the job's status; does the delivered, the first, any code pass the
    hidden test; right codes of all; the delivered pair's judge score and threshold."""
    t = Table(title=f"{doc['problems']} problems", title_justify="left")
    t.add_column("problem", no_wrap=True)
    t.add_column("status", no_wrap=True)
    for col in ("delivered", "first", "any", "right", "judge", "thr", "s", "tokens"):
        t.add_column(col, justify="right")
    for r in doc["rows"]:
        delivered = _mark(r["delivered_passed"]) + ("*" if r["delivered_from"] == "ranked" else "")
        t.add_row(
            r["name"], r["status"], delivered, _mark(r["first_passed"]), _mark(r["oracle"]),
            f"{r['codes_passed']}/{r['codes']}", _num(r["score"]), _num(r["threshold"]),
            f"{r['seconds']:.0f}", str(r["tokens"]),
        )  # fmt: skip
    if any(r["delivered_from"] == "ranked" for r in doc["rows"]):
        t.caption = "* the top-ranked code passed no test: delivered unverified"
    return t


def show(console: Console, doc: dict[str, Any]) -> None:
    console.print(table(doc))
    for key in FIGURES:
        console.print(f"{key:>26}: {_num(doc[key], '{:.4g}')}", highlight=False)
    if missing := doc.get("evidence_missing"):  # why the other jobs did not end on a judged pass
        said = ", ".join(f"{name} {n}" for name, n in missing.items())
        console.print(f"{'evidence_missing':>26}: {said}", highlight=False)
    if agreed := doc.get("judged_on_agreed"):  # judged passes whose test the job assembled
        precision = _num(doc.get("agreed_precision"), "{:.4g}")
        console.print(
            f"{'judged_on_agreed':>26}: {agreed} (precision {precision})", highlight=False
        )
