"""docs/models.md documents every option each LLM backend accepts, and no option it refuses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from supercharger.llm.hf import TransformersOptions
from supercharger.llm.openai_backend import OpenAIOptions

DOCS = Path(__file__).resolve().parents[2] / "docs" / "models.md"


def _tables() -> list[list[str]]:
    """The first-column names (backquoted) of each option table: tables headed ``| option |``."""
    tables: list[list[str]] = []
    rows: list[str] | None = None
    for line in DOCS.read_text().splitlines():
        if line.startswith("| option |"):
            rows = []
            tables.append(rows)
        elif rows is not None and line.startswith("|"):
            name = re.match(r"\| `([a-z_]+)`", line)
            if name:
                rows.append(name.group(1))
        else:
            rows = None
    return tables


@pytest.mark.parametrize("options", [TransformersOptions, OpenAIOptions])
def test_each_backend_has_a_table_with_exactly_its_options(options: type[BaseModel]) -> None:
    fields = list(options.model_fields)
    assert fields in _tables(), f"docs/models.md has no option table listing {fields}"
