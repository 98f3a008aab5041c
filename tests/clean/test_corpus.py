"""Properties of the cleaner on real raw replies of the bundled model.

The corpus (``corpus/replies.jsonl``) was recorded once by ``scripts/record_corpus.py``: code and
test prompts over 10 specs, with the pipeline's prefill and free-form (no prefill), raw text
verbatim. Nothing here runs generated code; the checks read it with ``ast`` only.
"""

from __future__ import annotations

import ast
import functools
import json
import warnings
from pathlib import Path

import pytest

from supercharger.clean import Cleaned, Refused, clean_code, clean_test

CORPUS = Path(__file__).parent / "corpus" / "replies.jsonl"
ROWS = [json.loads(line) for line in CORPUS.read_text().splitlines() if line.strip()]
CODE = [r for r in ROWS if r["kind"] == "code"]
TESTS = [r for r in ROWS if r["kind"] == "test"]

# Floors on the share of Cleaned replies, a little below what was measured (in brackets) so a
# regression cannot go unnoticed. Free-form test replies mostly rewrite the function instead of
# testing it, so most are rightly refused.
MIN_CLEANED = {
    ("code", True): 0.85,  # 72/80
    ("code", False): 0.95,  # 24/24
    ("test", True): 0.85,  # 71/80
    ("test", False): 0.12,  # 4/24
}

_EFFECTS = {"print", "input", "exit", "quit", "breakpoint", "help"}


@functools.cache
def cleaned(row_id: str) -> Cleaned | Refused:
    row = next(r for r in ROWS if r["id"] == row_id)
    if row["kind"] == "code":
        return clean_code(row["raw"], row["fn_name"])
    return clean_test(row["raw"], row["fn_name"], row["module"])


def parse(text: str) -> ast.Module:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(text)


def ids(rows: list[dict[str, object]]) -> list[str]:
    return [str(r["id"]) for r in rows]


def test_corpus_shape() -> None:
    assert len(ROWS) >= 200
    assert len(CODE) == len(TESTS)
    assert len({r["id"] for r in ROWS}) == len(ROWS)
    assert len({r["spec"] for r in ROWS}) >= 8
    assert any(not r["prefill"] for r in CODE) and any(not r["prefill"] for r in TESTS)
    assert CORPUS.stat().st_size < 1_000_000


@pytest.mark.parametrize("row", CODE, ids=ids(CODE))
def test_code_reply(row: dict[str, str]) -> None:
    result = cleaned(row["id"])
    assert isinstance(result, (Cleaned, Refused))
    if isinstance(result, Refused):
        assert result.reason
        return
    fn_name = row["fn_name"]
    tree = parse(result.text)
    defs = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    assert fn_name in {d.name for d in defs}
    for node in tree.body:
        assert not _is_main_guard(node), ast.unparse(node)
        if isinstance(node, ast.Expr):  # only a docstring may stand alone
            assert isinstance(node.value, ast.Constant), ast.unparse(node)
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            called = _called_names(node)
            assert not called & (_EFFECTS | {fn_name}), ast.unparse(node)


@pytest.mark.parametrize("row", TESTS, ids=ids(TESTS))
def test_test_reply(row: dict[str, str]) -> None:
    result = cleaned(row["id"])
    assert isinstance(result, (Cleaned, Refused))
    if isinstance(result, Refused):
        assert result.reason
        return
    fn_name, module = row["fn_name"], row["module"]
    tree = parse(result.text)
    imports = [
        n for n in tree.body
        if isinstance(n, ast.ImportFrom) and n.module == module and n.level == 0
        and any(a.name == fn_name and a.asname is None for a in n.names)
    ]  # fmt: skip
    assert imports, result.text
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            assert node.name != fn_name, result.text
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            assert fn_name not in _stored_names(node), result.text
    assert any(_is_assertion(n) for n in ast.walk(tree)), result.text
    assert any(
        isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        and n.name.lower().startswith("test")
        for n in tree.body
    ), result.text


@pytest.mark.parametrize("row", ROWS, ids=ids(ROWS))
def test_idempotent(row: dict[str, str]) -> None:
    result = cleaned(row["id"])
    if isinstance(result, Refused):
        return
    if row["kind"] == "code":
        again = clean_code(result.text, row["fn_name"])
    else:
        again = clean_test(result.text, row["fn_name"], row["module"])
    assert isinstance(again, Cleaned)
    assert again.text == result.text


@pytest.mark.parametrize("kind,prefill", sorted(MIN_CLEANED))
def test_cleaned_share(kind: str, prefill: bool) -> None:
    rows = [r for r in ROWS if r["kind"] == kind and r["prefill"] == prefill]
    share = sum(isinstance(cleaned(r["id"]), Cleaned) for r in rows) / len(rows)
    assert share >= MIN_CLEANED[(kind, prefill)], f"{kind} prefill={prefill}: {share:.3f}"


def _is_main_guard(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and any(
        isinstance(n, ast.Name) and n.id == "__name__" for n in ast.walk(node.test)
    )


def _called_names(node: ast.stmt) -> set[str]:
    calls = [n for n in ast.walk(node) if isinstance(n, ast.Call)]
    return {c.func.id for c in calls if isinstance(c.func, ast.Name)}


def _stored_names(node: ast.stmt) -> set[str]:
    names = [n for n in ast.walk(node) if isinstance(n, ast.Name)]
    return {n.id for n in names if isinstance(n.ctx, ast.Store)}


def _is_assertion(node: ast.AST) -> bool:
    if isinstance(node, ast.Assert):
        return True
    if isinstance(node, ast.Call):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        return name.startswith("assert") or name in ("raises", "fail", "warns")
    return False
