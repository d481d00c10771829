"""Planes in parameter space: ``origin + a * u + b * v`` with ``u``, ``v`` orthonormal, and ``(a, b)`` the
plane coordinates of a point.

- three-point plane: through three parameter vectors (e.g. shared start, end of a full-batch run, end
  of an SGD run); origin = the first point, ``u`` towards the second, ``v`` the orthonormalised third.
- PCA plane: the top two principal directions of all snapshots of the traces together; origin = the
  snapshots' mean (the best-fitting plane passes through it).

``explained_variance`` of any plane: the share of the snapshots' total variance (about their mean)
along ``u`` and ``v``; in [0, 1], and for the PCA plane the largest possible.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.linalg

from .affine_cost import blas_single_thread
from .errors import NetcoreError

__all__ = ["PLANES", "Plane", "orthonormal", "explained_variance", "three_point_plane", "pca_plane",
           "plane_from_traces"]

PLANES = ("three-point", "pca")


@dataclass
class Plane:
    """``origin + coords @ directions``; ``directions`` (2, P) has orthonormal rows."""

    origin: np.ndarray
    directions: np.ndarray
    kind: str
    explained_variance: float = float("nan")

    def point(self, coords) -> np.ndarray:
        """Parameter vectors at plane coordinates ``(..., 2)``."""
        return self.origin + np.asarray(coords, dtype=np.float64) @ self.directions

    def project(self, params):
        """Plane coordinates ``(..., 2)`` of parameter vectors and each one's distance off the plane."""
        rel = np.asarray(params, dtype=np.float64) - self.origin
        coords = rel @ self.directions.T
        off = np.linalg.norm(rel - coords @ self.directions, axis=-1)
        return coords, off


def orthonormal(vectors, what="directions") -> np.ndarray:
    """Gram-Schmidt (twice, for accuracy) on the rows of ``vectors``."""
    out = []
    for v in np.asarray(vectors, dtype=np.float64):
        norm0 = np.linalg.norm(v)
        for _ in range(2):
            for u in out:
                v = v - (v @ u) * u
        norm = np.linalg.norm(v)
        if not norm0 > 0 or norm <= 1e-9 * norm0:
            raise NetcoreError(f"cannot span a plane: the {what} are (nearly) parallel or zero")
        out.append(v / norm)
    return np.array(out)


def explained_variance(directions, snapshots) -> float:
    """Share of the snapshots' variance about their mean that lies along ``directions``."""
    centred = np.asarray(snapshots, dtype=np.float64)
    centred = centred - centred.mean(axis=0)
    total = float(np.sum(centred ** 2))
    if total == 0:
        return 1.0
    return float(min(1.0, np.sum((centred @ directions.T) ** 2) / total))


def three_point_plane(p0, p1, p2, snapshots=None) -> Plane:
    """The plane through three parameter vectors; origin ``p0``, ``u`` along ``p1 - p0``."""
    p0 = np.asarray(p0, dtype=np.float64)
    dirs = orthonormal([np.asarray(p1) - p0, np.asarray(p2) - p0], "three points' differences")
    snaps = np.array([p0, p1, p2]) if snapshots is None else snapshots
    return Plane(p0.copy(), dirs, "three-point", explained_variance(dirs, snaps))


def pca_plane(snapshots, reference=None) -> Plane:
    """The plane of the top two principal directions of ``snapshots`` (S, P), through their mean.

    Signs are fixed so that ``reference`` (default: last snapshot minus first) has non-negative
    coordinates."""
    snaps = np.asarray(snapshots, dtype=np.float64)
    if len(snaps) < 3:
        raise NetcoreError(f"a PCA plane needs at least 3 snapshots, got {len(snaps)}")
    mean = snaps.mean(axis=0)
    with blas_single_thread():  # far faster for these wide matrices than contended BLAS threads
        _, s, vt = scipy.linalg.svd(snaps - mean, full_matrices=False)
    if len(s) < 2 or s[1] <= 1e-12 * max(s[0], 1e-300):
        raise NetcoreError("the snapshots do not span a plane (they lie on a line or a point)")
    dirs = vt[:2].copy()
    ref = snaps[-1] - snaps[0] if reference is None else np.asarray(reference)
    for i in range(2):
        c = dirs[i] @ ref
        if c < 0 or (c == 0 and dirs[i][np.argmax(np.abs(dirs[i]))] < 0):
            dirs[i] = -dirs[i]
    return Plane(mean, dirs, "pca", float((s[0] ** 2 + s[1] ** 2) / np.sum(s ** 2)))


def plane_from_traces(traces, kind="three-point") -> Plane:
    """The plane for a set of traces.

    ``three-point``: the first trace's first snapshot, the last snapshot of the first trace and the
    last of the second (with one trace: its middle and last snapshots). ``pca``: all snapshots.
    """
    traces = list(traces)
    snaps = np.concatenate([t.snapshot_params for t in traces])
    if kind == "three-point":
        first = traces[0].snapshot_params
        if len(traces) >= 2:
            p1, p2 = first[-1], traces[1].snapshot_params[-1]
        else:
            if len(first) < 3:
                raise NetcoreError("a three-point plane from one trace needs at least 3 snapshots", traces[0].path)
            p1, p2 = first[len(first) // 2], first[-1]
        return three_point_plane(first[0], p1, p2, snaps)
    if kind == "pca":
        first = traces[0].snapshot_params
        return pca_plane(snaps, reference=first[-1] - first[0])
    raise NetcoreError(f"unknown plane {kind!r} (choose from {', '.join(PLANES)})")
