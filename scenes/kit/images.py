"""Pixel pictures: MNIST digits (grey) and weight images (green positive / red negative).

``PixelGrid`` draws every pixel as its own square (so pixels can later move into neurons;
``grid.pixels[i]`` is pixel ``i`` in row-major order). For pictures where no pixel moves, the cheap
form is ``pixels.PixelImage`` (one VMobject per colour). No ``ImageMobject``: with Pillow >= 12,
manim 0.22's cairo camera cannot draw one.
"""

from __future__ import annotations

import numpy as np
from manim import Rectangle, Square, VGroup

from netcore.colors import weight_colors

from . import palette as P

__all__ = ["PixelGrid", "digit_image", "weight_grid", "grey_rgb", "weight_rgb"]


def grey_rgb(pixels) -> np.ndarray:
    """(28, 28, 3) uint8 grey levels for pixel values in [0, 1]."""
    v = np.clip(np.asarray(pixels, float).reshape(28, 28), 0, 1)
    return np.repeat((v * 255).round().astype(np.uint8)[:, :, None], 3, axis=2)


def weight_rgb(weights, w_max: float | None = None) -> np.ndarray:
    """(28, 28, 3) uint8: positive green, negative red, brightness by |w| / w_max (default: max |w|),
    through netcore's one weight-to-colour map (``netcore.colors.weight_colors``)."""
    w = np.asarray(weights, float).reshape(28, 28)
    rgb = weight_colors(w, "layer" if w_max is None else float(w_max), P.WEIGHT_POSITIVE.to_rgb(),
                        P.WEIGHT_NEGATIVE.to_rgb())
    return (rgb * 255).round().astype(np.uint8)


class PixelGrid(VGroup):
    """A picture drawn as one square mobject per pixel, so single pixels can move on their own.

    ``self.pixels`` holds the squares in row-major order (``grid.pixels[i]`` is pixel ``i``, row 0 at
    the top), centred on the origin; ``self.frame`` is the optional outline. Costs one draw call per
    pixel: for a picture whose pixels stay put, ``pixels.PixelImage`` is far cheaper.

    Parameters
    ----------
    rgb : numpy.ndarray, shape (rows, cols, 3)
        The pixels' colours, uint8 0..255 (a 28x28 digit from ``grey_rgb`` or weights from
        ``weight_rgb``).
    side : float
        Scene width of the picture (the height follows the rows / cols ratio).
    outline : bool
        Draw a thin frame in ``palette.FAINT`` around it.

    Examples
    --------
    >>> grid = PixelGrid(grey_rgb(image), side=2.8)
    >>> self.play(grid.pixels[406].animate.move_to(neuron))  # one pixel leaves the picture
    """

    def __init__(self, rgb: np.ndarray, side: float = 3.0, outline: bool = True, **kwargs):
        super().__init__(**kwargs)
        rgb = np.asarray(rgb)
        rows, cols = rgb.shape[:2]
        s = side / cols
        self.pixels = VGroup()
        for i in range(rows):
            for j in range(cols):
                color = "#%02x%02x%02x" % tuple(int(c) for c in rgb[i, j])
                sq = Square(side_length=s, stroke_width=0, fill_color=color, fill_opacity=1)
                sq.move_to([(j - (cols - 1) / 2) * s, ((rows - 1) / 2 - i) * s, 0])
                self.pixels.add(sq)
        self.add(self.pixels)
        if outline:
            self.frame = Rectangle(width=side, height=side * rows / cols, stroke_color=P.FAINT, stroke_width=1.5)
            self.add(self.frame)


def digit_image(pixels, side: float = 3.0, outline: bool = True) -> PixelGrid:
    """An MNIST image (784 values in [0, 1]) as 784 grey squares."""
    return PixelGrid(grey_rgb(pixels), side, outline)


def weight_grid(weights, side: float = 3.0, w_max: float | None = None, outline: bool = True) -> PixelGrid:
    """A hidden neuron's 784 incoming weights as 784 green/red squares."""
    return PixelGrid(weight_rgb(weights, w_max), side, outline)
