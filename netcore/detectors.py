"""Hand-set pixel detectors and measures of a neuron's weight image (chapter 1's "what could a neuron
in the second layer pick up on?").

A first-hidden-layer neuron's weighted sum of an image is ``w @ x`` (784 weights, 784 pixel values);
a hand-set detector is just such a row of weights, chosen by hand instead of by training.

>>> w = bar_detector(rows=(6, 9), cols=(9, 19))        # +1 on a 3 x 10 bar, -0.5 on the ring around it
>>> sums = weighted_sums(w, data.x_train)               # one weighted sum per image
>>> picks = spread_picks(sums, 5)                       # five images whose sums spread from low to high
"""

from __future__ import annotations

import numpy as np

from .errors import NetcoreError

__all__ = ["SIDE", "bar_detector", "bar_mask", "weighted_sums", "weight_smoothness", "spread_picks"]

SIDE = 28  # MNIST images are SIDE x SIDE pixels, row-major (pixel k sits at row k // 28, column k % 28)


def bar_mask(rows: tuple[int, int], cols: tuple[int, int]) -> np.ndarray:
    """(784,) bool: the pixels of the bar ``rows[0] <= row < rows[1]``, ``cols[0] <= col < cols[1]``."""
    r0, r1 = rows
    c0, c1 = cols
    if not (0 <= r0 < r1 <= SIDE and 0 <= c0 < c1 <= SIDE):
        raise NetcoreError(f"bar rows {rows}, cols {cols} do not lie inside the {SIDE} x {SIDE} image")
    mask = np.zeros((SIDE, SIDE), bool)
    mask[r0:r1, c0:c1] = True
    return mask.ravel()


def bar_detector(rows: tuple[int, int], cols: tuple[int, int], bar: float = 1.0, surround: float = -0.5,
                 ring: int = 1) -> np.ndarray:
    """(784,) weights of an edge detector: ``bar`` on the bar's pixels (see ``bar_mask``), ``surround``
    on the pixels within ``ring`` pixels around it (clipped at the image's edge), 0 everywhere else.

    Its weighted sum of an image is large when the bar's pixels are bright and the pixels around them
    dark: a stroke running exactly along the bar.
    """
    inner = bar_mask(rows, cols)
    outer = bar_mask((max(rows[0] - ring, 0), min(rows[1] + ring, SIDE)),
                     (max(cols[0] - ring, 0), min(cols[1] + ring, SIDE)))
    w = np.zeros(SIDE * SIDE)
    w[outer] = surround
    w[inner] = bar
    return w


def weighted_sums(weights, images) -> np.ndarray:
    """``images @ weights``: each image's weighted sum ``w1 a1 + ... + wn an`` (images ``(n, 784)``,
    or one image ``(784,)`` giving a 0-d array)."""
    return np.asarray(images, np.float64) @ np.asarray(weights, np.float64)


def weight_smoothness(weights, pixels=None) -> np.ndarray:
    """How structured each weight image is: the correlation between the weights of horizontally and
    vertically neighbouring pixels (1: neighbours agree, a smooth picture; about 0: salt-and-pepper
    noise). ``weights`` is ``(784,)`` or ``(n, 784)`` (one row per neuron); only pairs of pixels both in
    ``pixels`` (indices, e.g. ``data.lit_pixels``: weights from always-black pixels never train) count.
    Returns one value per row (a 0-d array for one row)."""
    w = np.atleast_2d(np.asarray(weights, np.float64)).reshape(-1, SIDE, SIDE)
    keep = np.ones(SIDE * SIDE, bool) if pixels is None else np.isin(np.arange(SIDE * SIDE), pixels)
    keep = keep.reshape(SIDE, SIDE)
    across = keep[:, 1:] & keep[:, :-1]
    down = keep[1:, :] & keep[:-1, :]
    first = np.concatenate([w[:, :, 1:][:, across], w[:, 1:, :][:, down]], axis=1)
    second = np.concatenate([w[:, :, :-1][:, across], w[:, :-1, :][:, down]], axis=1)
    first = first - first.mean(axis=1, keepdims=True)
    second = second - second.mean(axis=1, keepdims=True)
    norms = np.linalg.norm(first, axis=1) * np.linalg.norm(second, axis=1)
    out = np.sum(first * second, axis=1) / np.where(norms > 0, norms, 1.0)
    return out if np.ndim(weights) > 1 else out[0]


def spread_picks(values, k: int) -> np.ndarray:
    """Indices of ``k`` distinct entries of ``values`` spread evenly from the smallest to the largest:
    for targets evenly spaced from ``min`` to ``max``, the entry closest to each (in order; an entry
    already taken gives way to the next closest). Fewer than ``k`` values: all of them, sorted."""
    values = np.asarray(values, np.float64)
    if len(values) <= k:
        return np.argsort(values, kind="stable")
    targets = np.linspace(values.min(), values.max(), k)
    taken: list[int] = []
    for target in targets:
        for i in np.argsort(np.abs(values - target), kind="stable"):
            if int(i) not in taken:
                taken.append(int(i))
                break
    return np.array(sorted(taken, key=lambda i: (values[i], i)))
