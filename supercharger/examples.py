"""The spec's own examples as a test: ``>>> f(2)`` / ``4`` doctests and ``f(2) == 4``,
``f(2) -> 4``, ``f(2) ➞ 4`` lines in its docstring or comment.

They are the user's word, so the pipeline trusts them more than any generated test (see
``policy``). A wrong test here would reject right code, so an example is kept only when it can
be checked without guessing: its expected value must be a Python literal (``ast.literal_eval``)
or a builtin exception; anything else (printed text, an object's repr, ``...``) is left out.
"""

from __future__ import annotations

import ast
import builtins
import doctest
import operator
import re
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from supercharger.spec import Spec, annotation_of, parameters, sole_parameter

# ``f(2) == 4``, ``f(2) ==> 4``, ``f(2) -> 4``, ``f(2) => 4``, ``f(2) ➞ 4``, ``f(2) → 4``,
# ``f(2) returns 4``, ``f(2)  # => 4``; after an optional ``assert`` or ``for``. Not a bare
# ``=``: ``tri(1) = 3`` is as often a definition (a recurrence's first term) as an example.
_ARROW = re.compile(
    r"^(?:(?:assert|for)\s+)?(?P<call>.+?\))\s*#?\s*"
    r"(?:==>|==|=>|->|➞|→|should return|returns)\s*(?P<want>.+?)\s*\.?$"
)


@dataclass(frozen=True)
class Example:
    source: str  # a statement or an expression, as the user wrote it
    want: str = ""  # the literal it evaluates to ("" for a statement run for its effect)
    raises: str = ""  # or the builtin exception it raises


def _literal(text: str) -> bool:
    try:
        ast.literal_eval(text.strip())
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False
    return True


def _calls(source: str, name: str) -> bool:
    """True when ``source`` parses and calls ``name`` (and never ``print``)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    called = {
        n.func.id
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
    }
    return name in called and "print" not in called


def _is_expression(source: str) -> bool:
    try:
        ast.parse(source, mode="eval")
    except SyntaxError:
        return False
    return True


def _doctests(text: str, name: str) -> list[Example]:
    parser = doctest.DocTestParser()
    try:
        parsed = parser.get_examples(text)
    except ValueError:  # one example's lines are not consistently indented: read them apart
        parsed = []
        for chunk in _chunks(text):
            try:
                parsed += parser.get_examples(chunk)
            except ValueError:
                continue
    out = []
    for ex in parsed:
        source = ex.source.strip()
        want = ex.want.strip()
        if ex.exc_msg is not None:
            exc = ex.exc_msg.split(":", 1)[0].strip().rsplit(".", 1)[-1]
            kind = getattr(builtins, exc, None)
            if isinstance(kind, type) and issubclass(kind, BaseException) and _calls(source, name):
                out.append(Example(source, raises=exc))
        elif not want and (compared := _compared(source, name)):
            out.append(Example(*compared))  # ``>>> f(2) == 4`` with nothing below it
        elif not want:
            out.append(Example(source))  # a statement (or a call made for its effect)
        elif _is_expression(source) and _calls(source, name) and _literal(want):
            out.append(Example(source, want=want))
    return out


def _chunks(text: str) -> list[str]:
    """The text cut before every ``>>>`` line, each piece dedented."""
    pieces: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.lstrip().startswith(">>>"):
            pieces.append([])
        pieces[-1].append(line)
    return [textwrap.dedent("\n".join(p)) for p in pieces if p]


def _compared(source: str, name: str) -> tuple[str, str] | None:
    """``f(...) == literal`` as (call, literal), else None."""
    try:
        tree = ast.parse(source, mode="eval").body
    except SyntaxError:
        return None
    if not (
        isinstance(tree, ast.Compare) and len(tree.ops) == 1 and isinstance(tree.ops[0], ast.Eq)
    ):
        return None
    call, want = ast.unparse(tree.left), ast.unparse(tree.comparators[0])
    return (call, want) if _calls(call, name) and _literal(want) else None


def _arrows(text: str, name: str) -> list[Example]:
    out = []
    for line in text.splitlines():
        line = line.strip().lstrip("#*-").strip()
        if line.startswith(">>>"):
            continue  # doctest lines are read by _doctests
        m = _ARROW.match(line)
        if not m:
            continue
        call, want = m["call"].strip(), m["want"].strip()
        try:
            tree = ast.parse(call, mode="eval")
        except SyntaxError:
            continue
        node = tree.body
        is_call = isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        if not (is_call and node.func.id == name and _literal(want)):
            continue
        # ``is_happy(abc) => False``: the arguments must be literals too (no name to resolve)
        if all(_literal(ast.unparse(a)) for a in [*node.args, *(k.value for k in node.keywords)]):
            out.append(Example(call, want=want))
    return out


# Values a spec states for arguments of its one-parameter function, in words: "(1, 5, 12, 22
# and so on for n = 1, 2, 3, 4)", "such as 2 for n = 10". A single value needs a word that
# makes it an example ("such as", "e.g.", "for example", "like", an opening bracket).
_NUMBER = r"-?\d+(?:\.\d+)?"
_FOR = r"\s+for\s+(?P<name>[A-Za-z_]\w*)\s*=\s*"
_SO_ON = r",?(?:\s*(?:and so on|etc\.?|\.\.\.|\u2026))?"
_LISTED = re.compile(
    rf"(?<![\w.-])(?P<values>{_NUMBER}(?:\s*,\s*{_NUMBER}){{1,24}}){_SO_ON}"
    rf"{_FOR}(?P<args>{_NUMBER}(?:\s*,\s*{_NUMBER}){{1,24}})(?!\w|\.\d|\s*,\s*(?:\.\.\.|\u2026|{_NUMBER}))"
)
_SINGLE = re.compile(
    rf"(?:\bsuch as|\be\.g\.,?|\bfor example,?|\bfor instance,?|\blike|\()\s*(?P<values>{_NUMBER})"
    rf"{_FOR}(?P<args>{_NUMBER})(?!\w|\.\d|\s*,\s*{_NUMBER})",
    re.I,
)


def stated_values(spec: Spec) -> list[Example]:
    """The values the spec's words state for arguments of its one-parameter function:
    "(1, 5, 12 and so on for n = 1, 2, 3)" gives ``f(1) == 1``, ``f(2) == 5``, ``f(3) == 12``;
    none where the counts differ or the name is not the function's parameter."""
    positional = parameters(spec)
    if not positional or len(positional) != 1:
        return []
    text = " ".join(f"{spec.docstring}\n{_comment_block(spec.text)}".split())
    out: list[Example] = []
    for pattern in (_LISTED, _SINGLE):
        for m in pattern.finditer(text):
            values = [v.strip() for v in m["values"].split(",")]
            args = [a.strip() for a in m["args"].split(",")]
            if m["name"] != positional[0] or len(values) != len(args):
                continue
            for arg, value in zip(args, values, strict=True):
                example = Example(f"{spec.name}({arg})", want=value)
                if example not in out:
                    out.append(example)
    calls = [e.source for e in out]
    return [] if len(set(calls)) != len(calls) else out  # one call, two values: a misreading


# What a spec says its one-argument function returns for an empty input, in the forms specs
# use: "None for an empty list", "an empty string gives 0", "[] if nums is empty", "If the list
# is empty, return None", "Return None in case the input list is empty".
_VALUE = (
    r"None|True|False|zero|-?\d+(?:\.\d+)?|\"\"|''|\[\]|\{\}|\(\)|\[\[\]\]"
    r"|an?\s+empty\s+(?:list|string|str|dict|dictionary|tuple)"
)
_KIND = (
    r"list|array|sequence|matrix|grid|string|str|text|sentence|phrase|word|dict|dictionary|mapping"
    r"|tuple"
)
_EMPTY = rf"(?<![\w-])empty\s+(?:or\s+[\w-]+\s+)?(?P<kind>{_KIND})\b"
_STARTS = r"(?<![\w\"'\[\]{}).-])"
_ENDS = r"(?![\w\[\]{}(])"
_STATED = [
    re.compile(rf"{_STARTS}(?P<value>{_VALUE})\s+(?:for|if given|when given|on)\s+"
               rf"(?:an?\s+|the\s+)?(?:input\s+)?{_EMPTY}", re.I),
    re.compile(rf"(?:^|[^\w-])(?:an?\s+|the\s+)?{_EMPTY}\s+(?:gives|returns|yields|->|=>|→)\s+"
               rf"(?P<value>{_VALUE}){_ENDS}", re.I),
    re.compile(rf"{_STARTS}(?P<value>{_VALUE})\s+(?:in case|if|when)\s+(?:the\s+)?"
               r"(?:input\s+|given\s+)?(?P<name>\w+)\s+is\s+empty\b", re.I),
    re.compile(r"\b(?:if|when)\s+(?:the\s+)?(?:input\s+|given\s+)?(?P<name>\w+)\s+is\s+empty,?"
               rf"\s+(?:then\s+)?(?:return|it returns|returns)\s+(?P<value>{_VALUE}){_ENDS}", re.I),
]  # fmt: skip
_EMPTY_OF = {"list": "[]", "array": "[]", "sequence": "[]", "matrix": "[]", "grid": "[]",
             "tuple": "()", "dict": "{}", "dictionary": "{}", "mapping": "{}"}  # fmt: skip
_EMPTY_OF |= dict.fromkeys(("string", "str", "text", "sentence", "phrase", "word"), '""')
# a parameter named like this holds that kind (the spec's annotation comes first)
_NAMED = {"[]": ("nums", "numbers", "items", "lst", "values", "arr", "array", "xs", "seq",
                 "words", "strings", "elements", "list", "data", "ints", "floats"),
          '""': ("s", "text", "string", "word", "sentence", "phrase", "line", "st"),
          "{}": ("d", "dct", "dictionary", "mapping", "counts")}  # fmt: skip


def _value(text: str) -> str:
    """The literal a stated value reads as."""
    words = text.lower().split()
    if words[-1] in _EMPTY_OF:
        return _EMPTY_OF[words[-1]]
    return "0" if text.lower() == "zero" else text


def _empty_of(name: str, annotation: str) -> str | None:
    """The empty value of the sole parameter: from its annotation, else its name."""
    head = annotation.strip("'\" ").split("[")[0].strip().lower()
    if head in ("list", "typing.list", "sequence"):
        return "[]"
    if head in ("str", "dict", "tuple"):
        return {"str": '""', "dict": "{}", "tuple": "()"}[head]
    return next((v for v, names in _NAMED.items() if name in names), None)


def stated_edges(spec: Spec) -> list[Example]:
    """The spec's words for an empty input of its one-argument function, as examples
    (``f([]) == None``); none where the function takes more arguments or the words are not in
    one of the forms above."""
    name = sole_parameter(spec)
    if name is None:
        return []
    annotation = annotation_of(spec)
    out: list[Example] = []
    text = " ".join(f"{spec.docstring}\n{_comment_block(spec.text)}".split())
    for pattern in _STATED:
        for m in pattern.finditer(text):
            found = m.groupdict()
            if found.get("kind"):
                empty = _EMPTY_OF[found["kind"].lower()]
            elif found["name"] == name or found["name"].lower() in _EMPTY_OF:
                empty = _EMPTY_OF.get(found["name"].lower()) or _empty_of(name, annotation)
            else:
                continue
            example = Example(f"{spec.name}({empty})", want=_value(found["value"]))
            if empty is not None and _literal(example.want) and example not in out:
                out.append(example)
    calls = {e.source for e in out}
    return out if len(calls) == len(out) else []  # two values for one input: not checkable


# A formula is the result only where nothing in the spec changes it: rounded, floored or
# truncated results, or a result that is text, are not what the bare expression gives.
_ALTERED = re.compile(
    r"\b(?:round\w*|floor\w*|ceil\w*|truncat\w*|decimals?|nearest|strings?|str)\b", re.I
)
# a condition anywhere says where a formula holds, and it may not hold on the inputs chosen
# here ("x - 10 when x > 10, else 0"; "paid - price; None when paid is less than price")
_CONDITION = re.compile(r"\b(?:when|if|unless|else|otherwise|except|but|only)\b", re.I)
_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
              ast.Div: operator.truediv, ast.FloorDiv: operator.floordiv,
              ast.Mod: operator.mod, ast.Pow: operator.pow}  # fmt: skip
# distinct odd primes: products stay odd (``/`` and ``//`` part), no argument is 0 or 1, and
# swapping two arguments changes most formulas
_PRIMES = (3, 5, 7, 11, 13, 17, 19, 23)
FORMULA_INPUTS = 2  # examples made of one formula
# where an expression is looked for: the most words, and characters, on each side of the mark
# that starts it (and the most marks), so that a long spec stays quick
_SPAN_WORDS, _SPAN_CHARS = 24, 600


def _arithmetic(node: ast.expr, names: set[str]) -> bool:
    """Numbers, the parameters and + - * / // % ** (and a sign) only."""
    if isinstance(node, ast.BinOp):
        ok = type(node.op) in _OPERATORS
        return ok and _arithmetic(node.left, names) and _arithmetic(node.right, names)
    if isinstance(node, ast.UnaryOp):
        return isinstance(node.op, ast.USub | ast.UAdd) and _arithmetic(node.operand, names)
    if isinstance(node, ast.Name):
        return node.id in names
    return isinstance(node, ast.Constant) and type(node.value) in (int, float)


def _evaluate(node: ast.expr, values: dict[str, int]) -> float | int:
    """The value of an ``_arithmetic`` expression (no ``eval``: the spec is text from the
    user); ValueError where it is not a plain number of a sane size."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return values[node.id]
    if isinstance(node, ast.UnaryOp):
        operand = _evaluate(node.operand, values)
        return -operand if isinstance(node.op, ast.USub) else operand
    assert isinstance(node, ast.BinOp)
    left, right = _evaluate(node.left, values), _evaluate(node.right, values)
    if isinstance(node.op, ast.Pow) and (abs(right) > 64 or abs(left) > 10**6):
        raise ValueError("too large")
    try:
        value = _OPERATORS[type(node.op)](left, right)
    except (ZeroDivisionError, OverflowError) as e:
        raise ValueError(str(e)) from e
    if not isinstance(value, int | float) or abs(value) > 10**15:
        raise ValueError("not a plain number")
    return value


def _formulas(text: str, names: set[str]) -> list[ast.expr]:
    """Every expression the text gives for the result: after a ``:`` or ``=``, the longest run
    of words up to the clause's first comma that parses as Python (the longest:
    ``math.pi * r * r`` is not ``r * r``), kept when it is arithmetic in every parameter."""
    found = []
    marks = list(re.finditer(r"(?<![=<>!])[:=](?![=>])\s*", text))[:_SPAN_WORDS]
    for m in marks:
        words = _clause_after(text, m.end())
        spans = (" ".join(words[:end]) for end in range(len(words), 0, -1))
        node = _first_parsed(spans)
        if node is None:
            continue
        used = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
        if isinstance(node, ast.BinOp) and _arithmetic(node, names) and used == names:
            found.append(node)
    return found


def _clause_after(text: str, start: int) -> list[str]:
    """The words from ``start`` to the end of their clause (sentence, ``;`` or first comma
    outside brackets), at most ``_SPAN_WORDS`` of them."""
    sentence = re.split(r";|\.(?:\s|$)", text[start : start + _SPAN_CHARS], maxsplit=1)[0]
    return _first_clause(sentence).split(" ")[:_SPAN_WORDS]


def _first_parsed(spans: Iterable[str]) -> ast.expr | None:
    """The first of ``spans`` that parses as a Python expression."""
    for span in spans:
        try:
            return ast.parse(span.strip(), mode="eval").body
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
    return None


def _first_clause(text: str) -> str:
    """``text`` up to its first comma outside brackets."""
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch in "([{") - (ch in ")]}")
        if ch == "," and depth <= 0:
            return text[:i]
    return text


# "0 when n is 0", "1 when n is less than 2": a condition on one parameter that none of the
# inputs chosen here meets only says what the result is elsewhere (the clause must end there:
# "when n is 0 or n is 1" stays a condition)
_EDGE = re.compile(
    r"\b(?:when|if)\s+(?P<name>[A-Za-z_]\w*)\s+(?:is\s+)?(?P<relation>(?:less than|smaller "
    r"than|below|under|at most|no more than|equal to|<=|<|==)\s+)?(?P<number>-?\d+|zero|negative)"
    r"(?P<or_less>\s+or\s+(?:less|below|negative|smaller))?(?=\s*(?:[;,.)]|$))",
    re.I,
)


def _never_met(m: re.Match[str], chosen: dict[str, list[int]]) -> bool:
    """Whether an ``_EDGE`` condition is false for every input chosen for its parameter."""
    values = chosen.get(m["name"])
    if not values:
        return False
    word = m["number"].lower()
    relation = (m["relation"] or "").strip().lower()
    if word == "negative":
        return not relation and all(v >= 0 for v in values)
    number = 0 if word == "zero" else int(word)
    if relation in ("less than", "smaller than", "below", "under", "<"):
        return all(v >= number for v in values)
    if relation in ("at most", "no more than", "<=") or m["or_less"]:
        return all(v > number for v in values)
    return number not in values  # "is 0", "equal to 0", "== 0"


def _result_text(spec: Spec, chosen: dict[str, list[int]]) -> str | None:
    """The spec's words (docstring and comment on one line) when nothing in them changes what a
    stated expression gives on the ``chosen`` inputs: no rounding or text result, no condition
    but edges those inputs never meet, no ``f(n) = ...`` definition; else None."""
    text = " ".join(f"{spec.docstring}\n{_comment_block(spec.text)}".split())
    defines = re.search(rf"\b{re.escape(spec.name)}\s*\([^)]*\)\s*=(?![=>])", text)
    if _ALTERED.search(text) or defines:
        return None  # ``tri(n) = 1 + n / 2``: one case of a recurrence, not the function
    rest = _EDGE.sub(lambda m: "" if _never_met(m, chosen) else m[0], text)
    return None if _CONDITION.search(rest) else text


def _inputs(positional: list[str]) -> list[dict[str, int]]:
    """``FORMULA_INPUTS`` argument sets of distinct odd primes, one shift apart."""
    return [dict(zip(positional, _PRIMES[shift:], strict=False)) for shift in range(FORMULA_INPUTS)]


def _examples(
    spec: Spec, positional: list[str], value: Callable[[dict[str, int]], float | int]
) -> list[Example]:
    """One example per input set of ``value`` (a function of the arguments); none where a
    value is not a plain number."""
    out = []
    for values in _inputs(positional):
        try:
            want = value(values)
        except ValueError:
            return []
        call = f"{spec.name}({', '.join(str(values[p]) for p in positional)})"
        out.append(Example(call, want=repr(want)))
    return out


def _stated(
    spec: Spec, read: Callable[[str, set[str]], dict[str, Callable[[dict[str, int]], Any]]]
) -> list[Example]:
    """Examples of the one expression ``read`` finds in the spec's words for the result (by a
    key per distinct expression: two are a guess), on distinct odd primes; none where the
    words change what it gives (``_result_text``)."""
    positional = parameters(spec)
    if not positional or len(positional) + FORMULA_INPUTS > len(_PRIMES):
        return []
    inputs = _inputs(positional)
    text = _result_text(spec, {p: [values[p] for values in inputs] for p in positional})
    if text is None:
        return []
    found = read(text, set(positional))
    if len(found) != 1:
        return []
    (value,) = found.values()
    return _examples(spec, positional, value)


def stated_formula(spec: Spec) -> list[Example]:
    """The spec's formula for the result as examples: "the area of a rhombus whose diagonals
    are d1 and d2: d1 * d2 / 2" gives ``f(3, 5) == 7.5`` and ``f(5, 7) == 17.5``. Only where
    the spec gives one formula, after a ``:`` or ``=``, in all of the function's parameters
    (numbers, + - * / // % ** and nothing else), and no condition (when, if, else, ...) but an
    edge the inputs never meet ("0 when n is 0"), nor a word that alters the result (rounded,
    floor, a string); the arguments are distinct odd primes, which are inside most stated
    ranges and tell ``/`` from ``//`` and one argument from another."""
    return _stated(
        spec,
        lambda text, names: {ast.dump(f): partial(_evaluate, f) for f in _formulas(text, names)},
    )


_SERIES_TERMS = 10_000  # the most terms a stated series is summed over here
_INDEX = "__k__"  # the name that stands for the counting number in a series' term


def _chain(node: ast.expr, op: type) -> list[ast.expr]:
    """The operands of ``a op b op c ...`` (left-associative), left to right."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, op):
        return [*_chain(node.left, op), node.right]
    return [node]


def _counting(first: ast.expr, second: ast.expr) -> tuple[ast.expr, int, int] | None:
    """``1**3`` and ``2**3`` -> (the term with ``__k__`` for the number that counts, its first
    value, its step): the two terms alike but for one whole number."""
    a, b = ast.dump(first), ast.dump(second)
    numbers_a = [n for n in ast.walk(first) if isinstance(n, ast.Constant)]
    numbers_b = [n for n in ast.walk(second) if isinstance(n, ast.Constant)]
    if len(numbers_a) != len(numbers_b) or not numbers_a:
        return None
    differ = [(x, y) for x, y in zip(numbers_a, numbers_b, strict=True) if x.value != y.value]
    if len(differ) != 1 or re.sub(r"value=[^,)]+", "", a) != re.sub(r"value=[^,)]+", "", b):
        return None
    x, y = differ[0]
    if not (type(x.value) is int and type(y.value) is int):
        return None
    template = _replaced(first, x, ast.Name(id=_INDEX))
    return template, x.value, y.value - x.value


def _replaced(node: ast.expr, old: ast.AST, new: ast.expr) -> ast.expr:
    """``node`` with its subtree ``old`` (by identity) replaced by ``new``."""
    if node is old:
        return new
    if isinstance(node, ast.BinOp):
        return ast.BinOp(_replaced(node.left, old, new), node.op, _replaced(node.right, old, new))
    if isinstance(node, ast.UnaryOp):
        return ast.UnaryOp(node.op, _replaced(node.operand, old, new))
    return node


_SAME = ast.Constant(value=None)  # ``_bound``: the two subtrees are equal, nothing bound there


def _bound(template: ast.expr, last: ast.expr) -> ast.expr | None:
    """The expression ``last`` has where ``template`` has ``__k__``, when they agree elsewhere."""
    if isinstance(template, ast.Name) and template.id == _INDEX:
        return last
    if type(template) is not type(last):
        return None
    if isinstance(template, ast.BinOp):
        assert isinstance(last, ast.BinOp)
        if type(template.op) is not type(last.op):
            return None
        left, right = _bound(template.left, last.left), _bound(template.right, last.right)
        found = [e for e in (left, right) if e is not None and e is not _SAME]
        if left is None or right is None or len(found) > 1:
            return None
        return found[0] if found else _SAME
    if isinstance(template, ast.UnaryOp):
        assert isinstance(last, ast.UnaryOp)
        same_op = type(template.op) is type(last.op)
        return _bound(template.operand, last.operand) if same_op else None
    return _SAME if ast.dump(template) == ast.dump(last) else None


def _series(text: str, names: set[str]) -> list[tuple[type, ast.expr, int, int, ast.expr]]:
    """Every series the text gives: ``1**3 + 2**3 + ... + n**3`` -> (the operator, the term
    with ``__k__``, the first count, the step, the last count in the parameters)."""
    found = []
    for m in list(re.finditer(r"\.\.\.|\u2026", text))[:_SPAN_WORDS]:
        ahead = text[max(0, m.start() - _SPAN_CHARS) : m.start()]
        before = re.split(r"[;:=,]|\.\s", ahead)[-1].split(" ")[-_SPAN_WORDS:]
        after = _clause_after(text, m.end())
        node = _first_parsed(
            " ".join(before[start:]) + " ... " + " ".join(after[:end])
            for start in range(len(before))
            for end in range(len(after), 0, -1)
        )
        if not isinstance(node, ast.BinOp) or not isinstance(node.op, ast.Add | ast.Mult):
            continue
        terms = _chain(node, type(node.op))
        dots = [i for i, t in enumerate(terms) if isinstance(t, ast.Constant) and t.value is ...]
        if dots != [len(terms) - 2] or len(terms) < 4:
            continue
        known, last = terms[:-2], terms[-1]
        counting = _counting(known[0], known[1])
        if counting is None or not all(_arithmetic(t, set()) for t in known):
            continue
        template, first, step = counting
        if not _counts_on(template, known, first, step):
            continue
        bound = _bound(template, last)
        if bound is None or bound is _SAME or not _arithmetic(bound, names):
            continue
        if {n.id for n in ast.walk(bound) if isinstance(n, ast.Name)} != names:
            continue
        found.append((type(node.op), template, first, step, bound))
    return found


def _counts_on(template: ast.expr, known: list[ast.expr], first: int, step: int) -> bool:
    """Whether each written term is the template at its count (1/0 or a huge term: no)."""
    try:
        return all(
            _evaluate(t, {}) == _evaluate(template, {_INDEX: first + i * step})
            for i, t in enumerate(known)
        )
    except ValueError:
        return False


def _series_value(
    series: tuple[type, ast.expr, int, int, ast.expr], values: dict[str, int]
) -> float | int:
    """The series summed (or multiplied) from its first count to where its last term's count
    is on these arguments; ValueError where that is not a whole number of steps on from the
    first, or leaves fewer than two terms."""
    op, template, first, step, bound = series
    end = _evaluate(bound, values)
    if type(end) is not int or (end - first) % step or not 2 <= (end - first) // step + 1:
        raise ValueError("the series does not reach its last term")
    count = (end - first) // step + 1
    if count > _SERIES_TERMS:
        raise ValueError("too many terms")
    total: float | int = 0 if op is ast.Add else 1
    for i in range(count):
        term = _evaluate(template, {**values, _INDEX: first + i * step})
        total = total + term if op is ast.Add else total * term
        if abs(total) > 10**15:
            raise ValueError("too large")
    return total


def stated_series(spec: Spec) -> list[Example]:
    """A series the spec writes out for the result as examples: "the sum 1**3 + 2**3 + ... +
    n**3" gives ``f(3) == 36`` and ``f(5) == 225``. The written terms must count by one whole
    number (the same step), the last one in all of the function's parameters; the same words
    as for ``stated_formula`` keep it out (a condition other than an edge the inputs never
    meet, rounding, a text result)."""
    return _stated(
        spec,
        lambda text, names: {
            f"{s[0]}{ast.dump(s[1])}{ast.dump(s[4])}": partial(_series_value, s)
            for s in _series(text, names)
        },
    )


def spec_examples(spec: Spec) -> list[Example]:
    """The checkable examples of the spec's docstring and comment, in order, each once; then
    what it says of an empty input (``stated_edges``) where no example makes that call."""
    out: list[Example] = []
    for text in (spec.docstring, _comment_block(spec.text)):
        if not text:
            continue
        found = _doctests(text, spec.name) or _arrows(text, spec.name)
        out.extend(e for e in found if e not in out)
    calls = {_normal(e.source) for e in out}
    out.extend(e for e in stated_values(spec) if _normal(e.source) not in calls)
    calls = {_normal(e.source) for e in out}
    out.extend(e for e in stated_edges(spec) if _normal(e.source) not in calls)
    calls = {_normal(e.source) for e in out}
    out.extend(e for e in stated_formula(spec) if _normal(e.source) not in calls)
    calls = {_normal(e.source) for e in out}
    out.extend(e for e in stated_series(spec) if _normal(e.source) not in calls)
    if not any(e.want or e.raises for e in out):
        return []  # statements alone check nothing
    return out


def _normal(source: str) -> str:
    try:
        return ast.unparse(ast.parse(source.strip()))
    except SyntaxError:
        return source.strip()


def _comment_block(text: str) -> str:
    """Every comment line of the spec, ``#`` and one space removed (doctests keep their
    indentation relative to each other)."""
    lines = []
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("#"):
            body = s[1:]
            lines.append(body[1:] if body.startswith(" ") else body)
    return "\n".join(lines)


def _one_line(expression: str) -> str:
    """The expression on one line, comments dropped, parenthesised if it needs to be."""
    return "(" + ast.unparse(ast.parse(expression.strip(), mode="eval")) + ")"


def _has_float(value: object) -> bool:
    """A float, or a list/tuple of numbers with a float among them (``pytest.approx``)."""
    if isinstance(value, float):
        return True
    if isinstance(value, list | tuple) and value:
        numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        return numbers and any(isinstance(v, float) for v in value)
    return False


def examples_test(spec: Spec) -> str:
    """A pytest file with one test per example (after the statements that came before it),
    checked against the module the code is written to; "" when the spec has none to check."""
    examples = spec_examples(spec)
    if not examples:
        return ""
    tests: list[str] = []
    setup: list[str] = []
    for ex in examples:
        if ex.raises:
            check = [f"with pytest.raises({ex.raises}):"]
            check += [f"    {line}" for line in ex.source.splitlines()]
        elif ex.want:
            expected = _one_line(ex.want)
            if _has_float(ast.literal_eval(ex.want)):
                expected = f"pytest.approx({expected})"
            check = [f"assert {_one_line(ex.source)} == {expected}"]
        else:
            setup += ex.source.splitlines()
            continue
        lines = "".join(f"    {line}\n" for line in setup + check)
        tests.append(f"def test_example_{len(tests) + 1}():\n{lines}")
    return pytest_file(spec, tests)


def pytest_file(spec: Spec, tests: list[str]) -> str:
    """A pytest file of ``tests`` (function sources) for the spec's module: the spec's imports
    (``from __future__`` first), pytest, and the function from the module the code is written
    to."""
    future = [i for i in spec.imports if i.startswith("from __future__")]
    others = [i for i in spec.imports if i not in future]
    head = [*future, "import pytest", *others, f"from {spec.module} import *  # noqa: F403",
            f"from {spec.module} import {spec.name}"]  # fmt: skip
    return "\n".join(head) + "\n\n\n" + "\n\n".join(tests)
