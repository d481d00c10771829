"""Nudges drawn on a network: arrows beside neurons whose length and direction are a value, wishes
drawn on edges, wishes stacked tip to tail into their sum, and signed numbers beside neurons.

Chapter 3's pictures of what one training example wants (``netcore.nudges``). Everything here is
cheap to draw and to animate: a whole layer's arrows are TWO filled ``VMobject`` s (up and down),
a layer's wishes on edges are one ``network.LayerEdges``, and changing the values only rewrites
numpy arrays of points.

- ``nudge_unit(values, max_length)``: scene length per unit of value, so the largest is ``max_length``.
- ``row_pitch(points)``: the vertical room of one row of a column of neurons (for ``centred`` arrows).
- ``NudgeArrows(anchors, values, unit)``: one vertical arrow per anchor, up (``NUDGE_UP``) for a
  positive value, down (``NUDGE_DOWN``) for a negative one, ``|value| * unit`` long (from the anchor,
  or ``centred`` on it).
  ``grow_nudges(arrows)`` grows them from nothing.
- ``wish_edges(network, layer, wishes, j=None)``: the edges of ``network.edges[layer]`` coloured by
  the sign of a wish and thick by its size (for neuron ``j`` of the next layer only, or all). Its
  edges run from the wishing neuron backwards, so ``EdgeSweep`` on it flashes right to left.
- ``WishStacks(anchors, wishes, unit)`` and ``stack_wishes``: per anchor, one small arrow per wishing
  neuron side by side, which slide together tip to tail: where the stack ends is their sum.
- ``nudge_numbers(anchors, values)``: signed numbers (``FastNumber``) right of each anchor, coloured
  by sign.

Examples
--------
>>> nudges = example_nudges(net, x, label)                     # netcore.nudges
>>> drawn = NetworkMobject(net, x)
>>> out = drawn.positions[-1] + [drawn.neuron_radius + 0.1, 0, 0]
>>> unit = nudge_unit(nudges.output.desired, max_length=0.5)
>>> arrows = NudgeArrows(out, nudges.output.desired[drawn.shown[-1]], unit)
>>> self.play(grow_nudges(arrows))
>>> edges = wish_edges(drawn, len(drawn.edges) - 1, nudges.output.wishes, j=2)
>>> self.play(EdgeSweep(edges))                                # the 2-neuron's wishes travel back
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, UpdateFromAlphaFunc, VGroup, VMobject

from . import palette as P
from .geometry import arrow_points, line_points
from .network import LayerEdges, N_BINS
from .text import FastNumber

__all__ = ["nudge_unit", "row_pitch", "NudgeArrows", "grow_nudges", "wish_edges", "retarget_wishes", "WishStacks",
           "stack_wishes", "nudge_numbers"]


def nudge_unit(values, max_length: float) -> float:
    """Scene length per unit of value so that the largest ``|value|`` is ``max_length`` long (1.0 when
    every value is 0 or not finite)."""
    v = np.abs(np.asarray(values, float))
    v = v[np.isfinite(v)]
    top = float(v.max()) if len(v) else 0.0
    return max_length / top if top > 0 else 1.0


def _polygons(corners: list) -> np.ndarray:
    """Bezier points of closed polygons (each an (m, 3) array of corners, first == last) as subpaths."""
    if not corners:
        return np.zeros((0, 3))
    return np.concatenate([line_points(c[:-1], c[1:]) for c in corners])


class NudgeArrows(VGroup):
    """Vertical arrows, one per anchor, whose length and direction are values.

    A positive value points up in ``NUDGE_UP``, a negative one down in ``NUDGE_DOWN``; the arrow is
    ``|value| * unit`` long from its anchor (its tail). All up arrows are ONE filled VMobject
    (``self.up``), all down arrows another (``self.down``): two draw calls for any number of arrows.

    Parameters
    ----------
    anchors : array_like, shape (n, 3)
        Scene points where the arrows start.
    values : array_like, shape (n,)
        The nudges (any sign; non-finite values draw nothing).
    unit : float
        Scene length of a value of 1 (see ``nudge_unit``).
    shaft_width, tip_length, tip_width : float
        Arrow proportions (half the shaft's width; the tip's length and half width).
    opacity : float
        Fill opacity.
    centred : bool
        If true, each arrow's MIDDLE is at its anchor (it runs from ``anchor - length/2`` to
        ``anchor + length/2``): arrows beside a column of neurons then stay within their own row
        when the largest is at most the row pitch (see ``row_pitch``).

    Attributes
    ----------
    values : np.ndarray
        The values drawn now (``set_values`` changes them).

    Examples
    --------
    >>> arrows = NudgeArrows([[1, 0, 0], [1, -1, 0]], [0.8, -0.2], unit=0.6)
    >>> self.play(grow_nudges(arrows))
    >>> arrows.set_values([0.4, -0.1])
    """

    def __init__(self, anchors, values, unit: float, shaft_width: float = 0.035, tip_length: float = 0.15,
                 tip_width: float = 0.09, opacity: float = 1.0, centred: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.anchors = np.asarray(anchors, float).reshape(-1, 3)
        self.centred = bool(centred)
        self.unit = float(unit)
        self.shape = dict(shaft_width=shaft_width, tip_length=tip_length, tip_width=tip_width)
        self.up = VMobject(fill_color=P.NUDGE_UP, fill_opacity=opacity, stroke_width=0)
        self.down = VMobject(fill_color=P.NUDGE_DOWN, fill_opacity=opacity, stroke_width=0)
        self.add(self.up, self.down)
        self.set_values(values)

    def set_values(self, values, unit: float | None = None) -> "NudgeArrows":
        """Redraw every arrow for ``values`` (and optionally a new ``unit``)."""
        values = np.asarray(values, float).reshape(-1)
        if len(values) != len(self.anchors):
            raise ValueError(f"{len(values)} values for {len(self.anchors)} anchors")
        if unit is not None:
            self.unit = float(unit)
        self.values = values
        up, down = [], []
        for a, v in zip(self.anchors, values):
            length = abs(v) * self.unit
            if not np.isfinite(length) or length < 1e-4:
                continue
            direction = UP if v > 0 else DOWN
            tail = a - direction * length / 2 if self.centred else a
            (up if v > 0 else down).append(arrow_points(tail, direction, length, **self.shape))
        self.up.points = _polygons(up)
        self.down.points = _polygons(down)
        return self

    def tips(self) -> np.ndarray:
        """Where each arrow ends (its anchor for a zero value)."""
        v = np.nan_to_num(self.values) * (0.5 if self.centred else 1.0)
        return self.anchors + np.outer(v * self.unit, UP)


def row_pitch(points) -> float:
    """The smallest vertical distance between two of ``points`` (a column of neurons' centres): the
    room one row has for a centred ``NudgeArrows`` arrow (1.0 for fewer than two points)."""
    y = np.sort(np.asarray(points, float).reshape(-1, 3)[:, 1])
    gaps = np.diff(y)
    gaps = gaps[gaps > 1e-9]
    return float(gaps.min()) if len(gaps) else 1.0


def grow_nudges(arrows: NudgeArrows, values=None, **kwargs) -> UpdateFromAlphaFunc:
    """Grow ``arrows`` from nothing (or from their current values) to ``values`` (default: theirs).

    Examples
    --------
    >>> self.play(grow_nudges(arrows), run_time=1.2)
    """
    end = arrows.values.copy() if values is None else np.asarray(values, float)
    start = np.zeros_like(end) if values is None else arrows.values.copy()
    arrows.set_values(start)

    def update(_, alpha):
        arrows.set_values(end if alpha >= 1 else start + (end - start) * alpha)

    return UpdateFromAlphaFunc(arrows, update, **kwargs)


def wish_edges(network, layer: int, wishes, j: int | None = None, scale_max: float | None = None,
               n_bins: int = N_BINS, max_width: float = 4.0) -> LayerEdges:
    """The drawn edges of ``network.edges[layer]`` carrying wishes: blue where the wish is to raise
    the earlier neuron, red where it is to lower it, thicker and brighter the larger ``|wish|``.

    Parameters
    ----------
    network : NetworkMobject
        The drawn network (its ``edges[layer]``: ``starts``, ``ends``, ``pairs``).
    layer : int
        Which weight layer (its edges join layer ``layer`` to ``layer + 1``).
    wishes : array_like, shape (n_next, n_prev)
        ``wishes[j, k]``: neuron ``j``'s wish for neuron ``k`` (``netcore.nudges.LayerNudges.wishes``).
    j : int, optional
        Only neuron ``j``'s edges (an index into the full next layer); default all drawn edges.
    scale_max : float, optional
        The ``|wish|`` drawn thickest (default: the largest of the edges drawn).
    n_bins, max_width
        As ``LayerEdges``.

    Returns
    -------
    LayerEdges
        Edges running from the later neuron back to the earlier one (``EdgeSweep`` flashes them
        backwards); ``edges.values`` holds each drawn edge's wish.

    Examples
    --------
    >>> two = wish_edges(drawn, 2, nudges.output.wishes, j=2)
    >>> self.add(two); self.play(EdgeSweep(two))
    """
    source = network.edges[layer]
    keep = np.arange(len(source.pairs)) if j is None else np.flatnonzero(source.pairs[:, 0] == j)
    pairs = source.pairs[keep]
    wishes = np.asarray(wishes, float)
    values = wishes[pairs[:, 0], pairs[:, 1]]
    edges = LayerEdges(source.ends[keep], source.starts[keep], pairs, n_bins, max_width)
    top = float(np.max(np.abs(values))) if len(values) else 1.0
    edges.set_values(values, scale_max if scale_max is not None else (top or 1.0))
    return edges


def retarget_wishes(edges: LayerEdges, network, layer: int, wishes, j: int, scale_max: float) -> LayerEdges:
    """Turn ``edges`` (from ``wish_edges(network, layer, ..., j=...)``) into neuron ``j``'s wishes, in
    place (no new mobjects: cheap inside a ``Replay`` that steps through the neurons).

    Examples
    --------
    >>> edges = wish_edges(drawn, 2, wishes, j=0, scale_max=top)
    >>> self.play(Replay(edges, 10, lambda s: retarget_wishes(edges, drawn, 2, wishes, int(s), top)))
    """
    source = network.edges[layer]
    keep = np.flatnonzero(source.pairs[:, 0] == j)
    edges.starts, edges.ends, edges.pairs = source.ends[keep], source.starts[keep], source.pairs[keep]
    wishes = np.asarray(wishes, float)
    return edges.set_values(wishes[edges.pairs[:, 0], edges.pairs[:, 1]], scale_max)


class WishStacks(VGroup):
    """Per anchor, the wishes of several neurons as thin arrows that slide together tip to tail.

    At ``set_alpha(0)`` the ``m`` wishes for anchor ``k`` stand side by side, each from the anchor's
    height, spread over ``spread`` to the right of it. At ``set_alpha(1)`` they are stacked on one
    line: the positive ones up from the anchor, then the negative ones down from where the positive
    ones end (a little to the right), so the last one ends at the anchor plus the SUM of the wishes.
    Arrows are segments: all positive ones ONE VMobject, all negative ones another.

    Parameters
    ----------
    anchors : array_like, shape (n, 3)
        Where each stack starts.
    wishes : array_like, shape (m, n)
        ``wishes[j, k]``: the wish of neuron ``j`` for anchor ``k``.
    unit : float
        Scene length of a value of 1.
    spread : float
        Width over which a side-by-side group of ``m`` arrows is spread.
    stroke_width : float
        Width of each thin arrow.

    Attributes
    ----------
    sums : np.ndarray, shape (n,)
        The sum of the wishes per anchor (where each stack ends).

    Examples
    --------
    >>> stacks = WishStacks(hidden_anchors, nudges.output.wishes[:, shown], unit)
    >>> self.play(FadeIn(stacks)); self.play(stack_wishes(stacks))
    """

    def __init__(self, anchors, wishes, unit: float, spread: float = 0.5, stroke_width: float = 2.0,
                 offset: float = 0.035, **kwargs):
        super().__init__(**kwargs)
        self.anchors = np.asarray(anchors, float).reshape(-1, 3)
        self.wishes = np.nan_to_num(np.asarray(wishes, float).reshape(-1, len(self.anchors)))
        self.unit, self.spread, self.offset = float(unit), float(spread), float(offset)
        self.sums = self.wishes.sum(axis=0)
        self.rising = VMobject(stroke_color=P.NUDGE_UP, stroke_width=stroke_width, fill_opacity=0)
        self.falling = VMobject(stroke_color=P.NUDGE_DOWN, stroke_width=stroke_width, fill_opacity=0)
        self.add(self.rising, self.falling)
        m, n = self.wishes.shape
        side_x = (np.arange(m) / max(m - 1, 1)) * spread  # side by side
        pos = self.wishes > 0
        # stacked: positives from 0 upwards, then negatives downwards from the top of the positives
        up_cum = np.cumsum(np.where(pos, self.wishes, 0.0), axis=0)
        up_start = up_cum - np.where(pos, self.wishes, 0.0)
        top = up_cum[-1]
        down_cum = top + np.cumsum(np.where(pos, 0.0, self.wishes), axis=0)
        down_start = down_cum - np.where(pos, 0.0, self.wishes)
        self._start0 = np.zeros((m, n))
        self._start1 = np.where(pos, up_start, down_start)
        self._x0 = np.repeat(side_x[:, None], n, axis=1)
        self._x1 = np.where(pos, 0.0, offset)
        self.pos = pos
        self.set_alpha(0.0)

    def set_alpha(self, alpha: float) -> "WishStacks":
        """Place the arrows ``alpha`` of the way from side by side (0) to stacked (1)."""
        start = self._start0 + (self._start1 - self._start0) * alpha
        x = self._x0 + (self._x1 - self._x0) * alpha
        base = self.anchors[None, :, :]
        s = base + np.stack([x, start * self.unit, np.zeros_like(x)], axis=-1)
        e = s + np.stack([np.zeros_like(x), self.wishes * self.unit, np.zeros_like(x)], axis=-1)
        for mob, mask in ((self.rising, self.pos), (self.falling, ~self.pos & (self.wishes != 0))):
            mob.points = line_points(s[mask], e[mask]) if mask.any() else np.zeros((0, 3))
        return self

    def ends(self) -> np.ndarray:
        """Where each stacked column ends: anchor + sum * unit (scene points, shape (n, 3))."""
        return self.anchors + np.outer(self.sums * self.unit, UP)


def stack_wishes(stacks: WishStacks, **kwargs) -> UpdateFromAlphaFunc:
    """Slide ``stacks`` from side by side into tip-to-tail columns (their sums).

    Examples
    --------
    >>> self.play(stack_wishes(stacks), run_time=1.5)
    """
    return UpdateFromAlphaFunc(stacks, lambda _, alpha: stacks.set_alpha(alpha), **kwargs)


def nudge_numbers(anchors, values, places: int = 2, size: float = P.TINY_SIZE, buff: float = 0.1,
                  side=RIGHT) -> VGroup:
    """Signed numbers (``+0.12`` / ``-0.05``) beside ``anchors``, blue for up, red for down.

    Each number is a ``FastNumber`` with ``include_sign``, vertically centred on its anchor, its near
    edge ``buff`` away on ``side`` (RIGHT: left-aligned; LEFT: right-aligned). The group's
    ``values`` attribute holds the values shown.

    Examples
    --------
    >>> column = nudge_numbers(hidden_positions + [0.5, 0, 0], nudges.output.previous_desired[shown])
    """
    anchors = np.asarray(anchors, float).reshape(-1, 3)
    values = np.asarray(values, float).reshape(-1)
    finite = np.abs(values[np.isfinite(values)])
    widest = -float(finite.max()) if len(finite) else -1.0
    group = VGroup()
    for a, v in zip(anchors, values):
        n = FastNumber(v, places=places, size=size, color=P.sign_color(v), include_sign=True,
                       widest=widest, align_right=bool(np.allclose(side, LEFT)))
        n.next_to(a, side, buff=buff)
        n.shift((a[1] - n.get_center()[1]) * UP)
        group.add(n)
    group.values = values
    return group
