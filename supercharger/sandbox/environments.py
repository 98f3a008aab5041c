"""Per-spec package environments: built once per node, cached by hash, shared read-only.

An environment is a folder holding what ``pip install --target`` put there for one normalized
set of requirements, built by the worker's pip (from the package index, or only from a local
wheelhouse), never in a sandbox and never with a candidate's code running. It lives in
``<root>/<key>``, where the key hashes the requirements and the interpreter they are for, so
every job and pair on the node with the same set shares one copy. A build holds a lock file
and renames a finished temp folder into place: two workers building the same set at once build
it once. Sandboxes mount it read-only (at ``ENV_MOUNT``) and put it on ``sys.path``.
"""

from __future__ import annotations

import fcntl
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from supercharger import requirements as reqs
from supercharger.errors import RequirementsError, SandboxError
from supercharger.sandbox.interpreter import open_up, safe_dir

ENV_MOUNT = "/opt/supercharger-env"  # where a sandbox sees its environment
MANIFEST = "manifest.json"
SITE = "site"  # the folder inside an environment that goes on sys.path
BUILD_TIMEOUT_S = 900


@dataclass(frozen=True)
class Environment:
    """The packages a pair may import besides the standard library and pytest. ``path`` is
    None for the empty set (nothing to mount)."""

    requirements: tuple[str, ...] = ()
    key: str = "none"
    path: Path | None = None
    packages: tuple[str, ...] = ()  # what was installed, ``name==version``, dependencies too

    @property
    def site(self) -> Path | None:
        return None if self.path is None else self.path / SITE

    def describe(self) -> str:
        """One line for a message: what a pair has besides the standard library."""
        return ", ".join(self.packages) if self.packages else "nothing besides the standard library"


EMPTY = Environment()


def python_tag() -> str:
    """What an environment is built for: this interpreter's kind, version and machine."""
    impl = sys.implementation.name
    return f"{impl}-{sys.version_info[0]}.{sys.version_info[1]}-{platform.machine()}"


def default_root() -> Path:
    """Where a node keeps its environments unless told: beside the provisioned sandbox python,
    a folder the sandbox uids can read through (a data dir under a 0700 home is not)."""
    return Path(f"/var/tmp/supercharger-sandbox-{os.geteuid()}") / "envs"


class EnvironmentStore:
    """The environments of one node, under ``root``: ``get`` finds one, or builds it."""

    def __init__(self, root: Path, wheelhouse: Path | None = None) -> None:
        self.root = Path(root)
        self.wheelhouse = wheelhouse

    def get(self, requirements: tuple[str, ...] | list[str]) -> Environment:
        """The environment of ``requirements``; built now if this node has none yet.
        RequirementsError (one line) when they cannot be installed."""
        wanted = tuple(sorted(requirements))
        if not wanted:
            return EMPTY
        key = reqs.key(wanted, python_tag())
        target = self.root / key
        found = _load(target)
        if found is not None:
            return found
        self._ensure_root()
        with _locked(self.root / f".{key}.lock"):
            found = _load(target)  # another worker finished it while we waited
            if found is None:
                self._build(wanted, target)
                found = _load(target)
        if found is None:
            raise SandboxError(f"environment {target} was built but cannot be read")
        return found

    def _ensure_root(self) -> None:
        """The folder is ours and closed to others' writes; the sandbox uid reads through it."""
        try:
            safe_dir(self.root)
        except OSError as e:
            raise SandboxError(f"cannot make the environments folder {self.root}: {e}") from None

    def _build(self, wanted: tuple[str, ...], target: Path) -> None:
        tmp = Path(tempfile.mkdtemp(prefix=target.name + ".tmp-", dir=self.root))
        try:
            _pip_install(wanted, tmp / SITE, self.wheelhouse)
            subprocess.run(
                [sys.executable, "-m", "compileall", "-q", str(tmp / SITE)],
                capture_output=True,
                check=False,
            )
            manifest = {"requirements": list(wanted), "python": python_tag(),
                        "packages": _installed(tmp / SITE)}  # fmt: skip
            (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n")
            open_up(tmp)
            os.rename(tmp, target)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def _load(target: Path) -> Environment | None:
    try:
        manifest = json.loads((target / MANIFEST).read_text())
    except (OSError, ValueError):
        return None
    return Environment(
        requirements=tuple(manifest["requirements"]),
        key=target.name,
        path=target,
        packages=tuple(manifest["packages"]),
    )


class _locked:
    """An exclusive ``flock`` on ``path`` for the ``with`` block (dropped if we die)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd = -1

    def __enter__(self) -> None:
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self.fd, fcntl.LOCK_EX)

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)


def _pip_install(wanted: tuple[str, ...], site: Path, wheelhouse: Path | None) -> None:
    argv = [sys.executable, "-m", "pip", "install", "--target", str(site), "--no-input",
            "--disable-pip-version-check", "--no-warn-script-location", "--quiet"]  # fmt: skip
    if wheelhouse is not None:
        argv += ["--no-index", "--find-links", str(wheelhouse)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    try:
        done = subprocess.run(
            [*argv, "--", *wanted],
            capture_output=True,
            text=True,
            env=env,
            cwd=site.parent,
            timeout=BUILD_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RequirementsError(
            f"requirements {', '.join(wanted)}: pip did not finish in {BUILD_TIMEOUT_S} s"
        ) from None
    if done.returncode != 0:
        why = pip_failure(done.stdout + "\n" + done.stderr)
        raise RequirementsError(f"requirements {', '.join(wanted)}: {why}")


_NOT_FOUND = re.compile(r"No matching distribution found for (\S+)")
_CONFLICT = re.compile(r"Cannot install (.+?) because these package versions have conflicting")


def pip_failure(output: str) -> str:
    """pip's failure as one line: no such package/version, a conflict, or its last error."""
    if m := _NOT_FOUND.search(output):
        return f"no such package or version: {m.group(1)}"
    if m := _CONFLICT.search(output):
        return f"version conflict: cannot install {m.group(1)}"
    errors = [ln.strip() for ln in output.splitlines() if ln.strip().startswith("ERROR:")]
    lines = [ln.strip() for ln in output.splitlines() if ln.strip()]
    last = (errors or lines or ["pip failed"])[-1].removeprefix("ERROR:").strip()
    return f"build failed: {last}"[:300]


def _installed(site: Path) -> list[str]:
    """``name==version`` of every distribution in ``site`` (from its ``.dist-info`` folders)."""
    found = []
    for info in site.glob("*.dist-info"):
        meta = info / "METADATA"
        fields = {}
        if meta.is_file():
            for line in meta.read_text(errors="replace").splitlines():
                if not line.strip():
                    break
                name, _, value = line.partition(":")
                fields.setdefault(name.strip(), value.strip())
        if "Name" in fields:
            found.append(f"{reqs.names([fields['Name']])[0]}=={fields.get('Version', '?')}")
    return sorted(found)
