"""What the chapter-1 scenes FeedForward and LayeredHope show, gathered from netcore: one function per
scene, each returning one frozen dataclass. ``scenes/structure_forward.py`` only lays these out; the
tests compare them with netcore directly.

Both read the lesson's run through ``scenes.kit.data`` (or a user's ``NETCORE_TRACE``), so every field
holds for the replayed network, whatever its layer sizes and activation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from netcore.data import informative_pixels
from netcore.network import Network
from netcore.strokes import PartContrast, StrokeParts, line_pieces, loop_arcs, part_contrast, stroke_parts
from scenes.kit import data as kit_data

__all__ = ["FedTestDigits", "feed_forward", "DigitStrokes", "StrokeHope", "layered_hope", "display_scale"]


def _lesson(trace):
    return trace if trace is not None else kit_data.trace("lesson")


def _data(data):
    return data if data is not None else kit_data.dataset()


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
