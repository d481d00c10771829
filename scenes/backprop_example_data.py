"""What the chapter-3 scenes about one training example show (OneExampleNudges, ThreeAvenues,
FireTogetherWireTogether), gathered from netcore: one function per scene, each returning one frozen
dataclass. ``scenes/backprop_example.py`` only lays these out; the tests recompute them with numpy.

All three look at the same moment: the first training image of a 2 fed to the replayed run's network at
its first snapshot (step 0 of the lesson's run: random weights, not trained yet), and at what
``netcore.nudges.example_nudges`` says this one example wants. Every nudge is minus a derivative of
this example's cost (no learning rate): the output's wanted changes, the 2-neuron's bias nudge, its
weight nudges (bias nudge x previous activation) and its wishes for the previous layer (bias nudge x
weight). Any trace: layer sizes, activation (sigmoid / ReLU) and cost (quadratic / cross-entropy)
come from the trace; a wide last hidden layer is drawn truncated and the data says which neurons.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from netcore.data import informative_pixels
from netcore.network import Network
from netcore.nudges import example_nudges
from scenes.kit import data as kit_data
from scenes.kit.network import shown_indices

__all__ = ["ExampleAtStart", "OutputNudges", "one_example_nudges", "NeuronAvenues", "three_avenues",
           "HebbianLinks", "fire_together_wire_together", "example_at_start"]

DIGIT = 2  # the lesson's example: an image of a 2
MAX_SHOWN = 16  # neurons drawn per layer (the kit's NetworkMobject default)


def _lesson(trace):
    return trace if trace is not None else kit_data.trace("lesson")


def _data(data):
    return data if data is not None else kit_data.dataset()


def _display_scale(values) -> float:
    """What activations are divided by to become brightness: 1 within [0, 1] (sigmoid), else the largest (ReLU)."""
    return max(1.0, float(np.max(values)))


@dataclass(frozen=True)
class ExampleAtStart:
    """The example and the network it goes into: the first training image of ``label`` at the run's first
    snapshot (``step``), with its forward pass (``activations[l]``: layer l, input first)."""

    index: int  # training-set index
    label: int
    image: np.ndarray  # (784,)
    network: Network  # the run's first snapshot
    step: int  # the training step of that snapshot (0: the random start)
    activations: tuple  # per layer, (n_l,), the input first
    activation: str  # hidden activation: "sigmoid" or "relu"
    cost_name: str  # "quadratic" or "cross_entropy"
    sizes: tuple
    layer_scales: np.ndarray  # per layer, activation / scale = brightness
    shown_inputs: np.ndarray  # the drawn input neurons (informative_pixels)


def example_at_start(trace=None, data=None, digit: int = DIGIT) -> ExampleAtStart:
    trace, data = _lesson(trace), _data(data)
    index = int(np.flatnonzero(np.asarray(data.y_train) == digit)[0])
    net = trace.network(0)
    image = np.asarray(data.x_train[index], float)
    acts = tuple(a[0] for a in net.forward(image.reshape(1, -1))[1])
    scales = np.array([1.0] + [_display_scale(a) for a in acts[1:]])
    return ExampleAtStart(index, digit, image, net, int(trace.snapshot_steps[0]), acts, net.activation,
                          net.cost_name, tuple(net.sizes), scales, informative_pixels(data.x_train, MAX_SHOWN))


# --- OneExampleNudges -----------------------------------------------------------------------------
@dataclass(frozen=True)
class OutputNudges:
    """The ten outputs for the example, the outputs wanted (1 for its label, 0 for the rest), and each
    output's wanted change (netcore's ``example_nudges(...).output.desired``, = -dC/da).

    ``factor``: under the quadratic cost every nudge is ``factor`` x (desired - output) (factor 2), so
    each is in proportion to how far the output is from its target (``proportional``); under
    cross-entropy the nudge is (desired - output) / (output (1 - output)), not proportional (then
    ``factor`` is nan). ``order``: outputs by the size of their nudge, largest first."""

    example: ExampleAtStart
    outputs: np.ndarray  # (10,)
    desired: np.ndarray  # (10,) one-hot
    nudges: np.ndarray  # (10,) -dC/da
    distances: np.ndarray  # (10,) desired - outputs
    proportional: bool
    factor: float
    order: np.ndarray  # output indices, largest |nudge| first
    cost: float  # this example's cost (netcore)

    @property
    def biggest(self) -> int:
        return int(self.order[0])

    @property
    def label_rank(self) -> int:
        """1 if the label's nudge is the largest, 2 if second largest, ..."""
        return int(np.flatnonzero(self.order == self.example.label)[0]) + 1


def one_example_nudges(trace=None, data=None, digit: int = DIGIT) -> OutputNudges:
    ex = example_at_start(trace, data, digit)
    n = example_nudges(ex.network, ex.image, ex.label)
    outputs, desired, nudges = n.output_activations, n.target, n.output.desired
    distances = desired - outputs
    ratios = nudges / distances
    proportional = bool(np.all(np.isfinite(ratios)) and np.ptp(ratios) <= 1e-9 * np.max(np.abs(ratios)))
    factor = float(np.mean(ratios)) if proportional else float("nan")
    order = np.argsort(-np.abs(nudges), kind="stable")
    return OutputNudges(ex, outputs, desired, nudges, distances, proportional, factor, order, float(n.cost))


# --- ThreeAvenues ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class NeuronAvenues:
    """The label's output neuron and the three ways to raise it, as netcore computes them.

    ``bias_nudge`` = ``nudge`` x ``slope`` (-dC/dz; the slope of the output sigmoid is a (1 - a));
    ``weight_nudges[k]`` = ``bias_nudge`` x ``previous[k]`` (the brightest previous neurons matter most);
    ``wishes[k]`` = ``bias_nudge`` x ``weights[k]`` (the sign of each weight decides up or down).
    ``shown``: the previous-layer neurons drawn (all, or the kit's first and last 8)."""

    example: ExampleAtStart
    neuron: int  # the output neuron (the label)
    output: float  # its activation
    nudge: float  # its wanted change (-dC/da)
    slope: float  # sigmoid'(z) = a (1 - a) at the output
    bias: float  # its bias
    bias_nudge: float  # -dC/db
    previous: np.ndarray  # (n_prev,) the last hidden layer's activations
    weights: np.ndarray  # (n_prev,) the neuron's incoming weights
    weight_nudges: np.ndarray  # (n_prev,) -dC/dw
    wishes: np.ndarray  # (n_prev,) its wanted change of each previous activation
    shown: np.ndarray  # drawn previous-layer neuron indices
    brightest: int  # the most active previous neuron
    n_raised: int  # previous neurons it wants brighter (positive weight)
    n_lowered: int  # ... dimmer (negative weight)


def three_avenues(trace=None, data=None, digit: int = DIGIT) -> NeuronAvenues:
    ex = example_at_start(trace, data, digit)
    n = example_nudges(ex.network, ex.image, ex.label).output
    j = ex.label
    mine = n.neuron(j)
    out = float(n.activations[j])
    wishes = mine["wishes"]
    return NeuronAvenues(ex, j, out, mine["desired"], out * (1.0 - out), float(ex.network.biases[-1][j]),
                         mine["bias"], n.previous, ex.network.weights[-1][j].copy(), mine["weights"], wishes,
                         shown_indices(len(n.previous), MAX_SHOWN), int(np.argmax(n.previous)),
                         int(np.sum(wishes > 0)), int(np.sum(wishes < 0)))


# --- FireTogetherWireTogether ---------------------------------------------------------------------
@dataclass(frozen=True)
class HebbianLinks:
    """Every weight nudge of the last layer for the example (``changes[j, k]``: to output j from last
    hidden neuron k), its ``top`` largest increases, and how many of them come from the ``top`` most
    active previous neurons (``overlap``) and go to an output that should become more active
    (``to_raised``: its nudge is positive).

    ``top_pairs`` (j, k), largest increase first; ``brightest``: the ``top`` most active previous neurons,
    most active first. ``shown``: the previous neurons drawn: all when the layer has at most 16, else
    the 16 most active (in index order). ``top_decrease``: the largest decrease (j, k): which output it
    lowers and from which neuron."""

    example: ExampleAtStart
    changes: np.ndarray  # (10, n_prev)
    previous: np.ndarray  # (n_prev,)
    output_nudges: np.ndarray  # (10,)
    top: int
    top_pairs: np.ndarray  # (top, 2)
    top_values: np.ndarray  # (top,)
    brightest: np.ndarray  # (top,)
    overlap: int
    to_raised: int
    shown: np.ndarray
    top_decrease: tuple  # (j, k)
    decrease_from_brightest: bool  # the largest decrease also comes from one of the ``top`` brightest


def fire_together_wire_together(trace=None, data=None, digit: int = DIGIT, top: int = 4) -> HebbianLinks:
    ex = example_at_start(trace, data, digit)
    n = example_nudges(ex.network, ex.image, ex.label).output
    changes, prev = n.weights, n.previous
    n_active = int(np.sum(prev > 0))
    top = int(max(1, min(top, n_active, int(np.sum(changes > 0)) or 1)))
    flat = np.argsort(-changes, axis=None, kind="stable")[:top]
    pairs = np.stack(np.unravel_index(flat, changes.shape), axis=1)
    brightest = np.argsort(-prev, kind="stable")[:top]
    # a tie in brightness counts: a neuron at least as bright as the top-th brightest is among them
    threshold = prev[brightest[-1]]
    overlap = int(np.sum(prev[pairs[:, 1]] >= threshold))
    to_raised = int(np.sum(n.desired[pairs[:, 0]] > 0))
    shown = (np.arange(len(prev)) if len(prev) <= MAX_SHOWN
             else np.sort(np.argsort(-prev, kind="stable")[:MAX_SHOWN]))
    low = np.unravel_index(int(np.argmin(changes)), changes.shape)
    return HebbianLinks(ex, changes, prev, n.desired, top, pairs, changes[pairs[:, 0], pairs[:, 1]], brightest,
                        overlap, to_raised, shown, (int(low[0]), int(low[1])), bool(prev[low[1]] >= threshold))
