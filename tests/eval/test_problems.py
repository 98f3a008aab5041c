"""Bad input to `supercharger eval`: one line on stderr, exit 2, nothing started."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from supercharger.errors import UserError
from supercharger.eval.problems import folder_problems, humaneval_problems, parse_range


def test_parse_range() -> None:
    assert parse_range("0-3") == [0, 1, 2, 3]
    assert parse_range("5") == [5]
    assert parse_range("2, 13,20-21,13") == [2, 13, 20, 21]
    assert parse_range("0-163")[-1] == 163
    for bad in ("164", "0-164", "3-1", "-1", "a-b", "", "1,,2", "1.5"):
        with pytest.raises(UserError):
            parse_range(bad)
    with pytest.raises(UserError, match="3-1 starts after it ends"):
        parse_range("0,3-1")
    with pytest.raises(UserError, match="0-164 is outside 0..163"):
        parse_range("0-164")


def test_humaneval_problem_has_spec_and_hidden_check() -> None:
    (p,) = humaneval_problems("2")
    assert p.name == "HumanEval/2" and p.spec.name == "truncate_number"
    assert p.hidden_test.startswith(f"from {p.spec.module} import *\n")
    assert p.hidden_test.rstrip().endswith("check(truncate_number)")


def test_folder_problems(tmp_path: Path) -> None:
    (tmp_path / "inc.spec").write_text("# add one\ndef inc(n):\n")
    (tmp_path / "test_inc.py").write_text(
        "from inc import inc\n\ndef test_():\n    assert inc(1) == 2\n"
    )
    (p,) = folder_problems(tmp_path)
    assert (p.name, p.spec.module, p.prompt) == ("inc", "inc", "")


def cli(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, SUPERCHARGER_LLM_BACKEND="fake", SUPERCHARGER_DATA_DIR=str(cwd / "data"))
    env.pop("SUPERCHARGER_BROKER_URL", None)
    return subprocess.run([sys.executable, "-m", "supercharger", "eval", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60, env=env)  # fmt: skip


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("empty",), "no *.spec files"),
        (("missing",), "not a folder"),
        (("lonely",), "test_inc.py is missing"),
        (("humaneval", "--problems", "0-164"), "outside 0..163"),
        (("humaneval", "--problems", "x"), "expected numbers"),
        (("lonely", "--problems", "1"), "does not apply to a folder"),
        (("broken",), "no function signature"),
        (("humaneval", "--jobs", "0"), "--jobs 0"),
        (("humaneval", "--calibrate", "--target-precision", "1.5"), "--target-precision"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, args: tuple[str, ...], says: str) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "lonely").mkdir()
    (tmp_path / "lonely" / "inc.spec").write_text("# add one\ndef inc(n):\n")
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "x.spec").write_text("# no function here\n")
    (tmp_path / "broken" / "test_x.py").write_text("def test_():\n    pass\n")
    proc = cli(tmp_path, *args, "--out", "out")
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0] and "Traceback" not in proc.stderr, proc.stderr
    assert not (tmp_path / "data").exists()  # no cluster started: it would log there
    assert not (tmp_path / "out").exists()


def test_each_draw_runs_every_problem_with_its_own_seed(tmp_path: Path) -> None:
    from supercharger.eval.evaluate import runs_of
    from supercharger.settings import Settings

    problems = humaneval_problems("0-1")
    runs = runs_of(problems, Settings(seed=7), draws=3)
    assert [(r.problem.name, r.settings.seed) for r in runs] == [
        (p.name, 7 + d) for d in range(3) for p in problems
    ]
    assert runs[0].label == problems[0].name and runs[2].label == f"{problems[0].name}#1"
    assert {r.settings.seed for r in runs_of(problems, Settings(), draws=2)} == {1, 2}
