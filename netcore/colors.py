"""Colours of weights, the one map from weights to colours that plots and scenes share: the sign picks
the colour (positive green, negative red by default), the size its brightness, ``|w| / max|w|``.

>>> weight_colors([[2.0, -1.0, 0.0]])                # array([[[0, 1, 0], [0.5, 0, 0], [0, 0, 0]]])
"""

from __future__ import annotations

import numpy as np

from .errors import NetcoreError

__all__ = ["WEIGHT_POSITIVE", "WEIGHT_NEGATIVE", "WEIGHT_SCALES", "weight_colors"]

WEIGHT_POSITIVE = (0.0, 1.0, 0.0)  # pure green
WEIGHT_NEGATIVE = (1.0, 0.0, 0.0)  # pure red
WEIGHT_SCALES = ("neuron", "layer")


def weight_colors(weights, scale="neuron", positive=WEIGHT_POSITIVE, negative=WEIGHT_NEGATIVE) -> np.ndarray:
    """Float RGB in [0, 1], shape ``weights.shape + (3,)``: ``positive`` where ``w >= 0``, ``negative``
    where ``w < 0``, times the brightness ``|w| / w_max`` clipped to [0, 1].

    ``scale``: ``"neuron"``, ``w_max`` is each row's (last axis's) largest ``|w|`` (a row holds one
    neuron's incoming weights); ``"layer"``, the largest ``|w|`` of all; a number, ``w_max`` itself.
    Where ``w_max`` is not positive the colour is black. ``positive``, ``negative``: RGB in [0, 1].
    """
    w = np.asarray(weights, dtype=np.float64)
    if isinstance(scale, str):
        if scale not in WEIGHT_SCALES:
            raise NetcoreError(f"unknown weight scale {scale!r} (choose from {', '.join(WEIGHT_SCALES)} or a number)")
        per_row = scale == "neuron" and w.ndim > 0
        top = np.abs(w).max(axis=-1, keepdims=True) if per_row else np.abs(w).max()
    else:
        top = np.float64(scale)
    bright = np.clip(np.abs(w) / np.where(top > 0, top, 1), 0, 1)
    bright = np.where(top > 0, bright, 0.0)
    colour = np.where((w >= 0)[..., None], np.asarray(positive, np.float64), np.asarray(negative, np.float64))
    return colour * bright[..., None]
