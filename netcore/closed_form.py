"""The lesson's two-input example ``C(x, y) = 3/2 x^2 + 1/2 y^2``: its value, gradient, a grid for
drawing, and descent paths with the same ``DescentPath`` structure as the real line and plane descents.

>>> gradient(1, 1)          # array([3., 1.]): x matters three times as much as y
>>> paths = descents([(1.5, 1.8), (-1.7, 0.9)], eta=0.2)
"""

from __future__ import annotations

import numpy as np

from .descent import DescentPath, descend


def cost(x, y):
    """``3/2 x^2 + 1/2 y^2`` (scalars or arrays)."""
    return 1.5 * np.square(x) + 0.5 * np.square(y)


def gradient(x, y) -> np.ndarray:
    """``(3x, y)``, stacked on the last axis."""
    return np.stack(np.broadcast_arrays(3.0 * np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)), axis=-1)


def value_and_grad(p):
    return float(cost(p[0], p[1])), gradient(p[0], p[1])


def surface(extent=2.0, resolution=41):
    """Grid axes and values for drawing: ``xs``, ``ys`` and ``C[i, j] = cost(xs[i], ys[j])``."""
    xs = np.linspace(-extent, extent, resolution)
    ys = np.linspace(-extent, extent, resolution)
    return xs, ys, cost(xs[:, None], ys[None, :])


def descent(start, eta=0.1, tol=1e-4, max_steps=200, bounds=None) -> DescentPath:
    """Gradient descent on ``C`` from ``start`` (x, y). Converges for ``eta < 2/3`` (the x curvature is 3);
    the minimum at (0, 0) is valley 0."""
    path = descend(value_and_grad, start, eta, tol, max_steps, bounds)
    if path.status == "settled":
        path.valley = 0
    return path


def descents(starts, eta=0.1, tol=1e-4, max_steps=200, bounds=None) -> list:
    return [descent(s, eta, tol, max_steps, bounds) for s in starts]
