"""What codes do on the tests' inputs: the behaviour probe.

The bundled model's generated tests are mostly wrong somewhere (an edge case, one expected
value), so a right code fails most of them as whole files and test-level agreement (CodeT)
says little. Their *inputs* are still useful, and so are the asserts that are right. The
probe takes every assert of a test that calls the function with literal arguments
(``f([1, 2]) == 3``, ``assert not f("")``, ``f(0.1) == pytest.approx(0.3)``, a call under
``pytest.raises``), runs each call against a code in the sandbox in one pytest file, and
reports per call a short fingerprint of the result (or of the exception raised) and per
assert whether it held. Codes with the same fingerprints behave alike on those inputs; the
policy groups them (``policy.behaviour_weights``).

Nothing here runs generated code: ``probe_test`` writes the file, the sandbox runs it, and
``read_probe`` parses the line it prints.
"""

from __future__ import annotations

import ast
import itertools
import json
import re
import secrets
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

MAX_CALLS = 48  # distinct calls in one probe file (the first ones in sorted order)
MAX_DERIVED = 24  # calls derived from them (``derived_calls``) added to the probe file
MAX_SPEC_CALLS = 8  # of those, calls with a value the spec's own text names (``spec_values``)
MAX_TYPED = 32  # calls with a value of a common argument type (``typed_calls``), after those
# derived calls run until this many seconds after the probe started (the tests' own calls
# first); those left fingerprint "!Skipped", so they add little to a probe of slow code
DERIVED_SECONDS = 3.0
CALL_SECONDS = 1.0  # a call that runs longer is cut and fingerprinted as "!TimeoutError"
ERROR_PREFIX = "!"  # a fingerprint that starts with it names an exception, not a value
SKIPPED = "!Skipped"  # the fingerprint of a derived call the probe had no time left for
FAILED_PROBE = "!Probe"  # the fingerprint of every call of a probe that printed nothing
# An expectation: "eq:<literal>", "approx:<literal>", "truthy", "falsy" or "raises"
Check = tuple[str, str]


def check_key(check: Check) -> str:
    call, want = check
    return f"{call} -> {want}"


def split_check_key(key: str) -> Check | None:
    """The (call, expectation) that ``check_key`` joined; None when ``key`` is not one. The
    call and a literal may hold " -> " themselves: the split taken is the first whose two
    sides parse as a call and an expectation."""
    start = 0
    while (at := key.find(" -> ", start)) >= 0:
        call, want = key[:at], key[at + 4 :]
        start = at + 1
        head, sep, literal = want.partition(":")
        if sep and not (head in ("eq", "approx") and _literal_source(literal)):
            continue
        if not sep and want not in ("truthy", "falsy", "raises"):
            continue
        try:
            node = ast.parse(call, mode="eval").body
        except (SyntaxError, ValueError, MemoryError, RecursionError):
            continue
        if isinstance(node, ast.Call):
            return call, want
    return None


def _literal_source(text: str) -> bool:
    try:
        return _literal(ast.parse(text, mode="eval").body)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return False


def _literal(node: ast.AST) -> bool:
    try:
        ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return True


def _literal_call(node: ast.AST, fn_name: str) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == fn_name
        and all(_literal(a) for a in node.args)
        and all(k.arg is not None and _literal(k.value) for k in node.keywords)
    )


@lru_cache(maxsize=4096)
def literal_checks(test_source: str, fn_name: str) -> frozenset[Check]:
    """The asserts of ``test_source`` whose call of ``fn_name`` has only literal arguments and
    whose expectation is a literal (or truthiness, or an exception): each as (the call's
    source, the expectation). Empty when the file does not parse."""
    try:
        tree = ast.parse(test_source)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return frozenset()
    named: dict[str, ast.expr] = {}  # ``r = f(2)`` then ``assert r == 4``
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and _literal_call(node.value, fn_name):
                named[target.id] = node.value

    def call_of(node: ast.AST) -> ast.expr | None:
        if isinstance(node, ast.Name) and node.id in named:
            return named[node.id]
        return node if _literal_call(node, fn_name) else None  # type: ignore[return-value]

    found: set[Check] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.With) and any(
            ast.unparse(item.context_expr).split("(")[0].endswith("raises") for item in node.items
        ):
            for stmt in node.body:
                found |= {(ast.unparse(n), "raises") for n in ast.walk(stmt)
                          if _literal_call(n, fn_name)}  # fmt: skip
        if isinstance(node, ast.Assert):
            found |= _assert_check(node.test, call_of)
    return frozenset(found)


def _assert_check(test: ast.expr, call_of) -> set[Check]:  # type: ignore[no-untyped-def]
    if (call := call_of(test)) is not None:
        return {(ast.unparse(call), "truthy")}
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        call = call_of(test.operand)
        return {(ast.unparse(call), "falsy")} if call is not None else set()
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return set()
    if not isinstance(test.ops[0], ast.Eq):
        return set()
    for side, other in ((test.left, test.comparators[0]), (test.comparators[0], test.left)):
        call = call_of(side)
        if call is None:
            continue
        if (
            isinstance(other, ast.Call)
            and ast.unparse(other.func).split(".")[-1] == "approx"
            and len(other.args) == 1
            and _literal(other.args[0])
        ):
            return {(ast.unparse(call), "approx:" + ast.unparse(other.args[0]))}
        if _literal(other):
            return {(ast.unparse(call), "eq:" + ast.unparse(other))}
        return set()
    return set()


def _variants(value: object, signed: bool) -> list[object]:
    """Edge values of the same type as ``value``: where code that agrees on the tests' inputs
    often splits (zero, one more or less, emptiness, one element, an added zero, a repeat,
    case, blanks, a string twice over, a dict's first value at its own edge). Negative
    numbers only where ``signed`` (the tests pass one there): a spec for non-negative input
    leaves its codes free to differ below zero."""
    if isinstance(value, bool):
        return [not value]
    if isinstance(value, (int, float)):
        if value != value or abs(value) > 1e300:  # nan, inf: no literal to write
            return []
        found = [0 * value, 0 * value + 1, value + 1, value - 1, -value, -1 - 0 * value]
        return [v for v in found if signed or v >= 0]
    if isinstance(value, str):
        return ["", " ", "a", value[:1], value.upper(), value.lower(), " " + value + " ",
                value + value[-1:], value + value]  # fmt: skip
    if isinstance(value, (list, tuple)):
        head, tail = value[:1], value[-1:]
        found = [value[:0], head, value[::-1], value + tail, tail + value]
        if value and isinstance(value[0], (int, float, str)) and not isinstance(value[0], bool):
            found.append(value + type(value)([type(value[0])()]))  # 0, 0.0 or ""
        return found
    if isinstance(value, dict):
        found = [{}, dict(list(value.items())[:1])]
        if value:  # the first value at its own first edge: a key that maps to [], 0 or ""
            key, first = next(iter(value.items()))
            found += [{**value, key: edge} for edge in _variants(first, False)[:1]]
        return found
    return []


def _negative(value: object) -> bool:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value < 0
    if isinstance(value, (list, tuple)):
        return any(_negative(v) for v in value)
    return False


def _call_source(name: str, args: list[object], keywords: tuple[str, ...] = ()) -> str:
    """A call of ``name`` with ``args``, the last ``len(keywords)`` of them passed by those
    names."""
    cut = len(args) - len(keywords)
    named = [f"{k}={v!r}" for k, v in zip(keywords, args[cut:], strict=True)]
    return f"{name}({', '.join([repr(a) for a in args[:cut]] + named)})"


def _parsed(source: str) -> tuple[list[object], tuple[str, ...]] | None:
    """A literal call's argument values, positional ones first, and the names its keyword
    arguments (the last of them) are passed by: ``f(d={})`` is varied as ``f({})`` is."""
    try:
        node = ast.parse(source, mode="eval").body
        if not isinstance(node, ast.Call) or len(source) > 200:
            return None
        if any(k.arg is None for k in node.keywords):  # **mapping
            return None
        values = [ast.literal_eval(a) for a in [*node.args, *(k.value for k in node.keywords)]]
        return values, tuple(str(k.arg) for k in node.keywords)
    except (SyntaxError, ValueError, TypeError, MemoryError, RecursionError):
        return None


# a double-quoted string, a single-quoted one that is no apostrophe, or a number, in prose
_SPEC_LITERAL = re.compile(
    r'"[^"\n]{0,40}"'
    r"|(?<![\w'])'[^'\n]{1,40}'(?![\w'])"
    r"|(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])"
)


@lru_cache(maxsize=256)
def spec_values(text: str) -> tuple[object, ...]:
    """The literal values the spec's prose names (``"Saturday"``, ``'-'``, ``13``, ``2.5``),
    in order, once each: inputs the user thought of, often the boundaries where two readings
    part (``between 13 and 19``). Booleans and None are left out (they name results)."""
    found: dict[tuple[type, object], object] = {}  # 13 and 13.0 are two values here
    for match in _SPEC_LITERAL.finditer(text):
        try:
            value = ast.literal_eval(match.group())
        except (SyntaxError, ValueError, MemoryError, RecursionError):
            continue
        found.setdefault((type(value), value), value)
    return tuple(found.values())


def _fits(value: object, arg: object) -> bool:
    """Whether ``value`` can stand in for the argument ``arg``: a string for a string, a
    number for a number (booleans are neither)."""
    if isinstance(arg, bool) or isinstance(value, bool):
        return False
    if isinstance(arg, str):
        return isinstance(value, str)
    return isinstance(arg, (int, float)) and isinstance(value, (int, float))


def _spec_calls(
    parsed: list[tuple[list[object], tuple[str, ...]]], fn_name: str, values: tuple[object, ...]
) -> list[str]:
    """Calls with a value the spec names in one argument's place: where a test passes a value
    of its type, and as the only argument of a function the tests call with one (their
    arguments may be of a type the spec does not mean: ``is_weekend(2)`` for a day's name)."""
    found: list[str] = []
    single = bool(parsed) and all(len(args) == 1 for args, _ in parsed)
    if single:
        found += [_call_source(fn_name, [v]) for v in values]
    for args, kw in parsed:
        for i, arg in enumerate(args):
            found += [
                _call_source(fn_name, args[:i] + [v] + args[i + 1 :], kw)
                for v in values
                if _fits(v, arg)
            ]
    return list(dict.fromkeys(found))


# Values of the common argument types, types interleaved so that each argument's first few
# differ in type (``typed_calls``); no negative number (a spec for non-negative input leaves
# its codes free to differ below zero, as ``_variants`` does)
TYPED_VALUES: tuple[object, ...] = (
    [3, 1, 2], "hello world", 7, {"a": 1, "b": 2}, [[1, 2], [3], []], 2.5, ["b", "a", "b"],
    "", [], 0, "Ab, c", [2.5, 0.5, 2.5], 12, {"x": "y"}, [["x", "y"], ["z"]], 1,
)  # fmt: skip


@lru_cache(maxsize=4096)
def typed_calls(calls: frozenset[str], fn_name: str) -> tuple[str, ...]:
    """Calls of ``fn_name`` with one of ``TYPED_VALUES`` in one argument's place of one of
    ``calls`` (the tests' literal calls): the model's tests often pass a type the spec does not
    mean (``row_sums([1, 2])`` for a list of lists, ``is_weekend(2)`` for a day's name), and
    codes alike on those inputs, each raising the same error, still part on an input of the
    type they take. Whether most codes take it is for the policy to see
    (``policy.derived_votes``); they only order the codes of a group, and are no contest
    (``policy.contest``): two right readings may well return different values for a type the
    spec does not mean. At most ``MAX_TYPED``, deterministically; none of ``calls``. The
    argument places of the tests' usual number of arguments take turns (a wrong test may pass
    one more), each value going into one place once, with the calls of that number taking
    turns in giving the other arguments: a value in each of many calls' places spent the
    calls on the first few values, and two-argument tests never met a list of lists. Up to
    half of them then again with each other argument at its first edge value (zero, empty:
    ``_variants``): where codes take a value of one type, they still part on an edge of
    another argument (a dict scaled by a zero factor)."""
    parsed = [p for p in (_parsed(c) for c in sorted(calls)) if p is not None]
    known = set(calls) | {_call_source(fn_name, args, kw) for args, kw in parsed}
    counts = Counter(len(args) for args, _ in parsed)
    arity = max(counts, key=lambda n: (counts[n], -n), default=0)
    usual = [(args, kw) for args, kw in parsed if len(args) == arity]
    edges = [[next(iter(_variants(a, True)), a) for a in args] for args, _ in usual]
    plain: list[str] = []
    edged: list[str] = []
    seen = set(known)
    for rank, value in enumerate(TYPED_VALUES):
        args, kw = usual[rank % len(usual)] if usual else ([], ())
        for i in range(arity):
            found = _call_source(fn_name, args[:i] + [value] + args[i + 1 :], kw)
            if found not in seen:
                plain.append(found)
                seen.add(found)
        for i in range(arity if arity > 1 else 0):
            edge = edges[rank % len(usual)]
            found = _call_source(fn_name, edge[:i] + [value] + edge[i + 1 :], kw)
            if found not in seen:
                edged.append(found)
                seen.add(found)
    half = MAX_TYPED // 2
    return tuple(plain[:half] + edged[: MAX_TYPED - min(half, len(plain))])


# Argument values of each common kind for the calls every probe makes (``signature_calls``):
# numbers, strings, flat lists, nested lists, dicts
KINDS: tuple[tuple[object, ...], ...] = (
    (7, 0, 12, 1, 3, 2.5),
    ("hello world", "", "Ab, c", "b"),
    ([3, 1, 2], [], [2.5, 0.5, 2.5], ["b", "a", "b"]),
    ([[1, 2], [3], []], [["x", "y"], ["z"]], [[]]),
    ({"a": 1, "b": 2}, {}, {"x": "y"}),
)  # fmt: skip


@lru_cache(maxsize=1024)
def signature_calls(fn_name: str, arity: int, spec: tuple[object, ...] = ()) -> tuple[str, ...]:
    """Calls of ``fn_name`` with ``arity`` arguments that every probe makes, whatever its
    tests: inputs every code of a job shares, whichever tests it ran with. Where the tests
    call the function with no literal arguments (the model often writes ``f(bottles, cans)``
    with names it never bound) or most codes raise on all their calls, these are the only
    inputs to agree on; before them, the top-ranked code of such a job was the oldest one.
    First the arguments all of one kind (``KINDS``, the values the spec names first among
    those of their kind), each value once in each place, the kinds taking turns; then one
    place of another kind than the rest. Whether most codes take an input is for the policy
    to see (``policy.behaviour_groups``). At most ``MAX_TYPED``, deterministically."""
    if arity <= 0:
        return (f"{fn_name}()",)
    named = [v for v in spec if isinstance(v, (int, float, str)) and not isinstance(v, bool)]
    kinds = [
        tuple({repr(v): v for v in [*(v for v in named if _fits(v, kind[0])), *kind]}.values())
        for kind in KINDS
    ]
    alike = [
        [_call_source(fn_name, [values[(j + i) % len(values)] for i in range(arity)])
         for j in range(len(values))]
        for values in kinds
    ]  # fmt: skip
    mixed = [
        _call_source(fn_name, [one[0] if i == place else rest[i % len(rest)]
                               for i in range(arity)])
        for place in range(arity)
        for one in kinds
        for rest in kinds
        if one is not rest
    ]  # fmt: skip
    turns = [c for row in itertools.zip_longest(*alike) for c in row if c is not None]
    return tuple(dict.fromkeys(turns + mixed))[:MAX_TYPED]


@lru_cache(maxsize=4096)
def derived_calls(
    calls: frozenset[str], fn_name: str, spec: tuple[object, ...] = ()
) -> tuple[str, ...]:
    """Calls of ``fn_name`` derived from ``calls`` (literal calls of the tests) by putting one
    edge value of the same type (``_variants``) in one argument's place: inputs no test
    asserts, on which codes that pass the same tests can still disagree. The values the spec
    names (``spec``, from ``spec_values``) come first, up to ``MAX_SPEC_CALLS`` calls
    (``_spec_calls``). At most ``MAX_DERIVED`` in all, deterministically; none of ``calls``.
    Each kind of edge in each argument's place comes once before any comes twice (the tests'
    calls taking turns in giving it): with many calls, one edge of the first argument in each
    of them spent every derived call, and the other arguments were never varied."""
    parsed = [p for p in (_parsed(c) for c in sorted(calls)) if p is not None]
    signed = {i for args, _ in parsed for i, a in enumerate(args) if _negative(a)}
    known = set(calls) | {_call_source(fn_name, args, kw) for args, kw in parsed}
    chosen = [c for c in _spec_calls(parsed, fn_name, spec) if c not in known]
    chosen = chosen[:MAX_SPEC_CALLS]
    slots: dict[tuple[int, int], list[str]] = {}  # (edge kind, argument place) -> calls
    for args, kw in parsed:
        for i, arg in enumerate(args):
            for k, v in enumerate(_variants(arg, i in signed)):
                found = _call_source(fn_name, args[:i] + [v] + args[i + 1 :], kw)
                slots.setdefault((k, i), []).append(found)
    for turn in range(max((len(f) for f in slots.values()), default=0)):  # round robin
        for (k, _i), found in sorted(slots.items()):
            if turn >= len(found):
                continue
            call = found[(turn + k) % len(found)]
            if call not in known and call not in chosen:
                chosen.append(call)
    return tuple(sorted(chosen[:MAX_DERIVED]))


_PROBE = """import contextlib
import io
import json
import math
import signal
import time
import zlib

import pytest

from {module} import *  # noqa: F403
from {module} import {name}

CALLS = {calls!r}
LITERAL = {literal!r}  # the tests' own calls; derived ones after them, under a deadline
CHECKS = {checks!r}
MARK = "@@" + {nonce!r} + "@@"


class _Sink(io.TextIOBase):
    def write(self, text):
        return len(text)


def _cut(*_args):
    raise TimeoutError("probe call")


def _norm(value, depth=0):
    # what == cannot tell apart fingerprints alike: 1 and 1.0 (a right factorial returns
    # either for 1.0), also inside lists, tuples and dict values
    if isinstance(value, float):
        if not math.isfinite(value):
            return value
        value = round(value, 9)
        return int(value) if value.is_integer() else value
    if depth < 4 and type(value) in (list, tuple):
        return type(value)(_norm(v, depth + 1) for v in value)
    if depth < 4 and type(value) is dict:
        return {{k: _norm(v, depth + 1) for k, v in value.items()}}
    return value


def _fingerprint(value):
    try:
        text = repr(_norm(value))
    except BaseException as error:
        return "!" + type(error).__name__
    return format(zlib.crc32(text.encode("utf-8", "replace")), "08x")


def _holds(kind, value, want):
    if want == "raises":
        return kind == "error"
    if kind == "error":
        return False
    if want == "truthy":
        return bool(value)
    if want == "falsy":
        return not value
    head, _, literal = want.partition(":")
    expected = eval(literal)
    if type(value) is bool and type(expected) in (int, float):
        # False == 0 and True == 1: a comparison returned where the test expects a number
        # (a weekday, a count) holds by accident, and wrong code that returns one mostly
        # held every "== 0" of the tests
        return False
    if head == "approx":
        return bool(value == pytest.approx(expected))
    return bool(value == expected)


def test_probe():
    signal.signal(signal.SIGALRM, _cut)
    results, prints = {{}}, []
    sink = _Sink()  # what the code prints would push the report out of the output's tail
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        _run(results, prints)
    held = []
    for call, want in CHECKS:
        try:
            held.append(int(_holds(*results[call], want)))
        except BaseException:
            held.append(0)
    pytest.fail(MARK + json.dumps([prints, held]) + MARK, pytrace=False)


def _run(results, prints):
    deadline = time.monotonic() + {derived_seconds!r}
    for index, call in enumerate(CALLS):
        if index >= LITERAL and time.monotonic() > deadline:
            results[call] = ("error", None)
            prints.append({skipped!r})
            continue
        signal.setitimer(signal.ITIMER_REAL, {seconds!r})
        try:
            value = eval(call)
            results[call] = ("value", value)
            prints.append(_fingerprint(value))
        except BaseException as error:
            results[call] = ("error", None)
            prints.append("!" + type(error).__name__)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
"""


def extra_calls(
    calls: frozenset[str], name: str, spec: tuple[object, ...] = (), arity: int | None = None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The calls a probe of ``calls`` (the tests' literal ones) adds: ``derived_calls``, then
    as typed ones the ``typed_calls`` and, where the function's ``arity`` is known, its
    ``signature_calls``, those not among the derived ones. The signature calls are the same
    for every code of a job, whichever tests it ran with: inputs all codes share even where
    the tests' calls tell nothing."""
    derived = derived_calls(calls, name, spec)
    typed = typed_calls(calls, name) + (() if arity is None else signature_calls(name, arity, spec))
    return derived, tuple(dict.fromkeys(c for c in typed if c not in set(derived)))


def probe_test(
    module: str,
    name: str,
    checks: Iterable[Check],
    derive: bool = True,
    spec: tuple[object, ...] = (),
    arity: int | None = None,
) -> tuple[str, str, list[str]]:
    """The probe file for ``checks`` (at most ``MAX_CALLS`` distinct calls, then the calls
    ``derived_calls`` makes of them and of the values the spec names, ``spec``, and those
    ``typed_calls`` makes and, with ``arity`` given, the ``signature_calls`` of a function of
    that many arguments, unless ``derive`` is false), the nonce that marks its report, and the
    calls it makes in order."""
    chosen = sorted(set(checks))
    calls = sorted({call for call, _ in chosen})[:MAX_CALLS]
    kept = [c for c in chosen if c[0] in set(calls)]
    derived, typed = extra_calls(frozenset(calls), name, spec, arity) if derive else ((), ())
    extra = [*derived, *typed]
    nonce = secrets.token_hex(8)
    text = _PROBE.format(module=module, name=name, calls=calls + extra, literal=len(calls),
                         checks=kept, nonce=nonce, seconds=CALL_SECONDS,
                         derived_seconds=DERIVED_SECONDS, skipped=SKIPPED)  # fmt: skip
    return text, nonce, calls + extra


def read_probe(
    output: str, nonce: str, calls: list[str], checks: Iterable[Check]
) -> tuple[dict[str, str], dict[str, bool]]:
    """Per call its fingerprint and per check (its ``check_key``) whether it held, from the
    probe's pytest output; a probe that printed nothing readable (it timed out, the code
    killed it) fingerprints every call ``FAILED_PROBE`` and holds no check."""
    chosen = [c for c in sorted(set(checks)) if c[0] in set(calls)]
    mark = f"@@{nonce}@@"
    parts = output.split(mark)  # the failure's message, then pytest's summary cuts it short
    try:
        prints, held = json.loads(parts[1]) if len(parts) >= 3 else ([], [])
    except ValueError:
        prints, held = [], []
    if len(prints) != len(calls) or len(held) != len(chosen):
        prints, held = [FAILED_PROBE] * len(calls), [0] * len(chosen)
    fingerprints = {call: str(p)[:16] for call, p in zip(calls, prints, strict=True)}
    return fingerprints, {check_key(c): bool(h) for c, h in zip(chosen, held, strict=True)}
