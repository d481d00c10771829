"""The training arithmetic, laid out for speed; ``train`` uses it, everything else uses ``Network``.

Three things make a step cheaper than ``Network.cost_and_gradient`` on the documented flat vector:

- each layer is one block ``[W | b]`` of shape ``(n_out, n_in + 1)`` and every layer's input carries a
  trailing column of ones, so one matrix product gives ``W a + b`` and one gives both gradients;
- the first layer keeps only the input columns (pixels) that are non-zero in some training image. The
  other weights get an exactly zero gradient from every training example, so they never move: dropping
  them changes no result, only the work;
- the step size is folded into the output delta, so the gradient buffer holds ``eta`` times the gradient
  and the update is one subtraction.

``TrainingInputs`` holds the training images over the kept columns; ``TrainingLayout`` what is fixed
for a run (shapes, the maps to and from the documented parameter order); ``MinibatchStepper`` the main
thread's parameters and work arrays. The arithmetic takes parameter blocks and work buffers as
arguments, so a background thread can evaluate a parameter copy while the main thread trains. Layer
inputs are dense arrays with their ones column; the first layer also takes a scipy sparse matrix (MNIST
images are about 80% zeros), which makes a pass over the whole training set about twice as fast.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.sparse
from scipy.special import expit

from .data import lit_pixels
from .network import Network


class Buffers:
    """Work arrays for a batch of ``rows`` examples: weighted sums ``z`` per layer, and the layer inputs
    with their ones column (``inputs[l]`` feeds layer ``l + 1``; ``hidden[l]`` is its view without the ones)."""

    def __init__(self, rows: int, sizes):
        self.z = [np.empty((rows, n)) for n in sizes[1:]]
        self.inputs = [np.ones((rows, n + 1)) for n in sizes[1:-1]]
        self.hidden = [a[:, :-1] for a in self.inputs]
        self.out = np.empty((rows, sizes[-1]))


class TrainingInputs:
    """The training images over the input columns (pixels) that some image lights up, with the ones
    column: dense rows in the images' own dtype for mini-batches (``x``; float32 halves what a gather
    reads, and ``batch`` converts exactly), and a float64 CSR matrix for whole-set passes (``sparse``)."""

    def __init__(self, x_train: np.ndarray):
        self.used = lit_pixels(x_train)
        self.x = np.ones((len(x_train), len(self.used) + 1), x_train.dtype)
        self.x[:, :-1] = x_train[:, self.used]
        self.sparse = scipy.sparse.csr_matrix(self.x, dtype=np.float64)

    def batch(self, idx) -> np.ndarray:
        """The rows ``idx`` as float64."""
        return np.asarray(self.x[idx], dtype=np.float64)


class TrainingLayout:
    """A network's parameters as ``[W | b]`` blocks over the used input columns of a training set."""

    def __init__(self, net: Network, inputs: TrainingInputs):
        self.net = net
        self.used = inputs.used
        self.sizes = (len(self.used),) + net.sizes[1:]
        self.shapes = [(n_out, n_in + 1) for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:])]
        self.n_params = sum(a * b for a, b in self.shapes)
        self.flat_index = self._flat_index()
        self.relu = net.activation == "relu"
        self.quadratic = net.cost_name == "quadratic"

    def _flat_index(self) -> np.ndarray:
        """For each entry of the block vector, its position in the documented flat parameter vector."""
        parts = []
        for l, ((w, b), (n_out, n_in)) in enumerate(zip(self.net.slices, self.net.shapes)):
            cols = self.used if l == 0 else np.arange(n_in)
            weights = w.start + np.arange(n_out)[:, None] * n_in + cols[None, :]
            parts.append(np.hstack([weights, (b.start + np.arange(n_out))[:, None]]).ravel())
        return np.concatenate(parts)

    # --- conversions ------------------------------------------------------------------------------
    def blocks(self, theta: np.ndarray) -> list:
        """The per-layer ``[W | b]`` views of a block vector."""
        out, offset = [], 0
        for n_out, width in self.shapes:
            out.append(theta[offset:offset + n_out * width].reshape(n_out, width))
            offset += n_out * width
        return out

    def from_flat(self, flat: np.ndarray) -> np.ndarray:
        """The block vector of a documented flat parameter vector."""
        return flat[self.flat_index]

    def to_flat(self, theta: np.ndarray, base: np.ndarray) -> np.ndarray:
        """The documented flat vector: ``base`` (for the weights of unused inputs) with ``theta`` written in."""
        flat = base.copy()
        flat[self.flat_index] = theta
        return flat

    # --- arithmetic -------------------------------------------------------------------------------
    def forward(self, blocks, x, bufs: Buffers) -> np.ndarray:
        """Fill ``bufs`` for inputs ``x`` (with their ones column); returns the output activations."""
        a = x
        last = len(blocks) - 1
        for l, A in enumerate(blocks):
            z = bufs.z[l]
            if l == 0 and scipy.sparse.issparse(a):
                z[...] = a @ A.T
            else:
                np.dot(a, A.T, out=z)
            if l == last:
                expit(z, out=bufs.out)
            elif self.relu:
                np.maximum(z, 0.0, out=bufs.hidden[l])
            else:
                expit(z, out=bufs.hidden[l])
            a = bufs.inputs[l] if l < last else bufs.out
        return bufs.out

    def output_delta(self, y, bufs: Buffers, scale: float):
        """The summed cost of the examples and ``scale`` times dC/dz at the output, per example."""
        a = bufs.out
        diff = a - y
        if self.quadratic:
            cost = float(np.vdot(diff, diff))
            delta = 1.0 - a
            delta *= a
            delta *= diff
            delta *= 2.0 * scale
        else:  # -[y ln s(z) + (1-y) ln(1-s(z))] = softplus(z) - y z, exact and stable
            z = bufs.z[-1]
            cost = float(np.sum(np.logaddexp(0.0, z) - y * z))
            delta = diff
            delta *= scale
        return cost, delta

    def backward(self, blocks, delta, x, bufs: Buffers, grads, weights=None) -> None:
        """Write each layer's gradient block (for output delta ``delta``) into ``grads``. ``weights``:
        the blocks' views without the bias column, if the caller keeps them."""
        for l in range(len(blocks) - 1, -1, -1):
            if l == 0 and scipy.sparse.issparse(x):
                grads[0][...] = (x.T @ delta).T
            else:
                np.dot(delta.T, bufs.inputs[l - 1] if l else x, out=grads[l])
            if l:
                delta = np.dot(delta, weights[l] if weights else blocks[l][:, :-1])
                if self.relu:
                    delta *= bufs.z[l - 1] > 0
                else:
                    h = bufs.hidden[l - 1]
                    delta *= h
                    delta *= 1.0 - h

    def full_pass(self, theta, x, y, gradient: bool = True):
        """Mean cost, its gradient (block vector; ``None`` unless ``gradient``) and the output
        activations over all examples ``x`` (dense with the ones column, or sparse)."""
        n = x.shape[0]
        blocks = self.blocks(theta)
        bufs = Buffers(n, self.sizes)
        outputs = self.forward(blocks, x, bufs)
        cost, delta = self.output_delta(y, bufs, 1.0 / n)
        grad = None
        if gradient:
            grad = np.empty(self.n_params)
            self.backward(blocks, delta, x, bufs, self.blocks(grad))
        return cost / n, grad, outputs


class MinibatchStepper:
    """Mini-batch steps on one parameter block vector, updated in place, with its views and work arrays
    made once (a step is about 25 small numpy calls, so every call saved counts)."""

    def __init__(self, layout: TrainingLayout, theta: np.ndarray):
        self.layout, self.theta = layout, theta
        self.grad = np.empty_like(theta)  # eta times the last step's gradient
        self.blocks, self.grad_blocks = layout.blocks(theta), layout.blocks(self.grad)
        self.weights = [A[:, :-1] for A in self.blocks]
        self.buffers: dict[int, Buffers] = {}

    def step(self, x, y, eta: float):
        """``theta -= eta * gradient`` of the mean cost over inputs ``x`` (with their ones column) and
        targets ``y``, unless that is not finite. Returns the batch's mean cost and the gradient's norm."""
        n = len(x)
        bufs = self.buffers.get(n) or self.buffers.setdefault(n, Buffers(n, self.layout.sizes))
        self.layout.forward(self.blocks, x, bufs)
        cost, delta = self.layout.output_delta(y, bufs, eta / n)
        self.layout.backward(self.blocks, delta, x, bufs, self.grad_blocks, self.weights)
        grad = self.grad
        norm = math.sqrt(np.dot(grad, grad)) / eta
        if not math.isfinite(norm):  # eta * gradient overflowed: measure the gradient itself
            norm = float(np.linalg.norm(grad / eta))
        cost /= n
        if math.isfinite(cost) and math.isfinite(norm):
            self.theta -= grad
        return cost, norm
