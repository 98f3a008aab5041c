"""A pair's report, written and signed by code fixed when the runner starts: C functions and
byte tables, so a pair that patches ``json``, ``hmac`` or ``os`` cannot change a report or its
signature."""

from __future__ import annotations

import hashlib
import hmac
import json
import os

_SHA256 = hashlib.sha256
WRITE_FIXED = os.write  # ``os.write`` as it was at the runner's start
_IPAD = bytes(b ^ 0x36 for b in range(256))
_OPAD = bytes(b ^ 0x5C for b in range(256))
_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_. ,()<>-")


def sign(data: dict, key: bytes) -> bytes:
    """A report the runner can check: JSON, newline, HMAC-SHA256 of the JSON under the pair's
    key. The key is made by the runner after the pair's child was forked and reaches the child
    only through its private pipe, before any of the pair's code runs, so code that writes a
    report of its own (to fd 3, say) cannot sign it."""
    payload = _report_json(data).encode()
    return payload + b"\n" + hmac_sha256(key, payload)


def hmac_sha256(key: bytes, msg: bytes) -> bytes:
    """HMAC-SHA256 (RFC 2104) in hex: what ``hmac.new(key, msg, sha256).hexdigest()`` gives."""
    if len(key) > 64:
        key = _SHA256(key).digest()
    key = key.ljust(64, b"\0")
    inner = _SHA256(key.translate(_IPAD) + msg).digest()
    return _SHA256(key.translate(_OPAD) + inner).hexdigest().encode()


def _report_json(data: dict) -> str:
    """A report as JSON: counts (ints), flags (bools) and lists of names (kept to ``_SAFE``)."""
    items = []
    for name, value in data.items():
        if value is True or value is False:
            text = "true" if value else "false"
        elif value.__class__ is list:
            names = ("".join(c for c in str(v) if c in _SAFE) for v in value)
            text = "[" + ", ".join(f'"{n}"' for n in names) + "]"
        else:
            text = f"{value:d}"
        items.append(f'"{name}": {text}')
    return "{" + ", ".join(items) + "}"


def verified(buf: bytes, key: bytes) -> dict | None:
    """The report if it is signed with ``key``, else None (missing, cut or forged)."""
    payload, _, mac = buf.rpartition(b"\n")
    good = hmac.new(key, payload, hashlib.sha256).hexdigest().encode()
    if not payload or not hmac.compare_digest(mac, good):
        return None
    try:
        report = json.loads(payload)
    except ValueError:
        return None
    return report if isinstance(report, dict) else None
