"""Animations that replay recorded data: one animation through a sequence of states, numbers that
change value without re-typesetting, and a flash along a layer's edges.

Each of them is ONE Manim animation however much moves, so a scene redraws only what changes.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
from manim import Animation, Mobject, UpdateFromAlphaFunc, VGroup, rate_functions

__all__ = ["Replay", "change_values", "EdgeSweep", "fade_in_strokes", "scale_stroke_opacity", "hand_over"]


class Replay(Animation):
    """One continuous animation through recorded states ``0 .. n_states - 1``.

    Parameters
    ----------
    mobject
        What the scene redraws every frame (it must already be in the scene); ``on_state`` changes it.
    n_states
        How many states there are (snapshots, steps).
    on_state
        Called every frame with a fractional state ``s`` (3.4: 40 % of the way from state 3 to state
        4); it sets every moving mobject from the data.
    durations
        ``n_states - 1`` relative times of the transitions (default: equal).

    Examples
    --------
    >>> class Count(Scene):
    ...     def construct(self):
    ...         step = FastNumber(0, places=0, widest=100)
    ...         self.add(step)
    ...         self.play(Replay(step, 101, lambda s: step.set_value(int(s)), run_time=3))
    """

    def __init__(self, mobject: Mobject, n_states: int, on_state: Callable[[float], None],
                 durations: Sequence[float] | None = None, run_time: float = 10.0,
                 rate_func=rate_functions.linear, **kwargs):
        self.n_states = int(n_states)
        self.on_state = on_state
        if durations is None:
            durations = np.ones(max(self.n_states - 1, 1))
        d = np.asarray(durations, float)
        if len(d) != max(self.n_states - 1, 1) or np.any(d < 0) or d.sum() <= 0:
            raise ValueError("need n_states - 1 non-negative durations with a positive sum")
        self.knots = np.concatenate([[0.0], np.cumsum(d) / d.sum()])
        super().__init__(mobject, run_time=run_time, rate_func=rate_func, **kwargs)

    def state_at(self, alpha: float) -> float:
        """The fractional state at animation progress ``alpha`` in [0, 1]."""
        if self.n_states <= 1:
            return 0.0
        return float(np.interp(alpha, self.knots, np.arange(len(self.knots))))

    def create_starting_mobject(self) -> Mobject:
        return Mobject()  # nothing to copy: every frame is set from the data

    def interpolate(self, alpha: float) -> None:
        self.on_state(self.state_at(self.rate_func(alpha)))


def change_values(numbers, values, **kwargs) -> UpdateFromAlphaFunc:
    """One animation taking each ``FastNumber`` of ``numbers`` from its value to the matching entry of
    ``values`` (like Manim's ``ChangeDecimalToValue``, without re-typesetting); it ends exactly on
    ``values``.

    Examples
    --------
    >>> self.play(change_values([cost, step], [0.067, 3000]), run_time=2)
    """
    numbers, ends = list(numbers), [float(v) for v in values]
    starts = [n.get_value() for n in numbers]

    def update(_, alpha):
        for n, a, b in zip(numbers, starts, ends):
            n.set_value(b if alpha >= 1 else a + alpha * (b - a))

    return UpdateFromAlphaFunc(VGroup(*numbers), update, **kwargs)


class EdgeSweep(Animation):
    """A flash running along every edge of a layer at once (the signal moving forward).

    Parameters
    ----------
    edges
        A ``network.LayerEdges`` (its ``bins`` and ``partial_points``).
    width
        The flash's length, as a fraction of each edge.

    Examples
    --------
    >>> self.play(EdgeSweep(netmob.edges[0]))
    """

    def __init__(self, edges, width: float = 0.35, run_time: float = 0.8, **kwargs):
        self.source = edges
        self.width = width
        flash = edges.copy()
        for m in flash.bins:
            m.set_stroke(width=m.get_stroke_width() + 1.5, opacity=1.0)
            m.set_stroke(color=m.get_stroke_color().lighter(0.5))
        super().__init__(flash, run_time=run_time, remover=True, rate_func=rate_functions.linear, **kwargs)

    def interpolate_mobject(self, alpha: float) -> None:
        t = alpha * (1 + self.width)
        for m, pts in zip(self.mobject.bins, self.source.partial_points(t - self.width, t)):
            m.points = pts


def fade_in_strokes(group) -> UpdateFromAlphaFunc:
    """Fade in the strokes of every part of ``group`` (e.g. a network's edges) by opacity alone: no
    points are copied or interpolated, unlike ``FadeIn``, so hundreds of edges fade in cheaply.

    Examples
    --------
    >>> self.play(fade_in_strokes(network.edges), run_time=1.2)
    """
    parts = [m for m in group.get_family() if len(m.points)]
    full = [m.get_stroke_opacity() for m in parts]
    for m in parts:
        m.set_stroke(opacity=0)

    def update(_, alpha):
        for m, o in zip(parts, full):
            m.set_stroke(opacity=o * alpha)

    return UpdateFromAlphaFunc(group, update)


def scale_stroke_opacity(group, factor: float, **kwargs) -> UpdateFromAlphaFunc:
    """Scale the stroke opacity of every part of ``group`` by ``factor`` (below 1 dims edges, above 1
    restores them), by opacity alone, as ``fade_in_strokes`` does.

    Examples
    --------
    >>> self.play(scale_stroke_opacity(network.edges, 0.25), run_time=0.5)   # dim the weights
    """
    parts = [m for m in group.get_family() if len(m.points)]
    start = [m.get_stroke_opacity() for m in parts]

    def update(_, alpha):
        for m, o in zip(parts, start):
            m.set_stroke(opacity=o * (1 + (factor - 1) * alpha))

    return UpdateFromAlphaFunc(group, update, **kwargs)


def hand_over(numbers, values, then=None) -> UpdateFromAlphaFunc:
    """One animation handing ``numbers`` (FastNumbers) over to new ``values``: they fade out in its first
    half, take the new values (and call ``then``) at its midpoint, and fade back in; so no frame shows a
    number beside something it does not belong to when this plays with that thing's own swap.

    Examples
    --------
    >>> self.play(FadeTransform(old_image, new_image), hand_over([total, activation], [18.7, 0.9997]))
    """
    numbers, values = list(numbers), [float(v) for v in values]
    opacity = [n.get_fill_opacity() for n in numbers]
    state = {"swapped": False}

    def update(_, alpha):
        if alpha >= 0.5 and not state["swapped"]:
            state["swapped"] = True
            for n, v in zip(numbers, values):
                n.set_value(v)
            if then is not None:
                then()
        for n, o in zip(numbers, opacity):
            n.set_fill(opacity=o * min(1.0, abs(2 * alpha - 1)))

    return UpdateFromAlphaFunc(VGroup(*numbers), update)
