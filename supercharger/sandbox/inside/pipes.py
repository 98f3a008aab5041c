"""The pipes between the runner and a pair's child: their fd numbers in the child, caps, and
what reads them."""

from __future__ import annotations

import os
import sys

REPORT_FD, GO_FD, CACHE_FD = 3, 4, 5  # a pair's report, its pair (from the runner), its pycs
REPORT_CAP = 65536
CACHE_CAP = 8 << 20  # one child's pycs
END = b"\nEND "  # a group child's end of a pair: END, then "0" (go on) or "1" (retire me), "\n"


class TailBuffer:
    """Keeps the last ``cap`` bytes written to it and the total seen."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.buf = bytearray()
        self.total = 0

    def add(self, data: bytes) -> None:
        self.total += len(data)
        self.buf += data
        if len(self.buf) > self.cap:
            del self.buf[: len(self.buf) - self.cap]

    def text(self) -> str:
        cut = self.total - len(self.buf)
        head = f"[... {cut} bytes cut ...]\n" if cut else ""
        return head + self.buf.decode("utf-8", "replace")


def read_into(fd: int, sink: TailBuffer) -> bool:
    """Read what is there; False on EOF."""
    try:
        data = os.read(fd, 65536)
    except BlockingIOError:
        return True
    if not data:
        return False
    sink.add(data)
    return True


class LineReader:
    """Lines from the runner on the group child's ``go`` pipe."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buf = b""

    def next(self) -> bytes | None:
        chunks = [self.buf]
        while b"\n" not in chunks[-1]:
            chunk = os.read(self.fd, 1 << 20)
            if not chunk:
                return None
            chunks.append(chunk)
        line, _, self.buf = b"".join(chunks).partition(b"\n")
        return line


def flush_std_streams() -> None:
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            stream.flush()  # type: ignore[union-attr]
        except (OSError, ValueError, AttributeError):
            pass
