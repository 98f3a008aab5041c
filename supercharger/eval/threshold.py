"""The judge's threshold from evaluated pairs: the smallest score at which a judged pass is right
at least ``target`` of the time, stored per model in ``<data_dir>/calibration.json``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from supercharger.calibration import (  # noqa: F401 - the file side, re-exported for eval
    calibration_path,
    load_calibration,
    model_key,
    store_entry,
)
from supercharger.eval.figures import JudgedPair
from supercharger.settings import Settings

MIN_PAIRS = 20  # pairs at or above a threshold before its precision counts


@dataclass(frozen=True)
class Calibration:
    threshold: float | None
    target_precision: float
    precision: float | None  # at the threshold (None when there is none)
    pairs_above: int
    pairs: int
    min_pairs: int
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


def choose_threshold(
    pairs: list[JudgedPair], target: float = 0.9, min_pairs: int = MIN_PAIRS
) -> Calibration:
    """The smallest judge score t such that the pairs scored >= t number at least ``min_pairs``
    and at least ``target`` of them have code passing the hidden tests."""
    base = {"target_precision": target, "pairs": len(pairs), "min_pairs": min_pairs}
    for t in sorted({p.score for p in pairs}):
        above = [p for p in pairs if p.score >= t]
        if len(above) < min_pairs:
            break  # higher thresholds keep fewer pairs still
        precision = sum(p.right for p in above) / len(above)
        if precision >= target:
            reason = f"{len(above)} judged pairs at or above it, {precision:.3f} right"
            return Calibration(t, precision=round(precision, 4), pairs_above=len(above),
                               reason=reason, **base)  # fmt: skip
    if len(pairs) < min_pairs:
        reason = f"only {len(pairs)} judged pairs; at least {min_pairs} are needed"
    else:
        reason = f"no threshold with {min_pairs}+ pairs above it reaches precision {target}"
    return Calibration(None, precision=None, pairs_above=0, reason=reason, **base)


def store_calibration(settings: Settings, calibration: Calibration) -> Path:
    """Write (or replace) this model's entry in the calibration file; return the file."""
    return store_entry(settings, calibration.as_dict())
