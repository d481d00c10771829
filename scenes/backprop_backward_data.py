"""What PropagateBackward shows, gathered from netcore: one frozen dataclass, ``BackwardNudges``.

One real training image (the first 2 of the training set) goes into the lesson's network at the
trace's first snapshot (step 0: the untrained network; under ``NETCORE_TRACE`` the replayed trace's
first snapshot). ``netcore.nudges.example_nudges`` gives what that one example asks for: the output
layer's desired nudges, each output neuron's wishes for the last hidden layer, their sum
(``previous_desired``), and the same one layer earlier, down to the first hidden layer.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from netcore.network import Network
from netcore.nudges import example_nudges
from scenes.kit import data as kit_data

__all__ = ["BackwardNudges", "propagate_backward"]


@dataclass(frozen=True)
class BackwardNudges:
    """One example's nudges, carried back from the outputs to the first hidden layer.

    Layers are numbered as the network's activations: 0 the input, ``L = len(sizes) - 1`` the
    output. ``desired[l]`` (for l = 1 .. L) is ``-dC/da`` of layer l (``desired[0]`` is None: the
    input is not nudged); ``slope_nudge[l]`` is ``-dC/dz`` (the nudge after the neuron's slope);
    ``wishes[l]`` (shape (n_l, n_{l-1})) is what each neuron of layer l asks of layer l-1;
    ``wishes[l].sum(axis=0) == desired[l-1]`` for l >= 2.
    """

    network: Network  # the trace's first snapshot
    step: int  # its training step (0: not yet trained)
    image: np.ndarray  # (784,)
    label: int
    index: int  # in the training set
    activations: tuple  # per layer (n_l,), input first
    layer_scales: np.ndarray  # per layer: activations / scale = brightness (1, or a ReLU layer's max)
    desired: tuple  # per layer: -dC/da (None for the input)
    slope_nudge: tuple  # per layer: -dC/dz (None for the input)
    wishes: tuple  # per layer: (n_l, n_{l-1}) wishes for the previous layer (None for the input)
    cost: float  # this example's cost
    cost_name: str  # "quadratic" or "cross-entropy"
    activation: str  # the hidden layers' "sigmoid" or "relu"
    proportional: bool  # every output nudge is one factor times (target - output)
    signs_right: bool  # the label's nudge is up and every other one down
    dead: tuple  # per hidden layer l (index l): how many neurons pass nothing back (slope 0), else 0
    top_shown: tuple  # per layer: drawn-order positions of the 3 largest |desired| among drawn neurons
    label_magnified: float  # largest |wish| of all outputs / largest |wish| of the label's neuron

    @property
    def n_layers(self) -> int:
        return len(self.network.sizes)

    @property
    def sizes(self) -> tuple:
        return tuple(int(s) for s in self.network.sizes)


def _shown(n: int, max_shown: int = 16) -> np.ndarray:
    """The neurons the kit draws of an n-neuron layer (as ``kit.network.shown_indices``)."""
    if n <= max_shown:
        return np.arange(n)
    half = max_shown // 2
    return np.concatenate([np.arange(half), np.arange(n - half, n)])


def propagate_backward(trace=None, data=None, digit: int = 2, snapshot: int = 0) -> BackwardNudges:
    """The first training ``digit`` through the trace's snapshot ``snapshot``, and its nudges."""
    trace = trace if trace is not None else kit_data.trace("lesson")
    data = data if data is not None else kit_data.dataset()
    index = int(np.flatnonzero(np.asarray(data.y_train) == digit)[0])
    x = np.asarray(data.x_train[index], float)
    net = trace.network(snapshot)
    nudges = example_nudges(net, x, digit)
    zs, acts = net.forward(x.reshape(1, -1))
    acts = tuple(a[0].copy() for a in acts)
    L = len(net.sizes) - 1
    desired, slope_nudge, wishes = [None] * (L + 1), [None] * (L + 1), [None] * (L + 1)
    for layer in nudges.layers:  # layer.layer = weight layer l joins activations l and l + 1
        desired[layer.layer + 1] = layer.desired.copy()
        slope_nudge[layer.layer + 1] = layer.bias.copy()
        wishes[layer.layer + 1] = layer.wishes.copy()
    out = acts[-1]
    target = np.eye(net.sizes[-1])[digit]
    gap = target - out
    ratio = desired[L] / gap
    proportional = bool(np.all(np.isfinite(ratio)) and np.ptp(ratio) <= 1e-9 * np.max(np.abs(ratio)))
    signs_right = bool(desired[L][digit] > 0 and np.all(np.delete(desired[L], digit) < 0))
    dead = tuple(int(np.sum(net.hidden_slope(zs[l - 1][0], acts[l]) == 0)) if 0 < l < L else 0
                 for l in range(L + 1))
    top = [None]
    for l in range(1, L + 1):
        d = np.abs(np.nan_to_num(desired[l][_shown(len(desired[l]))]))
        top.append(tuple(int(i) for i in np.argsort(-d)[:3] if d[i] > 0))
    last = np.abs(wishes[L])
    label_top = float(last[digit].max())
    magnified = float(last.max() / label_top) if label_top > 0 else 1.0
    scales = np.array([max(1.0, float(np.max(a))) for a in acts])
    return BackwardNudges(net, int(trace.snapshot_steps[snapshot]), x, digit, index, acts, scales, tuple(desired),
                          tuple(slope_nudge), tuple(wishes), float(nudges.cost), net.cost_name, net.activation,
                          proportional, signs_right, dead, tuple(top), magnified)
