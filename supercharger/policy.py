"""Pipeline policy: plain Python over plain data. No Celery, no Redis, no model.

The coordinator builds a :class:`JobView` from job state after every event and applies the
:class:`Actions` that :func:`decide` returns. Everything here is unit-tested without a broker.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from supercharger.agreed import AGREED_PREFIX
from supercharger.checks import unvaried_arguments
from supercharger.probe import ERROR_PREFIX, SKIPPED, split_check_key
from supercharger.records import JobConfig, JobStatus, Pair
from supercharger.sandbox.base import Status
from supercharger.spec import ECHO_ID

CODE, TEST, IMPROVE = "code", "test", "improve"


@dataclass(frozen=True)
class Budget:
    max_candidates: int  # per kind
    budget_seconds: float
    threshold: float | None  # None: the judge never ends a job (see ``_winner``)
    batch_size: int
    judge_top: int = 3  # judges in flight at once
    # "evidence": a judged pair ends the job only with the evidence of ``evidence``;
    # "judge": any judged passing pair whose test is not blind does (to measure the difference)
    stop_rule: str = "evidence"

    @classmethod
    def of(cls, config: JobConfig) -> Budget:
        """The budget a job's config sets."""
        return cls(
            max_candidates=config.max_candidates,
            budget_seconds=config.budget_seconds,
            threshold=config.threshold,
            batch_size=config.batch_size,
            judge_top=config.judge_top,
            stop_rule=config.stop_rule,
        )


@dataclass(frozen=True)
class Kills:
    """Of a code's ``mutants`` (one-change bugs, ``supercharger.mutants``), how many a test
    that passes with the code ``killed`` (failed with). A test that kills few checks little of
    what the code does."""

    killed: int
    mutants: int  # 0: the code has none, or its mutation step failed: nothing is known
    ids: frozenset[int] = frozenset()  # which of the code's mutants (their index) it killed

    @classmethod
    def of(cls, record: Mapping[str, object]) -> Kills:
        """From a mutation step's record (``killed``, ``mutants``, ``killed_ids``)."""
        ids = record.get("killed_ids") or ()
        return cls(int(record["killed"]), int(record["mutants"]), frozenset(ids))  # type: ignore[arg-type, call-overload]

    @property
    def fraction(self) -> float | None:
        return self.killed / self.mutants if self.mutants else None


@dataclass
class JobView:
    """What the coordinator knows about one job at one moment."""

    budget: Budget
    codes: list[str] = field(default_factory=list)  # valid (cleaned) code ids, oldest first
    tests: list[str] = field(default_factory=list)  # valid test ids, oldest first
    # stand-in codes (``return None``, ``raise NotImplementedError``), run against every test
    stubs: list[str] = field(default_factory=list)
    # the test made from the spec's own examples (none when it has none), run against every
    # code, and per code how many of those examples it passed
    examples: list[str] = field(default_factory=list)
    examples_passed: dict[str, int] = field(default_factory=dict)
    # codes that ran them and failed one (not an error: a test that cannot even be collected
    # says nothing about the code)
    examples_failed: set[str] = field(default_factory=set)
    requested: dict[str, int] = field(default_factory=dict)  # asked for: code, test, improve
    improved: set[str] = field(default_factory=set)  # codes already sent for repair
    gen_inflight: int = 0  # generation tasks dispatched and not finished
    results: dict[Pair, bool] = field(default_factory=dict)  # finished pairs: passed?
    pair_inflight: set[Pair] = field(default_factory=set)
    judged: dict[Pair, float] = field(default_factory=dict)
    judge_inflight: set[Pair] = field(default_factory=set)
    scores: dict[str, float] = field(default_factory=dict)  # the model's code score, in [0, 1]
    score_inflight: set[str] = field(default_factory=set)
    # per passing pair whose mutation step reported: the code's mutants its test killed; and
    # the pairs whose step was sent and has not reported
    mutation: dict[Pair, Kills] = field(default_factory=dict)
    mutate_inflight: set[Pair] = field(default_factory=set)
    # per test (the examples' test too): the distinct calls of the function whose result it
    # asserts (``supercharger.checks``); a test missing here counts as one check
    checks: dict[str, frozenset[str]] = field(default_factory=dict)
    # per test: the check keys (``probe.check_key``) of its literal asserts, which the probe
    # reads; a test missing here speaks for no call in ``agreed_checks``
    keys: dict[str, frozenset[str]] = field(default_factory=dict)
    # test -> the distinct values its asserts expect (``supercharger.checks``), a generated
    # test's asserts of the spec's examples' calls left out; None or missing: not known, and
    # the constant gate of ``evidence`` is not applied
    outcomes: dict[str, frozenset[str] | None] = field(default_factory=dict)
    # per code (stand-ins too), from the behaviour probe (``supercharger.probe``): what it
    # returned on each literal call the tests assert (call -> fingerprint), and which of those
    # asserts held (check key -> bool)
    behaviour: dict[str, dict[str, str]] = field(default_factory=dict)
    asserts: dict[str, dict[str, bool]] = field(default_factory=dict)
    # per code: what it returned on calls derived from those (edge values no test asserts;
    # ``probe.derived_calls``), call -> fingerprint; and on calls with values of common types
    # (``probe.typed_calls``), which only order the codes of a behaviour group
    derived: dict[str, dict[str, str]] = field(default_factory=dict)
    typed: dict[str, dict[str, str]] = field(default_factory=dict)
    # repairs that returned the code they were made from, or what an earlier repair of it
    # returned: the same code again, which agreement and twins do not count as another vote
    copies: set[str] = field(default_factory=set)
    # codes whose function never reads one of its parameters (``checks.unread_parameters``)
    unread: set[str] = field(default_factory=set)
    # the agreed tests the job assembled (``agreed_checks``), among ``tests`` too: test id ->
    # the check keys it asserts
    assembled: dict[str, frozenset[str]] = field(default_factory=dict)
    scoring: bool = True  # ask the model to score each new code
    llm_workers: int = 1
    elapsed: float = 0.0
    cancelled: bool = False


@dataclass(frozen=True)
class Finish:
    status: JobStatus  # any but RUNNING
    reason: str
    best: Pair | None
    # the code delivered: the best pair's, else (no pair passed) the top-ranked code, unverified
    code: str | None = None


@dataclass
class Actions:
    # One task each, with the kinds ("code", "test") of its prompts; they share one batch.
    generate: list[list[str]] = field(default_factory=list)
    improve: list[Pair] = field(default_factory=list)  # repair this code from this failing test
    run: list[tuple[str, list[str]]] = field(default_factory=list)  # code id, its test ids
    judge: list[Pair] = field(default_factory=list)
    score: list[str] = field(default_factory=list)  # code ids, scored in one task
    mutate: list[tuple[str, list[str]]] = field(default_factory=list)  # code id, its test ids
    # agreed tests to add (``agreed_checks``): each test's id and the check keys it asserts
    assemble: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    finish: Finish | None = None

    def empty(self) -> bool:
        work = self.generate or self.improve or self.run or self.judge or self.score
        work = work or self.mutate or self.assemble
        return not (work or self.finish)


def blind_tests(view: JobView) -> set[str]:
    """Tests that passed with every stand-in code: whatever the function returns or raises,
    they pass (no call of it, a call with the wrong arity that expects ``TypeError``, no
    assertion on its result). Such a test tells no code from another, so it never counts for
    a code, is never judged or repaired from, and never ends up as the job's test."""
    return blind(view.stubs, view.tests, view.results)


def blind(stubs: list[str], tests: Iterable[str], results: Mapping[Pair, bool]) -> set[str]:
    """The tests that passed with every one of ``stubs`` but the echo stand-in (none when there
    are no such stubs): a test may rightly hold for the identity, never for all of them."""
    telling = [s for s in stubs if s != ECHO_ID]
    if not telling:
        return set()
    return {t for t in tests if all(results.get((s, t)) is True for s in telling)}


def passing_tests(view: JobView) -> dict[str, frozenset[str]]:
    """For each code, the set of tests it passed (blind tests left out)."""
    seeing = [t for t in view.tests if t not in blind_tests(view)]
    return {c: frozenset(t for t in seeing if view.results.get((c, t)) is True) for c in view.codes}


SUSPECT_CODES = 3  # codes that must agree against a test before it is dropped
SUSPECT_PASSES = 2  # tests each of them must pass


def suspect_tests(view: JobView) -> set[str]:
    """Tests the consensus contradicts: run against at least ``SUSPECT_CODES`` codes that each
    pass ``SUSPECT_PASSES`` other tests, and failed by every one of them. Such a test is more
    likely wrong than all those codes; it is dropped from repair decisions (its failures say
    nothing about the code). A weaker consensus (a few codes agreeing on one easy test) is
    not enough: then the failing test is the one that shows what they share wrongly."""
    passes = passing_tests(view)
    strong = [
        c for c, tests in passes.items() if len(tests) >= SUSPECT_PASSES and c not in view.copies
    ]
    suspect = set()
    for t in view.tests:
        ran = [c for c in strong if (c, t) in view.results]
        if len(ran) >= SUSPECT_CODES and not any(view.results[(c, t)] for c in ran):
            suspect.add(t)
    return suspect


HANG_CODES = 2  # codes a test must have timed out with, passing none, to be taken for hanging
HANG_FLOOR_S = 2.0  # a hanging test's later pairs get at least this many seconds...
HANG_FACTOR = 20.0  # ...or this many times the slowest passing pair of the job so far


def hanging_tests(statuses: Mapping[Pair, Status]) -> set[str]:
    """Tests that timed out with at least ``HANG_CODES`` codes and passed with none. What hangs
    is most often the test's input (a negative or huge argument) that wrong codes loop on; a
    code that handles it passes in milliseconds. Their later pairs run under ``hang_timeout``,
    so that each wrong code does not hold the matrix (which judging waits for) for the full
    timeout again."""
    timeouts: dict[str, int] = {}
    passed: set[str] = set()
    for (_, test), status in statuses.items():
        if status == Status.PASSED:
            passed.add(test)
        elif status == Status.TIMEOUT:
            timeouts[test] = timeouts.get(test, 0) + 1
    return {t for t, n in timeouts.items() if n >= HANG_CODES and t not in passed}


def hang_timeout(full: float, passing_seconds: list[float]) -> float:
    """The timeout of a hanging test's pairs: ``HANG_FACTOR`` times the slowest passing pair so
    far, at least ``HANG_FLOOR_S``, at most the job's own timeout ``full``."""
    return min(full, max(HANG_FLOOR_S, HANG_FACTOR * max(passing_seconds, default=0.0)))


ASSERT_WEIGHT = 0.5  # a behaviour group's weight grows by this share per assert it holds
DEGENERATE = 1e-3  # ...and shrinks by this factor when it is degenerate (see below)
RAISES = 0.5  # ...and by this one for each of the tests' calls it raises on and most codes answer


@dataclass(frozen=True)
class Behaviour:
    """Codes that returned the same on every call probed for all codes (``behaviour_groups``)."""

    codes: tuple[str, ...]
    held: int  # asserts of the tests it holds (those a stand-in holds left out)
    degenerate: bool  # it only raises, returns one value throughout, or does what a stand-in does
    weight: float


def behaviour_groups(view: JobView) -> tuple[list[str], list[Behaviour]]:
    """Execution agreement on the tests' inputs (``supercharger.probe``): the calls every
    probed code ran, and the groups of codes that returned the same on each, heaviest first.
    The bundled model's tests are mostly wrong somewhere, so right code fails most of them as
    whole files; their inputs and their right asserts still count. A group's weight is its
    ``votes`` (codes, copies left out) x (1 + ``ASSERT_WEIGHT`` x the asserts it holds) x
    ``RAISES`` for each of the tests' calls it raises on where most of the job answers (a
    factorial written for a reciprocal held three wrong asserts, and hit the recursion limit
    on every input that is not a whole number, which the seven right codes answered). A
    group that only raises (on the tests' inputs and on every derived and typed input:
    ``_taken_calls`` finds none it takes), returns one value for three or more different
    inputs it answers (errors aside: ``x * 1 / x`` for a reciprocal is 1 or a division error;
    and on the derived ones too, ``_varies``), raises where most of the job answers
    and returns one value elsewhere (``_answers_once``), or does what a stand-in does, is
    degenerate (its weight times ``DEGENERATE``): many wrong codes fail the same way, a right
    one does not. A group that raises on the tests' inputs alone is not: the model's tests
    often pass a type the spec does not mean (a number for a dict), which right code refuses.
    Nothing until two codes are probed on a common call. Where no test calls the function
    with literal arguments, or most of the job raises on every call the tests make (a wrong
    number of arguments, a number for a list), the tests' inputs tell nothing, and the groups
    are those of the derived and typed calls the job takes (``_untested_groups``)."""
    probed = [c for c in view.codes if view.behaviour.get(c)]
    if not probed:
        return _untested_groups(view)
    if len(probed) < 2:
        return [], []
    calls = sorted(set.intersection(*(set(view.behaviour[c]) for c in probed)))
    if not calls:
        return [], []
    keys = set.intersection(*(set(view.asserts.get(c, {})) for c in probed))
    keys -= {k for s in view.stubs for k, held in view.asserts.get(s, {}).items() if held}

    def signature(code: str) -> tuple[str, ...] | None:
        seen = view.behaviour.get(code, {})
        return tuple(seen[k] for k in calls) if all(k in seen for k in calls) else None

    voters = [c for c in probed if c not in view.copies] or probed
    answered = _most_answer(view.behaviour[c] for c in voters)
    taken = [i for i, k in enumerate(calls) if k in answered]  # most of the job answers them
    if not taken and (untested := _untested_groups(view))[1]:
        return untested
    members, stand_ins = _alike(view, probed, signature)
    groups = []
    for sig, codes in members.items():
        held = max(sum(view.asserts.get(c, {}).get(k, False) for k in keys) for c in codes)
        if all(o.startswith(ERROR_PREFIX) for o in sig):  # raises on every input of the tests
            degenerate = not _taken_calls(view, codes)[0]
        else:
            answers = [o for o in sig if not o.startswith(ERROR_PREFIX)]
            one = len(answers) >= 3 and len(set(answers)) == 1
            constant = one and not _varies(view, codes, answers[0])
            degenerate = constant or sig in stand_ins or _answers_once(view, codes, sig, taken)
        weight = votes(view, codes) * (1 + ASSERT_WEIGHT * held)
        raised = sum(sig[i].startswith(ERROR_PREFIX) for i in taken)
        weight *= DEGENERATE if degenerate else RAISES**raised
        groups.append(Behaviour(tuple(codes), held, degenerate, weight))
    return calls, sorted(groups, key=lambda g: -g.weight)


def _untested_groups(view: JobView) -> tuple[list[str], list[Behaviour]]:
    """Behaviour groups of a job whose tests' calls tell nothing (none with literal arguments:
    ``f(bottles, cans)``, names the test never bound, and the probe ran the function's
    ``probe.signature_calls``; or calls most of the job raises on): codes that returned the
    same on each of the derived and typed calls that every probed code ran and most of the job
    returned a value on (``_most_answer``: an input most codes refuse is of a kind the spec
    does not mean). The largest such group is what most samples read the spec as; one that
    raises on each, returns one value throughout or does what a stand-in does is degenerate.
    No asserts to hold."""
    seen = {c: view.derived.get(c, {}) | view.typed.get(c, {}) for c in view.codes + view.stubs}
    probed = [c for c in view.codes if seen[c]]
    if len(probed) < 2:
        return [], []
    ran = set.intersection(*({k for k, v in seen[c].items() if v != SKIPPED} for c in probed))
    voters = [c for c in probed if c not in view.copies] or probed
    calls = sorted(ran & _most_answer(seen[c] for c in voters))
    if not calls:
        return [], []

    def signature(code: str) -> tuple[str, ...] | None:
        return tuple(seen[code][k] for k in calls) if all(k in seen[code] for k in calls) else None

    members, stand_ins = _alike(view, probed, signature)
    groups = []
    for sig, codes in members.items():
        degenerate = (
            all(o.startswith(ERROR_PREFIX) for o in sig)
            or (len(calls) >= 3 and len(set(sig)) == 1)
            or sig in stand_ins
        )
        weight = votes(view, codes) * (DEGENERATE if degenerate else 1.0)
        groups.append(Behaviour(tuple(codes), 0, degenerate, weight))
    return calls, sorted(groups, key=lambda g: -g.weight)


def _alike(
    view: JobView, codes: list[str], signature: Callable[[str], tuple[str, ...] | None]
) -> tuple[dict[tuple[str, ...], list[str]], set[tuple[str, ...]]]:
    """``codes`` by their ``signature`` (what each returned on the calls compared), and the
    signatures of the stand-ins but the echo's (right code may return its argument on every
    input probed)."""
    members: dict[tuple[str, ...], list[str]] = {}
    for code in codes:
        members.setdefault(signature(code), []).append(code)  # type: ignore[arg-type]
    stand_ins = {signature(s) for s in view.stubs if s != ECHO_ID} - {None}
    return members, stand_ins  # type: ignore[return-value]


def _answers_once(
    view: JobView, codes: Iterable[str], sig: tuple[str, ...], taken: list[int]
) -> bool:
    """Whether, on the tests' calls most of the job answers (``taken``: their places in
    ``sig``), a group raises on some and returns one value on all the others, and returns no
    other value on a derived call (``_varies``): code that breaks on every input but the empty
    one (a loop whose body raises returns ``[]`` or ``0`` for an empty list) holds the tests'
    assert on that one input, as right code does."""
    seen = [sig[i] for i in taken]
    values = {o for o in seen if not o.startswith(ERROR_PREFIX)}
    raises = len(values) < len(set(seen))
    if raises and not values:  # raises on all of them, answers only where most raise
        return any(not o.startswith(ERROR_PREFIX) for o in sig)
    return raises and len(values) == 1 and not _varies(view, codes, next(iter(values)))


def _varies(view: JobView, codes: Iterable[str], value: str) -> bool:
    """Whether one of ``codes`` returned another value than ``value`` on a derived call (an
    edge input or one with a value the spec names, ``probe.derived_calls``): code that returns
    one value on every input the tests chose may still read the spec right (every weekday the
    tests pass to ``is_weekend`` is no weekend); a stand-in does not change its answer."""
    return any(
        seen != value and not seen.startswith(ERROR_PREFIX)
        for code in codes
        for seen in view.derived.get(code, {}).values()
    )


def behaviour_weights(view: JobView) -> dict[str, float]:
    """Each probed code's group weight (``behaviour_groups``); empty until there are groups."""
    return {c: g.weight for g in behaviour_groups(view)[1] for c in g.codes}


def votes(view: JobView, codes: Iterable[str]) -> int:
    """How many of ``codes`` speak for themselves: copies of a repaired code (``JobView.copies``)
    do not; at least one. A repair prompt shows the code, and a small model often returns it
    unchanged in all its replies: 16 such copies of one wrong code made a group that outweighed
    every independent sample in a held-out run."""
    return max(1, sum(1 for c in codes if c not in view.copies))


def dual_agreement(view: JobView) -> dict[str, float]:
    """CodeT's dual agreement: codes that pass the same tests form a group; a group's weight
    is (its ``votes``: codes, copies left out) x (number of tests they pass). A test that a
    stand-in passes (``weak_tests``) does not count: ``f(1) == 1`` holds for the echo, and
    codes that answer 1 there outweighed right ones on such tests alone."""
    weak = weak_tests(view)
    passes = {c: frozenset(t - weak) for c, t in passing_tests(view).items()}
    groups: dict[frozenset[str], list[str]] = {}
    for code, tests in passes.items():
        groups.setdefault(tests, []).append(code)
    return {c: float(votes(view, groups[t]) * len(t)) for c, t in passes.items()}


def agreement(view: JobView, groups: list[Behaviour] | None = None) -> dict[str, float]:
    """Each code's weight by how others agree with it: its behaviour group's weight
    (``behaviour_groups``) x (1 + ln(1 + its dual agreement)) once codes are probed; the dual
    agreement alone before. Behaviour counts codes that return the same on the tests' inputs
    and the single asserts they hold, which right code does even when each generated test file
    is wrong somewhere; a whole test that passes still adds to it, damped: the dual agreement
    (codes x tests) as a plain factor counted a group's size twice, and a handful of codes that
    passed one wrong test outranked a larger group of right ones that passed none."""
    dual = dual_agreement(view)
    groups = behaviour_groups(view)[1] if groups is None else groups
    behaviour = {c: g.weight for g in groups for c in g.codes}
    if not behaviour:
        return dual
    return {c: behaviour.get(c, 0.0) * (1 + math.log1p(w)) for c, w in dual.items()}


def _taken_calls(
    view: JobView, codes: tuple[str, ...]
) -> tuple[list[str], dict[str, dict[str, str]]]:
    """The derived calls (``probe.derived_calls``, ``probe.typed_calls``) that all of ``codes``
    ran and more than half of them returned a value on, with what each code returned on its
    derived calls. An input half of them or more raise on is likely outside the spec (a type
    it does not mean): where codes part there, they part on nothing the user asked for (wrong
    code often takes a string where right code raises)."""
    calls, seen = _ran_by_all(view, codes)
    answered = {k: sum(not s[k].startswith(ERROR_PREFIX) for s in seen.values()) for k in calls}
    return [k for k in calls if 2 * answered[k] > len(seen)], seen


def _ran_by_all(view: JobView, codes: Iterable[str]) -> tuple[list[str], dict[str, dict[str, str]]]:
    """The derived and typed calls every one of ``codes`` ran (none skipped), with what each
    code returned on its derived and typed calls."""
    seen = {c: view.derived.get(c, {}) | view.typed.get(c, {}) for c in codes}
    ran = [set(k for k, v in s.items() if v != SKIPPED) for s in seen.values()]
    return (sorted(set.intersection(*ran)) if ran else []), seen


def _most_answer(seen: Iterable[Mapping[str, str]]) -> set[str]:
    """The calls that more than half of the codes that ran them (``seen``: each code's
    fingerprints; a skipped call is not run) returned a value on."""
    ran: dict[str, int] = {}
    answered: dict[str, int] = {}
    for fingerprints in seen:
        for call, said in fingerprints.items():
            if said != SKIPPED:
                ran[call] = ran.get(call, 0) + 1
                answered[call] = answered.get(call, 0) + (not said.startswith(ERROR_PREFIX))
    return {call for call, n in ran.items() if 2 * answered[call] > n}


def _job_takes(view: JobView) -> set[str]:
    """The derived and typed calls that more than half of the job's probed codes that ran
    them returned a value on (``_most_answer``): a small group may all take an input of a type
    the spec does not mean (constant codes answer anything), while most of the job refuses it."""
    return _most_answer(view.derived.get(c, {}) | view.typed.get(c, {}) for c in view.codes)


def _group_calls(
    view: JobView, codes: tuple[str, ...], job: set[str]
) -> tuple[list[str], dict[str, dict[str, str]]]:
    """``_taken_calls`` of ``codes`` that the job takes too (``_job_takes``)."""
    calls, seen = _taken_calls(view, codes)
    return [k for k in calls if k in job], seen


def derived_votes(
    view: JobView, groups: list[Behaviour] | None = None, job: set[str] | None = None
) -> dict[str, int]:
    """Per probed code, how many codes of its behaviour group (copies left out) also returned
    what it did on the calls both the group and the job take (``_group_calls``): codes alike on
    the tests' few inputs still part on edge inputs, the values the spec names and inputs of
    another type, and there the larger part is likelier right (execution agreement once more)."""
    groups = behaviour_groups(view)[1] if groups is None else groups
    job = _job_takes(view) if job is None else job
    found: dict[str, int] = {}
    for group in groups:
        calls, seen = _group_calls(view, group.codes, job)
        parts: dict[tuple[str, ...], list[str]] = {}
        for code in group.codes:
            parts.setdefault(tuple(seen[code][k] for k in calls), []).append(code)
        found |= {c: votes(view, part) for part in parts.values() for c in part}
    return found


def derived_errors(
    view: JobView, groups: list[Behaviour] | None = None, job: set[str] | None = None
) -> dict[str, int]:
    """Per probed code, on how many of the calls every code of its behaviour group ran and the
    job takes (``_job_takes``) it raised: right code takes the inputs most codes take
    (``row_sums([[1, 2], [3]])``), while a code that only happened to agree on the tests'
    inputs of the wrong type fails. Whether the rest of the group answers does not matter: of
    two codes alike on the tests' inputs, the one that made a set of a list's items raised on
    a list of lists that the other one and most of the job took. An input most of the job
    refuses counts for nothing, even where the group answers it: codes that return one string
    for anything took every dict without the keys the spec names, on which the right one
    raised ``KeyError``."""
    groups = behaviour_groups(view)[1] if groups is None else groups
    job = _job_takes(view) if job is None else job
    found: dict[str, int] = {}
    for group in groups:
        calls, seen = _ran_by_all(view, group.codes)
        taken = [k for k in calls if k in job]
        found |= {c: sum(seen[c][k].startswith(ERROR_PREFIX) for k in taken) for c in group.codes}
    return found


def edge_agreement(view: JobView, job: set[str] | None = None) -> dict[str, float]:
    """Per probed code, how much of the job agrees with it off the tests' inputs: summed over
    the derived and typed calls every probed code ran and more than half returned a value on,
    the share of the job's codes (copies left out) that returned what it did (an exception
    scores nothing). Minimum Bayes risk over executions, call by call: a whole-signature vote
    splits on any one difference, while the right code of a group shares most of its answers
    on edge inputs with right and nearly right codes elsewhere in the job."""
    probed = [c for c in view.codes if view.behaviour.get(c)]
    ran, seen = _ran_by_all(view, probed)
    calls = set(ran) & (_job_takes(view) if job is None else job)
    voters = [c for c in probed if c not in view.copies]
    # per call the job takes: how many voters returned each value
    counted = [(call, Counter(seen[c][call] for c in voters)) for call in calls]
    found: dict[str, float] = {}
    for code in probed:
        total = 0
        for call, said in counted:
            mine = seen[code][call]
            if not mine.startswith(ERROR_PREFIX):
                total += said[mine] - (code not in view.copies)  # itself left out
        found[code] = total / max(1, len(voters))
    return found


def rank_codes(view: JobView) -> list[tuple[str, float]]:
    """The codes that pass more of the spec's own examples first (the user's word outweighs any
    generated test; an example the user got wrong fails every right code alike, so it does not
    reorder them); then by ``agreement``; within a behaviour group, those that raise on fewer
    inputs the job takes (``derived_errors``), then by ``edge_agreement``, then
    by ``derived_votes``; then by dual agreement. Ties go to the code the model scored higher,
    then to the older one. Each with its ``agreement`` weight."""
    dual = dual_agreement(view)
    groups = behaviour_groups(view)[1]
    weights = agreement(view, groups)
    job = _job_takes(view)
    errors = derived_errors(view, groups, job)
    edges = edge_agreement(view, job)
    alike = derived_votes(view, groups, job)
    order = {c: i for i, c in enumerate(view.codes)}
    return sorted(
        weights.items(),
        key=lambda kv: (
            -view.examples_passed.get(kv[0], 0),
            -kv[1],
            errors.get(kv[0], 0),
            -round(edges.get(kv[0], 0.0), 9),
            -alike.get(kv[0], 0),
            -dual[kv[0]],
            -view.scores.get(kv[0], 0.5),
            order[kv[0]],
        ),
    )


def weak_tests(view: JobView) -> set[str]:
    """Tests that passed with at least one stand-in code (the blind ones among them). A test
    that passes against ``return None`` checks nothing the function returns (``f(100)`` then
    ``assert 212.0``); one that passes against ``raise NotImplementedError`` catches any
    error; one that passes against the echo (its first argument returned) asserts only what
    the identity does (a flatten of a flat list, a bare truthy ``assert f("text")``). They
    rank below every other test, add nothing to dual agreement and are never evidence enough
    to end a job."""
    return {t for t in view.tests if any(view.results.get((s, t)) is True for s in view.stubs)}


MIN_KILLED = 0.8
"""The share of a code's mutants (one-change bugs) its supporting generated tests must kill
together for it to end a job. Tests that agree with the consensus but let one-change bugs of
the code pass (``f(0) == 1`` for a factorial) would pass much wrong code too; tests that kill
most of them pin the behaviour down. Unknown (no mutants, a failed step) holds nothing back."""

MIN_CHECKS = 3
# ...and expect at least this many distinct values: checks that all expect one value pass a
# function returning that constant (`clamp(5, 0, 3) == 3`, `clamp(9, 1, 3) == 3`, ...)
MIN_OUTCOMES = 2
"""Distinct calls of the function whose result the code's supporting generated tests assert,
together and besides the spec's examples' own calls (or that the examples alone assert), for it
to end a job. One assert, or the same assert in several generated tests, is one check: measured
on specs with hidden tests, codes passing one or two checks that other codes agreed on were
mostly wrong."""


def kill_fraction(view: JobView, pair: Pair) -> float | None:
    """The share of the code's mutants the pair's test killed; None while unknown, and always
    under the "judge" stop rule (which ignores mutation)."""
    kills = view.mutation.get(pair)
    if kills is None or view.budget.stop_rule == "judge":
        return None
    return kills.fraction


def code_kill_fraction(view: JobView, code: str, tests: Iterable[str]) -> float | None:
    """The share of the code's mutants that at least one of ``tests`` killed, over the pairs
    measured so far; None when none is (or under the "judge" stop rule)."""
    kills = [view.mutation[(code, t)] for t in tests if (code, t) in view.mutation]
    known = [k for k in kills if k.mutants]
    if not known or view.budget.stop_rule == "judge":
        return None
    if not any(k.ids for k in known):  # records without ids: the best single test's share
        return max(k.killed for k in known) / known[0].mutants
    return len(frozenset().union(*(k.ids for k in known))) / known[0].mutants


def rank_pairs(view: JobView) -> list[Pair]:
    """Passing pairs, best first: in the order of ``rank_codes``, each code's tests with the
    weak ones last, then those that killed more of the code's mutants (a test not measured
    ranks as one at ``MIN_KILLED``), then by how many codes agree with them (a test no other
    code passes is suspect). A code that passes all of the spec's examples is paired with the
    examples' test as well, after its generated tests: when the model's tests are wrong, right
    code still has a pair to be judged and written."""
    passes = passing_tests(view)
    agree = {t: sum(1 for s in passes.values() if t in s) for t in view.tests}
    weak = weak_tests(view)
    ranked: list[Pair] = []
    for code, _weight in rank_codes(view):

        def key(t: str, code: str = code) -> tuple[bool, float, int, int]:
            killed = kill_fraction(view, (code, t))
            killed = MIN_KILLED if killed is None else killed
            return t in weak, -killed, -agree[t], view.tests.index(t)

        order = sorted(passes[code], key=key)
        if passes_examples(view, code):
            order += view.examples
        ranked.extend((code, t) for t in order)
    return ranked


def passes_examples(view: JobView, code: str) -> bool:
    """The code ran the spec's examples and passed every one (False when there are none)."""
    return bool(view.examples) and all(view.results.get((code, e)) is True for e in view.examples)


MIN_TEST_SUPPORT = 2  # codes that must pass a code's generated support for it to end a job
MIN_TEST_CHECKS = 2
"""Distinct calls a generated test must assert to speak for a code (``support``). A file
with one assert is one input's answer, not a reading of the spec: the model writes many, most
codes pass some, and the few a code passes are picked after the fact, as single asserts of
failing tests were (docs/eval.md). Measured on specs with hidden tests, every judged pass
backed only by one-assert files (with the spec's examples or not) was wrong."""


def support(view: JobView, code: str) -> set[str]:
    """The tests that speak for a code: the strong generated tests it passes (``weak_tests``,
    blind ones and those asserting fewer than ``MIN_TEST_CHECKS`` distinct calls left out)
    and the spec's examples' test when it passes every example (however few they are)."""
    weak = weak_tests(view)
    backed = set(view.examples) if passes_examples(view, code) else set()
    passed = passing_tests(view).get(code, ())
    return {
        t for t in passed if t not in weak and checks_of(view, (t,)) >= MIN_TEST_CHECKS
    } | backed


def checks_of(view: JobView, tests: Iterable[str]) -> int:
    """The distinct asserted calls of ``tests`` together (a test not analysed counts one)."""
    return len(asserted(view, tests))


def asserted(view: JobView, tests: Iterable[str]) -> set[str]:
    """The distinct asserted calls of ``tests`` together (``<test>`` for a test not analysed)."""
    seen: set[str] = set()
    for t in tests:
        seen |= view.checks.get(t) or {f"<{t}>"}
    return seen


def outcomes_of(view: JobView, tests: Iterable[str]) -> frozenset[str] | None:
    """The distinct values ``tests`` expect together; None when one of them is not known."""
    seen: set[str] = set()
    for t in tests:
        known = view.outcomes.get(t)
        if known is None:
            return None
        seen |= known
    return frozenset(seen)


def has_evidence(view: JobView, pair: Pair) -> bool:
    """Whether a passing pair is evidence enough to end the job once it is judged, whatever
    the judge says (see ``evidence``)."""
    return evidence(view)(pair)


def evidence(view: JobView, mutation: bool = True) -> Callable[[Pair], bool]:
    """A check of pairs against the job as it is now. One weak test and a judge that cannot
    tell right from wrong is not evidence; a pair is when its test is one of the code's
    ``support`` and:

    - the code reads every parameter of its function (``JobView.unread``: a code that ignores
      one of the spec's inputs answers a narrower question than the spec asks);
    - the code passes every one of the spec's examples (the user's own word), when it has any;
    - its generated support asserts at least ``MIN_CHECKS`` distinct calls of the function
      besides the examples' own, expecting at least ``MIN_OUTCOMES`` values on those calls
      (``is_doubled("") == True`` beside the example saying so, then only ``False`` cases, is
      passed by ``return s == ""``), and varies every
      argument those calls pass twice or more (``checks.unvaried_arguments``: a seat held at 2
      in every call checks no seat); or, short of that, the examples alone do so. The examples
      gate every code already: counted again, one example let a test of two calls end a job
      (``strip_zeros([0]) == []``, ``strip_zeros([1, 2, 3, 4, 5]) == [1, 2, 3, 4, 5]`` beside
      an example of zeros at both ends, passed by a code dropping every 0);
    - at least ``MIN_TEST_SUPPORT`` codes pass all of its generated support (copies of a
      repaired code left out), unless the examples back the code (right code that the model
      wrote once has no twin to agree with);
    - its generated support killed at least ``MIN_KILLED`` of the code's mutants together,
      where that is known (left out with ``mutation`` false: which pairs are worth the
      mutation step);
    - no other code that passes all of its support returns a different value on a probed call
      (``contested``);
    - once the codes are probed, it has the highest ``agreement`` of the codes that pass as many
      of the spec's examples or more, and its behaviour group is not degenerate (it does what
      most others do on the tests' inputs)."""
    passes = passing_tests(view)
    judge_only = view.budget.stop_rule == "judge"
    cache: dict[str, bool] = {}
    found = behaviour_groups(view)[1]
    weights = agreement(view, found) if found else {}

    def backed(code: str) -> bool:
        if code not in cache:
            cache[code] = _code_has_evidence(view, code, passes, mutation) and _top_ranked(
                view, code, found, weights
            )
        return cache[code]

    def check(pair: Pair) -> bool:
        code, test = pair
        if not view.results.get(pair) or code not in passes:
            return False
        if judge_only:
            return test in passes[code] or test in view.examples
        return test in support(view, code) and backed(code)

    return check


def _top_ranked(
    view: JobView,
    code: str,
    found: list[Behaviour],
    weights: Mapping[str, float] | None = None,
) -> bool:
    """Whether ``code`` has the highest ``agreement`` of the codes that pass as many of the
    spec's examples or more, in a behaviour group that is not degenerate (True before any
    groups: nothing to rank it against)."""
    if not found:
        return True
    group = next((g for g in found if code in g.codes), None)
    weights = agreement(view, found) if weights is None else weights
    level = view.examples_passed.get(code, 0)
    rivals = [w for c, w in weights.items() if view.examples_passed.get(c, 0) >= level]
    top = group is not None and not group.degenerate
    return top and weights.get(code, 0.0) >= max(rivals)


def _code_has_evidence(
    view: JobView, code: str, passes: Mapping[str, frozenset[str]], mutation: bool
) -> bool:
    return all(met() for _name, met in _gates(view, code, passes, mutation))


def _gates(
    view: JobView, code: str, passes: Mapping[str, frozenset[str]], mutation: bool
) -> list[tuple[str, Callable[[], bool]]]:
    """The conditions of ``evidence`` on the code alone, named, in the order it tests them
    (each a thunk: the later ones cost more)."""
    examples = set(view.examples)

    @cache
    def tests() -> set[str]:  # found once, and only when a condition gets that far
        return support(view, code)

    def strong() -> bool:
        given = asserted(view, examples)
        generated = tests() - examples
        return _strong(view, generated, given) or _strong(view, tests() & examples)

    def agreed() -> bool:
        generated = tests() - examples
        twins = sum(1 for c, o in passes.items() if generated <= o and c not in view.copies)
        return passes_examples(view, code) or bool(generated and twins >= MIN_TEST_SUPPORT)

    def killed() -> bool:
        generated = tests() - examples
        share = code_kill_fraction(view, code, generated) if mutation and generated else None
        return share is None or share >= MIN_KILLED

    return [
        ("reads_every_parameter", lambda: code not in view.unread),
        ("passes_examples", lambda: not view.examples or passes_examples(view, code)),
        ("tests_strong", strong),
        ("codes_agree", agreed),
        ("kills_mutants", killed),
        ("uncontested", lambda: not contested(view, code, tests())),
    ]


def evidence_checks(view: JobView, code: str) -> dict[str, bool]:
    """Each condition of the stop rule's evidence (``evidence``) for ``code``, met or not: the
    code's own ones (``_gates``), then ``top_ranked`` (the highest ``agreement`` among the
    codes that pass as many of the spec's examples, in a group that is not degenerate) and
    ``judged`` (one of its pairs judged at or above the threshold, and there is one). What
    report.json shows for the delivered code: why a job did or did not end on a judged pass."""
    passes = passing_tests(view)
    found = {name: met() for name, met in _gates(view, code, passes, mutation=True)}
    found["top_ranked"] = _top_ranked(view, code, behaviour_groups(view)[1])
    threshold = view.budget.threshold
    found["judged"] = threshold is not None and any(
        s >= threshold for (c, _t), s in view.judged.items() if c == code
    )
    return found


def _strong(view: JobView, tests: set[str], given: set[str] | frozenset[str] = frozenset()) -> bool:
    """Whether ``tests`` pin the function down on their own: at least ``MIN_CHECKS`` distinct
    asserted calls beside the ``given`` ones (the spec's examples, which gate every code
    already and so add nothing to a generated test's strength), at least ``MIN_OUTCOMES``
    expected values, and every argument passed twice or more varied."""
    if not tests:
        return False
    calls = asserted(view, tests)
    if len(calls - given) < MIN_CHECKS:
        return False
    expected = outcomes_of(view, tests)
    if expected is not None and len(expected) < MIN_OUTCOMES:
        return False
    return not unvaried_arguments(calls)


def contested(view: JobView, code: str, tests: Iterable[str]) -> bool:
    """Whether another code (copies left out) passes every one of ``tests`` too and returns a
    different value from ``code`` on a probed call both returned on (``contest``). Then those
    tests do not decide between two readings of the spec that the model itself wrote
    (``x > 0`` and ``x >= 0``, ``s == ""`` and ``not s.strip()``), and a judge that cannot
    tell them apart would pick one by chance."""
    return contest(view, code, tests) is not None


def contest(view: JobView, code: str, tests: Iterable[str]) -> tuple[str, str] | None:
    """The first other code (copies left out) that passes every one of ``tests`` and returns
    a different value from ``code`` on a probed call (the tests' literal calls and the edge
    inputs derived from them), with that call; an exception on either side is no
    disagreement (the input may be outside the spec). None when there is none."""
    tests = set(tests)
    if not tests:
        return None
    mine = view.behaviour.get(code, {}) | view.derived.get(code, {})
    for other in view.codes:
        if other == code or other in view.copies:
            continue
        if not all(view.results.get((other, t)) is True for t in tests):
            continue
        theirs = view.behaviour.get(other, {}) | view.derived.get(other, {})
        for call, seen in sorted(mine.items()):
            said = theirs.get(call)
            if said is None or said == seen:
                continue
            if not (said.startswith(ERROR_PREFIX) or seen.startswith(ERROR_PREFIX)):
                return other, call
    return None


def best_pair(view: JobView) -> Pair | None:
    """Best so far: the top-ranked code among those with evidence (``has_evidence``), else the
    top-ranked code (``rank_codes``); paired with its best-ranked passing test, None when it
    passed none. The ranking, not a judge score below the threshold, decides what a job that
    ran out of budget delivers; a top-ranked code that passed none of the model's tests (they
    are often wrong) still outranks a lower one that passed some (``_finish``)."""
    ranked = rank_pairs(view)
    check = evidence(view)
    backed = [p for p in ranked if check(p)]
    if backed:
        code = backed[0][0]
    else:
        codes = rank_codes(view)
        if not codes:
            return None
        code = codes[0][0]
    return next((p for p in ranked if p[0] == code), None)


def _winner(view: JobView) -> Pair | None:
    """The best-ranked judged pair at or above the threshold that has evidence; none while the
    judge is off (no threshold: its calibration could not reach the target precision)."""
    threshold = view.budget.threshold
    if threshold is None:
        return None
    check = evidence(view)
    good = [p for p, s in view.judged.items() if s >= threshold and check(p)]
    if not good:
        return None
    order = {p: i for i, p in enumerate(rank_pairs(view))}
    return min(good, key=lambda p: (order.get(p, len(order)), -view.judged[p]))


def _pairs_to_run(view: JobView) -> list[tuple[str, list[str]]]:
    todo = []
    for c in view.stubs + view.codes:  # stand-ins first: a blind test is known before judging
        against = view.tests if c in view.stubs else view.examples + view.tests
        tests = [
            t for t in against if (c, t) not in view.results and (c, t) not in view.pair_inflight
        ]
        if tests:
            todo.append((c, tests))
    return todo


def _measured(view: JobView, pair: Pair) -> bool:
    """Whether the pair's mutation result is in, or none is asked for: the spec's examples
    are the user's word, and the "judge" stop rule ignores mutation."""
    judge_only = view.budget.stop_rule == "judge"
    return judge_only or pair[1] in view.examples or pair in view.mutation


def _to_judge(view: JobView, runs_pending: bool) -> list[Pair]:
    """Judge only once the matrix of the candidates so far is complete (a ranking read from
    half a matrix could send a lone wrong code to the judge ahead of the consensus), and only
    pairs that could end the job (``has_evidence``) once their mutation result is in; a code's
    best-ranked such pair first, and its next one only once that one's verdict is in."""
    room = view.budget.judge_top - len(view.judge_inflight)
    if room <= 0 or runs_pending or view.pair_inflight:
        return []
    if view.budget.threshold is None:  # the judge is off: the ranking decides at the end
        return []
    check = evidence(view)
    busy = {code for code, _test in view.judge_inflight}  # one pair per code at a time
    fresh: list[Pair] = []
    for pair in rank_pairs(view):
        if pair in view.judged or pair in view.judge_inflight or pair[0] in busy:
            continue
        if _measured(view, pair) and check(pair):
            fresh.append(pair)
            busy.add(pair[0])
    return fresh[:room]


def _to_mutate(view: JobView, runs_pending: bool) -> list[tuple[str, list[str]]]:
    """The mutation steps to send: for each code with a pair among the next ``judge_top`` in
    line for the judge that has no mutation result or step yet, all of its generated tests
    whose pair could end the job but for mutation (``evidence(view, mutation=False)``) and
    has none either. Asked once the matrix is complete, as judging is; a test that comes later
    gets a step of its own. Tied to the judge's line, the sandbox measures what the judge is
    about to look at (at most ``judge_top`` codes at once), not every code of a long job."""
    if view.budget.stop_rule == "judge" or runs_pending or view.pair_inflight:
        return []
    check = evidence(view)
    line = [
        p
        for p in rank_pairs(view)
        if p not in view.judged and p not in view.judge_inflight and check(p)
    ]
    waiting = [p for p in line[: view.budget.judge_top] if p not in view.mutate_inflight]
    codes = list(dict.fromkeys(code for code, test in waiting if not _measured(view, (code, test))))
    base = evidence(view, mutation=False)
    todo = []
    for code in codes:
        tests = [
            t
            for t in view.tests
            if (code, t) not in view.mutation
            and (code, t) not in view.mutate_inflight
            and base((code, t))
        ]
        todo.append((code, tests))
    return todo


MAX_AGREED = 4  # agreed tests a job may assemble (``_to_assemble``)
AGREED_WRITERS = 2  # tests holding a call's value for ``agreed_checks`` to keep the call


def agreed_checks(view: JobView, code: str) -> tuple[str, ...]:
    """The asserts of the job's tests (check keys, ``probe.check_key``) that ``code`` holds,
    on the calls where the tests that agree with it outnumber those that do not, and are
    ``AGREED_WRITERS`` or more: the tests' majority word on each such call, as far as the probe
    saw. A test votes on a call with its asserts of it: for the code when the code holds them
    all, else against. Tests that assert exactly the same keys vote once (copies of one
    guess), and the agreed tests do not vote. Left out: asserts a stand-in holds (they tell no
    code from ``return None`` or the echo), expected exceptions, and the calls the spec's
    examples assert (their test checks those already). A call one test alone asserts is one
    writer's guess: with those kept, a held-out job ended on a wrong code's agreed test of
    three such guesses (``count_visible([2]) == 0``; docs/eval.md). One dissenting test among
    several is outvoted: in a factorial job, one test's ``factorial(2) == 1`` kept a right
    code's agreed test from being strong when every test had to agree."""
    held = view.asserts.get(code, {})
    stand_in = {k for s in view.stubs for k, ok in view.asserts.get(s, {}).items() if ok}
    given = asserted(view, view.examples) if view.examples else set()
    votes: dict[str, list[int]] = {}  # call -> [tests for the code's value, tests against]
    kept: dict[str, set[str]] = {}  # call -> the keys of it the code holds
    voters = {view.keys[t] for t in view.tests if t in view.keys and t not in view.assembled}
    for keys in voters:
        mine: dict[str, bool] = {}  # call -> whether the code holds all of this test's keys
        for key in keys:
            check = split_check_key(key)
            if check is None or key not in held or key in stand_in:
                continue
            if check[1] == "raises" or check[0] in given:
                continue
            mine[check[0]] = mine.get(check[0], True) and held[key]
            if held[key]:
                kept.setdefault(check[0], set()).add(key)
        for call, ok in mine.items():
            votes.setdefault(call, [0, 0])[0 if ok else 1] += 1
    agreed = (
        key
        for call, (yes, no) in votes.items()
        if yes >= AGREED_WRITERS and yes > no
        for key in kept.get(call, ())
    )
    return tuple(sorted(agreed))


def _agreed_strong(keys: Iterable[str]) -> bool:
    """Whether asserts of ``keys`` would make a strong test (``_strong``): ``MIN_CHECKS``
    calls, ``MIN_OUTCOMES`` expected values, every argument passed twice or more varied."""
    checks = [c for c in map(split_check_key, keys) if c is not None]
    calls = {call for call, _want in checks}
    wants = {want.partition(":")[2] or want for _call, want in checks}
    return len(calls) >= MIN_CHECKS and len(wants) >= MIN_OUTCOMES and not unvaried_arguments(calls)


def _to_assemble(view: JobView, runs_pending: bool) -> list[tuple[str, tuple[str, ...]]]:
    """The agreed test to add, if any: for the top-ranked code, once the matrix is complete,
    when none of its pairs could end the job as things are (``evidence`` without mutation)
    and its agreed asserts (``agreed_checks``) would: strong, held by ``MIN_TEST_SUPPORT``
    codes (copies left out), the code reading every parameter, passing the spec's examples
    and ranked top in a group that is not degenerate. Each set of asserts once, at most
    ``MAX_AGREED`` per job; never under the "judge" stop rule, nor while the judge is off."""
    b = view.budget
    if b.stop_rule != "evidence" or b.threshold is None or len(view.assembled) >= MAX_AGREED:
        return []
    if runs_pending or view.pair_inflight:
        return []
    ranked = rank_codes(view)
    if not ranked:
        return []
    code = ranked[0][0]
    if code in view.unread or (view.examples and not passes_examples(view, code)):
        return []
    if not _top_ranked(view, code, behaviour_groups(view)[1]):
        return []
    check = evidence(view, mutation=False)  # on the code's passing pairs (no second ranking)
    if any(check((code, t)) for t in view.examples + view.tests if view.results.get((code, t))):
        return []
    keys = agreed_checks(view, code)
    if not _agreed_strong(keys) or frozenset(keys) in view.assembled.values():
        return []
    holders = [c for c in view.codes if all(view.asserts.get(c, {}).get(k) for k in keys)]
    if votes(view, holders) < MIN_TEST_SUPPORT:
        return []
    return [(f"{AGREED_PREFIX}{len(view.assembled)}", keys)]


def repair_target(view: JobView, skip: set[str] | frozenset[str] = frozenset()) -> Pair | None:
    """The best-ranked code not yet repaired that fails a test: with the spec's examples if it
    fails one of them (the user's word), else with the failing test the most other codes pass
    (the consensus says that test is right, so its output says what is wrong). Never a copy
    (``JobView.copies``): its code was repaired already, and came back unchanged."""
    passes = passing_tests(view)
    agree = {t: sum(1 for s in passes.values() if t in s) for t in view.tests}
    useless = suspect_tests(view) | blind_tests(view)
    for code, _weight in rank_codes(view):
        if code in view.improved or code in skip or code in view.copies:
            continue
        if code in view.examples_failed:
            return code, view.examples[0]
        failing = [
            t for t in view.tests if view.results.get((code, t)) is False and t not in useless
        ]
        if failing:
            return code, max(failing, key=lambda t: (agree[t], -view.tests.index(t)))
    return None


def _next_work(view: JobView) -> tuple[list[list[str]], list[Pair]]:
    """Keep every llm worker busy: one generation task in flight per worker, cycling new code,
    new tests and repairs of failing code, each within the candidate budget.

    A repair waits until all new code is asked for: asked to fix a code, the bundled model
    mostly returns it unchanged or wrong in another way. On 17 evaluation runs none of 5,070
    repaired codes passed its hidden tests, against 392 of 10,686 new samples (docs/eval.md),
    and that holds for repairs from the spec's examples as for those from generated tests.

    No pair can run before a job has both code and tests, so a job's first task holds both
    prompts when one worker is free for it: they share one batch, whose cost is that of its
    longest row (two calls pay two longest rows)."""
    b = view.budget
    requested = {k: view.requested.get(k, 0) for k in (CODE, TEST, IMPROVE)}
    starting = not (requested[CODE] or requested[TEST])
    kinds: list[list[str]] = []
    repairs: list[Pair] = []
    for _ in range(max(0, max(1, view.llm_workers) - view.gen_inflight)):
        skip = {c for c, _ in repairs}
        target = repair_target(view, skip) if requested[CODE] >= b.max_candidates else None
        if target and requested[IMPROVE] < min(requested[CODE], requested[TEST], b.max_candidates):
            repairs.append(target)
            requested[IMPROVE] += b.batch_size
            continue
        open_kinds = [k for k in (CODE, TEST) if requested[k] < b.max_candidates]
        if not open_kinds:
            break
        kind = min(open_kinds, key=lambda k: (requested[k], k != CODE))
        requested[kind] += b.batch_size
        kinds.append([kind])
    if starting and kinds == [[CODE]] and requested[TEST] < b.max_candidates:
        kinds[0].append(TEST)
    return kinds, repairs


def _finish(view: JobView, status: JobStatus, reason: str) -> Finish:
    """An end without a judged pass: the best pair so far, else the top-ranked code (a user
    whose pairs all failed still gets the code most likely right, marked unverified)."""
    best = best_pair(view)
    ranked = rank_codes(view)
    code = best[0] if best else (ranked[0][0] if ranked else None)
    if best and (rival := contest(view, best[0], support(view, best[0]))):
        reason += f"; its tests do not decide between {best[0]} and {rival[0]} ({rival[1]})"
    return Finish(status, reason, best, code)


def decide(view: JobView) -> Actions:
    """What to do next for one job, given everything known about it now."""
    winner = _winner(view)
    if winner:
        return Actions(
            finish=Finish(
                JobStatus.PASSED, f"pair {winner[0]} x {winner[1]} judged", winner, winner[0]
            )
        )
    if view.cancelled:
        return Actions(finish=_finish(view, JobStatus.CANCELLED, "cancelled by the user"))
    if view.elapsed >= view.budget.budget_seconds:
        reason = f"time budget of {view.budget.budget_seconds:g} s spent without a judged pass"
        return Actions(finish=_finish(view, JobStatus.BUDGET, reason))
    run = _pairs_to_run(view)
    kinds, repairs = _next_work(view)
    acts = Actions(generate=kinds, improve=repairs, run=run, judge=_to_judge(view, bool(run)))
    acts.mutate = _to_mutate(view, bool(run))
    acts.assemble = _to_assemble(view, bool(run))
    if view.scoring:
        acts.score = [
            c for c in view.codes if c not in view.scores and c not in view.score_inflight
        ]
    busy = view.gen_inflight or view.pair_inflight or view.judge_inflight or view.score_inflight
    busy = busy or view.mutate_inflight
    if acts.empty() and not busy:
        reason = (
            f"all {view.budget.max_candidates} candidates of each kind tried without a judged pass"
        )
        acts.finish = _finish(view, JobStatus.EXHAUSTED, reason)
    return acts
