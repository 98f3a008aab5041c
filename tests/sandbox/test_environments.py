"""Per-spec package environments with real packages from the index: a pure-Python one
(sortedcontainers) and one with compiled parts (msgpack's C extension), through the real bwrap
sandbox (and docker where an engine can be started); a cache that outlives the process that
built it; two builds of one set at once; two sets at once on one node, each pair seeing its
own; bad requirements refused in one line with exit 2."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from supercharger.errors import RequirementsError
from supercharger.records import Candidate, CandidateKind, JobConfig
from supercharger.sandbox import Limits, PairSpec, Status, get_backend
from supercharger.sandbox.environments import EMPTY, EnvironmentStore
from supercharger.settings import Settings
from supercharger.spec import parse_spec
from supercharger.tasks import steps
from supercharger.tasks.store import JobStore, new_job_id
from tests.sandbox.test_bwrap import BWRAP_UNAVAILABLE

pytestmark = pytest.mark.skipif(
    BWRAP_UNAVAILABLE is not None, reason=f"bwrap cannot run: {BWRAP_UNAVAILABLE}"
)
ROOT = Path(__file__).resolve().parents[2]
LIMITS = Limits(timeout_s=10.0)
PURE, COMPILED = ("sortedcontainers>=2",), ("msgpack",)
CODE = "from sortedcontainers import SortedList\n\ndef f(xs):\n    return list(SortedList(xs))\n"
USES_BOTH = (
    "import msgpack\nfrom msgpack import _cmsgpack  # the C extension, not the fallback\n"
    "from f import f\n\ndef test_f():\n    assert f([3, 1, 2]) == [1, 2, 3]\n"
    "    assert msgpack.unpackb(msgpack.packb({'a': [1]})) == {'a': [1]}\n"
    "    assert _cmsgpack.__file__.endswith('.so')\n"
)


def sees(own: str, other: str) -> str:
    """A test that passes only where ``own`` is importable and ``other`` (and numpy, which the
    worker's own environment has) is not."""
    return (
        "import importlib.util\n\ndef test_sees_only_its_own():\n"
        f"    assert importlib.util.find_spec({own!r}) is not None\n"
        f"    assert importlib.util.find_spec({other!r}) is None\n"
        "    assert importlib.util.find_spec('numpy') is None\n"
    )


@pytest.fixture(scope="module")
def env_root() -> Iterator[Path]:
    # under /var/tmp: the sandbox uid must reach it (pytest's tmp dirs are 0700)
    root = Path(tempfile.mkdtemp(prefix="sc-envs-", dir="/var/tmp"))
    os.chmod(root, 0o755)
    yield root / "envs"
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def envs(env_root: Path) -> EnvironmentStore:
    return EnvironmentStore(env_root)


@pytest.fixture(scope="module")
def bwrap():  # noqa: ANN201
    backend = get_backend("bwrap", standby=False)
    yield backend
    backend.close()


def pair(pid: str, test: str, code: str = CODE) -> PairSpec:
    return PairSpec(pair_id=pid, module="f", code=code, test=test)


def test_pure_and_compiled_packages_run_in_bwrap(envs: EnvironmentStore, bwrap) -> None:  # noqa: ANN001
    env = envs.get(PURE + COMPILED)
    assert env.path is not None and (env.path / "site" / "sortedcontainers").is_dir()
    assert [p.split("==")[0] for p in env.packages] == ["msgpack", "sortedcontainers"]
    [res] = bwrap.run_batch([pair("both", USES_BOTH)], LIMITS, env)
    assert res.status is Status.PASSED, res.output
    # the mount is read-only: a pair cannot change the environment others share
    writes = ("import os, pytest\nfrom f import f\n\ndef test_ro():\n"
              "    with pytest.raises(OSError):\n"
              "        open('/opt/supercharger-env/sortedcontainers/x.py', 'w')\n")  # fmt: skip
    assert bwrap.run_batch([pair("ro", writes)], LIMITS, env)[0].status is Status.PASSED


def test_a_module_that_is_not_installed_is_an_error_naming_it(
    envs: EnvironmentStore,
    bwrap,  # noqa: ANN001
) -> None:
    lazy = "def f(xs):\n    import msgpack\n    return msgpack.packb(xs)\n"
    test = "from f import f\n\ndef test_f():\n    assert f([1]) == b'\\x91\\x01'\n"
    at_import, in_call = bwrap.run_batch(
        [pair("import", test), pair("call", test, lazy)], LIMITS, envs.get(COMPILED)
    )
    assert at_import.status is Status.ERROR  # sortedcontainers: not in this environment
    assert "[supercharger] missing module 'sortedcontainers'" in at_import.output
    assert in_call.status is Status.PASSED  # msgpack is
    [bare] = bwrap.run_batch([pair("call", test, lazy)], LIMITS, EMPTY)
    assert bare.status is Status.ERROR and bare.failed == 1  # a failed test, made an ERROR
    assert "[supercharger] missing module 'msgpack'" in bare.output


def test_two_environments_at_once_do_not_see_each_others_packages(
    envs: EnvironmentStore,
) -> None:
    a, b = envs.get(PURE), envs.get(COMPILED)
    backends = [get_backend("bwrap", standby=False) for _ in range(2)]
    try:
        with ThreadPoolExecutor(2) as pool:
            fa = pool.submit(
                backends[0].run_batch, [pair("a", sees("sortedcontainers", "msgpack"))], LIMITS, a
            )
            fb = pool.submit(backends[1].run_batch,
                             [pair("b", sees("msgpack", "sortedcontainers"), "def f(x):\n"
                                   "    return x\n")], LIMITS, b)  # fmt: skip
            ra, rb = fa.result()[0], fb.result()[0]
    finally:
        for backend in backends:
            backend.close()
    assert ra.status is Status.PASSED, ra.output
    assert rb.status is Status.PASSED, rb.output


def test_a_job_runs_its_pairs_in_its_environment(
    store: JobStore,
    envs: EnvironmentStore,
    bwrap,  # noqa: ANN001
) -> None:
    spec = parse_spec("# sorted copy\nfrom sortedcontainers import SortedList\ndef f(xs):\n")
    assert spec.requirements == ("sortedcontainers",)
    test = "from f import f\n\ndef test_f():\n    assert f([2, 1]) == [1, 2]\n"
    results = {}
    for reqs in (spec.requirements, ()):
        job = new_job_id()
        store.create(job, spec, JobConfig.from_settings(Settings(), reqs))
        store.put_candidates(job, [
            Candidate(id="c0.0", kind=CandidateKind.CODE, raw=CODE, text=CODE),
            Candidate(id="t0.0", kind=CandidateKind.TEST, raw=test, text=test),
        ])  # fmt: skip
        try:
            steps.run_pairs(store, bwrap, job, "c0.0", ["t0.0"], envs)
            results[reqs] = store.pairs(job)[("c0.0", "t0.0")]
        finally:
            store.forget_active(job)
    assert results[spec.requirements]["status"] is Status.PASSED
    assert results[()]["status"] is Status.ERROR
    assert "missing module 'sortedcontainers'" in results[()]["output"]


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "supercharger", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **env},
        timeout=300,
        check=False,
    )


def test_the_cache_outlives_the_process_that_built_it(env_root: Path, tmp_path: Path) -> None:
    built = EnvironmentStore(env_root).get(PURE)
    assert built.path is not None
    before = built.path.stat().st_ino
    (tmp_path / "f.py").write_text(CODE)
    (tmp_path / "test_f.py").write_text(
        "from f import f\n\ndef test_f():\n    assert f([2, 1]) == [1, 2]\n"
    )
    wheelhouse = tmp_path / "empty-wheelhouse"  # nothing can be installed from here
    wheelhouse.mkdir()
    settings = {"SUPERCHARGER_SANDBOX_ENV_DIR": str(env_root),
                "SUPERCHARGER_SANDBOX_WHEELHOUSE": str(wheelhouse)}  # fmt: skip
    args = ("sandbox", "run", str(tmp_path / "f.py"), "--tests", str(tmp_path / "test_f.py"))
    done = _cli(*args, "--json", "--requires", "sortedcontainers >= 2", **settings)
    assert done.returncode == 0, done.stderr
    assert '"status": "passed"' in done.stdout and "sortedcontainers==" in done.stdout
    assert built.path.stat().st_ino == before  # found, not built again
    fresh = _cli(*args, "--requires", "markupsafe", **settings)  # not cached; an empty wheelhouse
    assert fresh.returncode == 2
    assert fresh.stderr.strip() == (
        "supercharger: error: requirements markupsafe: no such package or version: markupsafe"
    )


BUILDER = """
import sys
from pathlib import Path
from supercharger.sandbox.environments import EnvironmentStore
real = EnvironmentStore._build
def counted(self, *args):
    print("built", flush=True)
    real(self, *args)
EnvironmentStore._build = counted
print(EnvironmentStore(Path(sys.argv[1])).get(("sortedcontainers<3",)).path)
"""


def test_two_builders_of_one_set_at_once_build_it_once(tmp_path: Path) -> None:
    root = tmp_path / "envs"
    procs = [
        subprocess.Popen([sys.executable, "-c", BUILDER, str(root)], stdout=subprocess.PIPE,
                         text=True, cwd=ROOT)
        for _ in range(2)
    ]  # fmt: skip
    outs = [p.communicate(timeout=300)[0].split() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert sum(out.count("built") for out in outs) == 1
    assert outs[0][-1] == outs[1][-1]
    assert [p.name for p in root.iterdir() if not p.name.startswith(".")] == [
        Path(outs[0][-1]).name
    ]


@pytest.mark.parametrize(
    ("requires", "why"),
    [
        ("no-such-package-sc7q9", "no such package or version: no-such-package-sc7q9"),
        ("sortedcontainers==2.4.0, sortedcontainers==2.3.0", "version conflict: cannot install"),
    ],
)
def test_bad_requirements_are_one_line_and_exit_2(
    envs: EnvironmentStore, tmp_path: Path, requires: str, why: str
) -> None:
    with pytest.raises(RequirementsError, match=why):
        envs.get(tuple(r.strip() for r in requires.split(",")))
    spec = tmp_path / "f.spec"
    spec.write_text(f"# requires: {requires}\n# sorted copy\ndef f(xs):\n")
    done = _cli("submit", str(spec), SUPERCHARGER_SANDBOX_ENV_DIR=str(envs.root),
                SUPERCHARGER_DATA_DIR=str(tmp_path / "data"))  # fmt: skip
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and why in done.stderr
    assert not (tmp_path / "data" / "logs").exists()  # no cluster, no model was started


def test_docker_mounts_the_environment_read_only(envs: EnvironmentStore, docker_url: str) -> None:
    env = envs.get(PURE + COMPILED)
    backend = get_backend("docker", base_url=docker_url)
    try:
        both, only = backend.run_batch(
            [pair("both", USES_BOTH), pair("only", sees("sortedcontainers", "numpy"))], LIMITS, env
        )
        [bare] = backend.run_batch([pair("bare", USES_BOTH)], LIMITS, EMPTY)
    finally:
        backend.close()
    assert both.status is Status.PASSED, both.output
    assert only.status is Status.PASSED, only.output
    assert bare.status is Status.ERROR and "missing module 'msgpack'" in bare.output
