"""A seccomp filter for the sandbox, as classic BPF built with ``struct`` (no libseccomp).

bwrap loads it (``--seccomp FD``) just before it starts the runner, so it binds the runner and
every pair. Syscalls no test needs and that widen the kernel's attack surface fail with EPERM;
``clone3`` fails with ENOSYS so that glibc falls back to ``clone``, whose flags we can inspect
(no new namespaces). Only x86-64 and aarch64 are known; elsewhere the sandbox runs without it
(and says so once in the log). Any other ABI on x86-64 (i386, x32) is refused outright.
"""

from __future__ import annotations

import errno
import os
import platform
import struct

# struct seccomp_data: int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6]
NR, ARCH, ARG0, ARG1 = 0, 4, 16, 24
BPF_LD_W_ABS, BPF_JEQ_K, BPF_JSET_K, BPF_JGE_K, BPF_RET_K = 0x20, 0x15, 0x45, 0x35, 0x06
RET_ALLOW = 0x7FFF0000
RET_ERRNO = 0x00050000

CLONE_NS_FLAGS = 0x7E020080  # NEWNS NEWCGROUP NEWUTS NEWIPC NEWUSER NEWPID NEWNET NEWTIME
TIOCSTI = 0x5412
X32_BIT = 0x40000000

# name -> (x86_64 nr, aarch64 nr); None where the syscall does not exist on that arch
DENIED = {
    "ptrace": (101, 117),
    "process_vm_readv": (310, 270),
    "process_vm_writev": (311, 271),
    "kcmp": (312, 272),
    "pidfd_getfd": (438, 438),
    "mount": (165, 40),
    "umount2": (166, 39),
    "pivot_root": (155, 41),
    "chroot": (161, 51),
    "open_tree": (428, 428),
    "move_mount": (429, 429),
    "fsopen": (430, 430),
    "fsconfig": (431, 431),
    "fsmount": (432, 432),
    "fspick": (433, 433),
    "mount_setattr": (442, 442),
    "unshare": (272, 97),
    "setns": (308, 268),
    "keyctl": (250, 219),
    "add_key": (248, 217),
    "request_key": (249, 218),
    "bpf": (321, 280),
    "perf_event_open": (298, 241),
    "userfaultfd": (323, 282),
    "io_uring_setup": (425, 425),
    "io_uring_enter": (426, 426),
    "io_uring_register": (427, 427),
    "open_by_handle_at": (304, 265),
    "name_to_handle_at": (303, 264),
    "init_module": (175, 105),
    "finit_module": (313, 273),
    "delete_module": (176, 106),
    "kexec_load": (246, 104),
    "kexec_file_load": (320, 294),
    "reboot": (169, 142),
    "swapon": (167, 224),
    "swapoff": (168, 225),
    "acct": (163, 89),
    "quotactl": (179, 60),
    "syslog": (103, 116),
    "settimeofday": (164, 170),
    "clock_settime": (227, 112),
    "clock_adjtime": (305, 266),
    "adjtimex": (159, 171),
    "sethostname": (170, 161),
    "setdomainname": (171, 162),
    "vhangup": (153, 58),
    "iopl": (172, None),
    "ioperm": (173, None),
    "uselib": (134, None),
    "lookup_dcookie": (212, 18),
}
ARCHES = {  # machine -> (AUDIT_ARCH, column in DENIED, clone, clone3, ioctl, personality)
    "x86_64": (0xC000003E, 0, 56, 435, 16, 135),
    "aarch64": (0xC00000B7, 1, 220, 435, 29, 92),
}
PERSONALITY_OK = (0, 0xFFFFFFFF)  # PER_LINUX, and the query


Jump = int | str  # a relative offset, or the label of an instruction further on


def _assemble(prog: list[tuple[int, int, Jump, Jump] | str]) -> bytes:
    """``(code, k, jt, jf)`` instructions and string labels -> ``struct sock_filter[]``."""
    where: dict[str, int] = {}
    ins: list[tuple[int, int, Jump, Jump]] = []
    for item in prog:
        if isinstance(item, str):
            where[item] = len(ins)
        else:
            ins.append(item)

    def off(i: int, j: Jump) -> int:
        return j if isinstance(j, int) else where[j] - i - 1

    return b"".join(
        struct.pack("HBBI", code, off(i, jt), off(i, jf), k)
        for i, (code, k, jt, jf) in enumerate(ins)
    )


def supported() -> bool:
    return platform.machine() in ARCHES


def denied_syscalls() -> list[str]:
    return sorted(DENIED)


def build(machine: str | None = None) -> bytes:
    """The filter program for this machine (``struct sock_filter[]``)."""
    audit, col, clone_nr, clone3_nr, ioctl_nr, pers_nr = ARCHES[machine or platform.machine()]
    eperm = RET_ERRNO | errno.EPERM
    prog: list[tuple[int, int, Jump, Jump] | str] = [
        (BPF_LD_W_ABS, ARCH, 0, 0),
        (BPF_JEQ_K, audit, 1, 0),
        (BPF_RET_K, eperm, 0, 0),  # another ABI (i386 via int 0x80 ...): refused
        (BPF_LD_W_ABS, NR, 0, 0),
    ]
    if col == 0:
        prog += [(BPF_JGE_K, X32_BIT, "deny", 0)]
    for nrs in DENIED.values():
        if nrs[col] is not None:
            prog.append((BPF_JEQ_K, nrs[col], "deny", 0))
    prog += [
        (BPF_JEQ_K, clone3_nr, "enosys", 0),
        (BPF_JEQ_K, clone_nr, "clone", 0),
        (BPF_JEQ_K, ioctl_nr, "ioctl", 0),
        (BPF_JEQ_K, pers_nr, "personality", 0),
        (BPF_RET_K, RET_ALLOW, 0, 0),
        "clone",  # no new namespaces (flags in args[0], low 32 bits)
        (BPF_LD_W_ABS, ARG0, 0, 0),
        (BPF_JSET_K, CLONE_NS_FLAGS, "deny", "allow"),
        "ioctl",  # no TIOCSTI: no typing into a terminal
        (BPF_LD_W_ABS, ARG1, 0, 0),
        (BPF_JEQ_K, TIOCSTI, "deny", "allow"),
        "personality",  # PER_LINUX and the query only (no ADDR_NO_RANDOMIZE ...)
        (BPF_LD_W_ABS, ARG0, 0, 0),
        *[(BPF_JEQ_K, ok, "allow", 0) for ok in PERSONALITY_OK],
        (BPF_RET_K, eperm, 0, 0),
        "allow",  # jumps only go forward: the common endings come last
        (BPF_RET_K, RET_ALLOW, 0, 0),
        "deny",
        (BPF_RET_K, eperm, 0, 0),
        "enosys",
        (BPF_RET_K, RET_ERRNO | errno.ENOSYS, 0, 0),
    ]
    return _assemble(prog)


def filter_fd() -> int:
    """A readable fd (at offset 0) holding the filter, for ``bwrap --seccomp FD``."""
    fd = os.memfd_create("supercharger-seccomp", 0)
    os.write(fd, build())
    os.lseek(fd, 0, os.SEEK_SET)
    return fd
