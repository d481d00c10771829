"""A 2-D inset beside a 3-D walk: one run's true cost against the example-gradients it used, drawn as
it is replayed, with chosen points (e.g. uphill steps) marked. Fixed in the frame by the scene."""

from __future__ import annotations

import numpy as np
from manim import LEFT, UP, Dot, VGroup, VMobject

from . import palette as P
from .layout import caption
from .geometry import nice_ticks, tick_step
from .plot import PlotAxes

__all__ = ["CostInset", "clipped_from_top"]


def clipped_from_top(x, y, top: float) -> tuple[np.ndarray, np.ndarray]:
    """The polyline ``(x, y)`` from where it last comes down through ``top``: the points after the last
    one above ``top``, preceded by the crossing point on ``top`` (nothing is cut if none is above).

    Examples
    --------
    >>> clipped_from_top([0, 1, 2], [4.0, 1.0, 0.5], 2.0)
    (array([0.6667, 1., 2.]), array([2. , 1. , 0.5]))  # doctest: +SKIP
    """
    x, y = np.asarray(x, float), np.asarray(y, float)
    above = np.flatnonzero(y > top)
    if len(above) == 0:
        return x, y
    k = int(above[-1]) + 1
    if k >= len(x):
        return x[:0], y[:0]
    f = (y[k - 1] - top) / (y[k - 1] - y[k])
    return np.r_[x[k - 1] + f * (x[k] - x[k - 1]), x[k:]], np.r_[top, y[k:]]


class CostInset(VGroup):
    """Axes with one run's cost line, grown point by point by ``show(s)``.

    Parameters
    ----------
    examples, costs
        The run's recorded points (x: example-gradients used, y: true cost), in order.
    marked
        Indices into ``examples`` to mark with a dot (``mark_color``) once the line has reached them
        (those whose cost is inside ``y_range``; kept in ``marked``).
    y_range
        The cost range shown; points above it are cut off where the line comes down into the box.
    heading
        Small text above the axes; ``x_name`` is written after the last x tick.

    Attributes
    ----------
    axes, line, marks, heading
        The parts; ``axes`` and ``heading`` never change, ``line`` and ``marks`` change in ``show``.
    shown_until
        The (float) index ``show`` last drew up to.
    """

    def __init__(self, examples, costs, marked, x_range, y_range, width: float, height: float, color,
                 mark_color, heading: str, x_name: str = "example-gradients", mark_radius: float = 0.04, tick_gap: float = 0.32):
        super().__init__()
        self.examples = np.asarray(examples, float)
        self.costs = np.asarray(costs, float)
        self.marked = [int(i) for i in marked if y_range[0] <= self.costs[int(i)] <= y_range[1]]  # inside the box
        end = float(x_range[1])
        # y ticks at least ``tick_gap`` apart, so their numbers never touch
        y_ticks = nice_ticks(y_range[0], y_range[1], max(2, min(4, int(height / tick_gap) + 1)))
        while len(y_ticks) > 2 and height * tick_step(y_ticks) / (y_range[1] - y_range[0]) < tick_gap:
            y_ticks = nice_ticks(y_range[0], y_range[1], len(y_ticks) - 1)
        self.axes = PlotAxes(x_range, y_range, width=width, height=height, y_ticks=list(y_ticks),
                             x_ticks=[float(x_range[0]), (end, f"{end:,.0f} {x_name}")])
        last = self.axes.x_numbers[-1]  # the x name rides on the last tick, ending where the axis ends
        last.shift((self.axes.x_axis.get_right()[0] - last.get_right()[0]) * np.array([1, 0, 0]))
        self.heading = caption(heading, size=P.TINY_SIZE).next_to(self.axes, UP, aligned_edge=LEFT, buff=0.12)
        self.heading.shift((self.axes.y_axis.get_left()[0] - self.heading.get_left()[0]) * np.array([1, 0, 0]))
        self.line = VMobject(stroke_color=color, stroke_width=2.0)
        self.marks = VGroup(*[Dot(self.axes.to_scene(self.examples[i], self.costs[i]), radius=mark_radius,
                                  color=mark_color).set_opacity(0.0) for i in self.marked])
        self.top = float(y_range[1])
        self.shown_until = -1.0
        self.add(self.axes, self.heading, self.line, self.marks)
        self.show(0.0)

    def show(self, s: float) -> None:
        """Draw the line up to (float) index ``s`` (linearly between recorded points) and the marks
        at indices ``<= s``."""
        s = float(np.clip(s, 0.0, len(self.examples) - 1))
        i = int(np.floor(s))
        x, y = self.examples[:i + 1], self.costs[:i + 1]
        if s > i:
            f = s - i
            x = np.r_[x, (1 - f) * self.examples[i] + f * self.examples[i + 1]]
            y = np.r_[y, (1 - f) * self.costs[i] + f * self.costs[i + 1]]
        x, y = clipped_from_top(x, y, self.top)
        if len(x) >= 2:
            self.line.set_points_as_corners(self.axes.to_scene(x, y))
        else:
            self.line.clear_points()
        for mark, j in zip(self.marks, self.marked):
            mark.set_opacity(1.0 if j <= s else 0.0)
        self.shown_until = s
