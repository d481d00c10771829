"""Backpropagation's first step written out by hand, for tests that check netcore's and the scenes'
numbers without using netcore's own backward pass."""

from __future__ import annotations

import numpy as np


def output_wants(out, y, cost_name: str) -> tuple[np.ndarray, np.ndarray]:
    """For sigmoid outputs ``out`` and one-hot targets ``y``: ``(-dC/da, -dC/dz)`` of the output layer,
    with the quadratic cost ``sum((a - y)**2)`` or the cross-entropy cost."""
    if cost_name == "quadratic":
        wanted = 2 * (y - out)
        return wanted, wanted * out * (1 - out)
    return (y - out) / (out * (1 - out)), y - out
