"""`supercharger workers`: the live workers of a cluster, from their heartbeats in Redis."""

from __future__ import annotations

import json
import time
from typing import Any

import typer

from supercharger.tasks.coordinator import ALIVE_S
from supercharger.tasks.store import JobStore

COLUMNS = ("worker", "roles", "model", "gpus", "devices", "load")


def worker_rows(beats: dict[str, dict[str, Any]], now: float) -> list[dict[str, Any]]:
    """One JSON-able record per live worker, sorted by name: what its heartbeat said, and how
    many seconds ago."""
    rows = []
    for name in sorted(beats):
        beat = beats[name]
        rows.append(
            {"worker": name}
            | {k: beat.get(k) for k in ("roles", "queues", "host", "pid", "backend", "model")}
            | {
                "cuda_visible_devices": beat.get("cuda_visible_devices"),
                "device_map": beat.get("device_map"),
                "active": beat.get("active"),
                "done": beat.get("done"),
                "seen_s_ago": round(max(0.0, now - float(beat["seen"])), 1),
            }
            | ({"routed_roles": beat["routed_roles"]} if "routed_roles" in beat else {})
        )
    return rows


def _cells(row: dict[str, Any]) -> list[str]:
    model = f"{row['backend']}:{row['model']}" if row.get("backend") else "-"
    devices = sorted(set((row.get("device_map") or {}).values())) or ["-"]
    gpus = row.get("cuda_visible_devices")
    load = f"{row.get('active', '?')} running, {row.get('done', '?')} done"
    return [row["worker"], ",".join(row.get("roles") or []), model,
            "-" if gpus is None else gpus, ",".join(devices), load]  # fmt: skip


def show_workers(store: JobStore, as_json: bool) -> None:
    """Print the live workers (heartbeat in the last ``ALIVE_S`` seconds)."""
    rows = worker_rows(store.heartbeats(max_age=ALIVE_S), time.time())
    if as_json:
        typer.echo(json.dumps({"workers": rows}))
        return
    if not rows:
        typer.echo("no live workers")
        return
    table = [list(COLUMNS)] + [_cells(r) for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
    for line in table:
        typer.echo("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
