"""What one training example wants: the nudges of chapter 3, exactly consistent with backpropagation.

Scaling: every nudge is minus a derivative of this example's cost ``C`` (no learning rate applied).

- desired change of an activation ``a``: ``-dC/da``. At the output, for the lesson's quadratic cost
  ``C = sum (a - y)^2`` that is ``2 (y - a)``: each output is nudged towards its target in proportion
  to how far it is from it. (Cross-entropy: ``(y - a) / (a (1 - a))``.)
- a neuron ``j`` with weighted input ``z_j`` and wanted change ``d_j = -dC/da_j`` turns it into
  ``-dC/dz_j = d_j * sigma'(z_j)``, which is its **bias nudge**;
- its **weight nudges** are that times the previous activations, ``-dC/dw_jk = -dC/dz_j * a_k``
  (the brightest previous neurons matter most);
- its **wishes** for the previous activations are that times its weights, ``-dC/dz_j * w_jk``;
- summing every neuron's wishes gives the previous layer's desired changes, ``-dC/da_k``, and the
  same three avenues repeat one layer earlier, down to the first hidden layer.

>>> nudges = example_nudges(net, x, label)
>>> nudges.output.desired                  # 10 numbers: up for the label, down for the others
>>> nudges.output.neuron(2)                # bias, weights (16,), wishes (16,) of the 2-neuron
>>> nudges.output.previous_desired         # sum of all output neurons' wishes
>>> nudges.layers[0]                       # the first hidden layer's
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .errors import NetcoreError
from .network import Network, targets


@dataclass
class LayerNudges:
    """Nudges for the neurons fed by weight layer ``layer`` (``net.weights[layer]``, shape (n, n_prev))."""

    layer: int
    activations: np.ndarray  # (n,) these neurons' activations
    previous: np.ndarray  # (n_prev,) the activations feeding them
    desired: np.ndarray  # (n,) -dC/da: how each neuron's activation should change
    bias: np.ndarray  # (n,) -dC/db = -dC/dz
    weights: np.ndarray  # (n, n_prev) -dC/dw = bias[j] * previous[k]
    wishes: np.ndarray  # (n, n_prev) bias[j] * w[j, k]: neuron j's wish for previous activation k
    previous_desired: np.ndarray  # (n_prev,) wishes summed over j = -dC/da of the previous layer

    def neuron(self, j: int) -> dict:
        """One neuron's three avenues: ``desired``, ``bias``, ``weights`` (n_prev,), ``wishes`` (n_prev,)."""
        return {"desired": float(self.desired[j]), "bias": float(self.bias[j]),
                "weights": self.weights[j], "wishes": self.wishes[j]}


@dataclass
class ExampleNudges:
    """All nudges one example asks for; ``layers[l]`` matches ``net.weights[l]`` (first layer first)."""

    label: int
    target: np.ndarray
    output_activations: np.ndarray
    cost: float
    layers: list

    @property
    def output(self) -> LayerNudges:
        return self.layers[-1]

    def flat(self, net: Network) -> np.ndarray:
        """Every weight and bias nudge as one flat vector (the network's order) = minus this example's gradient."""
        return net.flatten([l.weights for l in self.layers], [l.bias for l in self.layers])


def output_desired(net: Network, a, y) -> np.ndarray:
    """``-dC/da`` at the output for activations ``a`` and one-hot targets ``y``."""
    if net.cost_name == "quadratic":
        return 2.0 * (y - a)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (y - a) / (a * (1.0 - a))


def example_nudges(net: Network, x, label) -> ExampleNudges:
    """The nudges of chapter 3 for one image ``x`` (784,) with integer ``label``."""
    x = np.asarray(x, dtype=np.float64).reshape(1, -1)
    if x.shape[1] != net.sizes[0]:
        raise NetcoreError(f"the example has {x.shape[1]} inputs, the network {net.sizes[0]}")
    label = int(label)
    if not 0 <= label < net.sizes[-1]:
        raise NetcoreError(f"label {label} is not one of the network's {net.sizes[-1]} outputs")
    zs, acts = net.forward(x)
    y = targets(np.array([label]), net.sizes[-1])
    desired = output_desired(net, acts[-1], y)[0]
    minus_dz = -net.output_delta(acts[-1], y)[0]  # exact even where -dC/da is extreme (cross-entropy)
    layers = []
    for l in range(len(net.shapes) - 1, -1, -1):
        prev, W = acts[l][0], net.weights[l]
        wishes = minus_dz[:, None] * W
        layers.append(LayerNudges(l, acts[l + 1][0].copy(), prev.copy(), desired, minus_dz.copy(),
                                  np.outer(minus_dz, prev), wishes, wishes.sum(axis=0)))
        if l > 0:
            desired = wishes.sum(axis=0)
            minus_dz = desired * net.hidden_slope(zs[l - 1][0], acts[l][0])
    cost = float(net.example_costs_from(zs[-1], acts[-1], y)[0])
    return ExampleNudges(label, y[0], acts[-1][0].copy(), cost, layers[::-1])
