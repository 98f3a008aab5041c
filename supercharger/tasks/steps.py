"""The work each task does, as plain functions over the job store and a backend (no Celery)."""

from __future__ import annotations

import ast
import time
from contextlib import AbstractContextManager
from typing import Any

from supercharger.agreed import AGREED_PREFIX, agreed_test
from supercharger.checks import asserted_calls, asserted_outcomes, unread_parameters
from supercharger.clean import Cleaned, clean_code, clean_test
from supercharger.examples import examples_test
from supercharger.llm import prompts
from supercharger.llm.base import LLMBackend, Prompt, Sampling
from supercharger.llm.batcher import owned_by
from supercharger.mutants import mutants
from supercharger.policy import Budget, JobView, Kills, hang_timeout, hanging_tests
from supercharger.probe import (
    check_key,
    extra_calls,
    literal_checks,
    probe_test,
    read_probe,
    spec_values,
)
from supercharger.records import Candidate, CandidateKind, JobConfig, Pair
from supercharger.sandbox.base import Limits, PairResult, PairSpec, SandboxBackend, Status
from supercharger.sandbox.environments import EMPTY, Environment, EnvironmentStore
from supercharger.spec import (
    EXAMPLES_ID,
    STUB_PREFIX,
    Spec,
    required_arity,
    stand_ins,
    stub_code,
)
from supercharger.tasks.stepkey import (
    Gen,
    Improve,
    Judge,
    Mutate,
    RunPair,
    Score,
    StepKey,
    generation,
)
from supercharger.tasks.store import JobStore

PROBE_ID = "sc-probe"  # the probe's pair id in a batch (no test id: t<slot>.<n>, spec.examples)


def _defined_names(code: str) -> set[str]:
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set()
    return {
        n.name
        for n in tree.body
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    }


def assemble_code(spec: Spec, code: str) -> str:
    """The spec's imports and helper functions, then the candidate (which may redefine them)."""
    defined = _defined_names(code)
    head = [imp for imp in spec.imports if imp not in code]
    for helper in spec.helpers:
        names = _defined_names(helper)
        if not names & defined:
            head.append(helper)
    if not head:
        return code
    return "\n".join(head) + "\n\n\n" + code


def fixed_candidates(spec: Spec) -> list[Candidate]:
    """What a job holds before the model writes anything: the stand-in codes
    (``spec.stand_ins``), run against every test like a code (a test that passes with one of
    them is weak, with both ``STUB_BODIES`` blind, see ``policy``), and the test made from the
    spec's own examples, if it has any (``supercharger.examples``), run against every code."""
    texts = {STUB_PREFIX + name: assemble_code(spec, stub_code(spec, body))
             for name, body in stand_ins(spec).items()}  # fmt: skip
    kinds = dict.fromkeys(texts, CandidateKind.STUB)
    if examples := examples_test(spec):
        texts[EXAMPLES_ID], kinds[EXAMPLES_ID] = examples, CandidateKind.EXAMPLES
    return [
        Candidate(id=cid, kind=kinds[cid], seq=i - len(texts), raw=text, text=text)
        for i, (cid, text) in enumerate(texts.items())
    ]


AGREED_SEQ = 10**9  # an agreed test's ``seq`` base: after every generated test


def agreed_candidates(spec: Spec, tests: list[tuple[str, tuple[str, ...]]]) -> list[Candidate]:
    """The agreed tests the policy asks for (``policy.agreed_checks``), each as a test
    candidate: its id and the check keys it asserts, written by ``agreed.agreed_test``."""
    out = []
    for tid, keys in tests:
        text = agreed_test(spec, keys)
        seq = AGREED_SEQ + int(tid.removeprefix(AGREED_PREFIX))
        out.append(Candidate(id=tid, kind=CandidateKind.TEST, seq=seq, raw=text, text=text))
    return out


def make_candidates(
    spec: Spec,
    kind: CandidateKind,
    slot: int,
    raws: list[str],
    seconds: float,
    prefix: str = "",
    parent: str = "",
) -> list[Candidate]:
    """Clean raw replies into candidate records; ids are stable for a (kind, slot) so a
    redelivered task overwrites rather than duplicates."""
    kind = CandidateKind(kind)
    prefix = prefix or kind.value[0]
    out = []
    for i, raw in enumerate(raws):
        if kind is CandidateKind.CODE:
            res = clean_code(raw, spec.name)
        else:
            res = clean_test(raw, spec.name, spec.module)
        ok = isinstance(res, Cleaned)
        text = (
            (assemble_code(spec, res.text) if kind is CandidateKind.CODE else res.text)
            if ok
            else ""
        )
        out.append(
            Candidate(
                id=f"{prefix}{slot}.{i}",
                kind=kind,
                parent=parent,
                seq=slot * 1000 + i + (500 if parent else 0),
                raw=raw,
                text=text,
                refused="" if ok else res.reason,
                llm_seconds=seconds / max(1, len(raws)),
            )
        )
    return out


def _raw_replies(prompt: Any, comp: Any) -> list[str]:
    """The reply as the model wrote it: prefill + text, and a final newline where the reply
    ended by itself (so the cleaner does not take its last line for one cut by the limit)."""
    raws = []
    for i, text in enumerate(comp.texts):
        raw = prompt.prefill + text
        if i < len(comp.ended) and comp.ended[i] and not raw.endswith("\n"):
            raw += "\n"
        raws.append(raw)
    return raws


def generate(
    store: JobStore, backend: LLMBackend, job_id: str, items: list[Gen]
) -> list[Candidate]:
    """Candidates of each item (kind, slot): code or test prompts, ``batch_size`` replies each.

    Several items go to the backend as one batch (``generate_many``) where it has one and
    their sampling agrees but for the seed (the first item's seed draws them all); else one
    call each."""
    meta = store.meta(job_id)
    spec, cfg = meta["spec"], meta["config"]
    asks = []  # (prompt, sampling) per item
    for item in items:
        if item.kind is CandidateKind.CODE:
            prompt = prompts.code_prompt(spec.text, spec.name, cfg.requirements)
            stop = prompts.CODE_STOP
        else:
            prompt = prompts.test_prompt(spec.text, spec.name, spec.module, cfg.requirements)
            stop = prompts.TEST_STOP
        stream = int(item.kind is CandidateKind.TEST)
        asks.append((prompt, _sampling(cfg, stop, item.slot, stream)))
    samplings = [sampling for _, sampling in asks]
    alike = len({s.model_copy(update={"seed": None}).model_dump_json() for s in samplings}) == 1
    many = getattr(backend, "generate_many", None)
    with _owned_by(store, job_id):
        if many is not None and len(asks) > 1 and alike:
            comps = many([prompt for prompt, _ in asks], samplings[0])
        else:
            comps = [backend.generate(prompt, sampling) for prompt, sampling in asks]
    cands: list[Candidate] = []
    for item, (prompt, _), comp in zip(items, asks, comps, strict=True):
        mine = make_candidates(spec, item.kind, item.slot, _raw_replies(prompt, comp), comp.seconds)
        _record_generation(store, job_id, mine, comp, item, prompt)
        cands += mine
    return cands


def improve(store: JobStore, backend: LLMBackend, job_id: str, key: Improve) -> list[Candidate]:
    """Repair a failing code with the failing pair's pytest output; new code candidates."""
    meta = store.meta(job_id)
    spec, cfg = meta["spec"], meta["config"]
    code_text = store.candidate(job_id, key.code).text
    test_text = store.candidate(job_id, key.test).text
    output = store.pairs(job_id).get((key.code, key.test), {}).get("output", "")
    prompt = prompts.improve_prompt(
        spec.text, spec.name, code_text, test_text, output, cfg.requirements
    )
    with _owned_by(store, job_id):
        comp = backend.generate(prompt, _sampling(cfg, prompts.CODE_STOP, key.slot, 2))
    raws = _raw_replies(prompt, comp)
    cands = make_candidates(
        spec, CandidateKind.CODE, key.slot, raws, comp.seconds, prefix="i", parent=key.code
    )
    _record_generation(store, job_id, cands, comp, key, prompt)
    return cands


def _owned_by(store: JobStore, job_id: str) -> AbstractContextManager[None]:
    """The llm worker's batcher serves jobs in turn, and drops the rows of one that ended."""
    return owned_by(job_id, cancelled=lambda: store.is_done(job_id))


def _sampling(cfg: JobConfig, stop: list[str], slot: int, stream: int) -> Sampling:
    seed = cfg.seed
    return Sampling(
        seed=None if seed is None else seed * 1000 + slot * 3 + stream,
        stop=stop,
        n=cfg.batch_size,
        max_new_tokens=cfg.max_new_tokens,
        temperature=cfg.temperature,
        top_p=cfg.top_p,
    )


def _call_record(prompt: Prompt, tokens: tuple[int, int], seconds: float, **out: Any) -> dict:
    return {
        "kind": prompt.kind,
        "messages": prompt.messages,
        "prefill": prompt.prefill,
        "prompt_tokens": tokens[0],
        "completion_tokens": tokens[1],
        "seconds": round(seconds, 4),
    } | out


def _verdict_record(prompt: Prompt, verdict: Any) -> dict:
    return _call_record(prompt, (verdict.prompt_tokens, 0), verdict.seconds, score=verdict.score)


def _record_generation(
    store: JobStore,
    job_id: str,
    cands: list[Candidate],
    comp: Any,
    done_key: StepKey,
    prompt: Prompt,
) -> None:
    tokens = (comp.prompt_tokens, comp.completion_tokens)
    replies = [c.id for c in cands]
    record = _call_record(
        prompt,
        tokens,
        comp.seconds,
        replies=replies,
        draft_tokens=comp.draft_tokens,
        tokens_saved=comp.tokens_saved,
        batch_rows=comp.batch_rows,
        cycled=[c.id for c, cut in zip(cands, comp.cycled, strict=False) if cut],
    )
    store.put_call(job_id, done_key, record)
    store.put_candidates(job_id, cands)
    store.add_stats(
        job_id,
        llm_seconds=comp.seconds,
        prompt_tokens=comp.prompt_tokens,
        completion_tokens=comp.completion_tokens,
        draft_tokens=comp.draft_tokens,
        tokens_saved=comp.tokens_saved,
        llm_calls=1,
    )
    store.mark_gen_done(job_id, done_key)
    valid = [c.id for c in cands if c.valid]
    kind = cands[0].kind.value if cands else CandidateKind.CODE.value
    store.emit(job_id, "candidates", kind=kind, ids=replies, valid=valid)


def judge(store: JobStore, backend: LLMBackend, job_id: str, code: str, test: str) -> float:
    spec = store.meta(job_id)["spec"]
    code_text = store.candidate(job_id, code).text
    test_text = store.candidate(job_id, test).text
    prompt = prompts.judge_prompt(spec.text, code_text, test_text)
    verdict = backend.yes_probability(prompt)
    store.put_call(job_id, Judge(code, test), _verdict_record(prompt, verdict))
    store.put_judged(job_id, code, test, {"score": verdict.score, "seconds": verdict.seconds})
    store.add_stats(
        job_id, llm_seconds=verdict.seconds, prompt_tokens=verdict.prompt_tokens, llm_calls=1
    )
    store.emit(job_id, "judged", code=code, test=test, score=verdict.score)
    return verdict.score


def score(store: JobStore, backend: LLMBackend, job_id: str, codes: list[str]) -> None:
    """The model's P(yes) that each code implements the spec (no tests shown): a tie-breaker
    in the ranking and in what to repair first."""
    spec = store.meta(job_id)["spec"]
    scores, seconds, tokens = {}, 0.0, 0
    for code in codes:
        text = store.candidate(job_id, code).text
        prompt = prompts.score_prompt(spec.text, text)
        verdict = backend.yes_probability(prompt)
        scores[code] = {"score": verdict.score, "seconds": verdict.seconds}
        store.put_call(job_id, Score(code), _verdict_record(prompt, verdict))
        seconds += verdict.seconds
        tokens += verdict.prompt_tokens
    store.put_scores(job_id, scores)
    store.add_stats(job_id, llm_seconds=seconds, prompt_tokens=tokens, llm_calls=len(codes))
    store.emit(job_id, "scored", scores={c: v["score"] for c, v in scores.items()})


def environment(cfg: JobConfig, envs: EnvironmentStore | None) -> Environment:
    """The job's package environment on this node (built here on first use)."""
    if envs is None or not cfg.requirements:
        return EMPTY
    return envs.get(cfg.requirements)


def run_pairs(
    store: JobStore,
    backend: SandboxBackend,
    job_id: str,
    code: str,
    tests: list[str],
    envs: EnvironmentStore | None = None,
) -> None:
    meta = store.meta(job_id)
    spec, cfg = meta["spec"], meta["config"]
    done = store.pairs(job_id)
    tests = [t for t in tests if (code, t) not in done]  # a step sent again: what is missing
    if not tests:
        return
    env = environment(cfg, envs)
    code_text = store.candidate(job_id, code).text
    pairs = [
        PairSpec(
            pair_id=t,
            module=spec.module,
            code=code_text,
            test=store.candidate(job_id, t).text,
        )
        for t in tests
    ]
    full = cfg.sandbox_timeout
    passing = [r.get("duration_s", 0.0) for r in done.values() if r["status"] is Status.PASSED]
    short = hang_timeout(full, passing)
    quick: set[str] = set()  # hanging tests of this batch, run under ``short``
    if short < full:
        quick = hanging_tests({p: r["status"] for p, r in done.items()}) & set(tests)
    # what the code returns on the tests' literal calls, run with the first group
    probe = probe_pair(spec, code_text, {p.pair_id: p.test for p in pairs})
    started = time.monotonic()
    results: list[tuple[float, PairResult]] = []
    probe_result = None
    for timeout, group in (
        (full, [p for p in pairs if p.pair_id not in quick] + ([probe[0]] if probe else [])),
        (short, [p for p in pairs if p.pair_id in quick]),
    ):
        if group:
            limits = Limits(timeout_s=timeout, memory_mb=cfg.sandbox_memory_mb)
            for r in backend.run_batch(group, limits, env):
                if r.pair_id == PROBE_ID:
                    probe_result = r
                else:
                    results.append((timeout, r))
    # the timeout each ran under (short for a hanging test); a pair that another run of this
    # step recorded meanwhile keeps that verdict and is neither counted nor reported again
    records = {r.pair_id: r.model_dump(mode="json") | {"timeout_s": t} for t, r in results}
    if probe and probe_result is not None:
        for test, seen in probed(probe_result, probe[1]).items():
            records[test] |= seen
    store.add_stats(job_id, sandbox_seconds=time.monotonic() - started)
    new = store.put_pairs_once(job_id, code, records)
    if new:
        store.emit(job_id, "pairs", code=code, results={t: records[t]["status"] for t in new})


def probe_pair(spec: Spec, code_text: str, tests: dict[str, str]) -> tuple[PairSpec, Any] | None:
    """The behaviour probe of a code over the literal calls that ``tests`` (id -> text)
    assert (``supercharger.probe``) and the function's ``signature_calls``, run beside the
    code's pairs; with what ``probed`` needs to read it. When no test has such an assert, the
    first test's record carries the signature calls alone. None without tests."""
    checks = {t: literal_checks(text, spec.name) for t, text in tests.items()}
    checks = {t: c for t, c in checks.items() if c}
    if not tests:
        return None
    checks = checks or {min(tests): frozenset()}  # one record carries the signature calls
    union = frozenset().union(*checks.values())
    named = spec_values(f"{spec.comment}\n{spec.docstring}")
    arity = required_arity(spec)
    text, nonce, calls = probe_test(spec.module, spec.name, union, spec=named, arity=arity)
    literal = frozenset(c for c, _ in union if c in calls)  # those the probe file makes
    typed = set(extra_calls(literal, spec.name, named, arity)[1])
    pair = PairSpec(pair_id=PROBE_ID, module=spec.module, code=code_text, test=text)
    return pair, (checks, union, nonce, calls, typed)


def probed(result: PairResult, plan: Any) -> dict[str, dict[str, Any]]:
    """Per test with literal asserts, what the code returned on its calls (``calls``: call ->
    fingerprint), which of its asserts held (``asserts``: check key -> bool), and, on the first
    test's record, what it returned on the calls derived from the probe's (``derived``) and on
    those with values of common types (``typed``)."""
    checks, union, nonce, calls, typed = plan
    fingerprints, held = read_probe(result.output, nonce, calls, union)
    literal = {c for c, _ in union}
    derived = {c: f for c, f in fingerprints.items() if c not in literal and c not in typed}
    of_types = {c: f for c, f in fingerprints.items() if c in typed and c not in literal}
    first = min(checks, default=None)  # one record carries them
    return {
        t: {
            "calls": {c: fingerprints[c] for c, _ in sorted(own) if c in fingerprints},
            "derived": derived if t == first else {},
            "typed": of_types if t == first else {},
            "asserts": {
                check_key(c): held[check_key(c)] for c in sorted(own) if check_key(c) in held
            },  # fmt: skip
        }
        for t, own in checks.items()
    }


def mutate(
    store: JobStore,
    backend: SandboxBackend,
    job_id: str,
    code: str,
    tests: list[str],
    envs: EnvironmentStore | None = None,
) -> None:
    """Run the code's mutants (``supercharger.mutants``) against each of ``tests`` (tests the
    code passes) in one sandbox batch; per test, record how many of them it killed (its pair
    did not pass), and the line and branch coverage of the code by the test (coverage.py in
    the sandbox, advisory). A mutant that loops is cut at the hanging-test timeout
    (``hang_timeout`` of the code's passing pairs): it is killed either way."""
    meta = store.meta(job_id)
    spec, cfg = meta["spec"], meta["config"]
    code_text = store.candidate(job_id, code).text
    texts = mutants(code_text)
    test_texts = {t: store.candidate(job_id, t).text for t in tests}
    runs = [(i, t) for i in range(len(texts)) for t in tests]  # a mutant's pairs side by side
    pairs = [
        PairSpec(pair_id=f"m{i}.{k}", module=spec.module, code=texts[i], test=test_texts[t])
        for k, (i, t) in enumerate(runs)
    ]
    done = store.pairs(job_id)
    passing = [r.get("duration_s", 0.0) for (c, _), r in done.items()
               if c == code and r["status"] is Status.PASSED]  # fmt: skip
    limits = Limits(
        timeout_s=hang_timeout(cfg.sandbox_timeout, passing), memory_mb=cfg.sandbox_memory_mb
    )
    started = time.monotonic()
    measured = [PairSpec(pair_id=f"cov.{t}", module=spec.module, code=code_text,
                         test=test_texts[t], coverage=True) for t in tests]  # fmt: skip
    results = backend.run_batch(pairs + measured, limits, environment(cfg, envs))
    results, covered = results[: len(pairs)], results[len(pairs) :]
    seconds = time.monotonic() - started
    killed: dict[str, list[int]] = {t: [] for t in tests}
    for (i, test), res in zip(runs, results, strict=True):
        if res.status is not Status.PASSED:
            killed[test].append(i)
    records = {
        (code, t): {"killed": len(killed[t]), "killed_ids": killed[t], "mutants": len(texts)}
        | _coverage_figures(res)
        for t, res in zip(tests, covered, strict=True)
    }
    store.put_mutation(
        job_id, {p: r | {"step_seconds": round(seconds, 3)} for p, r in records.items()}
    )
    store.add_stats(job_id, sandbox_seconds=seconds, mutants_run=len(results))
    store.emit(job_id, "mutation", code=code, results={t: r for (_, t), r in records.items()})


def _coverage_figures(result: PairResult) -> dict[str, Any]:
    """Line and branch coverage of a measured pair, as stored with its mutation record."""
    cov = result.coverage
    if cov is None or not cov.measured:
        return {"coverage": None}
    names = ("lines", "lines_covered", "branches", "branches_covered")
    return {"coverage": {name: getattr(cov, name) for name in names}}


def record_failure(store: JobStore, job_id: str, key: StepKey, error: BaseException) -> None:
    """A step that raised still completes: the job sees an error result and moves on."""
    message = f"{type(error).__name__}: {error}"[:500]
    if isinstance(key, Gen | Improve):
        store.mark_gen_done(job_id, key)
    elif isinstance(key, Judge):
        verdict = {"score": 0.0, "seconds": 0.0, "error": message}
        store.put_judged(job_id, key.code, key.test, verdict)
    elif isinstance(key, Score):  # neutral: the ranking goes on without it
        store.put_scores(job_id, {key.code: {"score": 0.5, "error": message}})
    elif isinstance(key, Mutate):  # n = 0, nothing known: the pair is neither held back nor ranked
        record = {"killed": 0, "mutants": 0, "error": message}
        store.put_mutation(job_id, {(key.code, key.test): record})
    elif isinstance(key, RunPair):
        result = {"status": Status.ERROR, "passed": 0, "failed": 0, "collected": 0,
                  "output": message}  # fmt: skip
        store.put_pair(job_id, key.code, key.test, result)
    store.emit(job_id, "error", step=key.encode(), message=message)


def copies(cands: dict[str, Candidate]) -> set[str]:
    """Repairs whose code is that of the code they were made from, or of an earlier repair of
    it (comments and layout aside; see ``policy.votes``)."""
    seen: dict[str, set[str]] = {}
    found = set()
    for cand in sorted(cands.values(), key=lambda c: c.seq):
        if cand.kind is not CandidateKind.CODE or not cand.valid or not cand.parent:
            continue
        parent = cands.get(cand.parent)
        known = seen.setdefault(cand.parent, {_shape(parent.text)} if parent else set())
        shape = _shape(cand.text)
        if shape in known:
            found.add(cand.id)
        known.add(shape)
    return found


def _shape(text: str) -> str:
    """The code without its comments and layout (its AST), or as written if it does not parse."""
    try:
        return ast.dump(ast.parse(text))
    except (SyntaxError, ValueError, RecursionError):
        return text.strip()


def _of_kind(cands: dict[str, Candidate], kind: CandidateKind, valid: bool = False) -> list[str]:
    return [c.id for c in cands.values() if c.kind is kind and (c.valid or not valid)]


def _requested(sent: list[StepKey], batch_size: int) -> dict[str, int]:
    """Candidates asked for so far, per generation kind (code, test, improve)."""
    requested = {"code": 0, "test": 0, "improve": 0}
    for key in sent:
        if kind := generation(key):
            requested[kind] += batch_size
    return requested


def merged_probes(pairs: dict[Pair, dict[str, Any]], field: str) -> dict[str, dict[str, Any]]:
    """Per code, the union of its pairs' probe records ``field`` (``calls`` or ``asserts``)."""
    out: dict[str, dict[str, Any]] = {}
    for (code, _test), record in pairs.items():
        if seen := record.get(field):
            out.setdefault(code, {}).update(seen)
    return out


def build_view(store: JobStore, job_id: str, llm_workers: int) -> JobView:
    """Everything the policy needs, read from the job store."""
    meta = store.meta(job_id)
    cfg: JobConfig = meta["config"]
    cands = store.candidates(job_id)
    sent = list(store.sent(job_id))
    pairs = store.pairs(job_id)
    judged = store.judged(job_id)
    scores = store.scores(job_id)
    mutation = store.mutation(job_id)
    gen_sent = [k for k in sent if generation(k)]
    statuses: dict[Pair, Status] = {p: r["status"] for p, r in pairs.items()}
    examples = _of_kind(cands, CandidateKind.EXAMPLES)
    analysed = [c for c in cands.values()  # what each test and the examples' test assert
             if c.kind in (CandidateKind.TEST, CandidateKind.EXAMPLES) and c.valid]  # fmt: skip
    # the examples' calls: a generated test's asserts of those only repeat the examples
    given = frozenset().union(*(asserted_calls(cands[e].text, meta["spec"].name) for e in examples))
    keys = {c.id: frozenset(map(check_key, literal_checks(c.text, meta["spec"].name)))
            for c in analysed if c.kind is CandidateKind.TEST}  # fmt: skip
    return JobView(
        budget=Budget.of(cfg),
        codes=_of_kind(cands, CandidateKind.CODE, valid=True),
        stubs=_of_kind(cands, CandidateKind.STUB),
        examples=examples,
        # per code run against them so far: how many examples it passed, and did it fail one
        examples_passed={
            c: int(r.get("passed", 0)) for (c, t), r in pairs.items() if t in examples
        },
        examples_failed={
            c for (c, t), s in statuses.items() if t in examples and s is Status.FAILED
        },
        tests=_of_kind(cands, CandidateKind.TEST, valid=True),
        requested=_requested(gen_sent, cfg.batch_size),
        improved={k.code for k in gen_sent if isinstance(k, Improve)},
        gen_inflight=len(set(gen_sent) - store.gen_done(job_id)),
        results={p: s is Status.PASSED for p, s in statuses.items()},
        pair_inflight={(k.code, k.test) for k in sent if isinstance(k, RunPair)} - set(pairs),
        judged={p: v["score"] for p, v in judged.items()},
        judge_inflight={(k.code, k.test) for k in sent if isinstance(k, Judge)} - set(judged),
        scores={c: v["score"] for c, v in scores.items()},
        score_inflight={k.code for k in sent if isinstance(k, Score)} - set(scores),
        mutation={p: Kills.of(v) for p, v in mutation.items()},
        mutate_inflight={(k.code, k.test) for k in sent if isinstance(k, Mutate)} - set(mutation),
        behaviour=merged_probes(pairs, "calls"),
        asserts=merged_probes(pairs, "asserts"),
        derived=merged_probes(pairs, "derived"),
        typed=merged_probes(pairs, "typed"),
        copies=copies(cands),
        unread={
            c.id
            for c in cands.values()
            if c.kind is CandidateKind.CODE
            and c.valid
            and unread_parameters(c.text, meta["spec"].name)
        },
        assembled={t: k for t, k in keys.items() if t.startswith(AGREED_PREFIX)},
        keys=keys,
        checks={c.id: asserted_calls(c.text, meta["spec"].name) for c in analysed},
        outcomes={
            c.id: asserted_outcomes(
                c.text, meta["spec"].name, given if c.id not in examples else frozenset()
            )
            for c in analysed
        },
        scoring=cfg.score_codes,
        llm_workers=llm_workers,
        elapsed=time.time() - meta["created"],
        cancelled=meta.get("cancel") == "1",
    )
