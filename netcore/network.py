"""The lesson's network: fully connected layers, sigmoid or ReLU hidden units, sigmoid outputs,
quadratic or cross-entropy cost, vectorised over a batch.

Parameters live in one flat float64 vector, in this order, layer by layer from the input:
``W1`` row by row (shape ``(n1, n0)``; row j holds neuron j's incoming weights), then ``b1`` (``n1``),
then ``W2``, ``b2``, ... . For 784-16-16-10 that is 12,544 + 16 + 256 + 16 + 160 + 10 = 13,002 numbers.
``net.weights[l]`` and ``net.biases[l]`` are views into that vector (``l = 0`` is the first layer).

Costs, for one example with output ``a`` and target ``y`` (one-hot): quadratic ``sum((a - y)**2)``
(the lesson's), cross-entropy ``-sum(y ln a + (1 - y) ln(1 - a))``. The cost of a set is the mean
over its examples, and every gradient here is the exact gradient of that mean.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

import numpy as np
import scipy.sparse
from scipy.special import expit

from .errors import NetcoreError

ACTIVATIONS = ("sigmoid", "relu")
COSTS = ("quadratic", "cross_entropy")
INITS = ("normal", "scaled")


def weight_similarity(a: "Network", b: "Network", layer: int = 0) -> np.ndarray:
    """Cosine similarity of each neuron's incoming weights in ``a`` and in ``b`` (same sizes), layer
    ``layer`` (0: the first hidden layer): 1 where training left a neuron's weights pointing the way
    they started, 0 where it turned them at right angles."""
    wa, wb = a.weights[layer], b.weights[layer]
    norms = np.linalg.norm(wa, axis=1) * np.linalg.norm(wb, axis=1)
    return np.sum(wa * wb, axis=1) / np.where(norms > 0, norms, 1.0)


def targets(y, n_out: int) -> np.ndarray:
    """One-hot float64 targets from integer labels ``(n,)``; a 2-D array is taken as already one-hot."""
    y = np.asarray(y)
    if y.ndim == 2:
        return y.astype(np.float64, copy=False)
    out = np.zeros((len(y), n_out))
    out[np.arange(len(y)), y] = 1.0
    return out


@dataclass(frozen=True)
class ParamLocation:
    """Where a flat parameter sits: ``kind`` ``"w"`` (weight ``W[layer][j, k]``, from neuron k of layer
    ``layer`` to neuron j of the next) or ``"b"`` (bias ``b[layer][j]``, ``k`` None); ``layer`` 0-based,
    as ``Network.weight_index`` and ``bias_index`` take it."""

    kind: str
    layer: int
    j: int
    k: int | None = None


class Network:
    """A fully connected network ``sizes[0] -> ... -> sizes[-1]`` with its parameters in one flat vector."""

    def __init__(self, sizes=(784, 16, 16, 10), activation="sigmoid", cost="quadratic", seed=0,
                 init="normal", params=None):
        self.sizes = tuple(int(s) for s in sizes)
        if len(self.sizes) < 2 or min(self.sizes) < 1:
            raise NetcoreError(f"bad layer sizes {self.sizes}: need at least two positive sizes")
        if activation not in ACTIVATIONS:
            raise NetcoreError(f"unknown activation {activation!r} (choose from {', '.join(ACTIVATIONS)})")
        if cost not in COSTS:
            raise NetcoreError(f"unknown cost {cost!r} (choose from {', '.join(COSTS)})")
        if init not in INITS:
            raise NetcoreError(f"unknown initialisation {init!r} (choose from {', '.join(INITS)})")
        self.activation, self.cost_name, self.seed, self.init = activation, cost, seed, init
        self.shapes = list(zip(self.sizes[1:], self.sizes[:-1]))  # (n_out, n_in) per layer
        self.slices = []  # per layer: (weight slice, bias slice) into the flat vector
        offset = 0
        for n_out, n_in in self.shapes:
            w = slice(offset, offset + n_out * n_in)
            b = slice(w.stop, w.stop + n_out)
            self.slices.append((w, b))
            offset = b.stop
        self.n_params = offset
        self._flat = np.empty(self.n_params)
        self.weights, self.biases = self.views(self._flat)
        if params is not None:
            self.params = params
        else:
            self._flat[:] = np.random.default_rng(seed).standard_normal(self.n_params)
            if init == "scaled":  # weights ~ N(0, 1/n_in), biases ~ N(0, 1)
                for w, (_, n_in) in zip(self.weights, self.shapes):
                    w /= np.sqrt(n_in)

    # --- parameters -------------------------------------------------------------------------------
    @property
    def params(self) -> np.ndarray:
        """A copy of the flat parameter vector (see the module docstring for the order)."""
        return self._flat.copy()

    @params.setter
    def params(self, value):
        value = np.asarray(value, dtype=np.float64)
        if value.shape != (self.n_params,):
            raise NetcoreError(f"parameter vector has shape {value.shape}, network needs ({self.n_params},)")
        self._flat[:] = value

    def views(self, flat):
        """Per-layer ``(weights, biases)`` lists viewing a flat vector (or the last axis of a batch of them)."""
        flat = np.asarray(flat)
        lead = flat.shape[:-1]
        ws = [flat[..., w].reshape(*lead, *shape) for (w, _), shape in zip(self.slices, self.shapes)]
        bs = [flat[..., b] for _, b in self.slices]
        return ws, bs

    def flatten(self, weights, biases) -> np.ndarray:
        """The flat vector for per-layer weight matrices and bias vectors."""
        flat = np.empty(self.n_params)
        for (w, b), W, B in zip(self.slices, weights, biases):
            flat[w] = np.ravel(W)
            flat[b] = B
        return flat

    def weight_index(self, layer: int, j: int, k: int) -> int:
        """Flat index of the weight from neuron k of layer ``layer`` to neuron j of the next layer."""
        return self.slices[layer][0].start + j * self.shapes[layer][1] + k

    def bias_index(self, layer: int, j: int) -> int:
        return self.slices[layer][1].start + j

    def locate(self, i: int) -> ParamLocation:
        """Which weight or bias flat parameter ``i`` is: the inverse of ``weight_index`` and ``bias_index``."""
        i = operator.index(i)
        for layer, (w, b) in enumerate(self.slices):
            if w.start <= i < w.stop:
                j, k = divmod(i - w.start, self.shapes[layer][1])
                return ParamLocation("w", layer, j, k)
            if b.start <= i < b.stop:
                return ParamLocation("b", layer, i - b.start)
        raise IndexError(f"parameter index {i} outside 0..{self.n_params - 1}")

    def param_name(self, i: int) -> str:
        """LaTeX name of flat parameter ``i``: ``w^{(l)}_{j,k}`` (into layer l from neuron k of the layer
        before) or ``b^{(l)}_{j}``, with ``l = layer + 1`` counting the input as layer 0."""
        at = self.locate(i)
        if at.kind == "w":
            return rf"w^{{({at.layer + 1})}}_{{{at.j},{at.k}}}"
        return rf"b^{{({at.layer + 1})}}_{{{at.j}}}"

    def copy(self, params=None) -> "Network":
        return Network(self.sizes, self.activation, self.cost_name, self.seed, self.init,
                       params=self._flat if params is None else params)

    def config(self) -> dict:
        return {"sizes": list(self.sizes), "activation": self.activation, "cost": self.cost_name,
                "seed": self.seed, "init": self.init}

    # --- forward ----------------------------------------------------------------------------------
    def hidden(self, z):
        return expit(z) if self.activation == "sigmoid" else np.maximum(z, 0.0)

    def hidden_slope(self, z, a):
        return a * (1.0 - a) if self.activation == "sigmoid" else (z > 0).astype(np.float64)

    def forward(self, x):
        """Weighted sums ``zs`` and activations (``activations[0]`` is the input) for a batch ``(n, n0)``;
        ``x`` may also be a scipy sparse matrix (images are mostly zeros)."""
        if scipy.sparse.issparse(x):
            a = x if x.dtype == np.float64 else x.astype(np.float64)
        else:
            a = np.atleast_2d(np.asarray(x, dtype=np.float64))
        zs, activations = [], [a]
        last = len(self.shapes) - 1
        for l, (W, b) in enumerate(zip(self.weights, self.biases)):
            z = np.asarray(a @ W.T) if l == 0 and scipy.sparse.issparse(a) else np.dot(a, W.T)
            z += b
            a = expit(z) if l == last else self.hidden(z)
            zs.append(z)
            activations.append(a)
        return zs, activations

    def feedforward(self, x) -> np.ndarray:
        """Output activations ``(n, n_out)``."""
        return self.forward(x)[1][-1]

    def predict(self, x) -> np.ndarray:
        """The brightest output neuron for each example."""
        return np.argmax(self.feedforward(x), axis=1)

    def accuracy(self, x, y) -> float:
        return float(np.mean(self.predict(x) == np.asarray(y)))

    # --- cost -------------------------------------------------------------------------------------
    def output_cost_terms(self, z_out, a_out, y) -> np.ndarray:
        """Each output neuron's share of each example's cost ``(n, n_out)``: ``(a - y)^2`` for the
        quadratic cost, ``-[y ln a + (1 - y) ln(1 - a)]`` for cross-entropy; a row sums to the example's cost."""
        if self.cost_name == "quadratic":
            return (a_out - y) ** 2
        # -[y ln s(z) + (1-y) ln(1-s(z))] = softplus(z) - y z, exact and stable
        return np.logaddexp(0.0, z_out) - y * z_out

    def example_costs_from(self, z_out, a_out, y) -> np.ndarray:
        return np.sum(self.output_cost_terms(z_out, a_out, y), axis=1)

    def example_output_costs(self, x, y) -> np.ndarray:
        """Each output neuron's share of each example's cost ``(n, n_out)`` (see ``output_cost_terms``)."""
        zs, acts = self.forward(x)
        return self.output_cost_terms(zs[-1], acts[-1], targets(y, self.sizes[-1]))

    def example_costs(self, x, y) -> np.ndarray:
        """Cost of each example ``(n,)``; ``y`` integer labels or one-hot."""
        zs, acts = self.forward(x)
        return self.example_costs_from(zs[-1], acts[-1], targets(y, self.sizes[-1]))

    def cost(self, x, y) -> float:
        """Mean cost over the examples."""
        return float(np.mean(self.example_costs(x, y)))

    # --- backpropagation --------------------------------------------------------------------------
    def output_delta(self, a_out, y):
        """dC_x/dz at the output for each example."""
        if self.cost_name == "quadratic":
            return 2.0 * (a_out - y) * a_out * (1.0 - a_out)
        return a_out - y

    def deltas(self, zs, acts, y):
        """dC_x/dz for every layer and example (a list, first layer first)."""
        return self.backward(self.output_delta(acts[-1], y), zs, acts)

    def backward(self, delta, zs, acts):
        """Carry an output-layer delta back through the layers: the list of deltas, first layer first."""
        out = [delta]
        for l in range(len(self.shapes) - 1, 0, -1):
            delta = np.dot(delta, self.weights[l]) * self.hidden_slope(zs[l - 1], acts[l])
            out.append(delta)
        return out[::-1]

    def cost_and_gradient(self, x, y, out=None):
        """Mean cost and its exact gradient (flat, the parameter order) over a batch."""
        y = targets(y, self.sizes[-1])
        grad = np.empty(self.n_params) if out is None else out
        zs, acts = self.forward(x)
        a, n = acts[-1], len(y)
        diff = a - y
        if self.cost_name == "quadratic":  # the mean over examples is folded into the output delta
            cost = float(np.vdot(diff, diff)) / n
            delta = diff * a
            delta *= (1.0 - a) * (2.0 / n)
        else:
            cost = float(np.sum(np.logaddexp(0.0, zs[-1]) - y * zs[-1])) / n
            delta = diff / n
        gws, gbs = self.views(grad)
        for l, d in enumerate(self.backward(delta, zs, acts)):
            np.dot(d.T, acts[l], out=gws[l])
            d.sum(axis=0, out=gbs[l])
        return cost, grad

    def gradient(self, x, y) -> np.ndarray:
        """Exact gradient of the mean cost over the batch, flat."""
        return self.cost_and_gradient(x, y)[1]

    def per_example_gradients(self, x, y) -> np.ndarray:
        """Each example's own gradient, ``(n, n_params)``, with no Python loop over examples."""
        zs, acts = self.forward(x)
        y = targets(y, self.sizes[-1])
        out = np.empty((len(y), self.n_params))
        gws, gbs = self.views(out)
        for l, delta in enumerate(self.deltas(zs, acts, y)):
            np.multiply(delta[:, :, None], acts[l][:, None, :], out=gws[l])
            gbs[l][...] = delta
        return out
