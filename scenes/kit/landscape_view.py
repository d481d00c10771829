"""A netcore landscape drawn in 3-D, with balls that replay its projected paths.

``LandscapeView(land)`` maps plane coordinates to scene space with the SAME scale along both plane
directions (they are orthonormal in parameter space, so distances on screen are real distances) and
heights (cost) from 0 up; it holds the surface mobject. ``view.rolling(...)`` builds the moving
parts for one path (ball, trail, downhill arrow) and ONE ``Replay`` animation through all snapshots.
Heights always come from ``land.height`` (netcore's smooth surface), positions from the landscape's
projected snapshots, arrows from the projected true gradients.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["LandscapeView", "Rolling"]
from typing import Callable

import numpy as np
from manim import VMobject

from . import palette as P
from .animations import Replay
from .geometry import SceneMap, at_state, path_until
from .surface import Ball, ContourLines, CostSurface, FlatArrow


class LandscapeView:
    """A cost landscape in 3-D: the surface, points and arrows on it, contour lines, rolling balls.

    Parameters
    ----------
    land
        Anything with ``alphas``, ``betas``, ``cost`` (grid), ``height(a, b)`` and ``gradient(a, b)``:
        a netcore ``Landscape``, or an adapter around netcore's closed form (optionally with a
        ``surface_grid`` of its own to draw).
    width
        Scene width of the plane; the depth follows with the same scale along both plane directions.
    z_size
        Scene height of the cost range ``0 .. z_max`` (default: the grid's largest cost).
    center
        Where the plane's centre sits (move the world, not the camera's first frame centre).

    Examples
    --------
    >>> view = LandscapeView(netcore_landscape, width=7.4, z_size=3.2)
    >>> self.add(view.surface)
    >>> rolling = view.rolling(coords, gradients)
    >>> self.play(rolling.replay(16.0))
    """

    def __init__(self, land, width: float = 7.5, depth: float | None = None, z_size: float = 3.0,
                 center=(0.0, 0.0, 0.0), max_faces: int = 32, z_max: float | None = None, color_scale: str = "log"):
        self.land = land
        a0, a1 = float(land.alphas[0]), float(land.alphas[-1])
        b0, b1 = float(land.betas[0]), float(land.betas[-1])
        if depth is None:
            depth = width * (b1 - b0) / (a1 - a0)  # equal scale along both directions
        z_max = float(np.max(land.cost)) if z_max is None else z_max
        self.smap = SceneMap((a0, a1), (b0, b1), (0.0, z_max), (width, depth, z_size), center)
        grid = getattr(land, "surface_grid", None)  # (A, B, C): a non-rectilinear grid to draw instead
        if grid is None:
            self.surface = CostSurface(land.alphas, land.betas, land.cost, self.smap, max_faces=max_faces,
                                       color_scale=color_scale)
        else:
            self.surface = CostSurface(None, None, grid[2], self.smap, color_scale=color_scale, grid_ab=grid[:2])

    # --- geometry ---------------------------------------------------------------------------------
    def height(self, a, b):
        return self.land.height(a, b)

    def point(self, a, b) -> np.ndarray:
        """The scene point on the (smooth) surface above plane coordinates (a, b)."""
        return self.smap(a, b, self.height(a, b))

    def normal(self, a, b) -> np.ndarray:
        """Unit normal of the drawn surface at (a, b), in scene space."""
        g = np.asarray(self.land.gradient(a, b), float)
        s = self.smap.scale
        n = np.array([-g[0] * s[2] / s[0], -g[1] * s[2] / s[1], 1.0])
        return n / np.linalg.norm(n)

    def tangent(self, a, b, da, db) -> np.ndarray:
        """The scene vector of a plane displacement (da, db) lifted onto the surface's tangent plane."""
        g = np.asarray(self.land.gradient(a, b), float)
        return self.smap.vector(da, db, g[0] * da + g[1] * db)

    def surface_arrow(self, a, b, da, db, color=P.GRADIENT) -> FlatArrow:
        """An arrow lying on the surface at (a, b), along the plane displacement (da, db) lifted onto
        the tangent plane (its length is that displacement's, on the surface)."""
        d = self.tangent(a, b, da, db)
        return FlatArrow(color=color).put(self.point(a, b), d, float(np.linalg.norm(d)), self.normal(a, b))

    def flat_vector(self, a, b, z, da, db, color=P.GRADIENT) -> FlatArrow:
        """An arrow at height ``z`` over (a, b) along the plane displacement (da, db) (seen from above)."""
        d = self.smap.vector(da, db, 0.0)
        length = float(np.linalg.norm(d))  # a short arrow keeps a tip in proportion, not all head
        return FlatArrow(color=color).put(self.smap(a, b, z), d, length, tip_length=min(0.22, 0.35 * length))

    def dot(self, a, b, color=P.TEXT, radius: float = 0.07):
        """A small flat dot on the surface at (a, b) (drawn after the surface)."""
        from manim import Dot

        return Dot(self.point(a, b), radius=radius, color=color)

    def plane_axes(self, overhang=(0.3, 0.5), color=P.DIM_TEXT):
        """Thin a- and b-axes through the origin of the plane at height 0, reaching ``overhang`` (before,
        after) beyond the grid."""
        from manim import Line, VGroup

        (a0, a1), (b0, b1) = (self.land.alphas[[0, -1]], self.land.betas[[0, -1]])
        before, after = overhang
        return VGroup(Line(self.smap(a0 - before, 0, 0), self.smap(a1 + after, 0, 0), color=color, stroke_width=2),
                      Line(self.smap(0, b0 - before, 0), self.smap(0, b1 + after, 0), color=color, stroke_width=2))

    def contours(self, levels, flat_z=None, **kw) -> ContourLines:
        return ContourLines(self.land.alphas, self.land.betas, self.land.cost, self.smap, levels, flat_z, **kw)

    def trail_points(self, coords, s: float, lift: float = 0.02) -> np.ndarray:
        pts = path_until(coords, s)
        out = self.point(pts[:, 0], pts[:, 1])
        out[:, 2] += lift
        return out

    # --- a rolling ball ---------------------------------------------------------------------------
    def rolling(self, coords, gradients=None, color=P.BALL, trail_color=P.PATH, arrow_scale: float | None = None,
                arrow_max: float = 1.4, on_index: Callable[[int], None] | None = None, ball_radius: float = 0.14,
                trail_width: float = 4.0) -> "Rolling":
        """Moving parts for a path of plane coordinates ``coords`` (S, 2); ``gradients`` (S, 2) are the
        projected true gradients (the arrow shows minus them). ``on_index(i)`` runs whenever the ball
        reaches snapshot ``i`` (readouts)."""
        r = Rolling(self, np.asarray(coords, float), None if gradients is None else np.asarray(gradients, float),
                    on_index, arrow_max)
        r.ball = Ball(radius=ball_radius, color=color)
        r.trail = VMobject(stroke_color=trail_color, stroke_width=trail_width)
        if gradients is not None:
            norms = np.linalg.norm(r.gradients, axis=1)
            # scene length per unit of gradient: the typical (median) arrow is 40 % of the longest
            # allowed, steeper ones grow up to arrow_max
            r.arrow_scale = arrow_scale if arrow_scale is not None else 0.4 * arrow_max / max(np.median(norms), 1e-12)
            r.arrow = FlatArrow(color=P.DOWNHILL)
        from manim import VGroup

        r.group = VGroup(*r.mobjects())  # add THIS to the scene; the replay animates it
        r.set_state(0.0)
        return r


@dataclass
class Rolling:
    """A ball rolling along one path on a ``LandscapeView``, with its trail and downhill arrow.

    Made by ``LandscapeView.rolling``, which creates the mobjects and puts them at snapshot 0; not
    meant to be built by hand. ``set_state(s)`` puts everything at fractional snapshot ``s``: the ball
    on the smooth surface, the trail along the path so far, the arrow (minus the interpolated
    gradient) on the tangent plane in front of the ball. ``group`` holds the moving parts;
    ``attach`` adds them to a ThreeDScene and ``replay`` is ONE animation through every snapshot.

    Parameters
    ----------
    view : LandscapeView
        The landscape the ball rolls on.
    coords : numpy.ndarray, shape (S, 2)
        Plane coordinates of the snapshots.
    gradients : numpy.ndarray, shape (S, 2), or None
        Projected true gradients at the snapshots (None: no arrow).
    on_index : callable or None
        Called with ``i`` whenever the ball reaches a new whole snapshot ``i`` (readouts).
    arrow_max : float
        Longest arrow in scene units.
    ball, trail, arrow : Ball, VMobject, FlatArrow or None
        The moving parts (``arrow`` only with gradients).
    arrow_scale : float
        Scene length of the arrow per unit of gradient (before the ``arrow_max`` cap).
    index, state : int, float
        The whole snapshot reached and the fractional state shown (kept up to date by ``set_state``).
    history : list of int
        Every whole snapshot reached, in order (tests).
    group : VGroup
        The moving parts together: what the scene adds and the replay redraws.

    Examples
    --------
    >>> rolling = view.rolling(coords, gradients, on_index=lambda i: step.set_value(i))
    >>> rolling.attach(self)
    >>> moving = VGroup(rolling.group, step)  # step: a FastNumber fixed in the frame
    >>> self.add(moving)
    >>> self.play(rolling.replay(16.0, mobject=moving))
    """

    view: LandscapeView
    coords: np.ndarray
    gradients: np.ndarray | None
    on_index: Callable[[int], None] | None
    arrow_max: float
    ball: Ball = None
    trail: VMobject = None
    arrow: FlatArrow | None = None
    arrow_scale: float = 1.0
    index: int = -1
    state: float = 0.0
    history: list = field(default_factory=list)
    group: object = None

    def mobjects(self):
        return [m for m in (self.trail, self.arrow, self.ball) if m is not None]

    def arrow_length(self, g_norm: float) -> float:
        return min(self.arrow_max, self.arrow_scale * g_norm)

    def set_state(self, s: float) -> None:
        """Put everything at fractional snapshot ``s``."""
        s = float(np.clip(s, 0, len(self.coords) - 1))
        self.state = s
        a, b = at_state(self.coords, s)
        h = float(self.view.height(a, b))
        contact = self.view.smap(a, b, h)
        normal = self.view.normal(a, b)
        self.ball.set_state((a, b), h, contact, normal)
        if s > 0:
            self.trail.set_points_as_corners(self.view.trail_points(self.coords, s))
        else:
            self.trail.points = np.zeros((0, 3))
        if self.arrow is not None:
            k = min(int(np.floor(s)), len(self.coords) - 1)
            f = s - k
            g = self.gradients[k] if k + 1 >= len(self.coords) else self.gradients[k] * (1 - f) + self.gradients[k + 1] * f
            d = self.view.tangent(a, b, -g[0], -g[1])
            start = contact + normal * (self.ball.radius * 1.0)
            self.arrow.put(start + d / max(np.linalg.norm(d), 1e-12) * self.ball.radius,
                           d, self.arrow_length(float(np.linalg.norm(g))), normal)
        i = int(np.floor(s + 1e-9))
        if i != self.index:
            self.index = i
            self.history.append(i)
            if self.on_index is not None:
                self.on_index(i)

    def attach(self, scene) -> None:
        """Add the moving parts to a ThreeDScene, the ball facing the camera."""
        scene.add(self.group)
        scene.add_fixed_orientation_mobjects(self.ball)

    def replay(self, run_time: float, durations=None, mobject=None, **kw) -> Replay:
        """ONE animation through every snapshot. ``mobject``: what the scene redraws each frame
        (default ``self.group``; pass a group that also holds readouts that ``on_index`` updates).
        It must already be in the scene."""
        return Replay(self.group if mobject is None else mobject, len(self.coords), self.set_state,
                      durations=durations, run_time=run_time, **kw)
