"""The cleaner vs naive first-fence extraction over the recorded corpus of real code replies.

No arguments: ``python bench/clean_corpus.py``. For every code reply in
``tests/clean/corpus/replies.jsonl`` (recorded by ``scripts/record_corpus.py``):

- *defines*: the extracted file parses and defines the requested function at top level;
- *runs*: the file, imported in the project's bwrap sandbox, defines the function without
  raising (a one-line pytest ``assert callable(fn)`` passes). Generated code only ever runs in
  the sandbox.

Naive extraction takes the text inside the first ``` fence (to the next fence or the end), or
the whole reply when there is no fence. The last line is one JSON object.
"""

from __future__ import annotations

import ast
import json
import re
import time
import warnings
from pathlib import Path

from supercharger.clean import Cleaned, clean_code
from supercharger.sandbox import Limits, PairSpec, Status, get_backend

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "clean" / "corpus" / "replies.jsonl"
_FENCE = re.compile(r"```[^\n]*\n(.*?)(?:```|\Z)", re.DOTALL)


def naive(raw: str) -> str:
    """The text inside the first ``` fence, or the whole reply if there is none."""
    match = _FENCE.search(raw)
    return match.group(1) if match else raw


def defines(text: str | None, fn_name: str) -> bool:
    if text is None:
        return False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return False
    return any(
        isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == fn_name
        for n in tree.body
    )


def probe(fn_name: str, module: str) -> str:
    return (
        f"from {module} import {fn_name}\n\n\ndef test_defined():\n    assert callable({fn_name})\n"
    )


def main() -> None:
    rows = [json.loads(x) for x in CORPUS.read_text().splitlines() if x.strip()]
    rows = [r for r in rows if r["kind"] == "code"]
    print(f"{len(rows)} code replies from {CORPUS.name}", flush=True)
    started = time.perf_counter()
    clean_texts: dict[str, str | None] = {}
    naive_texts: dict[str, str] = {}
    for row in rows:
        result = clean_code(row["raw"], row["fn_name"])
        clean_texts[row["id"]] = result.text if isinstance(result, Cleaned) else None
        naive_texts[row["id"]] = naive(row["raw"])
    print(f"cleaned in {time.perf_counter() - started:.2f}s", flush=True)

    pairs: list[PairSpec] = []
    for row in rows:
        test = probe(row["fn_name"], row["module"])
        for how, texts in (("clean", clean_texts), ("naive", naive_texts)):
            code = texts[row["id"]]
            if code is not None:
                pairs.append(
                    PairSpec(
                        pair_id=f"{how}:{row['id']}", module=row["module"], code=code, test=test
                    )
                )
    started = time.perf_counter()
    results = get_backend("bwrap").run_batch(pairs, Limits(timeout_s=5))
    passed = {r.pair_id for r in results if r.status is Status.PASSED}
    print(f"ran {len(pairs)} files in the bwrap sandbox in {time.perf_counter() - started:.1f}s")

    counts = {k: 0 for k in ("clean_defines", "naive_defines", "clean_runs", "naive_runs")}
    groups: dict[str, dict[str, int]] = {}
    for row in rows:
        flags = {
            "clean_defines": defines(clean_texts[row["id"]], row["fn_name"]),
            "naive_defines": defines(naive_texts[row["id"]], row["fn_name"]),
            "clean_runs": f"clean:{row['id']}" in passed,
            "naive_runs": f"naive:{row['id']}" in passed,
        }
        group = groups.setdefault("prefill" if row["prefill"] else "free-form", {"n": 0})
        group["n"] += 1
        for key, value in flags.items():
            counts[key] += value
            group[key] = group.get(key, 0) + value
    for name, group in groups.items():
        n = group.pop("n")
        shares = ", ".join(f"{k}={v}/{n}" for k, v in group.items())
        print(f"{name}: {shares}", flush=True)
    n = len(rows)
    summary: dict[str, float | int] = {"replies": n}
    summary.update({k: round(v / n, 3) for k, v in counts.items()})
    summary["ratio"] = round(counts["clean_runs"] / max(counts["naive_runs"], 1), 2)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
