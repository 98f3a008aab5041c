"""Step keys: the name of one step of a job, and the only place that knows their text.

Redis holds them as text (the ``sent``, ``running``, ``gendone`` and ``calls`` hashes; pair
fields of ``pairs``, ``judged`` and ``mutation``): ``gen:code:3``, ``gen:improve:3:c1|t2``,
``pair:c1|t2``, ``judge:c1|t2``, ``score:c1``, ``mutate:c1|t2``. A code id never holds ``|``;
a test id may hold anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from supercharger.records import CandidateKind, Pair

PAIR_SEP = "|"
IMPROVE = "improve"  # the generation kind of a repair


def encode_pair(pair: Pair) -> str:
    code, test = pair
    if PAIR_SEP in code:
        raise ValueError(f"a code id holds {PAIR_SEP!r}: {code!r}")
    return f"{code}{PAIR_SEP}{test}"


def parse_pair(text: str) -> Pair:
    code, _, test = text.partition(PAIR_SEP)
    return code, test


@dataclass(frozen=True)
class Gen:
    """A batch of new candidates of one kind (code or test) in generation slot ``slot``."""

    kind: CandidateKind
    slot: int

    def __post_init__(self) -> None:
        kind = CandidateKind(self.kind)
        if kind not in (CandidateKind.CODE, CandidateKind.TEST):
            raise ValueError(f"nothing generates {kind.value!r} candidates")
        object.__setattr__(self, "kind", kind)

    def encode(self) -> str:
        return f"gen:{self.kind.value}:{self.slot}"


@dataclass(frozen=True)
class Improve:
    """Repairs of ``code`` from its failing pair with ``test``, in repair slot ``slot``."""

    slot: int
    code: str
    test: str

    def encode(self) -> str:
        return f"gen:{IMPROVE}:{self.slot}:{encode_pair((self.code, self.test))}"


@dataclass(frozen=True)
class PairStep:
    """A step about one code x test pair, encoded ``<head>:<code>|<test>``."""

    code: str
    test: str
    head: ClassVar[str] = ""

    def encode(self) -> str:
        return f"{self.head}:{encode_pair((self.code, self.test))}"


class RunPair(PairStep):
    """One code x test pair run in the sandbox."""

    head = "pair"


class Judge(PairStep):
    """The model's judgement of one passing pair."""

    head = "judge"


@dataclass(frozen=True)
class Score:
    """The model's score of one code (no tests shown)."""

    code: str

    def encode(self) -> str:
        return f"score:{self.code}"


class Mutate(PairStep):
    """The mutants of ``code`` run against its passing ``test`` in the sandbox (one task runs
    a code's mutants against all of its tests that ask for it)."""

    head = "mutate"


StepKey = Gen | Improve | RunPair | Judge | Score | Mutate
PAIR_STEPS: dict[str, type[PairStep]] = {step.head: step for step in (RunPair, Judge, Mutate)}


def generation(key: StepKey) -> str | None:
    """What a generation step asks for ("code", "test" or "improve"); None for other steps."""
    if isinstance(key, Gen):
        return key.kind.value
    return IMPROVE if isinstance(key, Improve) else None


def parse(text: str) -> StepKey:
    """The step key ``text`` encodes; ValueError when it encodes none."""
    head, _, rest = text.partition(":")
    if head == "gen":
        kind, _, more = rest.partition(":")
        if kind == IMPROVE:
            slot, _, pair = more.partition(":")
            return Improve(int(slot), *parse_pair(pair))
        return Gen(CandidateKind(kind), int(more))
    if head in PAIR_STEPS and PAIR_SEP in rest:
        return PAIR_STEPS[head](*parse_pair(rest))
    if head == "score":
        return Score(rest)
    raise ValueError(f"not a step key: {text!r}")
