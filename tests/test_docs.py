"""The user documents: README and docs/ stay a reference (no work history), their links resolve,
and docs/benchmarks.md has one row per bench script."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
BENCH_HELPERS = {"submitting.py"}  # shared by the end-to-end benches, not a bench itself

HISTORY = re.compile(r"sessions? [0-9]|this session|lent to this task", re.IGNORECASE)
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("doc", [README, *DOCS], ids=lambda p: p.name)
def test_no_work_history(doc: Path) -> None:
    hits = [line for line in doc.read_text().splitlines() if HISTORY.search(line)]
    assert not hits, f"{doc.name} speaks of who worked on it or when: {hits}"


@pytest.mark.parametrize("doc", [README, *DOCS], ids=lambda p: p.name)
def test_relative_links_resolve(doc: Path) -> None:
    for target in LINK.findall(doc.read_text()):
        if "://" in target:
            continue
        assert (doc.parent / target).exists(), f"{doc.name} links to missing {target}"


def test_readme_fits_and_keeps_the_quickstart() -> None:
    text = README.read_text()
    assert len(text.splitlines()) <= 250
    quickstart = (
        "```bash\n"
        "scripts/install.sh && .venv/bin/supercharger submit examples/factorial.spec\n"
        "scripts/install.sh && .venv/bin/python -m pytest\n"
        "```\n"
    )
    assert quickstart in text


def test_benchmarks_has_one_row_per_bench_script() -> None:
    text = (ROOT / "docs" / "benchmarks.md").read_text()
    rows = re.findall(r"^\| `([a-z0-9_]+\.py)` \|", text, re.MULTILINE)
    scripts = sorted(p.name for p in (ROOT / "bench").glob("*.py"))
    assert sorted(rows) == [s for s in scripts if s not in BENCH_HELPERS]
