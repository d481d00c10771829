"""A sampled cost curve (a netcore slice) drawn on axes, with balls that hop along it step by step.

The curve is drawn through netcore's samples ``t``, ``cost`` and exact slopes ``dC/dt`` with a cubic
Hermite interpolant (it passes through every sample with the sample's true slope); balls rest on that
curve. Positions of balls at steps are netcore's descent positions; between two steps a ball hops on
a low arc (a gradient step is a jump, not a roll) and lands exactly on the curve.
"""

from __future__ import annotations

import numpy as np
from manim import LEFT, VGroup, VMobject, smooth

from . import palette as P
from .animations import Replay
from .geometry import line_points
from .plot import PlotAxes
from .surface import Ball2D

__all__ = ["CurveView", "Hopper"]


class CurveView(VGroup):
    """A cost curve on axes: netcore's samples ``(t, cost, slope)`` drawn through a cubic Hermite
    interpolant over ``x_range`` x ``y_range``.

    Parameters
    ----------
    t, cost, slope
        netcore's samples along the line and the exact slope at each.
    x_range, y_range
        ``(lo, hi)`` or ``(lo, hi, tick step)``. Without a step the ticks are round values that follow
        the range. Where the curve rises above ``y_range`` it is cut (not flattened), and
        ``clipped`` is True: say so in the scene.

    Examples
    --------
    >>> view = CurveView(sl.t, sl.cost, sl.slope, (-0.5, 1.5), (0, 0.6), width=10, height=4.4)
    >>> ball = view.ball(0.25)
    """

    def __init__(self, t, cost, slope, x_range, y_range, width: float = 10.0, height: float = 4.5,
                 curve_color=P.TEXT, curve_width: float = 4.0, axis_color=P.DIM_TEXT, numbers: bool = True,
                 number_size: float = P.TINY_SIZE, most_ticks: int = 6, **kwargs):
        from scipy.interpolate import CubicHermiteSpline

        super().__init__(**kwargs)
        self.t, self.cost, self.slope = (np.asarray(v, float) for v in (t, cost, slope))
        self.spline = CubicHermiteSpline(self.t, self.cost, self.slope)
        self.x_range, self.y_range = (float(x_range[0]), float(x_range[1])), (float(y_range[0]), float(y_range[1]))
        self.size = (float(width), float(height))
        ticks = [None if len(r) < 3 else np.arange(r[0], r[1] + r[2] * 1e-6, r[2]) for r in (x_range, y_range)]
        self.plot = PlotAxes(self.x_range, self.y_range, width, height, x_ticks=ticks[0], y_ticks=ticks[1],
                             most_ticks=most_ticks, number_size=number_size if numbers else None, color=axis_color)
        self.x_axis, self.y_axis = self.plot.x_axis, self.plot.y_axis
        self.axes = self.plot
        lo, hi = max(self.x_range[0], self.t[0]), min(self.x_range[1], self.t[-1])
        ts = np.linspace(lo, hi, 400)
        ys = self.cost_at(ts)
        inside = (ys <= self.y_range[1]) & (ys >= self.y_range[0])
        self.clipped = not bool(inside.all())
        self.curve = VMobject(stroke_color=curve_color, stroke_width=curve_width)
        if inside.all():
            self.curve.set_points_smoothly(self.to_scene(ts, ys))
        else:  # one sub-path per stretch inside the range
            cuts = np.flatnonzero(np.diff(inside.astype(int))) + 1
            for run_t, run_in in zip(np.split(ts, cuts), np.split(inside, cuts)):
                if run_in[0] and len(run_t) >= 2:
                    pts = self.to_scene(run_t, self.cost_at(run_t))
                    self.curve.start_new_path(pts[0])
                    self.curve.add_points_as_corners(pts[1:])
        self.add(self.plot, self.curve)
        self.center()

    # --- geometry (vectorised) ---------------------------------------------------------------------
    def to_scene(self, t, y) -> np.ndarray:
        """Scene points of data coordinates (t, y)."""
        return self.plot.to_scene(t, y)

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
        top = float(self.to_scene(under, np.minimum(self.cost_at(under), self.y_range[1]))[:, 1].max())
        return mob.set_y(top + gap + mob.height / 2)

    def axis_marks(self, ts, size: float = 0.12) -> np.ndarray:
        """Points (for one VMobject) of short vertical marks on the x-axis at data positions ``ts``."""
        ts = np.asarray(ts, float)
        ts = ts[(ts >= self.x_range[0]) & (ts <= self.x_range[1])]  # marks only inside the picture
        if not len(ts):
            return np.zeros((0, 3))
        base = self.to_scene(ts, np.full(len(ts), self.y_range[0]))
        return line_points(base - [0, size, 0], base + [0, size, 0])

    def normal(self, t) -> np.ndarray:
        """Unit normal (pointing up) of the drawn curve at ``t``, in scene space."""
        o = self.to_scene(0.0, 0.0)
        ex, ey = self.to_scene(1.0, 0.0) - o, self.to_scene(0.0, 1.0) - o
        tangent = ex + float(self.spline(t, 1)) * ey
        n = np.array([-tangent[1], tangent[0], 0.0])
        n = n / np.linalg.norm(n)
        return n if n[1] >= 0 else -n

    def inside(self, t) -> bool:
        """Whether the curve's point at ``t`` is in the picture: inside the t range, not above the top."""
        if not (self.x_range[0] <= t <= self.x_range[1] and self.t[0] <= t <= self.t[-1]):
            return False
        return float(self.cost_at(t)) <= self.y_range[1]  # above the top: out of the picture

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
    next position leaves the picture (or whose path escaped) flies off and fades.

    Balls start at their paths' first positions; a ball at a step outside the picture, or whose cost
    there is not finite, is hidden. ``group`` holds the balls (and trails): add it to the scene, and
    ``replay`` builds the one animation. Not a mobject itself.

    Parameters
    ----------
    view : CurveView
        The curve the balls hop on.
    paths : sequence of DescentPath
        One per ball; anything with ``positions`` (S, 1 or more: column 0 is the position along
        the curve) and ``costs`` (S,) will do.
    colors : sequence of ManimColor
        One colour per ball (and its trail).
    radius : float
        Radius of the balls.
    on_step : callable, optional
        Called with the step number whenever the state's whole step changes, and once with 0 at
        creation (readouts).
    trails : bool
        Draw each ball's trail: straight lines between the points where it landed (a zigzag when it
        overshoots).
    trail_width : float
        Stroke width of the trails.

    Examples
    --------
    >>> hopper = Hopper(view, [path], [P.SERIES[0]], on_step=lambda k: step.set_value(k))
    >>> moving = VGroup(hopper.group, step)  # the balls and the readout on_step changes
    >>> self.add(moving)
    >>> self.play(hopper.replay(seconds_per_step=0.6, mobject=moving))
    """

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
