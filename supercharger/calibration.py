"""The judge thresholds that ``supercharger eval --calibrate`` stored, one per model, in
``<data_dir>/calibration.json``: read when a job's config is made, written by eval."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from supercharger.settings import Settings

FILE_NAME = "calibration.json"


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


def store_entry(settings: Settings, entry: dict[str, Any]) -> Path:
    """Write (or replace) this model's entry in the calibration file; return the file."""
    path = calibration_path(settings)
    data = _read(path)
    data[model_key(settings)] = entry
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def calibrated(settings: Settings) -> dict[str, Any] | None:
    """This model's stored entry (``threshold`` may be None: the judge could not reach the
    target precision), or None when the model was never calibrated."""
    entry = _read(calibration_path(settings)).get(model_key(settings))
    return entry if isinstance(entry, dict) else None


def load_calibration(settings: Settings) -> tuple[float | None, str]:
    """This model's calibrated threshold, or None, and where that answer came from."""
    path = calibration_path(settings)
    entry = calibrated(settings)
    if entry is None:
        return None, f"no calibration for {model_key(settings)} in {path}"
    threshold = entry.get("threshold")
    if not isinstance(threshold, int | float):
        return None, f"{path} [{model_key(settings)}]: none ({entry.get('reason', 'no reason')})"
    return float(threshold), f"{path} [{model_key(settings)}]"
