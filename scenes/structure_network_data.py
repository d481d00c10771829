"""What the chapter-1 scenes about the network as a whole show (CountParameters, MatrixNotation,
NetworkIsAFunction, SigmoidVsReLU), gathered from netcore: one function per scene, each returning one
frozen dataclass. ``scenes/structure_network.py`` only lays these out; the tests compare them with
netcore directly.

Everything is read through ``scenes.kit.data``: the lesson's trained network (or a user's
``NETCORE_TRACE``, of any shape and activation), the kit's data, and the deep sigmoid / ReLU runs of
``DEEP_RUNS``. Optional ``trace`` / ``data`` arguments let a notebook or a test pass its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from netcore.compare import best_run, epoch_costs, final_cost, first_epoch_at_or_below
from netcore.network import Network
from scenes.kit import data as kit_data

__all__ = [
    "ParameterCount", "count_parameters", "LayerProduct", "matrix_notation", "NetworkAsFunction",
    "network_is_a_function", "ActivationRuns", "ActivationComparison", "sigmoid_vs_relu", "inked_pixels",
]


def _network(trace):
    return (trace if trace is not None else kit_data.trace("lesson")).network(-1)


def _data(data):
    return data if data is not None else kit_data.dataset()


def inked_pixels(image, n: int, level: float = 0.5) -> np.ndarray:
    """``n`` pixels of ``image`` that carry ink (value >= ``level``, or failing enough of those, > 0),
    spread evenly over them in image order: the entries a short slice of the input vector can show
    (most MNIST pixels are 0)."""
    image = np.asarray(image, float)
    inked = np.flatnonzero(image >= level)
    if len(inked) < n:
        inked = np.flatnonzero(image > 0)
    if len(inked) <= n:
        return inked
    return inked[np.round(np.linspace(0, len(inked) - 1, n + 2)[1:-1]).astype(int)]


def _shown_rows(n: int, head: int, tail: int) -> np.ndarray:
    """The first ``head`` and last ``tail`` of ``n`` rows, or all of them if that leaves at most one out."""
    if n <= head + tail + 1:
        return np.arange(n)
    return np.concatenate([np.arange(head), np.arange(n - tail, n)])


# --- CountParameters ------------------------------------------------------------------------------
@dataclass(frozen=True)
class ParameterCount:
    """The replayed network's layer sizes and, per layer of connections, its weights and biases."""

    sizes: tuple  # (784, 16, 16, 10) for the lesson
    weights: tuple  # per layer: the size of its weight matrix (n_in * n_out)
    biases: tuple  # per layer: the length of its bias vector (n_out)
    n_params: int  # the length of the network's parameter vector
    activation: str

    @property
    def n_weights(self) -> int:
        return int(sum(self.weights))

    @property
    def n_biases(self) -> int:
        return int(sum(self.biases))


def count_parameters(trace=None) -> ParameterCount:
    net = _network(trace)
    return ParameterCount(tuple(net.sizes), tuple(int(w.size) for w in net.weights),
                          tuple(int(len(b)) for b in net.biases), int(len(net.params)), net.activation)


# --- MatrixNotation -------------------------------------------------------------------------------
@dataclass(frozen=True)
class LayerProduct:
    """The first layer of connections of the trained network on one real image, a(1) = f(W a(0) + b),
    as a small slice: the rows ``rows`` of W, b and a(1) (the first ones, the last, and the layer's
    most active neuron on the image) and the inked input pixels ``columns`` of a(0) and W; and that
    most active row ``row`` worked out over all inputs."""

    image: np.ndarray  # (784,) the input a(0)
    label: int
    image_index: int  # in the test set
    rows: np.ndarray  # shown rows of W (neurons of the first hidden layer)
    columns: np.ndarray  # shown columns of W = shown entries of a(0) (pixels with ink)
    weights: np.ndarray  # (len(rows), len(columns)) W[rows][:, columns]
    inputs: np.ndarray  # (len(columns),) a(0)[columns]
    biases: np.ndarray  # (len(rows),) b[rows]
    activations: np.ndarray  # (len(rows),) a(1)[rows], netcore's forward pass
    n_inputs: int
    n_hidden: int
    activation: str  # "sigmoid" or "relu"
    row: int  # the row worked out on screen: the neuron with the highest activation
    row_dot: float  # W[row] . a(0) over all n_inputs inputs
    row_shown_part: float  # the part of that sum from the shown columns
    row_bias: float
    row_sum: float  # row_dot + row_bias: netcore's weighted sum z
    row_activation: float  # f(row_sum): netcore's activation


def matrix_notation(trace=None, data=None, n_columns: int = 3, head: int = 2, tail: int = 1,
                    image_index: int = 0) -> LayerProduct:
    net, data = _network(trace), _data(data)
    x = np.asarray(data.x_test[image_index], float)
    zs, acts = net.forward(x[None])
    W, b = net.weights[0], net.biases[0]
    row = int(np.argmax(acts[1][0]))  # the layer's most active neuron on the image: a row whose result shows
    rows = np.union1d(_shown_rows(net.sizes[1], head, tail), [row])
    columns = inked_pixels(x, n_columns)
    dot = float(W[row] @ x)
    return LayerProduct(x, int(data.y_test[image_index]), image_index, rows, columns, W[np.ix_(rows, columns)].copy(),
                        x[columns].copy(), b[rows].copy(), acts[1][0, rows].copy(), net.sizes[0], net.sizes[1],
                        net.activation, row, dot, float(W[row, columns] @ x[columns]), float(b[row]),
                        float(zs[0][0, row]), float(acts[1][0, row]))


# --- NetworkIsAFunction ---------------------------------------------------------------------------
@dataclass(frozen=True)
class NetworkAsFunction:
    """One real test image through the trained network: a few of its inked input values, one
    first-layer neuron's output (a function of all the inputs), the ten outputs, the parameter count."""

    image: np.ndarray
    label: int
    shown_inputs: np.ndarray  # indices of the input values shown (inked pixels)
    n_inputs: int
    neuron: int  # the first-layer neuron shown as a function: the most active on the image
    neuron_output: float
    outputs: np.ndarray  # (n_out,) netcore's feedforward
    n_params: int
    sizes: tuple
    activation: str

    @property
    def answer(self) -> int:
        return int(np.argmax(self.outputs))


def network_is_a_function(trace=None, data=None, n_shown: int = 5, image_index: int = 0) -> NetworkAsFunction:
    net, data = _network(trace), _data(data)
    x = np.asarray(data.x_test[image_index], float)
    _, acts = net.forward(x[None])
    neuron = int(np.argmax(acts[1][0]))  # the first layer's most active neuron on this image
    return NetworkAsFunction(x, int(data.y_test[image_index]), inked_pixels(x, n_shown), net.sizes[0], neuron,
                             float(acts[1][0, neuron]), acts[-1][0].copy(), int(len(net.params)), tuple(net.sizes),
                             net.activation)


# --- SigmoidVsReLU --------------------------------------------------------------------------------
@dataclass(frozen=True)
class ActivationRuns:
    """One activation's runs of the deep network, one per learning rate, and the best of them."""

    activation: str
    etas: np.ndarray  # the learning rates tried
    final_costs: np.ndarray  # each run's final training cost (inf: diverged)
    best: int  # index of the lowest final cost
    costs: np.ndarray  # the best run's training cost before training and after each epoch
    test_accuracy: float  # the best run's test accuracy

    @property
    def eta(self) -> float:
        return float(self.etas[self.best])

    @property
    def final_cost(self) -> float:
        return float(self.final_costs[self.best])


@dataclass(frozen=True)
class ActivationComparison:
    """The two activation functions' curves (netcore's), then one deep network trained with each on
    the same data and budget, and the measures the scene's verdict follows."""

    z: np.ndarray  # weighted sums the curves are drawn over
    sigmoid: np.ndarray  # netcore's sigmoid of z
    relu: np.ndarray  # netcore's ReLU of z
    runs: tuple  # (sigmoid ActivationRuns, ReLU ActivationRuns)
    sizes: tuple
    epochs: int
    batch_size: int
    seed: int
    init: str
    cost: str
    n_train: int
    n_test: int
    winner: str | None  # the activation whose best run ended at the lower training cost, None if within 5 %
    cost_ratio: float  # the higher final cost over the lower
    reach_epoch: int | None  # the first epoch the winner's cost was at or below the other's final cost

    def of(self, activation: str) -> ActivationRuns:
        return {r.activation: r for r in self.runs}[activation]


def _activation_runs(activation: str, names) -> ActivationRuns:
    traces = [kit_data.trace(name) for name in names]
    best = best_run(traces)
    return ActivationRuns(activation, np.array([float(t.meta["hyperparameters"]["eta"]) for t in traces]),
                          np.array([final_cost(t) for t in traces]), best, epoch_costs(traces[best]),
                          float(traces[best].final_test_accuracy))


def sigmoid_vs_relu(z_range=(-5.0, 5.0), n: int = 201, close: float = 0.05) -> ActivationComparison:
    z = np.linspace(*z_range, n)
    curves = {act: Network((1, 1), activation=act).hidden(z) for act in ("sigmoid", "relu")}
    runs = tuple(_activation_runs(act, kit_data.DEEP_RUNS[act]) for act in ("sigmoid", "relu"))
    spec = kit_data.spec(kit_data.DEEP_RUNS["sigmoid"][0])
    data = kit_data.dataset()
    low, high = sorted(runs, key=lambda r: r.final_cost)
    ratio = high.final_cost / low.final_cost
    winner = None if ratio < 1 + close else low.activation
    reach = first_epoch_at_or_below(low.costs, high.final_cost) if winner else None
    return ActivationComparison(z, curves["sigmoid"], curves["relu"], runs, tuple(spec.sizes), spec.epochs,
                                spec.batch_size, spec.seed, spec.init, spec.cost, len(data.x_train), len(data.x_test),
                                winner, float(ratio), reach)
