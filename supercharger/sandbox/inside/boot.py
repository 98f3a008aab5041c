"""The runner's start: move the protocol off stdio, warm pytest up, serve in one session.

The last module of the runner's source: ``python -I -B -c SOURCE`` runs ``main``.
"""

from __future__ import annotations

import ctypes
import os
import site
import sys

import pytest

from .counting import OutcomeCounter
from .hardening import PR_SET_DUMPABLE
from .protocol import RunnerConfig, from_json
from .scheduling import PAIR_DIR
from .server import ProtocolServer
from .sweep import wipe

PYTEST_ARGS = [
    "-q",
    "-p",
    "no:cacheprovider",
    "--noconftest",
    "-p",
    "no:unraisableexception",
    "-p",
    "no:threadexception",
    "-p",
    "no:faulthandler",
    "--continue-on-collection-errors",
    "-W",
    "ignore::DeprecationWarning",
]


WARM_FILES = {
    "test_sc_warm_a.py": "def test_pass():\n    assert [1, 2] == [1, 2]\n\n"
    "def test_fail():\n    assert {'a': [1, 2]} == {'a': [1, 3]}\n",
    "test_sc_warm_b.py": "import sc_warm_bad\n",
    "sc_warm_bad.py": "def broken(:\n",
}


def warm_up(root: str) -> None:
    """One throw-away pytest session (a pass, a failure, a syntax error) in this process, so
    that what pytest imports and reads lazily is already there when pairs fork."""
    path = os.path.join(root, "warm")
    os.mkdir(path)
    for name, text in WARM_FILES.items():
        with open(os.path.join(path, name), "w") as f:
            f.write(text)
    saved_path, saved_meta = list(sys.path), list(sys.meta_path)
    saved_fds = os.dup(1), os.dup(2)
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    try:
        pytest.main([*PYTEST_ARGS, "--rootdir", path, path])
    finally:
        sys.stdout.flush()
        os.dup2(saved_fds[0], 1)
        os.dup2(saved_fds[1], 2)
        for fd in (*saved_fds, null):
            os.close(fd)
        sys.path[:], sys.meta_path[:] = saved_path, saved_meta
        for name in WARM_FILES:
            sys.modules.pop(name[:-3], None)
        wipe(root)


def main() -> None:
    # Non-dumpable: a pair (same uid) cannot open /proc/<runner>/fd/* nor ptrace the runner.
    ctypes.CDLL(None).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    # The protocol moves off fds 0/1 (pytest writes to stdout; pairs close every fd above 3).
    proto_in = os.fdopen(os.dup(0), "r", encoding="utf-8")
    proto_out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.dup2(2, 1)
    cfg = from_json(proto_in.readline())
    if not isinstance(cfg, RunnerConfig):
        raise SystemExit(f"runner: expected its config first, got {cfg.KIND!r}")
    if cfg.pidns and os.getpid() > cfg.max_pid:
        raise SystemExit("runner: refusing to sweep with kill(-1) outside a pid namespace")
    root = cfg.root
    for path in cfg.paths:  # the pairs' package environment, after pytest's own packages
        site.addsitedir(path)
    warm_up(root)
    os.mkdir(os.path.join(root, PAIR_DIR), 0o700)
    os.chdir(os.path.join(root, PAIR_DIR))
    counter = OutcomeCounter(None)
    server = ProtocolServer(cfg, counter, proto_in, proto_out)
    if cfg.coverage:
        server.meter.load(os.path.join(root, PAIR_DIR))
    pytest.main([*PYTEST_ARGS, "--rootdir", os.getcwd(), os.getcwd()], plugins=[counter, server])
    os._exit(0)


if __name__ == "__main__":
    main()
