"""Network namespaces that a test makes and removes: one holding a bridge, one per node.

Every link is made inside the test's own namespaces (``ip -n BRIDGE link add ... peer ...
netns NODE``), so the host's interfaces are never touched and no traffic leaves the test's
network. ``close`` kills whatever still runs in a node's namespace, then deletes them all.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

CLONE_NEWNET = 0x40000000
T = TypeVar("T")


def netns_available() -> str | None:
    """None when namespaces can be made here, else why not (for a skip)."""
    if os.geteuid() != 0:
        return "needs root (ip netns add)"
    if shutil.which("ip") is None or shutil.which("unshare") is None:
        return "needs iproute2's ip and util-linux's unshare"
    probe = f"scprobe{os.getpid()}"
    made = subprocess.run(["ip", "netns", "add", probe], capture_output=True, text=True)
    if made.returncode != 0:
        return f"ip netns add failed: {made.stderr.strip()}"
    subprocess.run(["ip", "netns", "del", probe], capture_output=True)
    return None


def _ip(*args: str) -> None:
    proc = subprocess.run(["ip", *args], capture_output=True, text=True, timeout=30)
    if proc.returncode != 0:
        raise RuntimeError(f"ip {' '.join(args)}: {proc.stderr.strip()}")


@dataclass(frozen=True)
class Node:
    """One machine of the rehearsal: a namespace, an address on the bridge, a hostname."""

    name: str
    netns: str
    address: str
    port: str  # its link's end on the bridge


class Network:
    """A bridge in a namespace of its own; ``add`` plugs a new node namespace into it."""

    def __init__(self, prefix: str, subnet: str = "10.213.0") -> None:
        self.prefix = prefix
        self.subnet = subnet
        self.bridge_ns = f"{prefix}-br"
        self.nodes: dict[str, Node] = {}
        self._made: list[str] = []
        self._add_ns(self.bridge_ns)
        _ip("-n", self.bridge_ns, "link", "add", "br0", "type", "bridge")
        _ip("-n", self.bridge_ns, "link", "set", "br0", "up")

    def _add_ns(self, name: str) -> None:
        _ip("netns", "add", name)
        self._made.append(name)
        _ip("-n", name, "link", "set", "lo", "up")

    def add(self, name: str) -> Node:
        """A node namespace with ``eth0`` on the bridge at the next free address."""
        host = len(self.nodes) + 2
        port = f"v{host}"
        node = Node(name, f"{self.prefix}-{name}", f"{self.subnet}.{host}", port)
        self._add_ns(node.netns)
        _ip("-n", self.bridge_ns, "link", "add", port, "type", "veth",
            "peer", "name", "eth0", "netns", node.netns)  # fmt: skip
        _ip("-n", self.bridge_ns, "link", "set", port, "master", "br0")
        _ip("-n", self.bridge_ns, "link", "set", port, "up")
        _ip("-n", node.netns, "addr", "add", f"{node.address}/24", "dev", "eth0")
        _ip("-n", node.netns, "link", "set", "eth0", "up")
        self.nodes[name] = node
        return node

    def cut(self, node: Node) -> None:
        """Take the node off the network (its processes live on, unreachable)."""
        _ip("-n", self.bridge_ns, "link", "set", node.port, "down")

    def mend(self, node: Node) -> None:
        _ip("-n", self.bridge_ns, "link", "set", node.port, "up")

    def pids(self, node: Node) -> list[int]:
        """Every process in the node's namespace (what "the node's processes" are)."""
        proc = subprocess.run(["ip", "netns", "pids", node.netns], capture_output=True, text=True)
        return [int(p) for p in proc.stdout.split()]

    def kill_node(self, node: Node, timeout: float = 10.0) -> None:
        """SIGKILL every process of the node, as when its machine dies."""
        deadline = time.monotonic() + timeout
        while pids := self.pids(node):
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"processes of {node.name} survive SIGKILL: {pids}")
            time.sleep(0.05)

    def close(self) -> list[str]:
        """Kill what runs in the test's namespaces and delete them (their links go with them);
        what could not be killed."""
        survivors = []
        for node in self.nodes.values():
            try:
                self.kill_node(node)
            except RuntimeError as e:
                survivors.append(str(e))
        for name in reversed(self._made):
            subprocess.run(["ip", "netns", "del", name], capture_output=True)
        self._made.clear()
        return survivors

    def on_host(self) -> list[str]:
        """Anything of this network that shows on the host's own interfaces: a link of its
        names, an address of its subnet."""
        names, addrs = host_links()
        ours = {"br0"} | {f"v{i + 2}" for i in range(len(self.nodes))}
        found = sorted(ours & names)
        if f"{self.subnet}." in addrs:
            found.append(f"an address in {self.subnet}.0/24")
        return found

    def left_over(self) -> list[str]:
        """Namespaces of this network that still exist."""
        out = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout
        names = {line.split()[0] for line in out.splitlines() if line.strip()}
        return sorted(n for n in names if n.startswith(f"{self.prefix}-"))


def host_links() -> tuple[set[str], str]:
    """The host's interface names and its addresses (``ip -o``, the lifetimes cut off)."""
    links = subprocess.run(["ip", "-o", "link"], capture_output=True, text=True).stdout
    names = {line.split(":")[1].strip().split("@")[0] for line in links.splitlines()}
    addrs = subprocess.run(["ip", "-o", "addr"], capture_output=True, text=True).stdout
    return names, "\n".join(line.split("\\")[0] for line in addrs.splitlines())


def strays(marker: str) -> list[int]:
    """Processes whose command line or environment mentions ``marker`` (a test's directory)."""
    found = []
    needle = marker.encode()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            text = (proc / "cmdline").read_bytes() + (proc / "environ").read_bytes()
        except OSError:
            continue
        if needle in text:
            found.append(int(proc.name))
    return found


class InNamespace:
    """Run calls on one thread that has joined a node's network namespace: its sockets (a
    Redis client, an HTTP request) live there, while the rest of the test stays on the host."""

    def __init__(self, node: Node) -> None:
        self.node = node
        self._pool = ThreadPoolExecutor(max_workers=1, initializer=self._enter)

    def _enter(self) -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        fd = os.open(f"/run/netns/{self.node.netns}", os.O_RDONLY)
        try:
            if libc.setns(fd, CLONE_NEWNET) != 0:
                raise OSError(ctypes.get_errno(), "setns")
        finally:
            os.close(fd)

    def call(self, fn: Callable[[], T], timeout: float = 30.0) -> T:
        return self._pool.submit(fn).result(timeout)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
