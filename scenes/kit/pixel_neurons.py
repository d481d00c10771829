"""Pixels that turn into neurons: a digit's pixels as squares that round into neuron circles holding
their grey values, and fly anywhere (into a network's input column), cheaply.

``PixelNeurons(values)`` draws every pixel as one closed outline (4 cubic segments) that is a square
(``roundness`` 0) or a circle (``roundness`` 1), of its own centre and size. Pixels of one grey value
share ONE ``VMobject`` (a 28x28 digit has at most 256 distinct values, usually far fewer), so the 784
moving pixels cost a few dozen draw calls, and a frame of any motion is one numpy computation of all
the outlines (``set_state``) instead of 784 animated mobjects. ``ValueNeuron`` is one neuron: a circle
whose fill is its activation, with the number it holds written inside (a ``FastNumber``).
"""

from __future__ import annotations

import numpy as np
from manim import LEFT, RIGHT, UP, Animation, Circle, Rectangle, Triangle, UpdateFromAlphaFunc, VGroup, VMobject

from . import palette as P
from .text import FastNumber, integer

__all__ = ["PixelNeurons", "ValueNeuron", "ActivationScale", "ring_marks", "unit_square", "unit_circle"]

_KAPPA = 4 / 3 * np.tan(np.pi / 8)  # handle length of a cubic Bezier quarter circle (radius 1)


def unit_square() -> np.ndarray:
    """(16, 3) Bezier points of a square of side 1 centred on the origin: four straight cubic segments,
    starting at the top right corner and running counter-clockwise (matching ``unit_circle``)."""
    corners = np.array([[0.5, 0.5, 0], [-0.5, 0.5, 0], [-0.5, -0.5, 0], [0.5, -0.5, 0]], float)
    out = []
    for a, b in zip(corners, np.roll(corners, -1, axis=0)):
        out += [a, a + (b - a) / 3, a + 2 * (b - a) / 3, b]
    return np.array(out)


def unit_circle() -> np.ndarray:
    """(16, 3) Bezier points of a circle of diameter 1 centred on the origin: four quarter arcs from
    45 degrees counter-clockwise, so each arc morphs from one side of ``unit_square``."""
    out = []
    for k in range(4):
        t0, t1 = np.pi / 4 + k * np.pi / 2, np.pi / 4 + (k + 1) * np.pi / 2
        a, b = np.array([np.cos(t0), np.sin(t0), 0]), np.array([np.cos(t1), np.sin(t1), 0])
        ta, tb = np.array([-np.sin(t0), np.cos(t0), 0]), np.array([-np.sin(t1), np.cos(t1), 0])
        out += [a, a + _KAPPA * ta, b - _KAPPA * tb, b]
    return np.array(out) * 0.5


def _smooth(p: np.ndarray) -> np.ndarray:
    return p * p * (3 - 2 * p)


def ring_marks(centers, radius: float, color=P.ANSWER, stroke_width: float = 2.5) -> VMobject:
    """Circles of ``radius`` around ``centers`` as ONE VMobject (one draw call however many).

    Examples
    --------
    >>> marks = ring_marks(pixels.centers[shown], radius=pixels.cell * 0.9)
    """
    centers = np.asarray(centers, float).reshape(-1, 3)
    ring = unit_circle() * 2 * radius
    m = VMobject(stroke_color=color, stroke_width=stroke_width, fill_opacity=0)
    m.points = (ring[None] + centers[:, None]).reshape(-1, 3) if len(centers) else np.zeros((0, 3))
    return m


class PixelNeurons(VGroup):
    """A square picture's pixels as shapes that round into neurons and move, one VMobject per grey value.

    Pixel ``i`` (row-major, row 0 at the top) is drawn at ``centers[i]`` with size ``sizes[i]`` (side of
    the square, diameter of the circle) and the common ``roundness`` (0 square pixels, 1 circular
    neurons with an outline). Its fill is its grey value (``palette.activation_color``: 0 black, 1
    white), exactly: no quantising. ``self.layers`` holds one VMobject per distinct value (attribute
    ``value`` and ``pixel_ids``). ``home`` / ``cell`` are the grid's centres and pixel pitch.

    Parameters
    ----------
    values : array_like, shape (n,)
        Grey values in [0, 1]; ``n`` must be a square (784 for MNIST).
    side : float
        Scene width of the picture.
    stroke_color : ManimColor
        Outline of the neurons (it grows with ``roundness``; pixels have none).
    max_stroke : float
        Outline width at ``roundness`` 1.

    Examples
    --------
    >>> pix = PixelNeurons(image, side=3.6).shift(LEFT * 3)
    >>> self.add(pix)
    >>> self.play(pix.animate_to(sizes=pix.cell * 0.8, roundness=1))  # pixels become neurons
    >>> self.play(pix.animate_to(centers=targets, sizes=target_sizes, lag=0.7))  # and fly
    """

    def __init__(self, values, side: float = 3.0, stroke_color=P.NEURON_STROKE, max_stroke: float = 1.0, **kwargs):
        super().__init__(**kwargs)
        self.values = np.clip(np.asarray(values, float).ravel(), 0, 1)
        n = len(self.values)
        self.cols = int(round(np.sqrt(n)))
        if self.cols * self.cols != n:
            raise ValueError(f"{n} values are not a square picture")
        self.cell = side / self.cols
        rows, cols = np.divmod(np.arange(n), self.cols)
        self.home = np.stack([(cols - (self.cols - 1) / 2) * self.cell, ((self.cols - 1) / 2 - rows) * self.cell,
                              np.zeros(n)], axis=1)
        self.max_stroke = max_stroke
        self.square, self.circle = unit_square(), unit_circle()
        self.layers = VGroup()
        for v in np.unique(self.values):
            m = VMobject(fill_color=P.activation_color(v), fill_opacity=1, stroke_color=stroke_color, stroke_width=0)
            m.value, m.pixel_ids = float(v), np.flatnonzero(self.values == v)
            self.layers.add(m)
        self.add(self.layers)
        self.centers, self.sizes, self.roundness = self.home.copy(), np.full(n, self.cell), 0.0
        self.set_state(self.centers, self.sizes, 0.0)

    def set_state(self, centers, sizes, roundness: float) -> "PixelNeurons":
        """Draw every pixel at ``centers`` (n, 3) with ``sizes`` (n,) and ``roundness`` in [0, 1]."""
        self.centers = np.asarray(centers, float).reshape(-1, 3).copy()
        self.sizes = np.broadcast_to(np.asarray(sizes, float), (len(self.values),)).copy()
        self.roundness = float(roundness)
        shape = self.square * (1 - self.roundness) + self.circle * self.roundness
        for m in self.layers:
            ids = m.pixel_ids[self.sizes[m.pixel_ids] > 0]  # a pixel shrunk to nothing is not drawn
            m.points = (shape[None] * self.sizes[ids, None, None] + self.centers[ids, None]).reshape(-1, 3)
            m.set_stroke(width=self.max_stroke * self.roundness)
        return self

    def shift(self, *vectors):
        super().shift(*vectors)
        total = np.sum(vectors, axis=0)
        self.centers = self.centers + total
        self.home = self.home + total
        return self

    def move_to(self, point_or_mobject, *args, **kwargs):
        target = point_or_mobject.get_center() if hasattr(point_or_mobject, "get_center") else np.asarray(point_or_mobject)
        return self.shift(np.asarray(target, float) - self.home.mean(axis=0))

    def animate_to(self, centers=None, sizes=None, roundness: float | None = None, lag: float = 0.0,
                   order=None, run_time: float = 1.5) -> Animation:
        """ONE animation from the current state to the given one (unchanged where ``None``).

        With ``lag`` > 0 the pixels start one after another (in ``order``, default row-major): pixel of
        rank k starts at ``lag * k / (n - 1)`` of the run time and takes the remaining ``1 - lag``.
        """
        n = len(self.values)
        c0, s0, r0 = self.centers.copy(), self.sizes.copy(), self.roundness
        c1 = c0 if centers is None else np.asarray(centers, float).reshape(-1, 3)
        s1 = s0 if sizes is None else np.broadcast_to(np.asarray(sizes, float), (n,)).copy()
        r1 = r0 if roundness is None else float(roundness)
        rank = np.empty(n)
        rank[np.arange(n) if order is None else np.asarray(order, int)] = np.arange(n)
        start = lag * rank / max(n - 1, 1)

        def update(_, alpha):
            p = _smooth(np.clip((alpha - start) / max(1 - lag, 1e-9), 0, 1))
            mean = float(p.mean()) if lag > 0 else _smooth(np.array(alpha))
            self.set_state(c0 + (c1 - c0) * p[:, None], s0 + (s1 - s0) * p, r0 + (r1 - r0) * mean)

        return UpdateFromAlphaFunc(self, update, run_time=run_time)


class ValueNeuron(VGroup):
    """One neuron: a circle filled by the number it holds (0 black, 1 white) with that number inside.

    ``self.circle`` and ``self.number`` (a ``FastNumber``, dark on a bright fill, light on a dark one)
    are its parts; ``set_value`` changes both, ``change_to`` animates the change.

    Parameters
    ----------
    value : float
        The activation it holds first, in [0, 1].
    radius : float
        Radius of the circle.
    places : int
        Decimal places of the number.
    size : float
        Font size of the number.

    Examples
    --------
    >>> neuron = ValueNeuron(0.0, radius=0.9)
    >>> self.play(neuron.change_to(0.99))
    """

    def __init__(self, value: float = 0.0, radius: float = 0.8, places: int = 2, size: float = P.LABEL_SIZE,
                 **kwargs):
        super().__init__(**kwargs)
        self.circle = Circle(radius=radius, stroke_color=P.NEURON_STROKE, stroke_width=3, fill_opacity=1)
        self.number = FastNumber(value, places=places, size=size, widest=1.0)
        self.add(self.circle, self.number)
        self.set_value(value)

    def set_value(self, value: float) -> "ValueNeuron":
        self.value = float(value)
        self.circle.set_fill(P.activation_color(value), opacity=1)
        self.number.set_value(value)
        self.number.set_fill(P.BACKGROUND if value > 0.5 else P.TEXT, opacity=1)
        self.number.move_to(self.circle.get_center())
        return self

    def change_to(self, value: float, run_time: float = 0.6) -> Animation:
        start, end = self.value, float(value)
        return UpdateFromAlphaFunc(self, lambda _, a: self.set_value(end if a >= 1 else start + (end - start) * a),
                                   run_time=run_time)


class ActivationScale(VGroup):
    """A horizontal bar from black (0) to white (1), labelled 0 and 1, with a pointer at a value.

    ``self.bar`` (``steps`` grey rectangles), ``self.ends`` (the two integers) and ``self.pointer``
    (a small triangle under the bar); ``point_at(value)`` moves the pointer.

    Parameters
    ----------
    width, height : float
        Size of the bar.
    steps : int
        Grey steps drawn.

    Examples
    --------
    >>> scale = ActivationScale(width=3.0).next_to(neuron, DOWN)
    >>> scale.point_at(0.35)
    """

    def __init__(self, width: float = 3.0, height: float = 0.22, steps: int = 24, size: float = P.SMALL_SIZE,
                 **kwargs):
        super().__init__(**kwargs)
        w = width / steps
        self.bar = VGroup(*[Rectangle(width=w * 1.02, height=height, stroke_width=0, fill_opacity=1,
                                      fill_color=P.activation_color((k + 0.5) / steps)).move_to([(k + 0.5) * w - width / 2, 0, 0])
                            for k in range(steps)])
        self.outline = Rectangle(width=width, height=height, stroke_color=P.FAINT, stroke_width=1.5)
        self.ends = VGroup(integer(0, size=size), integer(1, size=size))
        self.ends[0].next_to(self.outline, UP, buff=0.12).align_to(self.outline, LEFT)
        self.ends[1].next_to(self.outline, UP, buff=0.12).align_to(self.outline, RIGHT)
        self.pointer = Triangle(fill_color=P.ANSWER, fill_opacity=1, stroke_width=0).scale(0.09)
        self.add(self.bar, self.outline, self.ends, self.pointer)
        self.point_at(0.0)

    def point_at(self, value: float) -> "ActivationScale":
        """Move the pointer under ``value`` (clipped to [0, 1])."""
        left, right = self.outline.get_left()[0], self.outline.get_right()[0]
        x = left + (right - left) * float(np.clip(value, 0, 1))
        self.pointer.move_to([x, self.outline.get_bottom()[1] - self.pointer.height / 2 - 0.04, 0])
        return self
