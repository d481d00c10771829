"""What the chapter-1 scenes show, computed by netcore: one function per scene, one frozen dataclass each.

The lesson file (``scenes/structure.py``) formats these values and never computes. Runs come through
``scenes.kit.data`` (``trace("lesson")``: the lesson's trained run, or ``NETCORE_TRACE``; the deep
sigmoid/ReLU comparison runs in ``RUNS``), images from ``scenes.kit.data.dataset()``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from netcore.compare import best_run, epoch_costs, final_cost, first_epoch_at_or_below
from netcore.data import informative_pixels, lit_pixels
from netcore.detectors import bar_detector, spread_picks, weight_smoothness, weighted_sums
from netcore.network import Network
from netcore.strokes import PartContrast, StrokeParts, line_pieces, loop_arcs, part_contrast, stroke_parts
from scenes.kit import data as kit_data

__all__ = [
    "DifferentThrees",
    "sloppy_three",
    "NeuronAndPixels",
    "neuron_holds_number",
    "PixelsIntoInputs",
    "pixels_to_input_layer",
    "LayersOfTheNetwork",
    "network_layers",
    "farthest_apart",
    "three_pixels",
    "INK",
    "FedTestDigits",
    "feed_forward",
    "DigitStrokes",
    "StrokeHope",
    "layered_hope",
    "display_scale",
    "DETECTOR_DIGIT",
    "DETECTOR_ROWS",
    "DETECTOR_COLS",
    "DETECTOR_BAR",
    "DETECTOR_SURROUND",
    "THRESHOLD",
    "ChosenNeuron",
    "EdgeDetector",
    "WeightsAsPixels",
    "weights_as_pixels",
    "Squish",
    "sigmoid_squish",
    "Threshold",
    "bias_threshold",
    "edge_detector",
    "chosen_neuron",
    "activation_values",
    "ParameterCount",
    "count_parameters",
    "LayerProduct",
    "matrix_notation",
    "NetworkAsFunction",
    "network_is_a_function",
    "ActivationRuns",
    "ActivationComparison",
    "sigmoid_vs_relu",
    "inked_pixels",
]


INK = 0.5  # a pixel greyer than this counts as ink (the captions' "lit" pixels)


N_SHOWN_INPUTS = 16  # input neurons the network drawing shows (the kit's max_shown)


def _data(data):
    return data if data is not None else kit_data.dataset()


def _lesson(trace):
    return trace if trace is not None else kit_data.trace("lesson")


def _first_three(labels) -> int:
    return int(np.flatnonzero(np.asarray(labels) == 3)[0])


def farthest_apart(x, start: int, k: int, pool=None) -> np.ndarray:
    """Greedy farthest-point selection: ``start``, then each time the image of ``pool`` (default all
    rows of ``x``) whose distance (Euclidean, pixel space) to the nearest image chosen so far is
    largest; ties go to the lower index. Returns the ``k`` row indices of ``x`` in the order chosen."""
    x = np.asarray(x, float)
    pool = np.arange(len(x)) if pool is None else np.asarray(pool, int)
    chosen = [int(start)]
    nearest = np.linalg.norm(x[pool] - x[start], axis=1)
    for _ in range(k - 1):
        j = int(pool[int(np.argmax(nearest))])
        chosen.append(j)
        nearest = np.minimum(nearest, np.linalg.norm(x[pool] - x[j], axis=1))
    return np.array(chosen)


def three_pixels(image) -> np.ndarray:
    """Three pixels of a square image: a background pixel (value 0; the one nearest the centre of the
    ink, e.g. inside a loop), the pixel nearest mid-grey (0.5), the brightest; ties to the lower index."""
    image = np.asarray(image, float)
    side = int(round(np.sqrt(len(image))))
    rows, cols = np.divmod(np.arange(len(image)), side)
    ink = image > INK
    centre = np.array([rows[ink].mean(), cols[ink].mean()])
    distance = np.hypot(rows - centre[0], cols - centre[1])
    background = np.flatnonzero(image == 0)
    return np.array([int(background[np.argmin(distance[background])]), int(np.argmin(np.abs(image - 0.5))),
                     int(np.argmax(image))])


# --- SloppyThree --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DifferentThrees:
    """The first training 3, then 3s as different from each other as the data has, then other digits.

    ``threes``: greedy farthest-point selection (``farthest_apart``) starting from the first training 3,
    among the half of the training 3s nearest the average 3 (``pool_size`` of them: typical 3s, not
    the odd scrawls at the edge of the set)."""

    first_index: int  # the first training 3: the sloppy 3 the scene opens with
    three_indices: np.ndarray  # (k,) training indices of the 3s shown, first_index first
    threes: np.ndarray  # (k, 784)
    n_threes: int  # 3s in the training set
    pool_size: int
    n_train: int
    side: int  # pixels per row and column (28)
    ink_counts: np.ndarray  # (k,) ink pixels (grey > INK) in each shown 3
    ink_in_all: int  # pixels that are ink in every shown 3
    ink_in_any: int  # pixels that are ink in at least one of them
    ink: float
    other_indices: np.ndarray  # (m,) the first training image of every other label, in label order
    others: np.ndarray  # (m, 784)
    other_labels: np.ndarray  # (m,)
    other_counts: np.ndarray  # (m,) training images with that label

    @property
    def first(self) -> np.ndarray:
        return self.threes[0]


def sloppy_three(data=None, n_threes: int = 5) -> DifferentThrees:
    d = _data(data)
    x, y = np.asarray(d.x_train, float), np.asarray(d.y_train)
    idx = np.flatnonzero(y == 3)
    first = _first_three(y)
    distance = np.linalg.norm(x[idx] - x[idx].mean(axis=0), axis=1)
    pool = idx[distance <= np.median(distance)]
    shown = farthest_apart(x, first, n_threes, pool[pool != first])
    ink = x[shown] > INK
    labels = np.array([v for v in np.unique(y) if v != 3])
    others = np.array([int(np.flatnonzero(y == v)[0]) for v in labels])
    return DifferentThrees(first, shown, x[shown], len(idx), len(pool), len(x), int(round(np.sqrt(x.shape[1]))),
                           ink.sum(axis=1), int(ink.all(axis=0).sum()), int(ink.any(axis=0).sum()), INK,
                           others, x[others], labels, np.array([int((y == v).sum()) for v in labels]))


# --- NeuronHoldsNumber --------------------------------------------------------------------------------
@dataclass(frozen=True)
class NeuronAndPixels:
    """A neuron holding real pixel values: a walk along one row of the first training 3, pixel by
    pixel across its ink, then its ``three_pixels``: background, the one nearest mid-grey, the brightest."""

    image_index: int
    image: np.ndarray  # (784,)
    side: int
    walk_row: int  # the row with the most ink pixels
    walk_pixels: np.ndarray  # (w,) pixel indices along that row, from two before its first lit pixel to two after its last
    walk_values: np.ndarray  # (w,) their grey values
    stops: np.ndarray  # (3,) pixel indices: three_pixels (background, nearest mid-grey, brightest)
    stop_values: np.ndarray  # (3,)


def neuron_holds_number(data=None) -> NeuronAndPixels:
    d = _data(data)
    i = _first_three(d.y_train)
    image = np.asarray(d.x_train[i], float)
    side = int(round(np.sqrt(len(image))))
    grid = image.reshape(side, side)
    row = int(np.argmax((grid > INK).sum(axis=1)))
    lit = np.flatnonzero(grid[row] > 0)
    cols = np.arange(max(lit[0] - 2, 0), min(lit[-1] + 3, side))
    walk = row * side + cols
    stops = three_pixels(image)
    return NeuronAndPixels(i, image, side, row, walk, image[walk], stops, image[stops])


# --- PixelsToInputLayer ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class PixelsIntoInputs:
    """The first training 3's pixels becoming the input layer of the replayed network.

    ``shown_inputs``: the input neurons the drawing shows, ``netcore.data.informative_pixels`` over
    the training images (the pixels whose values vary most, in image order); the rest go into the
    ellipsis."""

    image_index: int
    image: np.ndarray  # (784,)
    side: int  # 28
    n_inputs: int  # 784 = side * side = the network's input size
    network: Network
    shown_inputs: np.ndarray  # (16,)
    shown_values: np.ndarray  # (16,) image[shown_inputs]: what the drawn input neurons hold
    n_train: int
    callouts: np.ndarray  # (3,) pixels whose values are written out: background, nearest mid-grey, brightest
    callout_values: np.ndarray


def _shown_inputs(data, n: int = N_SHOWN_INPUTS) -> np.ndarray:
    return informative_pixels(data.x_train, n)


def pixels_to_input_layer(trace=None, data=None) -> PixelsIntoInputs:
    d, net = _data(data), _lesson(trace).network()
    i = _first_three(d.y_train)
    image = np.asarray(d.x_train[i], float)
    side = int(round(np.sqrt(len(image))))
    if side * side != net.sizes[0]:
        raise ValueError(f"images of {len(image)} pixels do not fit a network with {net.sizes[0]} inputs")
    shown = _shown_inputs(d)
    callouts = three_pixels(image)
    return PixelsIntoInputs(i, image, side, int(net.sizes[0]), net, shown, image[shown], len(d.x_train),
                            callouts, image[callouts])


# --- NetworkLayers --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LayersOfTheNetwork:
    """The replayed network's layers: sizes read from it, and the input neurons the drawing shows."""

    network: Network
    sizes: tuple  # (784, ..., 10)
    shown_inputs: np.ndarray  # (16,) as in PixelsToInputLayer
    n_train: int

    @property
    def hidden_sizes(self) -> tuple:
        return tuple(self.sizes[1:-1])


def network_layers(trace=None, data=None) -> LayersOfTheNetwork:
    d, net = _data(data), _lesson(trace).network()
    return LayersOfTheNetwork(net, tuple(int(s) for s in net.sizes), _shown_inputs(d), len(d.x_train))


def display_scale(largest: float) -> float:
    """What activations are divided by to become brightness: 1 while they stay within [0, 1]
    (sigmoid), else their largest value (ReLU), so the brightest shown is white and none clips."""
    return max(1.0, float(largest))


# --- FeedForward ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class FedTestDigits:
    """Test images fed through the trained network, and its accuracy on the whole test set.

    ``indices`` are test-set indices: the first ``n_first`` test images, then the first test image it
    gets wrong (``first_wrong``; -1 if it gets none wrong) when that is not among them."""

    network: Network
    shown_inputs: np.ndarray  # (16,) the input neurons drawn: the most varying pixels of the training images
    n_train: int  # training images the pixels' variation is measured over
    indices: np.ndarray  # (k,) test-set indices, in the order they are fed
    images: np.ndarray  # (k, 784)
    labels: np.ndarray  # (k,)
    guesses: np.ndarray  # (k,) the brightest output
    outputs: np.ndarray  # (k, n_out)
    first_wrong: int  # test index of the first image it gets wrong, -1 if none
    n_test: int
    accuracy: float  # netcore: Network.accuracy on the whole test set
    trace_accuracy: float  # the trace's recorded final test accuracy (the same run, measured in training)
    activation: str
    layer_scales: np.ndarray  # (n_layers,) activations / scale = brightness (display_scale of each layer's max)

    @property
    def correct(self) -> np.ndarray:
        return self.guesses == self.labels


def feed_forward(trace=None, data=None, n_first: int = 3, n_inputs: int = 16) -> FedTestDigits:
    trace, data = _lesson(trace), _data(data)
    net = trace.network(-1)
    guesses_all = net.predict(data.x_test)
    wrong = np.flatnonzero(guesses_all != data.y_test)
    first_wrong = int(wrong[0]) if len(wrong) else -1
    indices = list(range(min(n_first, len(data.x_test))))
    if first_wrong >= 0 and first_wrong not in indices:
        indices.append(first_wrong)
    indices = np.array(indices)
    images = data.x_test[indices]
    acts = net.forward(images)[1]
    scales = np.array([1.0] + [display_scale(a.max()) for a in acts[1:]])
    return FedTestDigits(net, informative_pixels(data.x_train, n_inputs), len(data.x_train), indices, images,
                         data.y_test[indices], guesses_all[indices], acts[-1], first_wrong, len(data.x_test),
                         net.accuracy(data.x_test, data.y_test), float(trace.final_test_accuracy),
                         net.activation, scales)


# --- LayeredHope ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class DigitStrokes:
    """A real training image of ``digit`` cut into strokes by ``netcore.strokes.stroke_parts``: the
    first of the first ``n_checked`` images of that digit whose parts are ``wanted`` (loops, lines);
    ``n_split`` of those images split that way. ``matches`` is False when none did (then the first
    image of the digit is shown with whatever parts it has)."""

    digit: int
    index: int  # training-set index
    image: np.ndarray  # (784,)
    parts: StrokeParts
    wanted: tuple  # (loops, lines)
    n_checked: int
    n_split: int
    matches: bool


@dataclass(frozen=True)
class StrokeHope:
    """The hope, from real strokes (a 9, an 8, a 4 and the 9's little edges), then what the trained
    network's last hidden layer does on real test 9s, 8s and 4s.

    ``rows`` are the first ``per_digit`` test images of each digit of ``row_digits``; ``row_values``
    their last-hidden-layer activations divided by ``scales`` (per neuron: 1 for activations within
    [0, 1], else the neuron's largest on the test images of those digits); ``measure`` is
    ``netcore.strokes.part_contrast`` of those scaled activations over ALL test images of the digits."""

    strokes: tuple  # DigitStrokes for 9, 8, 4
    little_edges: tuple  # (28, 28) masks: the 9's loop in arcs, then its line in pieces
    n_arcs: int  # how many of little_edges come from the loop
    layer: int  # which layer (0 = input) the rows show: the last hidden layer
    n_layers: int
    layer_size: int
    activation: str
    row_digits: tuple
    row_indices: np.ndarray  # (rows,) test indices
    row_images: np.ndarray  # (rows, 784)
    row_labels: np.ndarray
    row_activations: np.ndarray  # (rows, layer_size) raw
    scales: np.ndarray  # (layer_size,)
    row_values: np.ndarray  # (rows, layer_size) raw / scales: what the cells show
    measure: PartContrast
    n_test: int

    @property
    def scaled(self) -> bool:
        return bool(np.any(self.scales != 1.0))


HOPES = {9: (1, 1), 8: (2, 0), 4: (0, 3)}  # the lesson's words: a loop and a line; two loops; three lines


def _matches(parts: StrokeParts, wanted) -> bool:
    if parts.counts != tuple(wanted):
        return False
    if wanted == (1, 1):  # "a loop up top and a line": the loop above the line
        return np.argwhere(parts.loops[0])[:, 0].mean() < np.argwhere(parts.lines[0])[:, 0].mean()
    return True


def digit_strokes(images, labels, digit: int, wanted, n_checked: int = 100) -> DigitStrokes:
    """The first of the first ``n_checked`` images of ``digit`` whose strokes are ``wanted``."""
    of_digit = np.flatnonzero(np.asarray(labels) == digit)[:n_checked]
    split = [i for i in of_digit if _matches(stroke_parts(images[i]), wanted)]
    index = int(split[0]) if split else int(of_digit[0])
    return DigitStrokes(digit, index, np.asarray(images[index]), stroke_parts(images[index]), tuple(wanted),
                        len(of_digit), len(split), bool(split))


def layered_hope(trace=None, data=None, per_digit: int = 4, n_arcs: int = 8, n_line_pieces: int = 3) -> StrokeHope:
    trace, data = _lesson(trace), _data(data)
    strokes = tuple(digit_strokes(data.x_train, data.y_train, d, w) for d, w in HOPES.items())
    nine = strokes[0].parts
    edges = []
    if nine.loops:
        edges += loop_arcs(nine.loops[0], nine.holes[0], n_arcs)
    arcs = len(edges)
    for line in nine.lines:
        edges += line_pieces(line, n_line_pieces)
    net = trace.network(-1)
    layer = len(net.sizes) - 2  # the last hidden layer
    row_digits = tuple(HOPES)
    in_rows = np.isin(data.y_test, row_digits)
    hidden = net.forward(data.x_test[in_rows])[1][layer]
    largest = hidden.max(axis=0) if len(hidden) else np.ones(net.sizes[layer])
    scales = np.array([1.0 if hidden.max(initial=0) <= 1 else (m if m > 0 else 1.0) for m in largest])
    rows = np.concatenate([np.flatnonzero(data.y_test == d)[:per_digit] for d in row_digits])
    row_acts = net.forward(data.x_test[rows])[1][layer]
    measure = part_contrast(hidden / scales, data.y_test[in_rows], with_part=(9, 8), without_part=(4,))
    return StrokeHope(strokes, tuple(edges), arcs, layer, len(net.sizes), net.sizes[layer], net.activation, row_digits,
                      rows, data.x_test[rows], data.y_test[rows], row_acts, scales, row_acts / scales, measure,
                      len(data.x_test))


# the hand-set edge detector: +1 on a bar 3 pixels high and 10 wide where the top stroke of a 7 runs,
# -0.5 on the ring of pixels around it, 0 elsewhere; shown on training images of DETECTOR_DIGIT
DETECTOR_DIGIT = 7


DETECTOR_ROWS, DETECTOR_COLS = (6, 9), (9, 19)


DETECTOR_BAR, DETECTOR_SURROUND = 1.0, -0.5


THRESHOLD = 10.0  # the lesson's example: active only when the weighted sum passes 10, i.e. bias -10


ACTIVATION_NAMES = {"sigmoid": "sigmoid", "relu": "ReLU"}


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


def _network(trace):
    return (trace if trace is not None else kit_data.trace("lesson")).network(-1)


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
    start_gradient: np.ndarray  # per weight layer, first to last: the root mean square of the training
    # cost's gradient over the layer's weights, at the start (the same initial weights for every run)

    @property
    def gradient_shrink(self) -> float:
        """How many times smaller the first layer's gradient (per weight, RMS) is than the last's."""
        return float(self.start_gradient[-1] / self.start_gradient[0])

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


def layer_gradient_rms(net: Network, gradient) -> np.ndarray:
    """Per weight layer of ``net``, the root mean square of ``gradient``'s entries for its weights."""
    weights, _ = net.views(np.asarray(gradient))
    return np.array([float(np.sqrt(np.mean(np.square(w)))) for w in weights])


def _activation_runs(activation: str, names) -> ActivationRuns:
    traces = [kit_data.trace(name) for name in names]
    best = best_run(traces)
    start = traces[best]
    return ActivationRuns(activation, np.array([float(t.meta["hyperparameters"]["eta"]) for t in traces]),
                          np.array([final_cost(t) for t in traces]), best, epoch_costs(traces[best]),
                          float(traces[best].final_test_accuracy),
                          layer_gradient_rms(start.network(0), start.snapshot_grad[0]))


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
