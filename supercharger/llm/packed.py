"""CPU matmuls through oneDNN with each weight packed once (bfloat16 and float32 models).

A plain ``nn.Linear`` in bfloat16 on a CPU re-lays its weight for oneDNN at every call: for the
bundled model that makes a one-row step's matmuls ~2x the float32 ones (a 576x1536 layer: 141 us
vs 39 us). Packed once at load, the same layer costs 33 us for one row and 40 us for sixteen
(AMX), so a step's cost hardly grows with the batch.

Float32 gains too, where the CPU has no bfloat16 hardware: a plain float32 ``nn.Linear`` of more
than one row goes through a GEMM that re-lays its weight at every call (2 cores of an AMD EPYC
without AVX-512: the 576x1536 layer 124 us for one row, 244 us for two, 515 us for sixteen; the
576x49152 output layer 9.2, 17.8 and 24.7 ms). Packed, the same layers cost 115, 121 and 378 us,
and 4.8, 4.5 and 9.5 ms.

In either dtype each packed row's result does not depend on the other rows of the batch (checked
in ``tests/llm/test_packed.py``; a plain float32 layer's does), so a greedy row is the same alone
or batched.

Imported only by ``hf.py`` when it loads a model: this module imports torch.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import torch

# The batch size oneDNN is told to expect when it picks the packed layout; any size works.
PACK_ROWS = 16


# What packing supports: the dtypes oneDNN's packed linear runs on a CPU.
DTYPES = (torch.bfloat16, torch.float32)


@cache
def available(dtype: torch.dtype = torch.bfloat16) -> bool:
    """Whether this torch build has oneDNN's packed linear ops and this CPU runs them in ``dtype``:
    oneDNN's bfloat16 path needs AVX-512 (BW, VL, DQ) or AVX-NE-CONVERT, and without them packing
    a weight raises. Tried once per dtype on a small layer."""
    if dtype not in DTYPES:
        return False
    ops = getattr(torch.ops, "mkldnn", None)
    if not (
        torch.backends.mkldnn.is_available()
        and ops is not None
        and hasattr(ops, "_reorder_linear_weight")
        and hasattr(ops, "_linear_pointwise")
    ):
        return False
    try:
        with torch.inference_mode():
            layer = PackedLinear(torch.nn.Linear(8, 8).to(dtype))
            layer(torch.ones(2, 8, dtype=dtype))
    except RuntimeError:
        return False
    return True


class PackedLinear(torch.nn.Module):
    """``nn.Linear`` with its weight held in oneDNN's packed layout (inference only)."""

    def __init__(self, linear: torch.nn.Linear) -> None:
        super().__init__()
        self.in_features, self.out_features = linear.in_features, linear.out_features
        weight = linear.weight.detach()
        self.register_buffer(
            "packed", torch.ops.mkldnn._reorder_linear_weight(weight, PACK_ROWS), persistent=False
        )
        bias = None if linear.bias is None else linear.bias.detach()
        self.register_buffer("bias", bias, persistent=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        flat = x.reshape(-1, self.in_features)
        if not flat.is_contiguous():
            flat = flat.contiguous()
        out = torch.ops.mkldnn._linear_pointwise(flat, self.packed, self.bias, "none", [], "")
        return out.reshape(*x.shape[:-1], self.out_features)

    def extra_repr(self) -> str:
        return f"in_features={self.in_features}, out_features={self.out_features}, packed"


def pack_linears(model: Any) -> int:
    """Swap every plain CPU ``nn.Linear`` of ``model`` in a dtype this CPU packs (``available``)
    for a ``PackedLinear``.

    Quantized layers (bitsandbytes subclasses of ``nn.Linear``) and layers on other devices or
    in other dtypes are left alone. Returns how many layers were packed.
    """
    swaps = [
        (parent, name, child)
        for parent in model.modules()
        for name, child in parent.named_children()
        if type(child) is torch.nn.Linear
        and child.weight.device.type == "cpu"
        and available(child.weight.dtype)
    ]
    with torch.no_grad():
        for parent, name, child in swaps:
            setattr(parent, name, PackedLinear(child))
    return len(swaps)
