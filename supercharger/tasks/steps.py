"""The work each task does, as plain functions over the job store and a backend (no Celery)."""

from __future__ import annotations

import ast
import time
from typing import Any

from supercharger.clean import Cleaned, clean_code, clean_test
from supercharger.examples import examples_test
from supercharger.llm import prompts
from supercharger.llm.base import LLMBackend, Prompt, Sampling
from supercharger.policy import Budget, JobView, hang_timeout, hanging_tests
from supercharger.sandbox.base import Limits, PairResult, PairSpec, SandboxBackend
from supercharger.spec import (
    EXAMPLES_ID,
    EXAMPLES_KIND,
    STUB_BODIES,
    STUB_KIND,
    STUB_PREFIX,
    Spec,
    stub_code,
)
from supercharger.tasks.store import JobStore, split_pair


def job_spec(meta: dict[str, Any]) -> Spec:
    return Spec(**meta["spec"])


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


def fixed_candidates(spec: Spec) -> list[dict[str, Any]]:
    """What a job holds before the model writes anything: the stand-in codes
    (``STUB_BODIES``), run against every test like a code (a test that passes with all of them
    checks nothing the function does, see ``policy.blind_tests``), and the test made from the
    spec's own examples, if it has any (``supercharger.examples``), run against every code."""
    texts = {STUB_PREFIX + name: assemble_code(spec, stub_code(spec, body))
             for name, body in STUB_BODIES.items()}  # fmt: skip
    kinds = dict.fromkeys(texts, STUB_KIND)
    if examples := examples_test(spec):
        texts[EXAMPLES_ID], kinds[EXAMPLES_ID] = examples, EXAMPLES_KIND
    return [
        {"id": cid, "kind": kinds[cid], "parent": "", "seq": i - len(texts), "raw": text,
         "text": text, "refused": "", "llm_seconds": 0.0}
        for i, (cid, text) in enumerate(texts.items())
    ]  # fmt: skip


def make_candidates(
    spec: Spec,
    kind: str,
    slot: int,
    raws: list[str],
    seconds: float,
    prefix: str = "",
    parent: str = "",
) -> list[dict[str, Any]]:
    """Clean raw replies into candidate records; ids are stable for a (kind, slot) so a
    redelivered task overwrites rather than duplicates."""
    prefix = prefix or kind[0]
    out = []
    for i, raw in enumerate(raws):
        if kind == "code":
            res = clean_code(raw, spec.name)
        else:
            res = clean_test(raw, spec.name, spec.module)
        ok = isinstance(res, Cleaned)
        text = (assemble_code(spec, res.text) if kind == "code" else res.text) if ok else ""
        out.append(
            {
                "id": f"{prefix}{slot}.{i}",
                "kind": kind,
                "parent": parent,
                "seq": slot * 1000 + i + (500 if parent else 0),
                "raw": raw,
                "text": text,
                "refused": "" if ok else res.reason,
                "llm_seconds": seconds / max(1, len(raws)),
            }
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
    store: JobStore, backend: LLMBackend, job_id: str, items: list[tuple[str, int]]
) -> list[dict[str, Any]]:
    """Candidates of each (kind, slot): "code" or "test" prompts, ``batch_size`` replies each.

    Several items go to the backend as one batch (``generate_many``) where it has one and
    their sampling agrees but for the seed (the first item's seed draws them all); else one
    call each."""
    meta = store.meta(job_id)
    spec, cfg = job_spec(meta), meta["config"]
    asks = []  # (prompt, sampling) per item
    for kind, slot in items:
        if kind == "code":
            prompt, stop = prompts.code_prompt(spec.text, spec.name), prompts.CODE_STOP
        else:
            prompt, stop = prompts.test_prompt(spec.text, spec.name, spec.module), prompts.TEST_STOP
        asks.append((prompt, _sampling(cfg, stop, slot, int(kind == "test"))))
    samplings = [sampling for _, sampling in asks]
    alike = len({s.model_copy(update={"seed": None}).model_dump_json() for s in samplings}) == 1
    many = getattr(backend, "generate_many", None)
    if many is not None and len(asks) > 1 and alike:
        comps = many([prompt for prompt, _ in asks], samplings[0])
    else:
        comps = [backend.generate(prompt, sampling) for prompt, sampling in asks]
    cands: list[dict[str, Any]] = []
    for (kind, slot), (prompt, _), comp in zip(items, asks, comps, strict=True):
        mine = make_candidates(spec, kind, slot, _raw_replies(prompt, comp), comp.seconds)
        _record_generation(store, job_id, mine, comp, f"gen:{kind}:{slot}", prompt)
        cands += mine
    return cands


def improve(
    store: JobStore, backend: LLMBackend, job_id: str, slot: int, code: str, test: str
) -> list[dict[str, Any]]:
    """Repair a failing code with the failing pair's pytest output; new code candidates."""
    meta = store.meta(job_id)
    spec, cfg = job_spec(meta), meta["config"]
    code_text = store.candidate(job_id, code)["text"]
    test_text = store.candidate(job_id, test)["text"]
    output = store.pairs(job_id).get((code, test), {}).get("output", "")
    prompt = prompts.improve_prompt(spec.text, spec.name, code_text, test_text, output)
    comp = backend.generate(prompt, _sampling(cfg, prompts.CODE_STOP, slot, 2))
    raws = _raw_replies(prompt, comp)
    cands = make_candidates(spec, "code", slot, raws, comp.seconds, prefix="i", parent=code)
    _record_generation(store, job_id, cands, comp, f"gen:improve:{slot}:{code}|{test}", prompt)
    return cands


def _sampling(cfg: dict[str, Any], stop: list[str], slot: int, stream: int) -> Sampling:
    seed = cfg.get("seed")
    return Sampling(
        seed=None if seed is None else seed * 1000 + slot * 3 + stream,
        stop=stop,
        n=cfg["batch_size"],
        max_new_tokens=cfg["max_new_tokens"],
        temperature=cfg["temperature"],
        top_p=cfg["top_p"],
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
    cands: list[dict[str, Any]],
    comp: Any,
    done_key: str,
    prompt: Prompt,
) -> None:
    tokens = (comp.prompt_tokens, comp.completion_tokens)
    replies = [c["id"] for c in cands]
    record = _call_record(
        prompt, tokens, comp.seconds, replies=replies, draft_tokens=comp.draft_tokens
    )
    store.put_call(job_id, done_key, record)
    store.put_candidates(job_id, cands)
    store.add_stats(
        job_id,
        llm_seconds=comp.seconds,
        prompt_tokens=comp.prompt_tokens,
        completion_tokens=comp.completion_tokens,
        draft_tokens=comp.draft_tokens,
        llm_calls=1,
    )
    store.mark_gen_done(job_id, done_key)
    valid = [c["id"] for c in cands if c["text"]]
    kind = cands[0]["kind"] if cands else "code"
    store.emit(job_id, "candidates", kind=kind, ids=[c["id"] for c in cands], valid=valid)


def judge(store: JobStore, backend: LLMBackend, job_id: str, code: str, test: str) -> float:
    meta = store.meta(job_id)
    spec = job_spec(meta)
    code_text = store.candidate(job_id, code)["text"]
    test_text = store.candidate(job_id, test)["text"]
    prompt = prompts.judge_prompt(spec.text, code_text, test_text)
    verdict = backend.yes_probability(prompt)
    store.put_call(job_id, f"judge:{code}|{test}", _verdict_record(prompt, verdict))
    store.put_judged(job_id, code, test, {"score": verdict.score, "seconds": verdict.seconds})
    store.add_stats(
        job_id, llm_seconds=verdict.seconds, prompt_tokens=verdict.prompt_tokens, llm_calls=1
    )
    store.emit(job_id, "judged", code=code, test=test, score=verdict.score)
    return verdict.score


def score(store: JobStore, backend: LLMBackend, job_id: str, codes: list[str]) -> None:
    """The model's P(yes) that each code implements the spec (no tests shown): a tie-breaker
    in the ranking and in what to repair first."""
    spec = job_spec(store.meta(job_id))
    scores, seconds, tokens = {}, 0.0, 0
    for code in codes:
        text = store.candidate(job_id, code)["text"]
        prompt = prompts.score_prompt(spec.text, text)
        verdict = backend.yes_probability(prompt)
        scores[code] = {"score": verdict.score, "seconds": verdict.seconds}
        store.put_call(job_id, f"score:{code}", _verdict_record(prompt, verdict))
        seconds += verdict.seconds
        tokens += verdict.prompt_tokens
    store.put_scores(job_id, scores)
    store.add_stats(job_id, llm_seconds=seconds, prompt_tokens=tokens, llm_calls=len(codes))
    store.emit(job_id, "scored", scores={c: v["score"] for c, v in scores.items()})


def run_pairs(
    store: JobStore, backend: SandboxBackend, job_id: str, code: str, tests: list[str]
) -> None:
    meta = store.meta(job_id)
    spec, cfg = job_spec(meta), meta["config"]
    code_text = store.candidate(job_id, code)["text"]
    pairs = [
        PairSpec(
            pair_id=t,
            module=spec.module,
            code=code_text,
            test=store.candidate(job_id, t)["text"],
        )
        for t in tests
    ]
    full = cfg["sandbox_timeout"]
    done = store.pairs(job_id)
    short = hang_timeout(
        full, [r.get("duration_s", 0.0) for r in done.values() if r["status"] == "passed"]
    )
    quick: set[str] = set()  # hanging tests of this batch, run under ``short``
    if short < full:
        quick = hanging_tests({p: r["status"] for p, r in done.items()}) & set(tests)
    started = time.monotonic()
    results: list[tuple[float, PairResult]] = []
    for timeout, group in (
        (full, [p for p in pairs if p.pair_id not in quick]),
        (short, [p for p in pairs if p.pair_id in quick]),
    ):
        if group:
            limits = Limits(timeout_s=timeout, memory_mb=cfg["sandbox_memory_mb"])
            results += [(timeout, r) for r in backend.run_batch(group, limits)]
    store.add_stats(job_id, sandbox_seconds=time.monotonic() - started, pairs_run=len(results))
    for timeout, res in results:  # the timeout it ran under: short for a hanging test
        record = res.model_dump(mode="json") | {"timeout_s": timeout}
        store.put_pair(job_id, code, res.pair_id, record)
    store.emit(
        job_id,
        "pairs",
        code=code,
        results={r.pair_id: r.status.value for _, r in results},
    )


def record_failure(store: JobStore, job_id: str, key: str, error: BaseException) -> None:
    """A step that raised still completes: the job sees an error result and moves on."""
    message = f"{type(error).__name__}: {error}"[:500]
    if key.startswith("gen:"):
        store.mark_gen_done(job_id, key)
    elif key.startswith("judge:"):
        code, test = split_pair(key[6:])
        store.put_judged(job_id, code, test, {"score": 0.0, "seconds": 0.0, "error": message})
    elif key.startswith("score:"):  # neutral: the ranking goes on without it
        store.put_scores(job_id, {c: {"score": 0.5, "error": message} for c in key[6:].split(",")})
    elif key.startswith("pair:"):
        code, test = split_pair(key[5:])
        store.put_pair(
            job_id, code, test, {"status": "error", "passed": 0, "failed": 0, "collected": 0,
                                 "output": message}
        )  # fmt: skip
    store.emit(job_id, "error", step=key, message=message)


def budget_of(cfg: dict[str, Any]) -> Budget:
    return Budget(
        max_candidates=cfg["max_candidates"],
        budget_seconds=cfg["budget_seconds"],
        threshold=cfg["threshold"],
        batch_size=cfg["batch_size"],
        judge_top=cfg["judge_top"],
    )


def build_view(store: JobStore, job_id: str, llm_workers: int) -> JobView:
    """Everything the policy needs, read from the job store."""
    meta = store.meta(job_id)
    cands = store.candidates(job_id)
    sent = store.sent(job_id)
    gen_done = store.gen_done(job_id)
    pairs = store.pairs(job_id)
    judged = store.judged(job_id)
    scores = store.scores(job_id)
    gen_sent = [k for k in sent if k.startswith("gen:")]
    requested = {"code": 0, "test": 0, "improve": 0}
    for k in gen_sent:
        requested[k.split(":")[1]] += meta["config"]["batch_size"]
    improved = {split_pair(k.split(":", 3)[3])[0] for k in gen_sent if k.startswith("gen:improve:")}
    sent_pairs = {split_pair(k[5:]) for k in sent if k.startswith("pair:")}
    sent_judge = {split_pair(k[6:]) for k in sent if k.startswith("judge:")}
    sent_score = {k[6:] for k in sent if k.startswith("score:")}
    examples = [c for c, v in cands.items() if v["kind"] == EXAMPLES_KIND]
    return JobView(
        budget=budget_of(meta["config"]),
        codes=[c for c, v in cands.items() if v["kind"] == "code" and v["text"]],
        stubs=[c for c, v in cands.items() if v["kind"] == STUB_KIND],
        examples=examples,
        # per code run against them so far: how many examples it passed, and did it fail one
        examples_passed={
            c: int(r.get("passed", 0)) for (c, t), r in pairs.items() if t in examples
        },
        examples_failed={
            c for (c, t), r in pairs.items() if t in examples and r["status"] == "failed"
        },
        tests=[c for c, v in cands.items() if v["kind"] == "test" and v["text"]],
        requested=requested,
        improved=improved,
        gen_inflight=len(set(gen_sent) - gen_done),
        results={p: r["status"] == "passed" for p, r in pairs.items()},
        pair_inflight=sent_pairs - set(pairs),
        judged={p: v["score"] for p, v in judged.items()},
        judge_inflight=sent_judge - set(judged),
        scores={c: v["score"] for c, v in scores.items()},
        score_inflight=sent_score - set(scores),
        scoring=meta["config"].get("score_codes", True),
        llm_workers=llm_workers,
        elapsed=time.time() - meta["created"],
        cancelled=meta.get("cancel") == "1",
    )
