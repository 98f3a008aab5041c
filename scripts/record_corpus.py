"""Record real raw replies of the bundled model as fixtures for the cleaner's corpus tests.

Run once by hand (CPU, a few minutes): ``python scripts/record_corpus.py``. It writes
``tests/clean/corpus/replies.jsonl``, one JSON object per line::

    {"id": ..., "kind": "code"|"test", "spec": name, "fn_name": ..., "module": ...,
     "prefill": true|false, "seed": ..., "raw": the reply exactly as the pipeline sees it}

With the prefill, ``raw`` is ``prompt.prefill + text`` (what the pipeline hands the cleaner) and
generation stops at the closing fence (``CODE_STOP``/``TEST_STOP``). Without the prefill the
model answers free-form (prose, fences, examples) and there is no stop sequence, so the reply
runs to EOS or ``MAX_NEW_FREE`` tokens and keeps whatever follows the first fence (often a
reply cut by the token limit, another case the cleaner must handle).

Replies are seeded, so the same model and prompts give the same file. A run that is stopped
resumes: batches already in the file are skipped.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from supercharger.llm import get_backend, prompts
from supercharger.llm.base import Prompt, Sampling

OUT = Path(__file__).resolve().parent.parent / "tests" / "clean" / "corpus" / "replies.jsonl"
N = 8
MAX_NEW = 256  # the pipeline's default token limit
MAX_NEW_FREE = 160  # free-form replies ramble to the limit; shorter keeps recording affordable
BASE_SEED = 20261201

# name -> (fn_name, spec text in the project's .spec format: a comment and the signature)
SPECS: dict[str, tuple[str, str]] = {
    "reverse_string": ("reverse_string", "# Return the string s reversed\ndef reverse_string(s):"),
    "count_vowels": (
        "count_vowels",
        "# Return how many vowels (a, e, i, o, u, either case) the string s contains\n"
        "def count_vowels(s):",
    ),
    "is_palindrome": (
        "is_palindrome",
        "# Return True if the string s reads the same forwards and backwards, else False\n"
        "def is_palindrome(s):",
    ),
    "sum_even": (
        "sum_even",
        "# Return the sum of the even numbers in the list of integers xs\ndef sum_even(xs):",
    ),
    "unique_sorted": (
        "unique_sorted",
        "# Return a sorted list of the distinct elements of the list xs\ndef unique_sorted(xs):",
    ),
    "fibonacci": (
        "fibonacci",
        "# Return the n-th Fibonacci number, with fibonacci(0) == 0 and fibonacci(1) == 1\n"
        "def fibonacci(n):",
    ),
    "is_prime": (
        "is_prime",
        "# Return True if the integer n is a prime number, else False\ndef is_prime(n):",
    ),
    "gcd": (
        "gcd",
        "# Return the greatest common divisor of two positive integers a and b\ndef gcd(a, b):",
    ),
    "word_count": (
        "word_count",
        "# Return a dict mapping each word of the string text (split on whitespace) to how\n"
        "# many times it occurs\ndef word_count(text):",
    ),
    "invert_dict": (
        "invert_dict",
        "# Return a new dict whose keys are the values of d and whose values are its keys\n"
        "def invert_dict(d):",
    ),
}

# Specs also asked without the prefill (free-form replies), for each kind.
FREE_FORM = ("reverse_string", "fibonacci", "word_count")


def batches() -> list[tuple[str, str, bool]]:
    """(kind, spec name, prefill used) for every batch of N replies, in recording order."""
    out = [(kind, name, True) for name in SPECS for kind in ("code", "test")]
    out += [(kind, name, False) for name in FREE_FORM for kind in ("code", "test")]
    return out


def make_prompt(kind: str, name: str, prefill: bool) -> tuple[Prompt, str]:
    fn_name, spec = SPECS[name]
    prompt = (
        prompts.code_prompt(spec, fn_name)
        if kind == "code"
        else (prompts.test_prompt(spec, fn_name, fn_name))
    )
    if not prefill:
        prompt = Prompt(kind=prompt.kind, messages=prompt.messages, prefill="")
    return prompt, fn_name


def done_batches(path: Path) -> set[tuple[str, str, bool]]:
    if not path.exists():
        return set()
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    counts: dict[tuple[str, str, bool], int] = {}
    for row in rows:
        key = (row["kind"], row["spec"], row["prefill"])
        counts[key] = counts.get(key, 0) + 1
    return {key for key, count in counts.items() if count >= N}


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    done = done_batches(OUT)
    todo = [b for b in batches() if b not in done]
    if done and len(done) < len(batches()):  # drop a half-written batch before resuming
        rows = [json.loads(x) for x in OUT.read_text().splitlines() if x.strip()]
        keep = [r for r in rows if (r["kind"], r["spec"], r["prefill"]) in done]
        OUT.write_text("".join(json.dumps(r) + "\n" for r in keep))
    elif not done and OUT.exists():
        OUT.unlink()
    started = time.perf_counter()
    # One torch thread: on a shared 2-core machine two threads spin against other work and
    # ran several times slower; one thread also keeps the sampled replies reproducible.
    backend = get_backend("transformers", options={"threads": 1})
    print(f"loaded in {time.perf_counter() - started:.1f}s; {len(todo)} batches to go", flush=True)
    order = batches()
    for kind, name, prefill in todo:
        prompt, fn_name = make_prompt(kind, name, prefill)
        seed = BASE_SEED + order.index((kind, name, prefill))
        stop = (prompts.CODE_STOP if kind == "code" else prompts.TEST_STOP) if prefill else []
        limit = MAX_NEW if prefill else MAX_NEW_FREE
        sampling = Sampling(
            n=N, max_new_tokens=limit, temperature=0.7, top_p=0.95, stop=stop, seed=seed
        )
        t0 = time.perf_counter()
        completion = backend.generate(prompt, sampling)
        with OUT.open("a") as fh:
            for i, text in enumerate(completion.texts):
                row = {
                    "id": f"{kind}-{name}-{'prefill' if prefill else 'free'}-{i}",
                    "kind": kind,
                    "spec": name,
                    "fn_name": fn_name,
                    "module": fn_name,
                    "prefill": prefill,
                    "seed": seed,
                    "raw": prompt.prefill + text,
                }
                fh.write(json.dumps(row) + "\n")
        print(
            f"{kind:4} {name:15} prefill={prefill!s:5} seed={seed} "
            f"{completion.completion_tokens} tokens in {time.perf_counter() - t0:.1f}s",
            flush=True,
        )
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes) in {time.perf_counter() - started:.0f}s")


if __name__ == "__main__":
    sys.exit(main())
