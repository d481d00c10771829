"""What the first chapter-1 scenes show (the digit, the neuron, the input layer, the layers), gathered
from netcore: one function per scene, each returning one frozen dataclass with named fields.
``scenes/structure_input.py`` only lays these out; the tests compare them with netcore directly.

The images are real MNIST images of ``scenes.kit.data.dataset()``; the network is the replayed run
(``trace("lesson")``, or a user's ``NETCORE_TRACE``), so every size holds for that run. Optional
``trace`` / ``data`` arguments let a notebook or a test pass its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from netcore.data import informative_pixels
from netcore.network import Network
from scenes.kit import data as kit_data

__all__ = [
    "DifferentThrees", "sloppy_three", "NeuronAndPixels", "neuron_holds_number", "PixelsIntoInputs",
    "pixels_to_input_layer", "LayersOfTheNetwork", "network_layers", "farthest_apart", "three_pixels", "INK",
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
