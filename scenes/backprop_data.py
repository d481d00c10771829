"""What the chapter-3 scenes show, computed by netcore: one function per scene, one frozen dataclass each.

The lesson file (``scenes/backprop.py``) formats these values and never computes. Runs come through
``scenes.kit.data`` (``trace("lesson")`` and its first snapshot, or ``NETCORE_TRACE``; the walkers
``sgd-walk`` / ``full-walk`` and their landscape ``walkers``), images from ``scenes.kit.data.dataset()``;
one example's nudges from ``netcore.nudges``, per-example changes and mini-batches from ``netcore.examples``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from netcore.data import informative_pixels
from netcore.examples import desired_changes, trace_minibatches
from netcore.landscape import Landscape
from netcore.network import Network
from netcore.nudges import example_nudges
from netcore.planes import explained_variance
from scenes.kit import data as kit_data
from scenes.kit.network import shown_indices

__all__ = [
    "Sensitivity",
    "gradient_sensitivity",
    "ExampleTable",
    "average_over_examples",
    "sensitivity_nudge",
    "route_of",
    "row_places",
    "ExampleAtStart",
    "OutputNudges",
    "one_example_nudges",
    "NeuronAvenues",
    "three_avenues",
    "HebbianLinks",
    "fire_together_wire_together",
    "example_at_start",
    "BackwardNudges",
    "propagate_backward",
    "MiniBatchSteps",
    "mini_batches",
    "Walker",
    "EqualCompute",
    "sgd_vs_full_batch",
    "uphill_steps",
    "examples_used",
]


def _lesson(trace):
    return trace if trace is not None else kit_data.trace("lesson")


def _data(data):
    return data if data is not None else kit_data.dataset()


def route_of(net, i: int) -> str:
    """Where weight ``i`` sits, in words: from which neuron (or input pixel) to which, layers counted
    from the input (layer 0), as ``Network.param_name`` counts them."""
    at = net.locate(i)
    last = at.layer == len(net.shapes) - 1
    to = f"output neuron {at.j}" if last else f"neuron {at.j} of layer {at.layer + 1}"
    if at.kind == "b":
        return f"bias of {to}"
    source = f"pixel {at.k}" if at.layer == 0 else f"neuron {at.k} of layer {at.layer}"
    return f"{source} \u2192 {to}"


def row_places(values) -> int:
    """Decimal places that show the largest |value| of a row with two significant digits (3 to 5)."""
    largest = float(np.max(np.abs(values))) if np.size(values) else 0.0
    return int(np.clip(np.ceil(-np.log10(largest)) + 1, 3, 5)) if largest > 0 else 3


# --- GradientSensitivity ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Sensitivity:
    """Two weights of the network at a snapshot and the full-training-set gradient there.

    ``first`` is the weight with the largest |dC/dw| of the whole network; ``second`` the median weight
    of the same layer by |dC/dw| (the middle one of that layer's nonzero components, sorted by size):
    a typical weight beside the most sensitive one. Both are nudged by the same ``nudge`` and the
    true change of the full training cost is measured (netcore evaluates the cost before and after)."""

    indices: tuple  # (first, second) flat parameter indices
    names: tuple  # LaTeX names, w^{(l)}_{j,k}
    routes: tuple  # where each weight sits, in words (``route_of``)
    layer: int  # 0-based layer (both weights), as netcore's ParamLocation
    values: np.ndarray  # (2,) the weights
    gradient: np.ndarray  # (2,) dC/dw of the full training cost
    ratio: float  # |gradient[0]| / |gradient[1]|
    cost: float  # the full training cost at the snapshot
    nudge: float  # the same small change given to each weight
    changes: np.ndarray  # (2,) the true change of the cost when each weight alone is nudged
    change_ratio: float  # |changes[0]| / |changes[1]|
    changes_match: bool  # the change ratio is within 10 % of the gradient ratio (what the verdict says)
    change_places: int  # decimal places that show both changes with at least two significant digits
    step: int
    n_train: int
    n_weights: int  # how many weights (not biases) the network has: the first is the largest of them
    layer_size: int  # how many weights the layer has (the median is taken over them)
    state: str  # what the snapshot is, in words (kit.data.snapshot_words): "random initial weights", ...


def sensitivity_nudge(largest: float) -> float:
    """The nudge: the power of ten that moves the cost by 0.01 to 0.1 through the largest component."""
    return float(10.0 ** np.floor(np.log10(0.1 / largest)))


def gradient_sensitivity(trace=None, data=None, snapshot: int = 0) -> Sensitivity:
    trace, data = _lesson(trace), _data(data)
    net = trace.network(snapshot)
    grad = trace.snapshot_grad[snapshot]
    weights = np.concatenate([np.arange(w.start, w.stop) for w, _ in net.slices])
    first = int(weights[np.argmax(np.abs(grad[weights]))])
    layer = net.locate(first).layer
    w = net.slices[layer][0]
    in_layer = np.arange(w.start, w.stop)
    nonzero = in_layer[grad[in_layer] != 0]
    by_size = nonzero[np.argsort(np.abs(grad[nonzero]), kind="stable")]
    second = int(by_size[(len(by_size) - 1) // 2])
    idx = (first, second)
    g = grad[list(idx)]
    x, y = data.x_train, data.y_train
    cost = net.cost(x, y)
    nudge = sensitivity_nudge(abs(g[0]))
    changes = []
    for i in idx:
        moved = net.params
        moved[i] += nudge
        changes.append(net.copy(moved).cost(x, y) - cost)
    changes = np.array(changes)
    smallest = max(abs(changes[1]), 1e-12)
    ratio = float(abs(g[0]) / abs(g[1]))
    change_ratio = float(abs(changes[0]) / max(abs(changes[1]), 1e-300))
    places = int(np.clip(np.ceil(-np.log10(smallest)) + 2, 3, 8))
    return Sensitivity(idx, tuple(net.param_name(i) for i in idx), tuple(route_of(net, i) for i in idx), layer,
                       net.params[list(idx)], g, ratio, float(cost), nudge, changes,
                       change_ratio, bool(abs(change_ratio / ratio - 1) < 0.1), places,
                       int(trace.snapshot_steps[snapshot]), len(x), len(weights), w.stop - w.start,
                       kit_data.snapshot_words(trace, snapshot))


# --- AverageOverExamples ------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExampleTable:
    """A few parameters' desired changes for each of the first training examples, at a snapshot.

    Rows (``indices``): for each weight layer (the last ``max_weight_rows`` of them), the weight with
    the largest |dC/dw| of the full training cost; then the output bias with the largest |dC/db|.
    Columns: the first ``n`` training images. ``per_example[e, r]`` is example e's desired change to
    parameter r (minus that example's own gradient component, ``netcore.examples.desired_changes``);
    ``average`` their row means; ``minus_gradient`` minus the gradient of the mean cost over those n
    examples as ``Network.gradient`` computes it (equal to ``average``); ``minus_full`` minus the
    gradient over the whole training set (the trace's)."""

    images: np.ndarray  # (n, 784)
    labels: np.ndarray  # (n,)
    indices: np.ndarray  # (m,) flat parameter indices, in parameter order
    names: tuple  # LaTeX names
    routes: tuple  # where each parameter sits, in words
    places: tuple  # per row: decimal places (``row_places`` of the row's values)
    per_example: np.ndarray  # (n, m)
    average: np.ndarray  # (m,)
    minus_gradient: np.ndarray  # (m,) -Network.gradient over the n examples
    minus_full: np.ndarray  # (m,) -gradient over all training images
    largest_gap: float  # max |average - minus_gradient| (rounding only)
    step: int
    n_train: int
    state: str  # what the snapshot is, in words (kit.data.snapshot_words)


def average_over_examples(trace=None, data=None, snapshot: int = 0, n_examples: int = 5,
                          max_weight_rows: int = 4) -> ExampleTable:
    trace, data = _lesson(trace), _data(data)
    net = trace.network(snapshot)
    full = trace.snapshot_grad[snapshot]
    rows = []
    for w, _ in net.slices[-max_weight_rows:]:
        rows.append(w.start + int(np.argmax(np.abs(full[w]))))
    b_out = net.slices[-1][1]
    rows.append(b_out.start + int(np.argmax(np.abs(full[b_out]))))
    idx = np.array(sorted(rows), dtype=np.int64)
    x, y = data.x_train[:n_examples], data.y_train[:n_examples]
    ch = desired_changes(net, x, y, idx)
    minus_grad = -net.gradient(x, y)[idx]
    places = tuple(row_places(np.concatenate([ch.per_example[:, r], [-full[i]]])) for r, i in enumerate(idx))
    return ExampleTable(np.asarray(x), np.asarray(y), idx, tuple(net.param_name(int(i)) for i in idx),
                        tuple(route_of(net, int(i)) for i in idx), places, ch.per_example, ch.average, minus_grad, -full[idx],
                        float(np.max(np.abs(ch.average - minus_grad))), int(trace.snapshot_steps[snapshot]),
                        len(data.x_train), kit_data.snapshot_words(trace, snapshot))


DIGIT = 2  # the lesson's example: an image of a 2


MAX_SHOWN = 16  # neurons drawn per layer (the kit's NetworkMobject default)


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
    state: str  # what the snapshot is, in words (kit.data.snapshot_words)


def example_at_start(trace=None, data=None, digit: int = DIGIT) -> ExampleAtStart:
    trace, data = _lesson(trace), _data(data)
    index = int(np.flatnonzero(np.asarray(data.y_train) == digit)[0])
    net = trace.network(0)
    image = np.asarray(data.x_train[index], float)
    acts = tuple(a[0] for a in net.forward(image.reshape(1, -1))[1])
    scales = np.array([1.0] + [_display_scale(a) for a in acts[1:]])
    return ExampleAtStart(index, digit, image, net, int(trace.snapshot_steps[0]), acts, net.activation,
                          net.cost_name, tuple(net.sizes), scales, informative_pixels(data.x_train, MAX_SHOWN),
                          kit_data.snapshot_words(trace, 0))


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
    state: str  # what the snapshot is, in words (kit.data.snapshot_words)

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
                          proportional, signs_right, dead, tuple(top), magnified,
                          kit_data.snapshot_words(trace, snapshot))


# --- MiniBatches ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MiniBatchSteps:
    """The first mini-batches of a recorded SGD run, in the order it used them, and its steps.

    ``run``: which run's mini-batches these are (``"lesson"``: the replayed run itself; ``"sgd-walk"``:
    its SGD partner when the replayed run is full-batch, ``replayed_method`` says which).
    ``batches`` (k, b): training-set indices of the first ``k`` mini-batches of epoch 0; ``images``
    (k, b, 784) and ``labels`` (k, b) those images; ``first_images`` / ``first_labels``: the training
    set's first images in stored order (before shuffling). ``step_costs``: every step's mini-batch cost
    in epoch 0 (the cost each step was computed from); ``snapshot_steps`` / ``snapshot_costs``: the
    true full training cost at the run's snapshots within epoch 0.
    """

    run: str
    replayed_method: str
    batch_size: int
    n_train: int
    n_batches: int  # mini-batches per epoch
    batches: np.ndarray
    images: np.ndarray
    labels: np.ndarray
    first_images: np.ndarray
    first_labels: np.ndarray
    step_costs: np.ndarray
    snapshot_steps: np.ndarray
    snapshot_costs: np.ndarray
    eta: float


def mini_batches(shown_batches: int = 4, shown_first: int = 40) -> MiniBatchSteps:
    """The replayed run's first ``shown_batches`` mini-batches of epoch 0 (its SGD partner's, when it is
    full-batch) and the costs of every step in that epoch."""
    replayed = kit_data.trace("lesson")
    name = "lesson" if replayed.meta["method"] == "sgd" else "sgd-walk"
    trace = replayed if name == "lesson" else kit_data.trace(name)
    data = kit_data.dataset()
    batches = trace_minibatches(trace, epoch=0)
    b = int(trace.meta["hyperparameters"]["batch_size"])
    shown = np.array([idx for idx in batches[:shown_batches] if len(idx) == b])
    per_epoch = int(trace.epoch_steps[0])
    in_epoch = trace.snapshot_steps <= per_epoch
    return MiniBatchSteps(name, replayed.meta["method"], b, len(data.x_train), len(batches), shown,
                          data.x_train[shown], data.y_train[shown], data.x_train[:shown_first],
                          data.y_train[:shown_first], np.asarray(trace.step_cost[:per_epoch]),
                          trace.snapshot_steps[in_epoch], trace.snapshot_cost[in_epoch],
                          float(trace.meta["hyperparameters"]["eta"]))


# --- SGDvsFullBatch ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Walker:
    """One run's path on the landscape: per snapshot its step, the example-gradients computed so far
    (``step * width``), its plane coordinates, its true full training cost, the exact cost at its
    projection onto the plane (``heights``) and its true gradient projected into the plane; the share
    of the path's movement the plane holds; the final test accuracy."""

    name: str
    method: str
    width: int  # examples per step: the batch size, or every training image
    steps: np.ndarray
    examples: np.ndarray
    coords: np.ndarray
    costs: np.ndarray
    heights: np.ndarray
    gradients: np.ndarray
    held: float
    offplane: np.ndarray
    test_accuracy: float


@dataclass(frozen=True)
class EqualCompute:
    """Full-batch descent and mini-batch SGD from one start, each given ``budget`` example-gradients
    (``passes`` passes over the ``n_train`` images), on one real cost surface.

    ``dense_steps``: the SGD run has a snapshot after every one of its first ``dense_steps`` steps;
    ``uphill``: those of them (step numbers) after which the true full training cost was higher than
    before. ``same_start``: both runs start from the same weights (checked, not assumed).
    """

    landscape: Landscape
    full: Walker
    sgd: Walker
    n_train: int
    n_params: int
    passes: int
    budget: int
    eta: float
    activation: str
    dense_steps: int
    uphill: tuple
    same_start: bool


def uphill_steps(steps, costs) -> tuple:
    """The steps after which the cost rose, among snapshots one step apart: ``steps[i]`` where
    ``steps[i] == steps[i - 1] + 1`` and ``costs[i] > costs[i - 1]``."""
    steps, costs = np.asarray(steps), np.asarray(costs)
    one = np.diff(steps) == 1
    up = np.diff(costs) > 0
    return tuple(int(s) for s in steps[1:][one & up])


def examples_used(steps, width: int, n_train: int) -> np.ndarray:
    """Example-gradients computed after each of ``steps``, ``width`` examples a step, every pass over
    the ``n_train`` images cut into ``ceil(n_train / width)`` steps (the last one may be smaller)."""
    per_pass = -(-n_train // width)
    steps = np.asarray(steps, np.int64)
    return (steps // per_pass) * n_train + np.minimum((steps % per_pass) * width, n_train)


def _walker(name: str, land: Landscape, index: int, trace) -> Walker:
    n_train = int(trace.meta["data"]["n_train"])
    path = land.trace_path(index)
    width = int(trace.meta["hyperparameters"]["batch_size"])  # every training image for full-batch
    held = explained_variance(land.directions, trace.snapshot_params)
    return Walker(name, trace.meta["method"], width, path["step"], examples_used(path["step"], width, n_train),
                  path["coords"],
                  path["cost"], path["height"], path["gradient"], held, path["offplane"],
                  float(trace.final_test_accuracy))


def sgd_vs_full_batch() -> EqualCompute:
    """The two walkers of landscape ``walkers`` (``full-walk`` first, then ``sgd-walk``)."""
    land = kit_data.landscape("walkers")
    names = kit_data.LANDSCAPES["walkers"]["traces"]
    full_trace, sgd_trace = (kit_data.trace(n) for n in names)
    full, sgd = (_walker(n, land, i, t) for i, (n, t) in enumerate(zip(names, (full_trace, sgd_trace))))
    steps = sgd.steps
    dense = min(kit_data.DENSE_SNAPSHOTS[names[1]][0], int(steps[-1]))  # recorded after every one of these steps
    n_train = int(sgd_trace.meta["data"]["n_train"])
    h = sgd_trace.meta["hyperparameters"]
    return EqualCompute(land, full, sgd, n_train, int(sgd_trace.snapshot_params.shape[1]), int(h["epochs"]),
                        int(h["epochs"]) * n_train, float(h["eta"]), sgd_trace.meta["network"]["activation"],
                        dense, uphill_steps(steps[:dense + 1], sgd.costs[:dense + 1]),
                        bool(np.array_equal(full_trace.snapshot_params[0], sgd_trace.snapshot_params[0])))
