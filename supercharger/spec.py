"""The spec: a comment and/or docstring, imports, and one top-level function signature.

A HumanEval ``prompt`` is a valid spec (helper functions with bodies are kept as context);
so is a two-liner ``# what it does`` + ``def name(args):``.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from pydantic import BaseModel

from supercharger import requirements as reqs
from supercharger.errors import SpecError


class Spec(BaseModel):
    """A parsed spec. ``text`` is the user's text exactly; ``name`` the function to write."""

    text: str
    name: str
    signature: str
    docstring: str = ""
    comment: str = ""
    imports: list[str] = []
    helpers: list[str] = []  # helper functions/classes given in full in the spec
    requirements: tuple[str, ...] = ()  # what the code may use besides the stdlib (normalized)
    source: str = "<spec>"

    @property
    def module(self) -> str:
        """Module name the code is written to; never one that shadows the standard library."""
        if self.name in sys.stdlib_module_names or self.name in ("test", "conftest"):
            return f"{self.name}_impl"
        return self.name


def _parse(text: str, source: str) -> ast.Module:
    """Parse the spec, completing a bare signature (no colon, or no body) as meant."""
    try:
        return ast.parse(text)
    except SyntaxError as first:
        stripped = text.rstrip()
        for tail in ("\n    pass\n", ":\n    pass\n"):
            try:
                return ast.parse(stripped + tail)
            except SyntaxError:
                continue
        line = first.lineno or 0
        raise SpecError(f"{source}:{line}: syntax error: {first.msg}") from None


def _is_signature_only(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """True when the body is empty: only a docstring, ``pass`` or ``...``."""
    for stmt in fn.body:
        if isinstance(stmt, ast.Pass):
            continue
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            continue  # docstring or ...
        return False
    return True


_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _pick_target(
    fns: list[ast.FunctionDef | ast.AsyncFunctionDef], source: str
) -> ast.FunctionDef | ast.AsyncFunctionDef:
    if not fns:
        raise SpecError(f"{source}:1: no function signature found (expected one `def name(...):`)")
    if len(fns) == 1:
        return fns[0]
    empty = [f for f in fns if _is_signature_only(f)]
    if len(empty) == 1:
        return empty[0]
    second = (empty or fns)[1]
    raise SpecError(
        f"{source}:{second.lineno}: more than one function to write "
        f"({', '.join(f.name for f in (empty or fns))}); a spec holds exactly one"
    )


def _leading_comment(text: str) -> str:
    lines = []
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("#"):
            lines.append(s.lstrip("#").strip())
        elif s and lines:
            break
    return "\n".join(lines)


def parse_spec(text: str, source: str = "<spec>") -> Spec:
    """Parse spec text; raise SpecError (naming ``source`` and a line) when it is not a spec."""
    if not text.strip():
        raise SpecError(f"{source}:1: the spec is empty")
    tree = _parse(text, source)
    fns = [n for n in tree.body if isinstance(n, _FUNCTIONS)]
    target = _pick_target(fns, source)
    lines = text.splitlines()
    sig_end = target.body[0].lineno - 1 if target.body else target.lineno
    signature = "\n".join(lines[target.lineno - 1 : max(sig_end, target.lineno)]).rstrip()
    imports = [
        ast.get_source_segment(text, n) or ""
        for n in tree.body
        if isinstance(n, ast.Import | ast.ImportFrom)
    ]
    helpers = [
        ast.get_source_segment(text, n) or ""
        for n in tree.body
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and n is not target
    ]
    requirements = reqs.merge(
        reqs.requires_lines(text, source), reqs.import_requirements(_imported(tree))
    )
    return Spec(
        requirements=requirements,
        text=text,
        name=target.name,
        signature=signature,
        docstring=ast.get_docstring(target) or "",
        comment=_leading_comment(text),
        imports=imports,
        helpers=helpers,
        source=source,
    )


def _imported(tree: ast.Module) -> list[str]:
    """The modules the spec's own top-level imports name (relative imports left out)."""
    found = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append(node.module)
    return found


REQUIREMENTS_SUFFIX = ".requirements.txt"


def requirements_beside(path: Path) -> Path | None:
    """The requirements file for the spec at ``path``: ``<stem>.requirements.txt``, else
    ``requirements.txt`` in its folder; None when neither exists."""
    for candidate in (path.with_name(path.stem + REQUIREMENTS_SUFFIX),
                      path.with_name("requirements.txt")):  # fmt: skip
        if candidate.is_file():
            return candidate
    return None


def _with_file_requirements(spec: Spec, path: Path) -> Spec:
    found = requirements_beside(path)
    if found is None:
        return spec
    try:
        text = found.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise SpecError(f"{found}: cannot read ({getattr(e, 'strerror', None) or e})") from None
    merged = reqs.merge(spec.requirements, reqs.requirements_file(text, str(found)))
    return spec.model_copy(update={"requirements": merged})


def load_spec(path: Path) -> Spec:
    """Read and parse a spec file; every failure is a SpecError naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SpecError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise SpecError(f"{path}: is a directory, not a spec file") from None
    except UnicodeDecodeError:
        raise SpecError(f"{path}: not UTF-8 text") from None
    except OSError as e:
        raise SpecError(f"{path}: cannot read ({e.strerror})") from None
    return _with_file_requirements(parse_spec(text, str(path)), path)


# Stand-in bodies for the function to write. A test that passes with every one of them checks
# nothing the function does (it never calls it, calls it with the wrong arity and expects the
# TypeError, or asserts nothing about its result): the pipeline calls such a test blind.
STUB_KIND = "stub"  # a stand-in code's candidate kind: never ranked, judged or repaired
STUB_PREFIX = "stub."  # a stand-in code's id: STUB_PREFIX + its name here
EXAMPLES_KIND = "examples"  # the candidate kind of the test made from the spec's own examples
EXAMPLES_ID = "spec.examples"
STUB_BODIES = {
    "none": "return None",
    "raise": "raise NotImplementedError('a stand-in: a test this passes checks nothing')",
}
# A third stand-in where the function has a first positional parameter: it returns that
# argument unchanged. A test that passes with it asserts only what the identity does (the
# flatten of an already flat list, `find_duplicates([1, 2]) == [1, 2]`, a bare truthy
# `assert f("text")`), so it is weak too; it takes no part in telling blind tests.
ECHO = "echo"
ECHO_ID = STUB_PREFIX + ECHO


def _target(spec: Spec) -> ast.FunctionDef | ast.AsyncFunctionDef:
    """The spec's function to write, parsed again."""
    return _pick_target(
        [n for n in _parse(spec.text, spec.source).body if isinstance(n, _FUNCTIONS)], spec.source
    )


def sole_parameter(spec: Spec) -> str | None:
    """The name of the function's one parameter when it takes exactly one argument (no
    ``*args``, ``**kw`` or keyword-only ones), else None."""
    args = _target(spec).args
    positional = [*args.posonlyargs, *args.args]
    if len(positional) != 1 or args.vararg or args.kwarg or args.kwonlyargs:
        return None
    return positional[0].arg


def parameters(spec: Spec) -> list[str] | None:
    """The names of the function's parameters when every one is positional and required (no
    default, ``*args``, ``**kw`` or keyword-only one), else None."""
    args = _target(spec).args
    if args.vararg or args.kwarg or args.kwonlyargs or args.defaults:
        return None
    return [a.arg for a in (*args.posonlyargs, *args.args)]


def required_arity(spec: Spec) -> int:
    """How many positional arguments a call of the function must pass: its positional
    parameters without a default."""
    args = _target(spec).args
    return len(args.posonlyargs) + len(args.args) - len(args.defaults)


def annotation_of(spec: Spec) -> str:
    """The annotation of the function's first parameter as written ("" when it has none)."""
    args = _target(spec).args
    positional = [*args.posonlyargs, *args.args]
    note = positional[0].annotation if positional else None
    return ast.unparse(note) if note is not None else ""


def stand_ins(spec: Spec) -> dict[str, str]:
    """The stand-in bodies for this spec's function: ``STUB_BODIES``, and ``ECHO`` returning its
    first positional parameter where it has one."""
    target = _target(spec)
    positional = [*target.args.posonlyargs, *target.args.args]
    if not positional:
        return dict(STUB_BODIES)
    return STUB_BODIES | {ECHO: f"return {positional[0].arg}"}


def stub_code(spec: Spec, body: str) -> str:
    """The spec's function with ``body`` instead of its own (no decorators, no docstring); the
    same name, parameters, defaults and annotations, so a test calls it as it would the code."""
    target = _target(spec)
    target.decorator_list = []
    target.body = ast.parse(body).body
    return ast.unparse(target) + "\n"
