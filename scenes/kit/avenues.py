"""Two adjacent layers up close, for chapter 3's look at one neuron and the layer before it.

- ``LayerPair``: a column of previous-layer neurons (the drawn ones, in index order, with an ellipsis
  where a truncated layer skips neurons), a column of next-layer neurons, and the edges between every
  drawn pair as ONE ``network.LayerEdges`` (at most ``2 * n_bins`` VMobjects), which ``show`` re-bins
  for any matrix of values (weights, weight changes, wishes).
- ``number_column``: numbers (``FastNumber``) centred on a column's rows.
- ``places_for``: decimal places that show the largest of some values with two significant digits.
- ``example_heading``: the title, a line saying which example and layer are shown, and the example's
  thumbnail in the top right corner.

Nothing here computes a nudge: every value is given (netcore computed it).

Examples
--------
>>> pair = LayerPair(previous_acts, shown, [output], targets=[2], prev_x=-2.0, next_x=1.0, height=5.0)
>>> pair.show(np.outer([1.0], weights))                 # edges coloured and thick by the weights
>>> acts = number_column(previous_acts[shown], pair.rows, x=-3.0)
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, Circle, Dot, VGroup, VMobject

from . import palette as P
from .geometry import line_points
from .network import N_BINS, LayerEdges
from .text import FastNumber, integer

__all__ = ["neuron_row_labels", "LayerPair", "number_column", "places_for", "value_band", "example_heading"]

THUMB_AT, THUMB_SIDE = (6.45, 3.35, 0), 0.8  # the example's thumbnail, in the top right corner


def example_heading(title_text: str, state: str, image) -> tuple:
    """``(head, state line, thumbnail)``: the scene's title; under it ``state`` (its words follow the
    data, so it breaks after "; " or shrinks to end clear of the thumbnail); the example's thumbnail
    in the top right corner.

    Examples
    --------
    >>> head, state, thumb = example_heading(self.TITLE, "the training 2 at step 0; ...", ex.image)
    """
    from .layout import caption_within, thumbnail, title

    head = title(title_text)
    thumb = thumbnail(image, side=THUMB_SIDE).move_to(THUMB_AT)
    width = thumb.get_left()[0] - 0.25 - head.get_left()[0]
    line = caption_within(state, width, size=P.TINY_SIZE).next_to(head, DOWN, aligned_edge=LEFT, buff=0.15)
    return head, line, thumb


def places_for(values, digits: int = 2, least: int = 2, most: int = 5) -> int:
    """Decimal places that show the largest ``|value|`` with ``digits`` significant digits (between
    ``least`` and ``most``): 0.0070 -> 4, 0.18 -> 2, 3.1 -> 2.

    Examples
    --------
    >>> places_for([0.007, -0.0012])
    4
    """
    v = np.abs(np.asarray(values, float))
    v = v[np.isfinite(v) & (v > 0)]
    if not len(v):
        return least
    return int(np.clip(digits - 1 - np.floor(np.log10(v.max())), least, most))


def value_band(values, top: float, bottom: float) -> tuple[float, float]:
    """Where to put the zero line of vertical value arrows, and their scene length per unit, so that
    arrows up for the positive ``values`` and down for the negative ones fill ``bottom``..``top`` exactly.

    Examples
    --------
    >>> zero_y, unit = value_band([0.12, -1.95, -0.4], top=0.2, bottom=-2.7)
    >>> arrows = NudgeArrows([[x, zero_y, 0] for x in xs], values, unit)
    """
    v = np.nan_to_num(np.asarray(values, float))
    up, down = max(float(v.max()), 0.0), max(-float(v.min()), 0.0)
    if up + down == 0:
        return (top + bottom) / 2, 1.0
    unit = (top - bottom) / (up + down)
    return top - up * unit, unit


def _column_ys(n: int, ellipsis_after: int | None, height: float, max_spacing: float) -> tuple[np.ndarray, float]:
    """Row heights of ``n`` neurons (two empty slots after row ``ellipsis_after``), centred on 0."""
    slots = n + (2 if ellipsis_after is not None else 0)
    spacing = min(height / max(slots, 1), max_spacing)
    slot = np.arange(n) + (np.arange(n) > ellipsis_after) * 2 if ellipsis_after is not None else np.arange(n)
    return ((slots - 1) / 2 - slot) * spacing, spacing


class LayerPair(VGroup):
    """Previous-layer neurons (a column at ``prev_x``), next-layer neurons (a column at ``next_x``) and
    the edges between every drawn pair.

    Parameters
    ----------
    previous : array_like, shape (n_prev,)
        The whole previous layer's activations (the fill of the drawn ones).
    shown : array_like of int
        Which previous neurons are drawn, top to bottom (increasing indices).
    next_activations : array_like
        The drawn next-layer neurons' activations, in the order of ``targets``.
    targets : array_like of int
        Their indices in the next layer (``pairs[:, 0]`` of the edges).
    prev_x, next_x : float
        The columns' x.
    y : float
        The height both columns are centred on (build it in place: ``rows`` and the edges' ends are
        stored, so do not move the group afterwards).
    height : float
        The height the previous column may fill (the next one uses the same spacing, at most ``height``).
    ellipsis_after : int, optional
        Draw a vertical ellipsis after this many drawn rows (minus one): the layer skips neurons there.
    prev_scale, next_scale : float
        Activations are divided by these before becoming brightness (ReLU activations can exceed 1).
    max_spacing : float
        Largest distance between rows (a small layer is not spread over the whole height).
    next_spacing : float, optional
        Distance between the next column's rows (default: the previous column's spacing; at most
        ``height`` over their number).
    max_edge_width : float
        Stroke width of the heaviest edges.

    Attributes
    ----------
    prev_circles, next_circles : VGroup
        The neurons, in the order of ``shown`` and ``targets``.
    rows, next_rows : np.ndarray, shape (n, 3)
        Their centres.
    edges : LayerEdges
        One edge per (target, shown) pair; ``edges.pairs`` are (next index, previous index).
    spacing, radius : float

    Examples
    --------
    >>> pair = LayerPair(acts, np.arange(16), [0.94], [2], prev_x=-2, next_x=1, height=5)
    >>> pair.show(changes, scale_max=np.abs(changes).max())
    >>> self.play(Create(pair.links([(2, 1), (2, 4)])))
    """

    def __init__(self, previous, shown, next_activations, targets, *, prev_x: float, next_x: float,
                 height: float, y: float = 0.0, ellipsis_after: int | None = None, prev_scale: float = 1.0,
                 next_scale: float = 1.0, max_spacing: float = 0.6, next_spacing: float | None = None, max_edge_width: float = 4.0,
                 n_bins: int = N_BINS, **kwargs):
        super().__init__(**kwargs)
        previous = np.asarray(previous, float)
        self.shown = np.asarray(shown, int)
        self.targets = np.asarray(targets, int)
        ys, self.spacing = _column_ys(len(self.shown), ellipsis_after, height, max_spacing)
        ys = ys + y
        self.radius = min(0.36 * self.spacing, 0.2)
        self.rows = np.stack([np.full(len(ys), prev_x), ys, np.zeros(len(ys))], axis=1)
        self.next_spacing = min(self.spacing if next_spacing is None else next_spacing, height / max(len(self.targets), 1))
        nys = (np.arange(len(self.targets))[::-1] - (len(self.targets) - 1) / 2) * self.next_spacing + y
        self.next_rows = np.stack([np.full(len(nys), next_x), nys, np.zeros(len(nys))], axis=1)
        self.prev_circles = VGroup(*[self._circle(previous[k] / prev_scale, p) for k, p in zip(self.shown, self.rows)])
        self.next_circles = VGroup(*[self._circle(a / next_scale, p)
                                     for a, p in zip(np.asarray(next_activations, float), self.next_rows)])
        self.ellipsis = VGroup()
        if ellipsis_after is not None:
            mid = (ys[ellipsis_after] + ys[ellipsis_after + 1]) / 2
            self.ellipsis = VGroup(*[Dot(radius=self.radius * 0.22, color=P.TEXT) for _ in range(3)])
            self.ellipsis.arrange(DOWN, buff=self.radius * 0.45).move_to([prev_x, mid, 0])
        jj, kk = np.meshgrid(np.arange(len(self.targets)), np.arange(len(self.shown)), indexing="ij")
        jj, kk = jj.ravel(), kk.ravel()
        self._ends = (self.rows[kk], self.next_rows[jj])
        d = self.next_rows[jj] - self.rows[kk]
        u = d / np.linalg.norm(d, axis=1, keepdims=True)
        pairs = np.stack([self.targets[jj], self.shown[kk]], axis=1)
        self.edges = LayerEdges(self.rows[kk] + u * self.radius, self.next_rows[jj] - u * self.radius, pairs,
                                n_bins, max_edge_width)
        self.add(self.edges, self.prev_circles, self.next_circles, self.ellipsis)

    def _circle(self, brightness: float, at) -> Circle:
        return Circle(radius=self.radius, stroke_color=P.NEURON_STROKE, stroke_width=1.5,
                      fill_color=P.activation_color(brightness), fill_opacity=1).move_to(at)

    def show(self, values, scale_max: float | None = None) -> "LayerPair":
        """Colour and thicken every drawn edge by ``values[j, k]`` (a full next x previous matrix):
        blue positive, red negative, thickest at ``scale_max`` (default the largest drawn ``|value|``)."""
        values = np.asarray(values, float)
        drawn = values[self.edges.pairs[:, 0], self.edges.pairs[:, 1]]
        top = float(np.max(np.abs(drawn))) if len(drawn) else 1.0
        self.edges.set_values(drawn, scale_max if scale_max is not None else (top or 1.0))
        return self

    def hide(self, keep) -> "LayerPair":
        """Leave only the drawn edges where ``keep[j, k]`` (a boolean matrix) is true."""
        keep = np.asarray(keep, bool)[self.edges.pairs[:, 0], self.edges.pairs[:, 1]]
        for m in self.edges.bins:
            ids = m.edge_ids[keep[m.edge_ids]]
            m.edge_ids = ids
            m.points = line_points(self.edges.starts[ids], self.edges.ends[ids]) if len(ids) else np.zeros((0, 3))
        return self

    def links(self, pairs, color=P.ANSWER, stroke_width: float = 5.0) -> VMobject:
        """ONE VMobject of straight lines over the edges ``(j, k)`` in ``pairs`` (those drawn)."""
        index = {(int(j), int(k)): i for i, (j, k) in enumerate(self.edges.pairs)}
        ids = [index[(int(j), int(k))] for j, k in pairs if (int(j), int(k)) in index]
        line = VMobject(stroke_color=color, stroke_width=stroke_width, fill_opacity=0)
        if ids:
            line.points = line_points(self.edges.starts[ids], self.edges.ends[ids])
        return line

    def row_of(self, k: int) -> int | None:
        """The drawn row of previous neuron ``k`` (None if it is not drawn)."""
        hits = np.flatnonzero(self.shown == k)
        return int(hits[0]) if len(hits) else None


def number_column(values, rows, x: float, places: int = 3, size: float = P.TINY_SIZE, color=P.TEXT,
                  include_sign: bool = False, signed_colors: bool = False) -> VGroup:
    """Numbers centred at ``x`` on the heights of ``rows`` (scene points), one per value.

    ``signed_colors`` colours each by its sign (blue up / red down); ``group.values`` holds the values.

    Examples
    --------
    >>> acts = number_column(activations[pair.shown], pair.rows, x=-4.0, places=2)
    """
    values = np.asarray(values, float)
    group = VGroup()
    widest = float(np.max(np.abs(values))) if len(values) else 0.0
    for v, row in zip(values, np.asarray(rows, float)):
        n = FastNumber(v, places=places, size=size, color=P.sign_color(v) if signed_colors else color,
                       include_sign=include_sign, widest=-widest if include_sign else widest)
        group.add(n.move_to([x, row[1], 0]))
    group.values = values
    return group


def neuron_row_labels(pair, group, x: float) -> VGroup:
    """The index ``k`` of each drawn previous neuron of ``pair`` (a ``LayerPair``), dim, at ``x`` on its row.

    Examples
    --------
    >>> labels = neuron_row_labels(pair, pair.previous_shown, x=-5.2)
    """
    return VGroup(*[integer(int(k), size=P.TINY_SIZE, color=P.DIM_TEXT).move_to([x, row[1], 0])
                    for k, row in zip(group, pair.rows)])
