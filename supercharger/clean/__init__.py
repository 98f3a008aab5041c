"""Pure cleaning of model output: raw reply -> runnable code or pytest file, or a refusal.

Only the standard library is used here; nothing imports Celery, the sandbox or a model.
"""

from __future__ import annotations

from supercharger.clean.base import Cleaned, CleanResult, Refused
from supercharger.clean.code import clean_code
from supercharger.clean.testfile import clean_test

__all__ = ["CleanResult", "Cleaned", "Refused", "clean_code", "clean_test"]
