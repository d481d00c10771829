"""Plain 2-D axes whose ticks follow the data: lines, tick marks as one path, tick labels in the
project's font (not LaTeX), and a map from data coordinates to the scene."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, Line, VGroup, VMobject

from . import palette as P
from .geometry import line_points, nice_ticks, tick_step
from .text import label

__all__ = ["PlotAxes", "tick_text"]


def tick_text(value: float, step: float) -> str:
    """A tick value written with as many decimals as its step needs (0.2 -> "0.4", 5 -> "10",
    100000 -> "100,000")."""
    places = max(0, -int(np.floor(np.log10(abs(step)) + 1e-9))) if step > 0 else 0
    value = 0.0 if abs(value) <= abs(step) * 1e-9 else float(value)  # no "-0.0"
    return f"{value:,.{places}f}".replace("-", "\u2212")


class PlotAxes(VGroup):
    """An x-axis at the bottom and a y-axis at the left of a ``width`` x ``height`` box showing
    ``x_range`` x ``y_range`` (data ``(lo, hi)``).

    Parameters
    ----------
    x_ticks, y_ticks
        Tick values, or ``(value, text)`` pairs; default: at most ``most_ticks`` round values that
        follow the range (``geometry.nice_ticks``).
    number_size
        Font size of the tick labels; ``None`` draws no labels.

    Examples
    --------
    >>> axes = PlotAxes((0, 30), (0, 4.2), width=6, height=4)
    >>> curve = VMobject().set_points_as_corners(axes.to_scene(epochs, costs))
    """

    def __init__(self, x_range, y_range, width: float = 6.0, height: float = 4.0, x_ticks=None, y_ticks=None,
                 most_ticks: int = 6, number_size: float | None = P.TINY_SIZE, color=P.DIM_TEXT,
                 stroke_width: float = 2.0, tick_size: float = 0.07, **kwargs):
        super().__init__(**kwargs)
        self.x_range = (float(x_range[0]), float(x_range[1]))
        self.y_range = (float(y_range[0]), float(y_range[1]))
        self.size = (float(width), float(height))
        self.x_axis = Line([0, 0, 0], [width, 0, 0], stroke_color=color, stroke_width=stroke_width)
        self.y_axis = Line([0, 0, 0], [0, height, 0], stroke_color=color, stroke_width=stroke_width)
        self.x_ticks = self._ticks(x_ticks, self.x_range, most_ticks)
        self.y_ticks = self._ticks(y_ticks, self.y_range, most_ticks)
        xs = np.array([v for v, _ in self.x_ticks])
        ys = np.array([v for v, _ in self.y_ticks])
        bx, by = self.to_scene(xs, np.full(len(xs), self.y_range[0])), self.to_scene(np.full(len(ys), self.x_range[0]), ys)
        self.tick_marks = VMobject(stroke_color=color, stroke_width=stroke_width)
        self.tick_marks.points = np.concatenate([line_points(bx + [0, tick_size, 0], bx - [0, tick_size, 0]),
                                                 line_points(by + [tick_size, 0, 0], by - [tick_size, 0, 0])])
        self.numbers = VGroup()
        self.x_numbers, self.y_numbers = VGroup(), VGroup()
        if number_size is not None:
            for (v, text), p in zip(self.x_ticks, bx):
                self.x_numbers.add(label(text, size=number_size, color=color).next_to(p, DOWN, buff=0.15))
            for (v, text), p in zip(self.y_ticks, by):
                self.y_numbers.add(label(text, size=number_size, color=color).next_to(p, LEFT, buff=0.15))
            self.numbers.add(self.x_numbers, self.y_numbers)
        self.add(self.x_axis, self.y_axis, self.tick_marks, self.numbers)

    @staticmethod
    def _ticks(ticks, rng, most):
        if ticks is None:
            values = nice_ticks(rng[0], rng[1], most)
            step = tick_step(values)
            return [(float(v), tick_text(v, step)) for v in values]
        out = []
        values = [t if np.isscalar(t) else t[0] for t in ticks]
        step = tick_step(values)
        for t in ticks:
            out.append((float(t), tick_text(t, step)) if np.isscalar(t) else (float(t[0]), str(t[1])))
        return out

    def to_scene(self, x, y) -> np.ndarray:
        """Scene points of data coordinates ``(x, y)`` (vectorised)."""
        o = self.x_axis.get_start()
        ex = (self.x_axis.get_end() - o) / (self.x_range[1] - self.x_range[0])
        ey = (self.y_axis.get_end() - self.y_axis.get_start()) / (self.y_range[1] - self.y_range[0])
        x = np.asarray(x, float) - self.x_range[0]
        y = np.asarray(y, float) - self.y_range[0]
        return o + x[..., None] * ex + y[..., None] * ey
