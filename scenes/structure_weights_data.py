"""What the chapter-1 scenes about one neuron's weights, the sigmoid and the bias show, gathered from
netcore: one function per scene, each returning one frozen dataclass (``scenes/structure_weights.py``
lays them out; the tests compare them with netcore directly).

The real neuron is a first-hidden-layer neuron (the network's second layer) of the replayed run
(``scenes.kit.data.trace("lesson")`` or a user's ``NETCORE_TRACE``), chosen by a stated rule: the one
whose weight image is smoothest (``netcore.detectors.weight_smoothness``). The edge detector is
hand-set (``netcore.detectors.bar_detector``); the images it is shown on are picked from the training
data by stated rules, never by index.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from netcore.data import lit_pixels
from netcore.detectors import bar_detector, spread_picks, weight_smoothness, weighted_sums
from netcore.network import Network
from scenes.kit import data as kit_data

__all__ = ["DETECTOR_DIGIT", "DETECTOR_ROWS", "DETECTOR_COLS", "DETECTOR_BAR", "DETECTOR_SURROUND", "THRESHOLD",
           "ChosenNeuron", "EdgeDetector", "WeightsAsPixels", "weights_as_pixels", "Squish", "sigmoid_squish",
           "Threshold", "bias_threshold", "edge_detector", "chosen_neuron", "activation_values"]

# the hand-set edge detector: +1 on a bar 3 pixels high and 10 wide where the top stroke of a 7 runs,
# -0.5 on the ring of pixels around it, 0 elsewhere; shown on training images of DETECTOR_DIGIT
DETECTOR_DIGIT = 7
DETECTOR_ROWS, DETECTOR_COLS = (6, 9), (9, 19)
DETECTOR_BAR, DETECTOR_SURROUND = 1.0, -0.5
THRESHOLD = 10.0  # the lesson's example: active only when the weighted sum passes 10, i.e. bias -10
ACTIVATION_NAMES = {"sigmoid": "sigmoid", "relu": "ReLU"}


def _lesson(trace):
    return trace if trace is not None else kit_data.trace("lesson")


def _data(data):
    return data if data is not None else kit_data.dataset()


def activation_values(name: str, z) -> np.ndarray:
    """netcore's hidden-layer activation ``name`` ("sigmoid" or "relu") applied to ``z``."""
    return Network((1, 1), activation=name, params=np.zeros(2)).hidden(np.asarray(z, np.float64))


# --- the real neuron ------------------------------------------------------------------------------
@dataclass(frozen=True)
class ChosenNeuron:
    """One first-hidden-layer neuron of the trained network, why it was chosen, and its weighted sum
    on one real training image."""

    index: int  # 0-based, within the first hidden layer
    n_neurons: int  # how many neurons that layer has
    weights: np.ndarray  # (784,) its incoming weights W1[index]
    bias: float  # b1[index]
    smoothness: float  # its weight image's neighbour correlation (the largest of the layer)
    activation: str  # "sigmoid" or "relu": the replayed run's hidden activation
    image: np.ndarray  # (784,) the training image
    image_index: int
    image_label: int
    term_pixels: np.ndarray  # (k,) 0-based pixels of the largest terms |w a|, in pixel order
    term_weights: np.ndarray
    term_activations: np.ndarray
    weighted_sum: float  # W1[index] @ image, all 784 terms
    output: float  # its activation on the image: activation(weighted_sum + bias), netcore's forward pass
    steps: int  # steps the run trained

    @property
    def activation_name(self) -> str:
        return ACTIVATION_NAMES.get(self.activation, self.activation)


def chosen_neuron(trace=None, data=None, n_terms: int = 3) -> ChosenNeuron:
    """The first-hidden-layer neuron with the smoothest weight image (ties: the lowest index), on the
    first training image of ``DETECTOR_DIGIT``; the ``n_terms`` terms with the largest ``|w a|``."""
    trace, data = _lesson(trace), _data(data)
    net = trace.network(-1)
    W, b = net.weights[0], net.biases[0]
    smooth = weight_smoothness(W, lit_pixels(data.x_train))
    j = int(np.argmax(smooth))
    i = int(np.flatnonzero(data.y_train == DETECTOR_DIGIT)[0])
    x = np.asarray(data.x_train[i], np.float64)
    terms = W[j] * x
    top = np.sort(np.argsort(-np.abs(terms), kind="stable")[:n_terms])
    zs, acts = net.forward(x[None])
    return ChosenNeuron(j, len(W), W[j].copy(), float(b[j]), float(smooth[j]), net.activation, x, i,
                        int(data.y_train[i]), top, W[j][top].copy(), x[top].copy(), float(weighted_sums(W[j], x)),
                        float(acts[1][0, j]), int(trace.snapshot_steps[-1]))


# --- the hand-set edge detector ---------------------------------------------------------------------
@dataclass(frozen=True)
class EdgeDetector:
    """The hand-set bar detector and the training images of one digit with the largest and the smallest
    weighted sum (a stroke along the bar; none there)."""

    weights: np.ndarray  # (784,)
    rows: tuple  # the bar: rows[0] <= row < rows[1]
    cols: tuple
    bar_weight: float
    surround_weight: float
    digit: int
    n_searched: int  # how many training images of that digit were searched
    hit_index: int
    hit_image: np.ndarray
    hit_sum: float
    miss_index: int
    miss_image: np.ndarray
    miss_sum: float


def edge_detector(data=None) -> EdgeDetector:
    data = _data(data)
    w = bar_detector(DETECTOR_ROWS, DETECTOR_COLS, DETECTOR_BAR, DETECTOR_SURROUND)
    of_digit = np.flatnonzero(data.y_train == DETECTOR_DIGIT)
    sums = weighted_sums(w, data.x_train[of_digit])
    hit, miss = of_digit[int(np.argmax(sums))], of_digit[int(np.argmin(sums))]
    return EdgeDetector(w, DETECTOR_ROWS, DETECTOR_COLS, DETECTOR_BAR, DETECTOR_SURROUND, DETECTOR_DIGIT,
                        len(of_digit), int(hit), np.asarray(data.x_train[hit], np.float64), float(sums.max()),
                        int(miss), np.asarray(data.x_train[miss], np.float64), float(sums.min()))


# --- WeightsAsPixels ------------------------------------------------------------------------------
@dataclass(frozen=True)
class WeightsAsPixels:
    neuron: ChosenNeuron
    detector: EdgeDetector


def weights_as_pixels(trace=None, data=None) -> WeightsAsPixels:
    return WeightsAsPixels(chosen_neuron(trace, data), edge_detector(data))


# --- SigmoidSquish --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Squish:
    """The sigmoid on a range of inputs (a curve) and at a few inputs, and the replayed run's activation."""

    curve_x: np.ndarray
    curve_y: np.ndarray  # sigmoid(curve_x)
    inputs: np.ndarray
    outputs: np.ndarray  # sigmoid(inputs)
    near: float  # "near 0" / "near 1": within this of it
    low_near_zero: bool  # the most negative input's output is within ``near`` of 0
    high_near_one: bool  # the most positive input's output is within ``near`` of 1
    at_zero: float  # sigmoid(0)
    replayed_activation: str  # "sigmoid" or "relu"

    @property
    def replayed_name(self) -> str:
        return ACTIVATION_NAMES.get(self.replayed_activation, self.replayed_activation)


def sigmoid_squish(trace=None, inputs=(-8.0, -4.0, -1.0, 0.0, 1.0, 4.0, 8.0), span: float = 10.0,
                   near: float = 0.01) -> Squish:
    xs = np.linspace(-span, span, 401)
    inputs = np.asarray(inputs, np.float64)
    out = activation_values("sigmoid", inputs)
    return Squish(xs, activation_values("sigmoid", xs), inputs, out, near, bool(out[np.argmin(inputs)] < near),
                  bool(out[np.argmax(inputs)] > 1 - near), float(activation_values("sigmoid", 0.0)),
                  _lesson(trace).meta["network"]["activation"])


# --- BiasThreshold --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Threshold:
    """The edge detector with bias ``-threshold`` on training images of its digit whose weighted sums
    spread from the smallest to the largest, each sum's sigmoid(sum - threshold); then the real neuron."""

    detector: EdgeDetector
    threshold: float
    images: np.ndarray  # (k, 784), in increasing weighted sum
    indices: np.ndarray  # (k,) their training-set indices
    sums: np.ndarray  # (k,) weighted sums w @ x
    outputs: np.ndarray  # (k,) sigmoid(sum - threshold)
    n_above: int  # how many of the shown sums pass the threshold
    curve_x: np.ndarray
    curve_y: np.ndarray  # sigmoid(curve_x - threshold)
    plain_y: np.ndarray  # sigmoid(curve_x): no bias
    neuron: ChosenNeuron  # the trained neuron of WeightsAsPixels, with its real bias
    neuron_curve_y: np.ndarray  # its activation of (curve_x + its bias): sigmoid or ReLU, as the run has it
    neuron_on_plot: bool  # its curve fits the plot (a sigmoid) and its sum on the 7 lies in the plotted range


def bias_threshold(trace=None, data=None, n_images: int = 6) -> Threshold:
    """The detector's digit's training images picked by ``spread_picks`` (closest to evenly spaced sums
    from the smallest to the largest)."""
    data = _data(data)
    det = edge_detector(data)
    of_digit = np.flatnonzero(data.y_train == det.digit)
    all_sums = weighted_sums(det.weights, data.x_train[of_digit])
    picks = spread_picks(all_sums, n_images)
    indices = of_digit[picks]
    sums = all_sums[picks]
    neuron = chosen_neuron(trace, data)
    # the shown sums, 0 .. twice the threshold, and the trained neuron's own threshold -b
    lo = min(float(sums.min()), 0.0, -neuron.bias)
    hi = max(float(sums.max()), 2 * THRESHOLD, -neuron.bias)
    margin = 0.05 * (hi - lo)
    xs = np.linspace(lo - margin, hi + margin, 401)
    on_plot = neuron.activation == "sigmoid" and bool(xs[0] <= neuron.weighted_sum <= xs[-1])
    return Threshold(det, THRESHOLD, np.asarray(data.x_train[indices], np.float64), indices, sums,
                     activation_values("sigmoid", sums - THRESHOLD), int(np.sum(sums > THRESHOLD)), xs,
                     activation_values("sigmoid", xs - THRESHOLD), activation_values("sigmoid", xs),
                     neuron, activation_values(neuron.activation, xs + neuron.bias), on_plot)
