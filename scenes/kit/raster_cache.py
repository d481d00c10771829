"""A cairo camera that keeps the rasters of marked mobjects, and every mobject's path, between frames.

A scene that replays a history redraws every edge of a network each frame, though from one frame to
the next only a few of the edges' bin mobjects change (an edge moves to another width bin), and
rasterizing the long thin strokes is most of a frame's cost at -qh. ``RasterCacheCamera`` strokes a
VMobject marked with ``cache_raster(mob)`` (stroke only: no fill, no background stroke, one colour)
once into a coverage mask (an A8 surface over the stroke's pixels) and then paints its stroke colour
through that mask, frame after frame, as long as its points, stroke width, cap, join and the camera
frame are unchanged (the colour and opacity may change: a fade costs nothing). Cairo blends a
translucent stroke exactly so (colour through the rasterizer's coverage), so the frames are the same,
pixel for pixel; a colour cairo treats as opaque (alpha >= 0xff00 / 0xffff) is blended another way,
so such strokes are drawn as Manim draws them. Every other mobject is drawn as Manim draws it, with
its cairo path built once per distinct points (Manim builds it point by point in Python each frame).

Use it with ``Scene.__init__(camera_class=RasterCacheCamera)``, or derive the scene from
``RasterCachedScene`` (Manim's frame tests give the scene their own renderer and camera: the marks
are then ignored). Unmarked mobjects gain too: a still picture redrawn into each play's background
reuses its paths.

Examples
--------
>>> class Replayed(Scene):
...     def __init__(self, *args, **kwargs):
...         kwargs.setdefault("camera_class", RasterCacheCamera)
...         super().__init__(*args, **kwargs)
...     def construct(self):
...         drawn = NetworkMobject(net, image)
...         for edges in drawn.edges:
...             cache_raster(*edges.bins)
"""

from __future__ import annotations

import math
from collections import OrderedDict

import cairo
from manim import Scene
from manim.camera.camera import CAP_STYLE_MAP, LINE_JOIN_MAP, Camera

__all__ = ["RasterCacheCamera", "RasterCachedScene", "cache_raster"]

# Cairo strokes a colour with alpha >= 0xff00 / 0xffff (0.9961) as opaque, by another blend whose
# roundings differ from painting through a mask: from this alpha on, strokes are drawn as Manim does.
OPAQUE = 0.99


def cache_raster(*mobjects):
    """Mark stroke-only VMobjects for ``RasterCacheCamera``; returns the first one."""
    for mob in mobjects:
        mob.cache_raster = True
    return mobjects[0] if mobjects else None


class RasterCacheCamera(Camera):
    """``Camera`` that paints cached rasters of the mobjects marked by ``cache_raster``.

    Parameters
    ----------
    max_cached : int
        Most coverage masks kept (least recently used dropped first); ``hits`` and ``misses`` count
        the marked mobjects painted from a kept mask and those stroked anew.
    max_paths : int
        Most cairo paths kept.
    """

    def __init__(self, *args, max_cached: int = 96, max_paths: int = 2048, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_cached, self.max_paths = max_cached, max_paths
        self.rasters: OrderedDict = OrderedDict()
        self.paths: OrderedDict = OrderedDict()
        self.hits = self.misses = 0

    def set_cairo_context_path(self, ctx, vmobject):
        """Manim's path for the mobject, built once per distinct points and frame (cairo keeps it)."""
        if len(vmobject.points) == 0:
            return super().set_cairo_context_path(ctx, vmobject)
        key = (vmobject.points.tobytes(), tuple(ctx.get_matrix()))
        path = self.paths.get(key)
        if path is None:
            super().set_cairo_context_path(ctx, vmobject)
            self.paths[key] = ctx.copy_path()
            if len(self.paths) > self.max_paths:
                self.paths.popitem(last=False)
        else:
            self.paths.move_to_end(key)
            ctx.new_path()
            ctx.append_path(path)
        return self

    def display_vectorized(self, vmobject, ctx):
        if not getattr(vmobject, "cache_raster", False) or len(vmobject.points) == 0 or \
                vmobject.get_fill_opacity() > 0 or vmobject.get_stroke_width(background=True) > 0:
            return super().display_vectorized(vmobject, ctx)
        rgbas = self.get_stroke_rgbas(vmobject)
        width = vmobject.get_stroke_width()
        if len(rgbas) != 1 or width == 0 or rgbas[0][3] >= OPAQUE:
            return super().display_vectorized(vmobject, ctx)
        target = ctx.get_target()
        key = (vmobject.points.tobytes(), float(width), vmobject.joint_type, vmobject.cap_style,
               tuple(ctx.get_matrix()), target.get_width(), target.get_height())
        entry = self.rasters.get(key)
        if entry is None:
            self.misses += 1
            entry = self._coverage(vmobject, ctx)
            self.rasters[key] = entry
            while len(self.rasters) > self.max_cached:
                self.rasters.popitem(last=False)
        else:
            self.hits += 1
            self.rasters.move_to_end(key)
        mask, x0, y0 = entry
        if mask is not None:
            self.set_cairo_context_color(ctx, rgbas, vmobject)
            ctx.save()
            ctx.identity_matrix()
            ctx.mask_surface(mask, x0, y0)
            ctx.restore()
        return self

    def _line_style(self, ctx, vmobject) -> None:
        """The line width, join and cap ``apply_stroke`` sets."""
        ctx.set_line_width(vmobject.get_stroke_width() * self.cairo_line_width_multiple)
        ctx.set_line_join(LINE_JOIN_MAP[vmobject.joint_type])
        ctx.set_line_cap(CAP_STYLE_MAP[vmobject.cap_style])

    def _coverage(self, vmobject, ctx):
        """The stroke's coverage (an A8 surface over its pixels within the frame) and its corner."""
        target = ctx.get_target()
        width, height = target.get_width(), target.get_height()
        m = ctx.get_matrix()
        points = self.transform_points_pre_display(vmobject, vmobject.points)
        xs = m.xx * points[:, 0] + m.xy * points[:, 1] + m.x0  # the curves lie inside their control points' box
        ys = m.yx * points[:, 0] + m.yy * points[:, 1] + m.y0
        # a stroke reaches at most half its width beyond the path (a miter join: miter-limit times that)
        half = vmobject.get_stroke_width() * self.cairo_line_width_multiple * max(abs(m.xx), abs(m.yy), abs(m.xy), abs(m.yx)) / 2
        pad = half * max(ctx.get_miter_limit(), 1.5) + 2
        x0, y0 = max(int(math.floor(xs.min() - pad)), 0), max(int(math.floor(ys.min() - pad)), 0)
        x1, y1 = min(int(math.ceil(xs.max() + pad)), width), min(int(math.ceil(ys.max() + pad)), height)
        if x1 <= x0 or y1 <= y0:
            return None, 0, 0
        mask = cairo.ImageSurface(cairo.FORMAT_A8, x1 - x0, y1 - y0)
        sub = cairo.Context(mask)
        sub.set_matrix(cairo.Matrix(m.xx, m.yx, m.xy, m.yy, m.x0 - x0, m.y0 - y0))
        Camera.set_cairo_context_path(self, sub, vmobject)  # drawn once: not worth keeping
        self._line_style(sub, vmobject)
        sub.set_source_rgba(0, 0, 0, 1)
        sub.stroke()
        mask.flush()
        return mask, x0, y0


class RasterCachedScene(Scene):
    """A ``Scene`` drawn through ``RasterCacheCamera`` (frames pixel for pixel as Manim's own)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("camera_class", RasterCacheCamera)
        super().__init__(*args, **kwargs)
