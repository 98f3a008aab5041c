"""The runner's one source, assembled from ``supercharger.sandbox.inside``: it compiles, imports
nothing of supercharger nor of its own package, only the standard library, pytest and pluggy
(and coverage.py, only where a pair asks for it), fits one argv string with room to spare, and
is made once."""

from __future__ import annotations

import ast
import sys

import pytest

from supercharger.errors import RunnerSourceError
from supercharger.sandbox import assembly
from supercharger.sandbox.assembly import runner_source
from supercharger.sandbox.inside import MODULES

MAX_ARG_STRLEN = 131072  # Linux: the longest single argv string (32 pages)
ALLOWED = set(sys.stdlib_module_names) | {"pytest", "_pytest", "pluggy", "coverage"}


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    return [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]


def test_the_runner_source_compiles() -> None:
    compile(runner_source(), "<runner>", "exec", dont_inherit=True)


def test_the_runner_source_imports_nothing_of_supercharger_nor_of_its_modules() -> None:
    for node in _imports(ast.parse(runner_source())):
        assert isinstance(node, ast.Import) or node.level == 0, ast.unparse(node)
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
        for name in names:
            assert name is not None
            top = name.split(".")[0]
            assert top != "supercharger", ast.unparse(node)
            assert top not in MODULES, ast.unparse(node)


def test_the_runner_source_imports_only_stdlib_pytest_and_pluggy() -> None:
    tops = set()
    for node in _imports(ast.parse(runner_source())):
        if isinstance(node, ast.Import):
            tops |= {a.name.split(".")[0] for a in node.names}
        else:
            tops.add((node.module or "").split(".")[0])
    assert tops - {"__future__"} <= ALLOWED, tops - ALLOWED
    assert {"pytest", "_pytest"} <= tops


def test_coverage_is_imported_only_when_asked_for() -> None:
    """A sandbox python without coverage.py still runs the runner: it imports it in a function."""
    tree = ast.parse(runner_source())
    top_level = {
        a.name.split(".")[0] for n in tree.body if isinstance(n, ast.Import) for a in n.names
    }
    top_level |= {
        (n.module or "").split(".")[0] for n in tree.body if isinstance(n, ast.ImportFrom)
    }
    assert "coverage" not in top_level
    assert any(isinstance(n, ast.Import) and n.names[0].name == "coverage" for n in _imports(tree))


def test_the_runner_source_fits_one_argv_string_with_room_to_spare() -> None:
    assert len(runner_source().encode()) < 0.6 * MAX_ARG_STRLEN


def test_the_runner_source_is_made_once() -> None:
    assert runner_source() is runner_source()


def test_the_runner_source_starts_with_its_future_import_and_ends_by_starting() -> None:
    tree = ast.parse(runner_source())
    first = tree.body[0]
    assert isinstance(first, ast.ImportFrom) and first.module == "__future__"
    futures = [
        n for n in _imports(tree) if isinstance(n, ast.ImportFrom) and n.module == "__future__"
    ]
    assert len(futures) == 1
    last = tree.body[-1]
    assert isinstance(last, ast.If) and "main()" in ast.unparse(last)


def test_every_module_of_the_package_is_assembled() -> None:
    files = {p.stem for p in assembly.PACKAGE_DIR.glob("*.py")} - {"__init__"}
    assert files == set(MODULES)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("from .boot import main\n", "not an earlier module"),
        ("from .protocol import Unit as U\n", "renames"),
        ("import supercharger\n", "imports supercharger"),
        ("def f():\n    from .protocol import Unit\n", "not at top level"),
        ("def sign():\n    pass\n", "defined in both"),
    ],
)
def test_the_assembly_refuses_what_its_scheme_cannot_keep_right(text: str, why: str) -> None:
    claimed: dict = {"sign": ("signing", "definition")}
    with pytest.raises(RunnerSourceError, match=why):
        assembly._module_body("extra", text, ("protocol", "signing"), claimed)


def test_the_same_stdlib_import_in_two_modules_is_fine() -> None:
    claimed: dict = {}
    assembly._module_body("a", "import os\nimport importlib.util\n", (), claimed)
    assembly._module_body("b", "import os\nimport importlib\n", (), claimed)
    with pytest.raises(RunnerSourceError, match="defined in both"):
        assembly._module_body("c", "from posixpath import join as os\n", (), claimed)
