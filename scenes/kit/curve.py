"""A sampled cost curve (a netcore slice) drawn on axes, with balls that hop along it step by step.

The curve is drawn through netcore's samples ``t``, ``cost`` and exact slopes ``dC/dt`` with a cubic
Hermite interpolant (it passes through every sample with the sample's true slope); balls rest on that
curve. Positions of balls at steps are netcore's descent positions; between two steps a ball hops on
a low arc (a gradient step is a jump, not a roll) and lands exactly on the curve.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, PI, NumberLine, VGroup, VMobject, smooth

from . import palette as P
from .surface import Ball2D, Replay


class CurveView(VGroup):
    """Axes over ``x_range`` x ``y_range`` (each ``(lo, hi, tick step)``; the y-axis at the left end,
    the x-axis at the bottom) with the curve of samples ``(t, cost, slope)`` drawn inside ``x_range``."""

    def __init__(self, t, cost, slope, x_range, y_range, width: float = 10.0, height: float = 4.5,
                 curve_color=P.TEXT, curve_width: float = 4.0, axis_color=P.DIM_TEXT, numbers: bool = True,
                 number_size: float = P.TINY_SIZE + 4, x_places: int = 2, y_places: int = 1, **kwargs):
        from scipy.interpolate import CubicHermiteSpline

        super().__init__(**kwargs)
        self.t, self.cost, self.slope = (np.asarray(v, float) for v in (t, cost, slope))
        self.spline = CubicHermiteSpline(self.t, self.cost, self.slope)
        self.x_range, self.y_range = tuple(x_range), tuple(y_range)
        self.size = (float(width), float(height))

        def axis(rng, length, places, rotation, label_direction):
            return NumberLine(x_range=list(rng), length=length, color=axis_color, stroke_width=2,
                              include_numbers=numbers, font_size=number_size, rotation=rotation,
                              label_direction=label_direction, include_tip=False,
                              decimal_number_config={"num_decimal_places": places, "color": P.DIM_TEXT})

        self.x_axis = axis(self.x_range, width, x_places, 0, DOWN)
        self.y_axis = axis(self.y_range, height, y_places, PI / 2, LEFT)
        if numbers:
            for num in self.y_axis.numbers:  # beside the axis
                num.next_to(self.y_axis.n2p(num.number), LEFT, buff=0.12)
        self.x_axis.shift(-self.x_axis.n2p(self.x_range[0]))
        self.y_axis.shift(-self.y_axis.n2p(self.y_range[0]))
        self.axes = VGroup(self.x_axis, self.y_axis)
        lo, hi = max(self.x_range[0], self.t[0]), min(self.x_range[1], self.t[-1])
        ts = np.linspace(lo, hi, 400)
        self.curve = VMobject(stroke_color=curve_color, stroke_width=curve_width)
        self.curve.set_points_smoothly(self.to_scene(ts, self.cost_at(ts)))
        self.add(self.axes, self.curve)
        self.center()

    # --- geometry (vectorised) ---------------------------------------------------------------------
    def _frame(self):
        """The scene point of (x_range[0], y_range[0]) and the scene vectors of one data unit."""
        o = self.x_axis.n2p(self.x_range[0])
        ex = (self.x_axis.n2p(self.x_range[1]) - o) / (self.x_range[1] - self.x_range[0])
        oy = self.y_axis.n2p(self.y_range[0])
        ey = (self.y_axis.n2p(self.y_range[1]) - oy) / (self.y_range[1] - self.y_range[0])
        return o, ex, ey

    def to_scene(self, t, y) -> np.ndarray:
        """Scene points of data coordinates (t, y)."""
        o, ex, ey = self._frame()
        t = np.asarray(t, float) - self.x_range[0]
        y = np.asarray(y, float) - self.y_range[0]
        return o + t[..., None] * ex + y[..., None] * ey

    def cost_at(self, t):
        return self.spline(t)

    def point(self, t) -> np.ndarray:
        return self.to_scene(t, self.cost_at(t))

    def place_above(self, mob, lo=None, hi=None, gap: float = 0.12):
        """Put ``mob`` left-aligned inside the plot, just above the highest point of the drawn curve
        (between ``lo`` and ``hi``) beneath it, so a note never covers the curve it is about."""
        lo = max(self.x_range[0], self.t[0]) if lo is None else lo
        hi = min(self.x_range[1], self.t[-1]) if hi is None else hi
        mob.move_to([self.to_scene(lo, self.y_range[0])[0] + 0.25, 0, 0], aligned_edge=LEFT)
        ts = np.linspace(lo, hi, 200)
        xs = self.to_scene(ts, np.full_like(ts, self.y_range[0]))[:, 0]
        under = ts[(xs >= mob.get_left()[0] - 0.1) & (xs <= mob.get_right()[0] + 0.1)]
        top = float(self.to_scene(under, self.cost_at(under))[:, 1].max())
        return mob.set_y(top + gap + mob.height / 2)

    def normal(self, t) -> np.ndarray:
        """Unit normal (pointing up) of the drawn curve at ``t``, in scene space."""
        o, ex, ey = self._frame()
        tangent = ex + float(self.spline(t, 1)) * ey
        n = np.array([-tangent[1], tangent[0], 0.0])
        n = n / np.linalg.norm(n)
        return n if n[1] >= 0 else -n

    def inside(self, t) -> bool:
        return self.x_range[0] <= t <= self.x_range[1] and self.t[0] <= t <= self.t[-1]

    # --- balls ------------------------------------------------------------------------------------
    def ball(self, t0: float, color=P.BALL, radius: float = 0.13) -> Ball2D:
        b = Ball2D(radius=radius, color=color)
        self.rest(b, t0)
        return b

    def rest(self, ball: Ball2D, t: float, cost: float | None = None) -> None:
        """Put the ball on the curve at ``t`` (``cost``: the exact cost there, recorded on the ball)."""
        h = float(self.cost_at(t))
        ball.set_state([t], h if cost is None else cost, self.point(t), self.normal(t))

    def hop_point(self, t0, t1, f, lift: float = 0.35) -> tuple[np.ndarray, np.ndarray]:
        """Where a ball hopping from ``t0`` to ``t1`` is at fraction ``f``: on the chord between the
        two curve points, raised by an arc, and never below the curve. Returns (contact, normal)."""
        p0, p1 = self.point(t0), self.point(t1)
        p = p0 + (p1 - p0) * f
        arc = lift * min(1.0, np.linalg.norm(p1 - p0)) * 4 * f * (1 - f)
        p = p + np.array([0.0, arc, 0.0])
        t = t0 + (t1 - t0) * f
        if self.inside(t):
            on = self.point(t)
            if p[1] < on[1]:
                p = on
        return p, (self.normal(t) if self.inside(t) else np.array([0.0, 1.0, 0.0]))


class Hopper:
    """Balls replaying netcore ``DescentPath``s on a ``CurveView``: one ``Replay`` moves them all.

    State ``s``: every ball is at step ``min(s, its last step)``; between steps it hops. A ball whose
    next position leaves the picture (or whose path escaped) flies off and fades."""

    def __init__(self, view: CurveView, paths, colors, radius: float = 0.13, on_step=None, trails: bool = False,
                 trail_width: float = 2.0):
        self.view = view
        self.paths = list(paths)
        self.positions = [np.asarray(p.positions, float)[:, 0] for p in self.paths]
        self.costs = [np.asarray(p.costs, float) for p in self.paths]
        self.balls = [view.ball(pos[0], c, radius) for pos, c in zip(self.positions, colors)]
        # trails: straight chords between the points where the ball landed (a zigzag when it overshoots)
        self.trails = [VMobject(stroke_color=c, stroke_width=trail_width, stroke_opacity=0.8) for c in colors] if trails else []
        self.group = VGroup(*self.trails, *self.balls)
        self.on_step = on_step
        self.n_states = max(len(p) for p in self.positions)
        self.step = -1
        self.set_state(0.0)

    def set_state(self, s: float) -> None:
        for i, (ball, pos, costs) in enumerate(zip(self.balls, self.positions, self.costs)):
            last = len(pos) - 1
            k = min(int(np.floor(s)), last)
            f = 0.0 if k >= last else s - k
            if self.trails:
                landed = [t for t, c in zip(pos[:k + 1], costs[:k + 1]) if self.view.inside(t) and np.isfinite(c)]
                if len(landed) >= 2:
                    self.trails[i].set_points_as_corners(self.view.point(np.array(landed)))
                else:
                    self.trails[i].points = np.zeros((0, 3))
            if f <= 0:
                if self.view.inside(pos[k]) and np.isfinite(costs[k]):
                    self.view.rest(ball, pos[k], costs[k])
                    ball.set_visibility(1)
                else:
                    ball.set_visibility(0)
                continue
            f = smooth(f)
            t1 = pos[k + 1]
            if self.view.inside(t1) and np.isfinite(costs[k + 1]):
                contact, normal = self.view.hop_point(pos[k], t1, f)
                ball.place(contact, normal)
            else:  # flies out of the picture along its step and fades
                p0 = self.view.point(pos[k])
                target = self.view.to_scene(t1, self.view.y_range[1] * 1.1)
                ball.move_to(p0 + (target - p0) * f)
                ball.set_visibility(1 - f)
        step = int(np.floor(s + 1e-9))
        if step != self.step:
            self.step = step
            if self.on_step is not None:
                self.on_step(step)

    def replay(self, seconds_per_step: float, mobject=None, n_states: int | None = None, **kw) -> Replay:
        n = self.n_states if n_states is None else n_states
        return Replay(self.group if mobject is None else mobject, n, self.set_state,
                      run_time=seconds_per_step * max(n - 1, 1), **kw)
