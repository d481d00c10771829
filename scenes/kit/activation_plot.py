"""An activation function (sigmoid, ReLU, or one shifted by a bias) as a curve on axes, drawn through
samples that netcore computed, with the marks that explain it: an input dot on the x-axis, the lines
from it up to the curve and across to the y-axis, a vertical threshold line, a dot that slides along
the curve.

The curve is a polyline through the given samples, so a kink (ReLU at 0) stays sharp when a sample
sits on it; nothing here evaluates the function itself.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, UP, DashedVMobject, Dot, VGroup, VMobject

from . import palette as P
from .geometry import line_points
from .plot import PlotAxes
from .text import label

__all__ = ["ActivationPlot"]


class ActivationPlot(VGroup):
    """Axes ``width`` x ``height`` showing ``x_range`` x ``y_range``, and the curve through ``(xs, ys)``.

    Parameters
    ----------
    xs, ys : array_like
        Samples of the function, ``xs`` increasing (e.g. from ``np.linspace`` plus the kink of ReLU).
    x_range, y_range : tuple, optional
        Data ranges shown (default: the samples' ranges).
    width, height : float
        Size of the axes box in scene units.
    color : ManimColor
        The curve's colour.
    x_ticks, y_ticks : optional
        Passed to ``PlotAxes`` (default: round values that follow the ranges).
    name : str, optional
        A label beside the curve's right end (e.g. "sigmoid").

    Attributes
    ----------
    axes : PlotAxes
    curve : VMobject
        The polyline through the samples.

    Examples
    --------
    >>> xs = np.linspace(-8, 8, 161)
    >>> plot = ActivationPlot(xs, shown.sigmoid_ys, y_range=(0, 1), width=7, height=3.5, name="sigmoid")
    >>> self.play(Create(plot.curve))
    >>> self.play(Create(plot.drop_lines(2.0, shown.sigmoid_of_two)))
    """

    def __init__(self, xs, ys, x_range=None, y_range=None, width: float = 7.0, height: float = 3.5,
                 color=P.COST, stroke_width: float = 4.0, x_ticks=None, y_ticks=None, name: str | None = None,
                 number_size: float = P.TINY_SIZE, **kwargs):
        super().__init__(**kwargs)
        self.xs, self.ys = np.asarray(xs, float), np.asarray(ys, float)
        x_range = x_range or (float(self.xs.min()), float(self.xs.max()))
        y_range = y_range or (float(self.ys.min()), float(self.ys.max()))
        self.axes = PlotAxes(x_range, y_range, width=width, height=height, x_ticks=x_ticks, y_ticks=y_ticks,
                             number_size=number_size)
        inside = (self.xs >= x_range[0]) & (self.xs <= x_range[1])
        self.curve = VMobject(stroke_color=color, stroke_width=stroke_width)
        self.curve.set_points_as_corners(self.to_scene(self.xs[inside], np.clip(self.ys[inside], *y_range)))
        self.add(self.axes, self.curve)
        self.name = None
        if name is not None:
            self.name = label(name, size=P.SMALL_SIZE, color=color).next_to(self.curve.get_end(), UP, buff=0.15)
            self.name.align_to(self.curve.get_end(), LEFT).shift(0.1 * LEFT)
            self.add(self.name)

    def to_scene(self, x, y) -> np.ndarray:
        """Scene points of data coordinates (vectorised), through the plot's axes (which move with it)."""
        return self.axes.to_scene(x, y)

    def on_curve(self, x: float, y: float) -> np.ndarray:
        """The scene point of ``(x, y)``: give ``y = f(x)`` as netcore computed it."""
        return self.to_scene(float(x), float(y))

    def input_dot(self, x: float, color=P.TEXT, radius: float = 0.07) -> Dot:
        """A dot on the x-axis at input ``x``."""
        return Dot(self.to_scene(float(x), self.axes.y_range[0]), radius=radius, color=color)

    def drop_lines(self, x: float, y: float, color=P.DIM_TEXT, stroke_width: float = 2.0) -> VMobject:
        """Dashed path from the x-axis at ``x`` up to the curve at ``(x, y)``, then across to the y-axis:
        where an input goes."""
        x0, y0 = self.axes.x_range[0], self.axes.y_range[0]
        corners = self.to_scene(np.array([x, x, x0]), np.array([y0, y, y]))
        path = VMobject(stroke_color=color, stroke_width=stroke_width).set_points_as_corners(corners)
        return DashedVMobject(path, num_dashes=max(6, int(path.get_arc_length() / 0.12)), dashed_ratio=0.55)

    def vertical_line(self, x: float, color=P.DIM_TEXT, stroke_width: float = 2.0, dashed: bool = True) -> VMobject:
        """A line across the plot's height at input ``x`` (a threshold)."""
        y0, y1 = self.axes.y_range
        ends = self.to_scene(np.array([x, x]), np.array([y0, y1]))
        line = VMobject(stroke_color=color, stroke_width=stroke_width)
        line.points = line_points(ends[:1], ends[1:])
        return DashedVMobject(line, num_dashes=16, dashed_ratio=0.5) if dashed else line

    def path_between(self, x0: float, y0: float, x1: float, y1: float) -> VMobject:
        """An invisible path along the curve from ``(x0, y0)`` to ``(x1, y1)`` (both on the curve, as
        netcore computed them) through the samples between: for ``MoveAlongPath``."""
        lo, hi = sorted((x0, x1))
        between = (self.xs > lo) & (self.xs < hi)
        xs = np.concatenate([[lo], self.xs[between], [hi]])
        ys = np.concatenate([[y0 if x0 <= x1 else y1], self.ys[between], [y1 if x0 <= x1 else y0]])
        if x0 > x1:
            xs, ys = xs[::-1], ys[::-1]
        return VMobject().set_points_as_corners(self.to_scene(xs, np.clip(ys, *self.axes.y_range)))

    def x_label(self, text: str, size: float = P.SMALL_SIZE) -> VMobject:
        """A dim name under the x-axis's numbers."""
        below = self.axes.x_numbers if len(self.axes.x_numbers) else self.axes.x_axis
        return label(text, size=size, color=P.DIM_TEXT).next_to(below, DOWN, buff=0.15).align_to(self.axes.x_axis, LEFT)
