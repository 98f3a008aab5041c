"""What a spec's code may use: ``# requires:`` lines, a requirements file beside the spec, and
the spec's own imports mapped to distributions; what the prompts say about it."""

from __future__ import annotations

from pathlib import Path

import pytest

from supercharger.errors import RequirementsError
from supercharger.llm.prompts import code_prompt, improve_prompt, test_prompt
from supercharger.requirements import import_requirements, key, merge, parse_requirement
from supercharger.spec import load_spec, parse_spec

SPEC = (
    "# requires: numpy>=1.26, SortedContainers\n"
    "import yaml\nimport os.path\nfrom sklearn.linear_model import Ridge\nimport numpy as np\n"
    "# sum the list\ndef total(xs):\n"
)


def test_requires_line_and_own_imports_become_one_normalized_set() -> None:
    spec = parse_spec(SPEC)
    # numpy's constraint wins over the bare import; stdlib (os) left out; names mapped/normalized
    assert spec.requirements == ("numpy>=1.26", "pyyaml", "scikit-learn", "sortedcontainers")
    assert parse_spec("import math\nfrom typing import List\ndef f(x):\n").requirements == ()


def test_import_names_map_to_distributions() -> None:
    got = import_requirements(["PIL.Image", "bs4", "cv2", "pytest", "json", "_private", "attr"])
    assert got == ["pillow", "beautifulsoup4", "opencv-python-headless", "attrs"]


def test_a_bad_requirement_is_one_line_naming_where() -> None:
    with pytest.raises(RequirementsError) as e:
        parse_spec("# requires: numpy>==1, ok\ndef f(x):\n", "s.spec")
    assert str(e.value).startswith("s.spec:1: not a requirement: 'numpy>==1'")
    assert "\n" not in str(e.value) and e.value.exit_code == 2
    with pytest.raises(RequirementsError, match="URL requirements"):
        parse_requirement("pkg @ https://example.invalid/pkg.whl", "x")


def test_a_requirements_file_beside_the_spec_is_read(tmp_path: Path) -> None:
    spec_path = tmp_path / "total.spec"
    spec_path.write_text("# sum\ndef total(xs):\n")
    assert load_spec(spec_path).requirements == ()
    (tmp_path / "requirements.txt").write_text("msgpack  # packing\n\n# a comment\n")
    assert load_spec(spec_path).requirements == ("msgpack",)
    (tmp_path / "total.requirements.txt").write_text("sortedcontainers>=2\n")  # preferred
    assert load_spec(spec_path).requirements == ("sortedcontainers>=2",)
    (tmp_path / "total.requirements.txt").write_text("-e .\n")
    with pytest.raises(RequirementsError, match=r"total.requirements.txt:1: pip options"):
        load_spec(spec_path)


def test_the_key_depends_on_the_set_and_the_interpreter_only() -> None:
    a = key(merge(["b", "a>=1"]), "cpython-3.11-x86_64")
    assert a == key(("a>=1", "b"), "cpython-3.11-x86_64")
    assert a != key(("a>=1", "b"), "cpython-3.12-x86_64") and a != key(("a", "b"), "x")


def test_prompts_name_the_packages() -> None:
    spec = "# sorted\ndef f(xs):\n"
    packages = ("sortedcontainers>=2",)
    code = code_prompt(spec, "f", packages).messages[-1]["content"]
    assert "only these packages are installed: sortedcontainers>=2." in code
    assert "installed" not in code_prompt(spec, "f").messages[-1]["content"]
    assert "sortedcontainers>=2" in test_prompt(spec, "f", "f", packages).messages[-1]["content"]
    missing = "E ModuleNotFoundError\n[supercharger] missing module 'numpy': it is not installed"
    fix = improve_prompt(spec, "f", "import numpy", "t", missing).messages[-1]["content"]
    assert "Only the Python standard library is installed." in fix
    assert (
        "standard library" not in improve_prompt(spec, "f", "c", "t", "E").messages[-1]["content"]
    )
