"""The real cost surface: a plane in parameter space through the training paths, the true full training
cost on a grid in that plane, and the projected paths, saved as a ``landscape`` file: the
``Landscape`` record and ``build_landscape``.

The plane comes from ``netcore.planes``, the grid's costs from ``netcore.affine_cost`` (evaluated in
float32 by default, relative error about 2e-7, far below what a drawing can show; ``dtype="float64"``
evaluates exactly, and path heights are always exact float64), the training inputs and labels of the
traces from ``netcore.runs.training_set``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.interpolate import RectBivariateSpline

from .affine_cost import AffineCost, default_workers
from .data import Dataset
from .descent import DescentPath, descend
from .errors import NetcoreError
from .planes import Plane, plane_from_traces
from .records import SCHEMA_VERSION, Record
from .runs import training_set
from .trace import Trace

__all__ = ["Landscape", "grid_axes", "build_landscape"]


@dataclass
class Landscape(Record):
    """A plane, the true training cost on a grid in it, and the traces' projected paths.

    Arrays: ``origin`` (P,), ``directions`` (2, P), ``alphas`` (N,), ``betas`` (M,), ``cost`` (N, M)
    with ``cost[i, j]`` at ``(alphas[i], betas[j])``; per snapshot of all traces in order:
    ``path_trace`` (which trace), ``path_step``, ``path_coords`` (S, 2), ``path_offplane`` (distance
    off the plane), ``path_cost`` (the snapshot's true cost, from its trace), ``path_height`` (exact
    cost at its projection onto the plane), ``path_gradient`` (S, 2: the snapshot's full gradient
    projected onto u and v).
    """

    KIND = "landscape"
    REQUIRED = ("origin", "directions", "alphas", "betas", "cost", "path_trace", "path_coords")
    _spline: object = field(default=None, repr=False)

    @property
    def plane(self) -> Plane:
        return Plane(self.origin, self.directions, self.meta["plane"], self.meta["explained_variance"])

    @property
    def n_paths(self) -> int:
        return len(self.meta["traces"])

    def trace_path(self, i: int) -> dict:
        """Trace ``i``'s snapshots: ``step``, ``coords``, ``offplane``, ``cost``, ``height``, ``gradient``."""
        m = self.path_trace == i
        return {k: self.arrays[f"path_{k}"][m] for k in ("step", "coords", "offplane", "cost", "height", "gradient")}

    @property
    def spline(self) -> RectBivariateSpline:
        if self._spline is None:
            self._spline = RectBivariateSpline(self.alphas, self.betas, self.cost, kx=3, ky=3)
        return self._spline

    def height(self, a, b):
        """The smooth (bicubic spline) surface height at plane coordinates (scalars or arrays)."""
        return self.spline.ev(a, b)

    def gradient(self, a, b) -> np.ndarray:
        """The smooth surface's gradient ``(..., 2)`` in plane coordinates."""
        return np.stack([self.spline.ev(a, b, dx=1), self.spline.ev(a, b, dy=1)], axis=-1)

    @property
    def bounds(self):
        return np.array([self.alphas[0], self.betas[0]]), np.array([self.alphas[-1], self.betas[-1]])

    def descend(self, start, eta, tol=1e-4, max_steps=500) -> DescentPath:
        """A ball rolling down the smooth surface by gradient descent in plane coordinates."""
        return descend(lambda p: (float(self.height(p[0], p[1])), self.gradient(p[0], p[1])),
                       start, eta, tol, max_steps, self.bounds)

    def check(self, path) -> None:
        shape = (len(self.alphas), len(self.betas))
        if self.cost.shape != shape:
            raise NetcoreError(f"landscape cost has shape {self.cost.shape}, expected {shape}", path)


def grid_axes(coords, resolution, margin):
    """Grid coordinates covering ``coords`` plus ``margin`` (a fraction of the extent) on each side."""
    lo, hi = coords.min(axis=0), coords.max(axis=0)
    span = hi - lo
    span = np.where(span > 0, span, np.maximum(np.abs(hi), 1.0))
    lo, hi = lo - margin * span, hi + margin * span
    if not isinstance(resolution, (tuple, list)):
        resolution = (resolution, resolution)
    if min(resolution) < 4:
        raise NetcoreError(f"grid resolution must be at least 4 (got {resolution})")
    return np.linspace(lo[0], hi[0], int(resolution[0])), np.linspace(lo[1], hi[1], int(resolution[1]))


def build_landscape(traces, data: Dataset, plane="three-point", resolution=101, margin=0.25,
                    dtype="float32", workers=None) -> Landscape:
    """The landscape of ``traces`` (loaded Traces or paths) on the data they were trained on.

    ``plane``: ``"three-point"``, ``"pca"`` or a ``Plane``. ``resolution``: grid points per axis (int
    or pair). ``margin``: extra extent on each side as a fraction of the paths' extent.
    """
    traces = [t if isinstance(t, Trace) else Trace.load(t) for t in traces]
    x, y = training_set(traces, data)
    plane = plane if isinstance(plane, Plane) else plane_from_traces(traces, plane)
    net = traces[0].network(0)
    cost = AffineCost(net, plane.origin, plane.directions, x, y)
    snaps = np.concatenate([t.snapshot_params for t in traces])
    coords, off = plane.project(snaps)
    alphas, betas = grid_axes(coords, resolution, margin)
    workers = default_workers() if workers is None else workers
    surface = cost.grid_costs(alphas, betas, dtype, workers)
    heights = cost.costs(coords, "float64", workers)
    arrays = {
        "origin": plane.origin, "directions": plane.directions, "alphas": alphas, "betas": betas,
        "cost": surface,
        "path_trace": np.concatenate([np.full(len(t.snapshot_steps), i, np.int64) for i, t in enumerate(traces)]),
        "path_step": np.concatenate([t.snapshot_steps for t in traces]).astype(np.int64),
        "path_coords": coords, "path_offplane": off,
        "path_cost": np.concatenate([t.snapshot_cost for t in traces]),
        "path_height": heights,
        "path_gradient": np.concatenate([t.snapshot_grad for t in traces]) @ plane.directions.T,
    }
    meta = {
        "kind": "landscape", "schema_version": SCHEMA_VERSION, "plane": plane.kind,
        "origin": "first point" if plane.kind == "three-point" else "mean of snapshots",
        "explained_variance": plane.explained_variance, "network": traces[0].meta["network"],
        "data": {k: traces[0].meta["data"].get(k) for k in ("name", "checksum", "n_train", "labels")},
        "traces": [{"path": str(t.path) if t.path else None, "method": t.meta["method"],
                    "hyperparameters": t.meta["hyperparameters"], "seed": t.meta["network"]["seed"]}
                   for t in traces],
        "resolution": [len(alphas), len(betas)], "margin": margin, "grid_dtype": str(np.dtype(dtype)),
    }
    return Landscape(meta, arrays)
