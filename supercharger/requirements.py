"""What a spec's code may use: its requirements, as one normalized, hashable set.

A spec names them on a line ``# requires: numpy>=1.26, sortedcontainers`` (or in a
requirements file beside it); the modules its own imports name are added, mapped to the
distributions that provide them (``import yaml`` -> ``pyyaml``). Plain data: the spec, the job
config and the sandbox's environments all use it.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from supercharger.errors import RequirementsError

REQUIRES_LINE = re.compile(r"^\s*#\s*requires\s*:(.*)$", re.IGNORECASE)

# import name -> distribution, where the two differ (else the import name is the distribution)
MODULE_DISTS = {
    "bs4": "beautifulsoup4",
    "cv2": "opencv-python-headless",
    "dateutil": "python-dateutil",
    "dotenv": "python-dotenv",
    "jwt": "pyjwt",
    "PIL": "pillow",
    "sklearn": "scikit-learn",
    "skimage": "scikit-image",
    "yaml": "pyyaml",
    "Crypto": "pycryptodome",
    "attr": "attrs",
    "google.protobuf": "protobuf",
    "serial": "pyserial",
    "usb": "pyusb",
    "magic": "python-magic",
    "docx": "python-docx",
    "pptx": "python-pptx",
    "Levenshtein": "levenshtein",
}
# always in the sandbox: a spec importing them needs no environment for them
PROVIDED = frozenset({"pytest", "_pytest", "pluggy", "iniconfig", "packaging"})


def parse_requirement(text: str, where: str) -> str:
    """One requirement, normalized (``SortedContainers >= 2`` -> ``sortedcontainers>=2``);
    RequirementsError naming ``where`` when it is not one."""
    try:
        req = Requirement(text.strip())
    except InvalidRequirement as e:
        why = str(e).splitlines()[0] if str(e) else "invalid"
        raise RequirementsError(f"{where}: not a requirement: {text.strip()!r} ({why})") from None
    if req.url:
        raise RequirementsError(f"{where}: {text.strip()!r}: URL requirements are not supported")
    extras = f"[{','.join(sorted(req.extras))}]" if req.extras else ""
    marker = f"; {req.marker}" if req.marker else ""
    return f"{canonicalize_name(req.name)}{extras}{req.specifier}{marker}"


def requires_lines(text: str, where: str) -> list[str]:
    """The requirements of every ``# requires:`` line of ``text`` (comma-separated)."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        match = REQUIRES_LINE.match(line)
        if match is None:
            continue
        for item in match.group(1).split(","):
            if item.strip():
                found.append(parse_requirement(item, f"{where}:{number}"))
    return found


def requirements_file(text: str, where: str) -> list[str]:
    """A pip requirements file's requirements (one a line, ``#`` comments); options refused."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("-"):
            raise RequirementsError(f"{where}:{number}: pip options are not supported: {line!r}")
        found.append(parse_requirement(line, f"{where}:{number}"))
    return found


def import_requirements(modules: Iterable[str]) -> list[str]:
    """Distributions for the imported ``modules`` (dotted names) that the standard library and
    the sandbox itself do not provide."""
    found = []
    for module in modules:
        top = module.split(".")[0]
        if not top or top in sys.stdlib_module_names or top in PROVIDED or top.startswith("_"):
            continue
        dist = MODULE_DISTS.get(module) or MODULE_DISTS.get(top) or top
        found.append(str(canonicalize_name(dist)))
    return found


def merge(*groups: Iterable[str]) -> tuple[str, ...]:
    """One sorted set; a bare name is dropped where the same distribution has a constraint."""
    items = {r for group in groups for r in group}
    constrained = {_name(r) for r in items if r != _name(r)}
    return tuple(sorted(r for r in items if r != _name(r) or r not in constrained))


def _name(requirement: str) -> str:
    return str(canonicalize_name(Requirement(requirement).name))


def names(requirements: Iterable[str]) -> list[str]:
    """The distribution names of ``requirements``, sorted and unique."""
    return sorted({_name(r) for r in requirements})


def key(requirements: Iterable[str], python_tag: str) -> str:
    """The cache key of an environment: its requirements and the interpreter it is for."""
    text = "\n".join([python_tag, *sorted(requirements)])
    return hashlib.sha256(text.encode()).hexdigest()[:16]
