"""The runner: what runs INSIDE the sandbox, as ``python -I -B -c SOURCE``.

The host hands the interpreter one source text (``supercharger.sandbox.assembly.runner_source``),
made of this package's modules. They need only the standard library, pytest and pluggy (and
coverage.py, imported in a function only when a pair asks for its coverage), and never import
supercharger.

Assembly: the modules of ``MODULES`` are concatenated in that order into one ``__main__``
namespace, after one ``from __future__ import annotations``. Each module's own
``from __future__`` line, its imports of modules of this package (only ``from .module import
name``, without ``as``, from a module earlier in ``MODULES``) and its ``if TYPE_CHECKING:``
blocks (imports for annotations only) are removed; everything else is kept verbatim, so a
module imported as part of this package (by the host or a test) and the same module inside
the runner hold the same code. The assembler refuses (``RunnerSourceError``) any other import
of this package or of supercharger, a module out of order, and a top-level name two modules
define differently (concatenated, the later one would silently win). The last module
(``boot``) calls ``main`` when run as ``__main__``. ``protocol`` is the one module the host
imports too: the messages between the two sides are defined there once.

Protocol (``protocol``: one JSON object per line, one message type each): the host writes a
``RunnerConfig``, the runner answers ``Ready``; then the host writes one ``Unit`` at a time
(pairs that share their code), and the runner answers every pair of it, in order, with one
``RawResult`` (exit code, signal, timeout flag, the counting plugin's report, with the pair's
coverage figures when its ``UnitPair`` asked for them, output tail, whether the sandbox's
memory cgroup killed a process meanwhile). A ``Tick`` in between says the runner starts over on
a pair (the host restarts its deadline). The host turns raw results into verdicts.

Speed without sharing between codes: the runner configures ONE pytest session (plugins
registered, fixtures parsed: ~90 % of a ``pytest.main``) and serves units from inside its
collection hook. Pairs run one at a time, in the same fresh directory, under rlimits and a wall
clock; before every pair the scratch root is wiped and only that pair's two files are there.

* A unit of one pair (or a module name the runner itself has imported, or no pid namespace to
  sweep in) runs pair by pair, each in its own child forked from that session: the child
  collects and runs only its own test file, reports through the counting plugin and exits, so
  nothing it does in memory outlives it; afterwards every leftover process is killed.
* A unit of several pairs runs in ONE child forked for the unit (a group child). It compiles
  the unit's files first, before any of its code runs; then, for each pair, it runs that pair's
  test file and puts the interpreter back as it was right after the fork (``sys.modules``, so
  that the code module and the test module are imported afresh, ``sys.path``, builtins,
  environment, signal handlers, warnings filters, the pytest session's own state), with one
  signed report per pair. After each pair the runner checks that it left no thread and no
  process behind (else the group child is retired and the next pair gets a new one). If the
  group child dies while running pair k (or pair k's end is not exactly its signed report),
  the pairs before keep their verdicts and pair k runs again, alone, in a child of its own
  (what killed the group child may be left over from an earlier pair), unless pair k was the
  first that child ran, whose death is its own; a hang is pair k's TIMEOUT (its clock started
  with it); a report already there stands. The rest go on in a new group child.

Each file is compiled once per runner: a child compiles the code file and rewrites the test
files (pytest's assertion rewriting) before any of its pairs' code runs and sends the checked
hash-based pycs to the runner, which writes them next to every later pair with the same file
text (in a matrix every code meets every test). What a child sends is only pytest's and the
compiler's work on the text: it closes that pipe before any pair's code is imported, and the
pycs are checked against the source hash when they are loaded.
"""

MODULES = (  # in assembly order: a module imports only from modules before it
    "protocol",  # the host <-> runner messages (also imported by the host)
    "signing",  # a pair's report, written and signed by code a pair cannot patch
    "hardening",  # rlimits and Landlock for a pair's process
    "pipes",  # the runner <-> child pipes and what reads them
    "guard",  # the forgery guard
    "counting",  # the counting pytest plugin
    "measure",  # a pair's coverage, when asked (coverage.py, imported only then)
    "pycs",  # compiling each file once, sharing its pyc
    "restore",  # putting a group child's interpreter back after each pair
    "sweep",  # killing a pair's processes, wiping its files
    "oom",  # the memory cgroup's OOM-kill count
    "child",  # what a forked child runs
    "processes",  # the runner's side of a forked child
    "scheduling",  # a unit's pairs: each alone, or in one group child
    "server",  # the protocol server (a pytest plugin)
    "boot",  # the start: protocol off stdio, warm-up, the one session
)
