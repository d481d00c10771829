"""Gradient-descent paths, the one structure every descent in netcore is recorded in (a ball on a
landscape's smooth surface, on a slice's line, on the closed-form example): ``DescentPath``,
``descend`` that produces one, and ``pack_paths`` / ``unpack_paths`` that store lists of them in a
file's arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["DescentPath", "descend", "pack_paths", "unpack_paths"]


@dataclass
class DescentPath:
    """A ball's gradient-descent path: positions (k+1, d) and costs (k+1,) from the start on.

    ``status``: ``settled`` (last step shorter than the tolerance), ``max_steps``, or ``escaped``
    (left the bounds or became non-finite). ``valley``: index of the valley it settled in, or -1.
    """

    positions: np.ndarray
    costs: np.ndarray
    eta: float
    status: str
    valley: int = -1

    @property
    def steps(self) -> np.ndarray:
        return np.diff(self.positions, axis=0)

    @property
    def final(self) -> np.ndarray:
        return self.positions[-1]

    def crossings(self, floor: float, axis: int = 0) -> int:
        """How many times the path passes ``floor`` along coordinate ``axis`` (a valley's floor: an
        overshooting ball passes it, a careful one approaches it from one side)."""
        side = np.sign(self.positions[:, axis] - floor)
        side = side[side != 0]
        return int(np.count_nonzero(np.diff(side)))


def descend(value_and_grad, start, eta, tol=1e-4, max_steps=500, bounds=None) -> DescentPath:
    """Gradient descent ``x <- x - eta * grad`` from ``start`` with ``value_and_grad(x) -> (cost, grad)``.

    Stops when a step is shorter than ``tol`` (settled), after ``max_steps``, or when the position
    leaves ``bounds`` (``(low, high)`` arrays) or the cost is not finite (escaped)."""
    x = np.atleast_1d(np.asarray(start, dtype=np.float64)).copy()
    cost, grad = value_and_grad(x)
    positions, costs, status = [x.copy()], [cost], "max_steps"
    for _ in range(max_steps):
        step = -eta * np.atleast_1d(grad)
        x = x + step
        if not np.all(np.isfinite(x)) or (bounds is not None and (np.any(x < bounds[0]) or np.any(x > bounds[1]))):
            positions.append(x.copy())
            costs.append(np.nan)
            status = "escaped"
            break
        cost, grad = value_and_grad(x)
        positions.append(x.copy())
        costs.append(cost)
        if not np.isfinite(cost):
            status = "escaped"
            break
        if np.linalg.norm(step) < tol:
            status = "settled"
            break
    return DescentPath(np.array(positions), np.array(costs, dtype=np.float64), float(eta), status)


def pack_paths(paths, prefix) -> dict:
    """Paths as NaN-padded arrays for a file: ``{prefix}_positions`` (n, L, d), ``_costs`` (n, L),
    ``_length``, ``_eta``, ``_status`` (unicode), ``_valley``."""
    n = len(paths)
    d = paths[0].positions.shape[1] if n else 1
    L = max((len(p.costs) for p in paths), default=0)
    pos = np.full((n, L, d), np.nan)
    costs = np.full((n, L), np.nan)
    for i, p in enumerate(paths):
        pos[i, :len(p.costs)] = p.positions
        costs[i, :len(p.costs)] = p.costs
    return {f"{prefix}_positions": pos, f"{prefix}_costs": costs,
            f"{prefix}_length": np.array([len(p.costs) for p in paths], np.int64),
            f"{prefix}_eta": np.array([p.eta for p in paths], np.float64),
            f"{prefix}_status": np.array([p.status for p in paths], dtype="U10"),
            f"{prefix}_valley": np.array([p.valley for p in paths], np.int64)}


def unpack_paths(arrays, prefix) -> list:
    if f"{prefix}_length" not in arrays:
        return []
    out = []
    for i, n in enumerate(arrays[f"{prefix}_length"]):
        out.append(DescentPath(arrays[f"{prefix}_positions"][i, :n].copy(), arrays[f"{prefix}_costs"][i, :n].copy(),
                               float(arrays[f"{prefix}_eta"][i]), str(arrays[f"{prefix}_status"][i]),
                               int(arrays[f"{prefix}_valley"][i])))
    return out
