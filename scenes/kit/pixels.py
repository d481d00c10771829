"""Pixel pictures as a handful of vector shapes: every pixel of one (quantised) colour goes into ONE
``VMobject`` made of many square subpaths, so a 28x28 digit costs at most ``levels`` draw calls
however many pixels it has, and needs no ``ImageMobject``.

Why not ``images.raster``: with Pillow >= 12, manim 0.22's cairo camera cannot draw an
``ImageMobject`` at all (``Image.fromarray(np.zeros((h, w)), mode="RGBA")`` raises "Invalid mode for
data type"). These pictures also stay sharp at any resolution and can move, scale and fade like any
other VMobject. Colours follow ``images.grey_rgb`` (digits) and ``images.weight_rgb`` (weights).
"""

from __future__ import annotations

import numpy as np
from manim import Rectangle, VGroup, VMobject

from . import palette as P
from .images import grey_rgb, weight_rgb
from .geometry import line_points

__all__ = ["PixelImage", "pixel_digit", "pixel_weights", "quantise", "square_points"]


def quantise(rgb, levels: int = 32) -> np.ndarray:
    """(h, w, 3) uint8 colours rounded to ``levels`` steps per channel (still uint8 0..255)."""
    q = np.round(np.asarray(rgb, float) / 255.0 * (levels - 1))
    return np.round(q / (levels - 1) * 255.0).astype(np.uint8)


def square_points(rows: np.ndarray, cols: np.ndarray, s: float, width: float, height: float) -> np.ndarray:
    """Bezier points of closed squares of side ``s`` for pixels (rows[i], cols[i]) of a picture
    ``width`` x ``height`` centred on the origin (row 0 at the top)."""
    x0 = -width / 2 + cols * s
    y0 = height / 2 - rows * s
    z = np.zeros_like(x0)
    c = [np.stack([x0, y0, z], 1), np.stack([x0 + s, y0, z], 1), np.stack([x0 + s, y0 - s, z], 1),
         np.stack([x0, y0 - s, z], 1)]
    starts = np.stack(c, 1)  # (n, 4, 3): the four corners of each square
    ends = np.stack(c[1:] + c[:1], 1)
    return line_points(starts.reshape(-1, 3), ends.reshape(-1, 3))


class PixelImage(VGroup):
    """An (h, w, 3) uint8 picture ``side`` units wide, drawn as one VMobject per colour.

    The parts are a black backing rectangle (``self.backing``), one multi-square ``VMobject`` per
    distinct quantised colour other than black (``self.layers``; each has ``color_key``, the uint8
    colour, and ``pixel_count``), and an optional thin outline (``self.frame``). The height follows
    from the picture's aspect ratio; ``self.rgb`` keeps the quantised colours.

    Parameters
    ----------
    rgb : array_like, shape (h, w, 3)
        The picture's colours, uint8 0..255, row 0 at the top.
    side : float
        Scene width of the picture.
    levels : int
        Steps per colour channel after quantising (fewer levels: fewer layers, fewer draw calls).
    outline : bool
        Draw a thin frame around the picture.
    outline_color : ManimColor
        Colour of that frame.

    Examples
    --------
    >>> img = PixelImage(np.full((2, 3, 3), 200, np.uint8), side=3.0)  # 3 wide, 2 high
    >>> img.layers[0].pixel_count  # one colour: all six pixels in one VMobject
    6
    """

    def __init__(self, rgb, side: float = 3.0, levels: int = 32, outline: bool = True,
                 outline_color=P.FAINT, **kwargs):
        super().__init__(**kwargs)
        rgb = quantise(rgb, levels)
        h, w = rgb.shape[:2]
        s = side / w
        self.rgb = rgb
        self.backing = Rectangle(width=side, height=s * h, stroke_width=0, fill_color="#000000", fill_opacity=1)
        self.add(self.backing)
        flat = rgb.reshape(-1, 3)
        colours, inverse = np.unique(flat, axis=0, return_inverse=True)
        inverse = inverse.ravel()
        self.layers = VGroup()
        for k, colour in enumerate(colours):
            if not colour.any():
                continue  # black: the backing shows through
            idx = np.flatnonzero(inverse == k)
            m = VMobject(fill_color="#%02x%02x%02x" % tuple(int(c) for c in colour), fill_opacity=1, stroke_width=0)
            m.points = square_points(idx // w, idx % w, s, side, s * h)
            m.color_key, m.pixel_count = colour.copy(), len(idx)
            self.layers.add(m)
        self.add(self.layers)
        self.frame = None
        if outline:
            self.frame = Rectangle(width=side, height=s * h, stroke_color=outline_color, stroke_width=1.5)
            self.add(self.frame)


def pixel_digit(pixels, side: float = 3.0, **kwargs) -> PixelImage:
    """An MNIST image (784 values in [0, 1]) in grey, as a ``PixelImage`` ``side`` units wide.

    Examples
    --------
    >>> digit = pixel_digit(image, side=2.2).to_edge(LEFT)
    """
    return PixelImage(grey_rgb(pixels), side, **kwargs)


def pixel_weights(weights, side: float = 3.0, w_max: float | None = None, **kwargs) -> PixelImage:
    """A hidden neuron's 784 incoming weights as a ``PixelImage``: green positive, red negative,
    brightness by |w| / w_max (default: the largest |w| of these weights).

    Examples
    --------
    >>> tile = pixel_weights(net.weights[0][5], side=1.2)
    """
    return PixelImage(weight_rgb(weights, w_max), side, **kwargs)
