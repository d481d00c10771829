"""The real cost surface: a plane in parameter space through the training paths, the true full training
cost on a grid in that plane, and the projected paths, saved as a ``landscape`` file.

A plane is ``origin + a * u + b * v`` with ``u``, ``v`` orthonormal; ``(a, b)`` are plane coordinates.

- three-point plane: through three parameter vectors (e.g. shared start, end of a full-batch run, end
  of an SGD run); origin = the first point, ``u`` towards the second, ``v`` the orthonormalised third.
- PCA plane: the top two principal directions of all snapshots of the traces together; origin = the
  snapshots' mean (the best-fitting plane passes through it).

``explained_variance`` of any plane: the share of the snapshots' total variance (about their mean)
along ``u`` and ``v``; in [0, 1], and for the PCA plane the largest possible.

Speed: the first layer is linear in the plane coordinates, so ``X W1^T`` for the origin and the two
directions is computed once; each grid point then costs only the small layers (on a grid, a sigmoid
first layer not even an exponential: see ``AffineCost.grid_costs``). The grid is evaluated in float32
by default (relative error about 2e-7, far below what a drawing can show); ``dtype="float64"``
evaluates exactly, and path heights are always exact float64.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field

import numpy as np
import scipy.linalg
from scipy.interpolate import RectBivariateSpline

from .data import Dataset
from .errors import NetcoreError
from .network import Network, targets
from .records import SCHEMA_VERSION, Record
from .trace import Trace

PLANES = ("three-point", "pca")


# --- planes -----------------------------------------------------------------------------------------
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


# --- the cost on an affine subspace --------------------------------------------------------------
def default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


def blas_single_thread():
    """Keep BLAS to one thread while our own threads run (if threadpoolctl is there)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover
        return nullcontext()
    return threadpool_limits(1)


def run_parallel(func, items, workers):
    """``[func(item) for item in items]``, on ``workers`` threads (numpy releases the GIL) and with
    BLAS on one thread (the GEMMs here are small: BLAS threads only get in the way)."""
    items = list(items)
    with blas_single_thread():
        if workers > 1 and len(items) > 1:
            with ThreadPoolExecutor(workers) as ex:
                return list(ex.map(func, items))
        return [func(item) for item in items]


_scratch = threading.local()


def scratch(shape, dtype, slot) -> np.ndarray:
    """A per-thread work array for ``slot``, reused for the same shape: fresh large arrays would cost
    page faults on every block."""
    store = _scratch.__dict__.setdefault("arrays", {})
    key = (slot, tuple(shape), np.dtype(dtype).str)
    if key not in store:
        store[key] = np.empty(shape, dtype)
    return store[key]


def logistic_of_negative_(u):
    """``1 / (1 + exp(u))``, the logistic function of ``-u``, in place (exp overflowing to inf gives 0)."""
    with np.errstate(over="ignore"):
        np.exp(u, out=u)
    u += 1
    return np.reciprocal(u, out=u)


def sigmoid_(z):
    """Logistic function in place."""
    np.negative(z, out=z)
    np.exp(z, out=z)
    z += 1
    return np.reciprocal(z, out=z)


class AffineCost:
    """The mean cost of ``net`` over ``(x, y)`` at ``origin + coords @ directions`` (k directions).

    The first layer's weighted sums are precomputed for the origin and each direction (biases folded
    in), so a point costs only the layers after the first.
    """

    def __init__(self, net: Network, origin, directions, x, y):
        self.net = net
        self.origin = np.asarray(origin, dtype=np.float64)
        self.directions = np.atleast_2d(np.asarray(directions, dtype=np.float64))
        x = np.asarray(x, dtype=np.float64)
        self.y = targets(y, net.sizes[-1])
        self.n = len(x)
        vecs = np.concatenate([self.origin[None], self.directions])  # (1+k, P)
        ws, bs = net.views(vecs)
        self.first = np.stack([x @ w.T + b for w, b in zip(ws[0], bs[0])])  # (1+k, n, h1)
        self.rest = [(w, b) for w, b in zip(ws[1:], bs[1:])]  # each (1+k, out, in), (1+k, out)

    def _layers(self, coef, dtype):
        """Per coordinate, the weights ``(G, out, in)`` and biases ``(G, out, 1)`` of layers 2..,
        negated where the layer feeds a sigmoid (see ``_signs``)."""
        out = []
        for i, (w, b) in enumerate(self.rest):
            sign = self._signs[i + 1]
            W = ((sign * coef) @ w.reshape(len(w), -1)).reshape(len(coef), *w.shape[1:])
            out.append((W.astype(dtype), ((sign * coef) @ b).astype(dtype)[:, :, None]))
        return out

    @property
    def _signs(self):
        """Each layer computes ``-z`` where a sigmoid follows (``1 / (1 + exp(-z))`` then needs no
        negation), ``z`` where a ReLU or the cross-entropy follows."""
        hidden = -1.0 if self.net.activation == "sigmoid" else 1.0
        out = -1.0 if self.net.cost_name == "quadratic" else 1.0
        return [hidden] * len(self.rest) + [out]

    def _blocks(self, dtype, rows):
        """Per block of images: the first layer's parts ``(1+k, h1 * rows)`` (neuron-major, sign-folded,
        see ``_signs``) and the targets ``(out, rows)``."""
        first = self._signs[0] * self.first
        return [(np.ascontiguousarray(first[:, s:s + rows].transpose(0, 2, 1), dtype).reshape(len(first), -1),
                 np.ascontiguousarray(self.y[s:s + rows].T, dtype)) for s in range(0, self.n, rows)]

    def costs(self, coords, dtype="float64", workers=1, block=8, rows=2048) -> np.ndarray:
        """Mean cost at each of ``coords`` (m, k), evaluated in ``dtype`` (each block's sum added up in
        float64), ``block`` points and ``rows`` images at a time, on ``workers`` threads."""
        coords = np.atleast_2d(np.asarray(coords, dtype=np.float64))
        if coords.shape[1] != len(self.directions):
            raise NetcoreError(f"coordinates have {coords.shape[1]} columns, need {len(self.directions)}")
        dtype = np.dtype(dtype)
        blocks = self._blocks(dtype, rows)
        chunks = [np.arange(i, min(i + block, len(coords))) for i in range(0, len(coords), block)]
        run = lambda idx: self._chunk(coords[idx], blocks, dtype)  # noqa: E731
        return np.concatenate(run_parallel(run, chunks, workers)) if chunks else np.empty(0)

    def _chunk(self, c, blocks, dtype):
        g = len(c)
        coef = np.concatenate([np.ones((g, 1)), c], axis=1)
        layers = self._layers(coef, dtype)
        coef = coef.astype(dtype)
        h1 = self.first.shape[2]
        total = np.zeros(g)
        for first, y in blocks:
            m = y.shape[1]
            a = np.matmul(coef, first, out=scratch((g, h1 * m), dtype, "first")).reshape(g, h1, m)
            total += self._rest(a, layers, y, dtype)
        return total / self.n

    def _rest(self, a, layers, y, dtype, activated=False):
        """Sum over a block of images of the cost at ``g`` points, from the first layer's sign-folded
        weighted sums ``a`` (g, h1, m) (or its activations, if ``activated``) and the later layers'
        weights and biases (``_layers``)."""
        g, _, m = a.shape
        sigmoid = self.net.activation == "sigmoid"
        z = a
        for i, (W, B) in enumerate(layers):
            if i or not activated:
                a = logistic_of_negative_(a) if sigmoid else np.maximum(a, 0, out=a)
            z = np.matmul(W, a, out=scratch((g, W.shape[1], m), dtype, i))
            z += B
            a = z
        if self.net.cost_name == "quadratic":
            a = logistic_of_negative_(z)
            a -= y
            a = a.reshape(g, 1, -1)
            return np.matmul(a, a.transpose(0, 2, 1)).ravel()  # squared norms by BLAS dot
        return (np.logaddexp(0, z) - y * z).reshape(g, -1).sum(axis=1, dtype=np.float64)  # softplus(z) - y z

    def grid_costs(self, alphas, betas, dtype="float64", workers=1, block=8, rows=2048) -> np.ndarray:
        """Mean cost on the grid ``(alphas[i], betas[j])`` of a plane, shape (len(alphas), len(betas)).

        Same values as ``costs`` on the grid points, faster for sigmoid networks: the first layer's
        ``exp(-z) = exp(-A - a B) * exp(-b C)`` is a product of one factor per grid row and one per
        grid column, so it needs no exponential per grid point (points where a factor could overflow
        are evaluated directly).
        """
        alphas, betas = (np.asarray(v, dtype=np.float64).ravel() for v in (alphas, betas))
        grid = np.stack(np.meshgrid(alphas, betas, indexing="ij"), axis=-1).reshape(-1, 2)
        if len(self.directions) != 2 or self.net.activation != "sigmoid" or not len(self.rest):
            return self.costs(grid, dtype, workers, block, rows).reshape(len(alphas), len(betas))
        dtype = np.dtype(dtype)
        limit = 0.98 * np.log(np.finfo(dtype).max)  # exp of anything smaller in size is finite and nonzero
        coef = np.concatenate([np.ones((len(grid), 1)), grid], axis=1)
        layers = self._layers(coef, dtype)  # every grid point's later layers, computed once
        h1, M = self.first.shape[2], len(betas)
        total = np.zeros((len(alphas), M))
        b_t = betas.astype(dtype)
        for first, y in self._blocks(dtype, rows):
            p0, p1, p2 = first
            m = y.shape[1]
            with np.errstate(over="ignore"):  # columns that overflow are not used
                col = np.exp(-b_t[:, None] * p2[None])  # (M, h1 * m): 1 / exp(-b C), one per grid column
            col_ok = np.abs(betas) * float(np.abs(p2).max()) <= limit

            def row(i):
                u = p0 + dtype.type(alphas[i]) * p1  # -A - a B
                ok = float(np.abs(u).max()) <= limit
                with np.errstate(over="ignore"):  # not used if it overflows
                    r = np.exp(u)
                for j0 in range(0, M, block):
                    js = slice(j0, min(j0 + block, M))
                    if ok and col_ok[js].all():  # 1 / (1 + r c) = (1/c) / (1/c + r); no overflow
                        a = np.add(col[js], r, out=scratch((js.stop - j0, h1 * m), dtype, "grid"))
                        np.divide(col[js], a, out=a)
                    else:
                        a = logistic_of_negative_(u + b_t[js, None] * p2)
                    pts = slice(i * M + js.start, i * M + js.stop)
                    total[i, js] += self._rest(a.reshape(-1, h1, m), [(W[pts], B[pts]) for W, B in layers],
                                               y, dtype, activated=True)

            run_parallel(row, range(len(alphas)), workers)
        return total / self.n

    def costs_and_gradients(self, coords, block=8):
        """Exact float64 costs (m,) and gradients with respect to the coordinates (m, k), by
        forward-mode differentiation along each direction."""
        coords = np.atleast_2d(np.asarray(coords, dtype=np.float64))
        k = len(self.directions)
        costs, grads = [], []
        for i in range(0, len(coords), block):
            c, g = self._forward_mode(coords[i:i + block])
            costs.append(c)
            grads.append(g)
        return np.concatenate(costs), np.concatenate(grads).reshape(-1, k)

    def _forward_mode(self, c):
        net = self.net
        g, k = len(c), len(self.directions)
        coef = np.concatenate([np.ones((g, 1)), c], axis=1)
        z = np.einsum("gk,knh->gnh", coef, self.first)
        dz = np.broadcast_to(self.first[1:, None], (k, g) + z.shape[1:])  # (k, g, n, h)
        layers = len(self.rest) + 1
        for l in range(layers):
            if l > 0:
                w, b = self.rest[l - 1]
                W = np.einsum("gk,koi->gio", coef, w)
                z = np.matmul(a, W) + (coef @ b)[:, None, :]
                dz = np.matmul(da, W) + np.einsum("koi,gni->kgno", w[1:], a) + b[1:, None, None, :]
            if l < layers - 1:
                if net.activation == "relu":
                    a, slope = np.maximum(z, 0), (z > 0).astype(np.float64)
                else:
                    a = sigmoid_(z.copy())
                    slope = a * (1 - a)
                da = dz * slope
        a = sigmoid_(z.copy())
        if net.cost_name == "quadratic":
            cost = np.sum((a - self.y) ** 2, axis=(1, 2))
            dcost = np.sum(2 * (a - self.y) * a * (1 - a) * dz, axis=(2, 3))
        else:
            cost = np.sum(np.logaddexp(0, z) - self.y * z, axis=(1, 2))
            dcost = np.sum((a - self.y) * dz, axis=(2, 3))
        return cost / self.n, (dcost / self.n).T


# --- training data of a set of traces ---------------------------------------------------------------
def network_of(trace: Trace) -> Network:
    n = trace.meta["network"]
    return Network(n["sizes"], n["activation"], n["cost"], n["seed"], n["init"],
                   params=trace.snapshot_params[0])


def training_set(traces, data: Dataset):
    """The training inputs and labels the traces' runs minimised, after checking that ``data`` is the
    data they were trained on and that they share one network shape and cost."""
    traces = list(traces)
    if not traces:
        raise NetcoreError("no traces given")
    ref = traces[0]
    for t in traces:
        n0, n = ref.meta["network"], t.meta["network"]
        if [n["sizes"], n["activation"], n["cost"]] != [n0["sizes"], n0["activation"], n0["cost"]]:
            raise NetcoreError(f"network {n['sizes']} {n['activation']} {n['cost']} differs from the "
                               f"first trace's {n0['sizes']} {n0['activation']} {n0['cost']}", t.path)
        if t.meta["data"].get("checksum") != data.checksum:
            raise NetcoreError(f"trained on other data (checksum {str(t.meta['data'].get('checksum'))[:12]}..., "
                               f"given data {data.checksum[:12]}...: pass the data the run was trained on)", t.path)
    labels = {t.meta["data"].get("labels", "true") for t in traces}
    seeds = {t.meta["hyperparameters"]["shuffle_seed"] for t in traces}
    if labels == {"true"}:
        y = data.y_train
    elif labels == {"shuffled"} and len(seeds) == 1:
        y = np.random.default_rng(seeds.pop()).permutation(data.y_train)
    else:
        raise NetcoreError(f"traces trained on different or unknown labels ({sorted(labels)}): "
                           "one landscape needs one cost function", ref.path)
    return np.asarray(data.x_train, dtype=np.float64), y


# --- descent paths (shared with slices and closed_form) ---------------------------------------------
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


# --- the landscape ----------------------------------------------------------------------------------
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
    net = network_of(traces[0])
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
