"""eval.png: each problem's outcome, and the judge's calibration curve (matplotlib, Agg)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

OUTCOMES = ("delivered", "oracle only", "none")
COLOURS = {"delivered": "#2e7d32", "oracle only": "#f9a825", "none": "#c62828"}


def outcome(row: dict[str, Any]) -> str:
    if row["delivered_passed"]:
        return "delivered"
    return "oracle only" if row["oracle"] else "none"


def write_plot(path: Path, doc: dict[str, Any]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    rows = doc["rows"]
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.5))
    xs = list(range(len(rows)))
    left.bar(
        xs,
        [max(r["codes_passed"], 0.2) for r in rows],
        color=[COLOURS[outcome(r)] for r in rows],
    )
    left.set_xticks(xs, [r["name"] for r in rows], rotation=90, fontsize=6 if len(rows) > 40 else 9)
    left.set_ylabel("code candidates passing the hidden test")
    left.set_title(
        f"per problem: delivered {doc['delivered_pass_at_1']}, oracle {doc['oracle_pass_at_k']}"
    )
    left.legend(handles=[Patch(color=COLOURS[n], label=n) for n in OUTCOMES], fontsize=8)
    curve = [b for b in doc["calibration_curve"] if b["pairs"]]
    mids = [(b["low"] + b["high"]) / 2 for b in curve]
    right.plot([0, 1], [0, 1], ls=":", color="grey", label="ideal")
    right.plot(mids, [b["right"] for b in curve], marker="o", label="judged pairs")
    for x, b in zip(mids, curve, strict=True):
        right.annotate(str(b["pairs"]), (x, b["right"]), fontsize=7, xytext=(3, 3),
                       textcoords="offset points")  # fmt: skip
    right.set_xlim(0, 1)
    right.set_ylim(-0.05, 1.05)
    right.set_xlabel("judge score (bin)")
    right.set_ylabel("fraction with code passing the hidden test")
    right.set_title(f"judge calibration ({len(doc['judged_pairs'])} pairs)")
    right.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
