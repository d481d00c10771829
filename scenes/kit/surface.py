"""Mobjects for cost surfaces and curves: the surface as coloured quads, its contour lines, a ball
that rests on it, and a flat arrow on its tangent plane.

Nothing here computes cost: heights come from the caller (netcore's smooth height function of a
landscape or slice, or netcore's closed form) and grid values from netcore's grid. The map from plane
coordinates to the scene is ``geometry.SceneMap``; replays are ``animations.Replay``.
"""

from __future__ import annotations

import numpy as np
from manim import (
    ManimColor,
    DR,
    OUT,
    WHITE,
    VGroup,
    VMobject,
)

from . import palette as P
from .geometry import SceneMap, arrow_points, line_points

__all__ = ["CostSurface", "ContourLines", "Ball", "Ball2D", "FlatArrow", "log_levels", "subsample"]


def log_levels(values, lo=None, hi=None):
    """Normalised log-height in [0, 1] (colour by height on a log scale: the valleys keep contrast)."""
    v = np.log(np.maximum(np.asarray(values, float), 1e-12))
    lo = np.log(max(lo, 1e-12)) if lo is not None else v.min()
    hi = np.log(max(hi, 1e-12)) if hi is not None else v.max()
    return np.clip((v - lo) / (hi - lo if hi > lo else 1.0), 0, 1)


class CostSurface(VGroup):
    """A grid of heights ``cost[i, j]`` at ``(alphas[i], betas[j])`` drawn as quads through ``smap``.

    ``max_faces`` per side: the grid is subsampled (every k-th grid point, always keeping the last)
    so that at most that many faces run along each axis; vertices stay exact grid values.

    Drawn cheaply: each face's colour is its mean height on a log scale (``color_scale="log"``; or
    ``"linear"``) through ``palette.surface_color``,
    darkened by a fixed light (Lambert shading baked in once) and a faint checkerboard; faces of
    (nearly) the same colour are merged into ONE VMobject of many closed subpaths. So the surface
    costs a few dozen draw calls per frame instead of one per face, and no per-frame shading. The
    merged pieces are not depth-sorted, which is exact for a height field seen from above the
    horizon without folds in front of the camera (the views used here).

    Parameters
    ----------
    alphas, betas : array_like, shape (I,) and (J,)
        Plane coordinates of the grid lines (ignored when ``grid_ab`` is given).
    cost : array_like, shape (I, J)
        The height at every grid point.
    smap : SceneMap
        The map from plane coordinates and height to scene points.
    max_faces : int
        Most faces along each side of a rectilinear grid.
    opacity : float
        Fill and stroke opacity of the faces.
    color_levels, shade_levels : int
        How finely face colours and light shades are binned before faces are merged (more levels:
        smoother colours, more pieces).
    checker : float
        How much darker every other face is (0: no checkerboard).
    color_scale : {"log", "linear"}
        Colour by log height (valleys keep contrast) or by height.
    grid_ab : tuple of two arrays, shape (I, J), optional
        Plane coordinates ``(A, B)`` of each grid point, for a grid that is not rectilinear (e.g.
        polar); it is drawn as given, not subsampled.

    Examples
    --------
    >>> a = b = np.linspace(-1, 1, 41)
    >>> cost = np.add.outer(a ** 2, b ** 2) + 0.1
    >>> smap = SceneMap((-1, 1), (-1, 1), (0, 2.1), size=(6, 6, 2))
    >>> surface = CostSurface(a, b, cost, smap, max_faces=20)  # 20 x 20 faces, a few dozen pieces
    """

    LIGHT = np.array([-0.35, 0.45, 1.0]) / np.linalg.norm([-0.35, 0.45, 1.0])

    def __init__(self, alphas, betas, cost, smap: SceneMap, max_faces: int = 32, opacity: float = 1.0,
                 color_levels: int = 40, shade_levels: int = 6, checker: float = 0.06, color_scale: str = "log",
                 grid_ab=None, **kwargs):
        super().__init__(**kwargs)
        cost = np.asarray(cost, float)
        if grid_ab is None:  # a rectilinear grid alphas x betas, subsampled
            alphas, betas = np.asarray(alphas, float), np.asarray(betas, float)
            ia = subsample(len(alphas), max_faces)
            ib = subsample(len(betas), max_faces)
            self.alphas, self.betas, self.cost = alphas[ia], betas[ib], cost[np.ix_(ia, ib)]
            self.grid_indices = (ia, ib)
            A, B = np.meshgrid(self.alphas, self.betas, indexing="ij")
        else:  # any quad grid: plane coordinates A[i, j], B[i, j] with cost[i, j] there (e.g. polar)
            A, B = (np.asarray(v, float) for v in grid_ab)
            self.alphas = self.betas = None
            self.cost = cost
            ia, ib = np.arange(A.shape[0]), np.arange(A.shape[1])
        self.grid_ab = (A, B)
        self.smap = smap
        pts = smap(A, B, self.cost)
        lo, hi = float(cost.min()), float(cost.max())
        self.range = (lo, hi)
        c00, c10, c11, c01 = pts[:-1, :-1], pts[1:, :-1], pts[1:, 1:], pts[:-1, 1:]
        corners = np.stack([c00, c10, c11, c01], axis=2).reshape(-1, 4, 3)  # faces in (i, j) order
        normal = np.cross(c11 - c00, c01 - c10).reshape(-1, 3)
        normal /= np.linalg.norm(normal, axis=1, keepdims=True)
        normal *= np.sign(normal[:, 2:3] + 1e-12)
        shade = 0.55 + 0.45 * np.clip(normal @ self.LIGHT, 0, 1)
        mean = 0.25 * (self.cost[:-1, :-1] + self.cost[1:, :-1] + self.cost[1:, 1:] + self.cost[:-1, 1:]).ravel()
        if color_scale == "log":
            level = log_levels(mean, lo, hi)
        else:  # linear in height
            level = np.clip((mean - lo) / (hi - lo if hi > lo else 1.0), 0, 1)
        ii, jj = np.meshgrid(np.arange(len(ia) - 1), np.arange(len(ib) - 1), indexing="ij")
        check = ((ii + jj) % 2).ravel()
        self.face_level = level  # per face: normalised log height (tests, legends)
        key_l = np.minimum((level * color_levels).astype(int), color_levels - 1)
        key_s = np.minimum(((shade - 0.55) / 0.45 * shade_levels).astype(int), shade_levels - 1)
        keys = key_l * (shade_levels * 2) + key_s * 2 + check
        self.pieces = VGroup()
        for k in np.unique(keys):
            idx = np.flatnonzero(keys == k)
            base = np.mean([P.surface_color(t).to_rgb() for t in level[idx]], axis=0)
            rgb = base * np.mean(shade[idx]) * (1 - checker * check[idx[0]])
            color = ManimColor(np.clip(rgb, 0, 1))
            quad = corners[idx]
            piece = VMobject(fill_color=color, fill_opacity=opacity, stroke_color=color, stroke_width=0.8,
                             stroke_opacity=opacity)
            piece.points = line_points(quad.reshape(-1, 3), np.roll(quad, -1, axis=1).reshape(-1, 3))
            piece.face_ids = idx
            self.pieces.add(piece)
        self.add(self.pieces)


def subsample(n: int, max_faces: int) -> np.ndarray:
    step = max(1, int(np.ceil((n - 1) / max_faces)))
    idx = np.arange(0, n, step)
    if idx[-1] != n - 1:
        idx = np.append(idx, n - 1)
    return idx


class ContourLines(VGroup):
    """Level lines of the grid at ``levels``; ``flat_z`` (scene z) draws them flat, else at their height.

    The lines are traced on the grid's values by ``contourpy`` (straight pieces between grid cells)
    and mapped to the scene through ``smap``. Every separate line is its own VMobject with an
    attribute ``level`` (the cost it marks).

    Parameters
    ----------
    alphas, betas : array_like, shape (I,) and (J,)
        Plane coordinates of the grid lines.
    cost : array_like, shape (I, J)
        The height at every grid point.
    smap : SceneMap
        The map from plane coordinates and height to scene points.
    levels : iterable of float
        The costs to draw a line at.
    flat_z : float, optional
        Draw every line at this scene height (a map under or over the surface) instead of at its cost.
    color : ManimColor
        Stroke colour.
    stroke_width, opacity : float
        Stroke width and opacity.

    Examples
    --------
    >>> rings = ContourLines(a, b, cost, smap, levels=[0.2, 0.5, 1.0], flat_z=0.0)  # CostSurface's grid
    >>> [line.level for line in rings]  # one closed ring per level
    [0.2, 0.5, 1.0]
    """

    def __init__(self, alphas, betas, cost, smap: SceneMap, levels, flat_z: float | None = None,
                 color=P.CONTOUR, stroke_width: float = 1.2, opacity: float = 0.7, **kwargs):
        super().__init__(**kwargs)
        import contourpy

        gen = contourpy.contour_generator(np.asarray(betas, float), np.asarray(alphas, float), np.asarray(cost, float))
        for level in levels:
            for line in gen.lines(level):  # (k, 2) columns (b, a)
                if len(line) < 2:
                    continue
                z = np.full(len(line), level)
                pts = smap(line[:, 1], line[:, 0], z)
                if flat_z is not None:
                    pts[:, 2] = flat_z
                m = VMobject(stroke_color=color, stroke_width=stroke_width, stroke_opacity=opacity)
                m.set_points_as_corners(pts)
                m.level = float(level)
                self.add(m)


class Ball(VGroup):
    """A ball resting on a surface: a shaded disc that always faces the camera (register it with
    ``scene.add_fixed_orientation_mobjects(ball)`` in a ThreeDScene), touching the contact point.

    A disc instead of a mesh sphere: it is drawn after the surface (never hidden by the painter's
    sort of the surface's faces) and costs two paths per frame. ``set_state`` records the ball's
    plane ``coords`` and ``surface_height`` (the cost there) along with the contact point;
    ``set_visibility`` fades it.

    Parameters
    ----------
    radius : float
        Radius of the disc in scene units (the centre sits this far from the contact point).
    color : ManimColor
        Fill colour of the disc (it gets a darkening sheen and a small white highlight).
    rim : ManimColor
        Colour of the disc's thin outline (default: the background, which sets it off the surface).

    Examples
    --------
    >>> ball = Ball(radius=0.14).place(smap(0.5, 0.5, 0.6))  # on the surface at (0.5, 0.5)
    >>> self.add_fixed_orientation_mobjects(ball)  # adds it, facing the camera
    """

    def __init__(self, radius: float = 0.14, color=P.BALL, rim=P.BACKGROUND, **kwargs):
        from manim import UL, Circle

        super().__init__(**kwargs)
        self.radius = radius
        self.disc = Circle(radius=radius, fill_color=color, fill_opacity=1, stroke_color=rim, stroke_width=1.5)
        self.disc.set_sheen(-0.45, DR)
        self.shine = Circle(radius=radius * 0.28, fill_color=WHITE, fill_opacity=0.9, stroke_width=0)
        self.shine.move_to(UL * radius * 0.38)
        self.add(self.disc, self.shine)
        self.visibility = 1.0
        self.contact = np.zeros(3)
        self.coords = np.zeros(2)
        self.surface_height = 0.0

    def set_visibility(self, alpha: float) -> "Ball":
        """Fade the whole ball (0 hidden, 1 as drawn), keeping the shine's relative opacity."""
        alpha = float(np.clip(alpha, 0, 1))
        if alpha != self.visibility:
            self.disc.set_fill(opacity=alpha).set_stroke(opacity=alpha)
            self.shine.set_fill(opacity=0.9 * alpha)
            self.visibility = alpha
        return self

    def place(self, contact_point, up=OUT) -> "Ball":
        """Rest the ball on ``contact_point`` (scene coordinates), its centre ``radius`` above along ``up``."""
        contact_point = np.asarray(contact_point, float)
        self.move_to(contact_point + np.asarray(up, float) * self.radius)
        self.contact = contact_point
        return self

    def set_state(self, coords, height, contact_point, up=OUT) -> "Ball":
        self.coords = np.atleast_1d(np.asarray(coords, float)).copy()
        self.surface_height = float(height)
        return self.place(contact_point, up)


class Ball2D(Ball):
    """The same ball for 2-D pictures (a curve in the xy-plane): it rests on the contact point along
    the curve's normal (default straight up).

    Parameters
    ----------
    radius : float
        Radius of the disc in scene units.
    color : ManimColor
        Fill colour of the disc.
    rim : ManimColor
        Colour of the disc's thin outline.

    Examples
    --------
    >>> ball = Ball2D(color=P.SERIES[0]).place(axes.to_scene(0.3, 0.8))  # centre 0.14 above the point
    >>> ball.place(view.point(0.5), view.normal(0.5))  # on a CurveView, along its normal
    """

    def place(self, contact_point, up=None) -> "Ball2D":
        return super().place(contact_point, np.array([0.0, 1.0, 0.0]) if up is None else up)

    def set_state(self, coords, height, contact_point, up=None) -> "Ball2D":
        return super().set_state(coords, height, contact_point, np.array([0.0, 1.0, 0.0]) if up is None else up)


class FlatArrow(VMobject):
    """A filled arrow polygon (see ``arrow_points``) whose geometry is reset cheaply with ``put``.

    It has no points until ``put(start, direction, length, normal)`` lays it from ``start`` along
    ``direction``, ``length`` long, its width perpendicular to ``normal`` (so it lies flat on a tangent
    plane with that normal; by default flat in the xy-plane); ``start`` and ``vector`` keep where it
    was put. Calling ``put`` every frame only replaces the polygon's points.

    Parameters
    ----------
    color : ManimColor
        Fill and outline colour (default: the downhill colour).

    Examples
    --------
    >>> arrow = FlatArrow(color=P.GRADIENT).put(ORIGIN, RIGHT + UP, 1.5)
    >>> arrow.vector  # direction scaled to the length
    array([1.06066017, 1.06066017, 0.        ])
    """

    def __init__(self, color=P.DOWNHILL, **kwargs):
        super().__init__(fill_color=color, fill_opacity=1, stroke_color=color, stroke_width=1, **kwargs)
        self.start = np.zeros(3)
        self.vector = np.zeros(3)

    def put(self, start, direction, length, normal=OUT, **shape) -> "FlatArrow":
        self.start = np.asarray(start, float)
        d = np.asarray(direction, float)
        nd = np.linalg.norm(d)
        self.vector = d / nd * length if nd > 0 else np.zeros(3)
        self.set_points_as_corners(arrow_points(start, direction, length, normal, **shape))
        return self
