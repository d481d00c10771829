"""Drawings for "what we hope the layers do": strokes cut out of a real digit, and a layer's real
activations on many images as rows of brightness cells.

- ``stroke_picture(image, mask, color, side)``: only the masked pixels of a 28 x 28 image, tinted, on
  the image's own grid (no backing), so the parts of one digit drawn at the same place and size
  rebuild the digit, and each part can move away on its own.
- ``HeatRows(values, width, height)``: a (rows, columns) array of values in [0, 1] as cells whose
  brightness is the value (black 0, white 1, as a neuron's fill), one VMobject per brightness level.
"""

from __future__ import annotations

import numpy as np
from manim import UP, LEFT, ManimColor, Rectangle, VGroup, VMobject

from . import palette as P
from .geometry import line_points
from .pixels import PixelImage

__all__ = ["stroke_picture", "exploded_strokes", "HeatRows"]


def stroke_picture(image, mask, color, side: float = 2.0, levels: int = 10) -> PixelImage:
    """The pixels of ``image`` (784 values in [0, 1]) where ``mask`` (28 x 28 bool) holds, tinted
    ``color`` (brightness by the pixel's value), as a ``PixelImage`` ``side`` wide whose backing is
    transparent (it still spans the whole 28 x 28 grid, so ``move_to`` places the part where it lies in
    the image): pictures of the parts of one image, drawn at one place, put the digit back together.
    ``levels`` steps per colour channel (few: a part costs a handful of draw calls).

    Examples
    --------
    >>> loop = stroke_picture(nine, parts.loops[0], palette.SERIES[0], side=2.4)
    >>> line = stroke_picture(nine, parts.lines[0], palette.SERIES[1], side=2.4)  # same centre: the 9
    """
    values = np.clip(np.asarray(image, float).reshape(28, 28), 0, 1) * np.asarray(mask, bool)
    tint = np.asarray(ManimColor(color).to_rgb())
    rgb = np.round(values[:, :, None] * tint[None, None, :] * 255).astype(np.uint8)
    picture = PixelImage(rgb, side=side, levels=levels, outline=False)
    picture.backing.set_fill(opacity=0)
    return picture


def exploded_strokes(image, masks, colors, side: float = 2.0, spread: float = 0.6) -> VGroup:
    """Pieces of one image (``masks``, each tinted by ``colors[k]``) drawn on the image's grid, each
    pushed away from the middle of all the pieces' ink by ``spread`` times its own offset: an exploded
    view in which the pieces still sit where they were in the digit. Centred on the origin.

    Examples
    --------
    >>> edges = exploded_strokes(nine, little_edges, [palette.SERIES[0]] * len(little_edges), side=2.0)
    """
    masks = [np.asarray(m, bool) for m in masks]
    middle = np.argwhere(np.any(masks, axis=0)).mean(axis=0)  # (row, col)
    pieces = VGroup()
    for mask, color in zip(masks, colors):
        rows, cols = np.nonzero(mask)
        away = np.array([cols.mean() - middle[1], middle[0] - rows.mean(), 0.0]) / 28 * side * spread
        pieces.add(stroke_picture(image, mask, color, side).shift(away))
    return pieces


class HeatRows(VGroup):
    """Values in [0, 1] as a grid of cells, brightness = value (``palette.activation_color``).

    Cells are ``width / columns`` wide and ``height / rows`` tall with a thin dark gap; all cells of
    one brightness level are ONE VMobject (at most ``levels`` draw calls), plus a faint outline.
    ``cell(r, c)`` is a cell's centre, ``column_box(c)`` a rectangle around column ``c``.

    Parameters
    ----------
    values : array_like, shape (rows, columns)
        What the cells show (clipped to [0, 1]).
    width, height : float
        Scene size of the whole grid.
    levels : int
        Brightness steps.
    gap : float
        Dark space between cells, as a fraction of the smaller cell side.

    Examples
    --------
    >>> rows = HeatRows(hidden[:4], width=6.0, height=1.2)  # 4 images x 16 neurons
    >>> self.play(FadeIn(rows), Create(rows.column_box(7)))
    """

    def __init__(self, values, width: float, height: float, levels: int = 24, gap: float = 0.12, **kwargs):
        super().__init__(**kwargs)
        self.values = np.clip(np.asarray(values, float), 0, 1)
        n_rows, n_cols = self.values.shape
        self.cell_w, self.cell_h = width / n_cols, height / n_rows
        inset = gap * min(self.cell_w, self.cell_h) / 2
        self.grid_width, self.grid_height = width, height
        backing = Rectangle(width=width, height=height, stroke_color=P.FAINT, stroke_width=1.0,
                            fill_color="#000000", fill_opacity=1)
        self.add(backing)
        self.backing = backing
        level = np.round(self.values * (levels - 1)).astype(int)
        rows, cols = np.indices(level.shape)
        self.layers = VGroup()
        for k in range(1, levels):
            at = level == k
            if not at.any():
                continue
            x0 = -width / 2 + cols[at] * self.cell_w + inset
            y0 = height / 2 - rows[at] * self.cell_h - inset
            x1, y1 = x0 + self.cell_w - 2 * inset, y0 - self.cell_h + 2 * inset
            z = np.zeros_like(x0)
            corners = [np.stack(c, 1) for c in ((x0, y0, z), (x1, y0, z), (x1, y1, z), (x0, y1, z))]
            cells = VMobject(fill_color=P.activation_color(k / (levels - 1)), fill_opacity=1, stroke_width=0)
            cells.points = line_points(np.stack(corners, 1).reshape(-1, 3), np.stack(corners[1:] + corners[:1], 1).reshape(-1, 3))
            self.layers.add(cells)
        self.add(self.layers)

    def cell(self, row: int, col: int) -> np.ndarray:
        """Scene centre of cell (``row``, ``col``), row 0 at the top."""
        corner = self.backing.get_corner(UP + LEFT)
        return np.array([corner[0] + (col + 0.5) * self.cell_w, corner[1] - (row + 0.5) * self.cell_h, 0.0])

    def column_box(self, col: int, color=P.ANSWER, buff: float = 0.05) -> Rectangle:
        """A rectangle around column ``col`` (all rows)."""
        box = Rectangle(width=self.cell_w + 2 * buff, height=self.grid_height + 2 * buff, stroke_color=color,
                        stroke_width=3, fill_opacity=0)
        top = self.cell(0, col)
        return box.move_to([top[0], self.backing.get_center()[1], 0])

    def row_y(self, row: int) -> float:
        return float(self.cell(row, 0)[1])

    def column_x(self, col: int) -> float:
        return float(self.cell(0, col)[0])
