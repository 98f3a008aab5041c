"""Each file compiled once per runner: a child compiles the code file and rewrites the test files
(pytest's assertion rewriting) before any of its pairs' code runs, and sends the checked
hash-based pycs to the runner, which writes them next to every later pair with the same text."""

from __future__ import annotations

import ast
import importlib.util
import io
import os
import sys
import traceback

from _pytest.assertion import rewrite

from .pipes import CACHE_FD, REPORT_FD, TailBuffer
from .signing import sign

CACHE_TOTAL = 64 << 20  # all the pycs the runner keeps


def pyc_names(module: str) -> tuple[str, str]:
    """Where the import system and pytest's rewriting hook look for the two files' pycs."""
    code = importlib.util.cache_from_source(f"{module}.py")
    return code, os.path.join("__pycache__", f"test_{module}{rewrite.PYC_TAIL}")


def compile_source(kind: str, path: str, source: bytes, config) -> tuple[bytes | None, str]:  # noqa: ANN001
    """A checked hash-based pyc of ``source`` (the code as is, a test file with pytest's
    assertion rewriting, as ``_pytest.assertion.rewrite._rewrite_test`` does it), or the error
    text if it does not compile (``(None, "")``: another error, which pytest meets again)."""
    try:
        if kind == "c":
            co = compile(source, path, "exec", dont_inherit=True)
        else:
            tree = ast.parse(source, filename=path)
            rewrite.rewrite_asserts(tree, source, path, config)
            co = compile(tree, path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as e:
        text = "".join(traceback.format_exception_only(type(e), e))
        return None, f"{text}ERROR {os.path.basename(path)}: does not compile\n"
    except Exception:  # noqa: BLE001 - pytest meets it again and reports it
        return None, ""
    buf = io.BytesIO()
    rewrite._write_pyc_fp(buf, importlib.util.source_hash(source), co)
    return buf.getvalue(), ""


def compile_pair(module: str, cached: list[bool], config, key: bytes) -> bool:  # noqa: ANN001
    """Compile both files first: a syntax error is reported here, in one line, instead of by
    pytest, whose report of an import-time SyntaxError costs ~50 ms of source parsing. Either
    way the pair is an error: a code file that does not compile never passes. The code objects
    (the test file's with pytest's assertion rewriting) are written as checked hash-based pycs,
    so that the import does not compile again, and sent to the runner, which hands them to the
    next pairs with the same file (a pair whose file was compiled before skips both steps)."""
    code_pyc, test_pyc = pyc_names(module)
    names = (f"{module}.py", f"test_{module}.py")
    for kind, name, pyc, have in zip("ct", names, (code_pyc, test_pyc), cached, strict=True):
        if have:
            continue
        try:
            with open(name, "rb") as f:
                source = f.read()
        except OSError:
            continue
        data, err = compile_source(kind, os.path.join(os.getcwd(), name), source, config)
        if err:
            sys.stdout.write(err)
            sys.stdout.flush()
            os.write(REPORT_FD, sign({"collected": 0, "errors": 1}, key))
            return False
        if data is None:
            continue
        try:
            os.makedirs("__pycache__", exist_ok=True)
            with open(pyc, "wb") as f:
                f.write(data)
        except OSError:
            continue
        send_pyc(kind, 0, data)
    return True


def send_pyc(kind: str, index: int, data: bytes) -> None:
    """One pyc to the runner: kind (c/t), the test's index in the unit, length, bytes."""
    try:
        os.write(CACHE_FD, kind.encode() + index.to_bytes(4, "big") + len(data).to_bytes(4, "big"))
        with open(CACHE_FD, "wb", closefd=False) as f:
            f.write(data)
    except OSError:
        pass


def compile_unit(module: str, pair_dir: str, code: str | None, tests: list[str], config) -> dict:  # noqa: ANN001
    """The group child's first step: compile what the runner has no pyc of yet (``code``
    unless None, every text in ``tests``) and send the pycs. Returns the error text of what does
    not compile: ``"c"`` for the code, the test's index for a test."""
    bad: dict = {}
    todo = [("c", 0, code)] if code is not None else []
    todo += [("t", i, text) for i, text in enumerate(tests)]
    for kind, index, text in todo:
        name = f"{module}.py" if kind == "c" else f"test_{module}.py"
        try:
            source = text.encode("utf-8")
        except UnicodeError:
            continue
        data, err = compile_source(kind, os.path.join(pair_dir, name), source, config)
        if err:
            bad["c" if kind == "c" else index] = err
        elif data is not None:
            send_pyc(kind, index, data)
    return bad


class PycCache:
    """pycs the children made from the files, keyed by file text: every code meets every test
    in a matrix, so each file after its first pair is neither compiled nor rewritten."""

    def __init__(self) -> None:
        self.data: dict[tuple[str, str], bytes] = {}
        self.size = 0

    @staticmethod
    def key(module: str, kind: str, text: str) -> tuple[str, str]:
        return module, kind + text

    def keys(self, pair: dict) -> tuple[tuple[str, str], tuple[str, str]]:
        m = pair["module"]
        return self.key(m, "c", pair["code"]), self.key(m, "t", pair["test"])

    def write(self, pair_dir: str, pair: dict) -> list[bool]:
        have = []
        for key, name in zip(self.keys(pair), pyc_names(pair["module"]), strict=True):
            data = self.data.get(key)
            if data is not None:
                os.makedirs(os.path.join(pair_dir, "__pycache__"), exist_ok=True)
                with open(os.path.join(pair_dir, name), "wb") as f:
                    f.write(data)
            have.append(data is not None)
        return have

    @staticmethod
    def frames(sent: TailBuffer) -> list[tuple[str, int, bytes]]:
        """What a child sent (before any of its pairs' code could run), if it is whole."""
        if sent.total != len(sent.buf):
            return []
        buf, pos, got = bytes(sent.buf), 0, []
        while pos + 9 <= len(buf):
            kind = chr(buf[pos])
            index = int.from_bytes(buf[pos + 1 : pos + 5], "big")
            size = int.from_bytes(buf[pos + 5 : pos + 9], "big")
            data = buf[pos + 9 : pos + 9 + size]
            if kind not in "ct" or len(data) != size:
                return []
            got.append((kind, index, data))
            pos += 9 + size
        return got if pos == len(buf) else []

    def store(self, key: tuple[str, str], data: bytes) -> None:
        if key in self.data:
            return
        if self.size + len(data) > CACHE_TOTAL:
            self.data.clear()
            self.size = 0
        self.data[key] = data
        self.size += len(data)

    def learn(self, pair: dict, have: list[bool], sent: TailBuffer) -> None:
        """Take what a pair's own child sent."""
        keys = dict(zip("ct", self.keys(pair), strict=True))
        had = dict(zip("ct", have, strict=True))
        for kind, _, data in self.frames(sent):
            if not had[kind]:
                self.store(keys[kind], data)

    def learn_unit(self, module: str, code: str | None, tests: list[str], sent: TailBuffer) -> None:
        """Take what a group child sent: the pycs of ``code`` and of ``tests`` (by index)."""
        for kind, index, data in self.frames(sent):
            if kind == "c" and code is not None:
                self.store(self.key(module, "c", code), data)
            elif kind == "t" and index < len(tests):
                self.store(self.key(module, "t", tests[index]), data)
