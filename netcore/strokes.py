"""Strokes of a handwritten digit, cut out of the real image by fixed rules, and a measure of whether
a layer's neurons behave like detectors of such a stroke.

The rules (all on one 28 x 28 image with values in [0, 1]):

- **ink**: pixels at or above ``threshold``.
- **holes**: background regions (4-connected) that do not touch the image's border and hold at least
  ``min_hole`` pixels: the insides of closed loops.
- **loops**: for each hole, the ink within ``ring`` pixels of it (Euclidean distance), each ink pixel
  going to its nearest hole.
- **lines**: the rest of the ink, split by the direction of the stroke through each pixel (the
  structure tensor of the lightly blurred image: within ``flat_degrees`` of horizontal, or not) into
  8-connected pieces of at least ``min_pixels`` pixels.
- **little edges**: a loop cut into ``n`` arcs of equal angle around its hole's centre; a line cut
  into ``n`` pieces of equal length along its main direction.

``part_contrast`` measures a layer against a hope such as "a neuron fires for a loop up top": for
each neuron, its mean activation on each digit, the contrast ``min(mean over the digits with the part)
- max(mean over the digits without it)``, and how consistently images with the part beat images
without it (the fraction of such pairs where the image with the part has the higher activation).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import ndimage, stats

__all__ = ["StrokeParts", "ink_mask", "holes", "stroke_parts", "loop_arcs", "line_pieces", "PartContrast",
           "part_contrast", "pair_separation"]

EIGHT_NEIGHBOURS = np.ones((3, 3), int)


def _image(image) -> np.ndarray:
    return np.asarray(image, float).reshape(28, 28)


def ink_mask(image, threshold: float = 0.3) -> np.ndarray:
    """(28, 28) bool: the pixels at or above ``threshold``."""
    return _image(image) >= threshold


def holes(image, threshold: float = 0.3, min_hole: int = 2) -> list[np.ndarray]:
    """The enclosed background regions (not touching the border, at least ``min_hole`` pixels), in
    label order (top to bottom, then left to right, by their first pixel)."""
    ink = ink_mask(image, threshold)
    background, n = ndimage.label(~ink)
    border = set(np.unique(np.concatenate([background[0], background[-1], background[:, 0], background[:, -1]])))
    return [background == k for k in range(1, n + 1)
            if k not in border and int((background == k).sum()) >= min_hole]


@dataclass(frozen=True)
class StrokeParts:
    """One image's strokes: ``loops`` (with the ``holes`` they surround) and ``lines``, each a (28, 28)
    bool mask of ink pixels; ``ink`` is the whole ink mask. Loops and lines never share a pixel."""

    ink: np.ndarray
    holes: tuple
    loops: tuple
    lines: tuple

    @property
    def counts(self) -> tuple[int, int]:
        """(number of loops, number of lines)."""
        return len(self.loops), len(self.lines)


def _stroke_is_flat(image, flat_degrees: float) -> np.ndarray:
    """(28, 28) bool: the stroke through the pixel runs within ``flat_degrees`` of horizontal (the
    dominant gradient of the blurred image, from its structure tensor, is near vertical)."""
    smooth = ndimage.gaussian_filter(_image(image), 1.0)
    gy, gx = np.gradient(smooth)
    jxx, jyy, jxy = (ndimage.gaussian_filter(v, 1.5) for v in (gx * gx, gy * gy, gx * gy))
    gradient_angle = 0.5 * np.arctan2(2 * jxy, jxx - jyy)
    return np.abs(np.sin(gradient_angle)) >= np.cos(np.radians(flat_degrees))


def stroke_parts(image, threshold: float = 0.3, ring: float = 2.5, min_pixels: int = 6, min_hole: int = 2,
                 flat_degrees: float = 35.0) -> StrokeParts:
    """Cut an image's ink into loops and lines by the module's rules.

    Examples
    --------
    >>> parts = stroke_parts(nine)
    >>> parts.counts  # a 9 written with a closed loop: one loop and its tail
    (1, 1)
    """
    ink = ink_mask(image, threshold)
    found = holes(image, threshold, min_hole)
    loops = []
    if found:
        distance = np.stack([ndimage.distance_transform_edt(~h) for h in found])
        nearest = distance.argmin(axis=0)
        loops = [ink & (distance[k] <= ring) & (nearest == k) for k in range(len(found))]
    rest = ink & ~np.any(loops, axis=0) if loops else ink.copy()
    flat = _stroke_is_flat(image, flat_degrees)
    lines = []
    for piece in (rest & ~flat, rest & flat):
        labelled, n = ndimage.label(piece, structure=EIGHT_NEIGHBOURS)
        lines += [labelled == k for k in range(1, n + 1) if int((labelled == k).sum()) >= min_pixels]
    lines.sort(key=lambda m: tuple(np.argwhere(m).mean(axis=0)))  # top to bottom (then left to right)
    return StrokeParts(ink, tuple(found), tuple(loops), tuple(lines))


def loop_arcs(loop: np.ndarray, hole: np.ndarray, n: int = 8) -> list[np.ndarray]:
    """The loop's pixels in ``n`` arcs of 360/n degrees around the hole's centre (clockwise from the
    top); empty arcs are left out."""
    centre = np.argwhere(hole).mean(axis=0)
    rows, cols = np.nonzero(loop)
    angle = np.mod(np.arctan2(cols - centre[1], -(rows - centre[0])), 2 * np.pi)  # 0 up, clockwise
    sector = np.minimum((angle / (2 * np.pi) * n).astype(int), n - 1)
    arcs = []
    for k in range(n):
        mask = np.zeros_like(loop)
        mask[rows[sector == k], cols[sector == k]] = True
        if mask.any():
            arcs.append(mask)
    return arcs


def line_pieces(line: np.ndarray, n: int = 3) -> list[np.ndarray]:
    """The line's pixels in ``n`` pieces of equal length along its main direction (its first principal
    axis), from one end to the other; empty pieces are left out."""
    points = np.argwhere(line).astype(float)
    centred = points - points.mean(axis=0)
    axis = np.linalg.svd(centred, full_matrices=False)[2][0] if len(points) > 1 else np.array([1.0, 0.0])
    t = centred @ axis
    span = max(t.max() - t.min(), 1e-9)
    piece = np.minimum(((t - t.min()) / span * n).astype(int), n - 1)
    out = []
    for k in range(n):
        mask = np.zeros_like(line)
        rows, cols = points[piece == k].astype(int).T
        mask[rows, cols] = True
        if mask.any():
            out.append(mask)
    return out


def pair_separation(with_part: np.ndarray, without_part: np.ndarray) -> np.ndarray:
    """For each column (neuron), the fraction of pairs (row of ``with_part``, row of ``without_part``)
    where the first is higher (ties count half): 1 means every image with the part beats every image
    without it, 0.5 no better than chance."""
    a, b = np.asarray(with_part, float), np.asarray(without_part, float)
    if not len(a) or not len(b):
        return np.full(a.shape[1] if a.ndim == 2 else b.shape[1], np.nan)
    ranks = stats.rankdata(np.concatenate([a, b]), axis=0)  # ties share their mean rank
    return (ranks[:len(a)].sum(axis=0) - len(a) * (len(a) + 1) / 2) / (len(a) * len(b))


@dataclass(frozen=True)
class PartContrast:
    """How each neuron of a layer tells the digits with a part (``with_part``) from those without.

    ``means[d]`` is the (n_neurons,) mean activation on digit ``d``'s images; ``contrast`` is, per
    neuron, the smallest mean over ``with_part`` minus the largest over ``without_part``;
    ``separation`` the fraction of (with, without) image pairs the neuron orders correctly; ``best``
    the neuron with the largest contrast; ``counts[d]`` how many images of digit ``d`` were measured."""

    with_part: tuple
    without_part: tuple
    means: dict
    counts: dict
    contrast: np.ndarray
    separation: np.ndarray
    best: int


def part_contrast(activations, labels, with_part=(9, 8), without_part=(4,)) -> PartContrast:
    """Measure one layer's activations ``(n_images, n_neurons)`` on labelled images against the hope
    that some neuron fires for the digits ``with_part`` and not for ``without_part``.

    Examples
    --------
    >>> hidden = net.forward(x_test)[1][-2]  # the last hidden layer
    >>> measure = part_contrast(hidden, y_test, with_part=(9, 8), without_part=(4,))
    >>> measure.best, measure.contrast[measure.best]
    """
    acts, labels = np.asarray(activations, float), np.asarray(labels)
    means = {int(d): acts[labels == d].mean(axis=0) for d in (*with_part, *without_part)}
    counts = {int(d): int((labels == d).sum()) for d in (*with_part, *without_part)}
    contrast = np.min([means[d] for d in with_part], axis=0) - np.max([means[d] for d in without_part], axis=0)
    inside, outside = np.isin(labels, with_part), np.isin(labels, without_part)
    separation = pair_separation(acts[inside], acts[outside])
    return PartContrast(tuple(with_part), tuple(without_part), means, counts, contrast, separation,
                        int(np.argmax(contrast)))
