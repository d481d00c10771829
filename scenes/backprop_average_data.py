"""What the chapter-3 scenes GradientSensitivity and AverageOverExamples show, gathered from netcore:
one function per scene, each returning one frozen dataclass. ``scenes/backprop_average.py`` only lays
these out; the tests compare them with netcore computed independently.

Both read the lesson's run through ``scenes.kit.data`` (or a user's ``NETCORE_TRACE``) at its first
snapshot (step 0: the random initial weights), where the trace holds netcore's gradient of the full
training cost. Names and shapes come from the network (``Network.param_name``, ``Network.locate``),
so any layer sizes, activation and cost work.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from netcore.examples import desired_changes
from scenes.kit import data as kit_data

__all__ = ["Sensitivity", "gradient_sensitivity", "ExampleTable", "average_over_examples", "sensitivity_nudge",
           "route_of", "row_places"]


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
                       int(trace.snapshot_steps[snapshot]), len(x), len(weights), w.stop - w.start)


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
                        len(data.x_train))
