"""The judge's threshold from evaluated pairs: the smallest score at which a judged pass is right
at least ``target`` of the time, stored per model in ``<data_dir>/calibration.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from supercharger.eval.figures import JudgedPair
from supercharger.settings import Settings

FILE_NAME = "calibration.json"
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


def model_key(settings: Settings) -> str:
    """The model a calibration belongs to: backend and model id."""
    return f"{settings.llm_backend}:{settings.model}"


def calibration_path(settings: Settings) -> Path:
    return settings.data_dir / FILE_NAME


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def store_calibration(settings: Settings, calibration: Calibration) -> Path:
    """Write (or replace) this model's entry in the calibration file; return the file."""
    path = calibration_path(settings)
    data = _read(path)
    data[model_key(settings)] = calibration.as_dict()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def load_calibration(settings: Settings) -> tuple[float | None, str]:
    """This model's calibrated threshold, or None, and where that answer came from."""
    path = calibration_path(settings)
    entry = _read(path).get(model_key(settings))
    if not isinstance(entry, dict):
        return None, f"no calibration for {model_key(settings)} in {path}"
    threshold = entry.get("threshold")
    if not isinstance(threshold, int | float):
        return None, f"{path} [{model_key(settings)}]: none ({entry.get('reason', 'no reason')})"
    return float(threshold), f"{path} [{model_key(settings)}]"
