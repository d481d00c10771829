"""Geometry for the kit's drawings: many straight segments as one path, arrow outlines, the map from
plane coordinates and cost to scene space, interpolation between recorded states, grids of positions
and tick values that follow the data.

Nothing here creates a mobject; every function returns numpy arrays that a mobject's ``points`` (or
``move_to``) takes.
"""

from __future__ import annotations

import numpy as np
from manim import OUT

__all__ = ["line_points", "arrow_points", "SceneMap", "at_state", "path_until", "grid_positions", "nice_ticks",
           "tick_step"]


def line_points(starts, ends) -> np.ndarray:
    """Bezier control points (four per segment, straight) of many separate segments.

    Parameters
    ----------
    starts, ends
        ``(n, 3)`` scene points; segment ``i`` runs from ``starts[i]`` to ``ends[i]``.

    Returns
    -------
    np.ndarray
        ``(4 n, 3)`` points: assign them to one ``VMobject``'s ``points`` to draw every segment with
        one draw call.

    Examples
    --------
    >>> from manim import VMobject
    >>> ticks = VMobject(stroke_width=2)
    >>> ticks.points = line_points([[0, 0, 0], [1, 0, 0]], [[0, 0.2, 0], [1, 0.2, 0]])
    """
    starts = np.asarray(starts, float).reshape(-1, 3)
    ends = np.asarray(ends, float).reshape(-1, 3)
    d = ends - starts
    pts = np.empty((len(starts), 4, 3))
    pts[:, 0] = starts
    pts[:, 1] = starts + d / 3
    pts[:, 2] = starts + 2 * d / 3
    pts[:, 3] = ends
    return pts.reshape(-1, 3)


def arrow_points(start, direction, length, normal=OUT, tip_length=0.22, tip_width=0.2, shaft_width=0.045):
    """Corners of a closed arrow polygon from ``start`` along ``direction``, ``length`` long in all,
    lying in the plane spanned by ``direction`` and ``normal x direction`` (a tip at most 60 % of it)."""
    start = np.asarray(start, float)
    d = np.asarray(direction, float)
    n = np.linalg.norm(d)
    if n == 0 or length <= 0:
        return np.repeat(start[None], 5, axis=0)
    d = d / n
    side = np.cross(np.asarray(normal, float), d)
    if np.linalg.norm(side) < 1e-9:
        side = np.cross([0.0, 1.0, 0.0], d)
    side /= np.linalg.norm(side)
    tip = min(tip_length, 0.6 * length)
    w = tip_width * tip / tip_length if tip_length else tip_width
    sw = min(shaft_width, w / 2.5)
    base = start + d * (length - tip)
    end = start + d * length
    return np.array([start + side * sw, base + side * sw, base + side * w, end, base - side * w,
                     base - side * sw, start - side * sw, start + side * sw])


class SceneMap:
    """An affine map from plane coordinates ``(a, b)`` and height ``z`` to scene points, and back.

    Parameters
    ----------
    a_range, b_range, z_range
        ``(lo, hi)`` of each coordinate that the box spans.
    size
        The box's extent in scene units along x, y and z.
    center
        Where the box's centre (its bottom centre, for z) sits in the scene.

    Examples
    --------
    >>> smap = SceneMap((-1, 1), (-1, 1), (0, 2), size=(4, 4, 2))
    >>> smap(0, 0, 2)           # the top of the box's centre line
    array([0., 0., 2.])
    """

    def __init__(self, a_range, b_range, z_range, size=(7.0, 7.0, 3.5), center=(0.0, 0.0, 0.0)):
        self.lo = np.array([a_range[0], b_range[0], z_range[0]], float)
        self.hi = np.array([a_range[1], b_range[1], z_range[1]], float)
        self.size = np.array(size, float)
        self.scale = self.size / (self.hi - self.lo)
        self.center = np.array(center, float)
        self.origin = self.center - np.array([self.size[0] / 2, self.size[1] / 2, 0.0])

    def __call__(self, a, b, z) -> np.ndarray:
        abz = np.stack(np.broadcast_arrays(np.asarray(a, float), np.asarray(b, float), np.asarray(z, float)), -1)
        return self.origin + (abz - self.lo) * self.scale

    def vector(self, da, db, dz) -> np.ndarray:
        """A displacement in (a, b, z) as a scene vector."""
        return np.stack(np.broadcast_arrays(np.asarray(da, float), np.asarray(db, float), np.asarray(dz, float)), -1) * self.scale

    def inverse(self, points) -> np.ndarray:
        """Scene points back to (a, b, z)."""
        return (np.asarray(points, float) - self.origin) / self.scale + self.lo


def at_state(states, s: float) -> np.ndarray:
    """The value at fractional state ``s`` of a sequence of recorded states (positions, parameter
    vectors, plot points): straight between consecutive states, the last one after the end.

    ``at_state(snapshot_params, 3.4)`` is 40 % of the way from snapshot 3 to snapshot 4."""
    states = np.asarray(states, float)
    k = min(int(np.floor(s)), len(states) - 1)
    if k >= len(states) - 1:
        return states[-1].copy()
    f = s - k
    return states[k] + (states[k + 1] - states[k]) * f


def path_until(coords, s: float, per_segment: int = 6) -> np.ndarray:
    """Plane coordinates of a path from state 0 up to fractional state ``s``, with ``per_segment``
    points inside every segment (so a line drawn through them hugs a curved surface)."""
    coords = np.asarray(coords, float)
    if coords.ndim == 1:
        coords = coords[:, None]
    k = min(int(np.floor(s)), len(coords) - 1)
    f = s - k
    out = [coords[:1]]
    t = np.linspace(0, 1, per_segment + 1)[1:, None]
    for i in range(k):
        out.append(coords[i] + (coords[i + 1] - coords[i]) * t)
    if f > 0 and k + 1 < len(coords):
        tt = np.linspace(0, f, max(2, int(np.ceil(per_segment * f)) + 1))[1:, None]
        out.append(coords[k] + (coords[k + 1] - coords[k]) * tt)
    return np.concatenate(out)


def grid_positions(n: int, cols: int, dx: float, dy: float, center=(0.0, 0.0, 0.0)) -> np.ndarray:
    """Centres of ``n`` cells in rows of ``cols``, ``dx`` apart across and ``dy`` down, filled row by
    row from the top left, the whole block centred on ``center``."""
    rows = int(np.ceil(n / cols))
    i = np.arange(n)
    r, c = i // cols, i % cols
    out = np.stack([(c - (cols - 1) / 2) * dx, ((rows - 1) / 2 - r) * dy, np.zeros(n)], axis=1)
    return out + np.asarray(center, float)


def nice_ticks(lo: float, hi: float, most: int = 6) -> np.ndarray:
    """At most ``most`` round tick values (steps of 1, 2 or 5 times a power of ten) inside [lo, hi].

    Examples
    --------
    >>> nice_ticks(0, 1.13)
    array([0. , 0.2, 0.4, 0.6, 0.8, 1. ])
    >>> nice_ticks(0, 205000, most=4)
    array([     0., 100000., 200000.])
    """
    lo, hi = float(lo), float(hi)
    if not np.isfinite(lo) or not np.isfinite(hi) or hi <= lo:
        return np.array([lo])
    for power in range(int(np.floor(np.log10(hi - lo))) - 1, int(np.ceil(np.log10(hi - lo))) + 2):
        for mult in (1, 2, 5):
            step = mult * 10.0 ** power
            first = np.ceil(lo / step - 1e-9) * step
            n = int(np.floor((hi - first) / step + 1e-9)) + 1
            if n <= most:
                return np.round(first + step * np.arange(n), 12)
    return np.array([lo, hi])


def tick_step(ticks) -> float:
    """The step between consecutive ticks (1 for a single tick)."""
    ticks = np.asarray(ticks, float)
    return float(ticks[1] - ticks[0]) if len(ticks) > 1 else 1.0
