"""The mean cost of a network over a data set at the points of an affine subspace of parameter space
(``origin + coords @ directions``: a line or a plane), fast: ``AffineCost``; and the worker-thread,
BLAS and scratch-array helpers its kernels run with.

The first layer is linear in the coordinates, so ``X W1^T`` for the origin and each direction is
computed once; each point then costs only the small layers (on a plane's grid, a sigmoid first layer
not even an exponential: see ``AffineCost.grid_costs``). Costs are evaluated in the ``dtype`` asked
for (float32 has a relative error of about 2e-7) with each block's sum added up in float64;
``costs_and_gradients`` is exact float64.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext

import numpy as np

from .errors import NetcoreError
from .network import Network, targets

__all__ = ["AffineCost", "default_workers", "blas_single_thread", "run_parallel", "scratch",
           "logistic_of_negative_", "sigmoid_"]


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
