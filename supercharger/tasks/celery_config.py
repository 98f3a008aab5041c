"""Celery's configuration, each layer over the one before: the package's defaults
(``celery_defaults``, loaded by module path), ``SUPERCHARGER_BROKER_URL``, the operator's file
(``SUPERCHARGER_CELERY_CONFIG``, default the shipped ``celeryconfig.py``, loaded by file path)
and ``CELERY_<NAME>`` variables.

Nothing is imported by the name ``celeryconfig``, so another such module on ``sys.path`` changes
nothing, and no file rewrites itself from the environment: the variables are applied here.
"""

from __future__ import annotations

import importlib
import json
import os
import runpy
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

from supercharger.errors import ConfigError
from supercharger.settings import Settings, get_settings

DEFAULTS = "supercharger.tasks.celery_defaults"
# Installed beside the package (pyproject's py-modules); the repository root in a checkout.
SHIPPED = Path(__file__).resolve().parents[2] / "celeryconfig.py"
ENV_PREFIX = "CELERY_"


def celery_settings(namespace: Mapping[str, Any]) -> dict[str, Any]:
    """The Celery settings a module defines: its lower-case public names, modules left out."""
    return {
        name: value
        for name, value in namespace.items()
        if name.islower() and not name.startswith("_") and not isinstance(value, ModuleType)
    }


def operator_settings(path: Path | None) -> dict[str, Any]:
    """The settings of the operator's file: ``path``, else the shipped one (if installed)."""
    file = path or SHIPPED
    if not file.is_file():
        if path is None:
            return {}
        raise ConfigError(f"SUPERCHARGER_CELERY_CONFIG: {path}: no such file")
    try:
        return celery_settings(runpy.run_path(str(file)))
    except Exception as e:  # the operator's own Python: one line, not a traceback
        raise ConfigError(f"{file}: {type(e).__name__}: {e}") from None


def env_overrides(names: Iterable[str], environ: Mapping[str, str]) -> dict[str, Any]:
    """``CELERY_<NAME>`` values for the settings in ``names``: JSON where it parses, else text."""
    found: dict[str, Any] = {}
    for name in names:
        text = environ.get(ENV_PREFIX + name.upper())
        if text is not None:
            try:
                found[name] = json.loads(text)
            except ValueError:
                found[name] = text
    return found


def load(settings: Settings | None = None, environ: Mapping[str, str] | None = None) -> dict:
    """The configuration the app starts with."""
    s = settings or get_settings()
    config = celery_settings(vars(importlib.import_module(DEFAULTS)))
    if s.broker_url:
        config["broker_url"] = s.broker_url
    config |= operator_settings(s.celery_config)
    return config | env_overrides(config, os.environ if environ is None else environ)
